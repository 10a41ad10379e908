"""What a command imports at start-up: only what it uses (issue 12: start-up within 2x of `import yaml`).

Each command runs as `python -m ivrkit` does (`runpy`, in a fresh
interpreter), and the modules loaded by the time it exits are compared with
lists of modules it must not need: heavy libraries, the other commands'
modules, and what only a rare case needs (a `pyproject.toml` to read, a
mistake to suggest a spelling for, a findings cache with `--no-cache`).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.cli import COMMAND_MODULES

REPO = Path(__file__).resolve().parent.parent

# Runs `python -m ivrkit ARGS` from this checkout and writes the names of the loaded modules to a file.
WRAPPER = """\
import atexit, runpy, sys
out, repo = sys.argv[1], sys.argv[2]
sys.path.insert(0, repo)
def dump():
    with open(out, "w", encoding="utf-8") as stream:
        stream.write("\\n".join(sorted(sys.modules)))
atexit.register(dump)
sys.argv = ["ivrkit", *sys.argv[3:]]
runpy.run_module("ivrkit", run_name="__main__", alter_sys=True)
"""

MENU = """\
ivrkit: 1
name: Start-up
language: en
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      1: {label: pay your bill, goto: billing}
      2: {label: report an outage, goto: outage}
  billing: {type: transfer, queue: billing}
  outage: {type: message, say: We know about it., next: bye}
  bye: {type: hangup, say: Goodbye.}
"""

HEAVY = ("networkx", "textual", "pyttsx3", "rich", "ivrkit.tui", "ivrkit.speech")


def _modules(tmp_path: Path, *argv: str) -> set[str]:
    out = tmp_path / "modules.txt"
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), str(REPO), *argv],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return set(out.read_text(encoding="utf-8").split())


@pytest.fixture
def menu(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the search for a configuration file stops here
    path = tmp_path / "startup.yaml"
    path.write_text(MENU, encoding="utf-8")
    return path


def test_a_lint_imports_only_its_command_and_what_the_lint_needs(tmp_path, menu):
    loaded = _modules(tmp_path, "lint", "--no-cache", "--color", "never", str(menu))
    assert {"ivrkit.cli.lint", "ivrkit.rules.st001_dead_end", "ivrkit.rules.wd013_navigation_label_mismatch"} <= loaded
    not_needed = {
        *HEAVY,
        *(f"ivrkit.cli.{name}" for name in COMMAND_MODULES if name != "lint"),
        "ivrkit.predict",  # GL001 predicts only for a menu with a goals file
        # GL001 looks for the goals file (ivrkit.goals.naming) before it imports the goals loader
        "ivrkit.goals.load",
        "ivrkit.goals.check",
        "ivrkit.goals.model",
        "ivrkit.goals.fields",
        "ivrkit.engine",
        "ivrkit.importers",
        "ivrkit.lint.cache",  # --no-cache
        "tomllib",  # no pyproject.toml with a [tool.ivrkit] table
        "difflib",  # no unknown name to suggest a spelling for
        "tempfile",  # one root's findings never spill to a temporary file
        "importlib.resources",  # the lexicon's data is read by path
        "zipfile",
        "shutil",  # argparse's formatter is told the terminal's width (ivrkit.cli._HelpFormatter)
        "_hashlib",  # fingerprints hash with CPython's own SHA-256, not OpenSSL's
        "json",  # only a baseline file to write, or a JSON report, needs it
        # model classes make dataclasses' Field objects only when dataclasses.fields() & co. ask (ivrkit.model)
        "dataclasses",
        "inspect",  # what dataclasses imports, with ast, dis and tokenize
        "ast",
        "dis",
        "tokenize",
        "pickle",  # only findings that spill, or a menu linted on two processes
        "signal",  # only a forked rule process to stop
        "threading",  # its locks are `_thread`'s; a fork asks it about threads only if it was imported
        *(("snowballstemmer",) if importlib.util.find_spec("Stemmer") else ()),  # PyStemmer's class taken directly
    }
    assert sorted(loaded & not_needed) == []


def test_the_version_imports_neither_the_loader_nor_any_command(tmp_path):
    loaded = _modules(tmp_path, "--version")
    assert "ivrkit.cli" in loaded
    not_needed = {
        *HEAVY,
        *(f"ivrkit.cli.{name}" for name in COMMAND_MODULES),
        "yaml",
        "ivrkit.model",
        "ivrkit.loader",
        "ivrkit.lint",
        "dataclasses",
        "typing",
    }
    assert sorted(loaded & not_needed) == []


def test_a_usage_error_lists_every_command_without_importing_them(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "nosuch"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "invalid choice: 'nosuch' (choose from 'check', 'lint', 'rules', 'call', 'test', 'paths'," in result.stderr
    assert "'import', 'export', 'graph', 'schema')" in result.stderr


def test_help_lists_every_command_in_order():
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "--help"], cwd=REPO, capture_output=True, text=True, check=True
    )
    listed = [line.split()[0] for line in result.stdout.splitlines() if line[:4] == "    " and line[4:5].isalpha()]
    assert listed == [name.rstrip("_") for name in COMMAND_MODULES]


# Runs `python -m ivrkit ARGS` and prints, at exit, how many objects the interpreter's last collection skips.
FROZEN_AT_EXIT = """\
import atexit, gc, runpy, sys
sys.path.insert(0, sys.argv[1])
atexit.register(lambda: print("frozen", gc.get_freeze_count(), "enabled", gc.isenabled(), file=sys.stderr))
sys.argv = ["ivrkit", *sys.argv[2:]]
runpy.run_module("ivrkit", run_name="__main__", alter_sys=True)
"""


def _run_ivrkit_under(script: str, tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """`python -c script REPO *argv` in `tmp_path`: a script that runs `python -m ivrkit *argv` from REPO."""
    return subprocess.run(
        [sys.executable, "-c", script, str(REPO), *argv],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _frozen_at_exit(tmp_path: Path, *argv: str) -> tuple[int, str]:
    result = _run_ivrkit_under(FROZEN_AT_EXIT, tmp_path, *argv)
    return result.returncode, result.stderr.splitlines()[-1]


def test_a_batch_command_leaves_the_last_collection_nothing_to_walk(tmp_path, menu):
    """The interpreter collects once more at shutdown even with the collector off: `entry` freezes what is left."""
    code, line = _frozen_at_exit(tmp_path, "lint", "--no-cache", "--color", "never", str(menu))
    assert code in (0, 1)  # 1: the menu has findings
    frozen, enabled = line.split()[1], line.split()[3]
    assert int(frozen) > 10_000 and enabled == "False"
    code, line = _frozen_at_exit(tmp_path, "lint", "--no-cache", str(tmp_path / "missing.yaml"))
    assert code == 2 and int(line.split()[1]) > 0  # a failing run too


def test_a_lint_of_a_menu_with_a_goals_file_loads_and_predicts_its_goals(tmp_path, menu):
    goals = "menu: startup.yaml\ngoals:\n  - say: my power is out\n    reaches: outage\n"
    (tmp_path / "startup.goals.yaml").write_text(goals, encoding="utf-8")
    loaded = _modules(tmp_path, "lint", "--no-cache", "--color", "never", str(menu))
    assert {"ivrkit.goals.load", "ivrkit.goals.check", "ivrkit.predict"} <= loaded
    assert "dataclasses" not in loaded  # the prediction's classes are model classes (wordfreq imports inspect)


CALLS = """\
menu: startup.yaml
calls:
  - name: pays a bill
    press: "1"
    expect: {reaches: billing, ends_with: transfer}
"""


@pytest.mark.parametrize("command", ["lint", "check", "call", "test", "paths"])
def test_a_command_imports_neither_dataclasses_nor_inspect(tmp_path, menu, command):
    """dataclasses imports inspect, ast, dis and tokenize (5-7 ms); model classes make its Field objects only
    when `dataclasses.fields()` and the like ask for them (ivrkit.model)."""
    args = {
        "lint": ["--no-cache", str(menu)],
        "check": [str(menu)],
        "call": ["--press", "1", str(menu)],
        "paths": ["--json", str(menu)],
    }
    if command == "test":
        (tmp_path / "startup.calls.yaml").write_text(CALLS, encoding="utf-8")
    loaded = _modules(tmp_path, command, *args.get(command, [str(tmp_path / "startup.calls.yaml")]))
    assert f"ivrkit.cli.{command}" in loaded and "ivrkit.model" in loaded
    assert sorted(loaded & {"dataclasses", "inspect", "ast", "dis", "tokenize"}) == []


# Runs `python -m ivrkit ARGS` and prints at exit how many `typing.ForwardRef`s were made. Each one calls
# `compile()`, and the first `compile()` of a process sets up the C-level `ast` state (119 classes, ~9 M
# instructions); `typing.NamedTuple`'s class form under `from __future__ import annotations` makes one per field.
FORWARD_REFS_AT_EXIT = """\
import atexit, runpy, sys, typing
sys.path.insert(0, sys.argv[1])
made = []
plain_init = typing.ForwardRef.__init__
def counting_init(self, *args, **kwargs):
    made.append(args[0] if args else None)
    plain_init(self, *args, **kwargs)
typing.ForwardRef.__init__ = counting_init
atexit.register(lambda: print("forward-refs", len(made), made[:5], file=sys.stderr))
sys.argv = ["ivrkit", *sys.argv[2:]]
runpy.run_module("ivrkit", run_name="__main__", alter_sys=True)
"""


def test_a_lint_makes_no_forward_reference(tmp_path, menu):
    """Named tuples on a lint's path give `NamedTuple(...)` their fields as real types (model.Span, Route,
    language's Token, KeyMention, LabelConcepts, _Tables), so no annotation is compiled at import."""
    result = _run_ivrkit_under(FORWARD_REFS_AT_EXIT, tmp_path, "lint", "--no-cache", "--color", "never", str(menu))
    assert result.returncode in (0, 1)
    assert result.stderr.splitlines()[-1] == "forward-refs 0 []"


# Runs `python -m ivrkit ARGS`, recording every pattern `re` compiles itself (not found in its cache), and
# prints at exit the repr of those the shipped snapshot does not hold, or "other" when it is another interpreter's.
COMPILED_AT_EXIT = """\
import atexit, re, runpy, sys
sys.path.insert(0, sys.argv[1])
from ivrkit import lazyregex
compiled = []
real = re._compiler.compile
def recording(pattern, flags=0):
    compiled.append((pattern, int(flags)))
    return real(pattern, flags)
re._compiler.compile = recording
re.purge()
def report():
    print("not in the snapshot:", "other" if not lazyregex.snapshot_applies() else repr(compiled), file=sys.stderr)
atexit.register(report)
sys.argv = ["ivrkit", *sys.argv[2:]]
runpy.run_module("ivrkit", run_name="__main__", alter_sys=True)
"""

# Patterns whose text is made from the input, so that no snapshot can hold every one: yamlsource's test for
# a line indented deeper than the nesting limit allows ("[ \t?:-]{N}", N from the file's brackets).
MADE_FROM_THE_INPUT = re.compile(r"(\ufeff\?|\n|\[[^]]*\])\[ \t\?:-\]\{[0-9]+\}")


def _compiled_outside_the_snapshot(tmp_path: Path, *argv: str) -> list[tuple[str, int]]:
    result = _run_ivrkit_under(COMPILED_AT_EXIT, tmp_path, *argv)
    assert result.returncode in (0, 1), result.stderr
    held = result.stderr.splitlines()[-1].split(": ", 1)[1]
    if held == "other":
        pytest.skip("the shipped snapshot was written by another interpreter build (and is ignored by it)")
    compiled = ast.literal_eval(held)
    return [(pattern, flags) for pattern, flags in compiled if not MADE_FROM_THE_INPUT.fullmatch(str(pattern))]


@pytest.mark.parametrize("which", ["bench menu", "northwind", "small menu"])
def test_a_lint_compiles_no_pattern_the_snapshot_could_hold(tmp_path, menu, which):
    """`python -m ivrkit` installs ivrkit/lazyregex.snapshot before PyYAML and argparse are imported, and the
    snapshot holds every pattern a lint of these menus compiles (a stale one fails here)."""
    if which == "bench menu":
        sys.path.insert(0, str(REPO / "bench"))
        try:
            from generate_large_menu import generate
        finally:
            sys.path.remove(str(REPO / "bench"))
        menu = tmp_path / "hundred.yaml"
        menu.write_text(generate(80, 20, 7), encoding="utf-8")  # bench/bench_core.py's start-up menu
    elif which == "northwind":
        menu = REPO / "examples" / "northwind-energy.yaml"
    compiled = _compiled_outside_the_snapshot(tmp_path, "lint", "--no-cache", "--color", "never", str(menu))
    assert compiled == [], "compiled outside ivrkit/lazyregex.snapshot: run python scripts/build_regex_snapshot.py"


def test_patterns_made_from_the_input_are_named_by_what_they_are():
    assert MADE_FROM_THE_INPUT.fullmatch("\n[ \t?:-]{12}")
    assert MADE_FROM_THE_INPUT.fullmatch("\ufeff?[ \t?:-]{3}")
    assert MADE_FROM_THE_INPUT.fullmatch("[\n\x85][ \t?:-]{3}")
    assert not MADE_FROM_THE_INPUT.fullmatch("[ \t?:-]+")

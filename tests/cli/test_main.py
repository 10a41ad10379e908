"""The `ivrkit` command: exit codes, help, schema, graph output, plain output when piped, lazy imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.schema import load_schema

from ..conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = "examples/northwind-energy.yaml"


def ivrkit(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ivrkit", *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_shipped_menus():
    result = ivrkit("check", "examples/", "menus/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "loaded without problems" in result.stdout
    count = int(result.stdout.split()[1])
    assert count >= 7


def test_version_and_help():
    from ivrkit import __version__

    assert ivrkit("--version").stdout.strip() == f"ivrkit {__version__}"
    for command in ([], ["check"], ["graph"], ["schema"]):
        result = ivrkit(*command, "--help")
        assert result.returncode == 0
        assert "usage: ivrkit" in result.stdout


def test_usage_errors_exit_2():
    assert ivrkit("check").returncode == 2
    assert ivrkit("graph", ENGLISH, "--format", "png").returncode == 2
    missing = ivrkit("check", "no/such/dir")
    assert missing.returncode == 2 and "no such file or directory: no/such/dir" in missing.stderr


def test_directory_without_menus(tmp_path):
    (tmp_path / "notes.yaml").write_text("just: data\n")
    result = ivrkit("check", str(tmp_path))
    assert result.returncode == 2
    assert "no menu files found" in result.stderr


def test_schema_command_prints_the_packaged_schema():
    result = ivrkit("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == load_schema()


def test_graph_dot_renders_with_graphviz():
    dot = require_tool("dot")
    result = ivrkit("graph", ENGLISH, "--format", "dot")
    assert result.returncode == 0, result.stderr
    svg = subprocess.run([dot, "-Tsvg"], input=result.stdout, capture_output=True, text=True, timeout=60)
    assert svg.returncode == 0, svg.stderr
    assert "<svg" in svg.stdout and "</svg>" in svg.stdout


def test_graph_formats():
    mermaid = ivrkit("graph", ENGLISH, "--format", "mermaid")
    assert mermaid.returncode == 0 and mermaid.stdout.startswith("flowchart")
    data = json.loads(ivrkit("graph", ENGLISH, "--format", "json").stdout)
    assert data["entry"] and data["nodes"] and data["edges"]


def test_graph_output_file_is_never_overwritten_without_asking(tmp_path):
    out = tmp_path / "graph.dot"
    out.write_text("precious\n")
    refused = ivrkit("graph", ENGLISH, "-o", str(out))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert out.read_text() == "precious\n"
    forced = ivrkit("graph", ENGLISH, "-o", str(out), "--force")
    assert forced.returncode == 0 and out.read_text().startswith("digraph")


def test_graph_of_a_broken_menu_exits_2():
    result = ivrkit("graph", "tests/fixtures/broken/undefined-target.yaml")
    assert result.returncode == 2
    assert "undefined-target.yaml:9:39: error:" in result.stderr


def test_plain_when_piped_and_rich_when_forced():
    plain = ivrkit("check", "tests/fixtures/broken/undefined-target.yaml")
    assert "\x1b[" not in plain.stdout
    assert plain.stdout.startswith("tests/fixtures/broken/undefined-target.yaml:9:39: error: ")
    rich = ivrkit("check", "tests/fixtures/broken/undefined-target.yaml", "--color", "always")
    assert "\x1b[" in rich.stdout
    assert "^^^^^^" in rich.stdout  # the caret under `billng` in the source excerpt
    no_color = ivrkit(
        "check", "tests/fixtures/broken/undefined-target.yaml", "--color", "always", env={"NO_COLOR": "1"}
    )
    assert "\x1b[31" not in no_color.stdout and "^^^^^^" in no_color.stdout


def test_internal_errors_are_not_tracebacks(tmp_path, monkeypatch):
    from ivrkit import cli

    def explode(args):
        raise RuntimeError("boom")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    parser._subparsers._group_actions[0].choices["schema"].set_defaults(run=explode)
    assert cli.main(["schema"]) == cli.EXIT_INTERNAL


@pytest.mark.parametrize(
    "module",
    [
        "ivrkit.model",
        "ivrkit.loader",
        "ivrkit.graph",
        "ivrkit.cli",
        "ivrkit.render.dot",
        "ivrkit.render.mermaid",
        "ivrkit.render.json",
    ],
)
def test_core_does_not_import_ui_or_speech(module):
    code = (
        f"import sys, {module}; "
        "bad = [m for m in ('textual', 'pyttsx3', 'ivrkit.tui', 'ivrkit.speech') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_check_stays_light():
    code = (
        "import sys; from ivrkit import cli; import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()): cli.main(['check', 'examples/'])\n"
        "print(','.join(m for m in ('networkx', 'rich', 'textual') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("argv", "collector_on"),
    [
        (["ivrkit", "lint", "examples/"], False),
        (["ivrkit", "check", "menus/"], False),
        (["ivrkit", "sim", ENGLISH, "--mute"], True),
        (["ivrkit", "audio", ENGLISH, "--out", "x"], True),
    ],
)
def test_console_script_pauses_the_collector_for_batch_commands_only(monkeypatch, argv, collector_on):
    import gc

    from ivrkit import cli

    seen = []
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setattr(cli, "main", lambda: seen.append(gc.isenabled()) or 0)
    was_enabled = gc.isenabled()
    try:
        assert cli.entry() == 0
    finally:
        if was_enabled:
            gc.enable()
    assert seen == [collector_on]


@pytest.mark.parametrize(
    ("argv", "installed"), [(["ivrkit", "lint", "x.yaml"], True), (["ivrkit", "--version"], False)]
)
def test_console_script_installs_the_compiled_patterns_before_a_command_runs(monkeypatch, argv, installed):
    from ivrkit import cli, lazyregex

    events = []
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setattr(lazyregex, "install_snapshot", lambda: events.append("installed"))
    monkeypatch.setattr(cli, "main", lambda: events.append("ran") or 0)
    assert cli.entry() == 0
    assert events == (["installed", "ran"] if installed else ["ran"])


# `python -m ivrkit ARGS` with the regex snapshot at argv[1] instead of the shipped one.
WITH_SNAPSHOT = """\
import runpy, sys
from ivrkit import lazyregex
lazyregex.install_snapshot.__defaults__ = (sys.argv[1],)
sys.argv = ["ivrkit", *sys.argv[2:]]
runpy.run_module("ivrkit", run_name="__main__", alter_sys=True)
"""


def _damaged_snapshots(folder: Path) -> dict[str, Path]:
    """The shipped snapshot's entries (the patterns a lint uses), damaged in ways a header check cannot see."""
    import marshal
    from array import array

    from ivrkit import lazyregex

    if not lazyregex.snapshot_applies():
        pytest.skip("the shipped snapshot was written by another interpreter build (and is ignored by it)")
    key, _, payload = marshal.loads(Path(lazyregex.SNAPSHOT).read_bytes())
    good = [list(entry) for entry in marshal.loads(payload)]
    short = [entry[:3] if index == len(good) // 2 else entry for index, entry in enumerate(good)]
    refused = [[*entry[:3], array("I", [999999]).tobytes(), *entry[4:]] for entry in good]
    as_lists = [[*entry[:3], [999999], *entry[4:]] for entry in good]
    files = {
        "entries an int": lazyregex.snapshot_bytes(key, 7),
        "a short entry": lazyregex.snapshot_bytes(key, short),
        "every program [999999]": lazyregex.snapshot_bytes(key, refused),
        "every program a list": lazyregex.snapshot_bytes(key, as_lists),
        "no checksum": marshal.dumps((key, refused)),
        "cut short": lazyregex.snapshot_bytes(key, good)[:-40],
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name.replace(" ", "-")
        paths[name].write_bytes(data)
    return paths


def test_a_damaged_regex_snapshot_changes_nothing_a_command_prints(tmp_path):
    """Any damage to ivrkit/lazyregex.snapshot, even under an intact header, leaves a command as it is
    without a snapshot: same output, same exit status, no traceback."""

    def lint(snapshot: Path) -> tuple[int, str, str]:
        result = subprocess.run(
            [sys.executable, "-c", WITH_SNAPSHOT, str(snapshot), "lint", "--no-cache", "--color", "never", ENGLISH],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return result.returncode, result.stdout, result.stderr

    expected = lint(tmp_path / "missing")
    assert expected[0] == 0 and "GL001" in expected[1] and "Traceback" not in expected[2]
    for name, snapshot in _damaged_snapshots(tmp_path).items():
        assert lint(snapshot) == expected, name

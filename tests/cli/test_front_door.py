"""The `ivrkit` front door as a newcomer meets it: exclude vs named paths, usage errors, honest summaries.

Regression tests for issue 10 ("Friction a newcomer hit" and the 32 MiB
summary); each runs the real command in a subprocess and pins ivrkit's own
messages and exit codes.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import yaml

from ivrkit import cli

from ..lint_helpers import CLEAN

ROOT = Path(__file__).resolve().parent.parent.parent


def process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m ivrkit ARGS` as a separate process."""
    environment = {k: v for k, v in os.environ.items() if k not in ("IVRKIT_DEBUG", "GITHUB_ACTIONS", "NO_COLOR")}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "ivrkit", *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )


def ivrkit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`ivrkit ARGS` in this process (output is a pipe, not a terminal), as a CompletedProcess."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exit:  # argparse's usage errors
                code = exit.code
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


# -- exclude works as in ruff ------------------------------------------------------------


def test_lint_of_the_excluded_examples_named_on_the_command_line_lints_them():
    # The README advertises examples/flawed; pyproject.toml excludes it from folder searches.
    result = process("lint", "examples/flawed", "--format", "concise")
    assert result.returncode == 1, result.stderr
    linted = {line.split(":")[0] for line in result.stdout.splitlines()[:-1]}
    shipped = {f"examples/flawed/{path.name}" for path in (ROOT / "examples/flawed").glob("*.yaml")}
    assert "examples/flawed/dead-end.yaml" in linted and linted <= shipped
    assert result.stdout.splitlines()[-1].startswith("Found ") and f" in {len(linted)} files (" in result.stdout
    assert "excluded" not in result.stderr


def test_lint_of_the_examples_folder_still_skips_the_excluded_folder():
    result = ivrkit("lint", "examples/", "menus/", "--format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "examples/flawed" not in result.stdout


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ivrkit.lint]\nexclude = ["flawed", "*.draft.yaml"]\nselect = ["ST003"]\n'
    )
    (tmp_path / "flawed").mkdir()
    dead = (ROOT / "examples/flawed/dead-end.yaml").read_text()
    (tmp_path / "flawed" / "dead.yaml").write_text(dead)
    (tmp_path / "wip.draft.yaml").write_text(dead)
    (tmp_path / "clean.yaml").write_text(CLEAN)
    return tmp_path


def test_exclude_applies_below_a_named_folder_only(tmp_path):
    _project(tmp_path)
    searched = ivrkit("lint", ".", "--format", "concise", cwd=tmp_path)
    assert searched.returncode == 0 and searched.stdout == "No problems in 1 menu file.\n"
    named_folder = ivrkit("lint", "flawed", "--format", "concise", cwd=tmp_path)
    assert named_folder.returncode == 1 and named_folder.stdout.startswith("flawed/dead.yaml:")
    named_file = ivrkit("lint", "wip.draft.yaml", "--format", "concise", cwd=tmp_path)
    assert named_file.returncode == 1 and named_file.stdout.startswith("wip.draft.yaml:")
    # Named as well as found in a search: named wins.
    both = ivrkit("lint", ".", "flawed/dead.yaml", "--format", "concise", cwd=tmp_path)
    assert both.returncode == 1 and "flawed/dead.yaml:" in both.stdout and "wip" not in both.stdout


def test_force_exclude_applies_exclude_to_named_paths(tmp_path):
    _project(tmp_path)
    mixed = ivrkit(
        "lint",
        "--force-exclude",
        "clean.yaml",
        "wip.draft.yaml",
        "flawed/dead.yaml",
        "--format",
        "concise",
        cwd=tmp_path,
    )
    assert mixed.returncode == 0 and mixed.stdout == "No problems in 1 menu file.\n"
    only = ivrkit("lint", "--force-exclude", "flawed", cwd=tmp_path)
    assert only.returncode == 2
    assert only.stderr == (
        "ivrkit: error: every menu file in flawed is excluded by the configuration\n"
        "  hint: leave out --force-exclude to lint the files named\n"
    )
    # pre-commit: only excluded files staged is nothing to do, not an error.
    hook = ivrkit("lint", "--only-menus", "--force-exclude", "wip.draft.yaml", cwd=tmp_path)
    assert hook.returncode == 0 and hook.stdout == "" and hook.stderr == ""


def test_the_pre_commit_hook_passes_force_exclude():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["ivrkit-lint"]["entry"].split() == ["ivrkit", "lint", "--only-menus", "--force-exclude"]


# -- usage ------------------------------------------------------------------------------


def test_an_unknown_option_of_a_command_prints_that_commands_usage():
    for command, rest in (("lint", ["menus/"]), ("check", ["menus/"]), ("call", ["examples/northwind-energy.yaml"])):
        result = ivrkit(command, "--bogus", *rest)
        assert result.returncode == 2
        assert result.stderr.startswith(f"usage: ivrkit {command} "), result.stderr
        assert result.stderr.endswith(f"ivrkit {command}: error: unrecognized arguments: --bogus\n")
        assert result.stdout == ""


def test_an_unknown_top_level_option_prints_the_top_level_usage():
    result = process("--bogus")
    assert result.returncode == 2 and result.stderr.startswith("usage: ivrkit [-h]")
    assert "unrecognized arguments: --bogus" in result.stderr


def test_ivrkit_alone_prints_help_on_stderr_and_exits_2():
    result = process()
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("usage: ivrkit ") and "Run `ivrkit COMMAND --help`" in result.stderr


# -- summaries ------------------------------------------------------------------------


def _too_big(folder: Path) -> Path:
    big = folder / "big.yaml"
    with open(big, "w") as handle:
        handle.write("ivrkit: 1\n#")
        handle.write("x" * (32 * 1024 * 1024 + 10))
        handle.write("\n")
    return big


def test_a_file_over_the_size_limit_is_never_summarised_as_no_problems(tmp_path):
    _too_big(tmp_path)
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "clean.yaml").write_text(CLEAN)
    alone = ivrkit("lint", "big.yaml", "--format", "concise", cwd=tmp_path)
    assert alone.returncode == 2
    assert alone.stderr.startswith("big.yaml:1:1: error: ") and "32 MiB" in alone.stderr
    assert alone.stdout == "1 of 1 menu file did not load.\n"
    both = ivrkit("lint", "big.yaml", "clean.yaml", "--select", "ST001", cwd=tmp_path)
    assert both.returncode == 2 and both.stdout == "1 of 2 menu files did not load; no problems in the other 1.\n"
    check = ivrkit("check", "big.yaml", "clean.yaml", cwd=tmp_path)
    assert check.returncode == 2
    assert check.stdout.endswith("Found 1 problem in 1 file; 1 of 2 menu files did not load.\n")
    assert "No problems" not in alone.stdout + both.stdout + check.stdout


def test_lint_with_findings_and_a_file_that_did_not_load(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "dead.yaml").write_text((ROOT / "examples/flawed/dead-end.yaml").read_text())
    (tmp_path / "broken.yaml").write_text("ivrkit: 1\nname: [\n")
    result = ivrkit("lint", "dead.yaml", "broken.yaml", "--select", "ST003", "--format", "concise", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("broken.yaml:")
    assert result.stdout.splitlines()[-1] == ("Found 1 problem in 1 file (1 error); 1 of 2 menu files did not load.")


def test_every_line_of_check_output_ends_with_a_newline_when_piped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "clean.yaml").write_text(CLEAN)
    (tmp_path / "broken.yaml").write_text("ivrkit: 1\nname: [\n")
    good = ivrkit("check", "clean.yaml", cwd=tmp_path)
    assert good.returncode == 0 and good.stdout == "All 1 menu file loaded without problems.\n"
    for args in (("check", "broken.yaml"), ("check", "broken.yaml", "--color", "always"), ("check", "nothing")):
        result = ivrkit(*args, cwd=tmp_path)
        assert result.returncode == 2
        for stream in (result.stdout, result.stderr):
            assert not stream or stream.endswith("\n"), (args, stream[-40:])

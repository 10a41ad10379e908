"""`lint --output` / `--write-baseline` onto a file that exists: hostile contents never crash or get overwritten.

Regression tests for issue 10: deeply nested JSON, huge numbers, lone
surrogates, regex-hostile lines, a FIFO or a device in place of the report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..lint_helpers import CLEAN, FLAGGED, project, run, use_marker_rule

ROOT = Path(__file__).resolve().parent.parent.parent
HOSTILE = {
    "deep": "[" * 5000 + "]" * 5000,
    "deep-object": '{"a":' * 3000 + "1" + "}" * 3000,
    "huge-number": "[" + "9" * 5000 + "]",
    "surrogate": '[{"code": "\\ud800", "level": "error", "path": "x"}]',
    "not-json": "my notes\n",
    "regex-hostile": "Found 1 problem in 1 file (" + "); 1 ignored (" * 20000 + "\n",
}


@pytest.fixture
def menus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    use_marker_rule(monkeypatch)
    return project(tmp_path, {"dead.yaml": FLAGGED, "clean.yaml": CLEAN})


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "text", "concise", "github"])
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_an_existing_file_that_is_not_our_report_is_refused(menus, fmt, kind):
    target = menus / "report.out"
    target.write_text(HOSTILE[kind], encoding="utf-8")
    started = time.monotonic()
    result = run("lint", "dead.yaml", "--select", "ST990", "--format", fmt, "--output", "report.out")
    assert time.monotonic() - started < 10
    assert result.code == 2, result.err
    assert (
        result.err == f"ivrkit: error: report.out exists and is not an earlier {fmt} report; "
        "pass --force to overwrite it\n"
    )
    assert target.read_text(encoding="utf-8") == HOSTILE[kind]
    assert run("lint", "dead.yaml", "--select", "ST990", "--format", fmt, "-o", "report.out", "--force").code == 1
    assert target.read_text(encoding="utf-8") != HOSTILE[kind]


@pytest.mark.parametrize("kind", ["deep", "huge-number", "surrogate"])
def test_an_existing_baseline_path_holding_hostile_json_is_refused(menus, kind):
    target = menus / "baseline.json"
    target.write_text(HOSTILE[kind], encoding="utf-8")
    result = run("lint", "dead.yaml", "--select", "ST990", "--write-baseline", "baseline.json")
    assert result.code == 2
    assert (
        result.err == "ivrkit: error: baseline.json exists and is not an earlier baseline; "
        "pass --force to overwrite it\n"
    )
    assert target.read_text(encoding="utf-8") == HOSTILE[kind]


def test_an_earlier_report_is_replaced_without_force(menus):
    for fmt in ("json", "sarif", "junit", "text", "concise", "github"):
        assert run("lint", "dead.yaml", "--select", "ST990", "--format", fmt, "-o", f"r.{fmt}").code == 1
        assert run("lint", "clean.yaml", "--select", "ST990", "--format", fmt, "-o", f"r.{fmt}").code == 0, fmt


def test_a_device_is_not_replaced(menus):
    result = run("lint", "dead.yaml", "--select", "ST990", "--output", os.devnull, "--force")
    assert result.code == 2
    assert result.err == f"ivrkit: error: {os.devnull} is not a regular file; text report must be a file\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_output_is_refused_without_hanging(menus):
    os.mkfifo(menus / "pipe")
    environment = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    environment["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "lint", "clean.yaml", "--output", "pipe"],
        cwd=menus,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == "ivrkit: error: pipe is not a regular file; text report must be a file\n"


# -- output paths that cannot take a file: exit 2 with a message, never an internal error ---------


def _graph(*args: str) -> tuple[int, str]:
    import contextlib
    import io

    from ivrkit import cli

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main(["graph", "dead.yaml", *args])
    return code, err.getvalue()


def test_graph_and_lint_outputs_in_a_missing_folder(menus):
    assert _graph("-o", "no/such/g.dot") == (
        2,
        "ivrkit: error: cannot write no/such/g.dot: the folder no/such does not exist\n",
    )
    for flag in ("--output", "--write-baseline"):
        result = run("lint", "dead.yaml", flag, "no/such/r.txt")
        assert (result.code, result.err) == (
            2,
            "ivrkit: error: cannot write no/such/r.txt: the folder no/such does not exist\n",
        )
    assert not (menus / "no").exists()


def test_graph_output_onto_a_folder_or_an_existing_file(menus):
    (menus / "out").mkdir()
    assert _graph("-o", "out", "--force") == (2, "ivrkit: error: out is a folder; name a file to write\n")
    (menus / "g.dot").write_text("mine")
    assert _graph("-o", "g.dot") == (2, "ivrkit: error: g.dot exists; pass --force to overwrite it\n")
    assert (menus / "g.dot").read_text() == "mine"
    assert _graph("-o", "g.dot", "--force") == (0, "")
    assert (menus / "g.dot").read_text().startswith("digraph")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_graph_output_onto_a_fifo_is_refused(menus):
    os.mkfifo(menus / "pipe")
    assert _graph("-o", "pipe", "--force") == (2, "ivrkit: error: pipe is not a regular file; name a file to write\n")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc (a folder no file can be made in)")
def test_a_folder_that_refuses_new_files_is_a_clear_error(menus):
    code, err = _graph("-o", "/proc/ivrkit-test.dot")
    assert code == 2 and err.startswith("ivrkit: error: cannot write /proc/ivrkit-test.dot: ")
    result = run("lint", "dead.yaml", "--select", "ST990", "-o", "/proc/ivrkit-test.txt")
    assert result.code == 2 and result.err.startswith("ivrkit: error: cannot write /proc/ivrkit-test.txt: ")

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
    assert result.err == f"ivrkit: error: report.out exists and is not an earlier {fmt} report; " \
                         "pass --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == HOSTILE[kind]
    assert run("lint", "dead.yaml", "--select", "ST990", "--format", fmt, "-o", "report.out", "--force").code == 1
    assert target.read_text(encoding="utf-8") != HOSTILE[kind]


@pytest.mark.parametrize("kind", ["deep", "huge-number", "surrogate"])
def test_an_existing_baseline_path_holding_hostile_json_is_refused(menus, kind):
    target = menus / "baseline.json"
    target.write_text(HOSTILE[kind], encoding="utf-8")
    result = run("lint", "dead.yaml", "--select", "ST990", "--write-baseline", "baseline.json")
    assert result.code == 2
    assert result.err == "ivrkit: error: baseline.json exists and is not an earlier baseline; " \
                         "pass --force to overwrite it\n"
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
    result = subprocess.run([sys.executable, "-m", "ivrkit", "lint", "clean.yaml", "--output", "pipe"],
                            cwd=menus, env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "ivrkit: error: pipe is not a regular file; text report must be a file\n"

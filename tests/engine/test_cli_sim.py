"""`ivrkit call`, `ivrkit test` and `ivrkit paths` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.yaml") if not p.name.endswith(".calls.yaml"))


def ivrkit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    return subprocess.run([sys.executable, "-m", "ivrkit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_call_prints_a_timestamped_transcript():
    result = ivrkit("call", "examples/northwind-energy.yaml", "--press", "1 12345678 1 1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Northwind Energy customer line: call at Mon 2026-11-23 10:00")
    assert re.match(r"\s*0:00\.0  at      welcome", lines[1])
    assert "You entered 1 2 3 4 5 6 7 8." in result.stdout
    assert lines[-1].split()[1:3] == ["end", "transfer"]


def test_call_in_finnish_out_of_hours_as_json():
    result = ivrkit("call", "examples/kaupunki-bilingual.yaml", "--press", "1 3", "--at", "2026-11-28 23:30",
                    "--json")
    data = json.loads(result.stdout)
    assert data["at"] == "2026-11-28 23:30"
    spoken = [e["text"] for e in data["events"] if e["type"] == "Speak"]
    assert "Valitse, missä asiassa voimme auttaa." in spoken
    assert data["events"][-1]["type"] == "TransferEvent" and data["ended"] is True


def test_call_usage_errors():
    bad_steps = ivrkit("call", "examples/northwind-energy.yaml", "--press", "1 x")
    assert bad_steps.returncode == 2 and "`x` is not a step" in bad_steps.stderr
    bad_time = ivrkit("call", "examples/northwind-energy.yaml", "--at", "tomorrow")
    assert bad_time.returncode == 2 and "not a date and time" in bad_time.stderr
    bad_language = ivrkit("call", "examples/northwind-energy.yaml", "--lang", "sv")
    assert bad_language.returncode == 2 and "does not speak `sv`" in bad_language.stderr
    broken = ivrkit("call", "tests/fixtures/broken/undefined-target.yaml")
    assert broken.returncode == 2 and "undefined-target.yaml:9:39: error:" in broken.stderr
    assert "Traceback" not in bad_steps.stderr + bad_time.stderr + broken.stderr


def test_shipped_call_scripts_pass():
    result = ivrkit("test", "examples/")
    assert result.returncode == 0, result.stdout[-3000:]
    passed, failed = re.fullmatch(r"(\d+) passed, (\d+) failed", result.stdout.splitlines()[-1]).groups()
    assert int(passed) >= 15 and failed == "0"


def test_failing_and_broken_scripts(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "menus").mkdir()
    for block in (ROOT / "menus").glob("*.yaml"):
        (tmp_path / "menus" / block.name).write_text(block.read_text())
    (tmp_path / "m.yaml").write_text((ROOT / "examples" / "northwind-energy.yaml").read_text()
                                     .replace("../menus/", "menus/"))
    failing = tmp_path / "fail.calls.yaml"
    failing.write_text("menu: m.yaml\ncalls:\n  - name: wrong\n    press: \"2 1\"\n    expect: {ends_with: voicemail}\n")
    result = ivrkit("test", str(failing))
    assert result.returncode == 1
    assert "FAIL  wrong" in result.stdout and "expected to end with voicemail" in result.stdout
    junit = ivrkit("test", str(failing), "--format", "junit")
    root = ET.fromstring(junit.stdout)
    assert root.get("tests") == "1" and root.get("failures") == "1"
    broken = tmp_path / "broken.calls.yaml"
    broken.write_text("menu: m.yaml\ncalls:\n  - name: typo\n    press: \"1\"\n    expect: {reaches: bilin}\n")
    result = ivrkit("test", str(broken))
    assert result.returncode == 2 and "broken.calls.yaml:5:23: error: the menu has no node `bilin`" in result.stderr


@pytest.mark.parametrize("example", EXAMPLES)
def test_paths_write_calls_pass_ivrkit_test(example, tmp_path):
    out = ROOT / "examples" / f".paths-{example[:-5]}.calls.yaml"
    try:
        result = ivrkit("paths", f"examples/{example}", "--write-calls", str(out))
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0].split()[:3] == ["destination", "type", "keys"]
        tested = ivrkit("test", str(out))
        assert tested.returncode == 0, tested.stdout[-2000:]
        refused = ivrkit("paths", f"examples/{example}", "--write-calls", str(out))
        assert refused.returncode == 2 and "--force" in refused.stderr
    finally:
        out.unlink(missing_ok=True)


def test_paths_json_has_share_weighted_figures():
    data = json.loads(ivrkit("paths", "examples/northwind-energy.yaml", "--json").stdout)
    assert data["expected_seconds"] > 0 and data["expected_person_seconds"] > 0
    assert 0 < data["share_covered"] <= 1
    billing = next(p for p in data["paths"] if p["node"] == "billing_team")
    assert billing["keys"] == "1 12345678 1 2" and billing["worst_seconds"] > billing["seconds"]
    assert billing["steps"][1:3] == ["12345678", "1"] and billing["steps"][0].startswith("1@")

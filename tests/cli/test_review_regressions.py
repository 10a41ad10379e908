"""Found by an independent review of issue 10: exit 70 near the end of the calendar, and user files overwritten."""

from __future__ import annotations

import json
import shutil

import pytest

from .test_front_door import ROOT, ivrkit

FLAWED = ROOT / "examples" / "flawed" / "too-deep.yaml"


@pytest.mark.parametrize(
    "command", [["call", "examples/northwind-energy.yaml", "--press", "4"], ["paths", "examples/northwind-energy.yaml"]]
)
def test_a_start_time_whose_call_would_run_past_the_calendar_is_refused(command):
    result = ivrkit(*command, "--at", "9999-12-31 23:59")
    assert result.returncode == 2
    assert "--at: `9999-12-31 23:59` is outside the years ivrkit simulates (1900–2999)" in result.stderr


def test_the_first_and_last_simulated_years_work():
    for moment in ("1900-01-01 00:00", "2999-12-31 23:59"):
        assert ivrkit("call", "examples/northwind-energy.yaml", "--at", moment, "--press", "hangup").returncode == 0


@pytest.mark.parametrize("flag", ["--output", "--write-baseline"])
def test_lint_never_writes_over_a_menu_it_reads_even_with_force(tmp_path, flag):
    menu = tmp_path / "menu.yaml"
    shutil.copy(FLAWED, menu)
    before = menu.read_bytes()
    result = ivrkit("lint", str(menu), flag, str(menu), "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert f"{menu} is one of the menu files being linted; write the" in result.stderr
    assert menu.read_bytes() == before


def test_a_baseline_is_not_rewritten_when_a_file_does_not_load(tmp_path):
    shutil.copy(FLAWED, tmp_path / "good.yaml")
    (tmp_path / "broken.yaml").write_text("ivrkit: 1\nnodes: [\n")
    baseline = tmp_path / "baseline.json"
    assert ivrkit("lint", "good.yaml", "--write-baseline", str(baseline), cwd=tmp_path).returncode == 0
    kept = baseline.read_bytes()
    assert json.loads(kept)  # an earlier baseline with entries
    result = ivrkit("lint", "good.yaml", "broken.yaml", "--write-baseline", str(baseline), cwd=tmp_path)
    assert result.returncode == 2
    assert f"the baseline {baseline} was not written: 1 of 2 menu files did not load" in result.stderr
    assert baseline.read_bytes() == kept


@pytest.mark.parametrize(
    "value, message", [(".nan", "must be a finite number, not nan"), ("-5", "must not be negative, not -5")]
)
def test_a_rule_option_that_is_no_usable_threshold_is_a_positioned_error(tmp_path, value, message):
    (tmp_path / ".git").mkdir()
    shutil.copy(FLAWED, tmp_path / "menu.yaml")
    (tmp_path / ".ivrkit.yaml").write_text(f"lint:\n  rules:\n    ST004: {{max_depth: {value}}}\n")
    result = ivrkit("lint", "menu.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert f".ivrkit.yaml:3:13: error: ST004 `max_depth` {message}" in result.stderr


def test_a_root_that_is_not_a_folder_is_a_usage_error():
    result = ivrkit("check", "examples/northwind-energy.yaml", "--root", "no/such/folder")
    assert result.returncode == 2
    assert "ivrkit check: error: --root: no/such/folder is not a folder; name the project's top folder" in result.stderr


def test_a_refused_goto_is_reported_once_without_a_then_error_after_it():
    result = ivrkit("check", "examples/northwind-energy.yaml", "--root", "examples")
    assert result.returncode == 2
    assert "is outside the project root" in result.stdout
    assert "`then` only applies" not in result.stdout

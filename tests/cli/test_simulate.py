"""`ivrkit simulate` at the command line: the goals file it reads, its messages, exit codes, JSON and table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.cli import main

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = str(ROOT / "examples" / "northwind-energy.yaml")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_figures_per_goal_and_overall_and_is_the_same_for_a_seed(capsys):
    code, out, err = run(capsys, "simulate", NORTHWIND, "--calls", "2000", "--seed", "9", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    for name in ("success_rate", "misroute_rate", "zero_out_rate", "hang_up_rate", "person_rate", "seconds"):
        assert name in data
        assert name in data["goals"][0]
    assert data["calls"] == 2000 and data["seed"] == 9
    assert sum(goal["calls"] for goal in data["goals"]) == 2000
    assert set(data["seconds"]) == {"p50", "p90", "mean"}
    assert run(capsys, "simulate", NORTHWIND, "--calls", "2000", "--seed", "9", "--json")[1] == out


def test_the_table_names_the_run_and_every_goal(capsys):
    code, out, _ = run(
        capsys, "simulate", NORTHWIND, "--calls", "500", "--queue-wait", "30", "--at", "2026-11-28 23:30"
    )
    assert code == 0
    assert out.startswith("Northwind Energy customer line: 500 simulated first-time callers (seed 0) of 22 goals")
    assert "at Sat 2026-11-28 23:30, queue wait 30 s" in out
    assert "\nall " in out and "Overall: " in out


def test_no_goals_file_is_exit_2_with_what_to_do(capsys, tmp_path):
    menu = tmp_path / "m.yaml"
    menu.write_text((ROOT / "examples" / "flawed" / "dead-end.yaml").read_text())
    code, out, err = run(capsys, "simulate", str(menu), "--calls", "10")
    assert code == 2 and out == ""
    assert f"ivrkit: error: no goals file for {menu}: expected {tmp_path / 'm.goals.yaml'}" in err
    assert "name a goals file with --goals FILE" in err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--calls", "0", "--calls: `0` is not a whole number from 1 to 10,000,000"),
        ("--calls", "many", "--calls: `many` is not a whole number from 1 to 10,000,000"),
        ("--seed", "-1", "--seed: `-1` is not a whole number from 0 to"),
        ("--queue-wait", "soon", "--queue-wait: `soon` is not a number of seconds from 0 to 86400"),
        ("--at", "tomorrow", "--at: "),
    ],
)
def test_bad_options_are_exit_2(capsys, option, value, message):
    code, out, err = run(capsys, "simulate", NORTHWIND, option, value)
    assert code == 2 and out == ""
    assert f"ivrkit: error: {message}" in err


def test_a_missing_goals_file_is_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "simulate", NORTHWIND, "--goals", str(tmp_path / "nope.goals.yaml"))
    assert code == 2 and "nope.goals.yaml" in err


def test_no_progress_bar_on_a_pipe():
    done = subprocess.run(
        [sys.executable, "-m", "ivrkit", "simulate", NORTHWIND, "--calls", "3000", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert json.loads(done.stdout)["calls"] == 3000


def test_a_goal_no_call_drew_shows_dashes_not_zero_rates(capsys):
    code, out, _ = run(capsys, "simulate", NORTHWIND, "--calls", "3")
    assert code == 0
    rows = [line.split() for line in out.splitlines() if line[:1].isdigit()]
    empty = [row for row in rows if row[1] == "0"]
    assert empty and all(row[2:9] == ["-"] * 7 for row in empty)
    drawn = [row for row in rows if row[1] != "0"]
    assert drawn and all(row[2].endswith("%") for row in drawn)


def test_goal_words_are_escaped_in_the_table(capsys, tmp_path, monkeypatch):
    from tests.predict.menus import SHOP

    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "shop.yaml").write_text(SHOP)
    (tmp_path / "shop.goals.yaml").write_text(
        'menu: shop.yaml\nlanguage: en\ngoals:\n  - say: "my parcel \\x1b[2Jis late\\nnow"\n    reaches: tracking\n'
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "simulate", "shop.yaml", "--calls", "5")
    assert code == 0, err
    assert "\x1b" not in out and "my parcel \\x1b[2Jis late\\nnow → tracking" in out


def test_goals_given_a_folder(capsys, tmp_path):
    code, out, err = run(capsys, "simulate", NORTHWIND, "--goals", str(tmp_path))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"ivrkit: error: --goals: {tmp_path} is a folder",
        "  hint: name a caller goals file (docs/goals.md), e.g. <menu stem>.goals.yaml",
    ]

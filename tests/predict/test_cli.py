"""`ivrkit predict` at the command line: the goals file it reads, its messages, exit codes, JSON and table."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from ivrkit.cli import main
from ivrkit.engine.drive import parse_steps, run_call
from ivrkit.loader import load

from .menus import SHOP

GOALS = """\
menu: shop.yaml
language: en
goals:
  - say: where is my parcel, I want to track my order
    reaches: tracking
    share: 0.6
  - say: I want a refund for the shoes I sent back
    reaches: refunds
"""


FINNISH_GOALS = """\
menu: callback-booking.yaml
goals:
  - say: soittakaa minulle huomenna takaisin tähän numeroon
    language: fi
    reaches: next_morning_this_number
"""
SATURDAY = "2026-11-28 12:00"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "shop.yaml").write_text(SHOP)
    (tmp_path / "shop.goals.yaml").write_text(GOALS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_fields_and_the_example_replays_through_ivrkit_call(project, capsys):
    code, out, err = run(capsys, "predict", "shop.yaml", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= {"goals", "success_rate", "misroute_rate", "menus", "at", "prune_below"}
    first = data["goals"][0]
    assert first["say"] == "where is my parcel, I want to track my order"
    assert first["reaches"] == ["tracking"] and first["designed_key"] == "1"
    assert 1 - first["p_pruned"] - 1e-5 <= sum(first["first_key"].values()) <= 1 + 1e-5
    assert 0 <= first["p_success"] <= first["p_reach"] <= 1
    assert data["goals"][0]["weight"] == pytest.approx(0.6)
    # The example call, replayed, reaches the goal at the second predict reports.
    record = run_call(load("shop.yaml"), parse_steps(first["example_press"]))
    assert record.first_arrival("tracking").at == pytest.approx(first["example_seconds"], abs=0.01)
    code, out, _ = run(capsys, "call", "shop.yaml", "--press", first["example_press"])
    assert code == 0 and re.search(rf"{int(first['example_seconds'] // 60)}:\d+\.\d\s+at\s+tracking", out)
    assert first["example_language"] is None


def test_a_goal_in_another_language_of_the_menu_is_played_in_it_and_replays_with_lang(project, capsys):
    # callback-booking speaks en and fi and has no language menu: the Finnish caller hears it in Finnish.
    shutil.copy(Path(__file__).parents[2] / "menus" / "callback-booking.yaml", project)
    (project / "fi.goals.yaml").write_text(FINNISH_GOALS)
    code, out, err = run(
        capsys, "predict", "callback-booking.yaml", "--goals", "fi.goals.yaml", "--at", SATURDAY, "--json"
    )
    assert code == 0, err
    found = json.loads(out)["goals"][0]
    assert found["example_language"] == "fi" and found["example_press"] == "1"
    seconds = found["example_seconds"]
    record = run_call(load("callback-booking.yaml"), parse_steps("1"), at=_saturday(), language="fi")
    assert record.first_arrival("next_morning_this_number").at == pytest.approx(seconds, abs=0.01)
    english = run_call(load("callback-booking.yaml"), parse_steps("1"), at=_saturday())
    assert english.first_arrival("next_morning_this_number").at != pytest.approx(seconds, abs=0.01)
    replay = ("call", "callback-booking.yaml", "--press", "1", "--at", SATURDAY, "--lang", "fi")
    code, out, _ = run(capsys, *replay)
    assert code == 0 and f"0:{seconds:04.1f}  at      next_morning_this_number" in out


def _saturday():
    import datetime as dt

    return dt.datetime.fromisoformat(SATURDAY)


def test_goal_words_are_escaped_in_the_table(project, capsys):
    (project / "shop.goals.yaml").write_text(
        GOALS.replace("where is my parcel, I want", "where is my \\x1b[31mparcel\\n, I want")
        .replace("  - say: where", '  - say: "where')
        .replace("track my order\n", 'track my order"\n')
    )
    code, out, err = run(capsys, "predict", "shop.yaml")
    assert code == 0, err
    assert "\x1b" not in out and "where is my \\x1b[31mparcel\\n, I want to track my order → tracking" in out


def test_goals_given_a_folder_or_a_fifo(project, capsys):
    (project / "goals").mkdir()
    code, out, err = run(capsys, "predict", "shop.yaml", "--goals", "goals")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "ivrkit: error: --goals: goals is a folder",
        "  hint: name a caller goals file (docs/goals.md), e.g. <menu stem>.goals.yaml",
    ]
    os.mkfifo(project / "pipe")
    code, out, err = run(capsys, "predict", "shop.yaml", "--goals", "pipe")
    assert code == 2 and err.splitlines()[0] == "ivrkit: error: --goals: pipe is not a regular file"


def test_table(project, capsys):
    code, out, _ = run(capsys, "predict", "shop.yaml")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("shop: 2 caller goals from shop.goals.yaml, first-time callers at Mon 2026-11-23 10:00")
    assert lines[2].split()[:6] == ["#", "share", "success", "reach", "seconds", "designed"]
    assert lines[3].split()[:2] == ["1", "60%"]
    assert "where is my parcel, I want to track my order → tracking" in lines[3]
    assert any(line.startswith("Overall (share-weighted): success ") for line in lines)


def test_no_goals_file_names_the_expected_path(project, capsys):
    (project / "shop.goals.yaml").unlink()
    code, out, err = run(capsys, "predict", "shop.yaml")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "ivrkit: error: no goals file for shop.yaml: expected shop.goals.yaml",
        "  hint: write the callers' goals there (docs/goals.md), or name a goals file with --goals FILE",
    ]


def test_a_missing_goals_file_given(project, capsys):
    code, _, err = run(capsys, "predict", "shop.yaml", "--goals", "other.goals.yaml")
    assert code == 2 and err == "ivrkit: error: no such file or directory: other.goals.yaml\n"


def test_a_bad_goals_file_is_a_positioned_error(project, capsys):
    (project / "shop.goals.yaml").write_text(GOALS.replace("reaches: refunds", "reaches: refundz"))
    code, out, err = run(capsys, "predict", "shop.yaml", "--color", "never")
    assert code == 2 and out == ""
    assert re.match(r"shop\.goals\.yaml:\d+:\d+: error: ", err), err
    assert "Traceback" not in err


def test_a_menu_that_does_not_load(project, capsys):
    (project / "shop.yaml").write_text(SHOP.replace("entry: main", "entry: nowhere"))
    code, _, err = run(capsys, "predict", "shop.yaml", "--color", "never")
    assert code == 2 and err.startswith("shop.yaml:")


def test_bad_at_and_set(project, capsys):
    code, _, err = run(capsys, "predict", "shop.yaml", "--at", "tomorrow")
    assert code == 2 and err.startswith("ivrkit: error: --at: ")
    code, _, err = run(capsys, "predict", "shop.yaml", "--set", "x")
    assert code == 2 and err.startswith("ivrkit: error: --set: write NAME=VALUE, not `x`")


def test_every_example_with_its_goals_file(capsys):
    for name in ("northwind-energy", "kaupunki-bilingual", "aurora-pankki"):
        code, out, err = run(capsys, "predict", f"examples/{name}.yaml", "--json")
        assert code == 0, err
        data = json.loads(out)
        assert len(data["goals"]) >= 15
        for goal in data["goals"]:
            assert 0 <= goal["p_success"] <= goal["p_reach"] <= 1
            assert 1 - goal["p_pruned"] - 1e-5 <= sum(goal["first_key"].values()) <= 1 + 1e-5

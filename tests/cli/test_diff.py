"""`ivrkit diff` as a user runs it: formats, exit codes, positioned errors for either file, goals found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ivrkit.cli import main

from ..diff.edits import NORTHWIND, ROOT, copy_example, edited_example, write_goals


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[str, str]:
    """A copy of the example and the edited copy (neither with a goals file: the linter's GL001 stays quiet)."""
    folder = tmp_path_factory.mktemp("diff")
    return str(copy_example(folder, "northwind-energy", "old")), str(edited_example(folder, NORTHWIND))


def test_a_copy_shows_no_change(tmp_path, capsys):
    old = str(ROOT / "examples" / "northwind-energy.yaml")
    code, out, err = run(capsys, "diff", old, str(copy_example(tmp_path, "northwind-energy", goals=True)))
    assert code == 0 and err == ""
    assert out.splitlines()[1:] == [
        f"Goals: {tmp_path}/copy/examples/northwind-energy.goals.yaml (beside NEW)",
        "No change a caller would notice.",
    ]


def test_text_puts_the_biggest_change_first(versions, capsys):
    old, edited = versions
    code, out, _ = run(capsys, "diff", old, edited, "--no-goals")
    lines = out.splitlines()
    assert code == 0
    assert lines[1].startswith("2 destinations slower (most: faults +6.4 s); 2 destinations faster;")
    first = lines[lines.index("Destinations (first-time seconds on the fastest route, as `ivrkit paths`):") + 1]
    assert first.split()[:2] == ["slower", "faults"] and "keys 2 1 → 5 1" in first
    assert '  reworded  billing 3: "set up a payment plan" → "other account questions"' in lines
    assert '  moved     main 2 → main 5 "report a power cut"' in lines


def test_json_fields(versions, capsys):
    old, edited = versions
    code, out, _ = run(capsys, "diff", old, edited, "--json", "--no-goals")
    data = json.loads(out)
    faults = next(row for row in data["destinations"] if row["node"] == "faults")
    assert code == 0 and data["changed"] is True and data["goals"] == [] and data["goals_file"] is None
    assert faults["seconds_before"] == pytest.approx(18.87, abs=0.01) and faults["seconds_after"] > 25
    assert faults["steps_after"][0].startswith("5@")
    assert {o["kind"] for o in data["options"]} == {"moved", "reworded"}
    assert data["at"] == "2026-11-23 10:00"


def test_the_seconds_are_what_ivrkit_call_reports(versions, capsys):
    old, edited = versions
    _, out, _ = run(capsys, "diff", old, edited, "--json", "--no-goals")
    faults = next(row for row in json.loads(out)["destinations"] if row["node"] == "faults")
    code, out, _ = run(capsys, "call", edited, "--press", " ".join(faults["steps_after"]))
    arrival = next(line for line in out.splitlines() if " at " in line and line.split()[2] == "faults")
    assert code == 0 and arrival.split()[0] == f"0:{faults['seconds_after']:04.1f}"


def test_github_format_is_a_stable_markdown_comment(versions, capsys):
    old, edited = versions
    _, first, _ = run(capsys, "diff", old, edited, "--format", "github", "--no-goals")
    _, second, _ = run(capsys, "diff", old, edited, "--format", "github", "--no-goals")
    assert first == second
    lines = first.splitlines()
    assert lines[0] == "<!-- ivrkit-diff -->" and lines[1].startswith("### ivrkit diff: `")
    assert "#### Slower or lost" in lines and "| `faults` | 18.9 s | 25.3 s | +6.4 s | 2 1 → 5 1 |" in lines
    assert "#### Options changed" in lines and "#### New findings" in lines
    assert any(line.startswith("| KY002 | warning |") for line in lines)


def test_fail_on_slower(versions, capsys):
    old, edited = versions
    assert run(capsys, "diff", old, edited, "--no-goals", "--fail-on-slower", "5")[0] == 1
    assert run(capsys, "diff", old, edited, "--no-goals", "--fail-on-slower", "7")[0] == 0
    with pytest.raises(SystemExit) as usage:
        main(["diff", old, edited, "--fail-on-slower", "soon"])
    assert usage.value.code == 2 and "`soon` is not a number from 0 to 86400" in capsys.readouterr().err


def test_both_files_problems_are_positioned_and_exit_2(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("ivrkit: 1\nnodes: [\n")
    code, out, err = run(capsys, "diff", str(broken), str(tmp_path / "missing.yaml"))
    assert code == 2 and out == ""
    assert f"{tmp_path / 'missing.yaml'}:1:1: error: file not found" in err
    assert "broken.yaml:3:1: error:" in err and "Traceback" not in err


def test_a_language_one_version_does_not_speak_is_a_usage_error(versions, capsys):
    old, edited = versions
    code, _, err = run(capsys, "diff", old, edited, "--lang", "fi", "--no-goals")
    assert code == 2 and f"--lang: the menu does not speak `fi` (its languages: en) (in NEW, {edited})" in err


def test_a_goals_file_that_does_not_exist(versions, capsys):
    old, edited = versions
    code, _, err = run(capsys, "diff", old, edited, "--goals", "nowhere.goals.yaml")
    assert code == 2 and "--goals: no such file: nowhere.goals.yaml" in err


@pytest.mark.parametrize("where", ["beside OLD", "--goals"])
def test_goals_beside_old_or_named(where, tmp_path, capsys):
    old = copy_example(tmp_path, "northwind-energy", "old")
    new = edited_example(tmp_path, NORTHWIND)
    goals = write_goals(old, NORTHWIND)
    extra = ["--goals", str(goals)] if where == "--goals" else []
    code, out, _ = run(capsys, "diff", str(old), str(new), "--json", *extra)
    data = json.loads(out)
    assert code == 0 and data["goals_source"] == where and data["goals_file"] == str(goals)
    plan = next(goal for goal in data["goals"] if goal["reaches"] == ["payment_support"])
    assert plan["p_success_after"] < plan["p_success_before"]
    code, out, _ = run(capsys, "diff", str(old), str(new), *extra)
    assert out.splitlines()[1] == f"Goals: {goals} ({where})"
    assert run(capsys, "diff", str(old), str(new), "--no-goals", "--fail-on-drop", "5", *extra)[0] == 0
    assert run(capsys, "diff", str(old), str(new), "--fail-on-drop", "5", *extra)[0] == 1


def test_a_goals_file_with_a_node_neither_version_has_is_a_positioned_error(tmp_path, capsys):
    old = copy_example(tmp_path, "northwind-energy", "old")
    goals = tmp_path / "old" / "examples" / "northwind-energy.goals.yaml"
    goals.write_text("menu: northwind-energy.yaml\ngoals:\n  - say: my power is off\n    reaches: fautls\n")
    code, out, err = run(capsys, "diff", str(old), str(old))
    assert code == 2 and out == ""
    assert f"{goals}:4:14: error: the menu has no node `fautls`" in err and "Traceback" not in err


def test_root_is_news_and_an_old_elsewhere_finds_its_own(versions, capsys):
    old, edited = versions
    new_project = str(Path(edited).parents[1])  # old/ is beside it, outside this root
    code, out, err = run(capsys, "diff", old, edited, "--no-goals", "--root", new_project)
    assert code == 0 and err == "" and "slower          faults" in out
    with pytest.raises(SystemExit) as usage:
        main(["diff", old, edited, "--fail-on-drop", "120"])
    assert (
        usage.value.code == 2 and "`120` is not a number of percentage points from 0 to 100" in capsys.readouterr().err
    )


def test_a_goal_nodes_seconds_are_what_ivrkit_call_reports(tmp_path, capsys):
    old = copy_example(tmp_path, "northwind-energy", "old")
    new = edited_example(tmp_path, NORTHWIND)
    write_goals(new, NORTHWIND)
    _, out, _ = run(capsys, "diff", str(old), str(new), "--json")
    place = next(row for row in json.loads(out)["destinations"] if row["node"] == "planned_work")
    assert place["type"] == "message" and place["seconds_after"] > place["seconds_before"]
    code, out, _ = run(capsys, "call", str(new), "--press", " ".join(place["steps_after"]))
    arrival = next(line for line in out.splitlines() if " at " in line and line.split()[2] == "planned_work")
    assert code == 0 and arrival.split()[0] == f"0:{place['seconds_after']:04.1f}"


@pytest.mark.parametrize("where", ["beside OLD", "beside NEW", "--goals"])
def test_identical_menus_show_no_finding_changes_wherever_the_goals_file_is(where, tmp_path, capsys):
    """Both versions are linted with the goals the diff uses: GL001 cannot find a 'fixed' goal in a copy."""
    old = copy_example(tmp_path, "northwind-energy", "old", goals=where == "beside OLD")
    new = copy_example(tmp_path, "northwind-energy", "new", goals=where == "beside NEW")
    extra = ["--goals", str(ROOT / "examples" / "northwind-energy.goals.yaml")] if where == "--goals" else []
    code, out, err = run(capsys, "diff", str(old), str(new), "--json", *extra)
    data = json.loads(out)
    assert code == 0 and err == "" and data["goals_source"] == where
    assert data["findings"] == []
    code, out, _ = run(capsys, "diff", str(old), str(new), *extra)
    assert code == 0 and "Findings:" not in out and out.splitlines()[-1] == "No change a caller would notice."
    code, out, _ = run(capsys, "diff", str(old), str(new), "--json", "--no-goals", *extra)
    assert json.loads(out)["findings"] == []


def test_with_no_goals_gl001_judges_neither_version(tmp_path, capsys):
    old = copy_example(tmp_path, "northwind-energy", "old", goals=True)
    new = edited_example(tmp_path, NORTHWIND)
    code, out, _ = run(capsys, "diff", str(old), str(new), "--json", "--no-goals")
    assert code == 0 and [f for f in json.loads(out)["findings"] if f["code"] == "GL001"] == []


def test_goals_about_another_menu_are_named_as_such(tmp_path, capsys):
    """A goals file beside a version whose `menu` names neither version, and --goals for another menu: one
    positioned error that says which menu the goals are about, not a list of unknown nodes."""
    old = copy_example(tmp_path, "northwind-energy", "old")
    new = copy_example(tmp_path, "northwind-energy", "new")
    stray = new.with_name("northwind-energy.goals.yaml")
    shutil.copyfile(ROOT / "examples" / "aurora-pankki.yaml", new.with_name("aurora-pankki.yaml"))
    stray.write_text("menu: aurora-pankki.yaml\ngoals:\n  - {say: sain perintäkirjeen, reaches: perinta}\n")
    code, out, err = run(capsys, "diff", str(old), str(new))
    assert code == 2 and out == ""
    assert err.startswith(
        f"{stray}:1:7: error: this goals file lies beside {new} but is about another menu, "
        f"{new.with_name('aurora-pankki.yaml')}\n"
    )
    stray.unlink()
    aurora_goals = ROOT / "examples" / "aurora-pankki.goals.yaml"
    code, out, err = run(capsys, "diff", str(old), str(new), "--goals", str(aurora_goals))
    assert code == 2 and err.count("error:") == 1 and "the menu has no node" not in err
    assert f"error: these goals are about another menu, examples/aurora-pankki.yaml, not {new}: " in err


def test_goals_given_a_folder_or_a_fifo_says_what_it_is(versions, tmp_path, capsys):
    import os

    old, edited = versions
    code, _, err = run(capsys, "diff", old, edited, "--goals", str(tmp_path))
    assert code == 2 and f"--goals: {tmp_path} is a folder, not a goals file" in err
    fifo = tmp_path / "goals.fifo"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "diff", old, edited, "--goals", str(fifo))
    assert code == 2 and f"--goals: {fifo} is not a regular file" in err and "no such file" not in err

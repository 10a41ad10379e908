"""Caller goals on both versions: the reworded-to-vaguer option loses its callers, the moved one costs seconds,
and a goal a version cannot serve gets no figure there (with a note), not an error."""

from __future__ import annotations

import pytest

from ivrkit.diff import diff_json, diff_menus
from ivrkit.goals import load_goals
from ivrkit.loader import load, loads

from .edits import AURORA, EDITS, NORTHWIND, copy_example, edited_example, write_goals
from .test_options import MENU, edit


@pytest.fixture(scope="module", params=EDITS, ids=[edit.example for edit in EDITS])
def predicted(request, tmp_path_factory):
    change = request.param
    return change, _diff(tmp_path_factory.mktemp(change.example), change)


def _diff(folder, change):
    """The example's copy against its edited copy, with the edit's goals beside the new one."""
    new_file = edited_example(folder, change)
    old, new = load(copy_example(folder, change.example, "old")), load(new_file)
    goals = load_goals(write_goals(new_file, change), menuset=new)
    return diff_menus(old, new, goals=goals, goals_source="beside NEW")


def test_the_goal_of_the_vaguer_option_is_predicted_to_succeed_less(predicted):
    change, diff = predicted
    language, say, node = change.goal
    goal = next(g for g in diff.goals if g.say == say)
    assert goal.reaches == (node,) and goal.language == language
    assert goal.p_success_after < goal.p_success_before
    assert diff.goals[0] is goal  # the most success lost comes first
    assert diff.success_rate_after < diff.success_rate_before


def test_the_moved_options_destination_costs_its_goals_callers_seconds(predicted):
    change, diff = predicted
    goal = next(g for g in diff.goals if change.moved_to in g.reaches)
    place = next(p for p in diff.destinations if p.node == change.moved_to)
    assert place.goal_share == pytest.approx(goal.weight)
    assert place.weighted_seconds == pytest.approx(goal.weight * place.change, abs=0.001) and place.weighted_seconds > 0
    assert (goal.first_key_before, goal.first_key_after) == (change.moved[1], change.moved[3])


def test_a_message_a_goal_is_served_by_is_timed_too(tmp_path):
    diff = _diff(tmp_path, NORTHWIND)  # its goals name a message, planned_work
    place = next(p for p in diff.destinations if p.node == "planned_work")
    assert (place.type, place.status, place.keys_before, place.keys_after) == ("message", "slower", "2 2", "5 2")
    assert place.change == pytest.approx(next(p for p in diff.destinations if p.node == "faults").change, abs=0.05)


def test_goal_json(predicted):
    change, diff = predicted
    data = diff_json(diff)
    assert data["goals_source"] == "beside NEW" and data["goals_file"].endswith(f"{change.example}.goals.yaml")
    row = next(row for row in data["goals"] if row["say"] == change.goal[1])
    assert row["p_success_before"] > row["p_success_after"] and row["success_change"] < 0


def test_a_goal_whose_node_one_version_lacks_gets_no_figure_there(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    new_text = edit(
        (
            '  desk: {type: transfer, number: "300", say: The desk.}',
            '  front_desk: {type: transfer, number: "301", say: Reception.}',
        ),
        ("goto: desk}", "goto: front_desk}"),
    )
    menu = tmp_path / "menu.yaml"
    menu.write_text(new_text)
    goals_file = tmp_path / "menu.goals.yaml"
    goals_file.write_text(
        "menu: menu.yaml\nlanguage: en\ngoals:\n"
        "  - say: I want to talk to a person\n    reaches: front_desk\n"
        "  - say: my power is out, I have a fault\n    reaches: fault\n"
    )
    new = load(menu)
    old = loads(MENU, tmp_path / "old.yaml")
    diff = diff_menus(old, new, goals=load_goals(goals_file, menuset=new), goals_source="beside NEW")
    person = next(g for g in diff.goals if g.reaches == ("front_desk",))
    assert person.p_success_before is None and person.p_success_after is not None
    assert person.note == "front_desk is not in OLD"
    assert 'goal 1 ("I want to talk to a person"): front_desk is not in OLD: no prediction before' in diff.notes
    assert diff.goals[0] is person  # a goal one version cannot serve is listed first
    fault = next(g for g in diff.goals if g.reaches == ("fault",))
    assert fault.p_success_before is not None and fault.p_success_after is not None
    # The share-weighted rates count only the goals both versions can serve.
    assert diff.success_rate_before == pytest.approx(fault.p_success_before)


def test_a_goal_in_a_language_one_version_does_not_speak_gets_no_figure_there(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    bilingual = MENU.replace("language: en\n", "language: en\nlanguages: [en, fi]\n").replace(
        "{label: report a fault,", "{label: {en: report a fault, fi: vikailmoitus},"
    )
    menu = tmp_path / "menu.yaml"
    menu.write_text(bilingual)
    goals_file = tmp_path / "menu.goals.yaml"
    goals_file.write_text(
        "menu: menu.yaml\ngoals:\n  - say: sähköt ovat poikki\n    language: fi\n    reaches: fault\n"
    )
    new = load(menu)
    diff = diff_menus(loads(MENU, tmp_path / "old.yaml"), new, goals=load_goals(goals_file, menuset=new))
    [goal] = diff.goals
    assert goal.p_success_before is None and goal.p_success_after is not None
    assert goal.note == "OLD does not speak `fi`"
    assert diff.success_rate_before is None


def test_the_share_weighted_seconds_weigh_each_goals_expected_seconds(predicted):
    _, diff = predicted
    reached = [g for g in diff.goals if g.seconds_change is not None and g.success_change is not None]
    total = sum(g.weight for g in reached)
    assert diff.goal_seconds_after == pytest.approx(
        sum(g.weight * g.expected_seconds_after for g in reached) / total, abs=0.001
    )
    assert diff_json(diff)["goal_seconds_before"] == diff.goal_seconds_before


def test_gl001_judges_each_version_at_the_diffs_moment_with_the_diffs_goals(tmp_path):
    """GL001's figures in the findings are the diff's own predictions at `at`, so the two never disagree."""
    import datetime as _dt
    import re

    from ivrkit.rules.gl001_goal_success import percent

    new_file = edited_example(tmp_path, AURORA)
    old, new = load(copy_example(tmp_path, AURORA.example, "old")), load(new_file)
    goals = load_goals(write_goals(new_file, AURORA), menuset=new)
    weekday = diff_menus(old, new, goals=goals, goals_source="beside NEW")
    gl001 = [f for f in weekday.findings if f.code == "GL001"]
    assert gl001
    for finding in gl001:
        say = re.search(r'callers who say "([^"]+)"', finding.message).group(1)
        figure = re.search(r"predicted success (\d+%)", finding.message).group(1)
        goal = next(g for g in weekday.goals if g.say == say)
        expected = goal.p_success_after if finding.status == "new" else goal.p_success_before
        assert figure == percent(expected), finding
    # On Saturday the bank is closed: both versions play the same closed menu, and no goal's figure moves.
    saturday = diff_menus(old, new, goals=goals, goals_source="beside NEW", at=_dt.datetime(2026, 11, 28, 12, 0))
    assert [g.p_success_before for g in saturday.goals] == [g.p_success_after for g in saturday.goals]
    assert [f for f in saturday.findings if f.code == "GL001"] == []

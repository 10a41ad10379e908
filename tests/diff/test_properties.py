"""Properties of `diff_menus` on random valid menus: a menu against itself differs in nothing (goals
included), and any two menus can be compared (and every report written) without an exception."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ivrkit.diff import diff_json, diff_menus, github, text
from ivrkit.goals import Goal, GoalSet
from ivrkit.loader import loads

from ..strategies import menu_yaml, valid_menus


@given(menu=valid_menus(max_nodes=8))
def test_a_menu_against_itself_has_no_difference(menu):
    source = menu_yaml(menu)
    diff = diff_menus(loads(source), loads(source))
    assert diff.empty
    assert not diff.options and not diff.findings
    assert all(place.seconds_before == place.seconds_after for place in diff.destinations)
    assert text.render(diff).splitlines()[1] == "No change a caller would notice."


def _renamed(value, old: str, new: str):
    """`value` with every reference to node `old` (and its key in `nodes`) renamed to `new`."""
    if isinstance(value, dict):
        return {(new if key == old else key): _renamed(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, old, new) for item in value]
    return new if value == old else value


@given(old=valid_menus(max_nodes=6), new=valid_menus(max_nodes=6), rename=st.booleans())
def test_any_two_menus_compare_and_every_report_is_written(old, new, rename):
    if rename:  # the same menu with a destination renamed: a pair that matters as much as a random one
        new = _renamed(old, "t0", "renamed_t0")
    old_set = loads(menu_yaml(old))
    new_set = loads(menu_yaml(new))
    goals = _goals(old_set, "agent")  # named as OLD names its nodes: NEW may lack some, or speak another language
    diff = diff_menus(old_set, new_set, goals=goals, goals_source="beside OLD")
    data = json.loads(json.dumps(diff_json(diff)))
    assert len(diff.goals) == len(goals.goals)
    assert all(goal.p_success_before is not None for goal in diff.goals)
    assert all((goal.p_success_after is None) == (goal.note is not None) for goal in diff.goals)
    assert {row["node"] for row in data["destinations"]} == {place.node for place in diff.destinations}
    assert text.render(diff).endswith("\n") and github.render(diff) == github.render(diff)
    for place in diff.destinations:
        assert (place.node_before is None) == (place.status == "added")
        assert (place.node_after is None) == (place.status == "removed")
    if rename:
        assert not diff.options or all(option.kind in ("rerouted", "replaced") for option in diff.options)
        assert all(place.status in ("unchanged", "unreachable", "added", "removed") for place in diff.destinations)


@given(menu=valid_menus(max_nodes=6), say=st.sampled_from(["pay my bill", "report a fault", "maksaa lasku", "agent"]))
def test_a_menu_against_itself_predicts_every_goal_the_same(menu, say):
    source = menu_yaml(menu)
    old = loads(source)
    goals = _goals(old, say)
    diff = diff_menus(old, loads(source), goals=goals)
    assert len(diff.goals) == len(goals.goals) and not diff.changed_goals and diff.empty
    assert all(goal.success_change in (0.0, None) for goal in diff.goals)
    assert diff.success_rate_before == diff.success_rate_after


def _goals(menuset, say: str) -> GoalSet:
    """One goal per destination of the generated menu (t0, t1, ...), in the menu's first language."""
    return GoalSet(
        file="menu.goals.yaml",
        menu="menu.yaml",
        goals=tuple(
            Goal(say=say, language=menuset.root.languages[0], reaches=(key,), share=None, index=index, span=None)
            for index, key in enumerate(key for key in menuset.nodes if key.startswith("t"))
        ),
    )

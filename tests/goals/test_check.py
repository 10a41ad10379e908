"""Goals against their menu (`check_goals`, `load_goals_for`), and the goals files shipped with the examples."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ivrkit.diagnostics import LoadError
from ivrkit.goals import check_goals, goals_file_for, load_goals, load_goals_for
from ivrkit.loader import load
from ivrkit.model import MenuNode

from .helpers import project

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if not p.name.endswith((".calls.yaml", ".goals.yaml")))


def checked(path: Path) -> list[tuple[int, int, str, str | None]]:
    menuset = load(path.parent / "line.yaml")
    return [(d.span.line, d.span.col, d.message, d.hint) for d in check_goals(load_goals(path), menuset)]


def test_a_reaches_naming_no_node_gets_the_closest_node(tmp_path):
    path = project(tmp_path, "menu: line.yaml\ngoals:\n  - say: pay my bill\n    reaches: [bilingg, outage]\n")
    assert checked(path) == [(4, 15, "the menu has no node `bilingg`", "did you mean `billing`?")]


def test_a_reaches_with_nothing_close_says_how_nodes_are_named(tmp_path):
    path = project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: hi, reaches: other.yaml#queue}\n")
    assert checked(path) == [
        (
            3,
            24,
            "the menu has no node `other.yaml#queue`",
            "name the node that serves the goal (`file.yaml#id` for a node of another file)",
        )
    ]


def test_the_entry_node_is_no_goal(tmp_path):
    path = project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: hi, reaches: main}\n")
    assert checked(path) == [
        (
            3,
            24,
            "`main` is where every call starts, so every caller reaches it",
            "name the node that serves the goal: a transfer, message, input or other destination",
        )
    ]


def test_a_language_the_menu_does_not_speak(tmp_path):
    path = project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: hej, language: sv, reaches: outage}\n")
    assert checked(path) == [
        (3, 26, "the menu does not speak `sv` (its languages: en, fi)", "write one of the menu's languages: en, fi")
    ]
    path = project(tmp_path, "menu: line.yaml\nlanguage: fr\ngoals:\n  - {say: bonjour, reaches: outage}\n")
    assert checked(path) == [
        (2, 11, "the menu does not speak `fr` (its languages: en, fi)", "write one of the menu's languages: en, fi")
    ]


def test_load_goals_for_finds_the_file_beside_the_menu(tmp_path):
    project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: my power is off, reaches: outage}\n")
    menuset = load(tmp_path / "line.yaml")
    goalset = load_goals_for(menuset)
    assert goalset is not None and [g.say for g in goalset.goals] == ["my power is off"]


def test_load_goals_for_takes_the_file_given(tmp_path):
    project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: a, reaches: outage}\n")
    other = project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: b, reaches: billing}\n", name="other.goals.yaml")
    goalset = load_goals_for(load(tmp_path / "line.yaml"), other)
    assert goalset is not None and [g.say for g in goalset.goals] == ["b"]


def test_load_goals_for_is_none_without_a_goals_file(tmp_path):
    project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: a, reaches: outage}\n", name="unrelated.goals.yaml")
    assert load_goals_for(load(tmp_path / "line.yaml")) is None


def test_load_goals_for_raises_on_a_check_problem(tmp_path):
    project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: a, reaches: outgae}\n")
    with pytest.raises(LoadError) as caught:
        load_goals_for(load(tmp_path / "line.yaml"))
    assert [(d.message, d.hint) for d in caught.value.diagnostics] == [
        ("the menu has no node `outgae`", "did you mean `outage`?")
    ]


@pytest.mark.parametrize("menu", EXAMPLES, ids=lambda p: p.name)
def test_every_example_has_a_goals_file_that_checks_clean(menu):
    goals = goals_file_for(menu)
    assert goals.is_file(), f"{menu.name} has no goals file"
    menuset = load(menu)
    goalset = load_goals(goals)
    assert check_goals(goalset, menuset) == []
    assert load_goals_for(menuset) == goalset
    assert Path(goalset.menu).resolve() == menu.resolve()
    assert len(goalset.goals) >= 15
    assert any(goal.share is not None for goal in goalset.goals)
    assert {goal.language for goal in goalset.goals} == set(menuset.root.languages)
    for goal in goalset.goals:  # a goal is served by a destination, never by a menu the caller passes through
        assert not any(isinstance(menuset.nodes[key], MenuNode) for key in goal.reaches), goal.say


@pytest.mark.parametrize("menu", EXAMPLES, ids=lambda p: p.name)
def test_example_goals_are_not_the_menus_labels(menu):
    """Callers' words, not the labels read back: no goal is an option's label."""
    menuset = load(menu)
    labels = {
        text.casefold()
        for node in menuset.nodes.values()
        if isinstance(node, MenuNode)
        for option in menuset.file_of(node).options_of(node)
        if option.label is not None
        for _, text in option.label.values
    }
    assert labels
    goalset = load_goals(goals_file_for(menu))
    assert not [goal.say for goal in goalset.goals if goal.say.casefold() in labels]


def test_the_example_in_docs_goals_md_loads_and_checks_clean(tmp_path):
    text = (ROOT / "docs" / "goals.md").read_text(encoding="utf-8")
    example = text.split("## An example\n\n```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "menus", tmp_path / "menus")
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "northwind-energy.yaml", tmp_path / "examples")
    (tmp_path / "examples" / "doc.goals.yaml").write_text(example, encoding="utf-8")
    menuset = load(tmp_path / "examples" / "northwind-energy.yaml")
    goalset = load_goals_for(menuset, tmp_path / "examples" / "doc.goals.yaml")
    assert goalset is not None and len(goalset.goals) == 4
    assert goalset.weights()[0] == 0.13

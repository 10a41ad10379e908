"""Goals files, from the issue 14 review: a duplicate hidden by the default language, a goals file about another
menu, numbers as `say`, alias bombs worded for goals files, and hints for a language or a node named the long way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ivrkit.diagnostics import LoadError
from ivrkit.goals import check_goals, load_goals, load_goals_for
from ivrkit.loader import load
from ivrkit.yamlsource import MAX_EXTRA_NODES

from .helpers import MENU, problems, project

ROOT = Path(__file__).resolve().parents[2]


def raised(call) -> list[tuple[int, int, str, str | None]]:
    with pytest.raises(LoadError) as caught:
        call()
    return [(d.span.line, d.span.col, d.message, d.hint) for d in caught.value.diagnostics]


# -- 9: duplicates compared once the default language is applied ---------------------------------------------


@pytest.mark.parametrize(
    "goals",
    [
        "  - {say: my power is off, language: en, reaches: outage}\n  - {say: My power  is off, reaches: outage}\n",
        "  - {say: my power is off, reaches: outage}\n  - {say: my power is off, language: en, reaches: outage}\n",
    ],
    ids=["explicit first", "default first"],
)
def test_a_duplicate_is_found_when_one_copy_names_the_menus_default_language(tmp_path, goals):
    path = project(tmp_path, "menu: line.yaml\ngoals:\n" + goals)
    assert problems(path) == [
        (4, 5, "this goal says the same as the goal at line 3", "remove one, or give the one goal the share of both")
    ]
    assert problems(path, menuset=load(tmp_path / "line.yaml"))[0][2].startswith("this goal says the same")


def test_the_same_words_in_two_languages_are_two_goals(tmp_path):
    path = project(
        tmp_path,
        "menu: line.yaml\ngoals:\n  - {say: info, reaches: outage}\n  - {say: info, language: fi, reaches: outage}\n",
    )
    assert [goal.language for goal in load_goals(path).goals] == ["en", "fi"]


# -- 10: a goals file about another menu ----------------------------------------------------------------------


def test_a_goals_file_beside_a_menu_that_names_another_menu_is_a_positioned_error(tmp_path):
    project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: my power is off, reaches: outage}\n")
    shutil.copy(tmp_path / "line.yaml", tmp_path / "copy.yaml")
    shutil.copy(tmp_path / "line.goals.yaml", tmp_path / "copy.goals.yaml")  # still says menu: line.yaml
    copy = load(tmp_path / "copy.yaml")
    shown_goals, shown_copy, shown_line = (
        str(tmp_path / name) for name in ("copy.goals.yaml", "copy.yaml", "line.yaml")
    )
    assert raised(lambda: load_goals_for(copy)) == [
        (
            1,
            7,
            f"this goals file lies beside {shown_copy} but is about another menu, {shown_line}",
            "if its goals are this menu's, write `menu: copy.yaml`; if they are line.yaml's, name the file "
            "line.goals.yaml beside it (or pass it with --goals)",
        )
    ]
    assert load_goals_for(load(tmp_path / "line.yaml")) is not None
    assert raised(lambda: load_goals_for(copy))[0][2].startswith(f"this goals file lies beside {shown_copy}")
    assert shown_goals.endswith("copy.goals.yaml")


def test_goals_given_for_another_menu_say_which_menu_they_are_about(tmp_path):
    project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: a, reaches: outage}\n  - {say: b, reaches: billing}\n")
    other = tmp_path / "other.yaml"
    other.write_text(MENU.replace("billing", "bills").replace("outage", "faults"), encoding="utf-8")
    shown_other, shown_line = str(other), str(tmp_path / "line.yaml")
    assert raised(lambda: load_goals_for(load(other), tmp_path / "line.goals.yaml")) == [
        (
            1,
            7,
            f"these goals are about another menu, {shown_line}, not {shown_other}: "
            "2 of their `reaches` name no node of it (`outage`, `billing`)",
            f"give the goals file of {shown_other}, or run the command on {shown_line}",
        )
    ]
    # a goals file about another copy of the same menu serves: its goals are checked against this one
    twin = tmp_path / "twin.yaml"
    shutil.copy(tmp_path / "line.yaml", twin)
    goalset = load_goals_for(load(twin), tmp_path / "line.goals.yaml")
    assert goalset is not None and len(goalset.goals) == 2


def test_predict_with_goals_for_another_menu_names_that_menu(capsys):
    from ivrkit.cli import main

    menu, goals = ROOT / "examples" / "aurora-pankki.yaml", ROOT / "examples" / "northwind-energy.goals.yaml"
    assert main(["predict", str(menu), "--goals", str(goals)]) == 2
    err = capsys.readouterr().err
    assert (
        "these goals are about another menu, examples/northwind-energy.yaml, not examples/aurora-pankki.yaml: " in err
    )
    assert err.count("error:") == 1 and "the menu has no node" not in err


# -- 11: say as text, alias bombs, a language's hint, a node named the long way ---------------------------------


@pytest.mark.parametrize("value, kind", [("12345", "the number"), ("3.5", "the number"), ("2026-12-03", "the date")])
def test_say_must_be_text_as_the_schema_says(tmp_path, value, kind):
    path = project(tmp_path, f"menu: line.yaml\ngoals:\n  - say: {value}\n    reaches: outage\n")
    assert problems(path) == [(3, 10, f"`say` must be text, not {kind} `{value}`", f'quote it: "{value}"')]
    path.write_text(f'menu: line.yaml\ngoals:\n  - say: "{value}"\n    reaches: outage\n', encoding="utf-8")
    assert load_goals(path).goals[0].say == value


def test_an_alias_bomb_in_a_goals_file_is_worded_for_goals_files(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdef", "abcde"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    path = project(tmp_path, "\n".join(lines) + "\nmenu: line.yaml\ngoals: []\n")
    ((_, _, message, hint),) = problems(path)
    assert message.endswith("refusing an alias or merge-key bomb")
    assert hint == (f"a goals file may expand aliases to at most {MAX_EXTRA_NODES:,} extra values; write the goals out")
    assert "menu" not in hint and "goto" not in hint


LOCAL_MENU = """\
ivrkit: 1
name: Local line
language: en-GB
languages: [en-GB, fi]
entry: main
nodes:
  main:
    type: menu
    say: {en-GB: Hello., fi: Hei.}
    options:
      "1": {label: {en-GB: report a power cut, fi: sähkökatko}, goto: outage}
  outage:
    type: message
    say: {en-GB: We know., fi: Tiedämme.}
    next: main
"""


def test_a_language_the_menu_speaks_with_a_region_gets_the_menus_tag_as_hint(tmp_path):
    path = project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: power off, language: en, reaches: outage}\n")
    (tmp_path / "line.yaml").write_text(LOCAL_MENU, encoding="utf-8")
    menuset = load(tmp_path / "line.yaml")
    assert [(d.message, d.hint) for d in check_goals(load_goals(path), menuset)] == [
        (
            "the menu does not speak `en` (its languages: en-GB, fi)",
            "write `language: en-GB`, the menu's language for `en`",
        )
    ]
    path.write_text("menu: line.yaml\ngoals:\n  - {say: hej, language: sv, reaches: outage}\n", encoding="utf-8")
    assert [d.hint for d in check_goals(load_goals(path), menuset)] == ["write one of the menu's languages: en-GB, fi"]


def test_a_node_of_the_menu_itself_named_with_its_file_suggests_the_id(tmp_path):
    (tmp_path / "menus").mkdir()
    project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: hi, reaches: outage}\n")
    shutil.move(tmp_path / "line.yaml", tmp_path / "menus" / "line.yaml")
    goals = tmp_path / "menus" / "line.goals.yaml"
    goals.write_text("menu: line.yaml\ngoals:\n  - {say: my power is off, reaches: menus/line.yaml#outage}\n")
    menuset = load(tmp_path / "menus" / "line.yaml")
    assert [(d.message, d.hint) for d in check_goals(load_goals(goals), menuset)] == [
        (
            "the menu has no node `menus/line.yaml#outage`",
            "`outage` is a node of menus/line.yaml itself: write `reaches: outage`",
        )
    ]


def test_an_imported_menus_goals_file_keeps_its_whole_name_as_docs_goals_md_says():
    from ivrkit.goals import goals_file_for

    assert goals_file_for("flows/demo.json") == Path("flows/demo.json.goals.yaml")
    assert goals_file_for("ivr.xml") == Path("ivr.xml.goals.yaml")
    text = (ROOT / "docs" / "goals.md").read_text(encoding="utf-8")
    assert "`demo.json.goals.yaml`" in text and "and its `menu:` is `demo.json`" in text


def test_a_goals_file_too_large_to_read_is_not_told_to_split_an_ivr(tmp_path):
    from ivrkit.yamlsource import MAX_FILE_BYTES

    path = project(tmp_path, "menu: line.yaml\ngoals: []\n")
    with path.open("r+b") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    ((line, col, message, hint),) = problems(path)
    assert message.startswith("the file is too large to read: 32.0 MiB")
    assert hint == "a goals file lists a few dozen goals; is this the right file?"

"""Loading goals files: what is read, and every problem at its line and column with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.diagnostics import LoadError
from ivrkit.goals import goals_file_for, load_goals
from ivrkit.model import Span

from .helpers import problems, project


def test_a_goals_file_is_read_with_defaults_and_positions(tmp_path):
    path = project(
        tmp_path,
        """\
        menu: line.yaml
        goals:
          - say: "  my power is off "
            reaches: outage
            share: 0.3
          - say: haluan maksaa laskun
            language: fi
            reaches: [billing, outage]
        """,
    )
    goalset = load_goals(path)
    first, second = goalset.goals
    assert goalset.file.endswith("line.goals.yaml") and goalset.menu.endswith("line.yaml")
    assert (first.say, first.language, first.reaches, first.share, first.index) == (
        "my power is off",
        "en",  # the menu's default language
        ("outage",),
        0.3,
        0,
    )
    assert (second.language, second.reaches, second.share, second.index) == ("fi", ("billing", "outage"), None, 1)
    assert first.span is not None and (first.span.line, first.span.col) == (3, 5)
    assert [(s.line, s.col) for s in second.reaches_spans] == [(8, 15), (8, 24)]
    assert second.language_span is not None and (second.language_span.line, second.language_span.col) == (7, 15)


def test_the_files_language_is_the_default_of_its_goals(tmp_path):
    path = project(tmp_path, "menu: line.yaml\nlanguage: fi\ngoals:\n  - {say: sähköt poikki, reaches: outage}\n")
    (goal,) = load_goals(path).goals
    assert goal.language == "fi"
    assert goal.language_span is not None and (goal.language_span.line, goal.language_span.col) == (2, 11)


def test_goals_file_for_names_the_file_beside_the_menu():
    assert goals_file_for("examples/northwind-energy.yaml") == Path("examples/northwind-energy.goals.yaml")
    assert goals_file_for(Path("a/b/line.yml")) == Path("a/b/line.goals.yaml")


ERRORS = {
    "unknown field, with did-you-mean": (
        "menu: line.yaml\ngoals:\n  - say: my power is off\n    reaches: outage\n    shar: 0.3\n",
        [(5, 5, "unknown field `shar` in a goal", "did you mean `share`?")],
    ),
    "unknown top-level field, with did-you-mean": (
        "menu: line.yaml\nlangauge: en\ngoals:\n  - {say: hi, reaches: outage}\n",
        [(2, 1, "unknown field `langauge` in the goals file", "did you mean `language`?")],
    ),
    "a goal's field at the top": (
        "menu: line.yaml\nreaches: outage\ngoals:\n  - {say: hi, reaches: outage}\n",
        [
            (
                2,
                1,
                "unknown field `reaches` in the goals file",
                "`reaches` belongs to a goal: write it under an item of `goals`",
            )
        ],
    ),
    "missing say": (
        "menu: line.yaml\ngoals:\n  - reaches: outage\n",
        [(3, 5, "a goal needs `say`: what the caller says they want, in their own words", None)],
    ),
    "empty say": (
        'menu: line.yaml\ngoals:\n  - say: "  "\n    reaches: outage\n',
        [(3, 10, "`say` is empty", "write what the caller says, e.g. `my power is off`")],
    ),
    "missing reaches": (
        "menu: line.yaml\ngoals:\n  - say: my power is off\n",
        [(3, 5, "a goal needs `reaches`: the node that serves it (or a list of nodes)", None)],
    ),
    "empty reaches list": (
        "menu: line.yaml\ngoals:\n  - say: hi\n    reaches: []\n",
        [(4, 14, "`reaches` is empty", "name the node that serves the goal, or a list of nodes")],
    ),
    "reaches that is no node key": (
        "menu: line.yaml\ngoals:\n  - say: hi\n    reaches: pay a bill\n",
        [
            (
                4,
                14,
                "`pay a bill` is not a node",
                "write a node id (`outage`), or `file.yaml#id` for a node of another file",
            )
        ],
    ),
    "share above 1": (
        "menu: line.yaml\ngoals:\n  - say: hi\n    reaches: outage\n    share: 1.5\n",
        [(5, 12, "`share` must be between 0 and 1, not 1.5", None)],
    ),
    "share of 0": (
        "menu: line.yaml\ngoals:\n  - say: hi\n    reaches: outage\n    share: 0\n",
        [
            (
                5,
                12,
                "`share` must be above 0: it is the fraction of callers with this goal",
                "remove the goal if no caller has it, or leave `share` out",
            )
        ],
    ),
    "share as a percentage": (
        "menu: line.yaml\ngoals:\n  - say: hi\n    reaches: outage\n    share: 30%\n",
        [(5, 12, "`share` must be a fraction of callers, not `30%`", "write 0.3 for 30%")],
    ),
    "share as text": (
        "menu: line.yaml\ngoals:\n  - say: hi\n    reaches: outage\n    share: most\n",
        [(5, 12, "`share` must be a number, not `most`", None)],
    ),
    "shares over 1": (
        "menu: line.yaml\ngoals:\n  - {say: a, reaches: outage, share: 0.7}\n  - {say: b, reaches: billing, share: 0.4}\n",
        [
            (
                2,
                1,
                "the shares of the goals add up to 1.1; they are fractions of all callers and may add up to 1 at most",
                "lower some shares, or leave some out: goals without a share split what is left",
            )
        ],
    ),
    "shares of 1 leaving nothing for a goal without one": (
        "menu: line.yaml\ngoals:\n  - {say: a, reaches: outage, share: 0.6}\n  - {say: b, reaches: billing, share: 0.4}\n"
        "  - {say: c, reaches: billing}\n",
        [
            (
                5,
                5,
                "the other goals' shares already add up to 1, leaving no callers for this goal",
                "give this goal a share and lower the others, or leave more shares out",
            )
        ],
    ),
    "the same goal twice": (
        "menu: line.yaml\ngoals:\n  - {say: My power is off, reaches: outage}\n  - {say: my  power is off, reaches: outage}\n",
        [(4, 5, "this goal says the same as the goal at line 3", "remove one, or give the one goal the share of both")],
    ),
    "a bad language code": (
        "menu: line.yaml\ngoals:\n  - {say: hi, reaches: outage, language: English}\n",
        [(3, 42, "`English` is not a language code such as `en`, `fi` or `en-GB`", None)],
    ),
    "no menu": (
        "goals:\n  - {say: hi, reaches: outage}\n",
        [(1, 1, "the goals file needs `menu`: the menu file it is about, relative to the goals file", None)],
    ),
    "a menu that does not exist, with did-you-mean": (
        "menu: lien.yaml\ngoals:\n  - {say: hi, reaches: outage}\n",
        [(1, 7, "`lien.yaml` does not exist", "did you mean `line.yaml`?")],
    ),
    "an absolute menu path": (
        "menu: /etc/line.yaml\ngoals:\n  - {say: hi, reaches: outage}\n",
        [(1, 7, "`/etc/line.yaml` must be a relative path with `/`", "name the menu relative to the goals file")],
    ),
    "a folder as the menu": (
        "menu: .\ngoals:\n  - {say: hi, reaches: outage}\n",
        [(1, 7, "`.` is a folder; name the menu file", None)],
    ),
    "no goals": (
        "menu: line.yaml\n",
        [(1, 1, "the goals file needs `goals`: a list of goals, each with `say` and `reaches`", None)],
    ),
    "empty goals": (
        "menu: line.yaml\ngoals: []\n",
        [
            (
                2,
                8,
                "`goals` is empty: with no goals there is nothing to predict",
                "add a goal: `- say: what a caller says` and `reaches: the node that serves it`",
            )
        ],
    ),
    "goals as a mapping": (
        "menu: line.yaml\ngoals:\n  say: hi\n  reaches: outage\n",
        [(3, 3, "`goals` must be a list, not a mapping", "write it as [a, b] or as `- a` lines")],
    ),
    "a goal that is not a mapping": (
        "menu: line.yaml\ngoals:\n  - my power is off\n",
        [(3, 5, "a goal must be a mapping (`field: value` lines), not `my power is off`", None)],
    ),
    "not a mapping": (
        "- say: hi\n  reaches: outage\n",
        [(1, 1, "the goals file must be a mapping (`field: value` lines), not a list", None)],
    ),
    "a duplicate key": (
        "menu: line.yaml\ngoals:\n  - say: hi\n    say: hello\n    reaches: outage\n",
        [
            (
                4,
                5,
                "duplicate key `say` in a goal (first written at line 3, column 5)",
                "YAML would silently keep only the last one; remove or rename one of them",
            )
        ],
    ),
}


@pytest.mark.parametrize(("text", "expected"), ERRORS.values(), ids=ERRORS.keys())
def test_problems_are_positioned_and_say_what_to_do(tmp_path, text, expected):
    assert problems(project(tmp_path, text)) == expected


def test_the_menu_must_be_inside_the_project_root(tmp_path):
    inner = tmp_path / "project"
    inner.mkdir()
    path = project(inner, "menu: ../outside.yaml\ngoals:\n  - {say: hi, reaches: outage}\n")
    (tmp_path / "outside.yaml").write_text("ivrkit: 1\n", encoding="utf-8")
    assert problems(path) == [
        (
            1,
            7,
            f"`../outside.yaml` is outside the project root {inner.resolve()}",
            "a goals file may only name a menu inside the project; move the file, or pass --root",
        )
    ]
    (inner / "sub").mkdir()
    assert problems(path, root=inner / "sub")[0][2].startswith("`../outside.yaml` is outside the project root")


def test_an_empty_file_says_what_a_goals_file_needs(tmp_path):
    path = project(tmp_path, "# nothing yet\n")
    assert problems(path) == [
        (
            1,
            1,
            "the goals file is empty",
            "a goals file needs `menu` (the menu it is about) and `goals` (a list of `say` and `reaches`); "
            "see docs/goals.md",
        )
    ]


def test_a_menu_given_instead_is_named_with_its_goals_file(tmp_path):
    project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: hi, reaches: outage}\n")
    menu = tmp_path / "line.yaml"
    ((line, col, message, hint),) = problems(menu)
    assert (line, col) == (1, 1)
    assert message.startswith("this is a menu, not a goals file; its goals file is ")
    assert message.endswith("line.goals.yaml")
    assert hint is not None and hint.startswith("run `ivrkit predict ") and "reads " in hint
    (tmp_path / "line.goals.yaml").unlink()
    ((_, _, message, hint),) = problems(menu)
    assert message.startswith("this is a menu, not a goals file (its goals file would be ")
    assert hint == "write the callers' goals there: docs/goals.md describes the format"


def test_a_call_script_given_instead_is_named(tmp_path):
    path = project(tmp_path, "menu: line.yaml\ncalls:\n  - {name: a, press: '1', expect: {reaches: billing}}\n")
    ((line, col, message, hint),) = problems(path)
    assert (line, col, message) == (1, 1, "this is a call script, not a goals file")
    assert hint is not None and hint.startswith("run it with `ivrkit test ")


def test_a_menu_that_does_not_load_is_reported_when_its_language_is_needed(tmp_path):
    path = project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: hi, reaches: outage}\n")
    (tmp_path / "line.yaml").write_text("ivrkit: 1\nname: broken\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_goals(path)
    assert all(d.span.path.endswith("line.yaml") for d in caught.value.diagnostics)
    # with a language of its own, the goals file does not need the menu loaded
    path.write_text("menu: line.yaml\nlanguage: en\ngoals:\n  - {say: hi, reaches: outage}\n", encoding="utf-8")
    assert load_goals(path).goals[0].language == "en"


def test_the_menu_loader_names_a_goals_file_given_as_a_menu(tmp_path):
    from ivrkit.loader import load

    path = project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: hi, reaches: outage}\n")
    with pytest.raises(LoadError) as caught:
        load(path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.span[1:3] == (2, 1)
    assert diagnostic.message == "this is a caller goals file (`*.goals.yaml`), not a menu"
    assert diagnostic.hint is not None and "ivrkit predict " in diagnostic.hint and "--goals " in diagnostic.hint


def test_spans_are_spans_of_the_goals_file(tmp_path):
    path = project(tmp_path, "menu: line.yaml\ngoals:\n  - {say: hi, reaches: outage}\n")
    (goal,) = load_goals(path).goals
    assert isinstance(goal.span, Span) and goal.span.path == load_goals(path).file

"""Check a `GoalSet` against the menu set it is about, and find and load the goals of a loaded menu.

`check_goals` reports, positioned in the goals file: a `reaches` naming no
node of the menu set (with the closest node key), the entry node as a goal
(every call starts there), and a goal language the menu does not speak.
`load_goals_for` is what the commands call: the goals file given, else the
one beside the menu, loaded and checked together.
"""

from __future__ import annotations

import os

from ..diagnostics import Diagnostic, LoadError, did_you_mean
from ..model import MenuSet, Span
from .load import goals_file_for, load_goals
from .model import GoalSet

__all__ = ["check_goals", "load_goals_for"]


def check_goals(goalset: GoalSet, menuset: MenuSet) -> list[Diagnostic]:
    """Every problem of `goalset` against `menuset`, positioned in the goals file, in file order."""
    problems: list[Diagnostic] = []
    languages = menuset.root.languages
    entry = menuset.entry
    for goal in goalset.goals:
        where = goal.span or Span(goalset.file, 1, 1, 1, 1)
        for index, key in enumerate(goal.reaches):
            span = goal.reaches_spans[index] if index < len(goal.reaches_spans) else where
            if key not in menuset.nodes:
                problems.append(
                    Diagnostic(
                        span,
                        f"the menu has no node `{key}`",
                        did_you_mean(key, menuset.nodes)
                        or "name the node that serves the goal (`file.yaml#id` for a node of another file)",
                    )
                )
            elif key == entry:
                problems.append(
                    Diagnostic(
                        span,
                        f"`{key}` is where every call starts, so every caller reaches it",
                        "name the node that serves the goal: a transfer, message, input or other destination",
                    )
                )
        if goal.language not in languages:
            problems.append(
                Diagnostic(
                    goal.language_span or where,
                    f"the menu does not speak `{goal.language}` (its languages: {', '.join(languages)})",
                    did_you_mean(goal.language, languages),
                )
            )
    return sorted(problems, key=Diagnostic.sort_key)


def load_goals_for(
    menuset: MenuSet, goals_path: str | os.PathLike | None = None, *, root: str | os.PathLike | None = None
) -> GoalSet | None:
    """The goals of a loaded menu: `goals_path`, else the goals file beside the menu, else None.

    The file is loaded and checked against `menuset`; any problem raises `LoadError`.
    A goals file given explicitly may name another copy of the menu (`ivrkit diff`
    checks one goals file against two versions): its goals are checked against `menuset`.
    """
    if goals_path is None:
        beside = goals_file_for(menuset.root.path)
        if not beside.is_file():
            return None
        goals_path = beside
        if root is None:
            root = menuset.project_root
    goalset = load_goals(goals_path, root=root, menuset=menuset)
    problems = [problem for problem in check_goals(goalset, menuset) if problem.severity == "error"]
    if problems:
        raise LoadError(problems)
    return goalset

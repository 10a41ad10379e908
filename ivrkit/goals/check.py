"""Check a `GoalSet` against the menu set it is about, and find and load the goals of a loaded menu.

`check_goals` reports, positioned in the goals file: a `reaches` naming no
node of the menu set (with the closest node key), the entry node as a goal
(every call starts there), and a goal language the menu does not speak.
`load_goals_for` is what the commands call: the goals file given, else the
one beside the menu, loaded and checked together. A goals file whose `menu`
names another menu is refused when found beside this one; given explicitly,
it may be about another copy of the menu, and when its nodes are not this
menu's the one error says which menu it is about.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic, LoadError, did_you_mean, display_path
from ..model import MenuSet, Span
from .load import goals_file_for, load_goals
from .model import GoalSet

__all__ = ["check_goals", "load_goals_for", "about_another_menu", "beside_another_menu", "for_another_menu"]

_LISTED = 3  # unknown nodes named in the "about another menu" message


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
                        _own_node(key, menuset)
                        or did_you_mean(key, menuset.nodes)
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
                    _language_hint(goal.language, languages),
                )
            )
    return sorted(problems, key=Diagnostic.sort_key)


def _language_hint(language: str, languages: tuple[str, ...] | list[str]) -> str:
    """The menu's tag for the same language (`en` -> `en-GB`), else the closest tag, else the menu's languages."""
    base = language.split("-")[0].casefold()
    same = [tag for tag in languages if tag.split("-")[0].casefold() == base]
    if len(same) == 1:
        return f"write `language: {same[0]}`, the menu's language for `{language}`"
    return did_you_mean(language, languages) or f"write one of the menu's languages: {', '.join(languages)}"


def _own_node(key: str, menuset: MenuSet) -> str | None:
    """`file#id` naming a node of the menu's own root file: the hint to write `id` (as the root's nodes are named)."""
    file, _, node = key.rpartition("#")
    if not file or node not in menuset.nodes:
        return None
    root = Path(menuset.root.path)
    try:
        named = {(Path(folder) / file).resolve() for folder in (menuset.project_root, root.parent) if folder}
        own = root.resolve() in named
    except (OSError, ValueError, RuntimeError):
        own = False
    if not own:
        return None
    return f"`{node}` is a node of {file} itself: write `reaches: {node}`"


def about_another_menu(goalset: GoalSet, menuset: MenuSet) -> bool:
    """Whether the goals file's `menu` names another file than the menu set's root (False when unknown)."""
    if not goalset.menu_file or not Path(menuset.root.path).is_file():
        return False
    try:
        return Path(goalset.menu_file).resolve() != Path(menuset.root.path).resolve()
    except (OSError, ValueError, RuntimeError):
        return False


def _span(goalset: GoalSet) -> Span:
    return goalset.menu_span or Span(goalset.file, 1, 1, 1, 1)


def beside_another_menu(goalset: GoalSet, menuset: MenuSet) -> Diagnostic:
    """The error for a goals file found beside `menuset`'s menu whose `menu` names another menu."""
    menu = Path(menuset.root.path)
    named = Path(goalset.menu_file or goalset.menu)
    relative = Path(os.path.relpath(menu, Path(goalset.file).parent)).as_posix()
    return Diagnostic(
        _span(goalset),
        f"this goals file lies beside {display_path(menu)} but is about another menu, {goalset.menu}",
        f"if its goals are this menu's, write `menu: {relative}`; if they are {named.name}'s, name the file "
        f"{goals_file_for(named).name} beside it (or pass it with --goals)",
    )


def for_another_menu(goalset: GoalSet, menuset: MenuSet) -> Diagnostic | None:
    """One error in place of a list of unknown nodes, when the goals are about another menu than `menuset`'s
    and some of their `reaches` name no node of it (None otherwise)."""
    if not about_another_menu(goalset, menuset):
        return None
    missing = list(dict.fromkeys(key for goal in goalset.goals for key in goal.reaches if key not in menuset.nodes))
    if not missing:
        return None
    shown = ", ".join(f"`{key}`" for key in missing[:_LISTED]) + (", …" if len(missing) > _LISTED else "")
    menu = display_path(menuset.root.path)
    count = f"{len(missing)} of their `reaches` name" if len(missing) > 1 else "one of their `reaches` names"
    return Diagnostic(
        _span(goalset),
        f"these goals are about another menu, {goalset.menu}, not {menu}: {count} no node of it ({shown})",
        f"give the goals file of {menu}, or run the command on {goalset.menu}",
    )


def load_goals_for(
    menuset: MenuSet, goals_path: str | os.PathLike | None = None, *, root: str | os.PathLike | None = None
) -> GoalSet | None:
    """The goals of a loaded menu: `goals_path`, else the goals file beside the menu, else None.

    The file is loaded and checked against `menuset`; any problem raises `LoadError`.
    A goals file given explicitly may name another copy of the menu (`ivrkit diff`
    checks one goals file against two versions): its goals are checked against `menuset`.
    """
    found_beside = goals_path is None
    if goals_path is None:
        beside = goals_file_for(menuset.root.path)
        if not beside.is_file():
            return None
        goals_path = beside
        if root is None:
            root = menuset.project_root
    goalset = load_goals(goals_path, root=root, menuset=menuset)
    if found_beside and about_another_menu(goalset, menuset):
        raise LoadError([beside_another_menu(goalset, menuset)])
    problems = [problem for problem in check_goals(goalset, menuset) if problem.severity == "error"]
    if problems:
        other = for_another_menu(goalset, menuset)
        raise LoadError([other] if other is not None else problems)
    return goalset

"""Caller goals files (``*.goals.yaml``): what callers of a menu want, in their own words.

`Goal` and `GoalSet` are the model; the loader (`load_goals`, `check_goals`,
`load_goals_for`, `goals_file_for`) turns a file into them with positioned
errors, like menus. The format is documented in docs/goals.md.

The names are imported when first asked for (PEP 562, as `ivrkit` itself
does): a lint of a menu without a goals file imports only `goals.naming`, to
learn that there is none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .check import check_goals, load_goals_for
    from .load import load_goals, looks_like_goals
    from .model import Goal, GoalSet
    from .naming import GOALS_SUFFIX, goals_file_for

__all__ = [
    "Goal",
    "GoalSet",
    "goals_file_for",
    "load_goals",
    "check_goals",
    "load_goals_for",
    "looks_like_goals",
    "GOALS_SUFFIX",
]

# Each public name and the submodule it comes from.
_HOMES = {
    "Goal": "model",
    "GoalSet": "model",
    "goals_file_for": "naming",
    "GOALS_SUFFIX": "naming",
    "load_goals": "load",
    "looks_like_goals": "load",
    "check_goals": "check",
    "load_goals_for": "check",
}


_SUBMODULES = frozenset({"check", "fields", "load", "model", "naming"})


def __getattr__(name: str):
    from importlib import import_module

    if name in _SUBMODULES:  # `ivrkit.goals.load` and the like, as when this file imported them all
        return import_module(f"{__name__}.{name}")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

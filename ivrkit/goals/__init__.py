"""Caller goals files (``*.goals.yaml``): what callers of a menu want, in their own words.

`Goal` and `GoalSet` are the model; the loader (`load_goals`, `check_goals`,
`load_goals_for`, `goals_file_for`) turns a file into them with positioned
errors, like menus. The format is documented in docs/goals.md.
"""

from __future__ import annotations

from .check import check_goals, load_goals_for
from .load import GOALS_SUFFIX, goals_file_for, load_goals, looks_like_goals
from .model import Goal, GoalSet

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

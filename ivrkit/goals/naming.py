"""Where a menu's caller goals file lies: ``<stem>.goals.yaml`` beside the menu.

Kept apart from the goals loader so that a lint of a menu without a goals
file learns there is none without importing the loader (GL001, the findings
cache); `ivrkit.goals.load` re-exports both names.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["GOALS_SUFFIX", "goals_file_for"]

GOALS_SUFFIX = ".goals.yaml"


def goals_file_for(menu_path: str | os.PathLike) -> Path:
    """The goals file that belongs to a menu: ``<stem>.goals.yaml`` in the menu's folder (it may not exist)."""
    menu = Path(menu_path)
    name = menu.name
    for suffix in (".yaml", ".yml"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return menu.with_name(name + GOALS_SUFFIX)

"""Regular expressions compiled on first need, not when their module is imported.

Compiling a pattern costs 0.1-1 ms; a lint imports dozens of modules whose
patterns most menus never need, and every command pays for what its imports
compile. A module writes ``_word = compiled_on_first_need(r"[\\w-]+")`` and
calls ``_word()`` where it matches: the pattern is compiled once per process,
the first time it is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

__all__ = ["compiled_on_first_need"]


def compiled_on_first_need(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns `pattern` compiled with `flags`, compiling it on its first call only."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled

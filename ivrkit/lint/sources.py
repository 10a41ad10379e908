"""The text of menu files, read once and shared by suppression comments, fingerprints and excerpts.

The model does not keep comments or raw lines; the linter reads them back
from disk here (or from texts given up front, for menus loaded from a string).
A file that cannot be read simply has no lines.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["Sources"]


class Sources:
    """Lines of source files by path (the path as written in a `Span`)."""

    def __init__(self, texts: Mapping[str, str] | None = None):
        self._lines: dict[str, list[str]] = {path: text.splitlines() for path, text in (texts or {}).items()}

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            try:
                with open(path, encoding="utf-8-sig", errors="replace") as handle:
                    self._lines[path] = handle.read().splitlines()
            except OSError:
                self._lines[path] = []
        return self._lines[path]

    def line(self, path: str, number: int) -> str | None:
        """Line `number` (1-based) of `path`, or None when there is no such line."""
        lines = self.lines(path)
        return lines[number - 1] if 0 < number <= len(lines) else None

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
        # The last answer of `lines_holding`, with the lines it was found in: one file's at most, so a
        # `ProjectSources(keep_one=True)` still holds no more than the file it reads and one before.
        self._holding: tuple[str, str, list[str], frozenset[int]] | None = None

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
                # As the utf-8-sig codec reads it (a BOM at the start dropped), without importing that codec.
                self._lines[path] = text.removeprefix("\ufeff").splitlines()
            except OSError:
                self._lines[path] = []
        return self._lines[path]

    def line(self, path: str, number: int) -> str | None:
        """Line `number` (1-based) of `path`, or None when there is no such line."""
        lines = self.lines(path)
        return lines[number - 1] if 0 < number <= len(lines) else None

    def lines_holding(self, path: str, word: str) -> frozenset[int]:
        """The 1-based numbers of the lines of `path` that contain `word` (no line break in it), found once
        for the next caller too (suppressions, then the directive check, both ask for `ivrkit`).

        The lines are joined with "\\n", which no line holds (`splitlines` took every break out), so counting
        "\\n" before each place `word` occurs numbers it as `enumerate(lines, 1)` would: a few quick searches
        instead of a test of every line.
        """
        lines = self.lines(path)
        kept = self._holding
        if kept is not None and kept[0] == path and kept[1] == word and kept[2] is lines:
            return kept[3]
        assert word and "\n" not in word
        text = "\n".join(lines)
        numbers = set()
        number, previous = 1, 0
        place = text.find(word)
        while place != -1:
            number += text.count("\n", previous, place)
            numbers.add(number)
            previous = place
            place = text.find(word, place + 1)
        found = frozenset(numbers)
        self._holding = (path, word, lines, found)
        return found

"""Load problems: one `Diagnostic` per problem, all of a file's problems in one `LoadError`."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from .lazyregex import compiled_on_first_need
from .model import Span, model_class

__all__ = ["Diagnostic", "LoadError", "did_you_mean", "format_diagnostic", "display_path", "one_line", "shown"]


@model_class
class Diagnostic:
    """A problem at a position, with an optional hint telling the designer what to do."""

    span: Span
    message: str
    hint: str | None = None
    severity: str = "error"

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.line, self.span.col, self.message)

    def __str__(self) -> str:
        return format_diagnostic(self)


class LoadError(Exception):
    """Raised by the loader with every problem it found, sorted by position."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        unique = {(d.span, d.message): d for d in diagnostics}
        self.diagnostics: list[Diagnostic] = sorted(unique.values(), key=Diagnostic.sort_key)
        first = self.diagnostics[0] if self.diagnostics else None
        more = len(self.diagnostics) - 1
        summary = format_diagnostic(first, with_hint=False) if first else "load failed"
        super().__init__(summary + (f" (and {more} more)" if more > 0 else ""))


def format_diagnostic(diagnostic: Diagnostic, *, with_hint: bool = True) -> str:
    """``path:line:col: error: message`` and, where there is one, an indented hint line."""
    span = diagnostic.span
    text = f"{one_line(span.path)}:{span.line}:{span.col}: {diagnostic.severity}: {one_line(diagnostic.message)}"
    if with_hint and diagnostic.hint:
        text += f"\n  hint: {one_line(diagnostic.hint)}"
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest of `choices` to `word`, or None when nothing is close."""
    import difflib  # only for a mistake: difflib (with heapq) is 1-2 ms of every start-up

    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def display_path(path: str | os.PathLike) -> str:
    """How a file is named in messages: relative to the working folder when inside it, else absolute.

    Control characters, line separators and undecodable bytes in the name are
    spelled out (`one_line`), so a `path:line:col` record stays one line.
    """
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return one_line(os.fspath(path))
    return one_line(os.fspath(path) if relative.startswith("..") else relative)


# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and isolates, and
# lone surrogates (bytes of a file name that are not UTF-8): spelled out as Python writes them.
# Compiled on first need: a text `str.isprintable` passes holds none of them (each is a character it refuses;
# tests/report/test_one_line.py checks them all), and most texts are printable.
UNSAFE_CHARACTERS = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


_unsafe = compiled_on_first_need(UNSAFE_CHARACTERS)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _spell(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode hands it over
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """`text` with control characters, separators and lone surrogates spelled out (``\\n``, ``\\x1b``)."""
    if text.isprintable():
        return text
    unsafe = _unsafe()
    return unsafe.sub(_spell, text) if unsafe.search(text) else text


def shown(text: str, limit: int = 80) -> str:
    """A value from a file as quoted in a message: on one line, and shortened when long."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 20] + f"… ({len(text):,} characters)"

"""Load problems: one `Diagnostic` per problem, all of a file's problems in one `LoadError`."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from typing import Iterable

from .model import Span

__all__ = ["Diagnostic", "LoadError", "did_you_mean", "format_diagnostic", "display_path"]


@dataclass(frozen=True, slots=True)
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
    text = f"{span.path}:{span.line}:{span.col}: {diagnostic.severity}: {diagnostic.message}"
    if with_hint and diagnostic.hint:
        text += f"\n  hint: {diagnostic.hint}"
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest of `choices` to `word`, or None when nothing is close."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def display_path(path: str | os.PathLike) -> str:
    """How a file is named in messages: relative to the working folder when inside it, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative

"""Read JSON that users hand to ivrkit (baselines, audio manifests, reports, imports) within ivrkit's own limits.

Python's `json` stops some hostile inputs with its own exceptions (RecursionError for
deep nesting, ValueError for integers of more than 4,300 digits) and lets others
through (lone surrogates, which crash later when the text is written out). Here
every such input becomes a `JsonProblem` with a line, a column and a message of
ivrkit's own, whatever the Python version; callers turn it into a positioned
diagnostic and exit code 2.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["JsonProblem", "loads", "MAX_DEPTH", "MAX_INT_DIGITS"]

MAX_DEPTH = 100  # the same nesting limit as menu files (docs/format.md)
MAX_INT_DIGITS = 100  # no number ivrkit reads from JSON needs more; far below Python's 4,300-digit limit

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|-?[0-9]+|NaN|-?Infinity')
_SURROGATE = re.compile(
    r"(\\+)u([dD][89abAB][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?|[dD][c-fC-F][0-9a-fA-F]{2})"
)


class JsonProblem(ValueError):
    """Why a JSON text cannot be used, with the 1-based line and column where that shows."""

    def __init__(self, message: str, line: int = 1, col: int = 1, hint: str | None = None):
        super().__init__(f"{line}:{col}: {message}")
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _scan(text: str) -> JsonProblem | None:
    """The first place where nesting passes MAX_DEPTH or a number is too long, found without recursion."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return JsonProblem(
                    f"the JSON is nested more than {MAX_DEPTH} levels deep",
                    *_line_col(text, match.start()),
                    hint="is this the file ivrkit wrote? no ivrkit file nests this deep",
                )
        elif first in "]}":
            depth -= 1
        elif token in ("NaN", "Infinity", "-Infinity"):
            return JsonProblem(f"`{token}` is not a JSON number", *_line_col(text, match.start()))
        elif first != '"' and len(token.lstrip("-")) > MAX_INT_DIGITS:
            return JsonProblem(
                f"a number of {len(token.lstrip('-'))} digits is too long (at most {MAX_INT_DIGITS})",
                *_line_col(text, match.start()),
            )
    return None


def _lone_surrogate(text: str) -> JsonProblem | None:
    for match in _SURROGATE.finditer(text):
        if len(match.group(1)) % 2 == 0:  # an escaped backslash followed by the letter u: plain text
            continue
        if len(match.group(2)) == 4:  # a high or low surrogate without its partner
            return JsonProblem(
                f"`\\u{match.group(2)}` is half of a surrogate pair, not a character",
                *_line_col(text, match.start() + len(match.group(1)) - 1),
                hint="the text is not valid Unicode; was it cut in the middle of a character?",
            )
    return None


def _reject_constant(name: str) -> Any:
    raise JsonProblem(f"`{name}` is not a JSON number")


def loads(text: str) -> Any:
    """Parse `text`; raises JsonProblem (never RecursionError or a bare ValueError) when it cannot be used."""
    problem = _scan(text) or _lone_surrogate(text)
    if problem is not None:
        raise problem
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except JsonProblem:
        raise
    except json.JSONDecodeError as error:
        raise JsonProblem(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except (RecursionError, ValueError) as error:  # pragma: no cover - _scan finds these first
        raise JsonProblem(f"not usable JSON ({type(error).__name__})") from None

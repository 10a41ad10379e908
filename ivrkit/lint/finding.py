"""Findings: what a rule reports (`Violation`), what the linter returns (`Finding`), and the rule families."""

from __future__ import annotations

import enum

from ..model import Span, model_class

__all__ = ["FAMILIES", "Level", "Violation", "Finding"]

# A rule's code starts with its family's code (ST001 is a structure rule); patterns may name a family.
FAMILIES = {
    "ST": "structure",
    "KY": "keys",
    "WD": "wording",
    "HD": "handlers",
    "LN": "length and time",
    "SV": "service",
    "AU": "audio",
    "GL": "goals",
}


class Level(enum.IntEnum):
    """How serious a finding is. Ordered, so `--fail-on warning` means warning or worse."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        return cls[text.strip().upper()]


@model_class  # a frozen, slotted dataclass with a quicker __init__: a big menu makes 100,000s of each
class Violation:
    """What a rule yields: where, what, and optionally the node and a hint for the fix.

    `span` is the smallest element that shows the problem (an option's key, a
    node's id, a prompt's text). `level` overrides the rule's level for this
    one finding (a rule with an error and a warning case, like zero-is-agent).
    """

    span: Span
    message: str
    node: str | None = None
    hint: str | None = None
    level: Level | None = None


@model_class
class Finding:
    """A violation with its rule and level decided; `suppressed` says how it was silenced, if it was."""

    code: str
    name: str
    level: Level
    message: str
    span: Span
    node: str | None = None
    hint: str | None = None
    suppressed: str | None = None  # "comment", "node", "baseline" or None
    fingerprint: str | None = None  # stable across line shifts; see `ivrkit.lint.baseline`

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.line, self.span.col, self.code, self.message)

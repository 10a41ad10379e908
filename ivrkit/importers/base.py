"""What every importer provides, and the shared result type.

An importer turns one platform's IVR definition into ivrkit menu data: a
plain Python dict in the v1 format (docs/format.md), ready for `to_yaml`.
It keeps every key, target, timeout, retry count and prompt: text where the
source has it, audio file names with the text left unknown (`audio:` without
`say:`) where it does not. What it cannot map goes, verbatim, under the
top-level `x-unmapped:` extension field keyed by node id, and the source is
named under `x-imported-from:`. It never invents a prompt, a key or a target.

Each node records the line of the source element it came from in `SourceMap`,
so findings on an imported file can point into the original file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

__all__ = ["Importer", "ImportProblem", "Imported", "SourceMap"]


class ImportProblem(Exception):
    """Malformed input: a message with the 1-based line and column in the source, and a hint."""

    def __init__(self, message: str, line: int = 1, col: int = 1, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


@dataclass
class SourceMap:
    """Node id -> (line, col) of the source element the node was made from."""

    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def record(self, node_id: str, line: int, col: int = 1) -> None:
        self.positions.setdefault(node_id, (line, col))


@dataclass
class Imported:
    """The result of an import: menu data, where each node came from, and non-fatal remarks."""

    menu: dict
    source_map: SourceMap
    remarks: list[str] = field(default_factory=list)


class Importer(Protocol):
    """One platform format. `name` is what `--from` takes."""

    name: str
    description: str

    def detect(self, text: str, path: Path) -> bool:
        """True when `text` looks like this format (cheap: root element, top-level keys)."""

    def convert(self, text: str, path: Path) -> Imported:
        """Convert, or raise ImportProblem with the position of the first fatal problem."""

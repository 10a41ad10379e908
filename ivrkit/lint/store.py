"""The findings of a many-file lint, kept on disk until the report is written, handed back sorted.

A report lists findings sorted by file, line and column, and a file's
findings can come from the lint of several roots (a building block linted on
its own and through the files that jump into it, each time with the same
findings). `FindingStore.add` writes each root's findings to a temporary
file, one record per displayed path, and remembers only where each record
is; iterating reads one path's records at a time, keeps the first finding of
each (code, span, message) as a serial run does, and yields them sorted. So
the memory a lint holds does not grow with the number of files or findings,
and the order is exactly that of `sorted(unique findings, key=Finding.sort_key)`.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO

from ..model import Span
from .finding import Finding, Level

__all__ = ["FindingStore", "pack", "unpack"]

Packed = tuple  # a Finding as plain values: pickled several times faster than the slotted class itself


def pack(findings: Iterable[Finding]) -> list[Packed]:
    """Findings as tuples of plain values, for pickling (`unpack` turns them back)."""
    return [
        (f.code, f.name, int(f.level), f.message, tuple(f.span), f.node, f.hint, f.suppressed, f.fingerprint)
        for f in findings
    ]


_LEVELS = {int(level): level for level in Level}


def unpack(packed: Iterable[Packed]) -> list[Finding]:
    return [
        Finding(code, name, _LEVELS[level], message, Span(*span), node, hint, suppressed, fingerprint)
        for code, name, level, message, span, node, hint, suppressed, fingerprint in packed
    ]


class FindingStore:
    """Findings added root by root (in the serial order), read back deduplicated and sorted; re-iterable."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._records: dict[str, list[tuple[int, int]]] = defaultdict(list)  # path -> (offset, size) in order
        self._end = 0

    def add(self, findings: Iterable[Packed]) -> None:
        """Add one root's findings, packed (`pack`)."""
        by_path: dict[str, list[Packed]] = defaultdict(list)
        for finding in findings:
            by_path[finding[4][0]].append(finding)
        if not by_path:
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="ivrkit-findings-")
        self._file.seek(self._end)
        for path, group in by_path.items():
            data = pickle.dumps(group, protocol=pickle.HIGHEST_PROTOCOL)
            self._file.write(data)
            self._records[path].append((self._end, len(data)))
            self._end += len(data)

    def paths(self) -> list[str]:
        """The displayed paths that have findings, sorted."""
        return sorted(self._records)

    def for_path(self, path: str) -> list[Finding]:
        """The findings at `path`, first of each identity kept, sorted."""
        unique: dict[tuple, Finding] = {}
        for offset, size in self._records.get(path, ()):
            assert self._file is not None
            self._file.seek(offset)
            for finding in unpack(pickle.loads(self._file.read(size))):
                unique.setdefault((finding.code, finding.span, finding.message), finding)
        return sorted(unique.values(), key=Finding.sort_key)

    def __iter__(self) -> Iterator[Finding]:
        for path in self.paths():
            yield from self.for_path(path)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._records.clear()

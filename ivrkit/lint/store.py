"""The findings of a many-file lint, kept on disk until the report is written, handed back sorted.

A report lists findings sorted by file, line and column, and a file's
findings can come from the lint of several roots (a building block linted on
its own and through the files that jump into it, each time with the same
findings). `FindingStore.add` keeps each root's findings, one record per
displayed path: the newest root's in memory, as packed tuples, and every
earlier root's in a temporary file (written when the next root comes), with
only where each record is remembered. Iterating reads one path's records at
a time, keeps the first finding of each (code, span, message) as a serial
run does, and yields them sorted. So the memory a lint holds does not grow
with the number of files or findings (one root's findings at most), a lint
of one file never pickles its findings, and the order is exactly that of
`sorted(unique findings, key=Finding.sort_key)`. The path read last is kept
as read, since a report reads the findings twice (its summary's counts, then
its lines).
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO

from ..model import Span
from .finding import Finding, Level

__all__ = ["FindingStore", "pack", "unpack"]

Packed = tuple  # a Finding as plain values: pickled several times faster than the slotted class itself

_new_span = tuple.__new__  # Span is a NamedTuple; tuple.__new__ skips its Python-level __new__


def pack(findings: Iterable[Finding]) -> list[Packed]:
    """Findings as tuples of plain values, for pickling (`unpack` turns them back)."""
    return [
        (f.code, f.name, int(f.level), f.message, tuple(f.span), f.node, f.hint, f.suppressed, f.fingerprint)
        for f in findings
    ]


_LEVELS = {int(level): level for level in Level}


def unpack(packed: Iterable[Packed]) -> list[Finding]:
    levels = _LEVELS
    return [
        Finding(code, name, levels[level], message, _new_span(Span, span), node, hint, suppressed, fingerprint)
        for code, name, level, message, span, node, hint, suppressed, fingerprint in packed
    ]


def sorted_unique(packed: list[Packed]) -> list[Packed]:
    """The first of each (code, span, message) of one path's packed findings, in `Finding.sort_key` order."""
    # Within one path the sort key is (line, col, code, message); decorated with the position, so equal
    # keys keep their order (a stable sort) and the findings themselves are never compared.
    keys = [(p[4][1], p[4][2], p[0], p[3]) for p in packed]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ordered = [keys[i] for i in order]
    if any(map(operator.eq, ordered, ordered[1:])):  # equal keys: maybe a finding twice (rare)
        unique: dict[tuple, Packed] = {}
        for finding in packed:
            unique.setdefault((finding[0], tuple(finding[4]), finding[3]), finding)
        if len(unique) < len(packed):
            return sorted_unique(list(unique.values()))
    return [packed[i] for i in order]


class FindingStore:
    """Findings added root by root (in the serial order), read back deduplicated and sorted; re-iterable."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._records: dict[str, list[tuple[int, int]]] = defaultdict(list)  # path -> (offset, size) in order
        self._end = 0
        self._newest: dict[str, list[Packed]] = {}  # the last root's findings by path, not written yet
        self._last_read: tuple[str, list[Finding]] | None = None

    def add(self, findings: Iterable[Packed]) -> None:
        """Add one root's findings, packed (`pack`)."""
        by_path: dict[str, list[Packed]] = defaultdict(list)
        for finding in findings:
            by_path[finding[4][0]].append(finding)
        if not by_path:
            return
        self._write_newest()
        self._last_read = None
        self._newest = by_path
        for path in by_path:
            self._records[path]  # noqa: B018 - listed among the paths, its records still in memory

    def _write_newest(self) -> None:
        if not self._newest:
            return
        import pickle  # here: like tempfile, only a lint whose findings spill needs it

        if self._file is None:
            import tempfile  # here: a lint of one root never spills, and importing it costs start-up ~5 ms

            self._file = tempfile.TemporaryFile(prefix="ivrkit-findings-")
        self._file.seek(self._end)
        for path, group in self._newest.items():
            data = pickle.dumps(group, protocol=pickle.HIGHEST_PROTOCOL)
            self._file.write(data)
            self._records[path].append((self._end, len(data)))
            self._end += len(data)
        self._newest = {}

    def paths(self) -> list[str]:
        """The displayed paths that have findings, sorted."""
        return sorted(self._records)

    def for_path(self, path: str) -> list[Finding]:
        """The findings at `path`, first of each identity kept, sorted."""
        if self._last_read is not None and self._last_read[0] == path:
            return list(self._last_read[1])
        packed: list[Packed] = []
        records = self._records.get(path, ())
        if records:
            import pickle
        for offset, size in records:
            assert self._file is not None
            self._file.seek(offset)
            packed += pickle.loads(self._file.read(size))
        packed += self._newest.get(path, ())
        findings = unpack(sorted_unique(packed))
        self._last_read = (path, findings)
        return list(findings)

    def __iter__(self) -> Iterator[Finding]:
        for path in self.paths():
            yield from self.for_path(path)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._records.clear()
        self._newest = {}
        self._last_read = None

"""Regular expressions compiled on first need, or taken ready-compiled from a snapshot.

Compiling a pattern costs 0.1-1 ms; a lint imports dozens of modules whose
patterns most menus never need, and every command pays for what its imports
compile. A module writes ``_word = compiled_on_first_need(r"[\\w-]+")`` and
calls ``_word()`` where it matches: the pattern is compiled once per process,
the first time it is asked for.

What a command compiles at all is compiled before it runs: `lazyregex.snapshot`
(written by `scripts/build_regex_snapshot.py`) holds, for each pattern a
command-line run compiles (ivrkit's, and those of PyYAML and the standard
library that it uses), the program `re` compiles it to, and
`install_snapshot()` (`install_for(argv)` when the arguments name a command)
hands them to `re`'s own cache, so that `re.compile` finds them there: about
15% of the instructions of a one-file lint, most of it PyYAML's one pattern
of every printable character. The cache becomes a dict that makes a held
program into a pattern object when `re` first looks for it (`__missing__`),
so a command pays only for the patterns it uses, not for all a snapshot
holds (a lint of a menu with a goals file compiles three times as many, some
large). The programs are those of one interpreter build: a snapshot written
by any other (another Python version, another build of the same) is ignored
whole, and a pattern whose text or flags changed since is simply not in it
and is compiled as usual. So is any damage: a file whose checksum fails or
whose entries are not all well formed is ignored whole, and a program `_sre`
refuses is compiled by `re` as usual; the command runs as without a snapshot.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Callable, Sequence
from functools import cache

__all__ = [
    "compiled_on_first_need",
    "install_for",
    "install_snapshot",
    "snapshot_applies",
    "snapshot_bytes",
    "snapshot_entry",
    "interpreter_key",
    "SnapshotCache",
    "SNAPSHOT",
    "UNUSABLE_SNAPSHOT",
]

SNAPSHOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lazyregex.snapshot")
"""The snapshot shipped with the package: `snapshot_bytes(interpreter_key(), [snapshot_entry, ...])`."""

UNUSABLE_SNAPSHOT: tuple[type[BaseException], ...] = (Exception, MemoryError)
"""What reading a snapshot file (this one or the lexicon's) may raise when the file is missing or damaged:
anything, since a damaged `marshal` stream can hold any shape or size (MemoryError is an Exception; it is
named because a damaged length is its usual cause). A snapshot is only ever a shortcut: its reader falls
back to the slow way."""


def compiled_on_first_need(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns `pattern` compiled with `flags`, compiling it on its first call only."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled


def interpreter_key() -> tuple[object, ...]:
    """What a compiled program depends on: this exact interpreter build and its regular expression engine."""
    import _sre  # type: ignore[import-not-found]  # the engine of `re`, built in (no stubs)

    return (
        sys.version,
        sys.implementation.cache_tag,
        _sre.MAGIC,
        _sre.CODESIZE,
        _sre.MAXREPEAT,
        _sre.MAXGROUPS,
        sys.maxunicode,
        sys.byteorder,
    )


def snapshot_entry(pattern: str | bytes, flags: int = 0) -> tuple[object, ...] | None:
    """`pattern` with `flags` as `re` compiles it, in plain data; None for one a snapshot leaves to `re`.

    The steps are those of `re._compiler.compile`: parse, generate the
    program, map group names to numbers. Left out: flags that make `re`
    print (DEBUG), warn (TEMPLATE) or depend on the locale, and any pattern
    whose parsing warns, since a snapshot would silence the warning.
    """
    import warnings
    from re import _compiler, _parser  # type: ignore[attr-defined]

    flags = int(flags)
    if flags & (re.DEBUG | re.LOCALE | int(getattr(re, "TEMPLATE", 0))):
        return None
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        tree = _parser.parse(pattern, flags)
        code = [int(word) for word in _compiler._code(tree, flags)]
    if warned:
        return None
    import _sre  # the engine of `re` (see interpreter_key)
    from array import array

    # A program is stored as its words' bytes (native unsigned int, `_sre.CODESIZE` bytes each, the key holds the
    # byte order): read back with one memoryview(...).cast("I").tolist(), a seventh of what marshal spends on a list.
    words = array("I", code)
    if words.itemsize != _sre.CODESIZE:
        return None
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    program = words.tobytes()
    return (
        pattern,
        flags,
        int(flags | tree.state.flags),
        program,
        tree.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def snapshot_bytes(key: tuple[object, ...], entries: list[tuple[object, ...]]) -> bytes:
    """The file a snapshot of `entries` for the interpreter `key` is: `marshal` of (key, checksum, entries'
    `marshal`), the checksum (CRC-32) telling a damaged file from a good one before any of it is installed."""
    payload = marshal.dumps(entries)
    return marshal.dumps((key, _checksum(payload), payload))  # type: ignore[arg-type]  # the key: str and int only


def _read(path: str) -> tuple[object, bytes] | None:
    """(key, entries' `marshal`) of the snapshot at `path`; None if it is missing or its header is damaged."""
    try:
        with open(path, "rb") as stream:
            key, checksum, payload = marshal.loads(stream.read())  # marshal.load(stream): 15x slower
    except UNUSABLE_SNAPSHOT:
        return None
    return (key, payload) if isinstance(payload, bytes) and checksum == _checksum(payload) else None


def _checksum(payload: bytes) -> int:
    import binascii  # built in; every command loads it anyway (PyYAML imports base64), zlib only some

    return binascii.crc32(payload)


def snapshot_applies(path: str = SNAPSHOT) -> bool:
    """Whether the snapshot at `path` is intact and this interpreter's (its patterns are installed), not
    another build's or damaged (they compile as usual)."""
    held = _read(path)
    return held is not None and held[0] == interpreter_key()


_INSTALLED: set[str] = set()


def install_for(argv: Sequence[str]) -> str | None:
    """The command `argv` (the arguments after the program) names, its first argument not starting with
    "-", with the snapshot installed for it (`install_snapshot`); None for `--help` or `--version` alone,
    which compile no pattern, so nothing is installed."""
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if command is not None:
        install_snapshot()
    return command


def install_snapshot(path: str = SNAPSHOT) -> int:
    """Hand the compiled patterns of the snapshot at `path` to `re`'s cache; how many (0 if it is not for this
    interpreter, missing or damaged, or was installed before in this process). A pattern already compiled
    is left as it is."""
    if path in _INSTALLED:
        return 0
    _INSTALLED.add(path)
    held = _read(path)
    cache = getattr(re, "_cache", None)
    if held is None or held[0] != interpreter_key() or not isinstance(cache, dict):
        return 0
    try:
        pending = _pending(marshal.loads(held[1]), cache)
    except UNUSABLE_SNAPSHOT:  # not a list of well-formed entries: none of the file is used
        return 0
    if isinstance(cache, SnapshotCache):
        cache.pending.update(pending)
    else:
        re._cache = SnapshotCache(cache, pending)  # type: ignore[attr-defined]
    return len(pending)


def _pending(entries: list, cache: dict) -> dict[tuple[type, str | bytes, int], tuple]:
    """The entries by the key `re` looks their pattern up by, but those `cache` holds already."""
    pending = {}
    for entry in entries:
        pattern, flags, _, program, _, _, _ = entry
        if not isinstance(pattern, str | bytes) or type(flags) is not int or type(program) is not bytes:
            raise TypeError(f"not a snapshot entry: {pattern!r}, {flags!r}")
        key = (type(pattern), pattern, flags)
        if key not in cache:
            pending[key] = entry
    return pending


class SnapshotCache(dict):
    """`re`'s cache of compiled patterns, which makes a pattern the snapshot holds when `re` first looks for it.

    `re._compile` looks a pattern up with `_cache[key]` and compiles it itself on a KeyError; a lookup
    that misses calls `__missing__` here, which makes the pattern object from the program held (without
    parsing or compiling: `_sre.compile` of the words), keeps it and returns it. A program `_sre` refuses
    (a damaged file) is left to `re`.
    """

    __slots__ = ("pending",)

    def __init__(self, compiled: dict, pending: dict) -> None:
        super().__init__(compiled)
        self.pending = pending

    def __missing__(self, key: object) -> re.Pattern:
        entry = self.pending.pop(key, None)
        if entry is None:
            raise KeyError(key)
        import _sre  # the engine of `re` (see interpreter_key)

        pattern, _, compiled_flags, program, groups, groupindex, indexgroup = entry
        try:
            code = memoryview(program).cast("I").tolist()  # as snapshot_entry stores it
            compiled = _sre.compile(pattern, compiled_flags, code, groups, groupindex, indexgroup)
        except UNUSABLE_SNAPSHOT:
            raise KeyError(key) from None
        if len(self) >= getattr(re, "_MAXCACHE", 512):  # as `re` keeps its cache: the oldest goes
            self.pop(next(iter(self)), None)
        self[key] = compiled
        return compiled

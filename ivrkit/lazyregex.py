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
`install_snapshot()` puts them into `re`'s own cache, so that `re.compile`
finds them there: about 15% of the instructions of a one-file lint, most of it
PyYAML's one pattern of every printable character. The programs are those of
one interpreter build: a snapshot written by any other (another Python
version, another build of the same) is ignored whole, and a pattern whose
text or flags changed since is simply not in it and is compiled as usual.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the engine of `re`, built in (no stubs)
import marshal
import os
import re
import sys
from collections.abc import Callable
from functools import cache

__all__ = ["compiled_on_first_need", "install_snapshot", "snapshot_entry", "interpreter_key", "SNAPSHOT"]

SNAPSHOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lazyregex.snapshot")
"""The snapshot shipped with the package: `marshal` of (`interpreter_key()`, [`snapshot_entry`, ...])."""


def compiled_on_first_need(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns `pattern` compiled with `flags`, compiling it on its first call only."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled


def interpreter_key() -> tuple[object, ...]:
    """What a compiled program depends on: this exact interpreter build and its regular expression engine."""
    return (
        sys.version,
        sys.implementation.cache_tag,
        _sre.MAGIC,
        _sre.CODESIZE,
        _sre.MAXREPEAT,
        _sre.MAXGROUPS,
        sys.maxunicode,
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
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (pattern, flags, int(flags | tree.state.flags), code, tree.state.groups - 1, groupindex, tuple(indexgroup))


_INSTALLED: set[str] = set()


def install_snapshot(path: str = SNAPSHOT) -> int:
    """Put the compiled patterns of the snapshot at `path` into `re`'s cache; how many (0 if it is not for this
    interpreter, missing or unreadable, or was installed before in this process). A pattern already compiled
    is left as it is."""
    if path in _INSTALLED:
        return 0
    _INSTALLED.add(path)
    try:
        with open(path, "rb") as stream:
            key, entries = marshal.loads(stream.read())  # marshal.load(stream) reads it item by item: 15x slower
    except (OSError, EOFError, ValueError, TypeError):
        return 0
    cache = getattr(re, "_cache", None)
    if key != interpreter_key() or not isinstance(cache, dict):
        return 0
    room = int(getattr(re, "_MAXCACHE", 0)) - len(cache)  # never push out what `re` holds already
    installed = 0
    for pattern, flags, compiled_flags, code, groups, groupindex, indexgroup in entries[: max(room, 0)]:
        cache_key = (type(pattern), pattern, flags)
        if cache_key not in cache:
            cache[cache_key] = _sre.compile(pattern, compiled_flags, code, groups, groupindex, indexgroup)
            installed += 1
    return installed

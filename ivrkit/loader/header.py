"""What one file tells the others before it is parsed, and how a parser reaches the other files.

A `FileHeader` is read for every file of a menu set first (its top-level
fields, node ids and entry), so that a target into another file can be checked
before that file is parsed. A parser resolves targets and confines paths
through a `Resolver` (the loader of the whole set).
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any, Protocol

import yaml

from .. import yamlsource
from ..diagnostics import Diagnostic
from ..model import Span

__all__ = ["FileHeader", "Resolver", "file_type"]


class FileHeader:
    """What other files need to know about a file before it is parsed: its node ids and entry."""

    def __init__(self, path: Path, key: str, display: str, is_root: bool):
        self.path = path
        self.key = key
        self.display = display
        self.is_root = is_root  # the file a load started from (its parse is never redone: `Loader._parse_holds`)
        self.prefix = "" if is_root else key + "#"
        self.top: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        self.node_ids: dict[str, yaml.Node] = {}
        self.valid_ids: frozenset[str] = frozenset()  # the node ids a target may name (`ID`)
        self.entry: str | None = None
        self.ok = False
        self.cached = False  # read through a LoadCache (a file given as data is not)
        self.anchored = False  # holds an `&`, so a YAML value may be shared with another place (an alias)
        self.problems: list[Diagnostic] = []  # those found while reading it (kept for a LoadCache)
        # (MenuFile or None, its problems, the headers it references), once parsed through a LoadCache
        self.parsed: tuple[Any, list[Diagnostic], tuple[FileHeader, ...], str] | None = (
            None  # + the root key it was parsed under
        )
        self.keyed_nodes: dict = {}  # its nodes by key, once parsed


class Resolver(Protocol):
    """The loader of a menu set, as one file's parser sees it."""

    diagnostics: list[Diagnostic]

    def resolve(
        self, raw: str, header: FileHeader, span: Span, field: str
    ) -> tuple[str | None, FileHeader | None, bool]:
        """A target string as (node key, file header, ok); problems are recorded."""
        ...

    def confine(self, raw: str, header: FileHeader, span: Span) -> Path | None:
        """The file a relative path names, or None (recorded) when it may not be used."""
        ...


def file_type(path: Path) -> str | None:
    """ "file" for a regular file, what else it is, or None when nothing is there (one `stat`, no open)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    return "file" if stat.S_ISREG(mode) else yamlsource.file_kind(mode)

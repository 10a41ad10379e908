"""Turn menu files into a checked `MenuSet`, or report every problem with its position.

The loader composes each file with `yamlsource` (keeping line and column of
every value), checks it against the format of docs/format.md and builds the
immutable model. It never stops at the first problem of a file: all of them
are collected into one `LoadError`. Referenced files (`goto: other.yaml#node`)
are loaded with the file that references them, and never from outside the
project root.

The package, from the top down: `files` (the menu set: which files, the path
guards, the cache), `parser` (one file's top level), `nodes` (the eight node
builders), `schedules` (the opening-hours grammar), `context` (what the parts
of one file share: texts, prompts, targets, options, handlers), `header` and
`fields` (the field tables, tested against the JSON Schema).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import LoadError
from ..gcpause import gc_paused
from ..model import MenuSet
from .fields import HANDLER_FIELDS, NODE_FIELDS, OPTION_FIELDS, SETTINGS_FIELDS, TOP_FIELDS
from .files import MAX_FILES, ROOT_MARKERS, LoadCache, Loader, find_project_root

__all__ = ["load", "loads", "LoadError", "LoadCache", "find_project_root", "ROOT_MARKERS", "MAX_FILES",
           "TOP_FIELDS", "SETTINGS_FIELDS", "NODE_FIELDS", "OPTION_FIELDS", "HANDLER_FIELDS"]


def load(path: str | os.PathLike, *, root: str | os.PathLike | None = None, cache: LoadCache | None = None) -> MenuSet:
    """Load a menu file and every file it references.

    Raises `LoadError` with every problem found (each with path, line, column
    and, where one helps, a hint). Pass the same `cache` to the loads of one
    batch (`ivrkit check DIR`) to read each file once.
    """
    file = Path(path)
    if file.suffix.lower() not in (".yaml", ".yml"):
        # Another platform's file: imported, spans point into it. The one arrow from the loader up to a
        # leaf (tests/test_import_contract.py ALLOWED): callers should call importers.load_any themselves.
        from ..importers import load_any

        return load_any(file, root=root)
    with gc_paused():
        return Loader(file, root, cache).run(None)


def loads(text: str | bytes, path: str | os.PathLike = "menu.yaml", *,
          root: str | os.PathLike | None = None) -> MenuSet:
    """Load a menu from a string; references resolve relative to `path`'s folder."""
    # surrogatepass: a lone surrogate becomes bytes that decode() reports with their position
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    with gc_paused():
        return Loader(Path(path), root).run(data)

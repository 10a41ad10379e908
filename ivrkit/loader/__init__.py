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
from collections.abc import Callable
from pathlib import Path

from ..diagnostics import Diagnostic, LoadError, display_path
from ..gcpause import gc_paused
from ..model import MenuSet, Span
from .fields import HANDLER_FIELDS, NODE_FIELDS, OPTION_FIELDS, SETTINGS_FIELDS, TOP_FIELDS
from .files import MAX_FILES, ROOT_MARKERS, LoadCache, Loader, find_project_root

__all__ = [
    "load",
    "loads",
    "open_other_formats_with",
    "other_formats_opener",
    "LoadError",
    "LoadCache",
    "find_project_root",
    "ROOT_MARKERS",
    "MAX_FILES",
    "TOP_FIELDS",
    "SETTINGS_FIELDS",
    "NODE_FIELDS",
    "OPTION_FIELDS",
    "HANDLER_FIELDS",
]


OtherFormatsOpener = Callable[..., MenuSet]
"""`(path, *, root, cache) -> MenuSet` for a file of another platform (`ivrkit.importers.load_any`)."""

_OTHER_FORMATS: dict[str, OtherFormatsOpener] = {}


def open_other_formats_with(opener: OtherFormatsOpener | None) -> None:
    """Let `load` open other platforms' files (FreeSWITCH, VoiceXML, ...) through `opener`; None: refuse them.

    The loader sits below the importers and never imports them: the commands and
    the simulator, which sit above both, hand the importers' door down here once
    (`ivrkit.importers.load_any`, or a module-level function calling it, so that
    worker processes can be given it by name).
    """
    if opener is None:
        _OTHER_FORMATS.pop("opener", None)
    else:
        _OTHER_FORMATS["opener"] = opener


def other_formats_opener() -> OtherFormatsOpener | None:
    """The function `load` opens other platforms' files with (None: they are refused)."""
    return _OTHER_FORMATS.get("opener")


def load(path: str | os.PathLike, *, root: str | os.PathLike | None = None, cache: LoadCache | None = None) -> MenuSet:
    """Load a menu file and every file it references.

    Raises `LoadError` with every problem found (each with path, line, column
    and, where one helps, a hint). Pass the same `cache` to the loads of one
    batch (`ivrkit check DIR`) to read each file once. A file of another
    platform is opened through `open_other_formats_with`'s opener, or refused.
    """
    file = Path(path)
    if file.suffix.lower() not in (".yaml", ".yml"):
        opener = _OTHER_FORMATS.get("opener")
        if opener is None:
            raise LoadError(
                [
                    Diagnostic(
                        Span(display_path(file), 1, 1, 1, 1),
                        f"`{file.name}` is not a YAML menu file",
                        "convert it with `ivrkit import`, or open it with `ivrkit.importers.load_any()`",
                    )
                ]
            )
        return opener(file, root=root, cache=cache)
    with gc_paused():
        return Loader(file, root, cache).run(None)


def loads(
    text: str | bytes, path: str | os.PathLike = "menu.yaml", *, root: str | os.PathLike | None = None
) -> MenuSet:
    """Load a menu from a string; references resolve relative to `path`'s folder."""
    # surrogatepass: a lone surrogate becomes bytes that decode() reports with their position
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    with gc_paused():
        return Loader(Path(path), root).run(data)

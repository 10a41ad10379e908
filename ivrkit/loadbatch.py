"""Load the menu files of one command (`check DIR`, `lint DIR`) in time linear in their number.

Each load reads a file with every file it references, so loading every file
of a chain of N building blocks as its own root reads N(N+1)/2 files. A
batch instead starts from the files that no other file of the batch
references, reads each file once (`LoadCache`), and does not load a file
again as a root once it was loaded as part of another: its problems and
findings already came with that load, seen the way a caller meets them.
Files named on the command line are always loaded as roots, as the user
asked; the others only when no load has covered them yet (a cycle of files
that only reference each other is entered at its first file).
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Iterable

import yaml

from . import yamlsource
from .loader import LoadCache, load
from .model import MenuSet

__all__ = ["Batch", "file_references"]

_SUFFIXES = (".yaml", ".yml")


def file_references(path: Path) -> set[Path]:
    """The menu files that `path` names in any value (`x.yaml`, `x.yaml#node`), from its YAML alone.

    Only for choosing an order: a file that cannot be read names nothing, and a
    reference the loader would refuse still counts (its load reports it).
    """
    if path.suffix.lower() not in _SUFFIXES:
        return set()
    source, _ = yamlsource.read_source(path, str(path))
    if source is None:
        return set()
    root, _ = yamlsource.compose(source)
    if root is None:
        return set()
    found: set[Path] = set()
    folder = path.resolve().parent
    stack: deque = deque([root])
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            file_part = node.value.partition("#")[0] if isinstance(node.value, str) else ""
            if file_part.endswith(_SUFFIXES) and "\0" not in file_part:
                try:
                    found.add((folder / file_part).resolve())
                except (OSError, ValueError):
                    pass
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found


class Batch:
    """The order to load `files` in, and which of them still need a load of their own."""

    def __init__(self, files: Iterable[Path], named: Iterable[Path] = ()):
        self.files = list(files)
        self.named = {path.resolve() for path in named}
        self.cache = LoadCache()
        self.covered: set[Path] = set()
        resolved = [path.resolve() for path in self.files]
        in_batch = set(resolved)
        referenced: set[Path] = set()
        for path, real in zip(self.files, resolved):
            referenced.update(other for other in file_references(path) if other != real and other in in_batch)
        starts = [r in self.named or r not in referenced for r in resolved]
        self.order = [p for p, start in zip(self.files, starts) if start] + \
                     [p for p, start in zip(self.files, starts) if not start]

    def needs_load(self, path: Path) -> bool:
        """False for a file found in a folder that an earlier load of this batch already read."""
        real = path.resolve()
        return real in self.named or real not in self.covered

    def load(self, path: Path, *, root=None) -> MenuSet:
        """Load `path` through the batch's cache and remember every file its menu set holds."""
        menuset = load(path, root=root, cache=self.cache)
        for menu_file in menuset.files.values():
            self.covered.add(Path(menu_file.path).resolve())
        return menuset

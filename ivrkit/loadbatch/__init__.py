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

Memory stays flat in the number of files: the cache keeps the files that
others reference (building blocks, read once for all their users) and
forgets each root's own parse once its load is done. `Batch.check` loads the
roots on worker processes (`ivrkit.loadbatch.pool`) and hands back what each
load gave in the order a serial run meets them.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeAlias

import yaml

from .. import yamlsource
from ..diagnostics import Diagnostic
from ..loader import LoadCache, LoadError, load
from ..model import MenuSet, field, model_class
from .pool import run_ordered

__all__ = ["Batch", "Loaded", "file_references", "forget_roots", "free_cycles"]

_SUFFIXES = (".yaml", ".yml")

Root: TypeAlias = "str | os.PathLike[str] | None"


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
    if ".yaml" not in source.text and ".yml" not in source.text and "\\" not in source.text:
        return set()  # no value can name a file (an escape could spell one: those files are composed)
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
            stack.extend(value for _, value in node.value)
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
        if len(in_batch) > 1:  # a lone file references no *other* file of the batch: no need to read it twice
            for path, real in zip(self.files, resolved):
                referenced.update(other for other in file_references(path) if other != real and other in in_batch)
        starts = [r in self.named or r not in referenced for r in resolved]
        self.starts = max(1, sum(starts))  # the loads that certainly run (more only after failed loads)
        self.order = [p for p, start in zip(self.files, starts) if start] + [
            p for p, start in zip(self.files, starts) if not start
        ]

    def needs_load(self, path: Path) -> bool:
        """False for a file found in a folder that an earlier load of this batch already read."""
        real = path.resolve()
        return real in self.named or real not in self.covered

    def load(self, path: Path, *, root=None) -> MenuSet:
        """Load `path` through the batch's cache and remember every file its menu set holds."""
        try:
            menuset = load(path, root=root, cache=self.cache)
        finally:
            forget_roots(self.cache)
        self.cover(Path(menu_file.path) for menu_file in menuset.files.values())
        return menuset

    def cover(self, paths: Iterable[Path]) -> None:
        """Remember that a load read these files (so they are not loaded again as roots)."""
        self.covered.update(path.resolve() for path in paths)

    def check(self, *, root: Root = None, jobs: int = 1) -> Iterator[tuple[Path, Loaded]]:
        """Load each file that needs a load of its own, on `jobs` processes: `(path, what its load gave)`.

        In the order and with the results of a serial loop over `order` that
        skips the files `needs_load` refuses.
        """
        work = self._load_here if jobs <= 1 else load_in_worker
        tasks = ((path, root) for path in self.order)
        _WORKER_CACHE.clear()  # in this process only when a worker failed and the parent loads in its place
        _LOADS["roots"] = 0
        try:
            for (path, _), loaded in run_ordered(
                work, tasks, jobs=min(jobs, self.starts), wanted=lambda task: self.needs_load(task[0])
            ):
                self.cover(loaded.files)
                yield path, loaded
        finally:
            _WORKER_CACHE.clear()

    def _load_here(self, task: tuple[Path, Root]) -> Loaded:
        return _load_root(task, self.cache)


@model_class
class Loaded:
    """What the load of one root gave: its problems (none when it loaded) and the files its menu set holds."""

    problems: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


_WORKER_CACHE: dict[str, LoadCache] = {}
_LOADS = {"roots": 0}


def load_in_worker(task: tuple[Path, Root]) -> Loaded:
    """`Batch._load_here` in a worker process, with the worker's own cache for the files others reference."""
    return _load_root(task, _WORKER_CACHE.setdefault("cache", LoadCache()))


def _load_root(task: tuple[Path, Root], cache: LoadCache) -> Loaded:
    path, root = task
    if _LOADS["roots"]:
        free_cycles()
    _LOADS["roots"] += 1
    try:
        menuset = load(path, root=root, cache=cache)
    except LoadError as error:
        return Loaded(problems=list(error.diagnostics))
    finally:
        forget_roots(cache)
    return Loaded(files=[Path(menu_file.path) for menu_file in menuset.files.values()])


def free_cycles() -> None:
    """Free the reference cycles the last root's load and lint left, before the next root, with the GC off.

    The command line turns the cyclic collector off (`ivrkit.cli.entry`): a
    model is meant to be freed by reference counting alone. Anything that
    still ties it in a cycle would keep every file's model alive until the
    process ends; a collection of the youngest generation (the objects made
    since the last one) frees it. Not done after the last root (a single
    large file pays nothing), and cheap when there is nothing to find.
    """
    if not gc.isenabled():
        gc.collect(0)


def forget_roots(cache: LoadCache) -> None:
    """Drop the parse of each file a load opened as its root: a batch never loads a file as a root twice.

    The files others reference stay (their users read them from the cache).
    The loader keys its cache by (project root, file key, opened as root,
    displayed path); should that change, nothing is dropped and only memory is lost.
    """
    opened = getattr(cache, "opened", None)
    if isinstance(opened, dict):
        for key in [key for key in opened if isinstance(key, tuple) and len(key) > 2 and key[2] is True]:
            del opened[key]

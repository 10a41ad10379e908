"""Run one function over many files on worker processes, the results handed back in the files' order.

`run_ordered(work, items, jobs=N, wanted=...)` yields `(item, work(item))`
for every wanted item, in the order of `items`, whatever order the workers
finish in: a caller that merges results as it gets them sees exactly what a
serial loop would have given it. `wanted(item)` is asked twice: when the item
would be handed to a worker (it may look at what has been merged so far) and
again when its turn comes; an item that stopped being wanted in between is
dropped, its work wasted but never seen. A caller's `wanted` may only turn
from true to false as results are merged, never back.

Workers are forked on Linux when the process has no other thread (a fork
copies the loaded modules, so a worker starts in milliseconds; forking a
threaded process can deadlock), else spawned. Each worker runs
`initializer()` first (`no_nested_processes` by default: one worker never
starts processes of its own). A worker that raises, dies or sends back
something that cannot be unpickled costs nothing but time: the parent runs
that item itself, so an exception reaches the caller as it would in a serial
run, and the items after a dead worker run in the parent too.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when workers start: a one-file lint never needs them (about 18 ms of start-up)
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "run_ordered",
    "job_count",
    "parse_jobs",
    "JobsError",
    "no_nested_processes",
    "one_process",
    "nested_processes_allowed",
]

T = TypeVar("T")
R = TypeVar("R")

WINDOW_PER_JOB = 4
"""Items handed out ahead of the one being merged, per worker: keeps every worker busy, bounds held results."""

_NESTED = {"allowed": True}


class JobsError(ValueError):
    """A `--jobs` value that is not a whole number of at least 0."""


def parse_jobs(text: str) -> int:
    """The value of `--jobs`: a whole number, 0 for one worker per CPU; raises `JobsError` otherwise."""
    try:
        value = int(text.strip())
    except ValueError:
        raise JobsError(f"--jobs takes a whole number of processes (0 for one per CPU), not `{text}`") from None
    if value < 0:
        raise JobsError(f"--jobs cannot be negative ({value}); give 1 for one process or 0 for one per CPU")
    return value


def job_count(jobs: int | None) -> int:
    """Worker processes for `jobs` (None or 0: one per CPU)."""
    return jobs if jobs else max(1, os.cpu_count() or 1)


def no_nested_processes() -> None:
    """Turn off process splits inside this process (`ivrkit.lint.parallel`): a worker is one process."""
    _NESTED["allowed"] = False


@contextmanager
def one_process() -> Iterator[None]:
    """No process splits while inside (`--jobs 1`: everything in this one process)."""
    before = _NESTED["allowed"]
    _NESTED["allowed"] = False
    try:
        yield
    finally:
        _NESTED["allowed"] = before


def nested_processes_allowed() -> bool:
    """False in a worker of `run_ordered` (or after `no_nested_processes`)."""
    return _NESTED["allowed"]


def _start_worker(initializer: Callable[[], None], opener) -> None:
    from ..loader import open_other_formats_with

    open_other_formats_with(opener)
    initializer()


def only_one_thread() -> bool:
    """`threading.active_count() == 1` (forking a process with other threads can deadlock), without importing
    threading, which would cost every command's start-up: a process that never imported it has started no
    thread through it, and would count only itself."""
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    if sys.platform.startswith("linux") and only_one_thread():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_ordered(
    work: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    wanted: Callable[[T], bool] = lambda item: True,
    initializer: Callable[[], None] = no_nested_processes,
) -> Iterator[tuple[T, R]]:
    """`(item, work(item))` for each wanted item, in order; `jobs` > 1 runs them on that many workers.

    `work` and `initializer` must be importable module-level functions (a
    spawned worker finds them by name). With `jobs` of 1 nothing is started.
    """
    if jobs <= 1:
        for item in items:
            if wanted(item):
                yield item, work(item)
        return
    from concurrent.futures import ProcessPoolExecutor

    from ..loader import other_formats_opener

    # a spawned worker starts from fresh modules: it is handed the loader's opener of other formats by name
    pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(initializer, other_formats_opener()),
    )
    pending: deque[tuple[T, Future | None]] = deque()
    try:
        for item in items:
            if not wanted(item):
                continue
            pool = _submit(pool, pending, work, item)
            while len(pending) >= jobs * WINDOW_PER_JOB:
                yield from _merge_first(pending, work, wanted)
        while pending:
            yield from _merge_first(pending, work, wanted)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor | None, pending: deque, work: Callable, item) -> ProcessPoolExecutor | None:
    """Hand `item` to a worker; once the pool is broken, queue it for the parent (a None future)."""
    if pool is not None:
        try:
            pending.append((item, pool.submit(work, item)))
            return pool
        except Exception:  # noqa: BLE001 - BrokenProcessPool, or a pool that cannot start: the parent works on
            pool.shutdown(wait=False, cancel_futures=True)
    pending.append((item, None))
    return None


def _merge_first(pending: deque, work: Callable, wanted: Callable) -> Iterator[tuple]:
    item, future = pending.popleft()
    if not wanted(item):  # covered by a result merged since it was handed out
        if future is not None:
            future.cancel()
        return
    result = _NOTHING
    if future is not None:
        try:
            result = future.result()
        except BaseException as problem:  # noqa: BLE001 - redone below, where it raises as in a serial run
            if isinstance(problem, KeyboardInterrupt):
                raise
            result = _NOTHING
    if result is _NOTHING:
        result = work(item)
    yield item, result


_NOTHING = object()

"""Run the rules of one very large menu on two processes.

Each rule is a pure function of the model, the graph and the configuration,
so two groups of rules can run at the same time over the same model. On
Linux a forked child sees the parent's model and graph without copying or
pickling them; it runs the wording and structure rules, the parent runs the
rest (timing, keys, handlers, service: the two halves share few analyses and
take about as long). The child sends back only its violations, as plain
tuples (`encode`/`decode` of `run_split`: pickling the slotted objects
themselves costs both processes several times more).

It is used only where it pays and is safe: a menu of at least
`MIN_NODES` nodes, a platform with `fork` (Linux), more than one CPU, and a
process with no other threads (forking a threaded process can deadlock).
`IVRKIT_JOBS=1` turns it off, and so does a many-file lint that already
runs one root per worker process, or was asked for one process (`--jobs 1`,
`ivrkit.loadbatch.pool.nested_processes_allowed`): the two kinds of
parallelism never multiply. When the child fails in any way (an exception
in a rule, being killed, a broken pipe), the parent runs the child's rules
itself, so the findings are those of a serial run and an exception a rule
raises reaches the caller as it would there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..loadbatch.pool import nested_processes_allowed, only_one_thread

__all__ = ["MIN_NODES", "CHILD_FAMILIES", "use_two_processes", "run_split"]

MIN_NODES = 2_000
"""Below this a menu lints in about a second, and a fork would save too little."""

CHILD_FAMILIES = frozenset({"WD", "ST"})
"""The rule families the child runs; measured to take about half of the time on large menus."""

T = TypeVar("T")
R = TypeVar("R")


def _same(value: Any) -> Any:
    return value


def use_two_processes(node_count: int) -> bool:
    """Whether a menu of `node_count` nodes is linted on two processes here and now."""
    if os.environ.get("IVRKIT_JOBS", "").strip() == "1" or not nested_processes_allowed():
        return False
    return (
        node_count >= MIN_NODES
        and sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and only_one_thread()
    )


def run_split(
    items: Iterable[T],
    in_child: Callable[[T], bool],
    work: Callable[[list[T]], list[R]],
    *,
    encode: Callable[[list[R]], Any] = _same,
    decode: Callable[[Any], list[R]] = _same,
) -> list[R]:
    """`work(items)`, with the items for which `in_child` holds done by a forked child.

    `work` maps a list of items to one result per item, and must not depend
    on state the other half changes (rules fill only their own caches). The
    results come back in the order of `items`. The child's results cross
    the pipe as `encode(results)`, pickled, and come out of `decode`.
    """
    items = list(items)
    child_items = [item for item in items if in_child(item)]
    parent_items = [item for item in items if not in_child(item)]
    if child_items and parent_items:
        import pickle  # noqa: F401 - here, not in the forked child; a lint that never forks never imports it

    forked = _fork(child_items, lambda chosen: encode(work(chosen))) if child_items and parent_items else None
    if forked is None:
        return work(items)
    parent_results, child_results = _finish(*forked, child_items, parent_items, work, decode)
    from_parent, from_child = iter(parent_results), iter(child_results)
    return [next(from_child) if in_child(item) else next(from_parent) for item in items]


def _fork(items: list, work: Callable) -> tuple[int, int] | None:
    """Start a child that pickles `work(items)` into a pipe; (its pid, the pipe's read end)."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns
        import pickle

        os.close(read_end)
        status = 1
        try:
            data = pickle.dumps(work(items), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            # Exit at once: no traceback on the terminal (the parent redoes the
            # work and raises there), no atexit handlers, no second flush of
            # output the parent had buffered before the fork.
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _finish(
    pid: int, read_end: int, child_items: list, parent_items: list, work: Callable, decode: Callable
) -> tuple[list, list]:
    """Run the parent's share, then collect the child's (or redo it here if the child failed)."""
    try:
        parent_results = work(parent_items)
    except BaseException:
        _reap(pid, read_end, kill=True)
        raise
    data, ok = _reap(pid, read_end)
    child_results = None
    if ok:
        import pickle

        try:
            child_results = decode(pickle.loads(data))
        except Exception:  # noqa: BLE001 - a cut-off message: redo the work below
            child_results = None
    if child_results is None or len(child_results) != len(child_items):
        child_results = work(child_items)
    return parent_results, child_results


def _reap(pid: int, read_end: int, *, kill: bool = False) -> tuple[bytes, bool]:
    """Read the child's message and wait for it; (data, whether it exited cleanly)."""
    data = b""
    try:
        if kill:
            import signal

            os.kill(pid, signal.SIGKILL)
        else:
            with os.fdopen(read_end, "rb", closefd=False) as pipe:
                data = pipe.read()
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    return data, os.waitstatus_to_exitcode(status) == 0

"""Shared helpers of the benchmarks: run a child process and measure it, medians, `name=value` lines.

`run_child` starts a command and reaps it with `os.wait4`, so the CPU time and
peak RSS it reports belong to that one child (and the children it waited for,
such as a lint's worker processes) and not to every child this benchmark ever
ran, which is what `getrusage(RUSAGE_CHILDREN)` would add up. While the child
runs, the resident memory of its whole process tree is sampled from /proc, so
workers running side by side are summed, not just the largest one.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measured:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and the children it waited for
    peak_rss_mib: float  # the largest single process (ru_maxrss)
    tree_rss_mib: float  # the largest sampled sum over the child's process tree
    returncode: int
    stdout: str


def child_env(pycache: str | None = None) -> dict[str, str]:
    """The environment of a child: bytecode cached under `pycache` (a machine may set PYTHONDONTWRITEBYTECODE,
    which would make every run compile ivrkit from source)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pycache:
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_rss_mib(pid: int) -> float:
    """Resident memory of `pid` and all its descendants now, MiB (0 where /proc cannot be read)."""
    tree = _children_of()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(tree.get(current, []))
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total / 2**20


def run_child(
    command: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | str | None = None,
    capture: bool = False,
    sample: bool = False,
    timeout: float = 900,
) -> Measured:
    """Run `command`, wait for it with wait4 and return what it cost; stdout is kept when `capture`."""
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL, text=True)
    tree_peak = 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, 0 if not sample else os.WNOHANG)
        if pid:
            break
        tree_peak = max(tree_peak, tree_rss_mib(proc.pid))
        if time.perf_counter() - start > timeout:
            proc.kill()
        time.sleep(SAMPLE_SECONDS)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = proc.stdout.read() if proc.stdout else ""
    if proc.stdout:
        proc.stdout.close()
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, tree_peak, proc.returncode, stdout)


def values_of(text: str) -> dict[str, str]:
    """The `name=value` lines of a child's output."""
    pairs = {}
    for line in text.splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name and " " not in name:
            pairs[name] = value
    return pairs


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float], unit: str = "s", digits: int = 3) -> str:
    return (
        f"median {median(values):.{digits}f} {unit} (min {min(values):.{digits}f}, "
        f"max {max(values):.{digits}f}, n={len(values)})"
    )

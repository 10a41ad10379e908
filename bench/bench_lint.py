"""Benchmark: `ivrkit lint` on a 20,000-menu file and the start-up cost of linting a 100-node menu.

    python bench/bench_lint.py [--menus 20000] [--repeat 3] [--runs 5] [--skip-large]

1. **Large file.** Lints the generated 20,000-menu file (bench/generate_large_menu.py)
   in this process, exactly as `ivrkit lint` does (configuration lookup, load,
   every default rule, suppressions, fingerprints, sorting), and times it against
   `yaml.compose(text, Loader=yaml.CSafeLoader)` of the same file. The runs
   alternate so machine noise hits both sides alike; medians are compared.
   Target: lint <= 1.5 x compose.

   The `ivrkit` console script turns the cyclic garbage collector off for
   batch commands (ivrkit.cli.entry), so the lint is timed with it off. A
   plain `yaml.compose` call runs with the collector on, and that is the
   target's baseline; compose with the collector off is timed as well and
   its ratio printed beside it, so the report shows how much of the margin
   the collector setting alone accounts for.

   A menu this large is linted on two processes where the machine allows it
   (ivrkit.lint.parallel); the CPU time of both is printed beside the wall
   time. Run with IVRKIT_JOBS=1 for the one-process figure.

2. **Small file, whole process.** Runs `python -m ivrkit lint` on a generated
   100-node menu (80 menus, 20 destinations) as a new process, and beside it
   `python -c "import yaml, networkx"`, alternating, and reports medians.
   Target: under 0.5 s.

   Installed packages are byte-compiled by pip; a source checkout gets its
   `.pyc` files on first import. Some machines set PYTHONDONTWRITEBYTECODE,
   which would make every run recompile ivrkit from source, so the child
   processes write bytecode to a temporary PYTHONPYCACHEPREFIX and one warm-up
   run comes first. Both commands run in that same environment.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate_large_menu import generate  # noqa: E402

from ivrkit.gcpause import gc_paused  # noqa: E402
from ivrkit.lint.config_file import ConfigResolver  # noqa: E402
from ivrkit.lint.parallel import use_two_processes  # noqa: E402
from ivrkit.lint.project import lint_files  # noqa: E402


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):6.3f} s  (min {min(values):.3f}, max {max(values):.3f}, n={len(values)})"


def large_file(path: Path, repeat: int) -> None:
    text = path.read_text(encoding="utf-8")
    print(
        f"1. {path} ({len(text.encode()) / 1e6:.1f} MB), libyaml {yaml.__with_libyaml__}, "
        f"Python {sys.version.split()[0]}"
    )
    compose: list[float] = []
    compose_off: list[float] = []
    linted: list[float] = []
    lint_cpu: list[float] = []
    findings = 0
    for _ in range(repeat):
        compose.append(_timed(lambda: yaml.compose(text, Loader=yaml.CSafeLoader)))
        with gc_paused():
            compose_off.append(_timed(lambda: yaml.compose(text, Loader=yaml.CSafeLoader)))
        with gc_paused():  # as `ivrkit lint` runs (ivrkit.cli.entry)
            cpu = _cpu_seconds()
            start = time.perf_counter()
            result = lint_files([path], ConfigResolver())
            linted.append(time.perf_counter() - start)
            lint_cpu.append(_cpu_seconds() - cpu)
        assert not result.load_errors, result.load_errors[:3]
        findings = len(result.findings)
        del result
    lint = statistics.median(linted)
    print(f"   yaml.compose (CSafeLoader)         {_median(compose)}")
    print(f"   yaml.compose, collector off        {_median(compose_off)}")
    print(f"   ivrkit lint (collector off, as the CLI runs)  {_median(linted)}  ({findings} findings)")
    print(
        f"   CPU time of the lint, both processes: {statistics.median(lint_cpu):.3f} s "
        f"(two processes: {use_two_processes(20_000)}; IVRKIT_JOBS=1 runs one)"
    )
    print(
        f"   ratio lint / compose: {lint / statistics.median(compose):.2f}x (target <= 1.5x); "
        f"against compose with the collector off: {lint / statistics.median(compose_off):.2f}x"
    )


def _cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (the lint's forked half)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(work) -> float:
    """Seconds `work()` takes; freeing its result is not counted."""
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    del result
    return seconds


def _child_env(cache: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPYCACHEPREFIX=cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE.parent, check=False)
    return time.perf_counter() - start


def small_file(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        menu = Path(folder) / "hundred.yaml"
        menu.write_text(generate(80, 20, 7), encoding="utf-8")
        env = _child_env(str(Path(folder) / "pycache"))
        lint = [sys.executable, "-m", "ivrkit", "lint", str(menu)]
        baseline = [sys.executable, "-c", "import yaml, networkx"]
        _run(lint, env)  # warm-up: writes the bytecode
        _run(baseline, env)
        lint_times, baseline_times = [], []
        for _ in range(runs):
            baseline_times.append(_run(baseline, env))
            lint_times.append(_run(lint, env))
    print(f"2. 100-node menu, whole process, medians of {runs}")
    print(f"   python -c 'import yaml, networkx'  {_median(baseline_times)}")
    print(f"   python -m ivrkit lint              {_median(lint_times)}  (target < 0.5 s)")
    print(f"   ratio: {statistics.median(lint_times) / statistics.median(baseline_times):.2f}x the imports alone")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menus", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the large file")
    parser.add_argument("--runs", type=int, default=5, help="process runs of the small file")
    parser.add_argument("--file", type=Path, default=HERE / "out" / "large.yaml")
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    if not args.skip_large:
        if not args.file.exists():
            args.file.parent.mkdir(parents=True, exist_ok=True)
            args.file.write_text(generate(args.menus, 400, 42), encoding="utf-8")
        large_file(args.file, args.repeat)
    small_file(args.runs)


if __name__ == "__main__":
    main()

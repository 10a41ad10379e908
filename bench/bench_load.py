"""Benchmark: ivrkit load + graph against a bare `yaml.compose` of the same file, in one process.

    python bench/bench_load.py [--menus 20000] [--repeat 3]

Generates the large menu (bench/generate_large_menu.py) unless it exists, then
alternates the runs so machine noise hits both sides alike, and prints medians
and ratios. Two baselines are reported, because PyYAML's compose spends most of
its time in Python's cyclic garbage collector, which ivrkit pauses while it
loads:

- `compose`: `yaml.compose(text, Loader=yaml.CSafeLoader)` as anyone would call it;
- `compose, GC paused`: the same call with the collector paused, the floor of any
  loader built on composed nodes.

The target is load + graph <= 1.3 x `compose`.

    python bench/bench_load.py --split [--base DIR] [--runs 4]

instead measures model building alone, in CPU seconds with the collector off
as the command line runs: each run a fresh process timing PyYAML's compose
(CSafeLoader), ivrkit's own compose (`yamlsource.compose`, within its limits)
and `load`, after one warm-up load; `build = load - ivrkit's compose` (reading,
checking and building the model, and freeing the YAML). With `--base DIR` (an
older checkout, e.g. a `git worktree`) the same runs alternate between that
tree and this one, and each figure is printed for both.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate_large_menu import generate  # noqa: E402

from ivrkit import graph  # noqa: E402
from ivrkit.loader import load  # noqa: E402


def timed(function) -> float:
    start = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - start
    del result
    gc.collect()
    return elapsed


def compose(text: str):
    return yaml.compose(text, Loader=yaml.CSafeLoader)


def compose_gc_paused(text: str):
    gc.disable()
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    finally:
        gc.enable()


# One --split run, in a fresh process whose ivrkit is the tree given first (an older checkout has no such mode).
_SPLIT_CHILD = """
import gc, sys, time
sys.path.insert(0, sys.argv[1])
import yaml
from pathlib import Path
from ivrkit import yamlsource
from ivrkit.loader import load
path = Path(sys.argv[2])
source, _ = yamlsource.decode(path.read_bytes(), str(path))
gc.disable()
load(path)
def cpu(function):
    start = time.process_time()
    result = function()
    spent = time.process_time() - start
    del result
    return spent
stock = cpu(lambda: yaml.compose(source.text, Loader=yaml.CSafeLoader))
own = cpu(lambda: yamlsource.compose(source))
loaded = cpu(lambda: load(path))
print(stock, own, loaded)
"""


def split(args: argparse.Namespace) -> None:
    trees = ([str(args.base.resolve())] if args.base else []) + [str(HERE.parent)]
    runs: dict[str, list[tuple[float, ...]]] = {tree: [] for tree in trees}
    for index in range(args.runs):
        for tree in trees if index % 2 == 0 else trees[::-1]:
            out = subprocess.run(
                [sys.executable, "-c", _SPLIT_CHILD, tree, str(args.file)], capture_output=True, text=True, check=True
            ).stdout
            runs[tree].append(tuple(float(value) for value in out.split()))
    print(f"CPU seconds, collector off, medians of {args.runs} fresh processes (alternating)")
    for tree, figures in runs.items():
        stock, own, loaded = (statistics.median(column) for column in zip(*figures, strict=True))
        build = statistics.median(run[2] - run[1] for run in figures)
        print(f"{tree}:")
        print(f"  compose_cpu_s={stock:.3f} ivrkit_compose_cpu_s={own:.3f} load_cpu_s={loaded:.3f}")
        print(
            f"  build_cpu_s={build:.3f} load_over_compose={loaded / stock:.2f} build_over_compose={build / stock:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menus", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, default=HERE / "out" / "large.yaml")
    parser.add_argument("--split", action="store_true", help="model building alone, CPU time, GC off")
    parser.add_argument("--base", type=Path, help="with --split: an older checkout measured alternately")
    parser.add_argument("--runs", type=int, default=4, help="with --split: fresh processes per tree")
    args = parser.parse_args()
    if not args.file.exists():
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(generate(args.menus, 400, 42), encoding="utf-8")
    if args.split:
        split(args)
        return
    text = args.file.read_text(encoding="utf-8")
    print(f"file: {args.file} ({len(text.encode()) / 1e6:.1f} MB, {text.count(chr(10))} lines)")
    print(f"libyaml: {yaml.__with_libyaml__}, Python {sys.version.split()[0]}")

    rows: dict[str, list[float]] = {
        "compose": [],
        "compose, GC paused": [],
        "load": [],
        "graph": [],
        "load + graph": [],
    }
    for _ in range(args.repeat):
        rows["compose"].append(timed(lambda: compose(text)))
        rows["compose, GC paused"].append(timed(lambda: compose_gc_paused(text)))
        start = time.perf_counter()
        menuset = load(args.file)
        loaded = time.perf_counter()
        G = graph.build(menuset)
        built = time.perf_counter()
        rows["load"].append(loaded - start)
        rows["graph"].append(built - loaded)
        rows["load + graph"].append(built - start)
        nodes, edges = G.number_of_nodes(), G.number_of_edges()
        del menuset, G
        gc.collect()
    print(f"graph: {nodes} nodes, {edges} edges; medians of {args.repeat} runs")
    median = {name: statistics.median(values) for name, values in rows.items()}
    for name, value in median.items():
        spread = f"{min(rows[name]):.2f}-{max(rows[name]):.2f}"
        print(f"  {name:<20} {value:6.2f} s  ({spread})")
    print(f"ratio load+graph / compose:            {median['load + graph'] / median['compose']:.2f}x (target <= 1.3x)")
    print(f"ratio load+graph / compose, GC paused: {median['load + graph'] / median['compose, GC paused']:.2f}x")


if __name__ == "__main__":
    main()

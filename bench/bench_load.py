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
"""

from __future__ import annotations

import argparse
import gc
import statistics
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menus", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, default=HERE / "out" / "large.yaml")
    args = parser.parse_args()
    if not args.file.exists():
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(generate(args.menus, 400, 42), encoding="utf-8")
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

"""Benchmark: the CPU time of every default rule on one generated file, optionally two trees side by side.

    python bench/bench_rule_costs.py [--menus 2000] [--runs 3] [--top 15] [--base /tmp/old-tree]

Each run is a fresh process that imports ivrkit from the tree it is given (this
one, and with `--base` an older checkout, alternating run by run), loads the
generated file (bench/generate_large_menu.py, seed 42), builds one lint
`Context` and runs every default rule in registry order with the cyclic GC off,
as `ivrkit lint --jobs 1` does, so what rules share (option meanings, heard
speech, free closures) is built by the first rule that asks, where a real run
builds it. It prints the median CPU seconds of the costliest rules (the
`--top` of this tree), then `all_rules_cpu_s=` for each tree (median of the
runs), the last line this tree's.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _one_run(root: str, path: str) -> dict[str, float]:
    sys.path.insert(0, root)
    from ivrkit.lint.config import LintConfig
    from ivrkit.lint.context import Context
    from ivrkit.loader import load
    from ivrkit.rules import all_rules

    gc.disable()
    menuset = load(path)
    config = LintConfig()
    context = Context(menuset, config=config)
    times: dict[str, float] = {}
    start_all = time.process_time()
    for rule_class in all_rules():
        if not config.enabled(rule_class):
            continue
        rule = rule_class(config.settings_of(rule_class))
        start = time.process_time()
        list(rule.check(context))
        times[rule_class.code] = times.get(rule_class.code, 0.0) + time.process_time() - start
    times["all_rules"] = time.process_time() - start_all
    return times


def _child(root: Path, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--root", str(root)],
        check=True,
        capture_output=True,
        text=True,
        cwd=root,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menus", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--base", type=Path, help="an older checkout to measure alternately with this one")
    parser.add_argument("--root", default=str(HERE.parent), help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_one_run(args.root, args.child)))
        return

    sys.path.insert(0, str(HERE))
    from generate_large_menu import written

    path = written(HERE / "out" / f"large-{args.menus}-rules.yaml", args.menus, 40, 42)
    trees = {"new": HERE.parent} if args.base is None else {"base": args.base.resolve(), "new": HERE.parent}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.runs):
        for name, root in trees.items():
            runs[name].append(_child(root, path))

    def median(name: str, code: str) -> float:
        return statistics.median(run.get(code, 0.0) for run in runs[name])

    codes = sorted((code for code in runs["new"][0] if code != "all_rules"), key=lambda c: -median("new", c))
    header = "  ".join(f"{name:>8}" for name in trees)
    print(f"  {'rule':9} {header}")
    for code in codes[: args.top]:
        print(f"  {code:9} " + "  ".join(f"{median(name, code):8.3f}" for name in trees))
    for name in trees:
        print(f"{name}_all_rules_cpu_s={median(name, 'all_rules'):.3f}")
    print(f"all_rules_cpu_s={median('new', 'all_rules'):.3f}")


if __name__ == "__main__":
    main()

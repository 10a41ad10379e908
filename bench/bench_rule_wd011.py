"""Benchmark: the CPU time of WD011, WD013 and HD005 (the rules sharing `ivrkit.rules._label_promises`).

    python bench/bench_rule_wd011.py [--menus 2000] [--runs 3]

Each run is a fresh process (nothing cached from an earlier run). It loads the
generated file (bench/generate_large_menu.py, seed 42), builds one lint
`Context` and runs every default rule in registry order on one process with the
cyclic GC off, as `ivrkit lint --jobs 1` does, so what the three rules share
with the others (free closures, option meanings) is built where a real run
builds it. It prints the CPU seconds of each of the three rules, their sum and
the whole rule pass; the last line is `label_rules_cpu_s=` (median of the runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES = ("WD011", "WD013", "HD005")


def _one_run(path: str) -> dict[str, float]:
    """The three rules' CPU seconds and the whole pass's, from one run of bench_rule_costs (every rule in order)."""
    sys.path.insert(0, str(HERE))
    from bench_rule_costs import _one_run as every_rule

    times = every_rule(str(HERE.parent), path)
    return {**{code: times.get(code, 0.0) for code in RULES}, "all_rules": times["all_rules"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menus", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_one_run(args.child)))
        return

    sys.path.insert(0, str(HERE))
    from generate_large_menu import written

    path = written(HERE / "out" / f"large-{args.menus}-wd011.yaml", args.menus, 40, 42)
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path)], check=True, capture_output=True, text=True
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    for name in (*RULES, "all_rules"):
        values = [run[name] for run in runs]
        print(f"  {name:9} median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})")
    sums = [sum(run[code] for code in RULES) for run in runs]
    print(f"label_rules_cpu_s={statistics.median(sums):.3f}")


if __name__ == "__main__":
    main()

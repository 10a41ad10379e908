"""Benchmark: simulated calls per second of `ivrkit simulate` on an example.

    python bench/bench_simulate.py [--menu examples/northwind-energy.yaml] [--calls 100000] [--repeat 3]

Each run is `ivrkit.cli.main(["simulate", MENU, "--calls", N, "--seed", run, "--json"])` in this process
with the cyclic GC off (as the console script runs it), the JSON written to /dev/null, timed in CPU seconds.
Calls that make the same moves share the engine states of the first one that made them (see
`ivrkit.predict.simulate`); `played_calls_per_second` plays every call through the engine instead
(`simulate(..., played=True)`, the same results), on a tenth of the calls.

`simulate_action_cost_ratio` is issue 14's figure: the CPU time of one simulated caller action in
`simulate()` (the run's time over `counts.moves`, the callers' keys, silences and hang-ups) ÷ one step of
a bare dict random walk over the same menu's routes (`bench_calls.bare_walks`), each run timed right after
the other; `played_action_cost_ratio` is the same with every call played through the engine. The last
line is `simulated_calls_per_second=N`, the median over the runs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_calls import bare_walks  # noqa: E402

from ivrkit.cli import main  # noqa: E402
from ivrkit.goals import load_goals_for  # noqa: E402
from ivrkit.loader import load  # noqa: E402
from ivrkit.predict.simulate import simulate  # noqa: E402


def command_run(menu: Path, calls: int, seed: int) -> float:
    started = time.process_time()
    with open("/dev/null", "w") as sink, contextlib.redirect_stdout(sink):
        code = main(["simulate", str(menu), "--calls", str(calls), "--seed", str(seed), "--json"])
    assert code == 0, code
    return time.process_time() - started


def played_run(menu: Path, calls: int, seed: int, *, played: bool = True) -> tuple[float, int]:
    """CPU seconds of `simulate()` (model and engine tables warm from an earlier run) and its moves."""
    menuset = load(menu)
    goalset = load_goals_for(menuset)
    assert goalset is not None, f"{menu} has no goals file beside it"
    simulate(menuset, goalset, min(calls, 1000), seed=seed + 1000, played=played)  # warm the caches
    started = time.process_time()
    result = simulate(menuset, goalset, calls, seed=seed, played=played)
    return time.process_time() - started, result.overall.moves


def bare_step_seconds(menu: Path, steps: int, seed: int) -> float:
    return bare_walks(load(menu), steps, seed) / steps


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menu", type=Path, default=HERE.parent / "examples" / "northwind-energy.yaml")
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    gc.disable()
    rates, played, costs, played_costs = [], [], [], []
    for run in range(args.repeat):
        seconds = command_run(args.menu, args.calls, run)
        rates.append(args.calls / seconds)
        shared_seconds, moves = played_run(args.menu, args.calls, run, played=False)
        bare = bare_step_seconds(args.menu, moves, run)
        costs.append(shared_seconds / moves / bare)
        few = max(1, args.calls // 10)
        played_seconds, played_moves = played_run(args.menu, few, run)
        bare = bare_step_seconds(args.menu, played_moves, run)
        played_costs.append(played_seconds / played_moves / bare)
        played.append(few / played_seconds)
        print(
            f"  run {run + 1}: ivrkit simulate --calls {args.calls} in {seconds:.2f} CPU s "
            f"= {args.calls / seconds:,.0f} calls/s; simulate(): {moves:,} actions, "
            f"{shared_seconds / moves * 1e6:.2f} µs each = {costs[-1]:.1f}x a bare dict step; "
            f"every call played: {few / played_seconds:,.0f} calls/s, {played_costs[-1]:.1f}x"
        )
    print(f"played_action_cost_ratio={statistics.median(played_costs):.1f}")
    print(f"simulate_action_cost_ratio={statistics.median(costs):.1f}")
    print(f"played_calls_per_second={statistics.median(played):.0f}")
    print(f"simulated_calls_per_second={statistics.median(rates):.0f}")


if __name__ == "__main__":
    main_()

"""Benchmark: simulated calls per second (random walks) on the generated 20,000-menu file.

    python bench/bench_calls.py [--calls 2000] [--seed 7] [--gc]

Each call starts at the entry and, at every menu, presses a random option key
(70%), a key that is not an option (10%) or stays silent (20%), until the call
ends or has taken 40 actions. The baseline, in the same process, walks the
same number of steps through a plain dict of each menu's option targets with
the same random choices, so the ratio is the price of the simulator's
fidelity (speech timing, handlers, retries, events) per step.

Both sides are timed in CPU seconds of this process (time.process_time), so
other load on the machine moves the ratio little. The bare walk is timed once,
right after the simulated calls, as they are: the fastest of several repeats
would be a walk over a warm cache the simulator never has. The cyclic garbage
collector is off, as the console script runs the batch commands that
simulate calls (`ivrkit call`, `test`, `paths`, `simulate`; `ivrkit.cli.entry`):
with it on, a random walk over 20,000 menus makes the collector walk the whole
model again and again as first visits add speech plans (`--gc` measures that). The last line is the
figure issue 12 tracks: `action_cost_ratio=N`, the median over the runs of
(simulated seconds per action) / (bare walk seconds per step).

The simulator computes what a caller hears at a node (the composed prompt and
its estimated length) the first time a call reaches it, once per menu set
(`ivrkit.analysis.heard`, `ivrkit.engine.tables`). A random walk over 20,000
menus reaches many nodes for the first time, so `action_cost_ratio` pays for
that too. The line before it, `prepared_action_cost_ratio=N`, is the same
measure once every node's speech has been prepared (`Tables.prepare`, before
the clock starts, as the bare walk's dict of targets is built before its
clock starts): the cost of an action alone.

Since issue 12 round 3 the engine shares the `Speak` events of a speech plan
scheduled from one moment between the calls over a menu set that schedule it
from that moment (`Tables.runs`, bounded): every call here starts at the entry
at 0 s, and calls that took the same keys reach a menu at the same moment, so
about half the plans scheduled in these runs reuse events built by an earlier
call. A batch of real calls (`ivrkit simulate`, `paths`, call scripts) shares
them the same way; nothing is built before the clock starts.

Since round 4 a first visit to a menu times its option sentences without
making a segment for each (`Tables.node_plan` under the default duration
model), and a text's speech features are the sums of its pieces' counts
(`ivrkit.timing.features`): a first visit costs about a fifth fewer
instructions; a prepared action is unchanged (most of it is making the
events the caller experiences).

Since round 5 a key that takes a menu to another menu once the IVR has
finished speaking, and a call's start, share all their events (the key's
`Press`, the target's `Arrive`, speech and `Listen`) with the calls that did
the same at the same moment (`Tables.moves`, as `runs`); a session sets at
most 29 attribute names, so CPython keeps them in the instance rather than in
a dictionary per session; a menu's first plan times its texts without the
`speech_seconds` cache and a global option once per language and rate. A
speech run stays stored with absolute times: a run kept relative to its start
and shifted would give other event times in the last bit (float sums do not
regroup), and every action returns its events, so each would be built anyway.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate_large_menu import generate  # noqa: E402

from ivrkit.engine import Session  # noqa: E402
from ivrkit.engine.durations import estimated  # noqa: E402
from ivrkit.engine.tables import tables  # noqa: E402
from ivrkit.loader import load  # noqa: E402
from ivrkit.model import MenuNode  # noqa: E402

MAX_ACTIONS = 40


def simulated_calls(menuset, count: int, seed: int) -> tuple[float, int]:
    rng = random.Random(seed)
    keys_of = {
        key: [o.key for o in menuset.file_of(node).options_of(node)]
        for key, node in menuset.nodes.items()
        if isinstance(node, MenuNode)
    }
    steps = 0
    start = time.process_time()
    for _ in range(count):
        call = Session(menuset)
        call.start()
        for _ in range(MAX_ACTIONS):
            if call.ended:
                break
            roll = rng.random()
            keys = keys_of.get(call.node, [])
            if call.mode == "menu" and roll < 0.7 and keys:
                call.press(rng.choice(keys))
            elif call.mode == "menu" and roll < 0.8:
                call.press("#")
            else:
                call.wait()
            steps += 1
    return time.process_time() - start, steps


def bare_walks(menuset, steps_wanted: int, seed: int) -> float:
    rng = random.Random(seed)
    targets = {
        key: [r.target.node_key for r in menuset.routes(node) if r.target is not None]
        for key, node in menuset.nodes.items()
    }
    start = time.process_time()
    steps, node = 0, menuset.entry
    while steps < steps_wanted:
        choices = targets.get(node) or []
        node = rng.choice(choices) if choices and rng.random() < 0.9 else menuset.entry
        steps += 1
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, default=HERE / "out" / "large.yaml")
    parser.add_argument("--gc", action="store_true", help="keep the cyclic garbage collector on")
    args = parser.parse_args()
    if not args.gc:
        gc.disable()
    if not args.file.exists():
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(generate(20_000, 400, 42), encoding="utf-8")
    menuset = load(args.file)
    print(f"file: {args.file}: {len(menuset.nodes)} nodes; cyclic GC {'on' if args.gc else 'off'}")
    rates, ratios = [], []
    for run in range(args.repeat):
        seconds, steps = simulated_calls(menuset, args.calls, args.seed + run)
        bare = bare_walks(menuset, steps, args.seed + run)
        rates.append(args.calls / seconds)
        ratios.append((seconds / steps) / (bare / steps))
        print(
            f"  run {run + 1}: {args.calls} calls, {steps} caller actions in {seconds:.2f} CPU s "
            f"= {args.calls / seconds:,.0f} calls/s, {steps / seconds:,.0f} actions/s; bare walk {bare:.3f} CPU s"
        )
    print(
        f"median: {statistics.median(rates):,.0f} simulated calls/s (CPU); "
        f"a simulated action costs {statistics.median(ratios):,.0f}x a bare dict step"
    )
    started = time.process_time()
    tables(menuset).prepare(estimated(menuset))
    print(f"every node's speech prepared in {time.process_time() - started:.2f} CPU s")
    prepared = []
    for run in range(args.repeat):
        seconds, steps = simulated_calls(menuset, args.calls, args.seed + args.repeat + run)
        bare = bare_walks(menuset, steps, args.seed + args.repeat + run)
        prepared.append((seconds / steps) / (bare / steps))
        print(f"  prepared run {run + 1}: {steps} caller actions in {seconds:.2f} CPU s; bare walk {bare:.3f} CPU s")
    print(f"prepared_action_cost_ratio={statistics.median(prepared):.1f}")
    print(f"action_cost_ratio={statistics.median(ratios):.1f}")


if __name__ == "__main__":
    main()

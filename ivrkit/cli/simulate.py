"""`ivrkit simulate`: a population of first-time callers, drawn by goal share, through the real engine.

The goals come from `--goals FILE`, else from ``<menu stem>.goals.yaml`` beside
the menu (docs/goals.md). A progress bar goes to standard error when it is a
terminal, never to a pipe. Exit codes: 0 the figures (or JSON) were written,
2 a usage error, a menu or goals file that does not load, or no goals file.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from .common import (
    EXIT_OK,
    Usage,
    add_common,
    error,
    queue_wait,
)

__all__ = ["add_parser", "run", "simulation_table"]

MAX_CALLS = 10_000_000


def add_parser(commands) -> None:
    simulate = commands.add_parser(
        "simulate",
        help="simulate a population of first-time callers with goals",
        description="Simulate N first-time callers, each with a goal drawn by its share (a *.goals.yaml file, "
        "docs/goals.md), choosing keys by the caller model of `ivrkit predict` through the real call engine "
        "(timeouts, retries, barge-in, schedules, queues). Per goal and overall: success, misroute, zero-out, "
        "hang-up and reach-a-person rates and the seconds to the goal (p50, p90). docs/simulate.md explains "
        "every figure. The same seed gives the same figures.",
    )
    simulate.add_argument("file", metavar="MENU", help="a menu file")
    simulate.add_argument(
        "--goals", metavar="FILE", help="the caller goals file (default: <menu stem>.goals.yaml beside the menu)"
    )
    simulate.add_argument("--calls", metavar="N", default="10000", help="how many calls to simulate (default 10000)")
    simulate.add_argument("--seed", metavar="S", default="0", help="the random seed (default 0)")
    simulate.add_argument("--json", action="store_true", help="print the figures as JSON")
    simulate.add_argument(
        "--queue-wait",
        metavar="SECONDS",
        default="0",
        help="how long a queued call waits before an agent answers (default 0)",
    )
    simulate.add_argument(
        "--at",
        metavar="'YYYY-MM-DD HH:MM'",
        help="simulated date and time (default: Monday 2026-11-23 10:00), in the time zone of the menu's schedules",
    )
    simulate.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a variable the menu declares, set to one of its values (repeatable)",
    )
    add_common(simulate)
    simulate.set_defaults(run=run, lang=None)


def _count(text: str, name: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise Usage(f"{name}: `{text}` is not a whole number from {low:,} to {high:,}")
    return value


def run(args) -> int:
    try:
        calls = _count(args.calls, "--calls", 1, MAX_CALLS)
        seed = _count(args.seed, "--seed", 0, 2**63 - 1)
        wait = queue_wait(args.queue_wait)
    except Usage as problem:
        return error(str(problem), problem.hint)
    from .predict import menu_goals_and_moment

    loaded = menu_goals_and_moment(args)
    if isinstance(loaded, int):
        return loaded
    menuset, goalset, moment = loaded
    from ..predict.simulate import simulate, simulation_json

    with _progress_bar(calls) as progress:
        result = simulate(
            menuset,
            goalset,
            calls,
            seed=seed,
            queue_wait=wait,
            at=moment["at"],
            variables=moment["variables"],
            progress=progress,
        )
    if args.json:
        json.dump(simulation_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    simulation_table(result, menuset.root.name, sys.stdout)
    return EXIT_OK


class _progress_bar:
    """A rich progress bar on standard error while it is a terminal; nothing (progress None) otherwise."""

    def __init__(self, calls: int):
        self.calls = calls
        self.bar = None

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True, console=_stderr_console())
        self.bar.start()
        task = self.bar.add_task("simulating calls", total=self.calls)
        return lambda done: self.bar.update(task, completed=done)  # type: ignore[union-attr]

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _stderr_console():
    from rich.console import Console

    return Console(file=sys.stderr)


def _percent(value: float | None) -> str:
    """A rate as a percentage; "-" when there is none (no calls)."""
    return "-" if value is None else f"{100 * value:.1f}%"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def simulation_table(result, name: str, stream: TextIO) -> None:
    """The figures as plain text: one row per goal, then the overall row and where the missed calls ended."""
    stream.write(
        f"{name}: {result.calls:,} simulated first-time callers (seed {result.seed}) of {len(result.goals)} goals "
        f"from {result.goals_file}, at {result.at:%a %Y-%m-%d %H:%M}, queue wait {result.queue_wait:g} s\n\n"
    )
    from ..diagnostics import one_line

    headers = ("#", "calls", "success", "misroute", "zero-out", "hang-up", "person", "p50 s", "p90 s", "goal")
    rows = []
    for index, item in enumerate(result.goals, 1):
        goal = one_line(f"{item.goal.say} → {', '.join(item.goal.reaches)}")
        rows.append((str(index), *_cells(item.figures), goal))
    rows.append(("all", *_cells(result.overall), ""))
    widths = [max(len(headers[i]), *(len(row[i]) for row in rows)) for i in range(len(headers) - 1)]

    def line(cells) -> str:
        parts = [cell.rjust(widths[i]) if i else cell.ljust(widths[i]) for i, cell in enumerate(cells[:-1])]
        return ("  ".join(parts) + "  " + cells[-1]).rstrip() + "\n"

    stream.write(line(headers))
    for row in rows[:-1]:
        stream.write(line(row))
    stream.write(line(rows[-1]))
    overall = result.overall
    stream.write(
        f"\nOverall: {_percent(overall.success_rate)} reach their goal without a wrong turn "
        f"({_percent(overall.reach_rate)} at all), {_percent(overall.misroute_rate)} take a wrong turn, "
        f"{_percent(overall.zero_out_rate)} press for a person, {_percent(overall.hang_up_rate)} hang up, "
        f"{_percent(overall.person_rate)} reach a person.\n"
    )
    if overall.endings:
        ends = ", ".join(
            f"{one_line(node)} {_percent(overall.rate(count))}" for node, count in list(overall.endings.items())[:6]
        )
        stream.write(f"Calls that missed their goal ended at: {ends}\n")


def _cells(figures) -> tuple[str, ...]:
    return (
        f"{figures.calls:,}",
        _percent(figures.success_rate),
        _percent(figures.misroute_rate),
        _percent(figures.zero_out_rate),
        _percent(figures.hang_up_rate),
        _percent(figures.person_rate),
        _seconds(figures.p50),
        _seconds(figures.p90),
    )

"""`ivrkit predict`: for each caller goal, the keys a first-time caller presses, P(success) and the seconds.

The goals come from `--goals FILE`, else from ``<menu stem>.goals.yaml`` beside
the menu (docs/goals.md). Exit codes: 0 the table (or JSON) was written, 2 a
usage error, a menu or goals file that does not load, or no goals file.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from .common import (
    EXIT_INVALID,
    EXIT_OK,
    Usage,
    add_common,
    error,
    load_menu,
    no_such_files,
    show_diagnostics,
    situation,
)

__all__ = ["add_parser", "run", "prediction_table", "menu_goals_and_moment", "goals_file_problem"]


def add_parser(commands) -> None:
    predict = commands.add_parser(
        "predict",
        help="predict which key a first-time caller with a goal presses",
        description="For each caller goal (a *.goals.yaml file, docs/goals.md): the keys a first-time caller "
        "presses first, the probability of reaching the goal without a wrong turn (and at all), the expected "
        "seconds as `ivrkit call` counts them, and the options that pull callers off the way, with the words "
        "that pulled. Share-weighted success and misroute rates per menu and overall. docs/predict.md explains "
        "every figure.",
    )
    predict.add_argument("file", metavar="MENU", help="a menu file")
    predict.add_argument(
        "--goals",
        metavar="FILE",
        help="the caller goals file (default: <menu stem>.goals.yaml beside the menu)",
    )
    predict.add_argument("--json", action="store_true", help="print the prediction as JSON")
    predict.add_argument(
        "--at",
        metavar="'YYYY-MM-DD HH:MM'",
        help="simulated date and time (default: Monday 2026-11-23 10:00), in the time zone of the menu's schedules",
    )
    predict.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a variable the menu declares, set to one of its values (repeatable)",
    )
    add_common(predict)
    predict.set_defaults(run=run, lang=None)


def run(args) -> int:
    loaded = menu_goals_and_moment(args)
    if isinstance(loaded, int):
        return loaded
    menuset, goalset, moment = loaded
    from ..predict.predict import predict
    from ..predict.results import prediction_json

    prediction = predict(menuset, goalset, at=moment["at"], variables=moment["variables"])
    if args.json:
        data = {"at": moment["at"].isoformat(" ", "minutes"), **prediction_json(prediction)}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    prediction_table(prediction, menuset.root.name, moment["at"], sys.stdout)
    return EXIT_OK


def menu_goals_and_moment(args):
    """The menu, its goals and the moment (`--at`, `--set`) of `ivrkit predict` and `ivrkit simulate`, or the
    exit code once the problem is shown: a `--goals` that is no file, a menu or goals file that does not
    load, no goals file beside the menu, a goals file without goals."""
    from ..diagnostics import LoadError
    from ..goals.check import load_goals_for
    from ..goals.load import goals_file_for

    if args.goals is not None:
        problem = goals_file_problem(args.goals)
        if problem == "missing":
            return no_such_files([args.goals])
        if problem is not None:
            return error(problem, "name a caller goals file (docs/goals.md), e.g. <menu stem>.goals.yaml")
    menuset = load_menu(args)
    if menuset is None:
        return EXIT_INVALID
    try:
        moment = situation(args, menuset)
    except Usage as problem:
        return error(str(problem), problem.hint)
    try:
        goalset = load_goals_for(menuset, args.goals, root=args.root)
    except LoadError as problem:
        show_diagnostics(args, problem.diagnostics)
        return EXIT_INVALID
    if goalset is None:
        expected = goals_file_for(args.file)
        return error(
            f"no goals file for {args.file}: expected {expected}",
            "write the callers' goals there (docs/goals.md), or name a goals file with --goals FILE",
        )
    if not goalset.goals:
        return error(f"{goalset.file} lists no goals", "add goals under `goals:` (docs/goals.md)")
    return menuset, goalset, moment


def goals_file_problem(path: str) -> str | None:
    """Why `--goals PATH` cannot be read as a goals file: "missing", a message (a folder, a FIFO or a
    device: never opened, so a FIFO does not block), or None."""
    import os
    from pathlib import Path

    from ..diagnostics import one_line

    target = Path(path)
    if target.is_file():
        return None
    if target.is_dir():
        return f"--goals: {one_line(path)} is a folder"
    if os.path.lexists(target) and target.exists():
        return f"--goals: {one_line(path)} is not a regular file"
    return "missing"


def _percent(value: float) -> str:
    return f"{100 * value:.0f}%"


def _small_percent(value: float) -> str:
    """A small share as a percentage that never reads as zero when it is not."""
    percent = 100 * value
    return f"{percent:.4f}%" if percent >= 0.0001 else "under 0.0001%"


def _keys(first_key, shown: int = 3) -> str:
    items = list(first_key.items())[:shown]
    return " · ".join(f"{key} {'<1%' if 0 < value < 0.005 else _percent(value)}" for key, value in items)


def prediction_table(prediction, name: str, at, stream: TextIO) -> None:
    """The prediction as plain text: one row per goal (and its main confusable), then the totals and menus."""
    count = len(prediction.goals)
    stream.write(
        f"{name}: {count} caller goal{'s' if count != 1 else ''} from {prediction.goals_file}, "
        f"first-time callers at {at:%a %Y-%m-%d %H:%M}\n\n"
    )
    headers = ("#", "share", "success", "reach", "seconds", "designed", "first keys", "goal → reaches")
    from ..diagnostics import one_line

    rows = []
    notes: list[list[str]] = []
    for index, (goal_prediction, weight) in enumerate(zip(prediction.goals, prediction.weights, strict=True), 1):
        goal = goal_prediction.goal
        seconds = goal_prediction.expected_seconds
        designed = goal_prediction.designed_key or "none"
        if goal_prediction.agrees is False:
            designed += " !"
        elif goal_prediction.agrees is None and goal_prediction.designed_key not in (None, "-"):
            designed += " ?"
        rows.append(
            (
                str(index),
                _percent(weight),
                _percent(goal_prediction.p_success),
                _percent(goal_prediction.p_reach),
                f"{seconds:.1f}" if seconds is not None else "-",
                designed,
                _keys(goal_prediction.first_key),
                one_line(f"{goal.say} → {', '.join(goal.reaches)}"),
            )
        )
        lines = []
        if goal_prediction.confusables and goal_prediction.confusables[0].probability >= 0.005:
            main = goal_prediction.confusables[0]
            words = f", words: {', '.join(main.words)}" if main.words else ""
            label = f' "{main.label}"' if main.label and main.key != "wait" else " (silence)"
            lines.append(one_line(f"misled at {main.node} by {main.key}{label}: {_percent(main.probability)}{words}"))
        notes.append(lines)
    widths = [max(len(headers[i]), *(len(row[i]) for row in rows)) for i in range(len(headers) - 1)]
    right = {1, 2, 3, 4}

    def line(cells) -> str:
        parts = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(cells[:-1])]
        return ("  ".join(parts) + "  " + cells[-1]).rstrip() + "\n"

    stream.write(line(headers))
    indent = " " * (sum(widths[:6]) + 2 * 6)
    for row, lines in zip(rows, notes, strict=True):
        stream.write(line(row))
        for text in lines:
            stream.write(f"{indent}{text}\n")
    stream.write(
        f"\nOverall (share-weighted): success {_percent(prediction.success_rate)}, "
        f"misroute {_percent(prediction.misroute_rate)}\n"
    )
    if prediction.menus:
        stream.write("\nMenus (share of callers who hear it, success of their goals, wrong turns made there):\n")
        width = max(len(menu.node) for menu in prediction.menus)
        for menu in prediction.menus:
            stream.write(
                f"  {menu.node.ljust(width)}  heard {_percent(menu.visits):>4}  success {_percent(menu.success_rate):>4}"
                f"  wrong turns here {_percent(menu.misroute_rate):>4}\n"
            )
    disagree = [str(i) for i, g in enumerate(prediction.goals, 1) if g.agrees is False]
    if disagree:
        stream.write(
            f"\nThe most likely first key is not the designed one for goal{'s' if len(disagree) > 1 else ''} "
            f"{', '.join(disagree)} (marked !).\n"
        )
    elsewhere = [
        str(i) for i, g in enumerate(prediction.goals, 1) if g.agrees is None and g.designed_key not in (None, "-")
    ]
    if elsewhere:
        stream.write(
            f"Goal{'s' if len(elsewhere) > 1 else ''} {', '.join(elsewhere)}: most callers decide first in another "
            "menu than the designed route's (marked ?; not compared).\n"
        )
    pruned = sum(w * g.p_pruned for w, g in zip(prediction.weights, prediction.goals, strict=True))
    if pruned > 0:
        stream.write(
            f"Calls less likely than {prediction.prune_below:g} were not followed: {_small_percent(pruned)} of "
            "callers.\n"
        )

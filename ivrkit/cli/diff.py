"""`ivrkit diff OLD NEW`: what callers would notice between two versions of a menu.

Exit codes: 0 the report was written; 1 with `--fail-on-slower` or
`--fail-on-drop` when the new version crosses the limit; 2 a usage error, a
menu, goals file or lint configuration that does not load (every problem of
both files is printed, positioned, before exiting).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    Usage,
    add_common,
    add_situation,
    error,
    show_diagnostics,
    situation,
)

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="what callers would notice between two versions of a menu",
        description="Compare two versions of a menu as callers would notice them: the first-time seconds to "
        "every destination (as `ivrkit paths`), options added, removed, reworded or moved, lint findings new "
        "and fixed, and, with caller goals, each goal's predicted success before and after (as `ivrkit "
        "predict`). Goals: --goals FILE, else the <stem>.goals.yaml beside NEW, else the one beside OLD. "
        "Biggest changes first. Documented in docs/diff.md.",
    )
    diff.add_argument("old", metavar="OLD", help="the menu file as it was (e.g. from the base branch)")
    diff.add_argument("new", metavar="NEW", help="the menu file as it is now")
    diff.add_argument("--goals", metavar="FILE", help="a caller goals file (default: the one beside NEW, else OLD)")
    diff.add_argument("--no-goals", action="store_true", help="leave out caller goals even when a file is found")
    diff.add_argument(
        "--format",
        "-f",
        default="text",
        choices=("text", "json", "github"),
        help="text (default), json, or github: a Markdown pull-request comment",
    )
    diff.add_argument("--json", action="store_true", help="the same as --format json")
    diff.add_argument(
        "--fail-on-slower",
        metavar="SECONDS",
        type=_seconds,
        help="exit 1 when a destination gets more than SECONDS slower, or can no longer be reached",
    )
    diff.add_argument(
        "--fail-on-drop",
        metavar="POINTS",
        type=_points,
        help="exit 1 when a goal's predicted success falls by more than POINTS percentage points",
    )
    add_situation(diff, queue=False)
    add_common(diff)
    diff.set_defaults(run=run)


def _number_from(low: float, high: float, what: str):
    """An argparse type: a number from `low` to `high`, else a usage error naming `what` it should be."""

    def number(text: str) -> float:
        import argparse

        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"`{text}` is not {what}")
        return value

    return number


_seconds = _number_from(0, 86400, "a number from 0 to 86400")
_points = _number_from(0, 100, "a number of percentage points from 0 to 100")


def run(args) -> int:
    try:
        return _diff(args)
    except Usage as problem:
        return error(str(problem), problem.hint)


def _diff(args) -> int:
    from ..diff import diff_json, diff_menus

    menus = _load_both(args)
    if menus is None:
        return EXIT_INVALID
    old, new = menus
    moment = _situation(args, new, f"NEW, {args.new}")
    _situation(args, old, f"OLD, {args.old}")  # --lang and --set must suit both versions
    configs = _lint_configs(args)
    if configs is None:
        return EXIT_INVALID
    goals = None if args.no_goals else _goals(args, old, new)
    if goals is False:
        return EXIT_INVALID
    goalset, source = goals if goals else (None, None)
    result = diff_menus(
        old,
        new,
        at=moment["at"],
        language=moment["language"],
        variables=moment["variables"],
        lint_configs=configs,
        goals=goalset,
        goals_source=source,
    )
    fmt = "json" if args.json else args.format
    if fmt == "json":
        json.dump(diff_json(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "github":
        from ..diff.github import render

        sys.stdout.write(render(result))
    else:
        from ..diff.text import render

        sys.stdout.write(render(result))
    return EXIT_FAILED if _regressed(args, result) else EXIT_OK


def _situation(args, menuset, name: str) -> dict:
    """The checked --at, --lang and --set for one version; a problem names the version."""
    try:
        return situation(args, menuset)
    except Usage as problem:
        raise Usage(f"{problem} (in {name})", problem.hint) from None


def _load_both(args):
    """Both menus, or None after printing every load problem of either file.

    --root is NEW's project root, and OLD's when OLD lies inside it; an OLD elsewhere (a worktree of the
    base branch) finds its own.
    """
    from ..loader import LoadError, load

    loaded, problems = [], []
    for path in (args.old, args.new):
        root = args.root if path == args.new or _inside(path, args.root) else None
        try:
            loaded.append(load(path, root=root))
        except LoadError as problem:
            problems += problem.diagnostics
    if problems:
        show_diagnostics(args, problems)
        return None
    return loaded


def _inside(path: str, root: str | None) -> bool:
    if root is None:
        return False
    try:
        Path(path).resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError):
        return False
    return True


def _lint_configs(args):
    """The lint configuration for both versions: NEW's (as `ivrkit lint` finds it), so that only the menus differ.

    None after printing its problems.
    """
    from ..lint.config_file import ConfigError, ConfigResolver

    try:
        config = ConfigResolver().for_path(Path(args.new))
    except ConfigError as problem:
        show_diagnostics(args, problem.diagnostics)
        return None
    return (config, config)


def _goals(args, old, new):
    """(goal set, where it was found) or None when there is none; False after printing its problems.

    The file is checked against the version it belongs to (NEW, or OLD when found beside OLD); a goal
    naming a node only the other version has is no error: the diff gives it a figure on one side only.
    """
    from ..diagnostics import LoadError
    from ..goals import check_goals, goals_file_for, load_goals
    from ..goals.check import about_another_menu, beside_another_menu, for_another_menu

    if args.goals:
        path, home, other, source = Path(args.goals), new, old, "--goals"
        if not path.is_file():
            if path.is_dir():
                error(f"--goals: {args.goals} is a folder, not a goals file", "name a *.goals.yaml file")
            elif path.exists():
                error(f"--goals: {args.goals} is not a regular file", "name a *.goals.yaml file")
            else:
                error(f"--goals: no such file: {args.goals}")
            return False
    else:
        found = [
            (goals_file_for(menuset.root.path), menuset, version, f"beside {name}")
            for menuset, version, name in ((new, old, "NEW"), (old, new, "OLD"))
        ]
        found = [candidate for candidate in found if candidate[0].is_file()]
        if not found:
            return None
        path, home, other, source = found[0]
    try:
        # A file named with --goals may sit in another project than NEW: its own root, unless --root.
        root = args.root if source == "--goals" else args.root or home.project_root
        goalset = load_goals(path, root=root, menuset=home)
    except LoadError as problem:
        show_diagnostics(args, problem.diagnostics)
        return False
    neither = about_another_menu(goalset, home) and about_another_menu(goalset, other)
    if neither and source != "--goals":  # found beside a version, but about a third menu
        show_diagnostics(args, [beside_another_menu(goalset, home)])
        return False
    problems = check_goals(goalset, home)
    elsewhere = {problem.span for problem in problems} - {problem.span for problem in check_goals(goalset, other)}
    fatal = [p for p in problems if p.severity == "error" and p.span not in elsewhere]
    show_diagnostics(args, [p for p in problems if p not in fatal and p.span not in elsewhere])
    if fatal:
        stray = for_another_menu(goalset, home) if neither else None  # one error naming the menu it is about
        show_diagnostics(args, [stray] if stray is not None else fatal)
        return False
    return goalset, source


def _regressed(args, result) -> bool:
    limit = args.fail_on_slower
    if limit is not None:
        for place in result.destinations:
            if place.status == "now unreachable" or (place.status == "slower" and (place.change or 0.0) > limit):
                return True
    drop = args.fail_on_drop
    if drop is not None:
        for goal in result.goals:
            change = goal.success_change
            if change is not None and -change * 100 > drop:
                return True
    return False

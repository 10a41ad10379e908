"""What the `ivrkit` commands share: exit codes, the error printer, common options, output files, loading a menu.

Every command prints a usage problem the same way (`ivrkit: error: MESSAGE`,
then `  hint: HINT`) and exits 2; every command that writes a file refuses a
folder, a FIFO or a device, and replaces an existing file only with --force
(or when it is an earlier output of the same kind); every command that takes
one menu file loads it and reports its problems the same way. Heavy modules
(rich through `console`, the loader, the engine) are imported only when used.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = [
    "EXIT_OK",
    "EXIT_FAILED",
    "EXIT_INVALID",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "Usage",
    "error",
    "no_such_files",
    "add_common",
    "add_only_menus",
    "add_jobs",
    "add_situation",
    "situation",
    "queue_wait",
    "output",
    "show_diagnostics",
    "load_menu",
    "output_problem",
    "is_one_of",
    "write_output",
]

EXIT_OK = 0
EXIT_FAILED = 1  # lint findings at or above --fail-on, a failed scripted call, prompts that could not be rendered
EXIT_INVALID = 2  # a usage or configuration error, or a menu or call script that does not load
EXIT_INTERNAL = 70  # a bug in ivrkit
EXIT_INTERRUPTED = 130  # Ctrl-C


class Usage(Exception):
    """A usage problem: printed as `ivrkit: error: …` with an optional hint, exit 2."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def error(message: str, hint: str | None = None) -> int:
    """Print a usage problem to standard error; returns EXIT_INVALID for the command to return."""
    print(f"ivrkit: error: {message}", file=sys.stderr)
    if hint:
        print(f"  hint: {hint}", file=sys.stderr)
    return EXIT_INVALID


def no_such_files(names: Iterable[str]) -> int:
    """One `no such file or directory` line per name; returns EXIT_INVALID."""
    for name in names:
        print(f"ivrkit: error: no such file or directory: {name}", file=sys.stderr)
    return EXIT_INVALID


# -- options ---------------------------------------------------------------------------------------


def add_common(parser: argparse.ArgumentParser) -> None:
    """--root and --color, taken by every command that reads menus."""
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="project root: references may not leave it "
        "(default: the nearest folder with .ivrkit.yaml, pyproject.toml or .git)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour and source excerpts (default: auto, on a terminal only)",
    )


def add_jobs(parser: argparse.ArgumentParser) -> None:
    """--jobs/-j N: worker processes for many files (0, the default: one per CPU; 1: this process only)."""
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help="worker processes for many files (default 0: one per CPU; 1: no workers); "
        "the output is the same whatever N is",
    )


def _jobs(text: str) -> int:
    from ..loadbatch.pool import JobsError, parse_jobs

    try:
        return parse_jobs(text)
    except JobsError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def add_only_menus(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--only-menus",
        action="store_true",
        help="skip named files that are not menus (no `ivrkit:` field), as pre-commit names "
        "every YAML file; nothing to do is then not an error",
    )


def add_situation(parser: argparse.ArgumentParser, *, queue: bool = True) -> None:
    """The simulated moment, language and variables of `call` and `paths` (and how queues and transfers go)."""
    parser.add_argument(
        "--at",
        metavar="'YYYY-MM-DD HH:MM'",
        help="simulated date and time (default: Monday 2026-11-23 10:00), in the time zone of the menu's schedules",
    )
    parser.add_argument("--lang", metavar="LANG", help="the caller's language (default: the menu's)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a variable the menu declares, set to one of its values (repeatable)",
    )
    if queue:
        parser.add_argument(
            "--queue-wait", default="0", metavar="SECONDS", help="how long queues take to answer, 0-86400 (default 0)"
        )
        parser.add_argument(
            "--transfer",
            choices=("connected", "busy", "no-answer"),
            default="connected",
            help="what happens when a transfer dials",
        )


def situation(args, menuset) -> dict:
    """The checked --at, --lang and --set of a command; raises Usage naming the first bad one."""
    from ..engine.callscript import DEFAULT_AT, TIME_FORMAT, parse_time, time_problem, variable_problem

    at = None
    if args.at is not None:
        problem = time_problem(args.at)
        if problem is not None:
            raise Usage(f"--at: {problem}; {TIME_FORMAT}")
        at = parse_time(args.at)
    if args.lang is not None and args.lang not in menuset.root.languages:
        raise Usage(
            f"--lang: the menu does not speak `{args.lang}` (its languages: {', '.join(menuset.root.languages)})"
        )
    variables: dict[str, str] = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise Usage(f"--set: write NAME=VALUE, not `{item}`")
        if name in variables and variables[name] != value:
            raise Usage(f"--set: `{name}` is set twice (`{variables[name]}` and `{value}`)")
        problem = variable_problem(menuset, name, value)
        if problem is not None:
            _, message, hint = problem
            raise Usage(f"--set: {message}" + (f"; {hint}" if hint else ""))
        variables[name] = value
    return {"at": at or DEFAULT_AT, "language": args.lang, "variables": variables}


def queue_wait(text: str) -> float:
    """The checked --queue-wait in seconds; raises Usage."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= 86400:  # also refuses nan
        raise Usage(f"--queue-wait: `{text}` is not a number of seconds from 0 to 86400")
    return value


# -- terminal output and loading -------------------------------------------------------------------


def output(args, stream=None):
    """The `console.Output` of a command (standard output unless `stream`), in the style --color asks for."""
    from .console import Output

    return Output(stream, color=args.color)


def show_diagnostics(args, diagnostics: Iterable) -> None:
    """Print problems (load or configuration errors, warnings) to standard error as path:line:col."""
    out = output(args, sys.stderr)
    for diagnostic in diagnostics:
        out.diagnostic(diagnostic)


def open_other_format(path, **options):
    """Open another platform's file as a menu set (the importers' door, handed down to the loader by `main`).

    A module-level function, so that worker processes started by name are given it too; the importers
    themselves are imported only when such a file is opened.
    """
    from ..importers import load_any

    return load_any(path, **options)


def predict_goals(menuset, goalset):
    """`ivrkit.predict.predict` as `ivrkit predict` runs it: GL001's predictor, handed down to the rules by `main`.

    A module-level function, so that worker processes started by name are given it too; `ivrkit.predict` is
    imported only when a menu with a goals file is linted.
    """
    from ..predict.predict import predict

    return predict(menuset, goalset)


def load_menu(args):
    """Load the menu file `args.file`; on failure print its problems to standard error and return None.

    A call script named where a menu belongs is said to be one, with the
    command that runs it, instead of the menu format's complaints about it.
    """
    from ..loader import LoadError, load

    try:
        return load(args.file, root=args.root)
    except LoadError as problem:
        show_diagnostics(args, _call_script_given(args.file) or problem.diagnostics)
        return None


def _call_script_given(file: str) -> list:
    """One diagnostic when FILE, which failed to load as a menu, is a call script; else []."""
    from ..diagnostics import Diagnostic, display_path
    from ..engine.callscript import looks_like_call_script
    from ..yamlfields import FieldReader
    from ..yamlsource import compose, read_source

    display = display_path(file)
    source, _ = read_source(Path(file), display)
    node, _ = compose(source) if source is not None else (None, None)
    if node is None:
        return []
    reader = FieldReader(display, [])
    top = reader.mapping(node, "the file", check=False)
    if top is None or not looks_like_call_script(top):
        return []
    menu = reader.scalar_text(top["menu"][1], "`menu`") if "menu" in top else None
    named = f" its menu is `{menu}`, relative to the script;" if menu else ""
    return [
        Diagnostic(reader.span(node), f"this is a call script, not a menu:{named} run it with `ivrkit test {display}`")
    ]


# -- output files ----------------------------------------------------------------------------------

# No ivrkit report or baseline comes near this size; a larger file is not one of ours.
_MAX_RECOGNISED_BYTES = 64 * 1024 * 1024


def output_problem(
    path: str,
    force: bool,
    *,
    instead: str = "name a file to write",
    inputs: Iterable[str] = (),
    earlier: tuple[str, Callable[[str], object]] | None = None,
) -> str | None:
    """Why `path` cannot take a command's output file (a message for `error`), or None; checked before any work.

    A folder, a FIFO or a device is never replaced (the atomic write would
    put a file in its place): the message says so, then `instead`. Nor is
    one of the command's `inputs`. An existing file is replaced with `force`,
    or when `earlier` = (what, recognises) and `recognises(text)` says it is
    an earlier output of that kind (an empty file holds nothing to lose).
    """
    target = Path(path)
    if target.is_dir():
        return f"{path} is a folder; {instead}"
    if os.path.lexists(target):
        if is_one_of(path, inputs):
            return f"{path} is one of the input files; write the output elsewhere"
        if not target.is_file():
            return f"{path} is not a regular file; {instead}"
        if earlier is not None and not force:
            what, recognises = earlier
            if not _is_ours(target, recognises):
                return f"{path} exists and is not an earlier {what}; pass --force to overwrite it"
        elif not force:
            return f"{path} exists; pass --force to overwrite it"
    if not target.parent.is_dir():
        return f"cannot write {path}: the folder {target.parent} does not exist"
    return None


def _is_ours(target: Path, recognises: Callable[[str], object]) -> bool:
    """Whether `target` holds an earlier output `recognises`; only a regular file of sensible size is read.

    Whatever the file holds (deep nesting, huge numbers, bad encoding), it is
    either recognised or "not ours".
    """
    try:
        if target.stat().st_size > _MAX_RECOGNISED_BYTES:
            return False
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not text.strip():
        return True  # an empty file holds nothing to lose
    try:
        return bool(recognises(text))
    except (RecursionError, ValueError, TypeError, MemoryError):  # a reader without ivrkit's JSON limits
        return False


def is_one_of(path: str, files: Iterable[str | os.PathLike]) -> bool:
    """True when `path` names one of `files` (after following links)."""
    try:
        target = Path(path).resolve()
        return any(target == Path(file).resolve() for file in files)
    except (OSError, ValueError):
        return False


def write_output(path: str | os.PathLike, text: str) -> str | None:
    """Write `text` to `path` atomically; None, or why it could not be written (a message for `error`)."""
    from ..atomic import write_text_atomic
    from ..diagnostics import one_line

    try:
        write_text_atomic(path, text)
    except OSError as problem:  # a read-only folder, a full disk
        return f"cannot write {one_line(os.fspath(path))}: {problem.strerror or type(problem).__name__}"
    return None

"""The `ivrkit` command line: check, lint, rules, call, test, paths, predict, simulate, diff, sim, audio, import,
export, graph, schema.

One module per command, each adding its parser with `add_parser(commands)`
and running it with `run(args)`; what the commands share (exit codes, the
error printer, common options, output files, loading a menu) is in `common`.
Exit codes: 0 success, 1 lint findings at or above `--fail-on` or a failed
scripted call, 2 a usage or configuration error or a menu that does not load,
70 an internal error (a bug in ivrkit; set IVRKIT_DEBUG=1 for the traceback).
Heavy modules (networkx, rich, textual, pyttsx3) are imported only by the
commands that use them, when they run.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from .. import __version__
from . import (
    audio,
    call,
    check,
    diff,
    export,
    graph,
    import_,
    lint,
    paths,
    predict,
    rules,
    schema,
    sim,
    simulate,
    test,
)
from .common import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK

__all__ = ["main", "entry", "build_parser", "EXIT_OK", "EXIT_INVALID", "EXIT_INTERNAL"]

# In the order `ivrkit --help` lists them.
COMMANDS = (check, lint, rules, call, test, paths, predict, simulate, diff, sim, audio, import_, export, graph, schema)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ivrkit",
        description="Design, check and simulate IVR phone keypad menus written in YAML.",
        epilog="Run `ivrkit COMMAND --help` for the options of a command. Format reference: docs/format.md",
    )
    parser.add_argument("--version", action="version", version=f"ivrkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse like `parse_args`, but an unknown option of a command gets that command's usage (exit 2)."""
    args, extras = parser.parse_known_args(argv)
    if extras:
        command = _subparsers(parser).get(args.command) if args.command else None
        (command or parser).error(f"unrecognized arguments: {' '.join(extras)}")
    root = getattr(args, "root", None)
    if root is not None and not os.path.isdir(root):
        command = _subparsers(parser).get(args.command) if args.command else None
        (command or parser).error(f"--root: {root} is not a folder; name the project's top folder")
    return args


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = _parse(parser, argv)
    if args.command is None:  # as ruff does: help on standard error, and a usage error
        parser.print_help(sys.stderr)
        return EXIT_INVALID
    from ..lint.predictor import goal_predictor, predict_goals_with
    from ..loader import open_other_formats_with
    from .common import open_other_format, predict_goals

    open_other_formats_with(open_other_format)  # the loader sits below the importers: hand their door down
    # and the rules below predict: GL001 quotes `ivrkit predict`'s figures. Only for this command: a program
    # calling `main` lints with its own predictor (or none) afterwards.
    predictor = goal_predictor()
    predict_goals_with(predict_goals)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("IVRKIT_DEBUG"):
            raise
        print(f"ivrkit: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print(
            "This is a bug in ivrkit. Set IVRKIT_DEBUG=1 to see the traceback, and please report it.", file=sys.stderr
        )
        return EXIT_INTERNAL
    finally:
        predict_goals_with(predictor)


# Commands that run for long or hold threads keep the collector; see `entry`.
_KEEP_COLLECTOR = frozenset({"sim", "audio"})


def entry() -> int:
    """The console script: `main` with the cyclic garbage collector off for batch commands.

    A batch command (check, lint, call, test, paths, ...) builds a large
    model that holds no reference cycles and is freed by reference counting;
    a lint of the examples leaves no cyclic garbage at all. The collector
    would only walk that whole model again and again while it is alive: on
    the 20,000-menu file that is about a second of pure overhead. The
    simulator and `audio` run long and on several threads, so they keep it.
    `main` itself leaves the collector alone for callers in the same process.
    """
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if command not in _KEEP_COLLECTOR:
        gc.disable()
    return main()


def _silence_stdout() -> None:
    # Python would print an error when flushing a closed pipe at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())

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
from collections.abc import Iterator, MutableMapping, Sequence
from importlib import import_module
from types import ModuleType

from .. import __version__
from ..lazyregex import install_for
from .common import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK

__all__ = ["main", "entry", "build_parser", "EXIT_OK", "EXIT_INVALID", "EXIT_INTERNAL"]

# The command modules, in the order `ivrkit --help` lists them; each adds the command named after it (without
# a trailing underscore: `import_` adds `import`). A command's module is imported, and its parser built, only
# when the command runs or help lists them all: a run pays for one command's options, not for fifteen.
COMMAND_MODULES = (
    "check",
    "lint",
    "rules",
    "call",
    "test",
    "paths",
    "predict",
    "simulate",
    "diff",
    "sim",
    "audio",
    "import_",
    "export",
    "graph",
    "schema",
)


def __getattr__(name: str) -> tuple[ModuleType, ...]:
    if name == "COMMANDS":  # every command module, imported (set it to run with other modules)
        return tuple(_command_module(module) for module in COMMAND_MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _command_module(name: str) -> ModuleType:
    return import_module(f"{__name__}.{name}")


def _command_modules() -> tuple[ModuleType | str, ...]:
    """The command modules `build_parser` adds: `COMMANDS` if it was set, else `COMMAND_MODULES` (by name)."""
    return globals().get("COMMANDS") or COMMAND_MODULES


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; each command's own parser is built when it is first asked for."""
    parser = argparse.ArgumentParser(
        prog="ivrkit",
        description="Design, check and simulate IVR phone keypad menus written in YAML.",
        epilog="Run `ivrkit COMMAND --help` for the options of a command. Format reference: docs/format.md",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ivrkit {__version__}")
    parser.register("action", "lazy_parsers", _LazyCommands)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", action="lazy_parsers")
    assert isinstance(commands, _LazyCommands)
    for module in _command_modules():
        commands.add_later(module)
    return parser


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width instead of asking `shutil` for it.

    argparse makes a formatter for every option a parser adds (to check its
    metavar), and the first one imports shutil (and with it zlib, bz2 and
    lzma): about 2 ms of every run, help printed or not. `_columns` is
    `shutil.get_terminal_size().columns`, so the help is laid out the same.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _columns() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS, else the width of the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _LazyCommands(argparse._SubParsersAction):
    """argparse's sub-command action, whose commands add their parsers when one is first looked up.

    argparse reads a command's parser through `choices` (a mapping: whether a
    word is a command, the list of commands in an "invalid choice" error, the
    parser of the command given), and the commands' help lines through
    `_get_subactions` (`ivrkit --help`), which builds them all.
    """

    def __init__(self, *args, **kwargs) -> None:  # argparse's own (typing is not imported: --version needs none)
        super().__init__(*args, **kwargs)
        self._name_parser_map = self.choices = _LazyParsers(self)  # type: ignore[assignment]

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:  # argparse's own
        kwargs.setdefault("formatter_class", _HelpFormatter)
        return super().add_parser(name, **kwargs)

    def add_later(self, module: ModuleType | str) -> None:
        """Add the command of `module` (a module or a module's name in this package) when it is first needed."""
        name = module if isinstance(module, str) else module.__name__.rsplit(".", 1)[1]
        assert isinstance(self.choices, _LazyParsers)
        self.choices.pending[name.rstrip("_")] = module

    def build(self, command: str) -> None:
        assert isinstance(self.choices, _LazyParsers)
        module = self.choices.pending.pop(command)
        (_command_module(module) if isinstance(module, str) else module).add_parser(self)

    def _get_subactions(self) -> list[argparse.Action]:
        assert isinstance(self.choices, _LazyParsers)
        order = list(self.choices)
        for command in order:
            self.choices[command]  # noqa: B018 - builds it
        return sorted(self._choices_actions, key=lambda action: order.index(action.dest))


class _LazyParsers(MutableMapping[str, argparse.ArgumentParser]):
    """Command name -> its parser, for the commands added so far and those still to be built (`pending`)."""

    def __init__(self, action: _LazyCommands):
        self.action = action
        self.built: dict[str, argparse.ArgumentParser] = {}
        self.pending: dict[str, ModuleType | str] = {}

    def __getitem__(self, command: str) -> argparse.ArgumentParser:
        if command not in self.built and command in self.pending:
            self.action.build(command)
        return self.built[command]

    def __setitem__(self, command: str, parser: argparse.ArgumentParser) -> None:
        self.built[command] = parser

    def __delitem__(self, command: str) -> None:
        self.built.pop(command, None)
        self.pending.pop(command, None)

    def __contains__(self, command: object) -> bool:
        return command in self.built or command in self.pending

    def __iter__(self) -> Iterator[str]:
        return iter({**self.pending, **self.built})

    def __len__(self) -> int:
        return len({**self.pending, **self.built})


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse like `parse_args`, but an unknown option of a command gets that command's usage (exit 2)."""
    args, extras = parser.parse_known_args(argv)
    if extras:
        (_command_parser(parser, args.command) or parser).error(f"unrecognized arguments: {' '.join(extras)}")
    root = getattr(args, "root", None)
    if root is not None and not os.path.isdir(root):
        (_command_parser(parser, args.command) or parser).error(
            f"--root: {root} is not a folder; name the project's top folder"
        )
    return args


def _command_parser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return action.choices[command]  # type: ignore[index]
    return None


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

    When a batch command is done, every object left is frozen (`gc.freeze`)
    before the interpreter shuts down: its last collection, which it makes
    even with the collector off, would otherwise walk everything the run
    created and every module, only for the process to end (30-45 ms of
    CPU for a lint of the 100-node bench menu here, against 7 ms for
    `python -c "import yaml"`; the objects are freed by the process
    ending). Exit handlers, the flushing of standard output and the exit
    status are those of any exit.

    A command starts with the patterns it will compile already compiled
    (`ivrkit.lazyregex.install_for`; not for `--version` or `--help`
    alone, which compile none).
    """
    command = install_for(sys.argv[1:])
    if command in _KEEP_COLLECTOR:
        return main()
    gc.disable()
    try:
        return main()
    finally:
        gc.freeze()


def _silence_stdout() -> None:
    # Python would print an error when flushing a closed pipe at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())

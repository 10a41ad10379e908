"""The `ivrkit` command line: check, lint, rules, call, test, paths, sim, audio, import, graph, schema.

Exit codes: 0 success, 1 lint findings at or above `--fail-on` or a failed
scripted call, 2 a usage or configuration error or a menu that does not load,
70 an internal error (a bug in ivrkit; set IVRKIT_DEBUG=1 for the traceback).
The lint commands run in `ivrkit.cli_lint`, the simulator commands in
`ivrkit.cli_sim`.
Heavy modules (networkx, rich) are imported only by the commands that use them.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__

__all__ = ["main", "build_parser"]

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INTERNAL = 70


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ivrkit",
        description="Design, check and simulate IVR phone keypad menus written in YAML.",
        epilog="Run `ivrkit COMMAND --help` for the options of a command. Format reference: docs/format.md",
    )
    parser.add_argument("--version", action="version", version=f"ivrkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="load and validate menu files",
        description="Load menu files (and every file they reference) and report every problem "
        "as path:line:col. Directories are searched for YAML files with an `ivrkit:` field. "
        "Exit 0 when all load, 2 otherwise.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="menu files or directories")
    _add_only_menus(check)
    _add_common(check)
    check.set_defaults(run=_run_check)

    _add_lint(commands)
    _add_rules(commands)
    from .cli_sim import add_commands as add_simulator_commands

    add_simulator_commands(commands, _add_common)
    from .cli_tui import add_commands as add_tui_commands

    add_tui_commands(commands, _add_common)
    from .cli_audio import add_commands as add_audio_commands

    add_audio_commands(commands, _add_common)
    from .cli_import import add_commands as add_import_commands

    add_import_commands(commands, _add_common)

    graph = commands.add_parser(
        "graph",
        help="print the call graph as DOT, Mermaid or JSON",
        description="Print every way a call can move through a menu. DOT renders with Graphviz "
        "(`ivrkit graph menu.yaml | dot -Tsvg > menu.svg`); Mermaid pastes into GitHub Markdown.",
    )
    graph.add_argument("file", metavar="FILE", help="a menu file")
    graph.add_argument("--format", "-f", choices=("dot", "mermaid", "json"), default="dot",
                       help="output format (default: dot)")
    graph.add_argument("--output", "-o", metavar="OUT", help="write to OUT instead of standard output")
    graph.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    _add_common(graph)
    graph.set_defaults(run=_run_graph)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the menu format",
        description="Print the JSON Schema (draft 2020-12) of the menu format, for editors: "
        "`ivrkit schema > ivrkit.schema.json`, then add "
        "`# yaml-language-server: $schema=ivrkit.schema.json` to the top of a menu.",
    )
    schema.set_defaults(run=_run_schema)
    return parser


def _add_lint(commands) -> None:
    lint = commands.add_parser(
        "lint",
        help="judge menus against the clarity rules",
        description="Lint menu files (directories are searched like `check`) and report every finding. "
        "Configuration is read from [tool.ivrkit.lint] in pyproject.toml or `lint:` in .ivrkit.yaml, "
        "found by walking up from each file. Exit 0 when no finding reaches --fail-on, 1 when one does, "
        "2 for usage, configuration or load errors.",
    )
    lint.add_argument("paths", nargs="+", metavar="PATH", help="menu files or directories")
    _add_only_menus(lint)
    lint.add_argument("--format", "-f", default="auto",
                      choices=("auto", "text", "concise", "json", "sarif", "github", "junit"),
                      help="report format (default: auto = github under GitHub Actions, else text)")
    lint.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                      help="the lowest level that makes the run fail with exit 1 (default: error)")
    lint.add_argument("--select", action="append", metavar="RULES",
                      help="run only these rules: codes, names or families, comma-separated (replaces the config)")
    lint.add_argument("--ignore", action="append", metavar="RULES",
                      help="skip these rules: codes, names or families, comma-separated (adds to the config)")
    lint.add_argument("--config", metavar="FILE",
                      help="use this pyproject.toml or .ivrkit.yaml instead of searching for one")
    lint.add_argument("--locale", choices=("us", "eu", "fi"), help="key-convention profile (default: the one the menus' language regions or schedule time zones "
                      "name; else only the 0, star and hash conventions every profile shares)")
    lint.add_argument("--baseline", metavar="FILE", help="mark findings accepted in this baseline file as ignored")
    lint.add_argument("--write-baseline", metavar="FILE",
                      help="write the current findings to a baseline file instead of reporting them")
    lint.add_argument("--force-exclude", action="store_true",
                      help="apply the configured `exclude` to named files too (for pre-commit, which names "
                      "every staged file); without it, `exclude` only skips files found in folders")
    lint.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    lint.add_argument("--force", action="store_true",
                      help="overwrite --output/--write-baseline files that are not earlier ivrkit output")
    _add_common(lint)
    lint.set_defaults(run=_run_lint)


def _add_only_menus(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only-menus", action="store_true",
                        help="skip named files that are not menus (no `ivrkit:` field), as pre-commit names "
                        "every YAML file; nothing to do is then not an error")


def _add_rules(commands) -> None:
    rules = commands.add_parser(
        "rules",
        help="list the lint rules, or show one rule's documentation",
        description="Without an argument, list every rule (code, name, level, family, summary); "
        "with a code or name, print that rule's documentation.",
    )
    rules.add_argument("rule", nargs="?", metavar="RULE", help="a rule code (ST001) or name (dead-end)")
    rules.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="rich output (default: auto, on a terminal only)")
    rules.set_defaults(run=_run_rules)


def _run_lint(args) -> int:
    from .cli_lint import run_lint

    return run_lint(args)


def _run_rules(args) -> int:
    from .cli_lint import run_rules

    return run_rules(args)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", metavar="DIR",
                        help="project root: references may not leave it "
                        "(default: the nearest folder with .ivrkit.yaml, pyproject.toml or .git)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour and source excerpts (default: auto, on a terminal only)")


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
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("IVRKIT_DEBUG"):
            raise
        print(f"ivrkit: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print("This is a bug in ivrkit. Set IVRKIT_DEBUG=1 to see the traceback, and please report it.",
              file=sys.stderr)
        return EXIT_INTERNAL


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


def _output(args, stream=None):
    from .console import Output

    return Output(stream, color=args.color)


def _run_check(args) -> int:
    from .discover import search
    from .loadbatch import Batch
    from .loader import LoadError

    out = _output(args)
    found = search(args.paths, only_menus=args.only_menus)
    files, missing = found.files, found.missing
    for name in missing:
        print(f"ivrkit: error: no such file or directory: {name}", file=sys.stderr)
    if missing:
        return EXIT_INVALID
    if not files and args.only_menus:
        return EXIT_OK
    if not files:
        print(f"ivrkit: error: no menu files found in {', '.join(args.paths)} "
              "(a menu file is a .yaml/.yml file with an `ivrkit:` field)", file=sys.stderr)
        return EXIT_INVALID
    shown: set = set()
    failed_files: set[str] = set()
    problems = unloaded = 0
    batch = Batch(files, named=[file for file in files if found.base[file] is None])
    for path in batch.order:
        if not batch.needs_load(path):  # read already, with every problem it has, by an earlier load
            continue
        try:
            batch.load(path, root=args.root)
        except LoadError as error:
            unloaded += 1
            for diagnostic in error.diagnostics:
                if (diagnostic.span, diagnostic.message) in shown:
                    continue
                shown.add((diagnostic.span, diagnostic.message))
                failed_files.add(diagnostic.span.path)
                problems += 1
                out.diagnostic(diagnostic)
    if unloaded:
        # A file can fail through problems already shown for another file that references the same one.
        out.line(f"Found {problems} problem{'s' * (problems != 1)} in "
                 f"{len(failed_files)} file{'s' * (len(failed_files) != 1)}; {unloaded} of {len(files)} "
                 f"menu file{'s' * (len(files) != 1)} did not load.", style="bold red")
        return EXIT_INVALID
    out.line(f"All {len(files)} menu file{'s' * (len(files) != 1)} loaded without problems.", style="bold green")
    return EXIT_OK


def _run_graph(args) -> int:
    from .loader import LoadError, load

    try:
        menuset = load(args.file, root=args.root)
    except LoadError as error:
        out = _output(args, sys.stderr)
        for diagnostic in error.diagnostics:
            out.diagnostic(diagnostic)
        return EXIT_INVALID
    from . import graph as graph_module

    G = graph_module.build(menuset)
    if args.format == "dot":
        from .render.dot import to_dot as render
    elif args.format == "mermaid":
        from .render.mermaid import to_mermaid as render
    else:
        from .render.json import to_json as render
    text = render(G)
    if not text.endswith("\n"):
        text += "\n"
    if args.output:
        from .atomic import write_text_atomic

        problem = output_problem(args.output, args.force)
        if problem is None:
            try:
                write_text_atomic(args.output, text)
            except OSError as error:  # a read-only folder, a full disk
                problem = f"cannot write {args.output}: {error.strerror or type(error).__name__}"
        if problem is not None:
            print(f"ivrkit: error: {problem}", file=sys.stderr)
            return EXIT_INVALID
    else:
        sys.stdout.write(text)
    return EXIT_OK


def output_problem(path: str, force: bool) -> str | None:
    """Why `path` cannot take a command's output file (a message for `ivrkit: error:`), or None.

    An existing file is replaced only with `force`; a folder, a FIFO or a
    device never is (the atomic write would put a file in its place).
    """
    target = Path(path)
    if target.is_dir():
        return f"{path} is a folder; name a file to write"
    if os.path.lexists(target):
        if not target.is_file():
            return f"{path} is not a regular file; name a file to write"
        if not force:
            return f"{path} exists; pass --force to overwrite it"
    if not target.parent.is_dir():
        return f"cannot write {path}: the folder {target.parent} does not exist"
    return None


def _run_schema(args) -> int:
    from .schema import schema_text

    text = schema_text()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK

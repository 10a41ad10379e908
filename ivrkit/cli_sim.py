"""The simulator commands: `ivrkit call`, `ivrkit test` and `ivrkit paths`.

Exit codes: 0 success (every scripted call passed), 1 a scripted call failed,
2 a usage error, a menu or call script that does not load, or steps that
cannot be played (docs/calls.md). Every input is checked before a call is
simulated: `--at`, `--lang`, `--set` names and values, `--queue-wait`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

__all__ = ["add_commands", "EXIT_OK", "EXIT_FAILED", "EXIT_INVALID"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2


def add_commands(commands, add_common) -> None:
    """Add the three commands to the `ivrkit` parser's subcommands."""
    call = commands.add_parser(
        "call",
        help="simulate one call and print its transcript",
        description="Simulate a call: what the caller hears, what they press, where they end up, with "
        "simulated timestamps. After the steps the caller stays silent until the call ends. Steps: keys "
        "(`1`, `1234#`), keys@seconds to press during speech (`1@2.5`), `wait`, `hangup` (`hangup@3` during speech).",
    )
    call.add_argument("file", metavar="FILE", help="a menu file")
    call.add_argument("--press", default="", metavar="STEPS", help='caller steps, e.g. "1 2 * 0" (default: none); '
                      "steps left over after the call has ended are an error")
    _add_situation(call)
    call.add_argument("--json", action="store_true", help="print the events as JSON")
    add_common(call)
    call.set_defaults(run=run_call_command)

    test = commands.add_parser(
        "test",
        help="run call scripts (*.calls.yaml)",
        description="Run call scripts: each call is simulated and checked against its `expect`. "
        "Directories are searched for *.calls.yaml. Exit 0 when every call passes, 1 when one fails, "
        "2 when a script or its menu does not load or a call's steps cannot be played. The format: "
        "docs/calls.md.",
    )
    test.add_argument("paths", nargs="+", metavar="PATH", help="call scripts or directories")
    test.add_argument("--format", choices=("text", "junit"), default="text", help="report format")
    test.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    test.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_common(test)
    test.set_defaults(run=run_test_command)

    paths = commands.add_parser(
        "paths",
        help="time to reach every destination",
        description="For every destination: the fastest route a first-time caller can take (pressing "
        "as soon as their option is announced, entering a sample number where one is asked for), its "
        "seconds as `ivrkit call` reports them, the worst case with one wrong key, and, where options have "
        "shares, the share of callers and the expected time to a destination and to a person, over every "
        "route. Fastest first; destinations not reachable at the simulated time last.",
    )
    paths.add_argument("file", metavar="FILE", help="a menu file")
    _add_situation(paths, queue=False)
    paths.add_argument("--json", action="store_true", help="print the figures as JSON")
    paths.add_argument("--durations", metavar="MANIFEST", help="time prompts by the WAV files of an `ivrkit audio` "
                       "manifest.json (prompts it does not have are estimated)")
    paths.add_argument("--write-calls", metavar="OUT", help="write a call script reaching every destination "
                       "(those not reachable at the simulated time are named in a comment and on stderr)")
    paths.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    add_common(paths)
    paths.set_defaults(run=run_paths_command)


def _add_situation(parser: argparse.ArgumentParser, *, queue: bool = True) -> None:
    parser.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="simulated date and time (default: Monday "
                        "2026-11-23 10:00), in the time zone of the menu's schedules")
    parser.add_argument("--lang", metavar="LANG", help="the caller's language (default: the menu's)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a variable the menu declares, set to one of its values (repeatable)")
    if queue:
        parser.add_argument("--queue-wait", default="0", metavar="SECONDS",
                            help="how long queues take to answer, 0-86400 (default 0)")
        parser.add_argument("--transfer", choices=("connected", "busy", "no-answer"), default="connected",
                            help="what happens when a transfer dials")


class _Usage(Exception):
    pass


def _situation(args, menuset) -> dict:
    """The checked --at, --lang and --set of a command; raises _Usage naming the first bad one."""
    from .engine.callscript import DEFAULT_AT, TIME_FORMAT, parse_time, time_problem, variable_problem

    at = None
    if args.at is not None:
        problem = time_problem(args.at)
        if problem is not None:
            raise _Usage(f"--at: {problem}; {TIME_FORMAT}")
        at = parse_time(args.at)
    if args.lang is not None and args.lang not in menuset.root.languages:
        raise _Usage(f"--lang: the menu does not speak `{args.lang}` (its languages: "
                     f"{', '.join(menuset.root.languages)})")
    variables: dict[str, str] = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise _Usage(f"--set: write NAME=VALUE, not `{item}`")
        if name in variables and variables[name] != value:
            raise _Usage(f"--set: `{name}` is set twice (`{variables[name]}` and `{value}`)")
        problem = variable_problem(menuset, name, value)
        if problem is not None:
            _, message, hint = problem
            raise _Usage(f"--set: {message}" + (f"; {hint}" if hint else ""))
        variables[name] = value
    return {"at": at or DEFAULT_AT, "language": args.lang, "variables": variables}


def _queue_wait(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 86400:  # also refuses nan
        raise _Usage(f"--queue-wait: `{text}` is not a number of seconds from 0 to 86400")
    return value


def _load(args):
    from .console import Output
    from .loader import LoadError, load

    try:
        return load(args.file, root=args.root)
    except LoadError as error:
        out = Output(sys.stderr, color=args.color)
        for diagnostic in _call_script_given(args.file) or error.diagnostics:
            out.diagnostic(diagnostic)
        return None


def _call_script_given(file: str) -> list:
    """One diagnostic when FILE, which failed to load as a menu, is a call script; else []."""
    from .diagnostics import Diagnostic, display_path
    from .engine.callscript import looks_like_call_script
    from .yamlfields import FieldReader
    from .yamlsource import compose, read_source

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
    return [Diagnostic(reader.span(node), f"this is a call script, not a menu:{named} run it with "
                       f"`ivrkit test {display}`")]


def _usage_error(message: str) -> int:
    print(f"ivrkit: error: {message}", file=sys.stderr)
    return EXIT_INVALID


def run_call_command(args) -> int:
    from .engine.drive import StepError, parse_steps, run_call
    from .engine.transcript import event_records, transcript_lines

    menuset = _load(args)
    if menuset is None:
        return EXIT_INVALID
    try:
        steps = parse_steps(args.press)
        situation = _situation(args, menuset)
        queue_wait = _queue_wait(args.queue_wait)
    except StepError as error:
        return _usage_error(f"--press: {error}")
    except _Usage as error:
        return _usage_error(str(error))
    try:
        record = run_call(menuset, steps, transfer_outcome=args.transfer, queue_wait=queue_wait, **situation)
    except StepError as error:  # a step left over after the call ended, or far past its timeouts
        return _usage_error(f"--press: {error}")
    if args.json:
        json.dump({"menu": args.file, "at": situation["at"].isoformat(" ", "minutes"), "press": args.press,
                   "ended": record.ended, "events": event_records(record.events)},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"{menuset.root.name}: call at {situation['at']:%a %Y-%m-%d %H:%M}, pressing {args.press or 'nothing'!r}")
    for line in transcript_lines(record.events):
        print(line)
    return EXIT_OK


def _scripts(paths: list[str]) -> tuple[list[Path], list[str]]:
    found, missing = [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.calls.y*ml"))
                         if not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists():
            found.append(path)  # a regular file, or a FIFO or device: the reader refuses those, positioned
        else:
            missing.append(name)
    return found, missing


def run_test_command(args) -> int:
    from .console import Output
    from .diagnostics import LoadError
    from .engine.callscript import load_script, run_script

    scripts, missing = _scripts(args.paths)
    for name in missing:
        print(f"ivrkit: error: no such file or directory: {name}", file=sys.stderr)
    if missing:
        return EXIT_INVALID
    if not scripts:
        return _usage_error(f"no call scripts (*.calls.yaml) found in {', '.join(args.paths)}")
    if args.output:
        problem = _output_problem(args.output, args.force, [str(p) for p in scripts])
        if problem:
            return _usage_error(problem)
    errors = Output(sys.stderr, color=args.color)
    outcomes, invalid = [], False
    for path in scripts:
        try:
            script = load_script(path, root=args.root)
        except LoadError as error:
            invalid = True
            for diagnostic in error.diagnostics:
                errors.diagnostic(diagnostic)
            continue
        results = run_script(script)
        for result in results:
            if result.error is not None:
                invalid = True
                errors.diagnostic(result.error)
        outcomes.append((script, results))
    from .report_calls import junit, text_report

    text = junit(outcomes) if args.format == "junit" else text_report(outcomes)
    if outcomes:
        if args.output:
            problem = _write(args.output, text)
            if problem:
                return _usage_error(problem)
        else:
            sys.stdout.write(text)
    if invalid:
        return EXIT_INVALID
    failed = any(not result.passed for _, results in outcomes for result in results)
    return EXIT_FAILED if failed else EXIT_OK


def _output_problem(output: str, force: bool, inputs: list[str]) -> str | None:
    """Why OUTPUT cannot be written (before any work is done), or None."""
    target = Path(output)
    if target.is_dir():
        return f"{output} is a folder; give a file name for the output"
    if target.exists() or target.is_symlink():
        if any(target.resolve() == Path(name).resolve() for name in inputs):
            return f"{output} is one of the input files; write the output elsewhere"
        if not force:
            return f"{output} exists; pass --force to overwrite it"
        if not target.is_file():
            return f"{output} is not a regular file; it will not be overwritten"
    parent = target.parent
    if not parent.is_dir():
        return f"cannot write {output}: the folder {parent} does not exist"
    return None


def _write(output: str, text: str) -> str | None:
    from .atomic import write_text_atomic

    try:
        write_text_atomic(output, text)
    except OSError as error:
        return f"cannot write {output}: {error.strerror or error}"
    return None


def run_paths_command(args) -> int:
    from .engine.paths import analyse, calls_yaml, left_out

    menuset = _load(args)
    if menuset is None:
        return EXIT_INVALID
    try:
        situation = _situation(args, menuset)
    except _Usage as error:
        return _usage_error(str(error))
    if args.write_calls:
        problem = _output_problem(args.write_calls, args.force, [args.file])
        if problem:
            return _usage_error(problem)
    duration = None
    if args.durations:
        from .engine.measured import ManifestError, measured

        try:
            duration = measured(menuset, args.durations)
        except ManifestError as error:
            return _usage_error(f"--durations: {error}")
    summary = analyse(menuset, **situation, duration=duration)
    if args.write_calls and not any(figure.seconds is not None for figure in summary.paths):
        return _usage_error(f"no destination can be reached at {situation['at']:%a %Y-%m-%d %H:%M}, so there is "
                            f"no call to write to {args.write_calls}; try another --at")
    if args.write_calls:
        reference = os.path.relpath(Path(args.file).resolve(), Path(args.write_calls).resolve().parent)
        problem = _write(args.write_calls, calls_yaml(summary, Path(reference).as_posix(), situation["at"],
                                                      situation["language"], situation["variables"]))
        if problem:
            return _usage_error(problem)
        for figure in left_out(summary):
            print(f"{args.write_calls}: note: no call for {figure.node}: not reachable at "
                  f"{situation['at']:%a %Y-%m-%d %H:%M} (try --at a time it is open)", file=sys.stderr)
        print(f"wrote {args.write_calls}", file=sys.stderr)
    if args.json:
        from dataclasses import asdict

        json.dump({"at": situation["at"].isoformat(" ", "minutes"), **asdict(summary)}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from .report_calls import paths_table

    paths_table(summary, situation["at"], sys.stdout, color=args.color)
    return EXIT_OK

"""The simulator commands: `ivrkit call`, `ivrkit test` and `ivrkit paths`.

Exit codes: 0 success (every scripted call passed), 1 a scripted call failed,
2 a usage error or a menu or call script that does not load.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
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
        "(`1`, `1234#`), keys@seconds to press during speech (`1@2.5`), `wait`, `hangup`.",
    )
    call.add_argument("file", metavar="FILE", help="a menu file")
    call.add_argument("--press", default="", metavar="STEPS", help='caller steps, e.g. "1 2 * 0" (default: none)')
    _add_situation(call)
    call.add_argument("--json", action="store_true", help="print the events as JSON")
    add_common(call)
    call.set_defaults(run=run_call_command)

    test = commands.add_parser(
        "test",
        help="run call scripts (*.calls.yaml)",
        description="Run call scripts: each call is simulated and checked against its `expect`. "
        "Directories are searched for *.calls.yaml. Exit 0 when every call passes, 1 when one fails, "
        "2 when a script or its menu does not load.",
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
        description="For every destination: the fewest keys, the seconds a first-time caller needs "
        "(pressing as soon as their option is announced), the worst case with one wrong key, and, "
        "where options have shares, the expected time to a destination and to a person.",
    )
    paths.add_argument("file", metavar="FILE", help="a menu file")
    _add_situation(paths, queue=False)
    paths.add_argument("--json", action="store_true", help="print the figures as JSON")
    paths.add_argument("--durations", metavar="MANIFEST", help="time prompts by the WAV files of an `ivrkit audio` "
                       "manifest.json (prompts it does not have are estimated)")
    paths.add_argument("--write-calls", metavar="OUT", help="write a call script reaching every destination")
    paths.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    add_common(paths)
    paths.set_defaults(run=run_paths_command)


def _add_situation(parser: argparse.ArgumentParser, *, queue: bool = True) -> None:
    parser.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="simulated date and time (default: Monday "
                        "2026-11-23 10:00), in the time zone of the menu's schedules")
    parser.add_argument("--lang", metavar="LANG", help="the caller's language (default: the menu's)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a variable for branches (repeatable)")
    if queue:
        parser.add_argument("--queue-wait", type=float, default=0.0, metavar="SECONDS",
                            help="how long queues take to answer (default 0)")
        parser.add_argument("--transfer", choices=("connected", "busy", "no-answer"), default="connected",
                            help="what happens when a transfer dials")


class _Usage(Exception):
    pass


def _situation(args, menuset) -> dict:
    from .engine.callscript import parse_time

    at = None
    if args.at:
        at = parse_time(args.at)
        if at is None:
            raise _Usage(f"--at: `{args.at}` is not a date and time; write 'YYYY-MM-DD HH:MM'")
    if args.lang and args.lang not in menuset.root.languages:
        raise _Usage(f"--lang: the menu does not speak `{args.lang}` (its languages: "
                     f"{', '.join(menuset.root.languages)})")
    variables = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise _Usage(f"--set: write NAME=VALUE, not `{item}`")
        variables[name] = value
    return {"at": at or _dt.datetime(2026, 11, 23, 10, 0), "language": args.lang, "variables": variables}


def _load(args):
    from .console import Output
    from .loader import LoadError, load

    try:
        return load(args.file, root=args.root)
    except LoadError as error:
        out = Output(sys.stderr, color=args.color)
        for diagnostic in error.diagnostics:
            out.diagnostic(diagnostic)
        return None


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
    except StepError as error:
        return _usage_error(f"--press: {error}")
    except _Usage as error:
        return _usage_error(str(error))
    record = run_call(menuset, steps, transfer_outcome=args.transfer, queue_wait=args.queue_wait, **situation)
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
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.calls.y*ml"))
                         if not any(part.startswith(".") for part in p.relative_to(path).parts))
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
        outcomes.append((script, run_script(script)))
    from .report_calls import junit, text_report

    text = junit(outcomes) if args.format == "junit" else text_report(outcomes)
    if outcomes:
        if args.output:
            if os.path.exists(args.output) and not args.force:
                return _usage_error(f"{args.output} exists; pass --force to overwrite it")
            from .atomic import write_text_atomic

            write_text_atomic(args.output, text)
        else:
            sys.stdout.write(text)
    if invalid:
        return EXIT_INVALID
    failed = any(not result.passed for _, results in outcomes for result in results)
    return EXIT_FAILED if failed else EXIT_OK


def run_paths_command(args) -> int:
    from .engine.paths import analyse, calls_yaml

    menuset = _load(args)
    if menuset is None:
        return EXIT_INVALID
    try:
        situation = _situation(args, menuset)
    except _Usage as error:
        return _usage_error(str(error))
    duration = None
    if args.durations:
        from .engine.measured import ManifestError, measured

        try:
            duration = measured(menuset, args.durations)
        except ManifestError as error:
            return _usage_error(f"--durations: {error}")
    summary = analyse(menuset, at=situation["at"], language=situation["language"], duration=duration)
    if args.write_calls:
        if os.path.exists(args.write_calls) and not args.force:
            return _usage_error(f"{args.write_calls} exists; pass --force to overwrite it")
        from .atomic import write_text_atomic

        reference = os.path.relpath(Path(args.file).resolve(), Path(args.write_calls).resolve().parent)
        write_text_atomic(args.write_calls, calls_yaml(summary, Path(reference).as_posix(), situation["at"],
                                                       situation["language"]))
    if args.json:
        from dataclasses import asdict

        json.dump({"at": situation["at"].isoformat(" ", "minutes"), **asdict(summary)}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from .report_calls import paths_table

    paths_table(summary, situation["at"], sys.stdout, color=args.color)
    if args.write_calls:
        print(f"wrote {args.write_calls}", file=sys.stderr)
    return EXIT_OK

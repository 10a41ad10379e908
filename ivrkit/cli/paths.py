"""`ivrkit paths`: the time a first-time caller needs to reach every destination, and a call script reaching each.

Exit codes: 0 the table (or JSON, or call script) was written, 2 a usage
error, a menu that does not load, or an output that cannot be written.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..model import as_dict
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    Usage,
    add_common,
    add_situation,
    error,
    load_menu,
    output_problem,
    situation,
    write_output,
)

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
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
    add_situation(paths, queue=False)
    paths.add_argument("--json", action="store_true", help="print the figures as JSON")
    paths.add_argument(
        "--durations",
        metavar="MANIFEST",
        help="time prompts by the WAV files of an `ivrkit audio` "
        "manifest.json (prompts it does not have are estimated)",
    )
    paths.add_argument(
        "--write-calls",
        metavar="OUT",
        help="write a call script reaching every destination "
        "(those not reachable at the simulated time are named in a comment and on stderr)",
    )
    paths.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    add_common(paths)
    paths.set_defaults(run=run)


def run(args) -> int:
    from ..engine.paths import analyse, calls_yaml, left_out

    menuset = load_menu(args)
    if menuset is None:
        return EXIT_INVALID
    try:
        moment = situation(args, menuset)
    except Usage as problem:
        return error(str(problem), problem.hint)
    if args.write_calls:
        problem = output_problem(
            args.write_calls, args.force, instead="give a file name for the output", inputs=[args.file]
        )
        if problem:
            return error(problem)
    duration = None
    if args.durations:
        from ..engine.measured import ManifestError, measured

        try:
            duration = measured(menuset, args.durations)
        except ManifestError as problem:
            return error(f"--durations: {problem}")
    summary = analyse(menuset, **moment, duration=duration)
    if args.write_calls and not any(figure.seconds is not None for figure in summary.paths):
        return error(
            f"no destination can be reached at {moment['at']:%a %Y-%m-%d %H:%M}, so there is "
            f"no call to write to {args.write_calls}; try another --at"
        )
    if args.write_calls:
        reference = os.path.relpath(Path(args.file).resolve(), Path(args.write_calls).resolve().parent)
        problem = write_output(
            args.write_calls,
            calls_yaml(summary, Path(reference).as_posix(), moment["at"], moment["language"], moment["variables"]),
        )
        if problem:
            return error(problem)
        for figure in left_out(summary):
            print(
                f"{args.write_calls}: note: no call for {figure.node}: not reachable at "
                f"{moment['at']:%a %Y-%m-%d %H:%M} (try --at a time it is open)",
                file=sys.stderr,
            )
        print(f"wrote {args.write_calls}", file=sys.stderr)
    if args.json:
        json.dump(
            {"at": moment["at"].isoformat(" ", "minutes"), **as_dict(summary)},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    from .call_reports import paths_table

    paths_table(summary, moment["at"], sys.stdout, color=args.color)
    return EXIT_OK

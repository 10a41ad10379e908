"""`ivrkit call`: simulate one call and print its transcript (or its events as JSON).

Exit codes: 0 the call was simulated, 2 a usage error, a menu that does not
load, or steps that cannot be played. Every input is checked before the call
is simulated: `--press`, `--at`, `--lang`, `--set` names and values, `--queue-wait`.
"""

from __future__ import annotations

import json
import sys

from .common import EXIT_INVALID, EXIT_OK, Usage, add_common, add_situation, error, load_menu, queue_wait, situation

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
    call = commands.add_parser(
        "call",
        help="simulate one call and print its transcript",
        description="Simulate a call: what the caller hears, what they press, where they end up, with "
        "simulated timestamps. After the steps the caller stays silent until the call ends. Steps: keys "
        "(`1`, `1234#`), keys@seconds to press during speech (`1@2.5`), `wait`, `hangup` (`hangup@3` during speech).",
    )
    call.add_argument("file", metavar="FILE", help="a menu file")
    call.add_argument(
        "--press",
        default="",
        metavar="STEPS",
        help='caller steps, e.g. "1 2 * 0" (default: none); steps left over after the call has ended are an error',
    )
    add_situation(call)
    call.add_argument("--json", action="store_true", help="print the events as JSON")
    add_common(call)
    call.set_defaults(run=run)


def run(args) -> int:
    from ..engine.drive import StepError, parse_steps, run_call
    from ..engine.transcript import event_records, transcript_lines

    menuset = load_menu(args)
    if menuset is None:
        return EXIT_INVALID
    try:
        steps = parse_steps(args.press)
        moment = situation(args, menuset)
        wait = queue_wait(args.queue_wait)
    except StepError as problem:
        return error(f"--press: {problem}")
    except Usage as problem:
        return error(str(problem), problem.hint)
    try:
        record = run_call(menuset, steps, transfer_outcome=args.transfer, queue_wait=wait, **moment)
    except StepError as problem:  # a step left over after the call ended, or far past its timeouts
        return error(f"--press: {problem}")
    if args.json:
        json.dump(
            {
                "menu": args.file,
                "at": moment["at"].isoformat(" ", "minutes"),
                "press": args.press,
                "ended": record.ended,
                "events": event_records(record.events),
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"{menuset.root.name}: call at {moment['at']:%a %Y-%m-%d %H:%M}, pressing {args.press or 'nothing'!r}")
    for line in transcript_lines(record.events):
        print(line)
    return EXIT_OK

"""`ivrkit sim`: walk a menu in the terminal, hearing its prompts (Textual is imported only here, lazily).

Exit codes: 0 when the app was closed, 2 for a usage error. A menu that does
not load is shown inside the app (and reloaded when it is fixed).
"""

from __future__ import annotations

from .common import EXIT_OK, add_common, error

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
    sim = commands.add_parser(
        "sim",
        help="walk a menu in the terminal, with spoken prompts",
        description="Simulate calls interactively: hear each prompt, press keys (0-9 * #, or click the keypad), "
        "stay silent to hit the timeouts, barge in during prompts. The menu is reloaded when it changes on "
        "disk. Keys: h hang up, r restart, s save the call to <menu>.calls.yaml, ? help, q quit.",
    )
    sim.add_argument("file", metavar="FILE", help="a menu file")
    sim.add_argument("--lang", metavar="LANG", help="the caller's language (default: the menu's)")
    sim.add_argument(
        "--at",
        metavar="'YYYY-MM-DD HH:MM'",
        help="simulated date and time (default: Monday 2026-11-23 10:00), in the time zone of the menu's schedules",
    )
    sim.add_argument("--mute", action="store_true", help="no speech: show each prompt for its estimated duration")
    sim.add_argument("--voice", metavar="V", help="speech voice (default: by the prompt's language)")
    sim.add_argument(
        "--rate", type=float, metavar="N", help="speaking rate in words per minute (default: the menu's `rate`)"
    )
    sim.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="X",
        help="run time X times faster: timeouts, muted prompts and pauses (default 1)",
    )
    add_common(sim)
    sim.set_defaults(run=run)


def run(args) -> int:
    import os

    from ..engine.callscript import parse_time

    at = None
    if args.at:
        at = parse_time(args.at)
        if at is None:
            return error(f"--at: `{args.at}` is not a date and time; write 'YYYY-MM-DD HH:MM'")
    if not args.speed > 0:
        return error("--speed must be more than 0")
    if args.rate is not None and not 40 <= args.rate <= 400:
        return error("--rate must be between 40 and 400 words per minute")
    if not os.path.isfile(args.file):
        return error(f"no such file: {args.file}")
    speaker = _speaker(args)
    from ..tui.app import IvrApp, SimOptions

    options = SimOptions(
        path=args.file, at=at, language=args.lang, speed=args.speed, rate=args.rate, voice=args.voice, root=args.root
    )
    IvrApp(options, speaker).run()
    return EXIT_OK


def _speaker(args):
    from ..speech.null import SilentSpeaker

    if args.mute:
        return SilentSpeaker(reason="muted")
    try:
        from ..speech import make_speaker

        return make_speaker("auto")
    except Exception as problem:  # noqa: BLE001 - no speech is a normal mode, shown in the status line
        return SilentSpeaker(reason=f"unavailable ({type(problem).__name__})")

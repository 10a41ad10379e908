"""The `ivrkit export` command: write a menu for the platform that answers the calls.

`ivrkit export MENU --to vxml [-o OUT] [--audio DIR] [--set-id NAME=VALUE] [--ids FILE] [--strict]`

The fidelity notes (what the target cannot express, and how it was mapped) go
to standard error as `path:line:col: approximated|lost|placeholder: …`.
Exit codes: 0 written (or printed), 1 with --strict when there is any note
(nothing is written then), 2 a usage error, a menu that does not load, an
output that exists without --force or that lies outside the project root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .common import EXIT_FAILED, EXIT_INVALID, EXIT_OK, add_common, error, load_menu, output_problem, write_output

__all__ = ["add_parser", "run", "TARGETS"]

# The exporters' names, written out so that building the parser of every command does not import the
# exporters (about a quarter of `ivrkit lint`'s start-up); tests/exporters/test_export_cli.py keeps this
# equal to `ivrkit.exporters.TARGETS`.
TARGETS = ("asterisk", "connect", "freeswitch", "studio", "vxml")


def add_parser(commands) -> None:
    command = commands.add_parser(
        "export",
        help="write a menu for a platform that answers calls (VoiceXML, ...)",
        description="Export a menu and every file it references as one file of the target platform, and print "
        "what the target cannot express (fidelity notes, with the menu's path:line:col) to standard error. "
        "Platform resources (queues, hours, flows) are ${NAME} placeholders unless given with --set-id or --ids. "
        "Exit 0 on success, 1 with --strict when anything was approximated or lost, 2 for usage errors.",
    )
    command.add_argument("file", metavar="MENU", help="the menu file")
    command.add_argument("--to", required=True, choices=TARGETS, help="the target platform")
    command.add_argument(
        "--output", "-o", metavar="OUT", help="write to OUT (inside the project) instead of standard output"
    )
    command.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    command.add_argument(
        "--strict", action="store_true", help="any fidelity note is an error (exit 1, nothing written)"
    )
    command.add_argument(
        "--set-id",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="the value of a ${NAME} placeholder (repeatable)",
    )
    command.add_argument("--ids", metavar="FILE", help="a YAML map NAME: VALUE of placeholder values (--set-id wins)")
    command.add_argument(
        "--audio",
        metavar="DIR",
        help="reference the WAVs `ivrkit audio` rendered into DIR (inside the project) instead of text to speech",
    )
    add_common(command)
    command.set_defaults(run=run)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def run(args) -> int:
    from ..diagnostics import one_line
    from ..exporters import AudioPrompts, ExportOptions, ExportProblem, export, parse_assignment, read_substitutions

    menuset = load_menu(args)
    if menuset is None:
        return EXIT_INVALID
    root = Path(menuset.project_root)
    try:
        values = read_substitutions(args.ids) if args.ids else {}
        for item in args.set_id:
            name, value = parse_assignment(item)
            values[name] = value
        audio = None
        if args.audio is not None:
            if not _inside(Path(args.audio), root):
                return error(
                    f"--audio: {one_line(args.audio)} is outside the project root {root}",
                    "render the prompts into a folder of the project",
                )
            audio = AudioPrompts.read(args.audio)
    except ExportProblem as problem:
        return error(problem.message, problem.hint)
    output_dir = None
    if args.output is not None:
        if not _inside(Path(args.output), root):
            return error(
                f"{one_line(args.output)} is outside the project root {root}",
                "write the export inside the project, or name another root with --root",
            )
        refused = output_problem(
            args.output,
            args.force,
            instead="name a file to write",
            inputs=[os.path.join(root, key) for key in menuset.files],
        )
        if refused is not None:
            return error(refused)
        output_dir = Path(args.output).resolve().parent
    result = export(menuset, args.to, ExportOptions(substitutions=values, audio=audio, output_dir=output_dir))
    for note in result.notes:
        print(
            f"{note.span}: {note.kind}: {note.message}"
            if note.span is not None
            else f"{args.file}: {note.kind}: {note.message}",
            file=sys.stderr,
        )
    if args.strict and result.notes:
        print(
            f"ivrkit: {len(result.notes)} fidelity note{'s' if len(result.notes) != 1 else ''} with --strict; "
            f"nothing written",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if args.output is None:
        sys.stdout.write(result.text)
        return EXIT_OK
    failure = write_output(args.output, result.text)
    if failure is not None:
        return error(failure)
    print(f"ivrkit: wrote {one_line(args.output)} ({len(result.notes)} fidelity notes)", file=sys.stderr)
    return EXIT_OK

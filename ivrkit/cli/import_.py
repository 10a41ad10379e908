"""The `ivrkit import` command: convert another platform's IVR into an ivrkit menu file.

Exit codes: 0 written (or printed), 2 a usage error, an existing output
without --force, or a source file that cannot be imported (reported as
`FILE:line:col: error: message` with a hint, never a traceback).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .common import EXIT_INVALID, EXIT_OK, add_common, error, output, write_output

__all__ = ["add_parser", "run"]

_FORMATS = ("freeswitch", "connect", "studio", "vxml", "asterisk", "freepbx")
# Importers start a remark with where it applies: "line 12: ..." or "line 12, column 5: ...".
_REMARK_AT = re.compile(r"line (?P<line>[0-9]+)(?:, column (?P<col>[0-9]+))?: ")


def add_parser(commands) -> None:
    command = commands.add_parser(
        "import",
        help="convert a FreeSWITCH, Amazon Connect, Twilio Studio, VoiceXML, Asterisk or FreePBX IVR to a menu file",
        description="Convert an IVR of another platform into the ivrkit format and print it (or write OUT). "
        "The format is detected unless --from names it. Every key, target, timeout, retry count and prompt "
        "is kept; prompts that exist only as sound files keep the file name with the text unknown; what has "
        "no place in the format is kept under `x-unmapped`. `ivrkit lint`, `call` and `paths` also take "
        "such files directly. Exit 0 on success, 2 when the file cannot be imported.",
    )
    command.add_argument(
        "file", metavar="FILE", help="the source file (XML, JSON, VoiceXML, extensions.conf or a FreePBX SQL dump)"
    )
    command.add_argument("--from", dest="fmt", choices=_FORMATS, help="the source format (default: detect it)")
    command.add_argument(
        "--output", "-o", metavar="OUT", help="write the menu to OUT (a .yaml file) instead of standard output"
    )
    command.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    command.add_argument(
        "--phrases",
        metavar="FILE",
        help="FreeSWITCH: a phrase-macro file with the prompts of the menu "
        "(default: *phrase*.xml files beside FILE that define the macros it uses)",
    )
    command.add_argument(
        "--context",
        metavar="NAME",
        help="Asterisk: the context the call enters (default: the first context with an `s` "
        "extension and key extensions); FreePBX: the IVR to import (`ivr-N` or its name)",
    )
    add_common(command)
    command.set_defaults(run=run)


def run(args) -> int:
    from ..diagnostics import Diagnostic, display_path, one_line
    from ..importers import ImportProblem, convert, to_yaml
    from ..model import Span

    source = Path(args.file)
    if args.phrases and args.fmt not in (None, "freeswitch"):
        return error("--phrases is for FreeSWITCH menus", "drop --phrases, or use --from freeswitch")
    if args.context and args.fmt not in (None, "asterisk", "freepbx"):
        return error(
            "--context is for Asterisk dialplans and FreePBX dumps",
            "drop --context, or use --from asterisk or --from freepbx",
        )
    if args.output:
        problem = _output_problem(Path(args.output), source, args.force)
        if problem is not None:
            return error(*problem)
    options = {"phrases": args.phrases, "context": args.context}
    try:
        display = display_path(source.resolve()) if source.exists() else one_line(str(source))
    except (OSError, ValueError):  # a NUL or a name too long for the file system: read_text says so
        display = one_line(str(source))
    out = output(args, sys.stderr)
    try:
        imported = convert(source, args.fmt, **options)
    except ImportProblem as problem:
        path = getattr(problem, "path", None) or display
        span = Span(path, problem.line, problem.col, problem.line, problem.col + 1)
        out.diagnostic(Diagnostic(span, problem.message, problem.hint))
        return EXIT_INVALID
    text = to_yaml(imported)
    problems = _self_check(text, args)
    if problems:
        for diagnostic in problems:
            out.diagnostic(diagnostic)
        return error("the imported menu does not load; this is a bug in the importer, please report it")
    for remark in imported.remarks:
        where = _REMARK_AT.match(remark)
        if where:
            print(f"{display}:{where['line']}:{where['col'] or 1}: note: {remark[where.end() :]}", file=sys.stderr)
        else:
            print(f"{display}: note: {remark}", file=sys.stderr)
    if args.output:
        failure = write_output(args.output, text)
        if failure is not None:
            return error(failure)
        print(f"ivrkit: wrote {one_line(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _output_problem(target: Path, source: Path, force: bool) -> tuple[str, str | None] | None:
    """Why OUT cannot be written (message, hint), or None. Names that no file system takes, folders,
    FIFOs and devices are refused before anything is imported; an existing file needs --force."""
    import os
    import stat

    from ..diagnostics import one_line
    from ..yamlsource import file_kind

    shown = one_line(str(target))
    if "\x00" in str(target):
        return "OUT contains a NUL character, which no file name can", "check how the name was written"
    long = next((part for part in target.parts if len(os.fsencode(part)) > _NAME_MAX), None)
    if long is not None:
        return f"a name in OUT is longer than {_NAME_MAX} bytes, more than a file system allows", "shorten it"
    try:
        status = target.stat() if target.exists() else None
        if status is not None and stat.S_ISDIR(status.st_mode):
            return f"{shown} is a folder; OUT must be a file", None
        if status is not None and not stat.S_ISREG(status.st_mode):
            return f"{shown} is {file_kind(status.st_mode)}; OUT must be a file", "write the menu to a .yaml file"
        if status is not None and not force:
            return f"{shown} exists", "pass --force to overwrite it"
        if target.resolve() == source.resolve():
            return "OUT is the source file itself", "write the menu to another file"
        if not target.resolve().parent.is_dir():
            return f"the folder of {shown} does not exist", None
    except (OSError, ValueError) as problem:
        return f"cannot write {shown}: {getattr(problem, 'strerror', None) or problem}", None
    return None


_NAME_MAX = 255  # bytes in one file name: NAME_MAX on Linux and macOS


def _self_check(text: str, args) -> list:
    """Load the text we are about to write; an importer must never produce a menu that does not load."""
    from ..diagnostics import LoadError
    from ..loader import loads

    target = Path(args.output) if args.output else Path(args.file).with_suffix(".yaml")
    try:
        loads(text, target, root=args.root or target.resolve().parent)
    except LoadError as problem:
        return list(problem.diagnostics)
    return []

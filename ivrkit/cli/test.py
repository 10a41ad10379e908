"""`ivrkit test`: run call scripts (*.calls.yaml), each call simulated and checked against its `expect`.

Exit codes: 0 every call passed, 1 a call failed, 2 a usage error, a script
or its menu that does not load, or a call whose steps cannot be played
(docs/calls.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    add_common,
    error,
    no_such_files,
    output,
    output_problem,
    write_output,
)

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
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
    test.set_defaults(run=run)


def run(args) -> int:
    from ..diagnostics import LoadError
    from ..engine.callscript import load_script, run_script

    scripts, missing = _scripts(args.paths)
    if missing:
        return no_such_files(missing)
    if not scripts:
        return error(f"no call scripts (*.calls.yaml) found in {', '.join(args.paths)}")
    if args.output:
        problem = output_problem(args.output, args.force, instead="give a file name for the output", inputs=scripts)
        if problem:
            return error(problem)
    errors = output(args, sys.stderr)
    outcomes, invalid = [], False
    for path in scripts:
        try:
            script = load_script(path, root=args.root)
        except LoadError as problem:
            invalid = True
            for diagnostic in problem.diagnostics:
                errors.diagnostic(diagnostic)
            continue
        results = run_script(script)
        for result in results:
            if result.error is not None:
                invalid = True
                errors.diagnostic(result.error)
        outcomes.append((script, results))
    from .call_reports import junit, text_report

    text = junit(outcomes) if args.format == "junit" else text_report(outcomes)
    if outcomes:
        if args.output:
            problem = write_output(args.output, text)
            if problem:
                return error(problem)
        else:
            sys.stdout.write(text)
    if invalid:
        return EXIT_INVALID
    failed = any(not result.passed for _, results in outcomes for result in results)
    return EXIT_FAILED if failed else EXIT_OK


def _scripts(paths: list[str]) -> tuple[list[Path], list[str]]:
    found, missing = [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*.calls.y*ml"))
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            found.append(path)  # a regular file, or a FIFO or device: the reader refuses those, positioned
        else:
            missing.append(name)
    return found, missing

"""`ivrkit check`: load menu files (and every file they reference) and report every problem as path:line:col.

Exit 0 when all load, 2 otherwise (or for a usage error). The files load on
`--jobs` worker processes (default: one per CPU); the output is that of one
process, byte for byte.
"""

from __future__ import annotations

from .common import EXIT_INVALID, EXIT_OK, add_common, add_jobs, add_only_menus, error, no_such_files, output

__all__ = ["add_parser", "run", "add_jobs"]


def add_parser(commands) -> None:
    check = commands.add_parser(
        "check",
        help="load and validate menu files",
        description="Load menu files (and every file they reference) and report every problem "
        "as path:line:col. Directories are searched for YAML files with an `ivrkit:` field. "
        "Exit 0 when all load, 2 otherwise.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="menu files or directories")
    add_only_menus(check)
    add_jobs(check)
    add_common(check)
    check.set_defaults(run=run)


def run(args) -> int:
    from ..discover import search
    from ..loadbatch import Batch
    from ..loadbatch.pool import job_count

    out = output(args)
    found = search(args.paths, only_menus=args.only_menus)
    files = found.files
    if found.missing:
        return no_such_files(found.missing)
    if not files and args.only_menus:
        return EXIT_OK
    if not files:
        return error(
            f"no menu files found in {', '.join(args.paths)} (a menu file is a .yaml/.yml file with an `ivrkit:` field)"
        )
    shown: set = set()
    failed_files: set[str] = set()
    problems = unloaded = 0
    batch = Batch(files, named=[file for file in files if found.base[file] is None])
    for _, loaded in batch.check(root=args.root, jobs=job_count(args.jobs)):
        if not loaded.problems:
            continue
        unloaded += 1
        for diagnostic in loaded.problems:
            if (diagnostic.span, diagnostic.message) in shown:
                continue
            shown.add((diagnostic.span, diagnostic.message))
            failed_files.add(diagnostic.span.path)
            problems += 1
            out.diagnostic(diagnostic)
    if unloaded:
        # A file can fail through problems already shown for another file that references the same one.
        out.line(
            f"Found {problems} problem{'s' * (problems != 1)} in "
            f"{len(failed_files)} file{'s' * (len(failed_files) != 1)}; {unloaded} of {len(files)} "
            f"menu file{'s' * (len(files) != 1)} did not load.",
            style="bold red",
        )
        return EXIT_INVALID
    out.line(f"All {len(files)} menu file{'s' * (len(files) != 1)} loaded without problems.", style="bold green")
    return EXIT_OK

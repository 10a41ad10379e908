"""`ivrkit lint`: judge menu files against the clarity rules and report every finding.

Exit codes: 0 when no unsuppressed finding reaches `--fail-on`, 1 when one
does, 2 for a usage, configuration or load error. Reports go to standard
output (or `--output`); load errors, configuration errors and warnings about
suppression comments go to standard error.

Many files are linted on `--jobs` worker processes (default: one per CPU)
and each file's findings are kept in `.ivrkit_cache/` (`--no-cache` turns
it off; see `ivrkit.lint.cache`); the report is the same, byte for byte, and
is written finding by finding as it is read back.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..model import replace
from .common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    Usage,
    add_common,
    add_jobs,
    add_only_menus,
    error,
    is_one_of,
    output_problem,
    show_diagnostics,
    write_output,
)

__all__ = ["add_parser", "run"]


def add_parser(commands) -> None:
    lint = commands.add_parser(
        "lint",
        help="judge menus against the clarity rules",
        description="Lint menu files (directories are searched like `check`) and report every finding. "
        "Configuration is read from [tool.ivrkit.lint] in pyproject.toml or `lint:` in .ivrkit.yaml, "
        "found by walking up from each file. Exit 0 when no finding reaches --fail-on, 1 when one does, "
        "2 for usage, configuration or load errors.",
    )
    lint.add_argument("paths", nargs="+", metavar="PATH", help="menu files or directories")
    add_only_menus(lint)
    lint.add_argument(
        "--format",
        "-f",
        default="auto",
        choices=("auto", "text", "concise", "json", "sarif", "github", "junit"),
        help="report format (default: auto = github under GitHub Actions, else text)",
    )
    lint.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="the lowest level that makes the run fail with exit 1 (default: error)",
    )
    lint.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="run only these rules: codes, names or families, comma-separated (replaces the config)",
    )
    lint.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="skip these rules: codes, names or families, comma-separated (adds to the config)",
    )
    lint.add_argument(
        "--config", metavar="FILE", help="use this pyproject.toml or .ivrkit.yaml instead of searching for one"
    )
    lint.add_argument(
        "--locale",
        choices=("us", "eu", "fi"),
        help="key-convention profile (default: the one the menus' language regions or schedule time zones "
        "name; else only the 0, star and hash conventions every profile shares)",
    )
    lint.add_argument("--baseline", metavar="FILE", help="mark findings accepted in this baseline file as ignored")
    lint.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="write the current findings to a baseline file instead of reporting them",
    )
    lint.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the configured `exclude` to named files too (for pre-commit, which names "
        "every staged file); without it, `exclude` only skips files found in folders",
    )
    lint.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    lint.add_argument(
        "--force",
        action="store_true",
        help="overwrite --output/--write-baseline files that are not earlier ivrkit output",
    )
    add_jobs(lint)
    lint.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the findings cache (.ivrkit_cache/ in the project root, or IVRKIT_CACHE_DIR)",
    )
    add_common(lint)
    lint.set_defaults(run=run)


def run(args) -> int:
    try:
        return _lint(args)
    except Usage as problem:
        return error(str(problem), problem.hint)


def _patterns(values: list[str] | None, flag: str) -> list[str]:
    from ..lint.config_file import unknown_patterns

    patterns = [part.strip() for value in values or () for part in value.split(",") if part.strip()]
    for pattern, hint in unknown_patterns(patterns):
        raise Usage(f"{flag} names an unknown rule or family `{pattern}`", hint or "`ivrkit rules` lists them")
    return patterns


def _resolver(args):
    from ..lint.config_file import ConfigResolver, with_overrides

    select, ignore = _patterns(args.select, "--select"), _patterns(args.ignore, "--ignore")

    def overrides(config):
        config = with_overrides(config, select=select, ignore=ignore, locale=args.locale, baseline=args.baseline)
        return replace(config, baseline=None) if args.write_baseline else config

    return ConfigResolver(args.config, overrides)


def _excluded(patterns, path: Path, base: Path | None, force: bool) -> bool:
    """Whether an `exclude` pattern skips `path`, as ruff does.

    Only the file and the folders between it and the directory named on the
    command line (`base`) are matched: whatever a user names is linted. With
    `--force-exclude` (for pre-commit, which names files) the named path and
    every folder above it are matched too.
    """
    from fnmatch import fnmatchcase

    target = path.resolve()
    candidates = [target, *target.parents]
    if not force:
        if base is None:
            return False
        top = base.resolve()
        candidates = [c for c in candidates if c != top and top in c.parents]
    names = [candidate.as_posix() for candidate in candidates]
    return any(fnmatchcase(name, pattern.rstrip("/")) for pattern in patterns for name in names)


def _fail_on(name: str):
    from ..lint.finding import Level

    return None if name == "never" else Level.parse(name)


def _lint(args) -> int:
    from ..discover import search
    from ..lint.config_file import ConfigError
    from ..lint.project import ProjectSources, lint_files
    from ..report import Report, reporter, resolve_format

    fmt = resolve_format(args.format, os.environ)
    report_module = reporter(fmt)
    if args.output:
        _refuse_output(args.output, args.force, f"{fmt} report", report_module.recognises)
    if args.write_baseline:
        from ..lint.baseline import is_baseline_text

        _refuse_output(args.write_baseline, args.force, "baseline", is_baseline_text)
    found = search(args.paths, only_menus=args.only_menus)
    if found.missing:
        raise Usage(f"no such file or directory: {', '.join(found.missing)}")
    if not found.files and args.only_menus:
        return EXIT_OK
    if not found.files:
        raise Usage(
            f"no menu files found in {', '.join(args.paths)}",
            "a menu file is a .yaml/.yml file with an `ivrkit:` field",
        )
    resolver = _resolver(args)
    try:
        files = [
            file
            for file in found.files
            if not _excluded(resolver.for_path(file).exclude, file, found.base[file], args.force_exclude)
        ]
    except ConfigError as problem:
        show_diagnostics(args, problem.diagnostics)
        return EXIT_INVALID
    if not files and args.only_menus:  # pre-commit named only excluded files
        return EXIT_OK
    if not files:
        raise Usage(
            f"every menu file in {', '.join(args.paths)} is excluded by the configuration",
            "leave out --force-exclude to lint the files named"
            if args.force_exclude
            else "`exclude` skips files found in folders; name an excluded file or folder to lint it",
        )
    sources = ProjectSources(keep_one=True)  # the report reads its files one after the other
    try:
        result = lint_files(
            files,
            resolver,
            root=args.root,
            sources=sources,
            jobs=args.jobs,
            named=[file for file in files if found.base[file] is None],
            cache=_cache(args),
        )
    except ConfigError as problem:
        show_diagnostics(args, problem.diagnostics)
        return EXIT_INVALID
    show_diagnostics(args, result.warnings + result.load_errors)
    for output in (args.output, args.write_baseline):
        if output and is_one_of(output, [*files, *result.real_paths.values()]):
            raise Usage(
                f"{output} is one of the menu files being linted; write the "
                f"{'baseline' if output == args.write_baseline else 'report'} elsewhere"
            )
    if args.write_baseline:
        return _write_baseline(args.write_baseline, result)
    color, excerpts = _text_style(args, fmt)
    report = Report(
        result.findings,
        tuple(result.files),
        _fail_on(args.fail_on),
        sources,
        color=color,
        excerpts=excerpts,
        unloaded=tuple(result.unloaded),
        real_paths=result.real_paths,
    )
    _write_report(report_module, report, args.output)
    if result.load_errors:
        return EXIT_INVALID
    return EXIT_FAILED if report.failed else EXIT_OK


def _refuse_output(path: str, force: bool, what: str, recognises) -> None:
    """Raise Usage unless `path` can take the report or baseline (an earlier one of its kind, or --force)."""
    problem = output_problem(path, force, instead=f"{what} must be a file", earlier=(what, recognises))
    if problem is not None:
        raise Usage(problem)


def _text_style(args, fmt: str) -> tuple[bool, bool]:
    """(colour, source excerpts) of a text report: both on a terminal, neither when piped or written to a file.

    `--color always` forces both, `--color never` turns both off, and
    NO_COLOR takes the colour away but keeps the excerpts.
    """
    if fmt != "text" or args.color == "never":
        return False, False
    no_color = os.environ.get("NO_COLOR", "") != ""
    if args.color == "always":
        return True, True  # the renderer honours NO_COLOR itself
    terminal = not args.output and sys.stdout.isatty()
    return terminal and not no_color, terminal


def _cache(args):
    """The findings cache of this run, or None with --no-cache."""
    if args.no_cache:
        return None
    from ..lint.cache import FindingsCache, cache_folder

    return FindingsCache(cache_folder(args.config))


def _write_report(module, report, output: str | None) -> None:
    """Write the report finding by finding to standard output, or atomically to `output`."""
    from ..report import write_report

    if not output:
        write_report(module, report, sys.stdout)
        return
    from ..atomic import write_atomic_with
    from ..diagnostics import one_line

    try:
        write_atomic_with(output, lambda stream: write_report(module, report, stream))
    except OSError as problem:  # a read-only folder, a full disk
        raise Usage(f"cannot write {one_line(output)}: {problem.strerror or type(problem).__name__}") from None


def _emit(text: str, output: str | None) -> None:
    if output:
        problem = write_output(output, text)
        if problem is not None:
            raise Usage(problem)
    else:
        sys.stdout.write(text)


def _write_baseline(path: str, result) -> int:
    from ..lint.baseline import baseline_text

    if result.load_errors:
        # The findings of a file that did not load would silently leave the baseline.
        return error(
            f"the baseline {path} was not written: {len(result.unloaded)} of {len(result.files)} "
            f"menu file{'s' * (len(result.files) != 1)} did not load",
            "fix the problems above, then write the baseline again",
        )

    text = baseline_text(result.findings, path)
    _emit(text, path)
    count = text.count('"fingerprint"')
    print(f"ivrkit: wrote {count} finding{'s' * (count != 1)} to the baseline {path}", file=sys.stderr)
    return EXIT_INVALID if result.load_errors else EXIT_OK

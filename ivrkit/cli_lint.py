"""The `ivrkit lint` and `ivrkit rules` commands (argument parsing is in `ivrkit.cli`).

Exit codes of `lint`: 0 when no unsuppressed finding reaches `--fail-on`, 1
when one does, 2 for a usage, configuration or load error. Reports go to
standard output (or `--output`); load errors, configuration errors and
warnings about suppression comments go to standard error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

__all__ = ["run_lint", "run_rules", "EXIT_OK", "EXIT_FINDINGS", "EXIT_INVALID"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2


class _Usage(Exception):
    """A usage problem: printed as `ivrkit: error: …` with an optional hint, exit 2."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def _error(message: str, hint: str | None = None) -> int:
    print(f"ivrkit: error: {message}", file=sys.stderr)
    if hint:
        print(f"  hint: {hint}", file=sys.stderr)
    return EXIT_INVALID


def _stderr(args):
    from .console import Output

    return Output(sys.stderr, color=args.color)


def _patterns(values: list[str] | None, flag: str) -> list[str]:
    from .lint.config_file import unknown_patterns

    patterns = [part.strip() for value in values or () for part in value.split(",") if part.strip()]
    for pattern, hint in unknown_patterns(patterns):
        raise _Usage(f"{flag} names an unknown rule or family `{pattern}`", hint or "`ivrkit rules` lists them")
    return patterns


def _resolver(args):
    from .lint.config_file import ConfigResolver, with_overrides

    select, ignore = _patterns(args.select, "--select"), _patterns(args.ignore, "--ignore")

    def overrides(config):
        config = with_overrides(config, select=select, ignore=ignore, locale=args.locale, baseline=args.baseline)
        return replace(config, baseline=None) if args.write_baseline else config

    return ConfigResolver(args.config, overrides)


# No ivrkit report or baseline comes near this size; a larger file is not one of ours.
_MAX_RECOGNISED_BYTES = 64 * 1024 * 1024


def _check_writable(path: str, recognises, force: bool, what: str) -> None:
    """Refuse to replace a file that is not an earlier ivrkit report of this kind unless `force`.

    The file is only read when it is a regular file of sensible size: a FIFO
    would block, a device is never ours to replace. Whatever the file holds
    (deep nesting, huge numbers, bad encoding), it is either recognised or
    "not ours".
    """
    target = Path(path)
    if target.is_dir():
        raise _Usage(f"{path} is a folder; {what} must be a file")
    if not target.parent.is_dir():
        raise _Usage(f"cannot write {path}: the folder {target.parent} does not exist")
    if not target.exists() and not target.is_symlink():
        return
    if not target.is_file():
        raise _Usage(f"{path} is not a regular file; {what} must be a file")
    if force:
        return
    if not _is_ours(target, recognises):
        raise _Usage(f"{path} exists and is not an earlier {what}; pass --force to overwrite it")


def _is_ours(target: Path, recognises) -> bool:
    try:
        if target.stat().st_size > _MAX_RECOGNISED_BYTES:
            return False
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not text.strip():
        return True  # an empty file holds nothing to lose
    try:
        return bool(recognises(text))
    except (RecursionError, ValueError, TypeError, MemoryError):  # a reader without ivrkit's JSON limits
        return False


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
    from .lint.finding import Level

    return None if name == "never" else Level.parse(name)


def run_lint(args) -> int:
    try:
        return _lint(args)
    except _Usage as problem:
        return _error(str(problem), problem.hint)


def _lint(args) -> int:
    from .discover import search
    from .lint.config_file import ConfigError
    from .lint.project import ProjectSources, lint_files
    from .report import Report, reporter, resolve_format

    fmt = resolve_format(args.format, os.environ)
    report_module = reporter(fmt)
    if args.output:
        _check_writable(args.output, report_module.recognises, args.force, f"{fmt} report")
    if args.write_baseline:
        from .lint.baseline import is_baseline_text

        _check_writable(args.write_baseline, is_baseline_text, args.force, "baseline")
    found = search(args.paths, only_menus=args.only_menus)
    if found.missing:
        raise _Usage(f"no such file or directory: {', '.join(found.missing)}")
    if not found.files and args.only_menus:
        return EXIT_OK
    if not found.files:
        raise _Usage(f"no menu files found in {', '.join(args.paths)}",
                     "a menu file is a .yaml/.yml file with an `ivrkit:` field")
    resolver = _resolver(args)
    try:
        files = [file for file in found.files
                 if not _excluded(resolver.for_path(file).exclude, file, found.base[file], args.force_exclude)]
    except ConfigError as error:
        out = _stderr(args)
        for diagnostic in error.diagnostics:
            out.diagnostic(diagnostic)
        return EXIT_INVALID
    if not files and args.only_menus:  # pre-commit named only excluded files
        return EXIT_OK
    if not files:
        raise _Usage(f"every menu file in {', '.join(args.paths)} is excluded by the configuration",
                     "leave out --force-exclude to lint the files named" if args.force_exclude else
                     "`exclude` skips files found in folders; name an excluded file or folder to lint it")
    sources = ProjectSources()
    try:
        result = lint_files(files, resolver, root=args.root, sources=sources,
                            named=[file for file in files if found.base[file] is None])
    except ConfigError as error:
        out = _stderr(args)
        for diagnostic in error.diagnostics:
            out.diagnostic(diagnostic)
        return EXIT_INVALID
    _show_problems(args, result)
    for output in (args.output, args.write_baseline):
        if output and _is_input(output, files, result.real_paths.values()):
            raise _Usage(f"{output} is one of the menu files being linted; write the "
                         f"{'baseline' if output == args.write_baseline else 'report'} elsewhere")
    if args.write_baseline:
        return _write_baseline(args.write_baseline, result)
    color, excerpts = _text_style(args, fmt)
    report = Report(tuple(result.findings), tuple(result.files), _fail_on(args.fail_on), sources,
                    color=color, excerpts=excerpts, unloaded=tuple(result.unloaded),
                    real_paths=result.real_paths)
    _emit(report_module.render(report), args.output)
    if result.load_errors:
        return EXIT_INVALID
    return EXIT_FINDINGS if report.failed else EXIT_OK


def _show_problems(args, result) -> None:
    out = _stderr(args)
    for diagnostic in result.warnings + result.load_errors:
        out.diagnostic(diagnostic)


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


def _emit(text: str, output: str | None) -> None:
    if output:
        from .atomic import write_text_atomic

        try:
            write_text_atomic(output, text)
        except OSError as error:  # a read-only folder, a full disk
            raise _Usage(f"cannot write {output}: {error.strerror or type(error).__name__}") from None
    else:
        sys.stdout.write(text)


def _is_input(output: str, files, loaded) -> bool:
    """True when `output` names a menu file the lint read (named, found, or referenced by one)."""
    try:
        target = Path(output).resolve()
        return any(target == Path(path).resolve() for path in (*files, *loaded))
    except (OSError, ValueError):
        return False


def _write_baseline(path: str, result) -> int:
    from .lint.baseline import baseline_text

    if result.load_errors:
        # The findings of a file that did not load would silently leave the baseline.
        return _error(f"the baseline {path} was not written: {len(result.unloaded)} of {len(result.files)} "
                      f"menu file{'s' * (len(result.files) != 1)} did not load",
                      "fix the problems above, then write the baseline again")

    text = baseline_text(result.findings, path)
    _emit(text, path)
    count = text.count('"fingerprint"')
    print(f"ivrkit: wrote {count} finding{'s' * (count != 1)} to the baseline {path}", file=sys.stderr)
    return EXIT_INVALID if result.load_errors else EXIT_OK


# -- rules --------------------------------------------------------------------------


def run_rules(args) -> int:
    from .lint.registry import all_rules, get_rule

    rich = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    if not args.rule:
        _rules_table(all_rules(), rich)
        return EXIT_OK
    rule = get_rule(args.rule)
    if rule is None:
        from .diagnostics import did_you_mean

        names = [word for r in all_rules() for word in (r.code, r.name)]
        return _error(f"no rule `{args.rule}`", did_you_mean(args.rule, names) or "`ivrkit rules` lists every rule")
    _rule_page(rule, rich)
    return EXIT_OK


def _rule_rows(rules) -> list[tuple[str, ...]]:
    from .lint.registry import FAMILIES

    return [(r.code, r.name, str(r.level), FAMILIES[r.code[:2]], r.summary) for r in rules]


_HEADER = ("code", "name", "level", "family", "summary")


def _rules_table(rules, rich: bool) -> None:
    rows = _rule_rows(rules)
    if rich:
        from rich.table import Table

        table = Table(*_HEADER, box=None, header_style="bold")
        for row in rows:
            table.add_row(*row)
        _console().print(table)
        return
    widths = [max(len(row[i]) for row in [_HEADER, *rows]) for i in range(len(_HEADER) - 1)]
    for row in [_HEADER, *rows]:
        sys.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1] + "\n")


def _rule_page(rule, rich: bool) -> None:
    from .lint.ruledoc import rule_markdown

    text = rule_markdown(rule)
    if rich:
        from rich.markdown import Markdown

        _console().print(Markdown(text))
    else:
        sys.stdout.write(text)


def _console():
    from rich.console import Console

    return Console(force_terminal=True, highlight=False, no_color=os.environ.get("NO_COLOR", "") != "")

"""Lint reports: one module per output format, every one reading the same `Report`.

Each format module has ``render(report) -> str`` and ``recognises(text) ->
bool`` (whether a file holds an earlier report of that format, so that
`--output` may overwrite it); the formats that can be written as the
findings come (text, concise, github, json, sarif) also have ``write(report,
stream)``, which `write_report` prefers: a report of many files is then never
held whole in memory. `render` is `write` into a string, so both give the
same bytes. `Report.findings` may be any re-iterable sequence in sorted
order (a `FindingStore` reads them back from disk); the counts of the summary
line are taken in one pass (`Report.tally`). `--format auto` is `github`
under GitHub Actions (`GITHUB_ACTIONS=true`) and `text` elsewhere.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import IO

from ..lint.finding import Finding, Level
from ..lint.sources import Sources
from ..model import field, model_class

__all__ = [
    "Report",
    "Tally",
    "FORMATS",
    "resolve_format",
    "reporter",
    "summary_line",
    "write_report",
    "render_by_writing",
]

FORMATS = ("text", "concise", "json", "sarif", "github", "junit")


@model_class  # a frozen dataclass, made without dataclasses' start-up cost
class Tally:
    """What the summary line counts: the active findings by level and file, the ignored ones by kind."""

    active: int = 0
    files: int = 0
    levels: tuple[tuple[Level, int], ...] = ()  # levels with active findings, highest first
    ignored: tuple[tuple[str, int], ...] = ()  # how they were suppressed, sorted
    failed: bool = False


class _TallyKept:
    """Room for `Report.tally` once counted: a model class has slots, no `__dict__` for a `cached_property`."""

    __slots__ = ("_tally",)
    _tally: Tally


@model_class  # a frozen dataclass, made without dataclasses' start-up cost (~0.6 ms)
class Report(_TallyKept):
    """The findings of a lint run (suppressed ones included) and what a reporter needs beside them.

    `files` are the linted files as displayed, `unloaded` those of them that
    did not load (their errors were shown apart from the report); `fail_on`
    is the lowest level that fails the run (None for `--fail-on never`).
    `excerpts` frames each text finding with its YAML; `real_paths` maps a
    displayed path to the file's path on disk where they differ (SARIF
    points at the file itself).
    """

    findings: Iterable[Finding]  # re-iterable, sorted
    files: tuple[str, ...] = ()
    fail_on: Level | None = Level.ERROR
    sources: Sources = field(default_factory=Sources)
    color: bool = False
    excerpts: bool = True
    unloaded: tuple[str, ...] = ()
    real_paths: Mapping[str, str] = field(default_factory=dict)

    @property
    def active(self) -> list[Finding]:
        """The findings that are not suppressed."""
        return [f for f in self.findings if f.suppressed is None]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is not None]

    def fails(self, finding: Finding) -> bool:
        """Whether this finding makes the run fail."""
        return finding.suppressed is None and self.fail_on is not None and finding.level >= self.fail_on

    @property
    def tally(self) -> Tally:
        """The counts of the summary line, in one pass over the findings (counted once, then kept)."""
        try:
            return self._tally
        except AttributeError:
            pass
        levels: dict[Level, int] = {}
        ignored: dict[str, int] = {}
        files: set[str] = set()
        for finding in self.findings:
            suppressed = finding.suppressed
            if suppressed is not None:
                ignored[suppressed] = ignored.get(suppressed, 0) + 1
                continue
            level = finding.level
            levels[level] = levels.get(level, 0) + 1
            files.add(finding.span.path)
        fail_on = self.fail_on
        tally = Tally(
            active=sum(levels.values()),
            files=len(files),
            levels=tuple((level, levels[level]) for level in sorted(levels, reverse=True)),
            ignored=tuple(sorted(ignored.items())),
            failed=fail_on is not None and any(level >= fail_on for level in levels),  # as `fails` decides
        )
        object.__setattr__(self, "_tally", tally)  # the object is frozen; this slot is not one of its fields
        return tally

    @property
    def failed(self) -> bool:
        return self.tally.failed


def resolve_format(name: str, environ: Mapping[str, str]) -> str:
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def reporter(name: str) -> ModuleType:
    """The module of a format (one of `FORMATS`)."""
    if name not in FORMATS:
        raise ValueError(f"unknown report format {name!r}")
    return importlib.import_module(f"{__name__}.{name}")


def write_report(module: ModuleType, report: Report, stream: IO[str]) -> None:
    """Write the report in the format of `module` to `stream`, finding by finding where the format has `write`."""
    write = getattr(module, "write", None)
    if write is not None:
        write(report, stream)
    else:
        stream.write(module.render(report))


def render_by_writing(write, report: Report) -> str:
    """What `write(report, stream)` writes, as a string (each streaming format's `render`)."""
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _count(count: int, level: Level) -> str:
    return f"{count} info" if level == Level.INFO else _plural(count, str(level))


def summary_line(report: Report) -> str:
    """``Found 3 problems in 2 files (1 error, 2 warnings); 1 ignored (1 by baseline).``

    Files that did not load are counted (``; 1 of 3 menu files did not load``)
    and never reported as having no problems.
    """
    tally, unloaded = report.tally, len(report.unloaded)
    if tally.active:
        levels = [_count(count, level) for level, count in tally.levels]
        text = f"Found {_plural(tally.active, 'problem')} in {_plural(tally.files, 'file')} ({', '.join(levels)})"
        if unloaded:
            text += f"; {unloaded} of {_plural(len(report.files), 'menu file')} did not load"
    elif unloaded:
        text = f"{unloaded} of {_plural(len(report.files), 'menu file')} did not load"
        loaded = len(report.files) - unloaded
        if loaded:
            text += f"; no problems in the other {loaded}"
    else:
        text = f"No problems in {_plural(len(report.files), 'menu file')}"
    if tally.ignored:
        counts = ", ".join(f"{count} by {kind}" for kind, count in tally.ignored)
        text += f"; {sum(count for _, count in tally.ignored)} ignored ({counts})"
    return text + "."


# No parentheses inside the parenthesised lists: the pattern stays linear on hostile lines.
SUMMARY_PATTERN = (
    r"(Found \d+ problems? in \d+ files? \([^()]*\)(; \d+ of \d+ menu files? did not load)?"
    r"|No problems in \d+ menu files?"
    r"|\d+ of \d+ menu files? did not load(; no problems in the other \d+)?)"
    r"(; \d+ ignored \([^()]*\))?\."
)

"""Lint reports: one module per output format, every one reading the same `Report`.

Each format module has ``render(report) -> str`` and ``recognises(text) ->
bool`` (whether a file holds an earlier report of that format, so that
`--output` may overwrite it). `--format auto` is `github` under GitHub
Actions (`GITHUB_ACTIONS=true`) and `text` elsewhere.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Mapping

from ..lint.finding import Finding, Level
from ..lint.sources import Sources

__all__ = ["Report", "FORMATS", "resolve_format", "reporter", "summary_line"]

FORMATS = ("text", "concise", "json", "sarif", "github", "junit")


@dataclass(frozen=True)
class Report:
    """The findings of a lint run (suppressed ones included) and what a reporter needs beside them.

    `files` are the linted files as displayed, `unloaded` those of them that
    did not load (their errors were shown apart from the report); `fail_on`
    is the lowest level that fails the run (None for `--fail-on never`).
    `excerpts` frames each text finding with its YAML; `real_paths` maps a
    displayed path to the file's path on disk where they differ (SARIF
    points at the file itself).
    """

    findings: tuple[Finding, ...]
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
    def failed(self) -> bool:
        return any(self.fails(f) for f in self.findings)


def resolve_format(name: str, environ: Mapping[str, str]) -> str:
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def reporter(name: str) -> ModuleType:
    """The module of a format (one of `FORMATS`)."""
    if name not in FORMATS:
        raise ValueError(f"unknown report format {name!r}")
    return importlib.import_module(f"{__name__}.{name}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _count(count: int, level: Level) -> str:
    return f"{count} info" if level == Level.INFO else _plural(count, str(level))


def summary_line(report: Report) -> str:
    """``Found 3 problems in 2 files (1 error, 2 warnings); 1 ignored (1 by baseline).``

    Files that did not load are counted (``; 1 of 3 menu files did not load``)
    and never reported as having no problems.
    """
    active, ignored, unloaded = report.active, report.suppressed, len(report.unloaded)
    if active:
        files = len({f.span.path for f in active})
        levels = [_count(sum(f.level == level for f in active), level)
                  for level in sorted(Level, reverse=True) if any(f.level == level for f in active)]
        text = f"Found {_plural(len(active), 'problem')} in {_plural(files, 'file')} ({', '.join(levels)})"
        if unloaded:
            text += f"; {unloaded} of {_plural(len(report.files), 'menu file')} did not load"
    elif unloaded:
        text = f"{unloaded} of {_plural(len(report.files), 'menu file')} did not load"
        loaded = len(report.files) - unloaded
        if loaded:
            text += f"; no problems in the other {loaded}"
    else:
        text = f"No problems in {_plural(len(report.files), 'menu file')}"
    if ignored:
        kinds = sorted({f.suppressed for f in ignored})
        counts = ", ".join(f"{sum(f.suppressed == kind for f in ignored)} by {kind}" for kind in kinds)
        text += f"; {len(ignored)} ignored ({counts})"
    return text + "."


# No parentheses inside the parenthesised lists: the pattern stays linear on hostile lines.
SUMMARY_PATTERN = (r"(Found \d+ problems? in \d+ files? \([^()]*\)(; \d+ of \d+ menu files? did not load)?"
                   r"|No problems in \d+ menu files?"
                   r"|\d+ of \d+ menu files? did not load(; no problems in the other \d+)?)"
                   r"(; \d+ ignored \([^()]*\))?\.")

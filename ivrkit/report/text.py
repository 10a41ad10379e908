"""`--format text`: ruff-style findings with a framed excerpt of the YAML and a caret under the span.

::

    menus/main.yaml:5:3: ST001 [error] a call at `main` can never reach a transfer, …
      |
    4 | nodes:
    5 |   main:
      |   ^^^^^
    help: give the caller a way on to a destination, e.g. 0 for an agent

The layout is the same with and without colour; colour (rich) is used only
when the report says so, and rich is imported only then. Without excerpts
(`Report.excerpts` false: the CLI's choice when the output is not a
terminal) each finding is one plain line, ``path:line:col: CODE [level]
message``, for grep and editors. Control characters in paths and messages
are spelled out (`ivrkit.report.printable`), so a record is always one line.
"""

from __future__ import annotations

import os
from typing import IO

from ..lazyregex import compiled_on_first_need
from ..lint.finding import Level
from . import SUMMARY_PATTERN, Report, render_by_writing, summary_line
from .printable import printable

__all__ = ["render", "write", "recognises"]

# A styled line is a list of (text, rich style or "") pieces.
Piece = tuple[str, str]
_LEVEL_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_LEVEL_NAMES = {level: str(level) for level in Level}


# compiled on first need: only `recognises` asks
_summary = compiled_on_first_need(SUMMARY_PATTERN + r"\Z")


def render(report: Report) -> str:
    return render_by_writing(write, report)


def write(report: Report, stream: IO[str]) -> None:
    """Write the report to `stream` one finding at a time."""
    if not report.color and not report.excerpts:
        _write_plain_lines(report, stream)
        return
    emit = (
        _rich_writer(stream)
        if report.color
        else lambda lines: stream.write("".join(_plain(line) + "\n" for line in lines))
    )
    for finding in report.findings:
        if finding.suppressed is not None:
            continue
        emit(_finding_lines(finding, report) + [[]] if report.excerpts else [_headline(finding)])
    summary_style = "bold red" if report.failed else ("bold yellow" if report.tally.active else "bold green")
    emit([[(summary_line(report), summary_style)]])


def _write_plain_lines(report: Report, stream: IO[str]) -> None:
    """`write` without colour or excerpts: each finding's headline as one line, built directly (a big lint has 100,000s)."""
    shown_paths: dict[str, str] = {}
    write = stream.write
    for finding in report.findings:
        if finding.suppressed is not None:
            continue
        span = finding.span
        shown = shown_paths.get(span.path)
        if shown is None:
            shown = shown_paths[span.path] = printable(span.path)
        level = _LEVEL_NAMES[finding.level]
        write(f"{shown}:{span.line}:{span.col}: {finding.code} [{level}] {printable(finding.message)}".rstrip() + "\n")
    write(summary_line(report).rstrip() + "\n")


def recognises(text: str) -> bool:
    last = [line for line in text.splitlines() if line.strip()][-1:]
    return not last or bool(_summary().match(last[0]))


def _headline(finding) -> list[Piece]:
    span, level = finding.span, str(finding.level)
    return [
        (f"{printable(span.path)}:{span.line}:{span.col}:", "bold"),
        (" ", ""),
        (finding.code, _LEVEL_STYLE[level]),
        (f" [{level}] ", _LEVEL_STYLE[level]),
        (printable(finding.message), ""),
    ]


def _finding_lines(finding, report: Report) -> list[list[Piece]]:
    lines = [_headline(finding)]
    lines += _excerpt(finding, report, _LEVEL_STYLE[str(finding.level)])
    if finding.hint:
        lines.append([("help", "bold cyan"), (": " + printable(finding.hint), "")])
    return lines


def _excerpt(finding, report: Report, style: str) -> list[list[Piece]]:
    span = finding.span
    source = report.sources.line(span.path, span.line)
    if source is None:
        return []
    source = printable(source.expandtabs(1))
    width = len(str(span.line))
    gutter = " " * (width + 1) + "|"
    lines: list[list[Piece]] = [[(gutter, "blue")]]
    before = report.sources.line(span.path, span.line - 1)
    if before is not None and before.strip():
        lines.append([(f"{span.line - 1:>{width}} |", "blue"), (" " + printable(before.expandtabs(1)), "")])
    lines.append([(f"{span.line} |", "blue"), (" " + source, "")])
    end = span.end_col if span.end_line == span.line else len(source.rstrip()) + 1
    carets = max(1, min(end, len(source) + 1) - span.col)
    lines.append([(gutter, "blue"), (" " + " " * (span.col - 1), ""), ("^" * carets, style)])
    return lines


def _plain(line: list[Piece]) -> str:
    return "".join(text for text, _ in line).rstrip()


def _rich_writer(stream: IO[str]):
    """A function that prints styled lines to `stream` through one rich console."""
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream,
        force_terminal=True,
        highlight=False,
        soft_wrap=True,
        no_color=os.environ.get("NO_COLOR", "") != "",
        width=200,
    )

    def emit(lines: list[list[Piece]]) -> None:
        for line in lines:
            console.print(Text.assemble(*line) if line else "")

    return emit

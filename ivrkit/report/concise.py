"""`--format concise`: one line per finding, ``path:line:col: CODE message``, then the summary.

Control characters in paths and messages are spelled out, so each finding is one line.
"""

from __future__ import annotations

import re
from typing import IO

from . import SUMMARY_PATTERN, Report, render_by_writing, summary_line
from .printable import printable

__all__ = ["render", "write", "recognises", "finding_line"]

_LINE = re.compile(rf"(.+:\d+:\d+: [A-Z]{{2}}\d{{3}} .*|{SUMMARY_PATTERN})\Z")


def finding_line(finding) -> str:
    span = finding.span
    return f"{printable(span.path)}:{span.line}:{span.col}: {finding.code} {printable(finding.message)}"


def render(report: Report) -> str:
    return render_by_writing(write, report)


def write(report: Report, stream: IO[str]) -> None:
    for finding in report.findings:
        if finding.suppressed is None:
            stream.write(finding_line(finding) + "\n")
    stream.write(summary_line(report) + "\n")


def recognises(text: str) -> bool:
    return all(_LINE.match(line) for line in text.splitlines() if line.strip())

"""`--format github`: GitHub Actions workflow commands that annotate the changed lines.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=ST001 dead-end::message``;
warnings become ``::warning`` and info ``::notice``. Values are escaped as the
Actions runner expects: ``%``, CR and LF everywhere, and ``:`` and ``,`` in
properties. Other control characters (ESC) and undecodable bytes in a path or
message are spelled out first (`ivrkit.report.printable`).
"""

from __future__ import annotations

import re
from typing import IO

from . import SUMMARY_PATTERN, Report, render_by_writing, summary_line
from .printable import printable

__all__ = ["render", "write", "recognises", "escape_data", "escape_property"]

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_LINE = re.compile(rf"(::(error|warning|notice) .*::.*|{SUMMARY_PATTERN})\Z")


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(finding) -> str:
    span = finding.span
    properties = {
        "file": printable(span.path),
        "line": span.line,
        "col": span.col,
        "endLine": span.end_line,
        "endColumn": span.end_col,
        "title": f"{finding.code} {finding.name}",
    }
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = finding.message + (f"\nhelp: {finding.hint}" if finding.hint else "")
    message = "\n".join(printable(part) for part in message.split("\n"))  # the runner shows %0A as a new line
    return f"::{_COMMAND[str(finding.level)]} {props}::{escape_data(message)}"


def render(report: Report) -> str:
    return render_by_writing(write, report)


def write(report: Report, stream: IO[str]) -> None:
    for finding in report.findings:
        if finding.suppressed is None:
            stream.write(_command(finding) + "\n")
    stream.write(summary_line(report) + "\n")


def recognises(text: str) -> bool:
    return all(_LINE.match(line) for line in text.splitlines() if line.strip())

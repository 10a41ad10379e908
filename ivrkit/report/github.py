"""`--format github`: GitHub Actions workflow commands that annotate the changed lines.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=ST001 dead-end::message``;
warnings become ``::warning`` and info ``::notice``. Values are escaped as the
Actions runner expects: ``%``, CR and LF everywhere, and ``:`` and ``,`` in
properties.
"""

from __future__ import annotations

import re

from . import SUMMARY_PATTERN, Report, summary_line

__all__ = ["render", "recognises", "escape_data", "escape_property"]

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_LINE = re.compile(rf"(::(error|warning|notice) .*::.*|{SUMMARY_PATTERN})\Z")


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(finding) -> str:
    span = finding.span
    properties = {
        "file": span.path,
        "line": span.line,
        "col": span.col,
        "endLine": span.end_line,
        "endColumn": span.end_col,
        "title": f"{finding.code} {finding.name}",
    }
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = finding.message + (f"\nhelp: {finding.hint}" if finding.hint else "")
    return f"::{_COMMAND[str(finding.level)]} {props}::{escape_data(message)}"


def render(report: Report) -> str:
    return "\n".join([_command(f) for f in report.active] + [summary_line(report)]) + "\n"


def recognises(text: str) -> bool:
    return all(_LINE.match(line) for line in text.splitlines() if line.strip())

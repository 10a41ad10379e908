"""`--format json`: a list of finding records, suppressed ones included, with stable keys.

Text fields are `printable` (control characters and undecodable bytes of a
file name spelled out, as in the text formats), so the document is valid
UTF-8 JSON whatever the file names.
"""

from __future__ import annotations

import json
from typing import IO

from ..jsonfile import JsonProblem, loads
from . import Report, render_by_writing
from .printable import printable

__all__ = ["render", "write", "recognises", "record", "RECORD_KEYS"]

RECORD_KEYS = (
    "code",
    "name",
    "level",
    "message",
    "path",
    "line",
    "col",
    "end_line",
    "end_col",
    "node",
    "hint",
    "suppressed",
    "fingerprint",
)


def record(finding) -> dict:
    """A finding as a JSON-ready dict, keys in `RECORD_KEYS` order."""
    span = finding.span
    return {
        "code": finding.code,
        "name": finding.name,
        "level": str(finding.level),
        "message": printable(finding.message),
        "path": printable(span.path),
        "line": span.line,
        "col": span.col,
        "end_line": span.end_line,
        "end_col": span.end_col,
        "node": printable(finding.node) if finding.node else finding.node,
        "hint": printable(finding.hint) if finding.hint else finding.hint,
        "suppressed": finding.suppressed,
        "fingerprint": finding.fingerprint,
    }


def render(report: Report) -> str:
    return render_by_writing(write, report)


def write(report: Report, stream: IO[str]) -> None:
    """The list as `json.dumps(records, indent=2)` writes it, written one record at a time."""
    separator = "[\n"
    for finding in report.findings:
        item = json.dumps(record(finding), indent=2, ensure_ascii=False)
        stream.write(separator + "  " + item.replace("\n", "\n  "))
        separator = ",\n"
    stream.write("[]\n" if separator == "[\n" else "\n]\n")


def recognises(text: str) -> bool:
    try:
        data = loads(text)
    except JsonProblem:
        return False
    return isinstance(data, list) and all(isinstance(r, dict) and {"code", "level", "path"} <= r.keys() for r in data)

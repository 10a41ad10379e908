"""`--format junit`: JUnit XML for CI test views (GitLab, Jenkins, Azure, test-reporter actions).

One `<testsuite>` per linted file; one `<testcase>` per finding, named
``CODE name (line:col)`` with the file as its class name. A finding at or
above `--fail-on` is a `<failure>`, a suppressed one is `<skipped>` (with how
it was suppressed), and one below `--fail-on` passes with its message in
`<system-out>`. A file without findings has one passing test case, so every
linted file shows up as checked; a file that did not load has one test case
with an `<error>` (its problems were printed apart from the report). Text the
XML cannot hold (ESC, undecodable bytes of a file name) is spelled out. The
root element carries the totals: `write` counts in a first pass over the
findings, then writes one suite at a time (a `FindingStore` hands back one
file's findings at a time), with the layout `ET.indent` gives a whole tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import IO

from ..lint.store import FindingStore
from . import Report, render_by_writing
from .printable import printable, xml_text

__all__ = ["render", "write", "recognises"]


def render(report: Report) -> str:
    return render_by_writing(write, report)


def write(report: Report, stream: IO[str]) -> None:
    """Write the document suite by suite: the totals first (one pass), then each file's findings (a second)."""
    counts = _counts(report)
    root = ET.Element("testsuites", name="ivrkit")
    for name, index in (("tests", 0), ("failures", 1), ("skipped", 2), ("errors", 3)):
        root.set(name, str(sum(suite[index] for suite in counts.values())))
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not counts:
        stream.write(ET.tostring(root, encoding="unicode") + "\n")
        return
    root.text = "@"
    stream.write(ET.tostring(root, encoding="unicode").rpartition("@")[0])
    findings_of = _grouped(report)
    unloaded = set(report.unloaded)
    for path in counts:
        holder = ET.Element("holder")
        _suite(holder, path, findings_of(path), report, path in unloaded)
        suite = holder[0]
        ET.indent(suite, level=1)
        stream.write("\n  " + ET.tostring(suite, encoding="unicode"))
    stream.write("\n</testsuites>\n")


def _counts(report: Report) -> dict[str, list[int]]:
    """Each suite's (tests, failures, skipped, errors), in the order of the suites: the files, then other paths."""
    found: dict[str, list[int]] = {path: [0, 0, 0, 0] for path in report.files}
    for finding in report.findings:
        counts = found.setdefault(finding.span.path, [0, 0, 0, 0])
        counts[0] += 1
        if finding.suppressed is not None:
            counts[2] += 1
        elif report.fails(finding):
            counts[1] += 1
    unloaded = set(report.unloaded)
    for path, counts in found.items():
        if path in unloaded:
            counts[0] += 1  # the `load` case with its error
            counts[3] = 1
        elif not counts[0]:
            counts[0] = 1  # the passing `no findings` case
    return found


def _grouped(report: Report) -> Callable[[str], list]:
    """The findings at a path: read from the store one file at a time, or grouped here from a plain sequence."""
    if isinstance(report.findings, FindingStore):
        return report.findings.for_path
    by_path: dict[str, list] = {}
    for finding in report.findings:
        by_path.setdefault(finding.span.path, []).append(finding)
    return lambda path: by_path.get(path, [])


def recognises(text: str) -> bool:
    try:
        return ET.fromstring(text).attrib.get("name") == "ivrkit"
    except ET.ParseError:
        return False


def _suite(root: ET.Element, path: str, findings: list, report: Report, unloaded: bool) -> None:
    shown = printable(path)
    suite = ET.SubElement(root, "testsuite", name=shown)
    if unloaded:
        case = ET.SubElement(suite, "testcase", name="load", classname=shown)
        ET.SubElement(case, "error", message="the file did not load; see the errors ivrkit printed", type="load")
    elif not findings:
        ET.SubElement(suite, "testcase", name="no findings", classname=shown)
    for finding in findings:
        _case(suite, finding, report)
    _count(suite)


def _case(suite: ET.Element, finding, report: Report) -> None:
    span = finding.span
    path, message = printable(span.path), xml_text(finding.message)
    case = ET.SubElement(
        suite,
        "testcase",
        name=f"{finding.code} {finding.name} ({span.line}:{span.col})",
        classname=path,
        file=path,
        line=str(span.line),
    )
    detail = f"{path}:{span.line}:{span.col}: {finding.code} [{finding.level}] {message}"
    if finding.hint:
        detail += f"\nhelp: {xml_text(finding.hint)}"
    if finding.suppressed is not None:
        ET.SubElement(case, "skipped", message=f"ignored ({finding.suppressed}): {message}")
    elif report.fails(finding):
        failure = ET.SubElement(case, "failure", message=message, type=finding.code)
        failure.text = detail
    else:
        ET.SubElement(case, "system-out").text = detail


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    element.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))
    element.set("errors", str(sum(c.find("error") is not None for c in cases)))

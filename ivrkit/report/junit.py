"""`--format junit`: JUnit XML for CI test views (GitLab, Jenkins, Azure, test-reporter actions).

One `<testsuite>` per linted file; one `<testcase>` per finding, named
``CODE name (line:col)`` with the file as its class name. A finding at or
above `--fail-on` is a `<failure>`, a suppressed one is `<skipped>` (with how
it was suppressed), and one below `--fail-on` passes with its message in
`<system-out>`. A file without findings has one passing test case, so every
linted file shows up as checked; a file that did not load has one test case
with an `<error>` (its problems were printed apart from the report). Text the
XML cannot hold (ESC, undecodable bytes of a file name) is spelled out. The
root element carries the totals, so the document is built whole (the
findings are read in one pass and grouped by file).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import Report
from .printable import printable, xml_text

__all__ = ["render", "recognises"]


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="ivrkit")
    by_path: dict[str, list] = {path: [] for path in report.files}
    for finding in report.findings:
        by_path.setdefault(finding.span.path, []).append(finding)
    unloaded = set(report.unloaded)
    for path, findings in by_path.items():
        _suite(root, path, findings, report, path in unloaded)
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


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
    case = ET.SubElement(suite, "testcase", name=f"{finding.code} {finding.name} ({span.line}:{span.col})",
                         classname=path, file=path, line=str(span.line))
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

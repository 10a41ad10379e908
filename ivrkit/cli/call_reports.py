"""Reports of the simulator commands: call-script results (text, JUnit XML) and the paths table."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from typing import TextIO
from xml.etree import ElementTree as ET

from ..engine.transcript import transcript_lines

__all__ = ["text_report", "junit", "paths_table"]


def _measured(result) -> str:
    """The figure `within` checks (the arrival at the `reaches` node, else the end), with its limit."""
    from ..engine.callscript import measured_moment

    moment, what = measured_moment(result.call, result.record)
    shown = f"{what} at {moment:.1f} s" if moment is not None else f"never {what}"
    within = result.call.expect.within
    return shown + (f", within {within:g} s" if within is not None else "")


def text_report(outcomes) -> str:
    """One line per call (PASS/FAIL), what failed with the transcript, and a closing `N passed, N failed`.

    Calls that could not be run (`result.error`) are left to the caller to report as errors.
    """
    lines, passed, failed, errors = [], 0, 0, 0
    for script, results in outcomes:
        lines.append(f"{script.path}")
        for result in results:
            call = result.call
            if result.error is not None:
                errors += 1
                lines.append(f"  ERROR {call.name}  {result.error.span}: {result.error.message}")
                continue
            took = _measured(result)
            if result.passed:
                passed += 1
                lines.append(f"  PASS  {call.name}  ({took})")
                continue
            failed += 1
            lines.append(f"  FAIL  {call.name}  ({took})  {call.span.path}:{call.span.line}:{call.span.col}")
            lines.extend(f"        - {failure}" for failure in result.failures)
            lines.append(f"        press: {call.press!r}; transcript:")
            lines.extend(f"        {line}" for line in transcript_lines(result.record.events))
    lines.append(f"{passed} passed, {failed} failed" + (f", {errors} could not be run" if errors else ""))
    return "\n".join(lines) + "\n"


def junit(outcomes) -> str:
    """JUnit XML: a test suite per call script, a test case per call, a failure per broken expectation."""
    suites = ET.Element("testsuites", name="ivrkit test")
    total = failures = 0
    for script, results in outcomes:
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=script.path,
            tests=str(len(results)),
            failures=str(sum(not r.passed and r.error is None for r in results)),
            errors=str(sum(r.error is not None for r in results)),
        )
        for result in results:
            total += 1
            if result.error is not None:
                case = ET.SubElement(
                    suite,
                    "testcase",
                    name=result.call.name,
                    classname=script.path,
                    time="0.0",
                    file=result.call.span.path,
                    line=str(result.call.span.line),
                )
                ET.SubElement(case, "error", message=result.error.message)
                continue
            case = ET.SubElement(
                suite,
                "testcase",
                name=result.call.name,
                classname=script.path,
                time=f"{result.record.duration:.1f}",
                file=result.call.span.path,
                line=str(result.call.span.line),
            )
            if not result.passed:
                failures += 1
                failure = ET.SubElement(case, "failure", message="; ".join(result.failures))
                failure.text = "\n".join(transcript_lines(result.record.events))
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", str(sum(r.error is not None for _, results in outcomes for r in results)))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _seconds(value: float | None, reached: bool = False) -> str:
    if value is None:
        return "-" if reached else "closed"
    return f"{value:.1f}"


def _person(figure) -> str:
    if not figure.person:
        return ""
    return " (person)" if getattr(figure, "person_known", True) else " (person?)"


def _rows(summary) -> list[tuple[str, ...]]:
    return [
        (
            figure.node,
            figure.type + _person(figure),
            figure.keys or "(none)",
            _seconds(figure.seconds),
            _seconds(figure.worst_seconds, figure.seconds is not None),
            "" if figure.share is None else f"{figure.share:.0%}",
        )
        for figure in summary.paths
    ]


def _footer(summary, at: _dt.datetime) -> list[str]:
    notes = [
        f"Simulated on {at:%a %Y-%m-%d %H:%M}. Fastest first; 'closed': not reachable at that time "
        "(or with these variables). Keys include sample entries; the exact steps are in --json."
    ]
    if any(f.seconds is not None and f.worst_seconds is None for f in summary.paths):
        notes.append("'-': one wrong key at the first menu takes the caller elsewhere.")
    notes.extend(f"Note: {note}" for note in getattr(summary, "notes", ()))
    if summary.expected_seconds is not None:
        notes.append(
            f"Share-weighted expected time to a destination: {summary.expected_seconds:.1f} s "
            f"(over {summary.share_covered:.0%} of callers with shares on their path)"
        )
    if summary.expected_person_seconds is not None:
        notes.append(f"Share-weighted expected time to a person: {summary.expected_person_seconds:.1f} s")
    return notes


HEADERS = ("destination", "type", "keys", "first-time s", "one wrong key s", "share")


def paths_table(summary, at: _dt.datetime, stream: TextIO = sys.stdout, *, color: str = "auto") -> None:
    rows = _rows(summary)
    terminal = color == "always" or (color == "auto" and stream.isatty())
    if terminal:
        from rich.console import Console
        from rich.table import Table

        table = Table(title="Time to each destination")
        for index, header in enumerate(HEADERS):
            table.add_column(header, justify="right" if index >= 3 else "left")
        for row in rows:
            table.add_row(*row)
        console = Console(file=stream, force_terminal=True, no_color=bool(os.environ.get("NO_COLOR")))
        console.print(table)
        for note in _footer(summary, at):
            console.print(note, highlight=False)
        return
    widths = [
        max(len(header), *(len(row[i]) for row in rows)) if rows else len(header) for i, header in enumerate(HEADERS)
    ]
    stream.write("  ".join(h.ljust(w) for h, w in zip(HEADERS, widths)).rstrip() + "\n")
    for row in rows:
        stream.write(
            "  ".join(
                cell.ljust(w) if i < 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))
            ).rstrip()
            + "\n"
        )
    for note in _footer(summary, at):
        stream.write(note + "\n")

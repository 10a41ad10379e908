"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

The driver lists every registered rule once (id, name, descriptions, Markdown
help, a link to docs/rules.md and the default level); each result points to
its rule by id and index, locates the finding by a path relative to
``%SRCROOT%`` (the folder ivrkit ran in) and by the menu node (a logical
location), and carries the baseline fingerprint as a partial fingerprint so
that code scanning can follow a finding across line shifts. Suppressed
findings are included with ``suppressions`` (``inSource`` for a comment or a
node's `lint: ignore`, ``external`` for a baseline). A URI carries the file
name's raw bytes percent-encoded (a name that is not UTF-8 stays exact), and
message text is `printable`. Files that did not load are reported as
``toolExecutionNotifications`` of an unsuccessful invocation.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import IO

from .. import __version__
from ..jsonfile import JsonProblem, loads
from ..lint.finding import FAMILIES
from ..lint.ruledoc import PROJECT_URL, rule_markdown, rule_url
from ..rules import all_rules
from . import Report, render_by_writing
from .printable import file_uri_path, printable

__all__ = ["render", "write", "recognises", "SARIF_SCHEMA", "FINGERPRINT_KEY"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "ivrkitFingerprint/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SUPPRESSION = {"comment": "inSource", "node": "inSource", "baseline": "external"}
# Stands for the results in the document around them; the results are written one by one in its place.
_RESULTS_MARK = "ivrkit: the results go here"
_RESULT_INDENT = " " * 8  # the results list is the value of runs[0].results


def render(report: Report) -> str:
    return render_by_writing(write, report)


def write(report: Report, stream: IO[str]) -> None:
    """The document `json.dumps(document, indent=2)` would give, its results written one at a time.

    Everything but the results is small (the rules, the run's metadata), so it is laid out whole with a
    mark where the results go; the mark is the first string of its kind in the text, since the only
    strings before it are the rules' own and the working folder's URI, which ends with a slash.
    """
    rules = all_rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    root = Path.cwd()
    run = {
        "tool": {
            "driver": {
                "name": "ivrkit",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": PROJECT_URL,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": _RESULTS_MARK,
    }
    if report.unloaded:
        run["invocations"] = [
            {
                "executionSuccessful": False,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {
                            "text": f"{printable(path)} did not load; run `ivrkit check` on it for the problems"
                        },
                        "locations": [{"physicalLocation": {"artifactLocation": _artifact(_real(path, report), root)}}],
                    }
                    for path in report.unloaded
                ],
            }
        ]
    document = json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False)
    head, _, tail = document.partition(json.dumps(_RESULTS_MARK))
    stream.write(head)
    separator = "[\n"
    for finding in report.findings:
        item = json.dumps(_result(finding, index, root, report), indent=2, ensure_ascii=False)
        stream.write(separator + _RESULT_INDENT + item.replace("\n", "\n" + _RESULT_INDENT))
        separator = ",\n"
    stream.write("[]" if separator == "[\n" else "\n" + _RESULT_INDENT[:-2] + "]")
    stream.write(tail + "\n")


def recognises(text: str) -> bool:
    try:
        data = loads(text)
        return data["runs"][0]["tool"]["driver"]["name"] == "ivrkit"
    except (JsonProblem, KeyError, IndexError, TypeError):
        return False


def _rule(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_does(rule)},
        "help": {"text": rule.doc(), "markdown": rule_markdown(rule)},
        "helpUri": rule_url(rule),
        "defaultConfiguration": {"level": _LEVEL[str(rule.level)], "enabled": rule.default_enabled},
        "properties": {"tags": [FAMILIES[rule.code[:2]]]},
    }


def _what_it_does(rule) -> str:
    found = re.search(r"^## What it does\s*\n(.*?)(?=^## |\Z)", rule.doc(), re.MULTILINE | re.DOTALL)
    text = " ".join(found.group(1).split()) if found else ""
    return text or rule.summary


def _real(path: str, report: Report) -> str:
    return report.real_paths.get(path, path)


def _result(finding, index: dict[str, int], root: Path, report: Report) -> dict:
    span = finding.span
    location: dict = {
        "physicalLocation": {
            "artifactLocation": _artifact(_real(span.path, report), root),
            "region": {
                "startLine": span.line,
                "startColumn": span.col,
                "endLine": span.end_line,
                "endColumn": span.end_col,
            },
        },
    }
    if finding.node:
        node = printable(finding.node)
        location["logicalLocations"] = [{"name": node.rpartition("#")[2], "fullyQualifiedName": node, "kind": "object"}]
    message = printable(finding.message) + (f"\nhelp: {printable(finding.hint)}" if finding.hint else "")
    result = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[str(finding.level)],
        "message": {"text": message},
        "locations": [location],
    }
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if finding.suppressed:
        result["suppressions"] = [
            {"kind": _SUPPRESSION[finding.suppressed], "justification": f"ignored by {finding.suppressed}"}
        ]
    return result


def _artifact(path: str, root: Path) -> dict:
    absolute = Path(path).resolve()
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        relative = ".."
    if relative.startswith(".."):
        return {"uri": absolute.as_uri()}
    return {"uri": file_uri_path(Path(relative).as_posix()), "uriBaseId": "%SRCROOT%"}

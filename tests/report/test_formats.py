"""Every report format over the same findings: exact lines, records, escaping, XML, and SARIF 2.1.0."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from ivrkit.lint.config import LintConfig
from ivrkit.lint.finding import Finding, Level
from ivrkit.lint.runner import lint
from ivrkit.lint.sources import Sources
from ivrkit.loader import load
from ivrkit.model import Span
from ivrkit.report import FORMATS, Report, reporter, resolve_format, summary_line
from ivrkit.report.github import escape_data, escape_property
from ivrkit.report.json import RECORD_KEYS

from ..lint_helpers import FLAGGED, project, use_marker_rule

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture
def report(tmp_path, monkeypatch) -> Report:
    """Two ST990 findings in menu.yaml; the second is suppressed by a comment."""
    monkeypatch.chdir(tmp_path)
    use_marker_rule(monkeypatch)
    text = FLAGGED.replace("  hours:\n", "  hours:  # ivrkit: ignore[ST990]\n")
    project(tmp_path, {"menu.yaml": text, "other.yaml": FLAGGED.replace("FLAG", "ok")})
    sources = Sources()
    findings = lint(load("menu.yaml"), LintConfig(select=("ST990",)), sources=sources)
    return Report(tuple(findings), ("menu.yaml", "other.yaml"), Level.ERROR, sources)


def _render(name: str, report: Report) -> str:
    return reporter(name).render(report)


def test_every_format_recognises_its_own_output(report):
    for name in FORMATS:
        text = _render(name, report)
        assert reporter(name).recognises(text), name
        assert not reporter(name).recognises("my notes\nabout things\n"), name


def test_concise_lines(report):
    assert _render("concise", report).splitlines() == [
        "menu.yaml:5:3: ST990 `main` is marked",
        "Found 1 problem in 1 file (1 error); 1 ignored (1 by comment).",
    ]


def test_json_records(report):
    records = json.loads(_render("json", report))
    assert [tuple(r) for r in records] == [RECORD_KEYS, RECORD_KEYS]
    first, second = records
    assert first == {
        "code": "ST990",
        "name": "test-only-marker",
        "level": "error",
        "message": "`main` is marked",
        "path": "menu.yaml",
        "line": 5,
        "col": 3,
        "end_line": 5,
        "end_col": 7,
        "node": "main",
        "hint": "remove the marker",
        "suppressed": None,
        "fingerprint": first["fingerprint"],
    }
    assert len(first["fingerprint"]) == 20
    assert (second["node"], second["suppressed"]) == ("hours", "comment")


def test_github_annotations_escape_data_and_properties(report):
    assert _render("github", report).splitlines()[0] == (
        "::error file=menu.yaml,line=5,col=3,endLine=5,endColumn=7,title=ST990 test-only-marker"
        "::`main` is marked%0Ahelp: remove the marker"
    )
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    odd = replace(
        report.findings[0], span=Span("dir,x/a:b.yaml", 1, 1, 1, 2), message="50% off\nnow", level=Level.INFO, hint=None
    )
    line = reporter("github").render(replace(report, findings=(odd,))).splitlines()[0]
    assert (
        line
        == "::notice file=dir%2Cx/a%3Ab.yaml,line=1,col=1,endLine=1,endColumn=2,title=ST990 test-only-marker::50%25 off%0Anow"
    )


def test_junit_parses_with_a_suite_per_file(report):
    root = ET.fromstring(_render("junit", report))
    assert root.tag == "testsuites" and root.get("name") == "ivrkit"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "1", "1")
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == ["menu.yaml", "other.yaml"]
    cases = suites["menu.yaml"].findall("testcase")
    assert [case.get("name") for case in cases] == ["ST990 test-only-marker (5:3)", "ST990 test-only-marker (11:3)"]
    assert cases[0].find("failure").get("type") == "ST990"
    assert cases[1].find("skipped") is not None
    assert [case.get("name") for case in suites["other.yaml"]] == ["no findings"]


def test_junit_findings_below_fail_on_pass(report):
    root = ET.fromstring(_render("junit", replace(report, fail_on=None)))
    assert root.get("failures") == "0"
    assert "`main` is marked" in root.find(".//system-out").text


def test_sarif_validates_and_describes_rules_and_results(report):
    log = json.loads(_render("sarif", report))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "ivrkit" and driver["version"] and driver["informationUri"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert "ST001" in ids and ids == sorted(ids)
    dead_end = driver["rules"][ids.index("ST001")]
    assert dead_end["name"] == "dead-end"
    assert dead_end["helpUri"].endswith("docs/rules.md#st001-dead-end")
    assert "## What it does" in dead_end["help"]["markdown"]
    assert dead_end["defaultConfiguration"]["level"] == "error"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    first, second = run["results"]
    assert driver["rules"][first["ruleIndex"]]["id"] == first["ruleId"] == "ST990"
    assert first["level"] == "error" and first["message"]["text"].startswith("`main` is marked")
    location = first["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "menu.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 3, "endLine": 5, "endColumn": 7}
    assert location["logicalLocations"][0]["name"] == "main"
    assert first["partialFingerprints"]["ivrkitFingerprint/v1"] == report.findings[0].fingerprint
    assert "suppressions" not in first
    assert second["suppressions"][0]["kind"] == "inSource"


def test_sarif_marks_baseline_findings_external(report):
    baselined = replace(report, findings=tuple(replace(f, suppressed="baseline") for f in report.findings))
    results = json.loads(_render("sarif", baselined))["runs"][0]["results"]
    assert {r["suppressions"][0]["kind"] for r in results} == {"external"}


def test_text_frame_plain_and_coloured(report):
    plain = _render("text", report)
    assert plain.splitlines()[:6] == [
        "menu.yaml:5:3: ST990 [error] `main` is marked",
        "  |",
        "4 | nodes:",
        "5 |   main:",
        "  |   ^^^^",
        "help: remove the marker",
    ]
    assert "11:3" not in plain  # suppressed findings are only counted
    coloured = _render("text", replace(report, color=True))
    assert "\x1b[" in coloured and "^^^^" in coloured


def test_text_without_source_has_no_frame():
    finding = Finding("ST001", "dead-end", Level.WARNING, "gone", Span("nowhere.yaml", 3, 1, 3, 2))
    text = reporter("text").render(Report((finding,), ("nowhere.yaml",)))
    assert text.splitlines() == ["nowhere.yaml:3:1: ST001 [warning] gone", "", "Found 1 problem in 1 file (1 warning)."]


def test_summary_line_counts_levels_and_ignored():
    span = Span("a.yaml", 1, 1, 1, 2)
    findings = (
        Finding("ST001", "x", Level.INFO, "m", span),
        Finding("ST001", "x", Level.INFO, "n", span),
        Finding("ST001", "x", Level.ERROR, "o", span, suppressed="baseline"),
    )
    assert (
        summary_line(Report(findings, ("a.yaml",))) == "Found 2 problems in 1 file (2 info); 1 ignored (1 by baseline)."
    )
    assert summary_line(Report((), ("a.yaml", "b.yaml"))) == "No problems in 2 menu files."


def test_summary_line_never_says_no_problems_when_a_file_did_not_load():
    span = Span("a.yaml", 1, 1, 1, 2)
    finding = Finding("ST001", "x", Level.ERROR, "m", span)
    assert summary_line(Report((), ("big.yaml",), unloaded=("big.yaml",))) == "1 of 1 menu file did not load."
    assert (
        summary_line(Report((), ("a.yaml", "b.yaml", "big.yaml"), unloaded=("big.yaml",)))
        == "1 of 3 menu files did not load; no problems in the other 2."
    )
    assert (
        summary_line(Report((finding,), ("a.yaml", "big.yaml"), unloaded=("big.yaml",)))
        == "Found 1 problem in 1 file (1 error); 1 of 2 menu files did not load."
    )


def test_unloaded_files_in_junit_sarif_and_every_recognised_summary(report):
    broken = replace(report, files=(*report.files, "big.yaml"), unloaded=("big.yaml",))
    for name in FORMATS:
        assert reporter(name).recognises(_render(name, broken)), name
    root = ET.fromstring(_render("junit", broken))
    suite = next(s for s in root.iter("testsuite") if s.get("name") == "big.yaml")
    assert suite.get("errors") == "1" and suite.find("testcase/error").get("type") == "load"
    assert root.get("errors") == "1"
    sarif = json.loads(_render("sarif", broken))
    jsonschema.validate(sarif, json.loads(SCHEMA.read_text()))
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("big.yaml did not load")
    assert "invocations" not in json.loads(_render("sarif", report))["runs"][0]


def test_text_without_excerpts_is_one_line_per_finding(report):
    assert _render("text", replace(report, excerpts=False)).splitlines() == [
        "menu.yaml:5:3: ST990 [error] `main` is marked",
        "Found 1 problem in 1 file (1 error); 1 ignored (1 by comment).",
    ]


def test_auto_format():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("json", {"GITHUB_ACTIONS": "true"}) == "json"


def test_reporters_import_no_rich_or_ui():
    import subprocess
    import sys

    modules = ", ".join(f"ivrkit.report.{name}" for name in FORMATS) + ", ivrkit.lint.project, ivrkit.cli.lint"
    code = (
        f"import sys, {modules}; "
        "print(','.join(m for m in ('rich', 'textual', 'pyttsx3', 'ivrkit.tui') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parent.parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""

"""Reports written finding by finding: the same bytes as a whole render, each finding out before the next is read."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.lint.config_file import ConfigResolver
from ivrkit.lint.finding import Finding, Level
from ivrkit.lint.project import ProjectSources, lint_files
from ivrkit.lint.store import FindingStore, pack
from ivrkit.model import Span
from ivrkit.report import Report, reporter, summary_line, write_report
from ivrkit.report.json import record

ROOT = Path(__file__).resolve().parent.parent.parent
STREAMING = ("text", "concise", "github", "json", "sarif")


@pytest.fixture(scope="module")
def examples() -> tuple[list[Finding], list[str], dict[str, str]]:
    files = sorted((ROOT / "examples" / "flawed").glob("*.yaml"))
    result = lint_files(files, ConfigResolver(), sources=ProjectSources(), jobs=1)
    findings = list(result.findings)
    assert any(f.suppressed is None for f in findings) and findings
    return findings, result.files, result.real_paths


class Watched:
    """Findings that remember how much of the output was written when each one was read."""

    def __init__(self, findings: list[Finding], stream: io.StringIO):
        self.findings, self.stream, self.written_at_read = findings, stream, []

    def __iter__(self):
        for finding in self.findings:
            self.written_at_read.append(len(self.stream.getvalue()))
            yield finding


@pytest.mark.parametrize("name", STREAMING)
@pytest.mark.parametrize("color, excerpts", [(False, False), (False, True), (True, True)])
def test_a_streamed_report_is_the_rendered_one_and_written_as_it_goes(examples, name, color, excerpts, monkeypatch):
    monkeypatch.chdir(ROOT)
    findings, files, real_paths = examples
    sources = ProjectSources(keep_one=True)
    sources.real_paths.update(real_paths)
    whole = reporter(name).render(
        Report(
            tuple(findings),
            tuple(files),
            sources=ProjectSources(),
            color=color,
            excerpts=excerpts,
            real_paths=real_paths,
        )
    )
    stream = io.StringIO()
    watched = Watched(findings, stream)
    write_report(
        reporter(name),
        Report(watched, tuple(files), sources=sources, color=color, excerpts=excerpts, real_paths=real_paths),
        stream,
    )
    assert stream.getvalue() == whole
    reads = watched.written_at_read
    assert reads[len(reads) // 2] > 0, "findings were written while later ones were still unread"


def test_the_json_report_is_exactly_what_json_dumps_writes(examples):
    findings = examples[0]
    for chosen in (findings, findings[:1], []):
        expected = json.dumps([record(f) for f in chosen], indent=2, ensure_ascii=False) + "\n"
        assert reporter("json").render(Report(tuple(chosen))) == expected


def test_a_finding_store_reads_back_the_first_of_each_finding_sorted(examples):
    findings = examples[0]
    store = FindingStore()
    store.add(pack(reversed(findings)))
    store.add(pack(findings))  # the same findings again, as from a building block linted twice
    assert list(store) == sorted(dict.fromkeys(reversed(findings)), key=Finding.sort_key) == findings
    assert list(store) == findings  # re-iterable


_findings = st.lists(
    st.builds(
        Finding,
        code=st.sampled_from(["ST001", "WD002", "KY003"]),
        name=st.just("n"),
        level=st.sampled_from(list(Level)),
        message=st.sampled_from(["a", "b"]),
        span=st.builds(
            Span,
            st.sampled_from(["a.yaml", "b.yaml", "c.yaml"]),
            st.integers(1, 3),
            st.integers(1, 3),
            st.just(1),
            st.just(1),
        ),
        suppressed=st.sampled_from([None, None, "comment", "node", "baseline"]),
    ),
    max_size=12,
)


@given(_findings, st.sampled_from([None, *Level]), st.integers(0, 2))
def test_the_summary_counts_what_it_says(findings, fail_on, unloaded):
    report = Report(tuple(findings), ("a.yaml", "b.yaml", "c.yaml"), fail_on, unloaded=("a.yaml",) * unloaded)
    active = [f for f in findings if f.suppressed is None]
    ignored = [f for f in findings if f.suppressed is not None]
    line = summary_line(report)
    if active:
        assert line.startswith(f"Found {len(active)} problem")
        assert f" in {len({f.span.path for f in active})} file" in line
        counts = [(sum(f.level == level for f in active), level) for level in sorted(Level, reverse=True)]
        words = [f"{n} info" if level == Level.INFO else f"{n} {level}{'s' * (n != 1)}" for n, level in counts if n]
        assert f"({', '.join(words)})" in line
    if ignored:
        assert f"; {len(ignored)} ignored (" in line
        for kind in {f.suppressed for f in ignored}:
            assert f"{sum(f.suppressed == kind for f in ignored)} by {kind}" in line
    assert report.failed == any(report.fails(f) for f in findings)


def _junit_whole(report: Report) -> str:
    """The JUnit document built as one tree and indented at once (what `junit.write` must equal)."""
    import xml.etree.ElementTree as ET

    from ivrkit.report import junit

    root = ET.Element("testsuites", name="ivrkit")
    for path in dict.fromkeys([*report.files, *(f.span.path for f in report.findings)]):
        junit._suite(root, path, [f for f in report.findings if f.span.path == path], report, path in report.unloaded)
    junit._count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@pytest.mark.parametrize("files, unloaded", [((), ()), (("a.yaml",), ()), (("a.yaml", "b.yaml"), ("b.yaml",))])
def test_the_junit_document_written_suite_by_suite_is_the_whole_tree(examples, files, unloaded):
    findings, shown, _ = examples
    for chosen in ([], findings[:3], findings):
        for listed in (tuple(files), tuple(shown) + tuple(files)):
            report = Report(tuple(chosen), listed, unloaded=tuple(unloaded))
            assert reporter("junit").render(report) == _junit_whole(report)
    store = FindingStore()
    store.add(pack(findings))
    assert reporter("junit").render(Report(store, tuple(shown))) == _junit_whole(Report(tuple(findings), tuple(shown)))


@pytest.mark.parametrize("unloaded", [(), ("examples/flawed/missing.yaml",)])
def test_the_sarif_report_is_laid_out_as_json_dumps_lays_out_the_whole_document(examples, unloaded, monkeypatch):
    monkeypatch.chdir(ROOT)
    findings, files, real_paths = examples
    for chosen in (findings, findings[:1], []):
        text = reporter("sarif").render(Report(tuple(chosen), tuple(files), unloaded=unloaded, real_paths=real_paths))
        document = json.loads(text)
        assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        run = document["runs"][0]
        assert [result["ruleId"] for result in run["results"]] == [finding.code for finding in chosen]
        assert ("invocations" in run) == bool(unloaded)

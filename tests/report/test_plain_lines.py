"""The plain text report (no colour, no excerpts) is the headlines the styled writer builds, spelled the same."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ivrkit.diagnostics import one_line
from ivrkit.lint.finding import Finding, Level
from ivrkit.model import Span
from ivrkit.report import Report, summary_line
from ivrkit.report import text as text_report
from ivrkit.report.printable import printable

# Text with what `one_line` spells out: controls, separators, bidi overrides, lone surrogates, and plain words.
_odd_text = st.text(
    st.sampled_from(["a", " ", "é", "\t", "\n", "\x1b", "\x85", "\u00a0", "\u2028", "\u202e", "\u2067", "\udcff", "`"]),
    max_size=12,
)


@given(st.one_of(_odd_text, st.text(max_size=20)))
def test_printable_spells_what_one_line_spells(text):
    assert printable(text) == one_line(text)


_findings = st.lists(
    st.builds(
        Finding,
        code=st.sampled_from(["ST001", "WD011"]),
        name=st.just("n"),
        level=st.sampled_from(list(Level)),
        message=_odd_text,
        span=st.builds(
            Span,
            st.sampled_from(["a.yaml", "odd\nname.yaml", "b .yaml"]),
            st.integers(1, 9),
            st.integers(1, 9),
            st.just(1),
            st.just(1),
        ),
        suppressed=st.sampled_from([None, None, "comment"]),
    ),
    max_size=8,
)


@given(_findings)
def test_plain_lines_are_the_headlines_of_the_styled_writer(findings):
    report = Report(tuple(findings), ("a.yaml",), color=False, excerpts=False)
    expected = "".join(
        text_report._plain(text_report._headline(f)) + "\n" for f in findings if f.suppressed is None
    ) + (summary_line(report) + "\n")
    assert text_report.render(report) == expected


def test_a_message_ending_in_spaces_loses_them_as_before():
    finding = Finding("ST001", "n", Level.WARNING, "gone  ", Span("a.yaml", 3, 1, 3, 2))
    first = text_report.render(Report((finding,), ("a.yaml",), color=False, excerpts=False)).splitlines()[0]
    assert first == "a.yaml:3:1: ST001 [warning] gone"

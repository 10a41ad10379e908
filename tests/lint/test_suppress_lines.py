"""Suppression comments and fingerprints read from each file's lines once: the same answers as line by line."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from ivrkit.lint.baseline import fingerprint, line_fingerprint
from ivrkit.lint.config import LintConfig, pattern_matches
from ivrkit.lint.finding import Finding, Level
from ivrkit.lint.sources import Sources
from ivrkit.lint.suppress import apply_suppressions, parse_directive
from ivrkit.loader import loads
from ivrkit.model import Span

_LINES = [
    "  main:",
    "    type: menu  # ivrkit: ignore[ST001]",
    "    # ivrkit: ignore[dead-end, WD]",
    "  # ivrkit: ignore",
    "    say: hi  # ivrkit: ignore",
    "    # ivrkit: nope",
    "    say: ivrkit is a word here",
    "    label: pay#ivrkit: ignore",
    "",
]
_FILE = "ivrkit: 1\nname: t\nentry: main\nnodes:\n  main:\n    type: hangup\n"


def _reference(finding: Finding, sources: Sources) -> bool:
    """What a comment covers, asked of `Sources.line` one line at a time (as suppressions were first written)."""
    path, number = finding.span.path, finding.span.line
    own = parse_directive(sources.line(path, number) or "")
    if own is not None and own.covers(finding):
        return True
    above = parse_directive(sources.line(path, number - 1) or "")
    return above is not None and above.own_line and above.covers(finding)


@given(
    st.lists(st.sampled_from(_LINES), max_size=8),
    st.lists(
        st.tuples(
            st.sampled_from(["ST001", "WD002", "KY003"]), st.integers(-1, 10), st.sampled_from(["a.yaml", "b.yaml"])
        ),
        max_size=10,
    ),
)
@example(["  main:", "  # ivrkit: ignore"], [("ST001", 1, "a.yaml"), ("ST001", 0, "a.yaml")])  # no line 0
def test_comments_cover_what_they_covered_line_by_line(lines, placed):
    sources = Sources({"a.yaml": "\n".join(lines)})  # b.yaml cannot be read: it has no lines
    names = {"ST001": "dead-end", "WD002": "option-overlap", "KY003": "star-hash"}
    findings = [
        Finding(code, names[code], Level.WARNING, "m", Span(path, number, 1, number, 2), node=None)
        for code, number, path in placed
    ]
    menuset = loads(_FILE, "menu.yaml")
    marked = apply_suppressions(findings, menuset, LintConfig(), sources)
    assert [f.suppressed == "comment" for f in marked] == [_reference(f, sources) for f in findings]
    for finding in findings:
        number = finding.span.line
        text = sources.lines(finding.span.path)
        line = text[number - 1] if 0 < number <= len(text) else ""
        assert line_fingerprint(finding.code, "x#main", line) == fingerprint(
            finding.code, "x#main", finding.span, sources
        )


def test_a_node_ignore_covers_only_its_own_node():
    menuset = loads(
        "ivrkit: 1\nname: t\nentry: main\nnodes:\n  main:\n    type: hangup\n    lint: {ignore: [ST, KY003]}\n"
        "  other:\n    type: hangup\n",
        "menu.yaml",
    )
    (ignores,) = [node.lint_ignore for node in menuset.nodes.values() if node.lint_ignore]
    findings = [
        Finding(code, "n", Level.ERROR, "m", Span("menu.yaml", 4, 3, 4, 7), node=node)
        for code in ("ST001", "KY003", "WD002")
        for node in ("main", "other", None)
    ]
    marked = apply_suppressions(findings, menuset, LintConfig(), Sources({"menu.yaml": ""}))
    expected = [
        f.node == "main" and any(pattern_matches(code, f.code, f.name) for code, _ in ignores) for f in findings
    ]
    assert [f.suppressed == "node" for f in marked] == expected
    assert sum(expected) == 2

"""The findings store: what it hands back is `sorted(first of each finding, key=Finding.sort_key)`, however kept."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from ivrkit.lint.finding import Finding, Level
from ivrkit.lint.store import FindingStore, pack, sorted_unique, unpack
from ivrkit.model import Span

_spans = st.builds(
    Span,
    st.sampled_from(["a.yaml", "b.yaml"]),
    st.integers(1, 3),
    st.integers(1, 2),
    st.integers(1, 3),  # findings that differ only in where their span ends sort by the order they came in
    st.integers(1, 2),
)
_findings = st.lists(
    st.builds(
        Finding,
        code=st.sampled_from(["ST001", "WD002"]),
        name=st.sampled_from(["x", "y"]),  # same identity, other fields: the first one must be kept
        level=st.sampled_from(list(Level)),
        message=st.sampled_from(["a", "b"]),
        span=_spans,
        node=st.sampled_from([None, "main"]),
        hint=st.sampled_from([None, "h"]),
        suppressed=st.sampled_from([None, "comment"]),
        fingerprint=st.sampled_from([None, "f1"]),
    ),
    max_size=14,
)


def _expected(roots: list[list[Finding]]) -> list[Finding]:
    """What the store promises, written the slow, obvious way."""
    unique: dict[tuple, Finding] = {}
    for findings in roots:
        for finding in findings:
            unique.setdefault((finding.code, finding.span, finding.message), finding)
    return sorted(unique.values(), key=Finding.sort_key)


def _same(left: list[Finding], right: list[Finding]) -> bool:
    """Equal field by field, and each finding the same one (equality alone would hide which duplicate was kept)."""
    return [dataclasses.astuple(f) for f in left] == [dataclasses.astuple(f) for f in right]


@given(st.lists(_findings, max_size=4))
def test_the_store_keeps_the_first_of_each_finding_sorted(roots):
    store = FindingStore()
    for findings in roots:
        store.add(pack(findings))
    expected = _expected(roots)
    assert _same(list(store), expected)
    assert _same(list(store), expected)  # re-iterable: the path read last is kept, the others read again
    for path in ("a.yaml", "b.yaml"):
        assert _same(store.for_path(path), [f for f in expected if f.span.path == path])
    store.close()


@given(_findings)
def test_sorted_unique_is_sorting_the_first_of_each(findings):
    one_path = [f for f in findings if f.span.path == "a.yaml"]
    assert _same(unpack(sorted_unique(pack(one_path))), _expected([one_path]))


def test_a_finding_read_back_is_the_finding_packed():
    finding = Finding("WD011", "n", Level.INFO, "m", Span("a.yaml", 1, 2, 3, 4), "main", "h", "node", "fp")
    (back,) = unpack(pack([finding]))
    assert back == finding and type(back.span) is Span and back.level is Level.INFO


def test_the_list_handed_back_is_the_callers_own():
    store = FindingStore()
    finding = Finding("ST001", "n", Level.ERROR, "m", Span("a.yaml", 1, 1, 1, 2))
    store.add(pack([finding]))
    store.for_path("a.yaml").clear()
    assert store.for_path("a.yaml") == [finding]


def test_a_root_added_later_is_merged_with_the_ones_written_before():
    store = FindingStore()
    first = Finding("ST001", "n", Level.ERROR, "m", Span("a.yaml", 5, 1, 5, 2))
    second = Finding("ST001", "n", Level.ERROR, "m", Span("a.yaml", 2, 1, 2, 2))
    store.add(pack([first]))
    assert list(store) == [first]
    store.add(pack([second, first]))  # the first root's findings go to the file, the new ones stay in memory
    assert list(store) == [second, first]
    store.add(pack([Finding("ST001", "n", Level.ERROR, "m", Span("b.yaml", 1, 1, 1, 2))]))
    assert store.paths() == ["a.yaml", "b.yaml"] and list(store)[:2] == [second, first]


@given(_findings)
def test_the_runners_sort_is_sorting_by_sort_key(findings):
    from ivrkit.lint.runner import sorted_findings

    assert _same(sorted_findings(findings), sorted(findings, key=Finding.sort_key))

"""`yamlsource.compose` looks for refused characters only in text `decode` has not checked, and walks or scans
for deep nesting only where the quick bound (`cannot_nest_past`) cannot rule it out: the same answers."""

from __future__ import annotations

from ivrkit import yamlsource
from ivrkit.yamlsource import Source, compose, decode


def test_decode_marks_the_text_it_checked():
    source, problems = decode(b"a: 1\n", "m.yaml")
    assert source is not None and source.checked and not problems
    unchecked, _ = decode(b"a: 1\n", "m.yaml", characters=False)
    assert unchecked is not None and not unchecked.checked
    assert not Source("m.yaml", "a: 1\n").checked


def test_a_source_built_by_hand_is_still_checked_for_refused_characters():
    root, problems = compose(Source("m.yaml", "a: 1\nb: x\x00y\n"))
    assert root is None
    assert [(str(p.span), p.message) for p in problems] == [
        ("m.yaml:2:5", "the file contains the control character U+0000 (NUL), which YAML does not allow")
    ]


def test_deep_nesting_on_a_long_line_is_found_where_it_passes_the_limit():
    text = "a: " + "[" * 150 + "1" + "]" * 150 + "\nb: " + "x" * 2100 + "\n"
    root, problems = compose(Source("m.yaml", text))
    assert root is None
    assert [(str(p.span), p.message) for p in problems] == [
        ("m.yaml:1:103", f"the YAML is nested more than {yamlsource.MAX_DEPTH} levels deep")
    ]


def test_a_shallow_text_with_a_long_line_composes():
    root, problems = compose(Source("m.yaml", "a: [1, [2]]\nb: " + "x" * 2100 + "\n"))
    assert root is not None and not problems
    assert root.value[1][1].value == "x" * 2100

"""`yamlsource.decode` looks for the characters YAML refuses with a quick byte test for ASCII files
(`_refused_character`): the same answer, at the same place, as the pattern search it skips."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit import yamlsource

_CHARACTERS = st.one_of(
    st.sampled_from("ab: -\n\t\r#'\"~"),
    st.characters(max_codepoint=0x7F),  # every ASCII character, the refused controls and DEL included
    st.sampled_from("\x85\xa0\x80\x9fäÖ€\ufffe\ufeff\U0001f600"),
)


def _position(match) -> int | None:
    return None if match is None else match.start()


@settings(max_examples=400, deadline=None)
@given(st.text(_CHARACTERS, max_size=60))
def test_the_quick_test_finds_what_the_pattern_finds(text: str) -> None:
    data = text.encode("utf-8")
    expected = _position(yamlsource._NOT_YAML_CHARACTER.search(text))
    assert _position(yamlsource._refused_character(data, text)) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(_CHARACTERS, min_size=1, max_size=60))
def test_decode_reports_as_before(text: str) -> None:
    """The same Source or the same positioned message as a decode that searches with the pattern alone."""
    data = ("menu: 1\n" + text).encode("utf-8")
    source, problems = yamlsource.decode(data, "m.yaml")
    bad = yamlsource._NOT_YAML_CHARACTER.search(data.decode("utf-8"))
    if bad is None:
        assert problems == [] or problems[0].message == "the file is empty"
    else:
        assert source is None
        assert problems == [yamlsource._bad_character("m.yaml", data.decode("utf-8"), bad.start())]


def test_a_control_character_in_an_ascii_file_is_found() -> None:
    _, problems = yamlsource.decode(b"ivrkit: 1\nname: a\x07b\n", "m.yaml")
    assert [str(problem.span) for problem in problems] == ["m.yaml:2:8"]
    assert "U+0007" in problems[0].message

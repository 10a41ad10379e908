"""LN003 searches an ASCII text only with the clutter patterns whose piece its lower case holds
(`_CLUTTER`, `_clutter_in`): every match of a pattern holds its piece, so the findings are those of searching
with every pattern, in the same order."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.rules.ln003_time_to_first_option import _CLUTTER, _clutter_in

_EACH = [re.compile(pattern, re.IGNORECASE) for pattern, _ in _CLUTTER]
_WORDS = sorted({word for pattern, _ in _CLUTTER for word in re.findall(r"[a-zäö]+", pattern)} - {"b"})
TEXTS = st.lists(
    st.sampled_from(_WORDS).map(lambda w: w.upper() if len(w) % 3 == 0 else w.capitalize() if len(w) % 2 else w)
    | st.sampled_from([" ", ".", "www.", "-", "dot com", "ſ", "\u212a"])
    | st.text(max_size=4),
    max_size=12,
).map(" ".join)


def _every_pattern(value: str, phrases: list[re.Pattern[str]]) -> list[str]:
    found: list[str] = []
    for pattern in [*_EACH, *phrases]:
        match = pattern.search(value)
        if match and match.group(0).lower() not in found:
            found.append(match.group(0).lower())
    return found


ASCII_CLUTTER = [(pattern, piece) for pattern, piece in _CLUTTER if piece.isascii()]


@pytest.mark.parametrize(("pattern", "piece"), ASCII_CLUTTER)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_match_of_a_pattern_in_ascii_text_holds_its_piece(pattern, piece, data):
    text = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE), alphabet=st.characters(max_codepoint=127)))
    match = re.search(pattern, text, re.IGNORECASE)
    assert match is not None
    assert piece in match.group(0).lower()


def test_a_piece_that_is_not_ascii_belongs_to_a_pattern_no_ascii_text_matches():
    for pattern, piece in _CLUTTER:
        if not piece.isascii():
            assert not pattern.isascii() and piece in pattern


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.booleans())
def test_the_findings_are_those_of_every_pattern_searched(value, with_phrase):
    phrases = [re.compile("press star for news", re.IGNORECASE)] if with_phrase else []
    found: list[str] = []
    _clutter_in(value, phrases, found)
    assert found == _every_pattern(value, phrases)


def test_a_piece_missing_from_an_ascii_text_skips_its_pattern():
    found: list[str] = []
    _clutter_in("Visit our WEBSITE at WWW.example.com, Did You Know?", [], found)
    assert found == ["visit our website", "www.", "did you know"]
    found = []
    _clutter_in("Tiesitkö, että verkkosivuillamme", [], found)  # not ASCII: every pattern searched
    assert found == ["verkkosivuillamme", "tiesitkö"]

"""WD002's first look at a label (`_has_hint`): in an ASCII text it compares lower case instead of searching
the IGNORECASE pattern, with the same answer on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.rules.wd002_vague_label import (
    _ANY_ASCII_HINT,
    _CATCH_ALL,
    _CATCH_ALL_HINT_WORDS,
    _catch_all,
    _catch_all_hint,
    _has_hint,
)

_PIECES = st.sampled_from(
    [hint for hints in _CATCH_ALL_HINT_WORDS.values() for hint in hints]
    + sorted(word for words in _CATCH_ALL.values() for word in words)
    + ["OTHER", "Else", "MUU", "LISÄ", "lisa", "ſ", "questions", " ", "Yleiset", "MORE", "thINg"]
)
TEXTS = st.lists(_PIECES | st.text(max_size=3) | st.text(st.characters(max_codepoint=127), max_size=3), max_size=8)


# The patterns as written before the fast look (6f3d26c), with "yleis" widened to "ylei" so that "yleinen" (a
# catch-all word the pre-check used to miss) gets through: a hint dropped from _CATCH_ALL_HINT_WORDS fails here.
WRITTEN_BEFORE = {
    "en": re.compile(r"other|else|general|misc|more|thing", re.IGNORECASE),
    "fi": re.compile(r"muu|mui|ylei|lisä", re.IGNORECASE),
}


@settings(max_examples=500, deadline=None)
@given(TEXTS.map(" ".join), st.sampled_from(sorted(_CATCH_ALL_HINT_WORDS)))
def test_the_hint_look_answers_as_the_pattern(text, base):
    assert _has_hint(text, base) is (_catch_all_hint(base).search(text) is not None)
    assert _has_hint(text, base) is (WRITTEN_BEFORE[base].search(text) is not None)


def test_the_hints_are_those_written_before():
    assert sorted(_CATCH_ALL_HINT_WORDS) == sorted(WRITTEN_BEFORE)
    for base, pattern in WRITTEN_BEFORE.items():
        assert sorted(_CATCH_ALL_HINT_WORDS[base]) == sorted(pattern.pattern.split("|"))


def test_a_hint_left_out_of_the_ascii_look_matches_no_ascii_character():
    for hints in _CATCH_ALL_HINT_WORDS.values():
        for hint in hints:
            if not hint.isascii():
                odd = [c for c in hint if not c.isascii()]
                assert not any(re.fullmatch(re.escape(c), chr(code), re.IGNORECASE) for c in odd for code in range(128))


@settings(max_examples=500, deadline=None)
@given(TEXTS.map(" ".join), st.sampled_from(["en", "fi", "sv", "en-GB", "FI-fi", "de"]))
def test_the_readings_answer_as_the_label_itself(text, language):
    """The check's first look at a label's reading (ASCII, and none of `_ANY_ASCII_HINT` in its lower case) passes
    over only labels `_catch_all` clears; the reading's lower case and ASCII flag give `_catch_all`'s answer."""
    if text.isascii() and not any(hint in text.lower() for hint in _ANY_ASCII_HINT):
        assert _catch_all(text, language) == (False, False)
    assert _catch_all(text, language, text.lower(), text.isascii()) == _catch_all(text, language)


def test_every_ascii_catch_all_word_holds_a_hint_of_the_first_look():
    """The check passes over an ASCII label none of `_ANY_ASCII_HINT` is in: every catch-all word must hold one."""
    for base, words in _CATCH_ALL.items():
        for word in words:
            if word.isascii():
                assert any(hint in word for hint in _ANY_ASCII_HINT), (base, word)
                assert _catch_all(word, base) != (False, False), (base, word)

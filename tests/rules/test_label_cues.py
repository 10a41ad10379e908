"""The cues of `ivrkit.rules._label_promises`: a text without one of its language's cues is not searched for a
repeat, back or person promise, so every text a promise pattern matches must hold a cue (hypothesis makes
texts from the patterns themselves), and the per-run readers answer as the plain functions do."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.rules import _label_promises as promises
from ivrkit.rules._label_promises import LabelPromises, promises_back, promises_person, promises_repeat

NAVIGATION = [
    (language, pattern)
    for table in (promises._REPEAT, promises._BACK)
    for language, listed in table.items()
    for pattern in listed
]
PERSON = [(language, pattern) for language, listed in promises._PERSON.items() for pattern in listed]


def test_every_language_with_patterns_has_cues():
    assert set(promises._REPEAT) | set(promises._BACK) == set(promises._NAVIGATION_CUES)
    assert set(promises._PERSON) | {"fi"} == set(promises._PERSON_CUES)


@pytest.mark.parametrize(("language", "pattern"), NAVIGATION)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_text_a_navigation_pattern_matches_holds_a_cue(language, pattern, data):
    text = data.draw(st.from_regex(pattern))
    assert re.search(pattern, text)
    assert promises._navigation_cue(language).search(text), text


@pytest.mark.parametrize(("language", "pattern"), PERSON)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_text_a_person_pattern_matches_holds_a_cue(language, pattern, data):
    text = data.draw(st.from_regex(pattern))
    assert re.search(pattern, text)
    assert promises._person_cue(language).search(text), text


@settings(max_examples=150, deadline=None)
@given(st.from_regex(promises._person_fi(), fullmatch=True))
def test_a_finnish_person_word_holds_a_cue(word):
    assert promises._person_cue("fi").search(word), word


# Words read from the patterns (so that texts often promise something) and a few that do not.
_PATTERN_WORDS = sorted(
    {
        word
        for table in (promises._REPEAT, promises._BACK, promises._PERSON)
        for listed in table.values()
        for pattern in listed
        for word in re.findall(r"[a-zäöå]{2,}", pattern)
    }
    | set(re.findall(r"[a-zäöå]{3,}", promises._PERSON_FI))
    | {"pay", "bill", "billing", "neuvojalle", "lainaneuvoja", "henkilötunnus", "toista", "takaisin", "menu"}
)
TEXTS = st.lists(st.sampled_from(_PATTERN_WORDS), min_size=1, max_size=7).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(value=TEXTS, language=st.sampled_from(["en", "en-GB", "fi", "fi-FI", "sv"]))
def test_the_cued_readers_answer_as_the_plain_functions(value, language):
    reader = LabelPromises(None)  # type: ignore[arg-type]  # its tables need nothing of the run
    expected = "repeat" if promises_repeat(value, language) else "back" if promises_back(value, language) else None
    assert reader.navigation(value, language) == expected
    assert reader.person(value, language) is promises_person(value, language)

"""The cues of `ivrkit.rules._label_promises`: a text without one of its language's cues is not searched for a
repeat, back or person promise, so every text a promise pattern matches must hold a cue (hypothesis makes
texts from the patterns themselves), and the per-run readers answer as the plain functions do."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivrkit.rules import _label_promises as promises
from ivrkit.rules._label_promises import LabelPromises, promises_back, promises_person, promises_repeat
from tests.strategies import worded_texts

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
# Joined by spaces or by what the word pattern splits at or joins with, in any case, with letters whose lower
# case is odd (a Kelvin sign, a dotted capital I, a final sigma): the readers look for a cue in the label's
# lower case before splitting it into words.
_JOINS = st.sampled_from([" ", " ", ", ", "-", "'", "’", "_", " - ", "/", "\t"])
_CASED = st.sampled_from([str, str.upper, str.title, lambda w: w[:1].upper() + w[1:]])
_ODD = st.sampled_from(["\u212a", "\u0130", "ΣΑΣ", "ä", "Å"])
TEXTS = st.lists(st.tuples(st.sampled_from(_PATTERN_WORDS) | _ODD, _CASED, _JOINS), min_size=1, max_size=7).map(
    lambda parts: "".join(case(word) + join for word, case, join in parts).strip() or "x"
) | worded_texts(6, 12)


@settings(max_examples=400, deadline=None)
@given(value=TEXTS, language=st.sampled_from(["en", "en-GB", "fi", "fi-FI", "sv"]))
@example(value="Repeat", language="en")
@example(value="Go Back", language="en")
@example(value="PALAA TAKAISIN PÄÄVALIKKOON", language="fi")
@example(value="Speak to an Agent", language="en")
@example(value="Asiakaspalvelijalle", language="fi")
def test_the_cued_readers_answer_as_the_plain_functions(value, language):
    reader = LabelPromises(None)  # type: ignore[arg-type]  # its tables need nothing of the run
    expected = "repeat" if promises_repeat(value, language) else "back" if promises_back(value, language) else None
    assert reader.navigation(value, language) == expected
    assert reader.person(value, language) is promises_person(value, language)

"""WD008 looks for the pieces of its hint pattern as plain substrings (`_may_hint`) before it searches: a text
the pattern finds something in always passes the look, and ordinary words do not. Every word of the rule's
placeholder list passes the look in any case and among any neighbours, and the rule reports a text holding one
exactly when `placeholders` (the pattern, with no look before it) finds something in it."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules._wording_common import spoken_readings
from ivrkit.rules.wd008_placeholder_text import (
    _PLACEHOLDER_HINT,
    PLACEHOLDER_WORDS,
    PlaceholderText,
    _may_hint,
    placeholders,
)

# Letters the hint's words are made of, in both cases, and the characters it looks for, among any others.
TEXTS = st.text(
    st.sampled_from(list("TODBAFIXMEKPLHRtodbafixmekplhrXxLlorem <[{}]>İıΣς ")) | st.characters(), max_size=30
)

_WORDS = sorted(PLACEHOLDER_WORDS)
_BRACKETS = set("<>[]{}")


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_every_text_the_hint_finds_something_in_passes_the_look(value):
    if _PLACEHOLDER_HINT.search(value):
        assert _may_hint(value, value.lower())


def test_the_look_passes_the_placeholders_and_not_ordinary_words():
    for value in ("Call <Your Company Name>", "at [NUMBER]", "{{ hours }}", "TODO", "TBA", "XXX-XXX", "Lorem ipsum"):
        assert _may_hint(value, value.lower()), value
    for value in ("Order invoice question reading energy support", "internet report question move invoice"):
        assert not _may_hint(value, value.lower()), value


def test_the_placeholder_words_are_the_long_ones_too():
    """The words below are drawn whole: the random texts above are too short to spell the long ones."""
    assert {"TODO", "TBD", "TBA", "FIXME", "TKTK", "PLACEHOLDER"} <= PLACEHOLDER_WORDS


def test_the_look_passes_every_placeholder_word_on_its_own():
    for word in _WORDS:
        for value in (word, word.lower(), word.title(), word.swapcase().title().swapcase()):
            assert _may_hint(value, value.lower()), value


@st.composite
def _cased(draw, word: str) -> str:
    how = draw(st.sampled_from(["upper", "lower", "title", "mixed"]))
    if how == "upper":
        return word.upper()
    if how == "lower":
        return word.lower()
    if how == "title":
        return word.title()
    return "".join(c.upper() if draw(st.booleans()) else c.lower() for c in word)


# Neighbours: letters (some of the words' own), digits, spaces and punctuation, brackets among them.
_NEIGHBOURS = st.text(st.sampled_from(list("abcxyzTODPLÄäé019 .,:;!?-'\"()/&<>[]{}_")), max_size=12)


@st.composite
def _texts_with_a_word(draw) -> tuple[str, str]:
    word = draw(st.sampled_from(_WORDS))
    return word, draw(_NEIGHBOURS) + draw(_cased(word)) + draw(_NEIGHBOURS)


def _menu(value: str) -> str:
    return (
        "ivrkit: 1\nname: t\nentry: m\nnodes:\n  m:\n    type: message\n"
        f"    say: {json.dumps(value)}\n    next: h\n  h: {{type: hangup, say: Goodbye.}}\n"
    )


@settings(max_examples=1500, deadline=None)
@given(_texts_with_a_word())
def test_every_placeholder_word_in_any_case_among_any_neighbours_passes_the_look(drawn):
    _, value = drawn
    assert _may_hint(value, value.lower()), value


@settings(max_examples=400, deadline=None)
@given(_texts_with_a_word())
def test_the_rule_reports_a_placeholder_word_exactly_when_the_plain_pattern_finds_it(drawn):
    word, value = drawn
    menuset = loads(_menu(value), Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))
    ctx = Context(menuset, config=LintConfig())
    assert [reading[3] for reading in spoken_readings(ctx) if reading[0] == "m"] == [value]
    found = [v for v in PlaceholderText().check(ctx) if v.node == "m"]
    expected = placeholders(value)
    assert bool(found) == bool(expected), (value, expected, found)
    if expected:
        assert len(found) == 1
        assert all(f'"{piece.strip()}"' in found[0].message for piece in expected), found[0].message
    upper = word.upper()
    at = value.find(upper)
    alone = (
        at >= 0
        and not (value[at - 1 : at].isalnum() or value[at - 1 : at] == "_")
        and not (
            value[at + len(upper) : at + len(upper) + 1].isalnum()
            or value[at + len(upper) : at + len(upper) + 1] == "_"
        )
    )
    if alone and not _BRACKETS & set(value):
        # The capitals on their own are a placeholder, whatever the pattern says.
        assert found, value
        assert f'"{upper}"' in found[0].message, found[0].message

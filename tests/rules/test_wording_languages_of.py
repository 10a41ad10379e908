"""`languages_of` (rules/_wording_common.py) hands back a one-language text's own pairs instead of stepping a
generator: the same (language, value) pairs, in order, as the plain definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.model import Span, Text
from ivrkit.rules._wording_common import languages_of

SPAN = Span("menu.yaml", 1, 1, 1, 2)
VALUES = st.sampled_from(["", " ", "\t\n", "pay a bill", " laskun maksu ", "\u3000", "x"])


def _plain(text: Text) -> list[tuple[str, str]]:
    return [(language, value) for language, value in text.values if value and value.strip()]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["en", "fi", "sv", "en-GB"]), VALUES | st.text(max_size=4)), max_size=4))
def test_the_pairs_are_those_of_the_plain_definition(values):
    text = Text(tuple(values), SPAN)
    assert list(languages_of(text)) == _plain(text)


def test_a_blank_text_says_nothing():
    assert list(languages_of(Text((("en", "  "),), SPAN))) == []
    assert list(languages_of(Text((("en", "pay"),), SPAN))) == [("en", "pay")]

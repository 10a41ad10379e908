"""WD008 looks for the pieces of its hint pattern as plain substrings (`_may_hint`) before it searches: a text
the pattern finds something in always passes the look, and ordinary words do not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.rules.wd008_placeholder_text import _PLACEHOLDER_HINT, _may_hint

# Letters the hint's words are made of, in both cases, and the characters it looks for, among any others.
TEXTS = st.text(
    st.sampled_from(list("TODBAFIXMEKPLHRtodbafixmekplhrXxLlorem <[{}]>İıΣς ")) | st.characters(), max_size=30
)


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

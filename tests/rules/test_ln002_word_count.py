"""LN002 counts the words of a plain ASCII prompt (letters and digits between spaces and separating
punctuation) by splitting it; held to the count of its word pattern for any text."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivrkit.rules.ln002_prompt_duration import _word_count

_PLAIN_WORD = r"[^\W_]+(?:['’-][^\W_]+)*"  # as LN002 wrote it before the split
_WORD_PARTS = ["ab", "Z9", "c", "ä", "\u212a"]
_BETWEEN = [" ", "  ", ".", ",", ";", ":", "!", "?", "\t", "\n", "-", "'", "’", "_", "/", "#", '"', "*", ""]


@settings(max_examples=500)
@given(
    st.lists(st.tuples(st.sampled_from(_WORD_PARTS), st.sampled_from(_BETWEEN)), max_size=8).map(
        lambda parts: "".join(word + between for word, between in parts)
    )
    | st.text(max_size=30)
)
@example("Please listen carefully, as our options have changed. You're calling about e-billing?")
def test_a_prompt_has_as_many_words_as_the_pattern_finds(value):
    assert _word_count(value) == len(re.findall(_PLAIN_WORD, value))

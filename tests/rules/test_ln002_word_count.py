"""LN002 counts the words of a plain ASCII prompt (letters and digits between spaces and separating
punctuation) by splitting it; held to the count of its word pattern for any text."""

from __future__ import annotations

import re

from hypothesis import example, given, settings

from ivrkit.rules.ln002_prompt_duration import _word_count
from tests.strategies import worded_texts

_PLAIN_WORD = r"[^\W_]+(?:['’-][^\W_]+)*"  # as LN002 wrote it before the split


@settings(max_examples=500)
@given(worded_texts(max_parts=8, max_size=30))
@example("Please listen carefully, as our options have changed. You're calling about e-billing?")
def test_a_prompt_has_as_many_words_as_the_pattern_finds(value):
    assert _word_count(value) == len(re.findall(_PLAIN_WORD, value))

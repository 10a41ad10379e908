"""The British endings the English dictionary tries are compiled with the dictionary, not at import, and
still read a British spelling as known."""

from __future__ import annotations

import re

import pytest

from ivrkit.language import spelling


def test_each_ending_is_a_pattern_source_that_turns_a_british_word_american():
    examples = ["colours", "organise", "analysed", "centre", "licences", "catalogue", "travelled", "programme"]
    americans = ["colors", "organize", "analyzed", "center", "licenses", "catalog", "traveled", "program"]
    assert len(spelling._BRITISH) == len(examples)
    for (ending, american), british, expected in zip(spelling._BRITISH, examples, americans, strict=True):
        assert isinstance(ending, str)
        assert re.compile(ending).sub(american, british) == expected


def test_a_british_ending_is_known_through_the_dictionary():
    english = spelling.dictionary("en-GB")
    if english is None:
        pytest.skip("no English dictionary installed")
    assert english.known("colour") and english.known("organisation") and english.known("centre")
    assert not english.known("colourx")

"""The timing model's fast paths say exactly what its patterns say.

`timing.features` counts a plain text (words of letters and digits between
white space, commas and full stops) without its regular expressions, and
`speech_seconds` keeps the parts that depend only on the language and rate.
Both must give the same numbers, to the last bit, as the model written out in
full: these tests hold them to a copy of the pattern-only `features` and of
the formula as it was written before the fast paths.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivrkit import timing


def features_by_patterns(text: str, language: str) -> tuple[int, int, int, int]:
    """`timing.features` as written before its fast path: every count by a regular expression."""
    finnish = not language.lower().startswith("en")
    syllables = letters = 0
    for token in timing._TOKEN.findall(text):
        s, n = timing._token(token, finnish)
        syllables += s
        letters += n
    clauses = len(timing._CLAUSE.findall(text))
    sentences = len(timing._STOP.findall(text))
    if sentences and timing._FINAL_STOP.search(text):
        sentences -= 1
    return syllables, letters, clauses, sentences


def seconds_written_out(text: str, language: str, rate: float) -> float:
    """`timing.speech_seconds` as written before it kept the scaled coefficients."""
    syllables, letters, clauses, sentences = features_by_patterns(text, language)
    if syllables == 0:
        return 0.0
    m = timing.model_for(language)
    slower = timing.DEFAULT_RATE / rate
    sounds, pauses, base = timing.RATE_EXPONENTS
    return (
        m.base * slower**base
        + (m.syllable * syllables + m.letter * letters) * slower**sounds
        + (m.comma * clauses + m.sentence * sentences) * slower**pauses
    )


# Characters that test every branch: letters (Finnish, capitals for acronyms), digits and a digit that is not
# decimal (²), a numeral letter (Ⅻ), apostrophes, every break the patterns know, the underscore (not a word
# character for `_TOKEN`), and white space of several kinds (the no-break space, the line separator).
_PIECES = list("aeiouyäöåbcdhklmnprstvAEZSMÅ0129²Ⅻ'’_,.!?;:()–—- \t\n\u00a0\u2028") + [
    " - ",
    "...",
    ". ",
    ", ",
    "SMS",
    "5G",
    "0800",
    "press",
    "paina",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=80)
languages = st.sampled_from(["en", "en-GB", "EN", "fi", "sv", "FI"])


@settings(max_examples=1500)
@given(texts, languages)
@example("Update support agent network address change plan.", "en")
@example("To contract service move question, press 3.", "en")
@example("Press 1. Then press 2.", "en")
@example("One.  \n", "fi")
@example("One. two", "en")
@example("One.two", "en")
@example("One .", "en")
@example("", "en")
@example(" , . ", "en")
def test_features_are_the_patterns_counts(text, language):
    assert timing.features(text, language) == features_by_patterns(text, language)


@settings(max_examples=500)
@given(texts, languages, st.sampled_from([165.0, 120.0, 220.0, 150, 97.5, 400.0]))
@example("To contract service move question, press 3.", "en", 165.0)
@example("Press 1. Then press 2.", "fi", 120.0)
@example("One - two.", "en", 165.0)
def test_speech_seconds_are_the_formula_written_out_to_the_last_bit(text, language, rate):
    timing.speech_seconds.cache_clear()
    expected = repr(seconds_written_out(text, language, rate))
    assert repr(timing.speech_seconds(text, language, rate)) == expected
    # the engine's way, which sums a usual text's pieces itself rather than asking `features`
    assert repr(timing.uncached_speech_seconds(text, language, rate)) == expected


def test_a_plain_text_is_one_of_isalnum_words_as_the_token_pattern_reads_them():
    # The fast path relies on `[^\W_]` (the token pattern's word character) being exactly str.isalnum, and on
    # no white space being alphanumeric: checked for every code point.
    every = "".join(map(chr, range(sys.maxunicode + 1))).replace("\ud800", "")
    every = "".join(c for c in every if not 0xD800 <= ord(c) <= 0xDFFF)
    by_pattern = set(re.findall(r"[^\W_]", every))
    assert by_pattern == {c for c in every if c.isalnum()}
    assert not any(c.isalnum() for c in every if c.isspace())
    assert {c for c in every if re.fullmatch(r"\s", c)} == {c for c in every if c.isspace()}


@pytest.mark.parametrize("tables", ["_TOKEN_TABLES", "_PIECE_TABLES"])
def test_the_token_and_piece_tables_stay_bounded_and_still_count(monkeypatch, tables):
    monkeypatch.setattr(timing, "_TOKENS_KEPT", 4)
    text = "alpha beta gamma delta epsilon zeta eta theta, iota kappa."
    for language in ("en", "fi"):
        assert timing.features(text, language) == features_by_patterns(text, language)
        assert timing.features(text + " mu", language) == features_by_patterns(text + " mu", language)
        assert len(getattr(timing, tables)[language == "fi"]) <= 4


@pytest.mark.parametrize("language", ["en", "fi", "en-GB", "de"])
def test_a_rate_not_seen_before_is_scaled_as_written(language):
    text = "Press 1, then hash. Or wait."
    for rate in (111.0, 165, 300.5):
        assert repr(timing.speech_seconds(text, language, rate)) == repr(seconds_written_out(text, language, rate))


long_pieces = st.sampled_from(["7777777", "77777777", "SMS", "Ⅻ", "a'b", "seitsemän", "-", "–", ",", ".", "!?", "x."])


@settings(max_examples=200, deadline=None)
@given(st.lists(long_pieces, min_size=1, max_size=600), st.sampled_from([" ", "  ", "\t", " \n"]), languages)
def test_a_long_text_counts_as_its_patterns_do(pieces, space, language):
    """Texts up to past `_PIECES_UP_TO` characters, of the pieces that speak the most letters per character
    (numbers) and make the most breaks: the sums of the pieces' packed counts never overflow a field."""
    text = space.join(pieces)
    assert timing.features(text, language) == features_by_patterns(text, language)
    assert repr(timing.uncached_speech_seconds(text, language, 130.0)) == repr(
        seconds_written_out(text, language, 130.0)
    )


def test_a_long_piece_is_counted_but_not_kept():
    """A run without white space longer than `_PIECE_KEPT_UP_TO` (text in a script without spaces) is counted
    each time, so a stream of such texts cannot fill memory; a word is kept."""
    long_run = "漢字" * 40 + "。"
    for language in ("en", "fi"):
        table = timing._PIECE_TABLES[language == "fi"]
        for text in (long_run, "word " + long_run):
            assert timing.features(text, language) == features_by_patterns(text, language)
        assert long_run not in table and "word" in table


@pytest.mark.parametrize("piece", ["x.", ",", "7777777", "a,b,c,d,e,f."])
def test_a_text_past_the_pieces_bound_counts_as_its_patterns_do(piece):
    """Past `_PIECES_UP_TO` characters a sum could overflow a packed field (4,096 sentence ends fill twelve
    bits): such a text is counted the other way."""
    text = " ".join([piece] * 5000)
    for language in ("en", "fi"):
        assert timing.features(text, language) == features_by_patterns(text, language)

"""`timing.features` remembers which token table (English, or the phonemic rest) each language as written uses;
it must count as the patterns do for any language name, however it is spelled, and stay bounded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit import timing

from .test_timing_fast_paths import features_by_patterns

_LANGUAGES = st.one_of(
    st.sampled_from(["en", "EN", "En-gb", "eN-US", "english", "fi", "FI", "sv", "de-EN", "e", ""]),
    st.text(alphabet="enENfiFI-_x", max_size=6),
)
_TEXTS = st.sampled_from(["Press 1, then hash.", "Paina yksi. Tai odota", "SMS 112 apteekki, thorough", "rhythm"])


@settings(max_examples=200, deadline=None)
@given(languages=st.lists(_LANGUAGES, min_size=1, max_size=8), text=_TEXTS)
def test_each_language_counts_with_its_own_table(languages, text):
    for language in languages:  # the first use of a language fills the memo, the later ones read it
        assert timing.features(text, language) == features_by_patterns(text, language), language


def test_the_language_memo_stays_bounded():
    for number in range(600):
        timing.features("Press 1.", f"x-{number}")
    assert len(timing._TABLE_OF) <= 256
    assert timing.features("Press 1.", "EN-GB") == features_by_patterns("Press 1.", "EN-GB")

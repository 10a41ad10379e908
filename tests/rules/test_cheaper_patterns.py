"""WD004 and KY002 read with cheaper tests than the patterns they replaced, giving the same answers:
WD004's separator test reads a curly apostrophe as a straight one (its pattern then compiles ~0.2 ms
quicker), KY002 takes a key `[1-9]` matched in full from a set."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.rules.ky002_key_order import _ONE_TO_NINE
from ivrkit.rules.wd004_long_labels import _has_other_separator

_WRITTEN = re.compile(r"[^\w\s'’-]")  # the pattern as it was written
TEXTS = st.text(
    st.sampled_from(list("ab1 _'’-.,/&\u2019\u2018\u00a0\x1c\t\u00e4\u0660")) | st.characters(), max_size=20
)


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
def test_wd004_finds_another_separator_where_the_written_pattern_does(value):
    assert _has_other_separator(value) is (_WRITTEN.search(value) is not None)


def test_wd004_reads_a_curly_apostrophe_as_a_word_joiner():
    assert not _has_other_separator("you’re done")
    assert _has_other_separator("bills‘ payments")  # the opening quote is not an apostrophe


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("0123456789*#٣ ")) | st.characters(), max_size=3))
def test_ky002_takes_the_keys_the_written_pattern_matches_in_full(key):
    assert (key in _ONE_TO_NINE) is (re.fullmatch(r"[1-9]", key) is not None)

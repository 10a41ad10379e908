"""WD005 searches an ASCII text for two capitals in a row or a digit with an ASCII pattern, which finds
something exactly where the general one does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.rules.wd005_jargon import _SUSPECT, _SUSPECT_ASCII

ASCII_TEXTS = st.text(st.sampled_from(list("aZ09_ -.AB") + [chr(c) for c in range(128)]), max_size=12)


@settings(max_examples=2000, deadline=None)
@given(ASCII_TEXTS)
def test_the_ascii_pattern_finds_something_where_the_general_one_does(value):
    assert (_SUSPECT_ASCII.search(value) is None) is (_SUSPECT.search(value) is None)


def test_the_ascii_pattern_finds_capitals_in_a_row_and_digits_only():
    assert _SUSPECT_ASCII.search("call the IT desk")
    assert _SUSPECT_ASCII.search("option 2")
    assert not _SUSPECT_ASCII.search("Pay A bill_now")

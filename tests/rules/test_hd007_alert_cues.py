"""HD007 searches an ASCII text for its built-in warnings only when the text's lower case holds one of the
cues (`_ALERT_CUES`): every warning pattern holds one as written, and every ASCII text the warnings match
holds one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.rules.hd007_timeout_alert import _ALERT, _ALERT_CUES, _ALERTS, _may_alert

_WORDS = sorted({word for pattern in _ALERTS for word in re.findall(r"[a-zäö]+", pattern)} - {"b"})
ASCII_TEXTS = st.lists(
    st.sampled_from(_WORDS).map(lambda w: w.upper() if len(w) % 3 == 0 else w)
    | st.text(st.characters(max_codepoint=127), max_size=5),
    max_size=10,
).map(" ".join)


def test_every_warning_pattern_holds_a_cue_as_written():
    for pattern in _ALERTS:
        assert any(cue in pattern for cue in _ALERT_CUES), pattern


@settings(max_examples=1000, deadline=None)
@given(ASCII_TEXTS | st.text(max_size=20))
def test_every_text_a_warning_matches_may_alert(text):
    if _ALERT.search(text):
        assert _may_alert(text)


def test_a_text_without_a_cue_is_not_searched_and_one_beyond_ascii_always_is():
    assert not _may_alert("Contract bill question support balance.")
    assert _may_alert("Are you STILL THERE?")
    assert _may_alert("Oletko vielä linjalla?")

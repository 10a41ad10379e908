"""The quick looks WD008 and WD010 take before reading a text closely: WD010's hint search finds a text
holding any of its hints (as one `in` per hint did), WD008's hint pattern matches where the pattern with
``[Xx]{3}`` did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.rules.wd008_placeholder_text import _PLACEHOLDER_HINT
from ivrkit.rules.wd010_verb_consistency import _HINTS, _hint

_HINT_WORDS = sorted({hint for hints in _HINTS.values() for hint in hints})
PIECES = st.sampled_from([*_HINT_WORDS, "press", "1", " ", "for", "ä", "Star", "HASH", "tähdellä", "hit"])
TEXTS = st.lists(PIECES | st.text(max_size=4), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.sampled_from(sorted(_HINTS)))
def test_the_hint_search_finds_a_text_with_any_hint(text, base):
    lowered = text.lower()
    assert (_hint(base).search(lowered) is not None) is any(hint in lowered for hint in _HINTS[base])


_WRITTEN_BEFORE = re.compile(r"[<\[{]|TODO|TBD|TBA|FIXME|TKTK|PLACEHOLDER|[Xx]{3}|[Ll]orem")
PLACEHOLDER_PIECES = st.sampled_from(
    ["x", "X", "xx", "<", "[", "{", "TOD", "TODO", "TBA", "Lorem", "lorem", "orem", " "]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PLACEHOLDER_PIECES | st.text(max_size=3), max_size=10).map("".join))
def test_the_placeholder_hint_matches_where_it_did(text):
    assert (_PLACEHOLDER_HINT.search(text) is None) is (_WRITTEN_BEFORE.search(text) is None)

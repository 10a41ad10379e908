"""WD005 looks for its `terms` in an ASCII text through the lower-cased terms and text (`_terms_in_ascii`):
it finds a term where the IGNORECASE pattern of the terms does, and is not used when a term could match
through a fold lower case does not make ("ſ" is an "s" to `re.IGNORECASE`)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules.wd005_jargon import Jargon, _terms_in_ascii

DEFAULT_TERMS = list(Jargon.options["terms"].default)


def _ignorecase_pattern(terms: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


_ASCII_TERM_WORDS = sorted({word for term in DEFAULT_TERMS if term.isascii() for word in re.split(r"(\W)", term)})
ASCII_TEXTS = st.lists(
    st.sampled_from(_ASCII_TERM_WORDS).map(lambda w: w.upper() if len(w) % 2 else w.title())
    | st.text(st.characters(max_codepoint=127), max_size=4),
    max_size=10,
).map(" ".join)
ASCII_TERMS = st.lists(st.text(st.characters(max_codepoint=127), min_size=1, max_size=6), min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(ASCII_TEXTS)
def test_the_default_terms_are_found_in_ascii_text_as_the_ignorecase_pattern_finds_them(text):
    quick = _terms_in_ascii(DEFAULT_TERMS)
    assert quick is not None
    assert (quick.search(text.lower()) is None) is (_ignorecase_pattern(DEFAULT_TERMS).search(text) is None)


@settings(max_examples=300, deadline=None)
@given(ASCII_TERMS, st.data())
def test_any_ascii_terms_are_found_as_the_ignorecase_pattern_finds_them(terms, data):
    text = data.draw(
        st.lists(st.sampled_from(terms) | st.text(st.characters(max_codepoint=127), max_size=3)).map("".join)
    )
    quick = _terms_in_ascii(terms)
    assert quick is not None
    assert (quick.search(text.lower()) is None) is (_ignorecase_pattern(terms).search(text) is None)


def test_a_term_that_cannot_match_ascii_is_left_out_and_one_that_can_turns_the_quick_look_off():
    only_finnish = _terms_in_ascii(["näyttöponnahdus"])
    assert only_finnish is not None and only_finnish.search("nayttoponnahdus n ytt ponnahdus") is None
    assert _terms_in_ascii(["ſcreen pop"]) is None  # the long s matches "s" and "S"
    assert _terms_in_ascii(["\u212aPI"]) is None  # the Kelvin sign matches "k"


def _findings(label: str, terms: list[str]) -> list[str]:
    text = f'ivrkit: 1\nname: t\nentry: main\nnodes:\n  main:\n    type: menu\n    options:\n      "1": {{label: "{label}", goto: bye}}\n  bye: {{type: hangup}}\n'
    menuset = loads(text, Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))
    return [v.message for v in Jargon({"terms": terms}).check(Context(menuset, config=LintConfig()))]


def test_a_term_written_with_a_long_s_is_still_found_in_ascii_text():
    assert _findings("open a screen pop", ["ſcreen pop"]) == [
        '"open a screen pop" uses words callers may not know: "screen pop"'
    ]
    assert _findings("open a Screen Pop", ["screen pop"]) == [
        '"open a Screen Pop" uses words callers may not know: "Screen Pop"'
    ]
    assert _findings("open a screen", ["screen pop", "näyttö"]) == []

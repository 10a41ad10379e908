"""How `concepts` reads a label's lexicon terms: the longest term starting at a word wins, a term cut short by
the label's end or by another word falls back to shorter ones, and a label with no term keeps its words. Its words are those `WORD_RE` finds."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ivrkit.language import concepts
from ivrkit.language.matching import _words
from ivrkit.language.tokens import WORD_RE


@pytest.mark.parametrize(
    ("label", "surface", "head", "task"),
    [
        ("report a power cut", (("report", "report"), ("=outage", "power cut")), "=outage", "report"),
        ("power bill", (("=outage", "power"), ("=bill", "bill")), "=bill", None),  # "power" alone is a term
        ("move home now", (("=move", "move home"),), "=move", "move"),  # "now" is a stop word
        ("move", (("=move", "move"),), "=move", "move"),  # ends where "move home" would go on
        ("hear the options again", (("=repeat", "hear options again"),), "=repeat", "hear"),  # three words
        ("hear options", (("hear", "hear"), ("option", "options")), "option", "hear"),  # not "options again"
        ("team member", (("team", "team"), ("member", "member")), "member", None),  # "member team" reversed
        ("customer", (("custom", "customer"),), "custom", None),  # starts "customer service", alone no term
        ("the", (), None, None),
    ],
)
def test_lexicon_terms_in_a_label(label, surface, head, task):
    found = concepts(label, "en")
    assert found.surface == surface
    assert found.concepts == frozenset(concept for concept, _ in surface)
    assert (found.head, found.task) == (head, task)


@given(st.one_of(st.text(alphabet="ab zä9²", max_size=30), st.text(alphabet="ab zä9²_-'’\t\n.,Ⅻ", max_size=30)))
@example("  pay  the bill ")
@example("e-lasku")
def test_a_label_is_split_into_the_words_the_word_pattern_finds(text):
    assert _words(text) == WORD_RE.findall(text)

"""The key-phrase reader's per-language patterns, compiled on first use, are the ones it compiled at import
before: same source, IGNORECASE, for English and Finnish; one compiled object per pattern."""

from __future__ import annotations

import re

import pytest

from ivrkit.language import keyphrases


@pytest.mark.parametrize("base", ["en", "fi"])
def test_the_per_language_patterns_are_the_eager_ones(base):
    eager = {
        "_JOINS": re.compile(rf",\s*(?:{keyphrases._JOIN[base]})\b", re.IGNORECASE),
        "_VERB_BEFORE_KEY": re.compile(
            rf"(?:{keyphrases._VERBS[base]})\s+{keyphrases._ARTICLE[base]}\S*\s*$", re.IGNORECASE
        ),
    }
    for table in ("_LABEL_LEAD", "_LABEL_END", "_CLAUSE_JOIN", "_TRAILING_JOIN"):
        eager[table] = re.compile(getattr(keyphrases, table)[base], re.IGNORECASE)
    for table, pattern in eager.items():
        lazy = keyphrases._ignoring_case(getattr(keyphrases, table)[base])
        assert (lazy.pattern, lazy.flags) == (pattern.pattern, pattern.flags), table


def test_a_pattern_is_compiled_once():
    source = keyphrases._LABEL_END["fi"]
    assert keyphrases._ignoring_case(source) is keyphrases._ignoring_case(source)
    assert keyphrases._patterns("en") is keyphrases._patterns("en")


def test_finnish_labels_read_as_before():
    text = "Laskutusasiat: paina 1. Paina 2, jos haluat muuttaa. Valitse 3."
    assert keyphrases.labels_from_prompt(text, "fi") == {"1": "Laskutusasiat", "2": "muuttaa", "3": None}

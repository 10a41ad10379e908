"""`concepts` reads a label through per-word tables (each word's normal form and whether a lexicon term starts
with it, kept per language) and looks a term of two words or more up only when its first two words begin one.
Held here to the plain reading it replaced: every content word read afresh, every term size tried at every
word, a frozen record built field by field."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivrkit.language import matching
from ivrkit.language.lexicon import phrase_table
from ivrkit.language.normalise import normaliser
from ivrkit.language.stopwords import is_stop_word


def _plain_concepts(text: str, language: str) -> tuple:
    """(concepts, head, surface, task) of `text`, read as `concepts` read it before its per-word tables."""
    norm = normaliser(language, "auto")
    table = dict(phrase_table(language, "auto")[0])
    starts: dict[str, int] = {}
    for key in table:
        starts[key[0]] = max(starts.get(key[0], 0), len(key))
    tasks = frozenset(norm(v) for v in matching._TASK_VERBS.get(language.split("-")[0].lower(), "").split())
    lowered = text.lower().replace("’", "'")
    content = []
    for word in matching.WORD_RE.findall(lowered):
        normal = norm(word)
        if not is_stop_word(word, language, normal):
            content.append((word, normal))
    task = content[0][1] if content and content[0][1] in tasks else None
    if not any(normal in starts for _, normal in content):
        found = [(normal, word) for word, normal in content]
        return frozenset(n for n, _ in found), found[-1][0] if found else None, tuple(found), task
    normals = [normal for _, normal in content]
    found, i, count = [], 0, len(content)
    while i < count:
        word, normal = content[i]
        longest = starts.get(normal)
        if longest is not None:
            size = min(longest, count - i)
            concept = None
            while size >= 1:
                concept = table.get(tuple(normals[i : i + size]))
                if concept is not None:
                    break
                size -= 1
            if concept is not None:
                surface = word if size == 1 else " ".join(w for w, _ in content[i : i + size])
                found.append(("=" + concept, surface.rstrip("-")))
                i += size
                continue
        found.append((normal, word.rstrip("-")))
        i += 1
    return frozenset(c for c, _ in found), found[-1][0] if found else None, tuple(found), task


_WORDS = {
    # lexicon terms of one, two and three words, their parts in other orders, stop words, task verbs,
    # hyphenated and suspended compounds, capitals and curly apostrophes
    "en": """power cut outage failure loss of supply real person member of the team customer service account
        balance owe burst pipe water leak move home house change address meter reading end contract hear the
        options again option menu again bill billing payments pay invoice agent adviser report record play
        message the a to your with and e-billing SIM-only you’re asukas- Power CUT""".split(),
    "fi": """lasku laskut maksuasia maksuasiat sähkö poikki sähkönjakelu keskeytys tili saldo vaihtoehto
        vaihtoehdot uudelleen laskutus maksu maksuajan pidennys ja tai asukas- yrityspysäköinti e-lasku
        kuuntele nauhoita viesti Sähkö""".split(),
}


@st.composite
def _label(draw):
    language = draw(st.sampled_from(sorted(_WORDS)))
    words = draw(st.lists(st.sampled_from(_WORDS[language]), max_size=8))
    joiner = draw(st.sampled_from([" ", "  ", ", ", " - "]))
    return joiner.join(words), language


def _as_tuple(found) -> tuple:
    return found.concepts, found.head, found.surface, found.task


@settings(max_examples=400)
@given(_label())
@example(("hear the options again", "en"))
@example(("power", "en"))
@example(("move home now", "en"))
@example(("asukas- ja yrityspysäköinti", "fi"))
@example(("sähkö poikki", "fi"))
def test_concepts_read_as_the_plain_reading_does(label):
    text, language = label
    matching.concepts.cache_clear()  # each label read, not recalled; the word tables stay filled
    assert _as_tuple(matching.concepts(text, language)) == _plain_concepts(text, language)


@settings(max_examples=100)
@given(_label())
def test_concepts_read_alike_when_the_word_table_is_full(monkeypatch_label):
    # words not kept: whether a term may start is then judged as each word is read
    text, language = monkeypatch_label
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching, "_WORDS_KEPT", 0)
        matching._tables.cache_clear()
        matching.concepts.cache_clear()
        try:
            assert _as_tuple(matching.concepts(text, language)) == _plain_concepts(text, language)
        finally:
            matching._tables.cache_clear()
            matching.concepts.cache_clear()

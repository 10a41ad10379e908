"""How alike two option labels sound: tokens -> stop words out -> lemma/stem -> synonym concepts -> Jaccard.

>>> overlap("billing", "payments", "en") is not None
True
>>> overlap("report a power cut", "pay your bill", "en") is None
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .lexicon import phrase_table
from .normalise import normaliser
from .stopwords import is_stop_word
from .tokens import WORD_RE

_WORDS = WORD_RE.findall

__all__ = ["LabelConcepts", "Overlap", "concepts", "similarity", "overlap", "DEFAULT_THRESHOLD"]

DEFAULT_THRESHOLD = 0.5
_LEXICAL = "="  # prefix of a lexicon concept, so it never equals a plain normal form


@dataclass(frozen=True, slots=True)
class LabelConcepts:
    """What a label is about: its `concepts` (lexicon concepts and the normal forms of its other content
    words), the `head` (the concept of its last content word), and the words that gave each concept."""

    concepts: frozenset[str]
    head: str | None
    surface: tuple[tuple[str, str], ...]  # (concept, words as written), in order

    def words_for(self, concept: str) -> str:
        return next((text for c, text in self.surface if c == concept), display(concept))


@dataclass(frozen=True, slots=True)
class Overlap:
    """Why two labels are too alike: the Jaccard `score`, the `shared` concepts and whether the heads match."""

    score: float
    shared: tuple[str, ...]
    same_head: bool

    def describe(self) -> str:
        return ", ".join(display(c) for c in self.shared)


def display(concept: str) -> str:
    """A concept as shown to people: lexicon concepts by name, other concepts as their normal form."""
    return concept[len(_LEXICAL) :] if concept.startswith(_LEXICAL) else concept


def is_lexical(concept: str | None) -> bool:
    return bool(concept) and concept.startswith(_LEXICAL)  # type: ignore[union-attr]


@functools.lru_cache(maxsize=64)
def _tables(language: str, backend: str):
    """Per language and backend: word -> (normal form, or None for a stop word), the phrase table, and
    for each normal form the longest lexicon phrase starting with it."""
    norm = normaliser(language, backend)
    table, _ = phrase_table(language, backend)
    starts: dict[str, int] = {}
    for key in table:
        starts[key[0]] = max(starts.get(key[0], 0), len(key))
    cache: dict[str, str | None] = {}

    def word_info(word: str) -> str | None:
        normal: str | None = norm(word)
        if is_stop_word(word, language, normal):
            normal = None
        if len(cache) < 500_000:
            cache[word] = normal
        return normal

    return cache, word_info, table, starts


_MISSING = object()


@functools.lru_cache(maxsize=100_000)
def concepts(text: str, language: str, backend: str = "auto") -> LabelConcepts:
    """The concepts of `text` in `language`, with synonyms merged by the lexicon."""
    cache, word_info, table, starts = _tables(language, backend)
    lowered = text.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    found: list[tuple[str, str]] = []
    content: list[tuple[str, str]] = []
    phrases = False
    for word in _WORDS(lowered):
        normal = cache.get(word, _MISSING)
        if normal is _MISSING:
            normal = word_info(word)
        if normal is not None:
            content.append((word, normal))  # type: ignore[arg-type]
            if normal in starts:
                phrases = True
    if not phrases:
        found = [(normal, word) for word, normal in content]
        for normal, _ in found:
            if (normal,) in table:
                break
        else:
            return LabelConcepts(frozenset(n for n, _ in found), found[-1][0] if found else None, tuple(found))
        found = []
    i, count = 0, len(content)
    while i < count:
        word, normal = content[i]
        size = min(starts.get(normal, 1), count - i)
        while size > 0:
            concept = table.get(tuple(n for _, n in content[i : i + size]) if size > 1 else (normal,))
            if concept is not None:
                surface = word if size == 1 else " ".join(w for w, _ in content[i : i + size])
                found.append((_LEXICAL + concept, surface.rstrip("-")))
                i += size
                break
            size -= 1
        else:
            found.append((normal, word.rstrip("-")))
            i += 1
    return LabelConcepts(frozenset(c for c, _ in found), found[-1][0] if found else None, tuple(found))


def similarity(a: LabelConcepts, b: LabelConcepts) -> float:
    """Jaccard similarity of two labels' concept sets (0 when either has none)."""
    if not a.concepts or not b.concepts:
        return 0.0
    return len(a.concepts & b.concepts) / len(a.concepts | b.concepts)


def compare(a: LabelConcepts, b: LabelConcepts, threshold: float = DEFAULT_THRESHOLD) -> Overlap | None:
    """An `Overlap` when two labels are too alike, else None.

    They are too alike when they share at least `threshold` of their
    concepts and what they share matters (a lexicon concept, or the same
    head); or when their heads are the same lexicon concept and one label
    says nothing the other does not ("laskut" and "perintään siirtynyt
    lasku" are both about a bill, and "laskut" adds nothing). Labels that
    differ in their head ("the light is red", "the light is off") or in
    their verb ("place an order", "hear about your order") are not reported
    unless they share `threshold` of a lexicon concept.
    """
    shared = a.concepts & b.concepts
    if not shared:
        return None
    score = len(shared) / len(a.concepts | b.concepts)
    same_head = a.head is not None and a.head == b.head
    lexical_head = same_head and is_lexical(a.head)
    nested = a.concepts <= b.concepts or b.concepts <= a.concepts
    if (lexical_head and nested) or (score >= threshold and (same_head or any(is_lexical(c) for c in shared))):
        ordered = tuple(dict.fromkeys(c for c, _ in a.surface if c in shared))
        return Overlap(score, ordered, lexical_head)
    return None


def overlap(
    first: str, second: str, language: str, threshold: float = DEFAULT_THRESHOLD, backend: str = "auto"
) -> Overlap | None:
    """Whether two labels in `language` are too alike for a caller to tell apart (see `compare`)."""
    return compare(concepts(first, language, backend), concepts(second, language, backend), threshold)

"""How alike two option labels sound: tokens -> stop words out -> lemma/stem -> synonym concepts -> Jaccard.

>>> overlap("billing", "payments", "en") is not None
True
>>> overlap("report a power cut", "pay your bill", "en") is None
True
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations
from typing import NamedTuple

from ..model import model_class
from .lexicon import phrase_table
from .normalise import cleared_with_backend, normaliser
from .stopwords import is_stop_word
from .tokens import WORD_RE

_WORDS = WORD_RE.findall


def _words(lowered: str) -> list[str]:
    """The words `WORD_RE` finds in `lowered`. Most labels are letters, digits and spaces only: those are split
    at their spaces, which gives the same words (a word is a run of letters and digits, as `isalnum` has them)
    in half the time."""
    return lowered.split() if lowered.replace(" ", "").isalnum() else _WORDS(lowered)


__all__ = ["LabelConcepts", "Overlap", "concepts", "similarity", "overlap", "candidate_pairs", "DEFAULT_THRESHOLD"]

DEFAULT_THRESHOLD = 0.5
_LEXICAL = "="  # prefix of a lexicon concept, so it never equals a plain normal form


class LabelConcepts(
    NamedTuple(
        "LabelConcepts",
        [
            ("concepts", frozenset[str]),
            ("head", str | None),
            ("surface", tuple[tuple[str, str], ...]),  # (concept, words as written), in order
            ("task", str | None),  # the normal form of the task verb the label starts with ("record a message")
        ],
    )
):
    """What a label is about: its `concepts` (lexicon concepts and the normal forms of its other content
    words), the `head` (the concept of its last content word), and the words that gave each concept.

    A named tuple, not a frozen dataclass: a lint builds one per label, and a tuple is built and hashed
    (WD001 groups labels by it) in C. Made as `model.Span` is (the fields given to `NamedTuple(...)` as
    real types, so no field compiles a `ForwardRef` at import); `__new__` gives `task` its default."""

    __slots__ = ()

    def __new__(
        cls,
        concepts: frozenset[str],
        head: str | None,
        surface: tuple[tuple[str, str], ...],
        task: str | None = None,
    ) -> LabelConcepts:
        return tuple.__new__(cls, (concepts, head, surface, task))

    def words_for(self, concept: str) -> str:
        return next((text for c, text in self.surface if c == concept), display(concept))


@model_class
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


# Task verbs an option label may start with: "record a message" and "play back recorded message" are
# two tasks on one object, not two names for one goal. English labels are imperatives; Finnish ones are
# usually nouns ("viestin kuuntelu"), but imperatives ("kuuntele viestit") occur too.
_TASK_VERBS = {
    "en": """pay report check hear listen play record leave book cancel change update order track renew
        register join create enter reset activate transfer move apply find request send set stop start
        open close add remove delete review confirm return reach manage schedule reschedule buy top
        dial call collect pick sign log top claim file submit upgrade switch""",
    "fi": """maksa ilmoita tarkista kuuntele nauhoita jätä varaa peru muuta päivitä tilaa seuraa uusi
        rekisteröidy liity luo syötä näppäile siirrä hae lähetä lopeta aloita avaa sulje lisää poista
        vahvista palaa soita""",
}


class _Tables(
    NamedTuple(
        "_Tables",
        [
            ("words", dict[str, tuple[str, str] | None]),  # word -> its (normal form, word), None for a stop word
            ("opening", set[str]),  # the words in `words` whose normal form starts a lexicon term
            ("read", Callable[[str], tuple[str, str] | None]),  # reads a word not in `words` (and keeps it there)
            ("terms", dict[tuple[str, ...], str]),  # the lexicon: normal forms -> concept
            ("longest", dict[str, int]),  # normal form -> the most words of a term starting with it
            ("two", set[tuple[str, str]]),  # the first two normal forms of each term of two words or more
            ("firsts", frozenset[str]),  # the first normal form of each term of two words or more
            # word in `words` -> what it gives in a label with a term, outside a longer one
            ("alone", dict[str, tuple[str, str]]),
            ("single", dict[str, str]),  # normal form -> its concept as a term of one word, `_LEXICAL`-prefixed
            ("tasks", frozenset[str]),  # the normal forms of the task verbs
        ],
    )
):
    """What `concepts` reads a label with, per language and backend (`_tables`; made as `model.Span` is)."""

    __slots__ = ()


@cleared_with_backend
@functools.lru_cache(maxsize=64)
def _tables(language: str, backend: str) -> _Tables:
    """The `_Tables` of a language and backend; its word table fills as words are read."""
    norm = normaliser(language, backend)
    terms = dict(phrase_table(language, backend)[0])  # a dict: faster to look up than its read-only view
    longest: dict[str, int] = {}
    for key in terms:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    two = {key[:2] for key in terms if len(key) > 1}
    firsts = frozenset(first for first, _ in two)
    single = {key[0]: _LEXICAL + concept for key, concept in terms.items() if len(key) == 1}
    tasks = frozenset(norm(verb) for verb in _TASK_VERBS.get(language.split("-")[0].lower(), "").split())
    cache: dict[str, tuple[str, str] | None] = {}
    opening: set[str] = set()
    alone: dict[str, tuple[str, str]] = {}

    def read(word: str) -> tuple[str, str] | None:
        normal = norm(word)
        pair = None if is_stop_word(word, language, normal) else (normal, word)
        if len(cache) < _WORDS_KEPT:
            cache[word] = pair
            if pair is not None:
                alone[word] = _alone(pair, single)
                if normal in longest:
                    opening.add(word)
        return pair

    return _Tables(cache, opening, read, terms, longest, two, firsts, alone, single, tasks)


def _alone(pair: tuple[str, str], single: dict[str, str]) -> tuple[str, str]:
    """(concept, words as written) of a content word (`pair`: its normal form and the word) read on its own in a
    label with a lexicon term: its term of one word, else its normal form; the word without a trailing hyphen."""
    normal, word = pair
    concept = single.get(normal)
    if concept is None:
        return pair if word[-1] != "-" else (normal, word.rstrip("-"))
    return concept, word.rstrip("-")


_WORDS_KEPT = 500_000
"""The most words `_tables` keeps per language (a lint of many files reads only so many distinct words)."""
_MISSING = object()
_NOTHING: frozenset[str] = frozenset()


# Labels repeat within a menu set (global options in every menu), rarely across files: a small bound keeps
# a lint of many files from holding every label it ever read.
@cleared_with_backend
@functools.lru_cache(maxsize=4096)
def concepts(text: str, language: str, backend: str = "auto") -> LabelConcepts:
    """The concepts of `text` in `language`, with synonyms merged by the lexicon.

    Its content words (stop words out) are read as normal forms; from the first, the longest lexicon term
    starting at each word becomes one concept (a term cut short by the label's end or another word falls back
    to shorter ones, down to a term of one word); any other word is its own normal form."""
    tables = _tables(language, backend)
    cache, longest = tables.words, tables.longest
    lowered = text.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    # Each content word as its (normal form, word) pair, read once per word and kept: labels share a small
    # vocabulary. Whether a lexicon term may start in the label is then one set test over its words.
    split = _words(lowered)
    content: list[tuple[str, str]] = []
    phrases = False
    for word in split:
        pair = cache.get(word, _MISSING)
        if pair is _MISSING:
            pair = tables.read(word)
            if pair is not None and pair[0] in longest:  # also when the cache is full and `opening` not kept
                phrases = True
        if pair is not None:
            content.append(pair)
    if not content:
        return LabelConcepts(_NOTHING, None, (), None)
    first = content[0][0]
    task = first if first in tables.tasks else None
    if not phrases and tables.opening.isdisjoint(split):  # no lexicon term starts with any of its words
        return LabelConcepts(frozenset([normal for normal, _ in content]), content[-1][0], tuple(content), task)
    terms, two, firsts, alone, single = tables.terms, tables.two, tables.firsts, tables.alone, tables.single
    found: list[tuple[str, str]] = []
    i, count = 0, len(content)
    while i < count:
        pair = content[i]
        normal = pair[0]
        if normal in firsts and i + 1 < count and (normal, content[i + 1][0]) in two:  # a longer term may start
            normals = tuple(n for n, _ in content[i : i + longest[normal]])
            size = len(normals)
            while size > 1:
                concept = terms.get(normals[:size])
                if concept is not None:
                    surface = " ".join(w for _, w in content[i : i + size])
                    found.append((_LEXICAL + concept, surface.rstrip("-")))
                    i += size
                    break
                size -= 1
            else:
                found.append(alone.get(pair[1]) or _alone(pair, single))
                i += 1
            continue
        found.append(alone.get(pair[1]) or _alone(pair, single))
        i += 1
    return LabelConcepts(frozenset([c for c, _ in found]), found[-1][0], tuple(found), task)


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
    unless they share `threshold` of a lexicon concept. Two labels that
    start with different task verbs ("record a message", "play back recorded
    message") are two tasks on one object: they are reported only when they
    share a lexicon concept.
    """
    shared = a.concepts & b.concepts
    if not shared:
        return None
    if a.task and b.task and a.task != b.task and not any(is_lexical(c) for c in shared):
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


# -- finding the pairs to compare without comparing every pair ---------------------------

_SMALL = 8
"""Labels with at most this many concepts are matched by their concept subsets (at most C(8, 4) = 70 per
partner size); a label with more (a sentence, not a label) is compared with every label it shares a concept
with."""


@functools.lru_cache(maxsize=1024)
def _needed(a: int, b: int, threshold: float) -> int | None:
    """The fewest shared concepts two labels of `a` and `b` concepts need for a Jaccard >= `threshold`
    (computed as `compare` does), or None when no number is enough."""
    for shared in range(1, min(a, b) + 1):
        if shared / (a + b - shared) >= threshold:
            return shared
    return None


_FEW = 64
"""Up to this many labels (a menu's options, not a directory) every pair is tried: a set intersection per pair
is cheaper than building the subset tables. Measured, tried against tables: 8 labels of 3-5 words (the words of
bench/generate_large_menu.py) 10 against 130 us, 64 such labels 0.38 against 1.4 ms, 64 directory labels
("person0042 in sales") 0.27 against 0.41 ms; the tables win from about 130 directory labels."""


def _pairs_by_trying_each(labels: Sequence[LabelConcepts], threshold: float) -> set[tuple[int, int]]:
    """The pairs `candidate_pairs` must give, found by trying every pair: those sharing a concept whose
    Jaccard similarity is at least `threshold` (the same division as `compare`'s), or whose heads are the same
    lexicon concept with one label's concepts inside the other's."""
    pairs: set[tuple[int, int]] = set()
    sized = [
        (found, len(found), head if head and head[0] == _LEXICAL else None) for found, head, _, _ in labels
    ]  # (`is_lexical` inlined: this runs for every menu)
    for j in range(1, len(sized)):
        second, second_size, second_head = sized[j]
        for i in range(j):
            first, first_size, first_head = sized[i]
            if first.isdisjoint(second):  # no set built for a pair sharing nothing
                continue
            common = len(first & second)
            if common / (first_size + second_size - common) >= threshold or (
                first_head is not None and first_head == second_head and common in (first_size, second_size)
            ):
                pairs.add((i, j))
    return pairs


def candidate_pairs(labels: Sequence[LabelConcepts], threshold: float = DEFAULT_THRESHOLD) -> set[tuple[int, int]]:
    """Index pairs (i, j), i < j, that include every pair `compare` reports, without trying every pair of many labels.

    `compare` reports a pair only when (a) their heads are the same lexicon concept and one's concepts
    contain the other's, or (b) their Jaccard similarity is at least `threshold`. Both are found through
    hash tables instead of pairwise: (a) by looking up every subset of a label that keeps its head, (b) by
    the subsets of the size such a pair must share, per pair of label sizes; so every pair found for (b)
    meets the threshold. The work grows with the number of labels and of pairs found, not with the number
    of pairs of labels that merely share a word ("Virtanen in sales", "Korhonen in sales"). Labels with more
    than `_SMALL` concepts, and every label when `threshold` <= 0, are paired with each label they share a
    concept with. Up to `_FEW` labels every pair is tried instead, and only the pairs (a) and (b) are given.
    """
    if len(labels) <= _FEW:
        return _pairs_by_trying_each(labels, threshold)
    return _pairs_by_index(labels, threshold)


def _pairs_by_index(labels: Sequence[LabelConcepts], threshold: float) -> set[tuple[int, int]]:
    """The pairs `candidate_pairs` must give (and maybe more), found through the hash tables it describes."""
    pairs: set[tuple[int, int]] = set()
    small = [i for i, label in enumerate(labels) if label.concepts and len(label.concepts) <= _SMALL]
    large = [i for i, label in enumerate(labels) if len(label.concepts) > _SMALL]
    if large or threshold <= 0:
        holding: dict[str, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            for concept in label.concepts:
                holding[concept].append(i)
        for i in range(len(labels)) if threshold <= 0 else large:
            for concept in labels[i].concepts:
                pairs.update((min(i, j), max(i, j)) for j in holding[concept] if j != i)
        if threshold <= 0:
            return pairs
    # (a) same lexical head, one nested in the other
    by_set: dict[tuple[frozenset[str], str], list[int]] = defaultdict(list)
    for i in small:
        if is_lexical(labels[i].head):
            by_set[(labels[i].concepts, labels[i].head)].append(i)  # type: ignore[index]
    for i in small:
        head = labels[i].head
        if not is_lexical(head):
            continue
        rest = sorted(labels[i].concepts - {head})
        for size in range(len(rest) + 1):
            for part in combinations(rest, size):
                for j in by_set.get((frozenset((head, *part)), head), ()):  # type: ignore[arg-type]
                    if j != i:
                        pairs.add((min(i, j), max(i, j)))
    # (b) Jaccard >= threshold: a pair of sizes (a, b) shares some subset of _needed(a, b) concepts
    if threshold <= 1:
        buckets: dict[tuple, list[int]] = defaultdict(list)
        for i in small:
            items = sorted(labels[i].concepts)
            own = len(items)
            for partner in range(1, _SMALL + 1):
                shared = _needed(own, partner, threshold)
                if shared is None:
                    continue
                for part in combinations(items, shared):
                    bucket = buckets[(part, own, partner)]
                    if own == partner:
                        pairs.update((j, i) for j in bucket)  # i is the latest so far
                    else:
                        pairs.update((min(i, j), max(i, j)) for j in buckets.get((part, partner, own), ()))
                    bucket.append(i)
    return pairs

"""Information scent: how strongly an option's words promise a caller's goal, from 0 (nothing) to 1 (all of it).

`scent(goal, goal_language, option_text, option_language, destination=...,
context=...)` reads both texts the same way, offline and deterministically:

1. words (`ivrkit.language.tokens`), without stop words and caller filler
   ("I'd like to ask about", `data/caller-words.yaml`);
2. each word's normal form (`ivrkit.language.normaliser`: Voikko lemmas for
   Finnish where installed, else snowball stems), and for Finnish every
   reading Voikko gives (all lemmas, the parts of a compound:
   "maksusuunnitelma" -> maksu, suunnitelma); a rare compound with no concept
   of its own becomes one unit per part ("luottokorttilasku" -> card, bill);
3. phrases of the synonym lexicons (`synonyms.yaml` and `caller-words.yaml`)
   merged into one concept each, longest first ("my electricity is off" ->
   outage).

Each unit of the goal (a concept, or a word's normal form) counts by how much
it says: rare words more than common ones (`word_weight`: `wordfreq`'s Zipf
frequency where installed, else every word alike), and `UNHEARD` as much when
no option of the menu (`context`) speaks to it. A goal unit matches an
option unit fully when they are the same concept or normal form (1), partly
when one holds the other as a reading, a compound part or a word of its
phrase (`PARTIAL`), or when their stems share a long prefix, for inflections
no analyser read (`PREFIX`). The option's label is what the caller hears;
the words its destination says when reached count `DESTINATION` as much
(the caller does not hear them, but a label means what its destination
does). The score is the weighted share of the goal the option covers
(recall), lowered by up to `PRECISION` for label words the goal did not ask
about. Concepts are named alike in every language, so a Finnish goal
matches an English label through them.
"""

from __future__ import annotations

import functools
import re

from ..language.lexicon import caller_broader, caller_filler, caller_negation, caller_phrase_table
from ..language.normalise import cleared_with_backend, lemma_info, normaliser, voikko
from ..language.stopwords import is_stop_word
from ..language.tokens import WORD_RE
from ..model import model_class

__all__ = [
    "Scent",
    "Unit",
    "scent",
    "units",
    "word_weight",
    "wordfreq_available",
    "PARTIAL",
    "PREFIX",
    "DESTINATION",
    "context_weight",
]

PARTIAL = 0.6
"""A goal unit found in an option only as a reading, a compound part or one word of a phrase."""
PREFIX = 0.5
"""A goal word whose stem shares a long prefix with an option word's (an inflection no analyser read)."""
DESTINATION = 0.5
"""How much a match in the destination's words counts against one in the label the caller hears."""
PRECISION = 0.25
"""The most a label loses for words the goal did not ask about (a label that is only the goal scores 1)."""
COMPOUND_ZIPF = 3.0
"""A Finnish compound at least this common (wordfreq's Zipf: once per million words) is not split."""
UNHEARD = 0.5
"""How much a goal word counts that no option of the menu speaks to ("next week" in "moving house next
week"): the caller listens for the words of their goal the menu has; the rest still makes every option fit
less, but less so."""
_MIN_PREFIX = 4
_COMPOUNDING = frozenset({"fi", "sv", "de", "nl", "da", "nb", "nn", "no", "et"})
_LEXICAL = "="  # a lexicon concept, never equal to a plain normal form
_NAMES = frozenset({"etunimi", "sukunimi", "paikannimi", "nimi"})  # Voikko's proper-name classes
_PIECE = re.compile(r"\+([^+(]*)(?:\((\+?[^)]*)\))?")  # one piece of Voikko's WORDBASES: letters(base)


@model_class
class Scent:
    """How much an option promises a goal: `score` in [0, 1] and the goal's `words` (as the caller said
    them) that matched, in the goal's order."""

    score: float
    words: tuple[str, ...] = ()


@model_class
class Unit:
    """One thing a text is about: a lexicon concept or a content word.

    `main` is the concept (``=name``) or the normal form; `keys` every form it
    may partly match (the normal forms of its words, their other readings and
    compound parts, and those parts' concepts); `stems` the normal forms of
    its words for prefix matching; `surface` the words as written.
    """

    main: str
    keys: frozenset[str]
    stems: tuple[str, ...]
    surface: str
    weight: float


def scent(
    goal: str,
    goal_language: str,
    option_text: str,
    option_language: str,
    *,
    destination: str = "",
    context: tuple[str, ...] = (),
) -> Scent:
    """How strongly `option_text` (and, less, `destination`, what its destination says) promises `goal`.

    `context` is the text of every option heard in the same menu (in the option's language; this one may
    be among them): a goal word none of them speaks to counts `UNHEARD` as much (`context_weight`). Without
    it every goal word counts by its rarity alone.
    """
    return _scent(goal, goal_language, option_text, option_language, destination, tuple(sorted(set(context))))


@cleared_with_backend
@functools.lru_cache(maxsize=65_536)
def _scent(
    goal: str, goal_language: str, option_text: str, option_language: str, destination: str, context: tuple[str, ...]
) -> Scent:
    wanted = _distinct(units(goal, goal_language))
    if not wanted:
        return Scent(0.0)
    label = units(option_text, option_language)
    beyond = units(destination, option_language) if destination else ()
    others = [units(text, option_language) for text in context if text != option_text]
    others.append(label)
    weights = [unit.weight * context_weight(unit, others) for unit, _ in wanted]
    covered = 0.0
    words: list[str] = []
    for (unit, said), weight in zip(wanted, weights):
        found = max((_match(unit, other) for other in label), default=0.0)
        if found < 1.0 and beyond:
            found = max(found, DESTINATION * max(_match(unit, other) for other in beyond))
        if found > 0.0:
            covered += weight * found
            words.extend(said)
    if covered == 0.0:
        return Scent(0.0)
    recall = covered / sum(weights)
    heard = [unit for unit, _ in _distinct(label)]
    precision = 0.0  # a label of no content words promises nothing itself, only its destination does
    if heard:
        matched = sum(u.weight * max(_match(w, u) for w, _ in wanted) for u in heard)
        precision = matched / sum(u.weight for u in heard)
    score = recall * (1.0 - PRECISION + PRECISION * precision)
    return Scent(min(1.0, max(0.0, score)), tuple(dict.fromkeys(words)))


def context_weight(unit: Unit, options: list[tuple[Unit, ...]]) -> float:
    """How much a goal unit counts in a menu of `options`: `UNHEARD` when no option matches it, else 1 (and
    1 without a menu, fewer than two options)."""
    if len(options) < 2:
        return 1.0
    if any(_match(unit, other) > 0.0 for found in options for other in found):
        return 1.0
    return UNHEARD


def _distinct(found: tuple[Unit, ...]) -> list[tuple[Unit, tuple[str, ...]]]:
    """One unit per concept, with the words said for it ("pay my bill" is one goal, said as "pay", "bill")
    and the largest weight among them."""
    merged: dict[str, tuple[Unit, tuple[str, ...]]] = {}
    for unit in found:
        kept = merged.get(unit.main)
        if kept is None:
            merged[unit.main] = (unit, (unit.surface,))
        else:
            first, said = kept
            weight = max(first.weight, unit.weight)
            merged[unit.main] = (
                Unit(first.main, first.keys | unit.keys, first.stems + unit.stems, first.surface, weight),
                said + (unit.surface,),
            )
    return list(merged.values())


def _match(goal: Unit, option: Unit) -> float:
    if goal.main == option.main:
        return 1.0
    if goal.main in option.keys or option.main in goal.keys:
        return PARTIAL
    for first in goal.stems:
        for second in option.stems:
            if _prefix_match(first, second):
                return PREFIX
    return 0.0


def _prefix_match(first: str, second: str) -> bool:
    """Stems of one word in two inflections: a shared prefix of at least 4 letters that leaves at most
    two letters of the shorter ("maksam" and "maks", "laskuu" and "lasku")."""
    shorter = min(len(first), len(second))
    if shorter < _MIN_PREFIX:
        return False
    common = 0
    for a, b in zip(first, second):
        if a != b:
            break
        common += 1
    return common >= _MIN_PREFIX and common >= shorter - 2


@cleared_with_backend
@functools.lru_cache(maxsize=16_384)
def units(text: str, language: str) -> tuple[Unit, ...]:
    """What `text` in `language` is about, as units in the order said (stop words and filler left out)."""
    base = language.split("-")[0].lower()
    norm = normaliser(language)
    filler = caller_filler(base)
    negation = caller_negation(base)
    table, longest = caller_phrase_table(language)
    content: list[tuple[str, str]] = []  # (word as written, normal form)
    for word in WORD_RE.findall(text.lower().replace("’", "'")):
        word = word.rstrip("-")
        if word.isdigit() or word in filler:
            continue
        normal = norm(word)
        if word not in negation and (is_stop_word(word, base, normal) or normal in filler):
            continue
        content.append((word, normal))
    found: list[Unit] = []
    i = 0
    while i < len(content):
        size = min(longest, len(content) - i)
        while size > 1:
            concept = table.get(tuple(normal for _, normal in content[i : i + size]))
            if concept is not None:
                found.append(_phrase_unit(content[i : i + size], _LEXICAL + concept, language))
                break
            size -= 1
        else:
            word, normal = content[i]
            found.extend(_word_units(word, normal, language))
            size = 1
        i += size
    return tuple(found)


def _with_broader(main: str, keys: set[str]) -> frozenset[str]:
    """`keys` with the wider concept of `main` (a parking fine is partly about parking)."""
    wide = caller_broader().get(main[len(_LEXICAL) :]) if main.startswith(_LEXICAL) else None
    if wide is not None:
        keys.add(_LEXICAL + wide)
    return frozenset(keys)


def _concept_of(word: str, language: str) -> str | None:
    """The lexicon concept of one word (by its normal form), as ``=name``, or None."""
    table, _ = caller_phrase_table(language)
    concept = table.get((normaliser(language)(word),))
    return _LEXICAL + concept if concept is not None else None


def _phrase_unit(words: list[tuple[str, str]], concept: str, language: str) -> Unit:
    base = _base(language)
    keys: set[str] = set()
    for word, normal in words:
        keys.add(normal)
        keys.update(_readings(word, base))
        own = _concept_of(word, language)
        if own is not None and own != concept:
            keys.add(own)  # "power" in "power cut": the supply, partly matching "my electricity"
    weight = max(word_weight(word, base) for word, _ in words)
    stems = tuple(normal for word, normal in words if _unread(word, base))
    return Unit(concept, _with_broader(concept, keys), stems, " ".join(w for w, _ in words), weight)


def _word_units(word: str, normal: str, language: str) -> list[Unit]:
    """The unit of one word; a rare Finnish compound without a concept of its own gives one unit per part
    ("luottokorttilasku" -> credit card, bill), as an English speaker says them apart. A common compound
    ("kuukausi", Zipf at least `COMPOUND_ZIPF`) is a word of its own."""
    base = _base(language)
    readings = _readings(word, base)
    keys = {normal, *readings}
    concept = _concept_of(word, language)
    lemmas = _lemmas(word, base)
    for reading in readings:
        reading_concept = _concept_of(reading, language)
        if reading_concept is not None:
            if concept is None and reading in lemmas:
                concept = reading_concept  # another reading of the whole word ("maksaa", the verb)
            else:
                keys.add(reading_concept)  # a compound part's concept ("maksu" in "maksusuunnitelma")
    zipf = _zipf_of(word, base)
    if concept is None and (zipf is None or zipf < COMPOUND_ZIPF):
        parts = _compound_parts(word, base)
        if parts:
            return _split_compound(word, parts, language)
        if _unread(word, base):
            guessed = _guess_compound(word, language)
            if guessed:
                return _split_compound(word, guessed, language, by_prefix=True)
    main = concept if concept is not None else normal
    stems: tuple[str, ...] = ()
    if _unread(word, base):
        stems = (normal, *_affixes(normal))
    return [Unit(main, _with_broader(main, keys), stems, word, word_weight(word, base))]


def _guess_compound(word: str, language: str) -> tuple[str, ...]:
    """Without an analyser, a compound read by its ending: the longest tail of at least 4 letters that the
    lexicons know, after a head of at least 3 ("pysäköintisakon" -> "pysäköinti", "sakon"); else ()."""
    for cut in range(3, len(word) - _MIN_PREFIX + 1):
        if _concept_of(word[cut:], language) is not None:
            return (word[:cut], word[cut:])
    return ()


def _split_compound(word: str, parts: tuple[str, ...], language: str, by_prefix: bool = False) -> list[Unit]:
    """One unit per longest run of a compound's parts that names a concept or is a common word of its own
    ("kuukausierä" -> "kuukausi", "erä", not the moon and a season), else per part (`by_prefix`: parts
    guessed without an analyser, whose stems are also matched by prefix)."""
    base = _base(language)
    norm = normaliser(language)
    found: list[Unit] = []
    i = 0
    while i < len(parts):
        j = len(parts)
        while j > i + 1 and not _names_something("".join(parts[i:j]), language):
            j -= 1
        joined = "".join(parts[i:j])
        concept = _concept_of(joined, language)
        keys = {joined, norm(joined), *parts[i:j]}
        for part in parts[i:j]:
            own = _concept_of(part, language)
            if own is not None and own != concept:
                keys.add(own)
        stems = (norm(joined),) if by_prefix else ()
        main = concept or norm(joined)
        found.append(Unit(main, _with_broader(main, keys), stems, word, word_weight(joined, base)))
        i = j
    return found


def _names_something(joined: str, language: str) -> bool:
    """Whether a run of compound parts is said as one: a lexicon concept, or a word at least as common as
    `COMPOUND_ZIPF` (the rule that keeps a common compound whole keeps it whole inside a longer one)."""
    if _concept_of(joined, language) is not None:
        return True
    zipf = _zipf_of(joined, _base(language))
    return zipf is not None and zipf >= COMPOUND_ZIPF


def _unread(word: str, base: str) -> bool:
    """Whether a word of a compounding language was read by no analyser (its stem is matched by prefix)."""
    return base in _COMPOUNDING and (base != "fi" or not _analyses(word))


def _affixes(normal: str) -> tuple[str, ...]:
    """Without an analyser, the tails of a long stem stand in for the parts of a compound: each tail of at
    least 5 letters after a head of at least 4 ("maksusuunnitelm" -> "suunnitelm", ...), prefix-matched."""
    return tuple(normal[cut:] for cut in range(_MIN_PREFIX, len(normal) - _MIN_PREFIX))


def _base(language: str) -> str:
    return language.split("-")[0].lower()


def _compound_parts(word: str, base: str) -> tuple[str, ...]:
    """The parts of a Finnish compound as Voikko reads it (a noun reading first), or ()."""
    if base != "fi":
        return ()
    readings = _analyses(word)
    for _, parts, _, _ in sorted(readings, key=lambda reading: not reading[3]):
        if parts:
            return parts
    return ()


@cleared_with_backend
@functools.lru_cache(maxsize=65_536)
def _analyses(word: str) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], bool], ...]:
    """Voikko's readings of a Finnish word, proper names left out: (lemma, compound parts as said, the
    parts' base words, whether a noun) each; parts and bases are empty unless the word is a compound.

    A part is the part's letters with the derivational endings Voikko splits off joined back
    ("+luot(luottaa)+to(+to)+kortti(kortti)" -> "luotto", "kortti"); its base is Voikko's lemma of it.
    """
    handle = voikko()
    if handle is None:
        return ()
    found = []
    for analysis in handle.analyze(word):
        if analysis.get("CLASS") in _NAMES:
            continue
        lemma = (analysis.get("BASEFORM") or word).lower()
        parts: list[str] = []
        bases: list[str] = []
        for piece in _PIECE.finditer(analysis.get("WORDBASES") or ""):
            letters, base = piece.group(1).lower(), piece.group(2)
            if base is None or base.startswith("+") or not base:
                if parts:
                    parts[-1] += letters  # an ending: part of the word before it
                continue
            parts.append(letters)
            bases.append(base.lower())
        compound = len(parts) > 1
        noun = analysis.get("CLASS") == "nimisana"
        found.append((lemma, tuple(parts) if compound else (), tuple(bases) if compound else (), noun))
    return tuple(found)


def _lemmas(word: str, base: str) -> tuple[str, ...]:
    if base != "fi":
        return ()
    return tuple(reading[0] for reading in _analyses(word))


def _readings(word: str, base: str) -> tuple[str, ...]:
    """Every lemma and compound part Voikko reads in a Finnish word (empty elsewhere or without Voikko)."""
    if base != "fi":
        return ()
    found: dict[str, None] = {}
    for lemma, parts, bases, _ in _analyses(word):
        found[lemma] = None
        for part in (*parts, *bases):
            found[part] = None
    if not found:
        info = lemma_info(word)
        found.update(dict.fromkeys(info[2:] if len(info) > 3 else ()))
    return tuple(found)


# -- how much a word says: rare words more than common ones -----------------------------

_MOST_WEIGHT = 4.0
_LEAST_WEIGHT = 0.5
_ZIPF_CEILING = 7.0


def word_weight(word: str, base: str) -> float:
    """How much `word` says about a goal: 7 minus its Zipf frequency (wordfreq), within [0.5, 4].

    A word used once per billion words (Zipf 0, or unknown) weighs 4; "bill" (Zipf 5.2) 1.8; "pay" (5.4)
    1.6. A Finnish word counts as common as its commonest lemma ("laskuni" as "lasku"). Without wordfreq,
    or for a language it does not cover, every word weighs 1.
    """
    return _word_weight(word, base)


@cleared_with_backend
@functools.lru_cache(maxsize=65_536)
def _word_weight(word: str, base: str) -> float:
    zipf = _zipf_of(word, base)
    if zipf is None:
        return 1.0
    return min(_MOST_WEIGHT, max(_LEAST_WEIGHT, _ZIPF_CEILING - zipf))


def _zipf_of(word: str, base: str) -> float | None:
    """The Zipf frequency of a word or its commonest lemma; None without wordfreq for the language."""
    frequency = _zipf(base)
    if frequency is None:
        return None
    return max([frequency(word)] + [frequency(lemma) for lemma in _lemmas(word, base)])


@functools.lru_cache(maxsize=64)
def _zipf(base: str):
    """wordfreq's Zipf frequency for `base`, or None (not installed, or the language not covered)."""
    try:
        import wordfreq
    except ImportError:
        return None
    if base not in wordfreq.available_languages():
        return None

    @functools.lru_cache(maxsize=65_536)
    def frequency(word: str) -> float:
        return float(wordfreq.zipf_frequency(word, base))

    return frequency


def wordfreq_available(language: str = "en") -> bool:
    """Whether word weights come from wordfreq for `language` (else every word weighs the same)."""
    return _zipf(language.split("-")[0].lower()) is not None

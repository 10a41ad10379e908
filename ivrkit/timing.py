"""How long prompts take to say: a per-language model of espeak-ng speech at a speaking rate.

A prompt's duration is not words divided by words per minute: Finnish words
are about twice as long as English ones, and espeak-ng's "words per minute"
(the format's `rate`) is really a phoneme speed. So each language has its own
linear model over features of the text as the synthesiser will speak it:

- digits are expanded into number words first ("112" is "one hundred and
  twelve", "sata kaksitoista"), and all-capital abbreviations are spelled out
  ("SMS" is three letters);
- syllables (vowel groups, with the Finnish diphthongs and long vowels) and
  letters;
- pauses: commas and other clause breaks, sentence ends, and the silence
  espeak-ng leaves at the end of an utterance.

The coefficients were fitted against WAV files that espeak-ng 1.51 writes for
every prompt of the shipped examples at 120, 165 and 220 words per minute
(`scripts/calibrate_timing.py` measures, fits and prints the error of each
prompt). Speech, pauses and the final silence scale differently with the
rate (`RATE_EXPONENTS`).

Between the sentences of a composed menu prompt a player leaves a pause of
`OPTION_PAUSE` seconds (IBM's guidance for recorded menus, 500 ms between
options: http://docs.blueworx.com/BVR/InfoCenter/V6.1/help/topic/com.ibm.wvraix.vxmlpg.doc/gsrecorded.html):
`segments_seconds` adds it between options.

Nothing here synthesises speech or imports anything beyond the standard
library; the simulator (`ivrkit.engine`) and the linter share these numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from .model import model_class

__all__ = [
    "DEFAULT_RATE",
    "OPTION_PAUSE",
    "RATE_EXPONENTS",
    "LanguageModel",
    "MODELS",
    "model_for",
    "expand_numbers",
    "number_words",
    "features",
    "speech_seconds",
    "uncached_speech_seconds",
    "segments_seconds",
]

DEFAULT_RATE = 165.0
"""The format's default speaking rate (espeak-ng words per minute)."""

OPTION_PAUSE = 0.5
"""Seconds of silence between two composed options ([IBM-t]: 500 ms)."""

RATE_EXPONENTS = (1.0, 1.4, 1.5)
"""How each part scales with ``DEFAULT_RATE / rate``: (sounds, pauses, base).

espeak-ng stretches its pauses more than its speech when slowed down
(measured at 120, 165 and 220 words per minute).
"""


@model_class
class LanguageModel:
    """Seconds at `DEFAULT_RATE` = base + per syllable + per letter + per pause of each kind."""

    base: float
    syllable: float
    letter: float
    comma: float
    sentence: float


# Fitted by scripts/calibrate_timing.py against espeak-ng 1.51 (see that script for the data).
MODELS: Mapping[str, LanguageModel] = {
    "en": LanguageModel(base=0.419, syllable=0.0797, letter=0.0362, comma=0.390, sentence=0.510),
    "fi": LanguageModel(base=0.390, syllable=0.0, letter=0.0702, comma=0.365, sentence=0.401),
}
_GENERIC = "fi"  # a phonemic spelling: the safer guess for a language without its own model


def model_for(language: str) -> LanguageModel:
    """The model of `language` (``en-GB`` uses ``en``); other languages use a letter-based one."""
    base = language.lower().split("-")[0]
    return MODELS.get(base) or MODELS[_GENERIC]


# --- numbers ------------------------------------------------------------------

_EN_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_FI_ONES = ("nolla yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen").split()


def _en(n: int) -> str:
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _EN_TENS[tens] + (f" {_EN_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_EN_ONES[hundreds]} hundred" + (f" and {_en(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        tail = "" if not rest else (f" and {_en(rest)}" if rest < 100 else f" {_en(rest)}")
        return f"{_en(thousands)} thousand{tail}"
    millions, rest = divmod(n, 1_000_000)
    return f"{_en(millions)} million" + (f" {_en(rest)}" if rest else "")


def _fi(n: int) -> str:
    if n <= 10:
        return _FI_ONES[n]
    if n < 20:
        return _FI_ONES[n - 10] + "toista"
    if n < 100:
        tens, ones = divmod(n, 10)
        return _FI_ONES[tens] + "kymmentä" + (_FI_ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "sata" if hundreds == 1 else _FI_ONES[hundreds] + "sataa"
        return head + (f" {_fi(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        head = "tuhat" if thousands == 1 else _fi(thousands) + "tuhatta"
        return head + (f" {_fi(rest)}" if rest else "")
    millions, rest = divmod(n, 1_000_000)
    head = "miljoona" if millions == 1 else _fi(millions) + " miljoonaa"
    return head + (f" {_fi(rest)}" if rest else "")


def number_words(number: str, language: str) -> str:
    """How espeak-ng reads a run of digits: as a number up to a million, digit by digit beyond.

    >>> number_words("112", "en")
    'one hundred and twelve'
    >>> number_words("18", "fi")
    'kahdeksantoista'
    """
    speak = _fi if language.lower().startswith("fi") else _en
    digits = number.lstrip("0") or "0"
    if len(digits) > 7 or (number.startswith("0") and len(number) > 1):
        return " ".join(speak(int(d)) for d in number)
    return speak(int(digits))


_NUMBER = re.compile(r"\d+")


def expand_numbers(text: str, language: str) -> str:
    """`text` with every run of digits replaced by its words in `language`.

    >>> expand_numbers("Call 112 now.", "en")
    'Call one hundred and twelve now.'
    """
    return _NUMBER.sub(lambda m: f" {number_words(m.group(), language)} ", text).replace("  ", " ").strip()


# --- features -------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,5}\Z")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPLIT_DIGITS = re.compile(r"(\d+)|([^\W\d_]+(?:['’][^\W\d_]+)*)")
_HAS_DIGIT = re.compile(r"\d")
_STOP = re.compile(r"[.!?]+(?=\s|\Z)")
_CLAUSE = re.compile(r"[,;:()–—]| - ")  # marks where espeak-ng pauses within a sentence
_FINAL_STOP = re.compile(r"[.!?]\s*\Z")
_FI_VOWELS = "aeiouyäöå"
_FI_PAIRS = frozenset("aa ee ii oo uu yy ää öö ai ei oi ui yi äi öi au eu iu ou ey äy öy ie uo yö".split())
_EN_GROUP = re.compile(r"[aeiouy]+")
_FI_GROUP = re.compile(f"[{_FI_VOWELS}]+")
_EN_LETTER_SYLLABLES = {"w": 3}


def _en_syllables(word: str) -> int:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2] + "s"
    groups = len(_EN_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    if w.endswith("ed") and not w.endswith(("ted", "ded")) and groups > 1:
        groups -= 1
    return max(groups, 1)


def _fi_syllables(word: str) -> int:
    count = 0
    for group in _FI_GROUP.findall(word.lower()):
        i = 0
        while i < len(group):
            i += 2 if group[i : i + 2] in _FI_PAIRS else 1
            count += 1
    return max(count, 1)


@lru_cache(maxsize=1 << 16)
def _word(word: str, finnish: bool) -> tuple[int, int]:
    """(syllables, letters) of one word as spoken."""
    if len(word) >= 2 and _ACRONYM.match(word):
        # spelled out letter by letter: each letter is about one syllable of two sounds
        syllables = len(word) if finnish else sum(_EN_LETTER_SYLLABLES.get(c.lower(), 1) for c in word)
        return syllables, 2 * len(word)
    letters = len(word) - word.count("'") - word.count("’")
    return (_fi_syllables(word) if finnish else _en_syllables(word)), letters


@lru_cache(maxsize=1 << 16)
def _token(token: str, finnish: bool) -> tuple[int, int]:
    """(syllables, letters) of one token: a word, a run of digits, or both ("5G")."""
    if not _HAS_DIGIT.search(token):
        return _word(token, finnish)
    syllables = letters = 0
    for number, word in _SPLIT_DIGITS.findall(token):
        spoken = _WORD.findall(number_words(number, "fi" if finnish else "en")) if number else [word]
        for part in spoken:
            s, n = _word(part, finnish)
            syllables += s
            letters += n
    return syllables, letters


class _TokenCounts(dict[str, int]):
    """token -> its syllables and letters in one language family (English, or the phonemic rest) as one number,
    syllables * `_PACK` + letters, computed on first lookup: `features` sums a text's tokens with one `map`,
    in C, and a shift and a mask split the sum again (a text's letters are far fewer than `_PACK`; both counts are
    never negative, so these are `divmod(sum, _PACK)` without its long division)."""

    __slots__ = ("finnish",)

    def __init__(self, finnish: bool):
        super().__init__()
        self.finnish = finnish

    def __missing__(self, token: str) -> int:
        if len(self) >= _TOKENS_KEPT:  # a bound for long runs over many files (numbers make many tokens)
            self.clear()
        syllables, letters = _token(token, self.finnish)
        counts = self[token] = syllables * _PACK + letters
        return counts


# more letters than any text held in memory can have (a few dozen a character at most: a number)
_PACK_BITS = 40
_PACK = 1 << _PACK_BITS
_LETTERS = _PACK - 1  # the mask of the letters in a sum of packed counts
_TOKENS_KEPT = 1 << 16


class _PieceCounts(dict[str, int]):
    """piece -> its counts in one language family, computed on first lookup. A piece is a run of text between
    white space (`str.split`); a text's counts are the sums of its pieces' (see `features`), which one `map`
    adds up in C. The four counts are packed into one number: syllables << 44 | letters << 24 | clause
    breaks << 12 | 1 when the piece ends a sentence (ends in . ! or ?). `features` sums pieces only of texts of
    at most `_PIECES_UP_TO` characters, so no sum of a field overflows into the next (a character speaks as
    at most a few dozen letters, and makes at most one clause break and one sentence end)."""

    __slots__ = ("tokens",)

    def __init__(self, tokens: _TokenCounts):
        super().__init__()
        self.tokens = tokens

    def __missing__(self, piece: str) -> int:
        if len(self) >= _TOKENS_KEPT:  # a bound, as for tokens
            self.clear()
        # The token pattern never matches white space, and the clause pattern's " - " cannot match within a
        # piece (`features` leaves a piece "-" to the patterns): both find in a piece what they find of it in
        # the text.
        counts = sum(map(self.tokens.__getitem__, _TOKEN.findall(piece)))
        syllables, letters = counts >> _PACK_BITS, counts & _LETTERS
        clauses = len(_CLAUSE.findall(piece))
        value = syllables << 44 | letters << 24 | clauses << 12 | (piece[-1] in ".!?")
        if len(piece) <= _PIECE_KEPT_UP_TO:  # words; not a long run without spaces, which would fill memory
            self[piece] = value
        return value


_PIECES_UP_TO = 1024  # characters (see `_PieceCounts`)
_PIECE_KEPT_UP_TO = 64  # characters: a longer piece is counted each time, not kept
_TOKEN_TABLES = {False: _TokenCounts(False), True: _TokenCounts(True)}  # by "is not English"
_PIECE_TABLES = {finnish: _PieceCounts(tokens) for finnish, tokens in _TOKEN_TABLES.items()}
_TABLE_OF: dict[str, _TokenCounts] = {}  # language as written -> its token table
_PIECES_OF: dict[str, _PieceCounts] = {}  # language as written -> its piece table


def _table_of(language: str) -> _TokenCounts:
    """The token table of `language` (English or not), remembered for the language as written."""
    if len(_TABLE_OF) >= 256:  # a bound: languages come from menu files
        _TABLE_OF.clear()
        _PIECES_OF.clear()
    finnish = not language.lower().startswith("en")
    _PIECES_OF[language] = _PIECE_TABLES[finnish]
    table = _TABLE_OF[language] = _TOKEN_TABLES[finnish]
    return table


def features(text: str, language: str) -> tuple[int, int, int, int]:
    """(syllables, letters, clause breaks, sentence breaks) of `text` as spoken in `language`.

    Digits count as their number words (`expand_numbers`). Sentence breaks
    count the ends of sentences before the last one; the pause after the
    last is part of the model's base.

    >>> features("Press 1, then hash.", "en")
    (4, 16, 1, 0)
    """
    pieces = text.split()
    if pieces and len(text) <= _PIECES_UP_TO and ("-" not in text or "-" not in pieces):
        # The usual text: the sums of its pieces' counts. Tokens and clause marks never span white space; a
        # run of . ! ? ends a sentence (`_STOP`) when white space or the end follows it, so where a piece
        # ends; the last piece ends the final sentence (`_FINAL_STOP`), which does not count.
        found = _PIECES_OF.get(language)
        if found is None:
            _table_of(language)
            # not `_PIECES_OF[language]`: another thread may have cleared it since
            found = _PIECE_TABLES[not language.lower().startswith("en")]
        counts = sum(map(found.__getitem__, pieces))
        sentences = counts & 0xFFF
        if sentences and pieces[-1][-1] in ".!?":
            sentences -= 1
        return counts >> 44, counts >> 24 & 0xFFFFF, counts >> 12 & 0xFFF, sentences
    table = _TABLE_OF.get(language)
    if table is None:
        table = _table_of(language)
    words = text.replace(",", " ").replace(".", " ").split()
    if words and "".join(words).isalnum():
        # A plain text (most prompts): words of letters and digits between white space, commas and full stops.
        # Its tokens are those words (`_TOKEN` matches runs of isalnum characters, joined only by apostrophes,
        # which it has none of), its clause breaks its commas, and its only sentence ends full stops.
        counts = sum(map(table.__getitem__, words))
        syllables, letters = counts >> _PACK_BITS, counts & _LETTERS
        clauses = text.count(",")
        stops = text.count(".")
        if stops == 1:
            # One full stop: a sentence end when white space follows it (`_STOP`), the final one when
            # nothing but white space does (`_FINAL_STOP`); only an end before more words counts.
            rest = text[text.index(".") + 1 :]
            return syllables, letters, clauses, 1 if rest[:1].isspace() and not rest.isspace() else 0
        if stops == 0:
            return syllables, letters, clauses, 0
    else:
        tokens = _TOKEN.findall(text)
        counts = sum(map(table.__getitem__, tokens))
        syllables, letters = counts >> _PACK_BITS, counts & _LETTERS
        clauses = len(_CLAUSE.findall(text))
    sentences = len(_STOP.findall(text))
    if sentences and _FINAL_STOP.search(text):
        sentences -= 1
    return syllables, letters, clauses, sentences


@lru_cache(maxsize=1 << 18)
def speech_seconds(text: str, language: str = "en", rate: float = DEFAULT_RATE) -> float:
    """The estimated length of espeak-ng speaking `text` in `language` at `rate` words per minute.

    An empty text takes no time. The estimate includes the pauses at commas
    and between sentences, and the silence after the last word.

    >>> round(speech_seconds("Connecting you to our card team.", "en"), 1)
    2.0
    """
    return uncached_speech_seconds(text, language, rate)


def uncached_speech_seconds(text: str, language: str = "en", rate: float = DEFAULT_RATE) -> float:
    """`speech_seconds` without its cache, for a caller that keeps what it computes (the engine's speech plans
    time each text of a node once): most of its texts are new, and remembering them again costs more than it
    saves (hashing the text, an entry of the cache). The same function behind both, so the same seconds."""
    pieces = text.split()
    if pieces and len(text) <= _PIECES_UP_TO and ("-" not in text or "-" not in pieces):
        # `features`'s usual text (see there), summed here rather than through a call and a tuple of four
        # (held to `features` in tests/test_timing_fast_paths.py)
        found_pieces = _PIECES_OF.get(language)
        if found_pieces is None:
            _table_of(language)
            found_pieces = _PIECE_TABLES[not language.lower().startswith("en")]
        counts = sum(map(found_pieces.__getitem__, pieces))
        syllables = counts >> 44
        letters = counts >> 24 & 0xFFFFF
        clauses = counts >> 12 & 0xFFF
        sentences = counts & 0xFFF
        if sentences and pieces[-1][-1] in ".!?":
            sentences -= 1
    else:
        syllables, letters, clauses, sentences = features(text, language)
    if syllables == 0:
        return 0.0
    found = _SCALED.get((language, rate))
    if found is None:
        found = _scaled(language, rate)
    base, per_syllable, per_letter, sounds, per_comma, per_sentence, pauses = found
    return (
        base
        + (per_syllable * syllables + per_letter * letters) * sounds
        + (per_comma * clauses + per_sentence * sentences) * pauses
    )


_SCALED: dict[tuple[str, float], tuple[float, float, float, float, float, float, float]] = {}


def _scaled(language: str, rate: float) -> tuple[float, float, float, float, float, float, float]:
    """The parts of `speech_seconds` that depend only on the language and the rate: (the model's base scaled,
    per syllable, per letter, the scale of sounds, per comma, per sentence, the scale of pauses). The same
    products, in the same order, as written out in full, so the same seconds to the last bit."""
    if len(_SCALED) >= 4096:
        _SCALED.clear()
    m = model_for(language)
    slower = DEFAULT_RATE / rate
    sounds, pauses, base = RATE_EXPONENTS
    found = _SCALED[(language, rate)] = (
        m.base * slower**base,
        m.syllable,
        m.letter,
        slower**sounds,
        m.comma,
        m.sentence,
        slower**pauses,
    )
    return found


def segments_seconds(
    texts: Iterable[tuple[str | None, str]] | Sequence[object],
    rate: float = DEFAULT_RATE,
    pause: float = OPTION_PAUSE,
) -> float | None:
    """The length of several pieces of speech played one after another, `pause` seconds apart.

    `texts` holds ``(text, language)`` pairs, or `ivrkit.prompts.Segment`
    objects. Returns None when any text is unknown (an audio-only prompt):
    its length cannot be estimated, and a caller must not take it as zero.
    """
    total = 0.0
    count = 0
    for item in texts:
        text: str | None
        language: str
        if hasattr(item, "text"):  # a Segment (not imported here: prompts imports this module)
            text, language = getattr(item, "text"), getattr(item, "language")  # noqa: B009
        else:
            text, language = item  # type: ignore[misc]  # a (text, language) pair
        if text is None:
            return None
        seconds = speech_seconds(text, language, rate)
        if seconds:
            total += seconds
            count += 1
    return total + pause * max(count - 1, 0)

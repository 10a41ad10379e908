"""Spelling dictionaries: English (pyspellchecker) and Finnish (Voikko), when installed.

`dictionary(language)` returns a `Dictionary` or None when no dictionary is
available for the language; callers must say so rather than pass the text as
correct. English accepts British spellings (colour, organise, cheque) by
also trying the American form, since pyspellchecker's list is American.
"""

from __future__ import annotations

import _thread  # threading.Lock is _thread.allocate_lock; importing `threading` costs every start-up
import functools
import re
from collections.abc import Callable

from ..model import model_class
from .normalise import cleared_with_backend, voikko

__all__ = ["Dictionary", "dictionary", "EXTRA_EN"]

# Everyday words of phone service that pyspellchecker's list lacks.
EXTRA_EN = frozenset(
    """
    voicemail voicemails app apps email emails e-mail online website websites webchat callback callbacks
    smartphone sim wifi broadband login logins postcode postcodes ok okay
    """.split()
)

# British -> American endings, tried in turn when a word is unknown; compiled with the English dictionary
# (a lint that spell-checks no English text never compiles them).
_BRITISH = (
    (r"our(s|ed|ing|ite|ites|able|er|ers)?$", r"or\1"),
    (r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"tre(s)?$", r"ter\1"),
    (r"ence(s)?$", r"ense\1"),
    (r"logue(s)?$", r"log\1"),
    (r"ll(ed|ing|er|ers)$", r"l\1"),
    (r"mme(s)?$", r"m\1"),
)
_BRITISH_WORDS = {
    "cheque": "check",
    "cheques": "checks",
    "tyre": "tire",
    "tyres": "tires",
    "kerb": "curb",
    "grey": "gray",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "enquire": "inquire",
}


# Finnish words that are also case endings or clitics; a "compound" ending in one is not a compound.
_FI_SUFFIX_WORDS = frozenset(
    {
        "han",
        "hän",
        "kin",
        "kaan",
        "kään",
        "ssa",
        "ssä",
        "sta",
        "stä",
        "lla",
        "llä",
        "lta",
        "ltä",
        "lle",
        "ksi",
        "tta",
        "ttä",
        "ine",
        "ni",
        "si",
        "nsa",
        "nsä",
        "mme",
        "nne",
        "pa",
        "pä",
    }
)


@model_class  # a frozen dataclass, made without dataclasses' start-up cost
class Dictionary:
    """A spelling dictionary for one language: `known(word)` is True for a correctly spelt word."""

    language: str
    name: str
    _known: Callable[[str], bool]

    def known(self, word: str) -> bool:
        return self._known(word)


_lock = _thread.allocate_lock()


@cleared_with_backend
@functools.lru_cache(maxsize=16)
def dictionary(language: str) -> Dictionary | None:
    """The dictionary for `language` (`en-GB` uses `en`), or None when none is installed."""
    base = language.split("-")[0].lower()
    with _lock:
        if base == "en":
            return _english()
        if base == "fi":
            return _finnish()
    return None


def _english() -> Dictionary | None:
    try:
        from spellchecker import SpellChecker

        words = SpellChecker(language="en", distance=1).word_frequency.dictionary
    except Exception:
        return None
    british = tuple((re.compile(ending), american) for ending, american in _BRITISH)

    @functools.lru_cache(maxsize=200_000)
    def known(word: str) -> bool:
        word = word.lower().replace("’", "'")
        if word in words or word in EXTRA_EN:
            return True
        if word.endswith("'s") and (word[:-2] in words or word[:-2] in EXTRA_EN):
            return True
        if word in _BRITISH_WORDS:
            return True
        for pattern, replacement in british:
            american = pattern.sub(replacement, word)
            if american != word and american in words:
                return True
        if "-" in word:
            return all(part and known(part) for part in word.split("-"))
        return False

    return Dictionary("en", "pyspellchecker", known)


def _finnish() -> Dictionary | None:
    handle = voikko()
    if handle is None:
        return None

    @functools.lru_cache(maxsize=200_000)
    def known(word: str) -> bool:
        if handle.spell(word):
            return True
        # Voikko's lexicon lacks some everyday compounds ("takaisinsoitto"): accept a word that splits
        # into a known first word and a known (possibly inflected) last word.
        lower = word.lower()
        return any(
            handle.spell(lower[:i]) and handle.spell(lower[i:]) and lower[i:] not in _FI_SUFFIX_WORDS
            for i in range(3, len(lower) - 2)
        )

    return Dictionary("fi", "voikko", known)

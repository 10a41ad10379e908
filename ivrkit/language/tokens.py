"""Tokenising spoken text: Unicode words (ä, ö, å), hyphenated and suspended compounds, numbers.

>>> [t.text for t in tokenize("Laskun maksaminen ja asukas- ja yrityspysäköinti, 24/7")]
['Laskun', 'maksaminen', 'ja', 'asukas-', 'ja', 'yrityspysäköinti', '24', '7']
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..lazyregex import compiled_on_first_need

__all__ = ["Token", "tokenize", "words", "sentences", "WORD_RE"]

# A word: letters and digits, joined by inner apostrophes or hyphens ("you're",
# "SIM-only", "e-lasku"), optionally ending in a hyphen before a space
# (the Finnish suspended compound "asukas- ja yrityspysäköinti").
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*(?:-(?=\s))?")
WORD_RE = _WORD  # the pattern of one word, for callers that only need the matches
# The same words with a suspended compound's hyphen left out of the group `findall` returns.
_WORD_UNHYPHENED = re.compile(r"([^\W_]+(?:['’\-][^\W_]+)*)(?:-(?=\s))?")


class Token(NamedTuple("Token", [("text", str), ("start", int), ("end", int)])):
    """One word of a text: its characters as written and its offsets in the text (made as `model.Span` is)."""

    __slots__ = ()

    @property
    def is_number(self) -> bool:
        return self.text.isdigit()

    @property
    def is_upper(self) -> bool:
        """All letters are capitals (an acronym or a shouted placeholder), at least two of them."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


def tokenize(text: str) -> list[Token]:
    """The words and numbers of `text`, in order, with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The lower-cased words of `text`, with a suspended compound's hyphen removed."""
    if text.isascii():
        # lower case changes no ASCII character's class, so the text is lowered once, not word by word
        return _WORD_UNHYPHENED.findall(text.lower())
    return [word.lower().rstrip("-").replace("’", "'") for word in _WORD.findall(text)]  # no offsets needed


# A sentence's pattern, compiled when `sentences` is first called (a lint rarely needs it).
_sentence = compiled_on_first_need(r"[^.!?]+(?:[.!?]+|\Z)")


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of `text` as (offset, sentence), split after `.`, `!` and `?`."""
    return [(m.start(), m.group()) for m in _sentence().finditer(text) if m.group().strip()]

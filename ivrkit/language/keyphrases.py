"""Keys announced in hand-written prompt text: "press 1", "press star", "paina 1", "paina tähteä".

`announced_keys(text, language)` finds every key a prompt tells the caller to
press, with whether the sentence puts the action before the goal ("Press 1
for billing" rather than "For billing, press 1").

>>> [(m.key, m.action_first) for m in announced_keys("Press 1 for billing, or 2 to report a fault.", "en")]
[('1', True), ('2', None)]
>>> [(m.key, m.action_first) for m in announced_keys("Laskutusasiat: paina 1. Jos et tiedä, paina tähteä.", "fi")]
[('1', False), ('*', False)]
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["KeyMention", "announced_keys", "KEY_WORDS"]

KEY_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
        "seven": "7", "eight": "8", "nine": "9",
        "star": "*", "asterisk": "*", "hash": "#", "pound": "#", "square": "#",
    },
    "fi": {
        "nolla": "0", "nollaa": "0", "yksi": "1", "ykkönen": "1", "ykköstä": "1", "yhtä": "1",
        "kaksi": "2", "kakkonen": "2", "kakkosta": "2", "kahta": "2",
        "kolme": "3", "kolmonen": "3", "kolmosta": "3", "kolmea": "3",
        "neljä": "4", "nelonen": "4", "nelosta": "4", "neljää": "4",
        "viisi": "5", "vitonen": "5", "vitosta": "5", "viittä": "5",
        "kuusi": "6", "kuutonen": "6", "kuutosta": "6", "kuutta": "6",
        "seitsemän": "7", "seiska": "7", "seiskaa": "7", "seitsemää": "7",
        "kahdeksan": "8", "kasi": "8", "kasia": "8", "kahdeksaa": "8",
        "yhdeksän": "9", "ysi": "9", "ysiä": "9", "yhdeksää": "9",
        "tähti": "*", "tähteä": "*", "tähtimerkki": "*", "tähtimerkkiä": "*", "tähtinäppäintä": "*",
        "risuaita": "#", "risuaitaa": "#", "risuaitamerkkiä": "#", "risuaitanäppäintä": "#",
        "ruutu": "#", "ruutua": "#", "ristikkoa": "#",
    },
}
_VERBS = {
    "en": r"press|push|dial|select|choose|enter|key",
    "fi": r"paina\w*|näppäile\w*|valitse\w*",
}
_ARTICLE = {"en": r"(?:the\s+|number\s+|key\s+)?", "fi": r"(?:näppäintä\s+|numeroa\s+)?"}
_JOIN = {"en": r"or|and", "fi": r"tai|ja"}
_GOAL_WORDS = {"en": r"for|to|if|when|about", "fi": r"jos|niin|kun"}
# Words that may come before the verb without being a goal ("Please press 1 for ...").
_FILLER = {
    "en": {"please", "you", "can", "may", "also", "now", "just", "simply", "or", "and", "then", "otherwise", "at", "any", "time"},
    "fi": {"voit", "myös", "nyt", "tai", "ja", "sitten", "muuten", "ole", "hyvä", "olkaa", "hyvä"},
}
_SENTENCE_END = re.compile(r"[.!?;:]")


class KeyMention(NamedTuple):
    """One key named in a prompt. `action_first` is True when the sentence opens with the key
    instruction and names the goal after it, False when the goal comes first, and None for a key
    continuing a list ("..., or 2 to ...")."""

    key: str
    start: int
    end: int
    action_first: bool | None


def _base(language: str) -> str:
    return language.split("-")[0].lower()


_PATTERNS: dict[str, tuple[re.Pattern, re.Pattern]] = {}


def _patterns(base: str) -> tuple[re.Pattern, re.Pattern]:
    if base not in _PATTERNS:
        names = sorted(KEY_WORDS[base], key=len, reverse=True)
        key = r"(?P<key>\d+|" + "|".join(map(re.escape, names)) + r"|\*|#)"
        first = re.compile(rf"\b(?P<verb>{_VERBS[base]})\s+{_ARTICLE[base]}{key}(?!\w)(?:\s+key\b)?", re.IGNORECASE)
        more = re.compile(
            rf"(?:,\s*|\s+)(?:(?:{_JOIN[base]})\s+)?{key}(?!\w)(?=\s+(?:{_GOAL_WORDS[base]})\b|\s*,)", re.IGNORECASE
        )
        _PATTERNS[base] = (first, more)
    return _PATTERNS[base]


def _key(word: str, base: str) -> str:
    if word.isdigit() or word in ("*", "#"):
        return word
    return KEY_WORDS[base][word.lower()]


def announced_keys(text: str, language: str) -> list[KeyMention]:
    """Every key `text` tells the caller to press, in order; empty for a language without key words."""
    base = _base(language)
    if base not in KEY_WORDS:
        return []
    first, more = _patterns(base)
    mentions: list[KeyMention] = []
    regions: list[tuple[int, int]] = []
    for match in first.finditer(text):
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
        # a new list item (", or press star ...") starts a new clause
        clause = re.compile(rf",\s*(?:{_JOIN[base]})\b", re.IGNORECASE)
        start = max([start, *(m.end() for m in clause.finditer(text, start, match.start()))])
        ends = _SENTENCE_END.search(text, match.end())
        end = ends.start() if ends else len(text)
        before = re.findall(r"[^\W\d_]+", text[start : match.start()].lower())
        after = re.findall(r"[^\W_]+", text[match.end() : end])
        goal_before = any(word not in _FILLER[base] for word in before)
        mentions.append(KeyMention(_key(match.group("key"), base), match.start("key"), match.end("key"),
                                   bool(after) and not goal_before))
        regions.append((match.end(), end))
    taken = {m.start for m in mentions}
    for begin, end in regions:
        for follow in more.finditer(text, begin, end):
            if follow.start("key") not in taken:
                taken.add(follow.start("key"))
                mentions.append(KeyMention(_key(follow.group("key"), base), follow.start("key"), follow.end("key"), None))
    return sorted(mentions, key=lambda m: m.start)

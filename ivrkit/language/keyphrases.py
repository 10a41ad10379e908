"""Keys announced in hand-written prompt text: "press 1", "press star", "paina 1", "paina tähteä".

`announced_keys(text, language)` finds every key a prompt tells the caller to
press, with whether the sentence puts the action before the goal ("Press 1
for billing" rather than "For billing, press 1"). Besides a verb ("press",
"dial", "key", "enter", "select"; "paina", "valitse", "näppäile") it reads the
short list items that follow one ("Press 1 for sales.\n2 to report a fault",
"..., or 3 for billing") and goal-first items ("For billing, press 1",
"Laskutusasiat: paina 1").

`labels_from_prompt(text, language)` turns the same reading into the label of
each key, for importers whose source announces options only in prompt text.
A key whose goal cannot be read is kept with the label None ("unknown"): the
reader never guesses.

>>> [(m.key, m.action_first) for m in announced_keys("Press 1 for billing, or 2 to report a fault.", "en")]
[('1', True), ('2', None)]
>>> [(m.key, m.action_first) for m in announced_keys("Laskutusasiat: paina 1. Jos et tiedä, paina tähteä.", "fi")]
[('1', False), ('*', False)]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from typing import NamedTuple

from ..lazyregex import compiled_on_first_need

__all__ = ["KeyMention", "announced_keys", "labels_from_prompt", "KEY_WORDS"]

KEY_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "zero": "0",
        "one": "1",
        "two": "2",
        "three": "3",
        "four": "4",
        "five": "5",
        "six": "6",
        "seven": "7",
        "eight": "8",
        "nine": "9",
        "star": "*",
        "asterisk": "*",
        "hash": "#",
        "pound": "#",
        "square": "#",
    },
    "fi": {
        "nolla": "0",
        "nollaa": "0",
        "yksi": "1",
        "ykkönen": "1",
        "ykköstä": "1",
        "yhtä": "1",
        "kaksi": "2",
        "kakkonen": "2",
        "kakkosta": "2",
        "kahta": "2",
        "kolme": "3",
        "kolmonen": "3",
        "kolmosta": "3",
        "kolmea": "3",
        "neljä": "4",
        "nelonen": "4",
        "nelosta": "4",
        "neljää": "4",
        "viisi": "5",
        "vitonen": "5",
        "vitosta": "5",
        "viittä": "5",
        "kuusi": "6",
        "kuutonen": "6",
        "kuutosta": "6",
        "kuutta": "6",
        "seitsemän": "7",
        "seiska": "7",
        "seiskaa": "7",
        "seitsemää": "7",
        "kahdeksan": "8",
        "kasi": "8",
        "kasia": "8",
        "kahdeksaa": "8",
        "yhdeksän": "9",
        "ysi": "9",
        "ysiä": "9",
        "yhdeksää": "9",
        "tähti": "*",
        "tähteä": "*",
        "tähtimerkki": "*",
        "tähtimerkkiä": "*",
        "tähtinäppäintä": "*",
        "risuaita": "#",
        "risuaitaa": "#",
        "risuaitamerkkiä": "#",
        "risuaitanäppäintä": "#",
        "ruutu": "#",
        "ruutua": "#",
        "ristikkoa": "#",
    },
}
_VERBS = {
    "en": r"press|push|dial|select|choose|enter|key",
    "fi": r"paina\w*|näppäile\w*|valitse\w*",
}
_ARTICLE = {"en": r"(?:the\s+|number\s+|key\s+)?", "fi": r"(?:näppäintä\s+|numeroa\s+)?"}
_JOIN = {"en": r"or|and", "fi": r"tai|ja"}
_JOINS = {base: rf",\s*(?:{words})\b" for base, words in _JOIN.items()}
_GOAL_WORDS = {"en": r"for|to|if|when|about", "fi": r"jos|niin|kun"}
# Goal words of a verbless list item at a clause start ("2 to report a fault", "3 for billing").
_ITEM_GOAL = {"en": r"for|to", "fi": r"jos|niin"}
# Words that may come before the verb without being a goal ("Please press 1 for ...").
_FILLER = {
    "en": {
        "please",
        "you",
        "can",
        "may",
        "also",
        "now",
        "just",
        "simply",
        "or",
        "and",
        "then",
        "otherwise",
        "at",
        "any",
        "time",
    },
    "fi": {"voit", "myös", "nyt", "tai", "ja", "sitten", "muuten", "ole", "hyvä", "olkaa"},
}
_WINDOW = 300  # characters looked back for a goal before a key


# The patterns below are compiled when a text first names a key (most prompts of a lint never do).
_sentence_end = compiled_on_first_need(r"[.!?;:]")


_letters = compiled_on_first_need(r"[^\W\d_]+")


_word = compiled_on_first_need(r"[^\W_]")


# A line break ends a list item too: platforms' prompt texts put one option per line
# ("Press 1 to ...\n2 to ..."). Word order is still judged per sentence, so a hand-wrapped
# "Press 1\nfor billing" stays action-first.
_clause_end = compiled_on_first_need(r"[.!?;:]|\n")


class KeyMention(NamedTuple("KeyMention", [("key", str), ("start", int), ("end", int), ("action_first", bool | None)])):
    """One key named in a prompt. `action_first` is True when the sentence opens with the key
    instruction and names the goal after it, False when the goal comes first, and None for a key
    continuing a list ("..., or 2 to ...").

    Made as `model.Span` is (the fields given to `NamedTuple(...)` as real types), so that no field
    becomes a `ForwardRef` that compiles its annotation at import."""

    __slots__ = ()


def _base(language: str) -> str:
    return language.split("-")[0].lower()


# The per-language tables above and below hold pattern strings, compiled when a lint first reads a
# prompt in that language (an English lint never compiles the Finnish ones); `functools.cache` makes
# the getters safe to call from the TUI's lint and goals workers at once.
@cache
def _ignoring_case(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def _patterns(base: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    names = sorted(KEY_WORDS[base], key=len, reverse=True)
    key = r"(?P<key>\d+|" + "|".join(map(re.escape, names)) + r"|\*|#)"
    first = re.compile(rf"\b(?P<verb>{_VERBS[base]})\s+{_ARTICLE[base]}{key}(?!\w)(?:\s+key\b)?", re.IGNORECASE)
    more = re.compile(
        rf"(?:,\s*|\s+)(?:(?:{_JOIN[base]})\s+)?{key}(?!\w)(?=\s+(?:{_GOAL_WORDS[base]})\b|\s*,)", re.IGNORECASE
    )
    item = re.compile(
        rf"(?:^|(?<=[.!?;\n]))[ \t]*(?:(?:{_JOIN[base]})\s+)?(?P<key>\d|\*|#)(?=\s+(?:{_ITEM_GOAL[base]})\s+[^\W\d_])",
        re.IGNORECASE,
    )
    return first, more, item


def _key(word: str, base: str) -> str:
    if word.isdigit() or word in ("*", "#"):
        return word
    return KEY_WORDS[base][word.lower()]


def announced_keys(text: str, language: str) -> list[KeyMention]:
    """Every key `text` tells the caller to press, in order; empty for a language without key words.

    Linear in the text: sentence ends are found once and looked up, and a goal before the key is
    looked for in at most `_WINDOW` characters (a longer goal is not a label anyway).
    """
    base = _base(language)
    if base not in KEY_WORDS:
        return []
    first, more, item = _patterns(base)
    mentions: list[KeyMention] = []
    regions: list[tuple[int, int]] = []
    stops = [m.start() for m in _sentence_end().finditer(text)]
    clause = _ignoring_case(_JOINS[base])
    matches = list(first.finditer(text))
    for index, match in enumerate(matches):
        at = bisect_left(stops, match.start())
        sentence = stops[at - 1] + 1 if at else 0
        start = max(sentence, match.start() - _WINDOW)
        previous = mentions[-1] if mentions else None
        if previous is not None and previous.end > start:
            # "press 1 for billing or press 2 ...": what follows an earlier key of the sentence is that key's goal
            # when its goal comes after it; otherwise ("for sales press 1, for support press 2") only the words
            # after the earlier key can be this key's goal
            start = len(text) if previous.action_first else previous.end
        # a new list item (", or press star ...") starts a new clause
        for join in clause.finditer(text, start, match.start()):
            start = join.end()
        after_stop = bisect_left(stops, match.end())
        end = stops[after_stop] if after_stop < len(stops) else len(text)
        before = _letters().findall(text, start, match.start()) if start < match.start() else []
        goal_before = any(word.lower() not in _FILLER[base] for word in before)
        said_after = _word().search(text, match.end(), end) is not None
        mentions.append(
            KeyMention(
                _key(match.group("key"), base), match.start("key"), match.end("key"), said_after and not goal_before
            )
        )
        following = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        regions.append((match.end(), min(end, following)))
    taken = {m.start for m in mentions}
    for begin, end in regions:
        for follow in more.finditer(text, begin, end):
            if follow.start("key") not in taken:
                taken.add(follow.start("key"))
                mentions.append(
                    KeyMention(_key(follow.group("key"), base), follow.start("key"), follow.end("key"), None)
                )
    # Verbless items at a clause start ("2 to report a fault", "1 for sales, 2 for support"): read
    # where the prompt already tells the caller to press a key, or where they form a list of two or
    # more, so that a lone "9 to 5" is not taken for a key.
    items: list[KeyMention] = []
    for found in item.finditer(text):
        if found.start("key") in taken:
            continue
        items.append(KeyMention(_key(found.group("key"), base), found.start("key"), found.end("key"), None))
        ends = _clause_end().search(text, found.end())
        end = ends.start() if ends else len(text)
        for follow in more.finditer(text, found.end(), end):
            if follow.start("key") not in taken:
                items.append(KeyMention(_key(follow.group("key"), base), follow.start("key"), follow.end("key"), None))
    if items and (mentions or len(items) >= 2):
        for mention in items:
            if mention.start not in taken:
                taken.add(mention.start)
                mentions.append(mention)
    return sorted(mentions, key=lambda m: m.start)


# -- labels ----------------------------------------------------------------------------

# Words that open a goal after the key ("press 1 *for* billing") or before it ("*to* pay, press 1").
_LABEL_LEAD = {
    "en": (
        r"^(?:(?:if|when)\s+you\s+(?:would\s+like\s+to|'d\s+like\s+to|want\s+to|wish\s+to|need\s+to|are\s+calling\s+(?:about|for)|"
        r"have\s+(?:a\s+)?(?:question|enquiry|inquiry)\s+about)|for|to|about)\s+"
    ),
    "fi": r"^(?:jos\s+(?:haluat|haluatte|tarvitset)|jos|niin|kun)\s+",
}
# Where a label ends inside a clause: the next list item, or an alternative ("or say sales").
_LABEL_END = {
    "en": r",\s*(?:or|and)\b|\s+or\s+(?:say|press|dial|key|\d|star|hash|pound|zero)\b|,\s*(?:press|dial)\b",
    "fi": r",\s*(?:tai|ja)\b|\s+tai\s+(?:sano|paina|valitse|\d|tähti|risuaita)\w*\b|,\s*(?:paina|valitse)\w*\b",
}
_CLAUSE_JOIN = {
    "en": r",\s*(?:or|and)\b|^\s*(?:or|and)\b",
    "fi": r",\s*(?:tai|ja)\b|^\s*(?:tai|ja)\b",
}


_TRAILING_JOIN = {
    "en": r"(?:,?\s+(?:or|and))+$",
    "fi": r"(?:,?\s+(?:tai|ja))+$",
}


def _clean_label(value: str, base: str) -> str | None:
    value = value.strip(" \t\n,:;-–—")
    value = _ignoring_case(_LABEL_LEAD[base]).sub("", value).strip(" \t\n,:;-–—")
    # "press 1 for sales or 2 for help": the list's joining word belongs to neither goal
    value = _ignoring_case(_TRAILING_JOIN[base]).sub("", value)
    if base == "fi":  # "Asiakaspalveluun pääset painamalla nollaa": the goal is the place, not "pääset"
        value = re.sub(r"\s+(?:pääset|pääsette|voit|voitte)$", "", value, flags=re.IGNORECASE)
    # a label that is a number or starts with one ("enter 1 to 5") is a range, not a goal
    if not value or not re.match(r"[^\W\d_]", value):
        return None
    words_ = re.findall(r"[^\W_]+", value)
    if len(words_) > 12:  # a whole sentence, not an option's goal: do not guess where it ends
        return None
    return re.sub(r"\s+", " ", value)


def labels_from_prompt(text: str, language: str) -> dict[str, str | None]:
    """The label of every key `text` announces, read from its words; None where the key is announced
    but its goal cannot be read ("unknown"). Keys in the order first announced; a key announced twice
    keeps its first label. Empty for a language the reader does not know (English and Finnish only).

    >>> labels_from_prompt("Press 1 to be put in queue for an agent.\\n2 to securely enter content. \\nOr 3 for billing.", "en")
    {'1': 'be put in queue for an agent', '2': 'securely enter content', '3': 'billing'}
    >>> labels_from_prompt("For sales, press 1. To report a fault, press 2, or press star to go back.", "en")
    {'1': 'sales', '2': 'report a fault', '*': 'go back'}
    >>> labels_from_prompt("Laskutusasiat: paina 1. Paina 2, jos haluat muuttaa. Valitse 3.", "fi")
    {'1': 'Laskutusasiat', '2': 'muuttaa', '3': None}
    >>> labels_from_prompt("Para ventas, pulse 1.", "es")
    {}
    """
    base = _base(language)
    if base not in KEY_WORDS:
        return {}
    mentions = announced_keys(text, language)
    starts = [m.start for m in mentions]
    stops = [m.start() for m in _clause_end().finditer(text)]
    labels: dict[str, str | None] = {}
    for index, mention in enumerate(mentions):
        if mention.key in labels:
            continue
        at = bisect_left(stops, mention.end)
        clause_end = stops[at] if at < len(stops) else len(text)
        if index + 1 < len(mentions) and starts[index + 1] < clause_end:
            clause_end = starts[index + 1]
        after = text[mention.end : clause_end]
        after = re.sub(r"^\s*key\b", "", after, flags=re.IGNORECASE)
        label = None
        if mention.action_first is not False:
            # the goal follows the key: "press 1 for billing", "2 to report a fault"
            stop = _ignoring_case(_LABEL_END[base]).search(after)
            goal = after[: stop.start()] if stop else after
            if _ignoring_case(_LABEL_LEAD[base]).match(goal.strip(" ,")):
                label = _clean_label(goal, base)
        else:
            label = _goal_before(text, mention, base, mentions[index - 1].end if index else 0)
        labels[mention.key] = label
    return labels


_VERB_BEFORE_KEY = {base: rf"(?:{_VERBS[base]})\s+{_ARTICLE[base]}\S*\s*$" for base in _VERBS}


def _goal_before(text: str, mention: KeyMention, base: str, earlier: int = 0) -> str | None:
    """The goal in front of a key ("For billing, press 1", "Laskutusasiat: paina 1"), after the key before it
    (`earlier`: where that key's mention ends)."""
    verb = _ignoring_case(_VERB_BEFORE_KEY[base])
    origin = max(0, earlier, mention.start - _WINDOW)
    head = text[origin : mention.start]
    found = verb.search(head)
    if found is None:
        return None
    head = head[: found.start()]
    breaks = [m for m in re.finditer(r"[.!?;\n]", head)]
    if not breaks and origin > max(0, earlier):
        return None  # the goal starts further back than a label can
    begin = breaks[-1].end() if breaks else 0
    clause = head[begin:]
    joins = list(_ignoring_case(_CLAUSE_JOIN[base]).finditer(clause))
    if joins:
        clause = clause[joins[-1].end() :]
    if ":" in clause:
        # "Laskutusasiat: paina 1" - the goal is what comes before the colon
        before, _, rest = clause.rpartition(":")
        clause = before if not re.search(r"[^\W_]", rest) else rest
    words_ = [w for w in re.findall(r"[^\W\d_]+", clause.lower())]
    if not words_ or all(w in _FILLER[base] for w in words_):
        return None
    return _clean_label(clause, base)

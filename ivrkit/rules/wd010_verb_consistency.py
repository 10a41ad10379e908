"""WD010 `verb-consistency`: The IVR uses different words for the same key or action."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import chain

from ..analysis.wording import SpokenReading
from ..language import (
    words,
)
from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode, Text
from ..prompts import spoken_key
from ._wording_common import language_tag, spoken_readings

__all__ = ["VerbConsistency"]


# Spoken names of the * and # keys, by language: word form -> (key, name).
_KEY_NAMES = {
    "en": {
        "hash": ("#", "hash"),
        "pound": ("#", "pound"),
        "square": ("#", "square"),
        "star": ("*", "star"),
        "asterisk": ("*", "asterisk"),
    },
    "fi": {
        "risuaita": ("#", "risuaita"),
        "risuaitaa": ("#", "risuaita"),
        "risuaitamerkki": ("#", "risuaita"),
        "risuaitamerkkiä": ("#", "risuaita"),
        "risuaitanäppäintä": ("#", "risuaita"),
        "ruutu": ("#", "ruutu"),
        "ruutua": ("#", "ruutu"),
        "ristikko": ("#", "ristikko"),
        "ristikkoa": ("#", "ristikko"),
        "tähti": ("*", "tähti"),
        "tähteä": ("*", "tähti"),
        "tähtimerkki": ("*", "tähti"),
        "tähtimerkkiä": ("*", "tähti"),
        "tähtinäppäintä": ("*", "tähti"),
        "asteriski": ("*", "asteriski"),
        "asteriskia": ("*", "asteriski"),
    },
}


_OTHER_VERBS = {
    "en": (
        r"\b(push|hit|select|choose|dial)\s+(?:the\s+)?(\d|star|hash|pound"
        r"|(?:one|two|three|four|five|six|seven|eight|nine|zero)(?=\s+(?:for|to|if)\b))\b(?!\d)"
    ),
    "fi": r"\b(valitse|näppäile)\s+(\d|nolla|ykkönen|kakkonen|tähti|risuaita)\b(?!\d)",
}


_HINTS = {
    "en": ("hash", "pound", "square", "star", "asterisk", "push", "hit", "select", "choose", "dial", "disconnect"),
    "fi": ("risuaita", "ruutu", "ruutua", "ristikko", "tähti", "tähte", "asterisk", "valitse", "näppäile"),
}


# Whether a lower-cased text holds any hint: one search of the hints as alternatives instead of one `in` each.
# Compiled per language when a lint first reads a text in it (the verb and "disconnect" patterns only
# when a text holds a hint); cached, which is safe from the TUI's lint and goals workers at once.
@cache
def _hint(base: str) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _HINTS[base])))


@cache
def _other_verbs(base: str) -> re.Pattern[str]:
    return re.compile(_OTHER_VERBS[base], re.IGNORECASE)


_disconnect = compiled_on_first_need(r"\bdisconnect(?:ed|ing|s)?\b", re.IGNORECASE)


@register
class VerbConsistency(Rule):
    """
    ## What it does
    Checks that the IVR uses one set of words for its controls, language by
    language:

    - the `#` and `*` keys have one name each across every prompt, composed
      or hand-written ("hash" or "pound", not both; "star", not also
      "asterisk"; Finnish "risuaita", not also "ruutu");
    - a single-key menu choice is "press" ("paina"), not "push", "hit",
      "select", "choose" or "dial 1" ("valitse 1", "näppäile 1"), which are
      kept for entering data;
    - the end of a call is "end the call" or "hang up", not "disconnect".

    Each mixed name is reported once, at the first hand-written text that
    departs from the name used before (composed announcements count first).

    ## Why is this bad?
    Callers learn the words of an IVR as they go; a second name for the same
    key or action makes them wonder whether it is a different one. The
    iTAMS summary of the standard asks for consistent "words and
    expressions" [ISO].

    ## Example
    ```yaml
    account:
      type: input
      say: Enter your account number, then press the pound key.
    pin:
      type: input
      say: Enter your PIN, then press hash.
    ```

    ## Use instead
    ```yaml
    account:
      type: input
      say: Enter your account number, then press hash.
    pin:
      type: input
      say: Enter your PIN, then press hash.
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at http://www.itams.co.uk/ivr-standards.htm
    """

    code = "WD010"
    name = "verb-consistency"
    summary = "The IVR uses different words for the same key or action"
    level = Level.INFO
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        first_name: dict[tuple[str, str], str] = {}  # (language, key) -> the name used first
        reported: set[tuple[str, str, str]] = set()
        bases: dict[str, str] = {}
        for key, text, language, value, lower, _ascii in chain(self._composed(ctx), spoken_readings(ctx)):
            base = bases.get(language)
            if base is None:
                base = bases[language] = language.split("-")[0].lower()
            names = _KEY_NAMES.get(base)
            if names is None:
                continue
            if not _hint(base).search(lower):
                continue  # no key name, verb or "disconnect" in this text
            for word in words(value):
                if word not in names:
                    continue
                pressed, name = names[word]
                used = first_name.setdefault((base, pressed), name)
                if used != name and (base, pressed, name) not in reported:
                    reported.add((base, pressed, name))
                    yield Violation(
                        text.span,
                        f'the {pressed} key is called "{name}" here{language_tag(text, language)} but "{used}" elsewhere',
                        node=key,
                        hint=f'call it "{used}" everywhere (or set `key_names` to the name you prefer)',
                    )
            match = _other_verbs(base).search(value)
            if match is not None:
                verb = "press" if base == "en" else "paina"
                yield Violation(
                    text.span,
                    f'"{match.group(0)}"{language_tag(text, language)}: use "{verb}" for a menu choice',
                    node=key,
                    hint=f'"{verb} {match.group(2)}"',
                )
            if base == "en" and _disconnect().search(value):
                yield Violation(
                    text.span,
                    f'"disconnect"{language_tag(text, language)}: say "end the call" or "hang up"',
                    node=key,
                    hint='"If you are in danger, hang up and call 112."',
                )

    @staticmethod
    def _composed(ctx: Context) -> Iterator[SpokenReading]:
        """The key names of each file's composed announcements of * and #, read before the hand-written texts
        (so a hand-written name that differs from the composed one is the one reported)."""
        for menu_file in ctx.menuset.files.values():
            span = menu_file.settings.span or menu_file.span
            if span is None:
                continue
            keys_heard = {o.key for o in menu_file.global_options if o.announce and o.say is None}
            for node in menu_file.nodes.values():
                if isinstance(node, MenuNode) and node.announce_options:
                    keys_heard.update(o.key for o in node.options if o.announce and o.say is None)
            for language in menu_file.languages:
                for pressed in ("*", "#"):
                    if pressed in keys_heard:
                        name = spoken_key(pressed, language, menu_file.settings)
                        yield None, Text(((language, name),), span), language, name, name.lower(), name.isascii()

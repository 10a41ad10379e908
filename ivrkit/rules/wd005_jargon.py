"""WD005 `jargon`: An option label uses jargon, an unknown acronym or a code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import chain

from ..analysis.wording import LabelReading, options_in_file_order
from ..language import (
    tokenize,
)
from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import Option, Text
from ._wording_common import is_placeholder_word, label_readings, language_tag, languages_of, quote

__all__ = ["Jargon"]


# Compiled when a label first has a word with a digit (most never do).
_ordinal = compiled_on_first_need(r"\d+(?:st|nd|rd|th|h|am|pm|s|min)\Z", re.IGNORECASE)


_code_like = compiled_on_first_need(r"(?=.*\d)(?=.*[^\W\d_])[\w-]+\Z")


_SUSPECT = re.compile(r"[^\W\d_a-zäöå]{2}|\d")  # two capitals in a row, or a digit
# `_SUSPECT` in an ASCII text (where its class is A-Z and a digit 0-9), searched about twice as fast.
_SUSPECT_ASCII = re.compile(r"[A-Z][A-Z]|[0-9]")


def _matches_ascii(char: str) -> bool:
    """Whether `char` matches some ASCII character when case is ignored (as `re.IGNORECASE` has it: "ſ" is
    an "s", the Kelvin sign a "k")."""
    pattern = re.compile(re.escape(char), re.IGNORECASE)
    return any(pattern.fullmatch(chr(code)) for code in range(128))


def _terms_in_ascii(terms: list[str]) -> re.Pattern[str] | None:
    """How to look for `terms` in an ASCII text quickly: a case-sensitive pattern of the lower-cased terms,
    searched in the lower-cased text, which matches where the terms' IGNORECASE pattern matches the text (in
    ASCII, ignoring case is comparing lower case, and lower case keeps every offset and word boundary). A
    term with a letter that matches no ASCII one ("näyttöponnahdus") never matches ASCII text and is left
    out (with none kept, the pattern matches nothing); None when one could match through a fold lower case
    does not make ("ſ"), so the quick look would be wrong."""
    kept = []
    for term in terms:
        if term.isascii():
            kept.append(term.lower())
        elif all(char.isascii() or _matches_ascii(char) for char in term):
            return None
    if not kept:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(kept, key=len, reverse=True)) + r")(?!\w)")


@cache
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """The terms' own pattern (case ignored): compiled when a text first needs it, once per process."""
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)",
        re.IGNORECASE,
    )


@cache
def _ascii_term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """`_terms_in_ascii` of the terms, made when an ASCII text is first read, once per process."""
    return _terms_in_ascii(list(terms))


@register
class Jargon(Rule):
    """
    ## What it does
    Finds internal words in option labels and hand-written option
    announcements: acronyms not on the `acronyms` allowlist (any word of two
    or more capitals, such as "CSR" or "IBAN"), terms from the `terms`
    blocklist ("tier 2", "back office", "provisioning"), and product or
    department codes that mix letters and digits ("BX-200"). Words in the
    configured glossary (`glossary` in the linter configuration) are
    accepted.

    ## Why is this bad?
    "Avoid industry-specific jargon, use terminology familiar to users"
    [ACX-lex]; callers know their goal, not the company's org chart or
    product codes [NNG].

    ## Example
    ```yaml
    options:
      "1": {label: reach a tier 2 CSR, goto: support}
    ```

    ## Use instead
    ```yaml
    options:
      "1": {label: get help with a technical problem, goto: support}
    ```

    ## Options
    - `acronyms` (default `[PIN, ID, SMS, OK, TV, PC, ATM, VAT, ALV, EU, UK, US,
      USA, SIM, USB, PDF, GP, NHS, 3G, 4G, 5G]`): acronyms callers know.
    - `terms` (default: a short list of contact-centre jargon such as "tier 1",
      "back office", "escalation", "provisioning", "CSR", "IVR", "DTMF",
      "screen pop", "data dip", "tiketti", "eskalointi"): words and phrases
      to report.

    ## References
    - [ACX-lex] http://acixd.org/wiki/doku.php?id=lexical_considerations
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "WD005"
    name = "jargon"
    summary = "An option label uses jargon, an unknown acronym or a code"
    level = Level.WARNING
    uses_text = True
    options = {
        "acronyms": RuleOption(
            list,
            [
                "PIN",
                "ID",
                "SMS",
                "OK",
                "TV",
                "PC",
                "ATM",
                "VAT",
                "ALV",
                "EU",
                "UK",
                "US",
                "USA",
                "SIM",
                "USB",
                "PDF",
                "GP",
                "NHS",
                "3G",
                "4G",
                "5G",
            ],
            "acronyms callers know",
        ),
        "terms": RuleOption(
            list,
            [
                "tier 1",
                "tier 2",
                "tier 3",
                "first line",
                "second line",
                "back office",
                "back-office",
                "escalation",
                "provisioning",
                "disposition",
                "CSR",
                "ACD",
                "CRM",
                "IVR",
                "DTMF",
                "SLA",
                "tiketti",
                "eskalointi",
                "backoffice",
                "provisiointi",
                "screen pop",
                "data dip",
                "CTI",
                "wrap-up",
                "näyttöponnahdus",
            ],
            "words and phrases to report",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        glossary = {w.lower() for w in ctx.config.glossary}
        allowed = {w.lower() for w in self.option("acronyms")} | glossary
        terms = tuple(t for t in self.option("terms") if t.lower() not in glossary)
        # Both patterns are compiled when a text first needs them: most labels are plain ASCII words,
        # which the quick ASCII pattern clears without the terms' own (and larger) pattern.
        suspect, suspect_ascii = _SUSPECT.search, _SUSPECT_ASCII.search
        for key, _option, text, language, value, lower, ascii in chain(label_readings(ctx), self._says(ctx)):
            found: list[str] = []
            if not (suspect_ascii(value) if ascii else suspect(value)):
                if not terms:
                    continue
                in_ascii = _ascii_term_pattern(terms) if ascii else None
                if in_ascii is not None:
                    if not in_ascii.search(lower):
                        continue
                elif not _term_pattern(terms).search(value):
                    continue
            if terms:
                found += [m.group() for m in _term_pattern(terms).finditer(value)]
            for token in tokenize(value):
                word = token.text.rstrip("-")
                if (
                    word.lower() in allowed
                    or is_placeholder_word(word)
                    or any(word.lower() == f.lower() for f in found)
                ):
                    continue
                if token.is_upper or (_code_like().match(word) and not _ordinal().match(word) and not word.isdigit()):
                    found.append(word)
            if found:
                listed = ", ".join(quote(f) for f in dict.fromkeys(found))
                yield Violation(
                    text.span,
                    f"{quote(value)}{language_tag(text, language)} uses words callers may not know: {listed}",
                    node=key,
                    hint="use the caller's words for the goal, or add the word to the glossary",
                )

    @staticmethod
    def _says(ctx: Context) -> Iterator[LabelReading]:
        """The hand-written announcements of announced options, read as the labels are (`label_readings`)."""
        for key, option in options_in_file_order(ctx.menuset):
            if option.say is not None and option.announce:
                yield from _read(key, option, option.say)


def _read(key: str | None, option: Option, text: Text) -> Iterator[LabelReading]:
    for language, value in languages_of(text):
        yield key, option, text, language, value, value.lower(), value.isascii()

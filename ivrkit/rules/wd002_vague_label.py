"""WD002 `vague-label`: An option label is a catch-all that names no goal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..language import (
    labels_from_prompt,
    words,
)
from ..language.normalise import normaliser
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import Text
from ._wording_common import label_readings, language_tag, languages_of, quote

__all__ = ["VagueLabel"]


_CATCH_ALL = {
    "en": frozenset("other others else general miscellaneous misc more everything anything something".split()),
    "fi": frozenset(
        "muu muut muuta muita muun muihin muista muissa muusta muulla muilla yleinen yleiset yleistä yleisiä "
        "yleisissä lisää lisä".split()
    ),
}


_VAGUE = {
    "en": frozenset(
        """enquiry enquiries inquiry inquiries question questions query queries option options choice choices
        matter matters issue issues thing things service services request requests topic topics reason reasons
        help information info all any the a an for about ask hear with your our of to and or my""".split()
    ),
    "fi": frozenset(
        """asia asiat asiaa asioita asioissa asiassa kysymys kysymykset kysymyksiä vaihtoehto vaihtoehdot
        vaihtoehtoja palvelu palvelut palveluja tiedustelu tiedustelut tieto tiedot kaikki ja tai sekä""".split()
    ),
}


_CATCH_ALL_HINT_WORDS = {
    "en": ("other", "else", "general", "misc", "more", "thing"),
    "fi": ("muu", "mui", "ylei", "lisä"),
}


# Compiled when a language's first non-ASCII label is judged (an English lint seldom needs it); cached,
# which is safe from the TUI's lint and goals workers at once.
@cache
def _catch_all_hint(base: str) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _CATCH_ALL_HINT_WORDS[base])), re.IGNORECASE)


# The same look in an ASCII text: ignoring case is comparing lower case there, and a hint with a letter outside
# ASCII ("lisä") cannot be in it.
_CATCH_ALL_HINT_ASCII = {
    base: tuple(hint for hint in hints if hint.isascii()) for base, hints in _CATCH_ALL_HINT_WORDS.items()
}


# Every ASCII hint of every language: an ASCII label holding none of them is no catch-all in any language.
_ANY_ASCII_HINT = tuple(dict.fromkeys(hint for hints in _CATCH_ALL_HINT_ASCII.values() for hint in hints))


def _has_hint(value: str, base: str, lower: str | None = None, ascii: bool | None = None) -> bool:
    """Whether `value` holds one of the catch-all hints of `base` (`_catch_all_hint`), case ignored (`lower` and
    `ascii`: the value's lower case and `isascii()`, when known)."""
    if value.isascii() if ascii is None else ascii:
        lowered = value.lower() if lower is None else lower
        for hint in _CATCH_ALL_HINT_ASCII[base]:
            if hint in lowered:
                return True
        return False
    return _catch_all_hint(base).search(value) is not None


def _catch_all(value: str, language: str, lower: str | None = None, ascii: bool | None = None) -> tuple[bool, bool]:
    """(whether the label has a catch-all word, whether everything else in it is vague too)."""
    base = _BASES.get(language) or _base(language)
    if base not in _CATCH_ALL or not _has_hint(value, base, lower, ascii):
        return False, False
    norm = normaliser(language) if base == "fi" else (lambda w: w)
    marker = scoped = False
    for word in words(value):
        lemma = norm(word)
        if word in _CATCH_ALL[base] or lemma in _CATCH_ALL[base]:
            marker = True
        elif word not in _VAGUE[base] and lemma not in _VAGUE[base]:
            scoped = True
    return marker, marker and not scoped


_BASES: dict[str, str] = {}  # language -> its base ("en-GB" -> "en"), as `_base` has it


def _base(language: str) -> str:
    base = _BASES[language] = language.split("-")[0].lower()
    return base


@register
class VagueLabel(Rule):
    """
    ## What it does
    Finds catch-all labels that name no goal: "other", "general enquiries",
    "all other questions", "more options", "muut asiat", "muu asia",
    "yleiset kysymykset". A label counts as a catch-all when it has a
    catch-all word (other, else, general, more; muu, yleinen, lisää) and
    every other word is just as empty (questions, enquiries, matters,
    options; asia, kysymys, vaihtoehto). Besides option labels it reads the
    goals a hand-written prompt gives its keys ("For all other enquiries,
    press 9", "Muissa asioissa paina 9") when the option itself has no
    label, as in menus imported from a platform that only has the prompt.

    A *scoped* catch-all, which names the area it covers ("muu
    maksuvaikeuksiin liittyvä asia", "other questions about your bill"), is
    accepted by default: in a menu about one subject it tells callers which
    calls belong there, and it is the usual way to send the rest of that
    subject to a person. Set `scoped` to report those too.

    ## Why is this bad?
    Options should be "clear and distinct… mutually exclusive" [ACX-phr]. A
    bare "other" overlaps every other option: a caller with a billing
    question cannot tell whether it is "billing" or "other", so they listen
    to the whole menu and then guess [ACX-menu]. Plain, specific wording is
    one of the basic phone-tree guidelines [NNG].

    ## Example
    ```yaml
    options:
      "1": {label: pay your bill, goto: billing}
      "2": {label: all other enquiries, goto: agent}
    ```

    ## Use instead
    ```yaml
    options:
      "1": {label: pay your bill, goto: billing}
      "2": {label: report a fault, goto: faults}
      "0": {label: speak to an adviser, goto: agent}
    ```

    ## Options
    - `scoped` (default `false`): also report catch-alls that name their
      subject ("muu maksuvaikeuksiin liittyvä asia", "other billing questions").

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    - [ACX-menu] http://acixd.org/wiki/doku.php?id=menu_design
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "WD002"
    name = "vague-label"
    summary = "An option label is a catch-all that names no goal"
    level = Level.WARNING
    uses_text = True
    options = {"scoped": RuleOption(bool, False, "also report catch-alls that name their subject")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        scoped = self.option("scoped")
        for key, _option, label, language, value, lower, ascii in label_readings(ctx):
            if ascii:
                for hint in _ANY_ASCII_HINT:  # (a loop, not `any()` over a generator: this runs for every label)
                    if hint in lower:
                        break
                else:
                    continue
            yield from self._judge(key, value, language, label, language_tag(label, language), scoped, lower, ascii)
        for key, menu in ctx.menus():
            # unlabelled options announced only in a hand-written prompt: read their goals from it
            prompt = menu.prompt.text if menu.prompt is not None else None
            if menu.announce_options or prompt is None:
                continue
            unlabelled = {o.key for o in ctx.heard.options(menu) if o.label is None}
            for language, value in languages_of(prompt):
                for pressed, goal in labels_from_prompt(value, language).items():
                    if goal is not None and pressed in unlabelled:
                        where = f" (the goal of key {pressed} in the prompt{language_tag(prompt, language)})"
                        yield from self._judge(key, goal, language, prompt, where, scoped)

    @staticmethod
    def _judge(
        key, value: str, language: str, text: Text, where: str, scoped: bool, lower=None, ascii=None
    ) -> Iterator[Violation]:
        marker, bare = _catch_all(value, language, lower, ascii)
        if bare or (scoped and marker):
            kind = "a catch-all" if bare else "a scoped catch-all"
            yield Violation(
                text.span,
                f"{quote(value)}{where} is {kind}: it does not tell callers which calls it is for",
                node=key,
                hint="name the goals it covers, or let 0 (a person) take the calls that fit no option",
            )

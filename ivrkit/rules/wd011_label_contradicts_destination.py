"""WD011 `label-contradicts-destination`: an option label that promises something its route does not do.

Two promises are checked, each conservatively (a label it cannot read is
never reported):

- a person ("an adviser", "asiakaspalvelija") on an option that ends in a
  message and a hang-up, with no person reachable without another key;
- a department ("billing", "laskutus") on an option whose destination names
  only other known departments and shares no content word with the label.

The "repeat" / "go back" promise is WD013 (`ivrkit.rules.wd013_navigation_label_mismatch`),
which shares the readers of `_label_promises`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..language import is_stop_word
from ..language.normalise import cleared_with_backend, normaliser
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode, Option
from ._label_promises import (
    LabelPromises,
    OptionRoutes,
    label_words,
    language_base,
    text_in_file_language,
)

__all__ = ["LabelContradictsDestination"]


# Known departments: English words (compared by stem) and the beginnings of Finnish word forms,
# consonant gradation included (a compound starting with one counts: "laskutusasiat",
# "tukipalvelu"), read from the surface word so that Voikko is not needed.
_DEPARTMENTS = {
    "billing": ("bill billing bills invoice invoices payment payments pay", "lasku maksu"),
    "sales": ("sales buy purchase order orders ordering", "myyn osto tilau"),
    "support": (
        "support technical tech fault faults repair repairs",
        "tuki tuke tuen tekni vika vikoj vikai huolto huollo",
    ),
    "delivery": ("delivery deliveries shipping tracking parcel parcels", "toimitu pakett paketi"),
    "returns": ("refund refunds", "palautu palautus hyvity"),
    "claims": ("claim claims", "vahinko vahingo korvau"),
    "careers": ("career careers job jobs recruitment vacancies", "työpaik rekry"),
    "reception": ("reception switchboard", "vaihde vaihtee"),
}


@cleared_with_backend
@lru_cache(maxsize=8)
def _department_table(language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    base = language_base(language)
    if base == "fi":
        return tuple((name, tuple(spelled[1].split())) for name, spelled in _DEPARTMENTS.items())
    lemma = normaliser(base)
    return tuple((name, tuple({lemma(w) for w in spelled[0].split()})) for name, spelled in _DEPARTMENTS.items())


# The label and each destination text are read for departments and content words, one after the other.
@cleared_with_backend
@lru_cache(maxsize=4096)
def _lemmas(value: str, language: str) -> frozenset[str]:
    lemma = normaliser(language_base(language))
    return frozenset(
        lemma(word) for word in label_words(value) if not is_stop_word(word, language, lemma(word)) and len(word) > 2
    )


@cleared_with_backend
@lru_cache(maxsize=4096)
def departments(value: str, language: str) -> frozenset[str]:
    """The known departments a text names ("billing", "tekninen tuki")."""
    if language_base(language) not in ("en", "fi"):
        return frozenset()
    found = set()
    if language_base(language) == "fi":
        forms = [word for word in label_words(value) if len(word) > 2]
        for name, beginnings in _department_table(language):
            if any(word.startswith(beginnings) for word in forms):
                found.add(name)
        return frozenset(found)
    lemmas = _lemmas(value, language)
    for name, stems in _department_table(language):
        if lemmas & set(stems):
            found.add(name)
    return frozenset(found)


@register
class LabelContradictsDestination(Rule):
    """
    ## What it does
    Finds options whose label promises something the route does not do:
    - a label that promises a person ("speak to an adviser", "an agent",
      "asiakaspalvelija", "virkailija") on an option that ends in a message
      and a hang-up, with no person or other choice on the way;
    - a label that names a department ("billing", "technical support",
      "laskutus") on an option whose destination (node names, queue and
      prompts up to the next menu or destination) names only other known
      departments and shares no content word with the label.
    Labels in other languages, options with no label and navigation
    options (`action`, or a label offering to repeat or go back, which
    `navigation-label-mismatch` judges) are not judged.

    ## Why is this bad?
    Callers choose by the label; when the route does something else they
    are lost, and a promised person who turns out to be a recording is the
    complaint surveys hear most. Options must be clear and mutually
    exclusive, and mean what they say [ACX-phr]; a request for a person must
    be honoured [ACX-zero], [GH].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
        "0": {label: speak to an adviser, goto: website_message}
    website_message:
      type: hangup
      say: Please visit our website. Goodbye.
    ```

    ## Use instead
    ```yaml
        "0": {label: speak to an adviser, goto: agent}
    agent:
      type: transfer
      queue: general
    ```

    ## Options
    None.

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    - [ACX-zero] http://acixd.org/wiki/doku.php?id=zero-outs
    - [GH] GetHuman standard 1.0, http://gethuman.com/standard/v1.0.html
    """

    code = "WD011"
    name = "label-contradicts-destination"
    summary = "An option's label promises something its route does not do"
    level = Level.WARNING
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        reader = ctx.once(OptionRoutes)
        promises = ctx.once(LabelPromises)  # what options lead to: one reader per run, shared by WD011 and WD013
        seen_globals: set = set()
        for key, menu in ctx.menus():
            if key not in ctx.reachable:
                continue
            assert isinstance(menu, MenuNode)
            for option in ctx.heard.options(menu):
                if option.is_global:
                    if option.key_span in seen_globals:
                        continue
                    seen_globals.add(option.key_span)
                said = text_in_file_language(ctx, option.label or option.say, key)
                if said is None or option.language is not None:
                    continue
                problem = self._problem(reader, promises, key, menu, option, *said)
                if problem is None:
                    continue
                text = option.label or option.say
                yield Violation(
                    text.span if text is not None else option.key_span,
                    problem,
                    node=key,
                    hint="make the label say where the key leads, or route the key where the label promises",
                )

    @staticmethod
    def _problem(
        reader: OptionRoutes,
        promises: LabelPromises,
        key: str,
        menu: MenuNode,
        option: Option,
        label: str,
        language: str,
    ) -> str | None:
        where = f"key {option.key} in `{menu.id}`"
        if option.action is not None or promises.repeat(label, language) or promises.back(label, language):
            return None
        if promises.person(label, language):
            end = reader.ends_without_person(option)
            if end is not None:
                return f'{where} promises a person ("{label}") but ends in a message and the hang-up `{end}`'
            return None
        wanted = departments(label, language)
        if not wanted:
            return None
        named: set[str] = set()
        content: set[str] = set()
        for value, lang in reader.destination_words(option):
            named |= departments(value, lang)
            content |= _lemmas(value, lang)
        if not named or named & wanted or _lemmas(label, language) & content:
            return None
        return f'{where} says "{label}" ({", ".join(sorted(wanted))}) but leads to {", ".join(sorted(named))}'

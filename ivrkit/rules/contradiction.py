"""WD011 `label-contradicts-destination`: an option label that promises something its route does not do.

Two promises are checked, each conservatively (a label it cannot read is
never reported):

- a person ("an adviser", "asiakaspalvelija") on an option that ends in a
  message and a hang-up, with no person reachable without another key;
- a department ("billing", "laskutus") on an option whose destination names
  only other known departments and shares no content word with the label.

The "repeat" / "go back" promise is WD013 (`ivrkit.rules.navigation_label`),
which shares the readers here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..language import is_stop_word, words
from ..language.normalise import normaliser
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode, Option, TransferNode

__all__ = ["LabelContradictsDestination", "promises_repeat", "promises_back", "promises_person"]

_REPEAT = {
    "en": [
        r"^(?:to |please )?(?:repeat|replay)(?: (?:this|these|the|that|all))?(?: (?:menu|options?|message|list|choices))?(?: again)?$",
        r"\b(?:repeat|replay) (?:this|these|the|that) (?:menu|options?|message|list|choices)\b",
        r"\b(?:hear|listen to) (?:this|these|the|that|all)\b.*\bagain\b",
    ],
    "fi": [
        r"\b(?:kuunt\w*|kuul\w*|toist\w*)\b.*\buudelleen\b",
        r"^toista\b",
        r"\b(?:valikon|vaihtoehtojen) (?:toisto|toistaminen)\b",
    ],
}
_BACK = {
    "en": [
        r"\b(?:go|going|get) back\b(?! to you)",
        r"\b(?:return|back) to (?:the )?(?:previous|main|last|top|start|beginning)\b",
        r"\bprevious menu\b",
        r"\bmain menu\b",
        r"^back$",
    ],
    "fi": [
        r"\b(?:pala\w*|paluu\w*|siirry\w*|siirty\w*|mene\w*)\b.*\b(?:takaisin|edelli\w+|päävalik\w+|alkuun)\b",
        r"^takaisin\b",
        r"\bedelliseen valikkoon\b",
        r"\bpäävalikkoon\b",
    ],
}
_PERSON = {
    "en": [
        r"\b(?:agent|agents|operator|adviser|advisers|advisor|advisors|representative|representatives"
        r"|receptionist|attendant|a (?:real |live )?person|a human|human being"
        r"|member of (?:our|the) (?:staff|team)|staff member|customer service (?:representative|agent))\b",
        r"\b(?:speak|talk|chat) (?:to|with) (?:someone|somebody|us|a member)\b",
    ],
}
# "a task for an agent": the person deals with it later, nobody is promised on the line.
_FOR_LATER = re.compile(
    r"\b(?:task|message|note|request|ticket|voicemail|email|e-mail|form|case) for (?:an? |the |our |your )?\Z"
)
# Finnish person words in any case form, read from the surface word so that the result does not
# depend on whether Voikko is installed (a compound ending in one counts: "lainaneuvojalle");
# "henkilö" only as itself, not in "henkilötunnus" or "henkilötiedot".
_PERSON_FI = re.compile(
    r"\w*(?:asiakaspalvelij|virkailij|työntekij|päivystäj)\w*|\w+neuvoj\w*"
    r"|neuvoja(?:lle|an|n|t|a|ille|ina|na)"  # bare "neuvoja" is also "advice" (partitive plural)
    r"|henkilö(?:lle|n|ä|ön|itä|ille|kunta\w*|stö\w*)?"
)
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
_WAITING = frozenset({"menu", "input", "transfer", "voicemail", "callback"})


def _base(language: str) -> str:
    return language.split("-")[0].lower()


def _matches(patterns: dict[str, list[str]], value: str, language: str) -> bool:
    text = " ".join(words(value))
    return any(re.search(p, text) for p in patterns.get(_base(language), ()))


def promises_repeat(value: str, language: str) -> bool:
    """Whether a label reads as "hear these options again"."""
    return _matches(_REPEAT, value, language)


def promises_back(value: str, language: str) -> bool:
    """Whether a label reads as "go back to the previous (or main) menu"."""
    return _matches(_BACK, value, language)


def promises_person(value: str, language: str) -> bool:
    """Whether a label promises a person: an agent, an adviser, an asiakaspalvelija."""
    base = _base(language)
    if base == "fi":
        return any(_PERSON_FI.fullmatch(word) for word in words(value))
    text = " ".join(words(value))
    # "create a task for an agent", "leave a message for the operator": the person is not on the line
    return any(
        not _FOR_LATER.search(text[: match.start()])
        for pattern in _PERSON.get(base, ())
        for match in re.finditer(pattern, text)
    )


@lru_cache(maxsize=8)
def _department_table(language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    base = _base(language)
    if base == "fi":
        return tuple((name, tuple(spelled[1].split())) for name, spelled in _DEPARTMENTS.items())
    lemma = normaliser(base)
    return tuple((name, tuple({lemma(w) for w in spelled[0].split()})) for name, spelled in _DEPARTMENTS.items())


def _lemmas(value: str, language: str) -> set[str]:
    lemma = normaliser(_base(language))
    return {lemma(word) for word in words(value) if not is_stop_word(word, language, lemma(word)) and len(word) > 2}


def departments(value: str, language: str) -> set[str]:
    """The known departments a text names ("billing", "tekninen tuki")."""
    if _base(language) not in ("en", "fi"):
        return set()
    found = set()
    if _base(language) == "fi":
        forms = [word for word in words(value) if len(word) > 2]
        for name, beginnings in _department_table(language):
            if any(word.startswith(beginnings) for word in forms):
                found.add(name)
        return found
    lemmas = _lemmas(value, language)
    for name, stems in _department_table(language):
        if lemmas & set(stems):
            found.add(name)
    return found


def _text(ctx: Context, text, key: str) -> tuple[str, str] | None:
    if text is None:
        return None
    menu_file = ctx.menuset.file_of(key)
    value = text.get(menu_file.language)
    if value is not None:
        return value, menu_file.language
    language, value = text.values[0]
    return value, language


class _Reader:
    """What options lead to, computed once per run."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.top = set(ctx.facts.free_closure(ctx.menuset.entry, through_inputs=True))
        self._parents: dict[str, set[str]] | None = None

    def closure(self, option: Option) -> list[str]:
        target = option.goto
        if target is None or target.node_key is None or target.node_key not in self.ctx.menuset.nodes:
            return []
        return self.ctx.facts.free_closure(target.node_key)

    def parents(self, menu_key: str) -> set[str]:
        """The menus with an option leading (without another key) to `menu_key`: where "back" goes."""
        if self._parents is None:
            nodes = self.ctx.menuset.nodes
            self._parents = {}
            for key, menu in self.ctx.menus():
                for option in menu.options:
                    for reached in self.closure(option):
                        if nodes[reached].type == "menu" and reached != key:
                            self._parents.setdefault(reached, set()).add(key)
        return self._parents.get(menu_key, set())

    def repeats(self, menu_key: str, option: Option) -> bool:
        if option.action == "repeat":
            return True
        if option.action in ("back", "top"):
            return menu_key in self.top  # back or top from the main menu replays it
        return menu_key in self.closure(option)

    def goes_back(self, menu_key: str, option: Option) -> bool:
        if option.action in ("back", "top"):
            return True
        if option.goto is not None and option.goto.is_return:
            return True
        closure = self.closure(option)
        nodes = self.ctx.menuset.nodes
        return any(
            nodes[key].type == "menu" and (key in self.top or key in self.parents(menu_key) or key == menu_key)
            for key in closure
        )

    def ends_without_person(self, option: Option) -> str | None:
        """The hang-up the option ends at when nothing but messages lie before it."""
        closure = self.closure(option)
        nodes = self.ctx.menuset.nodes
        kinds = {nodes[key].type for key in closure}
        if "hangup" not in kinds or kinds & _WAITING:
            return None
        return next(nodes[key].id for key in closure if nodes[key].type == "hangup")

    def destination_words(self, option: Option) -> list[tuple[str, str]]:
        """(text, language) naming where the option leads: node ids, queue names, prompts."""
        found = []
        nodes = self.ctx.menuset.nodes
        for key in self.closure(option):
            node = nodes[key]
            language = self.ctx.menuset.file_of(node).language
            name = re.sub(r"[_\-.#/]+", " ", node.id)
            found += [(name, lang) for lang in dict.fromkeys(("en", language))]  # ids are often English
            if isinstance(node, TransferNode) and node.queue:
                found.append((re.sub(r"[_\-.]+", " ", node.queue), language))
            if node.prompt is not None and node.prompt.text is not None:
                said = _text(self.ctx, node.prompt.text, key)
                if said is not None:
                    found.append(said)
        return found


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
        reader = _Reader(ctx)
        seen_globals: set = set()
        for key, menu in ctx.menus():
            if key not in ctx.reachable:
                continue
            assert isinstance(menu, MenuNode)
            for option in ctx.menuset.file_of(menu).options_of(menu):
                if option.is_global:
                    if option.key_span in seen_globals:
                        continue
                    seen_globals.add(option.key_span)
                said = _text(ctx, option.label or option.say, key)
                if said is None or option.language is not None:
                    continue
                problem = self._problem(reader, key, menu, option, *said)
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
    def _problem(reader: _Reader, key: str, menu: MenuNode, option: Option, label: str, language: str) -> str | None:
        where = f"key {option.key} in `{menu.id}`"
        if option.action is not None or promises_repeat(label, language) or promises_back(label, language):
            return None
        if promises_person(label, language):
            end = reader.ends_without_person(option)
            if end is not None:
                return f"{where} promises a person (\"{label}\") but ends in a message and the hang-up `{end}`"
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
        return (
            f"{where} says \"{label}\" ({', '.join(sorted(wanted))}) but leads to "
            f"{', '.join(sorted(named))}"
        )

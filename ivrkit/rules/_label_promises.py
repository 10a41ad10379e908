"""What an option label promises (a person, to repeat, to go back) and where its route leads.

The readers WD011 (`label-contradicts-destination`) and WD013 (`navigation-label-mismatch`) share;
HD005 asks whether a label promises a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..language import words
from ..lint.context import Context
from ..model import Option, TransferNode

__all__ = [
    "LabelPromises",
    "OptionRoutes",
    "label_words",
    "language_base",
    "promises_back",
    "promises_person",
    "promises_repeat",
    "text_in_file_language",
]


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


_WAITING = frozenset({"menu", "input", "transfer", "voicemail", "callback"})


def language_base(language: str) -> str:
    return language.split("-")[0].lower()


@lru_cache(maxsize=4096)
def label_words(value: str) -> tuple[str, ...]:
    """The words of a text; cached, as the readers here and WD011 look at each label several times in a row."""
    return tuple(words(value))


def _any_of(patterns: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    """One compiled alternation per language: it matches where any of the language's patterns does."""
    return {language: re.compile("|".join(f"(?:{p})" for p in listed)) for language, listed in patterns.items()}


_REPEAT_ANY = _any_of(_REPEAT)
_BACK_ANY = _any_of(_BACK)
_PERSON_EACH = {language: [re.compile(p) for p in listed] for language, listed in _PERSON.items()}


@lru_cache(maxsize=4096)
def _spaced_words(value: str) -> str:
    return " ".join(label_words(value))


def _matches(patterns: dict[str, re.Pattern[str]], value: str, language: str) -> bool:
    pattern = patterns.get(language_base(language))
    return pattern is not None and pattern.search(_spaced_words(value)) is not None


def promises_repeat(value: str, language: str) -> bool:
    """Whether a label reads as "hear these options again"."""
    return _matches(_REPEAT_ANY, value, language)


def promises_back(value: str, language: str) -> bool:
    """Whether a label reads as "go back to the previous (or main) menu"."""
    return _matches(_BACK_ANY, value, language)


def promises_person(value: str, language: str) -> bool:
    """Whether a label promises a person: an agent, an adviser, an asiakaspalvelija."""
    base = language_base(language)
    if base == "fi":
        return any(_PERSON_FI.fullmatch(word) for word in label_words(value))
    text = _spaced_words(value)
    # "create a task for an agent", "leave a message for the operator": the person is not on the line
    return any(
        not _FOR_LATER.search(text[: match.start()])
        for pattern in _PERSON_EACH.get(base, ())
        for match in pattern.finditer(text)
    )


class LabelPromises:
    """What each label promises, read once per run (`ctx.once(LabelPromises)`): WD011, WD013 and HD005 ask
    it of the same labels."""

    def __init__(self, ctx: Context):
        self._answers: dict[tuple[str, str, str], bool] = {}

    def _ask(self, what: str, reader: Callable[[str, str], bool], value: str, language: str) -> bool:
        found = self._answers.get((what, value, language))
        if found is None:
            found = self._answers[(what, value, language)] = reader(value, language)
        return found

    def repeat(self, value: str, language: str) -> bool:
        return self._ask("repeat", promises_repeat, value, language)

    def back(self, value: str, language: str) -> bool:
        return self._ask("back", promises_back, value, language)

    def person(self, value: str, language: str) -> bool:
        return self._ask("person", promises_person, value, language)


def text_in_file_language(ctx: Context, text, key: str) -> tuple[str, str] | None:
    if text is None:
        return None
    menu_file = ctx.menuset.file_of(key)
    value = text.get(menu_file.language)
    if value is not None:
        return value, menu_file.language
    language, value = text.values[0]
    return value, language


class OptionRoutes:
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
                said = text_in_file_language(self.ctx, node.prompt.text, key)
                if said is not None:
                    found.append(said)
        return found

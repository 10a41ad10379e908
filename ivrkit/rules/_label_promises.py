"""What an option label promises (a person, to repeat, to go back) and where its route leads.

The readers WD011 (`label-contradicts-destination`) and WD013 (`navigation-label-mismatch`) share;
HD005 asks whether a label promises a person.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..language import words
from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..model import Option, Text, TransferNode

__all__ = [
    "LabelPromises",
    "OptionRoutes",
    "label_words",
    "language_base",
    "promises_back",
    "promises_person",
    "promises_repeat",
    "text_in_file_language",
    "text_in_language",
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
_FOR_LATER = r"\b(?:task|message|note|request|ticket|voicemail|email|e-mail|form|case) for (?:an? |the |our |your )?\Z"


# Finnish person words in any case form, read from the surface word so that the result does not
# depend on whether Voikko is installed (a compound ending in one counts: "lainaneuvojalle");
# "henkilö" only as itself, not in "henkilötunnus" or "henkilötiedot".
_PERSON_FI = (
    r"\w*(?:asiakaspalvelij|virkailij|työntekij|päivystäj)\w*|\w+neuvoj\w*"
    r"|neuvoja(?:lle|an|n|t|a|ille|ina|na)"  # bare "neuvoja" is also "advice" (partitive plural)
    r"|henkilö(?:lle|n|ä|ön|itä|ille|kunta\w*|stö\w*)?"
)


# Cues: each pattern above, in each of its alternatives, needs one of its language's cues as written
# (the texts are lower-cased words), so a text without any cue cannot match and is not searched.
# Most labels have none. A pattern added above must add its cue here (tests/rules/test_label_cues.py).
_NAVIGATION_CUES = {
    "en": ("repeat", "replay", "again", "back", "return", "previous", "main"),
    "fi": ("uudelleen", "toist", "takaisin", "edelli", "päävalik", "alkuun"),
}
_PERSON_CUES = {
    "en": (
        "agent",
        "operator",
        "advis",
        "representative",
        "receptionist",
        "attendant",
        "person",
        "human",
        "member",
        "speak",
        "talk",
        "chat",
    ),
    "fi": ("asiakaspalvelij", "virkailij", "työntekij", "päivystäj", "neuvoj", "henkilö"),
}


# The compiled patterns below are built per language when a lint first asks for that language (an
# English lint never compiles the Finnish ones); `functools.cache` makes each getter safe to call from
# the TUI's lint and goals workers at once.
@cache
def _navigation_cue(base: str) -> re.Pattern[str] | None:
    return _cue_pattern(_NAVIGATION_CUES.get(base))


@cache
def _person_cue(base: str) -> re.Pattern[str] | None:
    return _cue_pattern(_PERSON_CUES.get(base))


def _cue_pattern(listed: tuple[str, ...] | None) -> re.Pattern[str] | None:
    """One pattern that finds any of a language's cues; None for a language without cues."""
    return None if listed is None else re.compile("|".join(map(re.escape, listed)))


_ID_SEPARATORS = re.compile(r"[_\-.#/]+")  # read a node id "billing_menu" as "billing menu"
_QUEUE_SEPARATORS = re.compile(r"[_\-.]+")


_WAITING = frozenset({"menu", "input", "transfer", "voicemail", "callback"})


@lru_cache(maxsize=64)
def language_base(language: str) -> str:
    return language.split("-")[0].lower()


_BETWEEN_WORDS = str.maketrans(".,;:!?\t\n", "        ")
"""Characters that only ever separate words (not an apostrophe, a hyphen or an underscore, which the word
pattern joins words with or treats apart), each turned into a space."""


@lru_cache(maxsize=4096)
def label_words(value: str) -> tuple[str, ...]:
    """The words of a text (`words`); cached, so that a label repeated from file to file is read once. A text
    of ASCII letters and digits separated by spaces and punctuation that only separates (most labels, node
    names and prompts) is split without the word pattern, into the same words."""
    if value.isascii():
        spaced = value.lower().translate(_BETWEEN_WORDS)
        if spaced.replace(" ", "").isalnum():
            return tuple(spaced.split())
    return tuple(words(value))


def _any_of(listed: list[str] | None) -> re.Pattern[str] | None:
    """One compiled alternation: it matches where any of a language's patterns does; None for a language
    without patterns."""
    return None if listed is None else re.compile("|".join(f"(?:{p})" for p in listed))


@cache
def _repeat_any(base: str) -> re.Pattern[str] | None:
    return _any_of(_REPEAT.get(base))


@cache
def _back_any(base: str) -> re.Pattern[str] | None:
    return _any_of(_BACK.get(base))


@cache
def _person_each(base: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _PERSON.get(base, ()))


_person_fi = compiled_on_first_need(_PERSON_FI)


_for_later = compiled_on_first_need(_FOR_LATER)


def _matches(pattern: re.Pattern[str] | None, spaced: str) -> bool:
    return pattern is not None and pattern.search(spaced) is not None


def _person_in(spaced: str, forms: tuple[str, ...], base: str) -> bool:
    """`promises_person` of a text read as its words (`forms`) and the words joined by spaces (`spaced`)."""
    if base == "fi":
        person_fi = _person_fi()
        return any(person_fi.fullmatch(word) for word in forms)
    # "create a task for an agent", "leave a message for the operator": the person is not on the line
    return any(
        not _for_later().search(spaced[: match.start()])
        for pattern in _person_each(base)
        for match in pattern.finditer(spaced)
    )


def promises_repeat(value: str, language: str) -> bool:
    """Whether a label reads as "hear these options again"."""
    return _matches(_repeat_any(language_base(language)), " ".join(label_words(value)))


def promises_back(value: str, language: str) -> bool:
    """Whether a label reads as "go back to the previous (or main) menu"."""
    return _matches(_back_any(language_base(language)), " ".join(label_words(value)))


def promises_person(value: str, language: str) -> bool:
    """Whether a label promises a person: an agent, an adviser, an asiakaspalvelija."""
    forms = label_words(value)
    return _person_in(" ".join(forms), forms, language_base(language))


_UNREAD = object()  # what `LabelPromises` holds for a label it has not read (None is an answer)


class LabelPromises:
    """What each label promises, read once per run (`ctx.once(LabelPromises)`): WD011, WD013 and HD005 ask
    it of the same labels, and WD011 reads the words of labels and destinations through it. The answers
    live as long as the run's `Context`."""

    def __init__(self, ctx: Context):
        self._words: dict[str, tuple[tuple[str, ...], str]] = {}
        self._navigation: dict[tuple[str, str], str | None] = {}
        self._person: dict[tuple[str, str], bool] = {}

    def words(self, value: str) -> tuple[str, ...]:
        """The words of `value` (`label_words`)."""
        return self._read(value)[0]

    def _read(self, value: str) -> tuple[tuple[str, ...], str]:
        """The words of `value` and the same words joined by spaces, as the patterns read them."""
        found = self._words.get(value)
        if found is None:  # (a tuple: never None once read)
            forms = label_words(value)
            found = self._words[value] = (forms, " ".join(forms))
        return found

    def navigation(self, value: str, language: str) -> str | None:
        """The way around the menu a label promises: "repeat" (`promises_repeat`), else "back"
        (`promises_back`), else None."""
        found = self._navigation.get((value, language), _UNREAD)  # most labels are read once: no KeyError
        if found is not _UNREAD:
            return found  # type: ignore[return-value]
        base = language_base(language)
        cue = _navigation_cue(base)
        # A cue has no space, apostrophe or hyphen: it is in the words joined by spaces only when it is in the
        # label's lower case, so a label without one there is not split into words at all (most labels).
        if cue is None or cue.search(value.lower()) is None or cue.search(spaced := self._read(value)[1]) is None:
            found = None
        elif _matches(_repeat_any(base), spaced):
            found = "repeat"
        elif _matches(_back_any(base), spaced):
            found = "back"
        else:
            found = None
        self._navigation[value, language] = found
        return found

    def person(self, value: str, language: str) -> bool:
        """`promises_person`."""
        found = self._person.get((value, language))
        if found is None:
            base = language_base(language)
            cue = _person_cue(base)
            if cue is None or cue.search(value.lower()) is None:  # (as in `navigation`)
                found = self._person[value, language] = False
            else:
                forms, spaced = self._read(value)
                found = self._person[value, language] = _matches(cue, spaced) and _person_in(spaced, forms, base)
        return found


def text_in_file_language(ctx: Context, text, key: str) -> tuple[str, str] | None:
    """(value, language) of `text` in the language of the file holding node `key` (else its first)."""
    if text is None:
        return None
    return text_in_language(text, ctx.menuset.file_of(key).language)


def text_in_language(text: Text, language: str) -> tuple[str, str]:
    """(value, language) of `text` in `language`, else its first language."""
    value = text.get(language)
    if value is not None:
        return value, language
    first, value = text.values[0]
    return value, first


class OptionRoutes:
    """What options lead to, computed once per run."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.top = set(ctx.facts.free_closure(ctx.menuset.entry, through_inputs=True))
        self._parents: dict[str, set[str]] | None = None
        self._node_texts: dict[str, list[tuple[str, str]]] = {}

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

    def node_texts(self, key: str) -> list[tuple[str, str]]:
        """(text, language) naming the node `key`, one of the places an option leads: its id, queue name,
        prompt. Read once per run: many options lead through the same nodes."""
        found = self._node_texts.get(key)
        if found is None:
            found = self._node_texts[key] = self._read_node_texts(key)
        return found

    def _read_node_texts(self, key: str) -> list[tuple[str, str]]:
        node = self.ctx.menuset.nodes[key]
        language = self.ctx.menuset.file_of(node).language
        name = _ID_SEPARATORS.sub(" ", node.id)
        found = [(name, lang) for lang in dict.fromkeys(("en", language))]  # ids are often English
        if isinstance(node, TransferNode) and node.queue:
            found.append((_QUEUE_SEPARATORS.sub(" ", node.queue), language))
        if node.prompt is not None and node.prompt.text is not None:
            found.append(text_in_language(node.prompt.text, language))
        return found

"""A first-time caller choosing at one menu: which key they press, when, or whether they wait.

The model (docs/caller-model.md has its sources and limits): the caller
knows what they want (a goal, in their own words) and nothing of the menu.
They listen to the options in the order they are announced and judge each
as it comes, keeping the best so far (serial keep-or-discard). An option whose
information scent (`ivrkit.analysis.scent`) is clearly good, and clearly
better than what they have heard, makes some of them press at once (barge
in). The others hear the whole prompt and choose among the options that fit
(scent at least `fit_threshold`) by a softmax with `temperature`, beside a
"none of these" alternative worth exactly the threshold. A caller for whom
nothing fits presses the key of a person, if one is offered (some first wait
to hear the menu again; after `patience` re-hearings all of them press it),
and otherwise waits in silence: never a random key. A caller who got here by
a wrong turn (`lost`) takes the announced back key instead, else a person.

Navigation options (repeat, back, to the top) promise nothing and score 0. In
a language-choice menu the goal's language picks its key. A menu taking
extensions takes the one a goal names ("extension 1234").

`CallerModel(menuset, params)` answers from one model per menu set and
parameters, shared like `ivrkit.analysis.heard` and kept only while the menu
set lives. It reads the model and the analysis layer only, never the engine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Protocol

from ..keypatterns import extension_accepts
from ..language.keyphrases import announced_keys, labels_from_prompt
from ..model import (
    BranchNode,
    InputNode,
    MenuNode,
    MenuSet,
    MessageNode,
    Option,
    Target,
    model_class,
)
from ..prompts import text_in
from .facts import analyse
from .heard import heard
from .option_meanings import OptionMeanings
from .scent import scent, units
from .shared import per_menuset, reference

__all__ = [
    "CallerParams",
    "DEFAULT_PARAMS",
    "OptionScent",
    "MenuChoice",
    "CallerModel",
    "CallerGoal",
    "PERSON_KEY",
    "is_language_menu",
]

PERSON_KEY = "0"
"""The key callers press for a person when it is not announced (GetHuman standard: 0 always reaches one)."""
KEY_GAP = 0.2
"""Seconds between the keys of one entry: the engine's `Session.press` spacing (ivrkit/engine/session.py),
repeated here because the analysis layer may not import the engine."""
_SAMPLE_DIGITS = "1234567890"  # the engine's sample entry (ivrkit/engine/paths.py), for the same reason
_NUMBER = re.compile(r"\d+")


@model_class
class CallerParams:
    """The caller model's parameters; docs/caller-model.md gives each one's source and what it does."""

    temperature: float = 0.1
    """Softmax temperature over scents (0 to 1): lower is a more decisive caller."""
    patience: int = 1
    """How many times a caller hears again a menu where nothing fits before pressing for a person."""
    barge_confidence: float = 0.8
    """The scent at or above which an option can make a caller press while the menu is still playing."""
    fit_threshold: float = 0.3
    """The scent below which an option does not fit the goal at all (the caller discards it)."""
    reaction_seconds: float = 1.6
    """Seconds from the end of a heard option to the key press of a caller who barges in (the
    keystroke-level model's mental preparation, 1.35 s, plus one keystroke, 0.28 s)."""
    barge_margin: float = 0.2
    """How much better than the best option heard so far an option must be to make a caller barge in."""
    barge_share: float = 0.5
    """The share of callers who barge in at an option that is clearly good enough (the rest hear it all)."""
    zero_out: float = 0.5
    """The share of callers who press for a person at once when nothing fits (the rest first hear the menu
    again), on their first hearing."""
    destination_hops: int = 3
    """How far past an option its destination's words are read (messages, branches, entries passed)."""


DEFAULT_PARAMS = CallerParams()


class CallerGoal(Protocol):
    """What the model reads of a goal (`ivrkit.goals.Goal` is one)."""

    @property
    def say(self) -> str: ...

    @property
    def language(self) -> str: ...


@model_class
class OptionScent:
    """One option as the caller heard it: its key, its words, and how well they promise the goal."""

    key: str
    label: str
    score: float
    words: tuple[str, ...]


@model_class
class MenuChoice:
    """What a caller with one goal does at one menu. ``sum(press.values()) + silent == 1``."""

    node: str
    options: tuple[OptionScent, ...]
    press: Mapping[str, float]
    silent: float
    barge: Mapping[str, bool]

    @property
    def top(self) -> str | None:
        """The most likely first key, or None when waiting is more likely than any key."""
        if not self.press:
            return None
        key, probability = max(self.press.items(), key=lambda item: item[1])
        return key if probability >= self.silent else None


class CallerModel:
    """The first-time caller of one menu set with one set of parameters (shared per menu set and params)."""

    __slots__ = ("_state",)

    def __init__(self, menuset: MenuSet, params: CallerParams = DEFAULT_PARAMS):
        self._state: _State = per_menuset(menuset, f"caller-model {params!r}", lambda m: _State(m, params))

    @property
    def params(self) -> CallerParams:
        return self._state.params

    def choice(
        self, node: str, goal: CallerGoal, *, attempt: int = 0, lost: bool = False, hearing: str | None = None
    ) -> MenuChoice:
        """What a caller with `goal` presses first at the menu `node` (see the module docstring).

        `attempt`: how many times they have already heard this menu in this call; `lost`: they got here by
        a wrong turn; `hearing`: the language the call is being played in (the engine session's), which the
        options are heard in where the node's file speaks it (None: the goal's language where it does).
        """
        return self._state.choice(node, goal.say, goal.language, max(0, attempt), lost, hearing)

    def digits(self, node: str, goal: CallerGoal) -> str | None:
        """What the caller types at the input `node` (a number in the goal, else a valid sample), or the
        extension a goal names at a menu taking extensions; None elsewhere."""
        return self._state.digits(node, goal.say)

    def language(self, node: str, goal: CallerGoal) -> str:
        """The language the caller hears `node` in: the goal's when the node's file speaks it, else the
        file's default."""
        return self._state.language(node, goal.language)


class _State:
    """The shared, cached answers of one caller model."""

    def __init__(self, menuset: MenuSet, params: CallerParams):
        self._menuset = reference(menuset)
        self.params = params
        self._meanings: OptionMeanings | None = None
        self._choices: dict[tuple[str, str, str, int, bool, str | None], MenuChoice] = {}
        self._heard: dict[tuple[str, str], tuple[tuple[Option, str, str], ...]] = {}
        self._destinations: dict[tuple[str, str, str], str] = {}
        self._languages: dict[tuple[str, str], str] = {}

    @property
    def menuset(self) -> MenuSet:
        return self._menuset()

    @property
    def meanings(self) -> OptionMeanings:
        if self._meanings is None:
            menuset = self.menuset
            self._meanings = OptionMeanings(menuset, analyse(menuset), PERSON_KEY)
        return self._meanings

    # -- what the caller hears ---------------------------------------------------------

    def language(self, node: str, goal_language: str) -> str:
        found = self._languages.get((node, goal_language))
        if found is None:
            menu_file = self.menuset.file_of(node)
            wanted = _base(goal_language)
            spoken = menu_file.languages or (menu_file.language,)
            found = next((lang for lang in spoken if _base(lang) == wanted), menu_file.language)
            self._languages[(node, goal_language)] = found
        return found

    def heard_options(self, node: str, language: str) -> tuple[tuple[Option, str, str], ...]:
        """The options the caller hears at the menu `node`, in order: (option, its words, their language)."""
        found = self._heard.get((node, language))
        if found is None:
            found = self._heard[(node, language)] = self._read_options(node, language)
        return found

    def _read_options(self, node: str, language: str) -> tuple[tuple[Option, str, str], ...]:
        menuset = self.menuset
        menu = menuset.nodes[node]
        assert isinstance(menu, MenuNode), f"{node} is not a menu"
        menu_file = menuset.file_of(menu)
        default = menu_file.language
        options = heard(menuset).options(node)
        from_prompt: dict[str, str | None] = {}
        if menu.announce_options:
            chosen = [option for option in options if option.announce]
        else:  # the prompt announces the keys itself ("For billing, press 1"): in the order it names them
            prompt = text_in(menu.prompt.text, language, default)[0] if menu.prompt is not None else None
            by_key = {option.key: option for option in options}
            mentioned = announced_keys(prompt, language) if prompt else []
            chosen = list({m.key: by_key[m.key] for m in mentioned if m.key in by_key}.values())
            from_prompt = labels_from_prompt(prompt, language) if prompt else {}
        found = []
        for option in chosen:
            spoken = option.language or language
            words = option.label if option.label is not None else option.say
            text, used, _ = text_in(words, spoken, default)
            if not text and not menu.announce_options:
                text, used = from_prompt.get(option.key) or "", language  # the prompt's words for the key
            found.append((option, text or "", used))
        return tuple(found)

    def destination(self, node: str, option: Option, language: str) -> str:
        """What the caller would hear after choosing `option`, a few steps on: prompts, messages, what an
        entry asks for, the options of the next menu, the words of a transfer."""
        mark = (node, option.key, language)
        found = self._destinations.get(mark)
        if found is None:
            found = self._destinations[mark] = self._read_destination(node, option, language)
        return found

    def _read_destination(self, origin: str, option: Option, language: str) -> str:
        if option.action is not None or option.goto is None or option.goto.node_key is None:
            return ""
        menuset = self.menuset
        texts: list[str] = []
        seen: set[str] = {origin}  # a message that leads back to this menu adds nothing it does not say
        # (node key, where a `return` goes, hops so far)
        frontier: list[tuple[str, str | None, int]] = [(option.goto.node_key, _key(option.then), 0)]
        while frontier:
            key, after, hops = frontier.pop(0)
            if key in seen or hops > self.params.destination_hops:
                continue
            seen.add(key)
            node = menuset.nodes[key]
            default = menuset.file_of(node).language
            if node.prompt is not None:
                text = text_in(node.prompt.text, language, default)[0]
                if text:
                    texts.append(text)
            if isinstance(node, MenuNode):
                for own in node.options:
                    if own.action is None and own.label is not None and not own.language:
                        label = text_in(own.label, language, default)[0]
                        if label:
                            texts.append(label)
                continue
            nexts: list[tuple[Target | None, Target | None]] = []
            if isinstance(node, (MessageNode, InputNode)):
                nexts.append((node.next, node.then))
            elif isinstance(node, BranchNode):
                nexts.extend((target, None) for _, target in node.cases)
                nexts.append((node.default, None))
            for target, then in nexts:
                if target is None:
                    continue
                if target.node_key is None:  # `return`: back where the option said
                    if after is not None:
                        frontier.append((after, None, hops + 1))
                else:
                    frontier.append((target.node_key, _key(then) or after, hops + 1))
        return " ".join(texts)

    # -- the choice ----------------------------------------------------------------------

    def choice(
        self, node: str, say: str, goal_language: str, attempt: int, lost: bool, hearing: str | None
    ) -> MenuChoice:
        patience = max(self.params.patience, 0)
        mark = (node, say, goal_language, min(attempt, patience), lost, hearing)
        found = self._choices.get(mark)
        if found is None:
            found = self._choose(node, say, goal_language, min(attempt, patience), lost, hearing)
            self._choices[mark] = found
        return found

    def _choose(
        self, node: str, say: str, goal_language: str, attempt: int, lost: bool, hearing: str | None
    ) -> MenuChoice:
        params = self.params
        menuset = self.menuset
        menu = menuset.nodes[node]
        if not isinstance(menu, MenuNode):
            raise ValueError(f"{node} is not a menu (a {menu.type})")
        language = self.language(node, hearing or goal_language)
        options = self.heard_options(node, language)
        if is_language_menu(menu):
            return self._choose_language(node, goal_language, options)
        if _base(language) != _base(goal_language):
            # Played in another language than the caller's: a key offering theirs is the one they press.
            offered = (option.language for option, _, _ in options if option.language is not None)
            if any(_base(tag) == _base(goal_language) for tag in offered):
                return self._choose_language(node, goal_language, options)
        extension = self._named_extension(menu, say)
        if extension is not None:
            named = (OptionScent(extension, "extension", 1.0, (extension,)),)
            return _choice(node, named, {extension: 1.0}, 0.0, {extension: True})
        meanings = self.meanings
        navigation = [
            option.language is not None or meanings.meaning(node, option) == "navigation" for option, _, _ in options
        ]
        context = tuple(text for (option, text, _), nav in zip(options, navigation) if not nav and text)
        scents: list[OptionScent] = []
        for (option, text, used), nav in zip(options, navigation):
            if nav or not text:
                scents.append(OptionScent(option.key, text, 0.0, ()))
                continue
            found = scent(
                say,
                goal_language,
                text,
                used,
                destination=self.destination(node, option, language),
                context=context,
            )
            scents.append(OptionScent(option.key, text, found.score, found.words))
        press: dict[str, float] = {}
        barge: dict[str, bool] = {}
        listening = 1.0
        threshold = params.fit_threshold
        may_barge = bool(menu.setting("barge_in", menuset.settings_of(menu))) and params.barge_share > 0
        # While the menu plays, each option is judged against those heard so far (the rest are not known yet).
        best = 0.0
        so_far: list[str] = []
        for (option, text, used), nav in zip(options, navigation):
            if nav or not text:
                continue
            so_far.append(text)
            if not may_barge:
                continue
            destination = self.destination(node, option, language)
            score = scent(say, goal_language, text, used, destination=destination, context=tuple(so_far)).score
            if score >= max(threshold, params.barge_confidence, best + params.barge_margin):
                press[option.key] = press.get(option.key, 0.0) + listening * params.barge_share
                barge[option.key] = True
                listening *= 1.0 - params.barge_share
            best = max(best, score)
        # After the whole prompt: a softmax over the options that fit, beside "none of these" (worth the
        # threshold, so exp(0) = 1).
        temperature = max(params.temperature, 1e-6)
        weights: dict[str, float] = {}
        for heard_option in scents:
            if heard_option.score >= threshold:
                weight = math.exp((heard_option.score - threshold) / temperature)
                weights[heard_option.key] = weights.get(heard_option.key, 0.0) + weight
        total = sum(weights.values()) + 1.0
        for key, weight in weights.items():
            press[key] = press.get(key, 0.0) + listening * weight / total
        giving_up = listening / total
        silent = 0.0
        escape = self._escape(node, options, lost)
        if escape is None:
            silent = giving_up
        elif lost:
            press[escape] = press.get(escape, 0.0) + giving_up
        else:
            share = zero_out_share(attempt, params)
            press[escape] = press.get(escape, 0.0) + giving_up * share
            silent = giving_up * (1.0 - share)
        return _choice(node, tuple(scents), press, silent, barge)

    def _choose_language(self, node: str, goal_language: str, options) -> MenuChoice:
        wanted = _base(goal_language)
        scents = []
        chosen = None
        for option, text, _ in options:
            fits = option.language is not None and _base(option.language) == wanted
            if fits and chosen is None:
                chosen = option.key
            scents.append(OptionScent(option.key, text, 1.0 if fits else 0.0, ()))
        if chosen is None:  # a language the menu does not offer: carry on in the line's language
            return _choice(node, tuple(scents), {}, 1.0, {})
        return _choice(node, tuple(scents), {chosen: 1.0}, 0.0, {chosen: True})

    def _escape(self, node: str, options, lost: bool) -> str | None:
        """The key a caller for whom nothing fits presses: when `lost`, an announced back key, else a person's
        (announced, or an unannounced 0 that reaches one); None: they wait."""
        if lost:
            for option, _, _ in options:
                if option.action == "back":
                    return option.key
        meanings = self.meanings
        people = [option.key for option, _, _ in options if meanings.meaning(node, option) == "person"]
        if not people:
            people = [
                option.key
                for option, text, used in options
                if option.action is None and any(unit.main == "=agent" for unit in units(text, used))
            ]
        if people:
            return PERSON_KEY if PERSON_KEY in people else people[0]
        for option in heard(self.menuset).options(node):
            if option.key == PERSON_KEY and not option.announce and meanings.meaning(node, option) == "person":
                return PERSON_KEY
        return None

    # -- typing numbers -------------------------------------------------------------------

    def _named_extension(self, menu: MenuNode, say: str) -> str | None:
        if menu.extensions is None:
            return None
        options = heard(self.menuset).options(menu.key)
        keys = {option.key for option in options}
        for number in _NUMBER.findall(say):
            if number not in keys and extension_accepts(menu, options, number):
                return number
        return None

    def digits(self, node: str, say: str) -> str | None:
        found = self.menuset.nodes[node]
        if isinstance(found, MenuNode):
            return self._named_extension(found, say)
        if not isinstance(found, InputNode):
            return None
        for number in _NUMBER.findall(say):
            if found.min_digits <= len(number) <= found.max_digits:
                return _terminated(found, number)
        count = found.min_digits
        if found.min_digits < found.max_digits and found.terminator is None:
            pause = found.setting("inter_digit_timeout", self.menuset.settings_of(found))
            if (found.max_digits - found.min_digits) * KEY_GAP < pause:
                count = found.max_digits  # typing them all ends the entry sooner than the inter-digit wait
        return _terminated(found, (_SAMPLE_DIGITS * (count // len(_SAMPLE_DIGITS) + 1))[:count])


def is_language_menu(menu: MenuNode) -> bool:
    """A language menu (as `ivrkit.predict.routes` sees one too): its own options that do something all choose a language (a "for English, 9" among
    business options does not make one; neither does a global language option)."""
    chosen = [option for option in menu.options if option.action is None]
    return bool(chosen) and all(option.language is not None for option in chosen)


def zero_out_share(attempt: int, params: CallerParams) -> float:
    """The share of callers for whom nothing fits who press for a person (the rest wait to hear the menu
    again): `zero_out` on the first hearing, rising in equal steps to all of them after `patience` more."""
    if params.patience <= 0 or attempt >= params.patience:
        return 1.0
    share = params.zero_out + (1.0 - params.zero_out) * attempt / params.patience
    return min(1.0, max(0.0, share))


def _terminated(node: InputNode, digits: str) -> str:
    return digits + node.terminator if len(digits) < node.max_digits and node.terminator else digits


def _choice(
    node: str, scents: tuple[OptionScent, ...], press: dict[str, float], silent: float, barge: dict[str, bool]
) -> MenuChoice:
    """A `MenuChoice` whose probabilities sum to 1 exactly (rounding spread over them), keys in heard order."""
    total = sum(press.values()) + silent
    order = {option.key: index for index, option in enumerate(scents)}
    kept = sorted(((key, p / total) for key, p in press.items() if p > 0.0), key=lambda item: order.get(item[0], 99))
    return MenuChoice(
        node,
        scents,
        MappingProxyType(dict(kept)),
        silent / total,
        MappingProxyType({key: True for key in barge if key in dict(kept)}),
    )


def _key(target: Target | None) -> str | None:
    return target.node_key if target is not None else None


def _base(language: str) -> str:
    return language.split("-")[0].lower()

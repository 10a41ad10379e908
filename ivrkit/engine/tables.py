"""What a session looks up on every caller action, computed once per menu set and shared by every session.

`tables(menuset)` gives the menu set's `Tables`:

- `info(key)`: a node's settings as a session reads them (its own value, else
  its file's), its fallback, and for a menu its options in order and by key;
- `plans(duration)`: for one duration model, what each node says on arrival
  in each language, as ready-made `Speak` fields with their seconds and the
  pause after them (`ivrkit.analysis.heard` composes the sentences once, the
  duration model times each once);
- `variables`: the defaults of every file's variables;
- `runs`: the `Speak` events of a speech plan scheduled from one moment,
  shared by the sessions that schedule it from that moment;
- `moves`: the events of a key that takes a menu to another menu at one
  moment, shared by the sessions that press it there then.

A menu set never changes, so none of this goes stale; sessions over the same
menu set (a batch of call scripts, `paths`, the TUI's calls) share it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from itertools import chain, repeat
from operator import ge, itemgetter
from types import MappingProxyType
from typing import Any

from ..analysis.heard import Heard, heard
from ..analysis.shared import per_menuset, reference
from ..keypatterns import keeps_listening
from ..model import RETURN, Interactive, MenuNode, MenuSet, Node, Option, Target
from ..prompts import Segment, option_sentence, prompt_segment, text_in
from ..timing import OPTION_PAUSE, uncached_speech_seconds

__all__ = ["NodeInfo", "SpeechPlan", "Tables", "tables"]

_DTMF = "0123456789*#"
_ACTS_AT_ONCE: Mapping[str, bool] = MappingProxyType(
    dict.fromkeys(_DTMF, False)
)  # `NodeInfo.listening` of a menu whose every key acts


class SpeechPlan:
    """What a node says on arrival, ready to schedule.

    `segments`: per segment, (the `Speak` fields after `at`, its seconds, the
    pause after it). `columns`: the same fields column by column, and
    `steps`: seconds, pause, seconds, pause, ... of the segments in order
    (None when one is negative: then a segment may not start where the one
    before it ends, and the session schedules them one by one).
    """

    __slots__ = ("segments", "columns", "steps")

    def __init__(self, segments: tuple[tuple[tuple[Any, ...], float, float], ...]):
        self.segments = segments
        self.columns = tuple(zip(*map(_FIELDS, segments)))
        steps = tuple(chain.from_iterable(map(_SECONDS_AND_PAUSE, segments)))
        # (each `value >= 0`, in C, rather than `min(steps) >= 0`: a NaN length must fail the test wherever it is)
        self.steps: tuple[float, ...] | None = steps if all(map(ge, steps, repeat(0))) else None


_FIELDS = itemgetter(0)  # of a segment of a `SpeechPlan`
_SECONDS_AND_PAUSE = itemgetter(1, 2)


def tables(menuset: MenuSet) -> Tables:
    """The shared `Tables` of `menuset`."""
    return per_menuset(menuset, "engine.tables", Tables)


class NodeInfo:
    """One node's settings as a session reads them, looked up once."""

    __slots__ = (
        "node",
        "menu_file",
        "key",
        "is_menu",
        "file_language",
        "timeout",
        "inter_digit_timeout",
        "retries",
        "barge_in",
        "rate",
        "fallback",
        "options",
        "by_key",
        "plain_goto",
        "listening",
    )

    def __init__(self, menuset: MenuSet, hear: Heard, node: Node):
        menu_file = menuset.files[node.file]
        settings = menu_file.settings
        self.node = node
        self.menu_file = menu_file
        self.key = node.key
        self.file_language = menu_file.language
        # `node.setting(name, settings)` for each: the node's own value, else the file's
        own = getattr(node, "timeout", None)
        self.timeout: float = settings.timeout if own is None else own
        own = getattr(node, "inter_digit_timeout", None)
        self.inter_digit_timeout: float = settings.inter_digit_timeout if own is None else own
        own = getattr(node, "retries", None)
        self.retries: int = settings.retries if own is None else own
        own = getattr(node, "barge_in", None)
        self.barge_in: bool = settings.barge_in if own is None else own
        own = getattr(node, "rate", None)
        self.rate: float = settings.rate if own is None else own
        own_fallback = node.fallback if isinstance(node, Interactive) else None
        self.fallback: Target | None = own_fallback or settings.fallback
        self.listening: Mapping[str, bool] = {}  # keys so far -> keeps_listening(keys), filled as asked
        self.is_menu = is_menu = node.TYPE == "menu"
        if not is_menu:
            self.options: tuple[Option, ...] = ()
            self.by_key: dict[str, Option] = {}
            self.plain_goto: dict[str, tuple[str, str]] = {}
            return
        self.options = options = hear.options(node)
        by_key = self.by_key = {}
        # key -> (target node, how the call moves) of the options that only go to a node: no action, `then`,
        # `return` or change of language (`Session._choose` does the rest)
        plain_goto = self.plain_goto = {}
        single = True  # every option key is one key long
        for option in options:
            key = option.key
            by_key[key] = option
            if len(key) != 1:
                single = False
            goto = option.goto
            if (
                goto is not None
                and option.action is None
                and option.language is None
                and option.then is None
                and goto.node_key is not None
                and goto.raw != RETURN  # `goto.is_return`, without its call
            ):
                plain_goto[key] = (goto.node_key, "global-option" if option.is_global else "option")
        if single and node.max_digits is None and node.extensions is None:  # type: ignore[attr-defined]
            # No option key is longer than one key and no extension can follow: every single key acts at once.
            self.listening = _ACTS_AT_ONCE  # shared (read only: `keeps_listening` copies it before it adds a key)

    def keeps_listening(self, keys: str) -> bool:
        """After `keys`, this menu waits for another key (`ivrkit.keypatterns.keeps_listening`, remembered)."""
        found = self.listening.get(keys)
        if found is None:
            assert isinstance(self.node, MenuNode)
            listening = self.listening
            if not isinstance(listening, dict):  # the shared read-only table: this menu's own copy from now on
                listening = self.listening = dict(listening)
            found = listening[keys] = keeps_listening(self.node, self.options, keys)
        return found


class _Infos(dict[str, NodeInfo]):
    """Node infos by key; a missing one is built on first lookup (a plain dict lookup after that)."""

    __slots__ = ("_tables",)

    def __init__(self, tables: Tables):
        super().__init__()
        self._tables = tables

    def __missing__(self, key: str) -> NodeInfo:
        info = self[key] = self._tables._build_info(key)
        return info


class Tables:
    """The per-menu-set lookups of the engine (see the module's docstring)."""

    __slots__ = ("_menuset", "heard", "variables", "infos", "_plans", "runs", "moves", "default_plans", "_global_rows")

    def __init__(self, menuset: MenuSet):
        self._menuset = reference(menuset)
        self.heard = heard(menuset)
        self.variables: dict[str, str] = {
            name: variable.default
            for menu_file in menuset.files.values()
            for name, variable in menu_file.variables.items()
        }
        self.infos = _Infos(self)  # node key -> NodeInfo, built on first lookup: `tables.infos[key]`
        self._plans: weakref.WeakKeyDictionary[Callable[..., float], dict[tuple, Any]] = weakref.WeakKeyDictionary()
        # (speech plan, moment) -> (its `Speak` events from that moment, the last one's start, the end of its
        # speech and pause): events are immutable, so calls that reach a node at the same moment (every call
        # at the entry, calls that took the same keys) share them; filled and bounded by `Session._play`
        # (the default duration model, `estimated(menuset)`, and its plans), set by the first session using it
        self.default_plans: tuple[Callable[[Segment, float], float], dict[tuple, Any]] | None = None
        self.runs: dict[tuple[SpeechPlan, float | str], tuple[tuple[Any, ...], float, float]] = {}
        # (the target's speech plan, menu, key, moment) -> the events of a key that goes from the menu to another
        # menu, once everything planned has happened (its Press, the Arrive, Speak and Listen of the target), the
        # last Speak's start, the end of the speech, whether the move was recorded for `back`: shared as `runs`
        # (filled and bounded by `Session._move`)
        self.moves: dict[
            tuple[SpeechPlan, str, str, float | str], tuple[tuple[Any, ...], float | None, float, bool]
        ] = {}
        # (id of a global option, language, rate) -> (the option, its sentence, the sentence's language, seconds)
        self._global_rows: dict[tuple[int, str, float], tuple[Option, str, str, float]] = {}

    def info(self, key: str) -> NodeInfo:
        """The settings of the node `key` (built on first use)."""
        return self.infos[key]

    def _build_info(self, key: str) -> NodeInfo:
        menuset = self._menuset()
        return NodeInfo(menuset, self.heard, menuset.nodes[key])

    def plans(self, duration: Callable[[Segment, float], float]) -> dict[tuple, Any]:
        """The speech plans timed by `duration`, shared by the sessions that use the same duration model.

        A duration model that cannot be weakly referenced gets a plan table of its own (not shared)."""
        try:
            found = self._plans.get(duration)
            if found is None:
                found = self._plans[duration] = {}
        except TypeError:
            return {}
        return found

    def node_plan(
        self, plans: dict[tuple, Any], duration: Callable[[Segment, float], float], key: str, language: str
    ) -> SpeechPlan:
        """What the node `key` says on arrival in `language`, timed by `duration` (cached in `plans`)."""
        info = self.infos[key]
        rate = info.rate
        default = self.default_plans
        if info.is_menu and default is not None and duration is default[0]:
            plan = plans[(key, language)] = self._menu_plan(info, key, language)
            return plan
        segments = self.heard.segments(key, None if language == info.file_language else language)
        timed = []
        for segment in segments:
            seconds = duration(segment, rate)
            timed.append(
                (
                    (key, segment.text, segment.language, seconds, segment.kind, segment.key, segment.audio),
                    seconds,
                    OPTION_PAUSE if segment.kind == "option" else 0.0,
                )
            )
        plan = plans[(key, language)] = SpeechPlan(tuple(timed))
        return plan

    def _menu_plan(self, info: NodeInfo, key: str, language: str) -> SpeechPlan:
        """`node_plan` of a menu timed by the default duration model (`durations.estimated`), without making
        its option segments: an option's sentence is text without a recording, which that model times as
        `speech_seconds(sentence, its language, rate)` (held to `node_plan`'s plain way in
        tests/engine/test_menu_plans.py). A text prompt without a recording is timed so too, without a
        segment; texts are timed without `speech_seconds`'s cache (`uncached_speech_seconds`, the same
        seconds: the plan keeps them), and a global option's sentence and seconds are made once per language
        and rate for every menu announcing it (`_global_rows`)."""
        node: MenuNode = info.node  # type: ignore[assignment]
        menu_file = info.menu_file
        rate = info.rate
        timed: list[tuple[tuple[Any, ...], float, float]] = []
        prompt = node.prompt
        if prompt is not None:
            if prompt.audio is None and prompt.text is not None:
                text, used, _ = text_in(prompt.text, language, menu_file.language)
                seconds = uncached_speech_seconds(text, used, rate)  # type: ignore[arg-type]  # text is not None
                timed.append(((key, text, used, seconds, "prompt", None, None), seconds, 0.0))
            else:
                segment = prompt_segment(prompt, "prompt", language, menu_file.language)
                seconds = self.default_plans[0](segment, rate)  # type: ignore[index]  # a recording's length, maybe
                timed.append(
                    ((key, segment.text, segment.language, seconds, "prompt", None, segment.audio), seconds, 0.0)
                )
        if node.announce_options:
            forms = self.heard.announcer(node.file, None if language == info.file_language else language).forms
            settings = menu_file.settings
            default = menu_file.language
            rows = self._global_rows
            for option in info.options:
                if not option.announce:
                    continue
                if option.is_global:
                    mark = (id(option), language, rate)  # the option kept in the entry: its id is not reused
                    found = rows.get(mark)
                    if found is None or found[0] is not option:
                        sentence, used, _ = option_sentence(option, language, settings, default, forms)
                        found = rows[mark] = (option, sentence, used, uncached_speech_seconds(sentence, used, rate))
                    _, sentence, used, seconds = found
                else:
                    sentence, used, _ = option_sentence(option, language, settings, default, forms)
                    seconds = uncached_speech_seconds(sentence, used, rate)
                timed.append(((key, sentence, used, seconds, "option", option.key, None), seconds, OPTION_PAUSE))
        return SpeechPlan(tuple(timed))

    def prepare(self, duration: Callable[[Segment, float], float], language: str | None = None) -> None:
        """Build every node's info and its speech plan in `language` (the root file's if None) now, rather
        than as calls first reach each node."""
        menuset = self._menuset()
        language = language or menuset.root.language
        plans = self.plans(duration)
        for key in menuset.nodes:
            if (key, language) not in plans:
                self.node_plan(plans, duration, key, language)

    def handler_plan(
        self, plans: dict[tuple, Any], duration: Callable[[Segment, float], float], key: str, prompt: Any, language: str
    ) -> SpeechPlan:
        """What a no-input or no-match message of the node `key` says in `language` (cached in `plans`)."""
        mark = ("handler", key, id(prompt), language)  # by the prompt itself (kept in the entry), not its span
        found = plans.get(mark)
        if found is None or found[0] is not prompt:
            info = self.info(key)
            segment = self.heard.handler_segment(info.node, prompt, language)
            seconds = duration(segment, info.rate)
            found = plans[mark] = (
                prompt,
                SpeechPlan(
                    (
                        (
                            (key, segment.text, segment.language, seconds, segment.kind, segment.key, segment.audio),
                            seconds,
                            0.0,
                        ),
                    )
                ),
            )
        return found[1]

"""A deterministic simulated call over a loaded menu: press keys, stay silent, hang up.

`Session` has no clock, thread or I/O of its own: time is virtual (seconds
since the call started), advanced by what is spoken (estimated durations),
by timeouts and by the caller's actions. The rules it follows are those of
docs/format.md ("How a call is simulated"):

- Speech since the caller's last action is scheduled at once, as a *plan*:
  what the caller will hear if they do nothing. Each caller action happens at
  a moment of that plan and settles it there: what came before becomes
  history, a `Speak` still playing is cut (a `SpeechCut` at that moment), and
  the speech and `Listen` scheduled after it never happen, so they are
  dropped. `events` is always what the caller experienced, in time order;
  each action returns only the events it added or changed (the TUI plays
  those).
- Timing of caller actions: a key or a hang-up without `after` happens when
  the IVR has finished speaking. With `after` it happens that many seconds
  after the caller's previous action (the start of the speech that answered
  it); during speech that is a barge-in. If that moment is past the time the
  IVR stops waiting, the timeouts (and their re-prompts) come first, as on a
  real line. Keys of one `press()` follow each other 0.2 s apart.
- Barge-in: a key cuts the speech, unless speech still to be played before the
  IVR waits belongs to a node with `barge_in: false`; then the key is ignored
  (`KeyIgnored`), as VoiceXML discards buffered keys at such a prompt.
- Type-ahead: a key pressed while the IVR is still on its way to the node that
  waits for keys (a message, a handler that jumps, a branch) is kept for that
  node, as VoiceXML `typeahead` and FreeSWITCH/Asterisk digit buffering do:
  the speech is cut, the call moves on at once through the nodes whose speech
  is skipped, and the waiting node takes the key. The events show both: a
  `TypeAhead` where the key was pressed, then `Press(typed_ahead=True)`.
- Speech that leads to the end of the call (a message before a hangup, a
  transfer's announcement) is planned like any other: `ended` is set at once,
  but until the end comes the caller may still hang up (cutting it) or press
  a key, which no node takes (`KeyIgnored`, call-ending). An action at or
  after the end never happens: `unused` names it (the keys, "hangup", "wait").
- An entry filled by the keys of one `press()` whose next key is its
  terminator ends on that terminator (0.2 s later), not on its last digit.
- Menus take single keys, multi-digit keys and extensions; when the keys so far
  could still become a longer option key or extension (or, with `max_digits`,
  fewer than that many are in), the session waits `inter_digit_timeout` (a
  `wait()`, shown as `KeysComplete`) before choosing (`keypatterns.keeps_listening`).
- A voicemail with `next` records (`Recorded`, no time simulated) and goes on.
- Silence (`wait()`) and wrong keys are failures: each one plays the next
  no-input / no-match handler and re-prompts, or jumps where the handler says;
  after `retries` re-prompts the call goes to `fallback`, or ends.
- `then` targets are pushed on a stack and `return` pops them; `back` returns
  to the previous menu; `top` goes to the entry.
- Branches and transfer hours are evaluated at the simulated date and time
  (`at` plus the call's clock). Transfers end the call as connected, unless the
  session is told the line is busy or unanswered, or the queue wait passes
  `max_wait` (overflow), or the caller takes the call-back offer.
- A transfer `number` may name variables as `{name}`, `${name}` or
  `${var.name}`; each is replaced by the variable's value when the call has
  that variable, and anything else is left as written (never a format string).
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from collections.abc import Callable
from itertools import accumulate, islice, repeat
from operator import is_
from typing import Any

from ..keypatterns import extension_accepts
from ..model import (
    BranchNode,
    CallbackNode,
    HangupNode,
    InputNode,
    Interactive,
    MenuNode,
    MenuSet,
    MessageNode,
    Node,
    Option,
    Target,
    TransferNode,
    VoicemailNode,
)
from ..prompts import Segment
from . import phrases
from .durations import Duration, estimated
from .events import (
    TERMINAL_EVENTS,
    Arrive,
    CallbackEvent,
    DigitsEntered,
    Event,
    Fallback,
    HangupEvent,
    InvalidKey,
    KeyIgnored,
    KeysComplete,
    LanguageChanged,
    Listen,
    NoInput,
    Press,
    Recorded,
    Speak,
    SpeechCut,
    TransferEvent,
    TypeAhead,
    VoicemailEvent,
)
from .tables import NodeInfo, SpeechPlan, tables

__all__ = ["Session", "Duration", "KEY_GAP", "MAX_AUTOMATIC_MOVES", "MAX_CATCH_UP", "substitute"]

KEY_GAP = 0.2  # seconds between the keys of one press()
MAX_AUTOMATIC_MOVES = 100  # moves without a caller action before the session calls it an endless loop
MAX_CATCH_UP = 50  # timeouts a late key or hang-up may pass before the session refuses it
_DEFAULT_AT = _dt.datetime(2026, 11, 23, 10, 0)  # when a call takes place unless told (datetimes are immutable)
RUNS_KEPT = 4096  # speech runs (a plan's `Speak` events from one moment) kept in `Tables.runs` before it is emptied
_KEYS = set("0123456789*#")
_LEAVING_MENU = frozenset({"option", "global-option", "extension"})  # moves that a later `back` returns from
_new = tuple.__new__
_VARIABLE = re.compile(r"\$\{(?:var\.)?([A-Za-z_][A-Za-z0-9_-]*)\}|\{([A-Za-z_][A-Za-z0-9_-]*)\}")


def substitute(text: str, variables: dict[str, str]) -> str:
    """`{name}`, `${name}` and `${var.name}` replaced by known variables; everything else kept as written."""

    def one(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        value = variables.get(name)
        return match.group(0) if value is None else str(value)

    return _VARIABLE.sub(one, text)


class Session:
    """One simulated call. Create it, `start()`, then `press()`, `wait()` or `hang_up()` until `ended`."""

    def __init__(
        self,
        menuset: MenuSet,
        *,
        duration: Duration | None = None,
        at: _dt.datetime | None = None,
        language: str | None = None,
        variables: dict[str, str] | None = None,
        transfer_outcome: str = "connected",
        queue_wait: float = 0.0,
    ):
        self.menuset = menuset
        # What every action looks up, shared by the sessions over this menu set. (A session sets at most 29
        # attribute names, so that CPython 3.11 keeps their values in the instance, under keys every session shares,
        # rather than in a dictionary of its own that each session builds and grows and every attribute an action
        # reads or sets is looked up in: 40% more instructions to make a session, 7% more per caller action;
        # tests/engine/test_session_attributes.py holds the bound.)
        shared = self._tables = tables(menuset)
        if duration is None or duration is estimated(menuset):  # `paths`, `simulate` and the TUI pass it explicitly
            default = shared.default_plans
            if default is None:
                default = shared.default_plans = (estimated(menuset), shared.plans(estimated(menuset)))
            duration, self._plans = default
        else:
            self._plans = shared.plans(duration)
        self.duration = duration
        self.started_at = at or _DEFAULT_AT
        self.language = language or menuset.root.language
        self.variables = dict(shared.variables)
        if variables:
            self.variables.update(variables)
        if transfer_outcome not in ("connected", "busy", "no-answer"):
            raise ValueError(f"transfer_outcome must be connected, busy or no-answer, not {transfer_outcome!r}")
        self.transfer_outcome = transfer_outcome
        self.queue_wait = queue_wait
        self.clock = 0.0
        self.node: str | None = None
        self.ended = False
        self.started = False
        self.mode: str | None = None  # menu, digits, confirm, callback-offer
        self.buffer = ""
        self.failures = 0
        self.stack: list[Target | None] = []
        self.history: list[str] = []
        self._speech_end = 0.0
        self._last_speech_at = -1.0  # no earlier than the start of the latest Speak in the timeline
        # The call as experienced so far, then the plan: events from `_plan_from` on are scheduled but
        # not yet lived; the next caller action settles them at its moment (see `_settle`).
        self._timeline: list[Event] = []
        self._plan_from = 0
        # The plan's start and end when the current caller action began; that plan itself (a list) once the
        # action rewrites it (one attribute for both: see the note on attributes above)
        self._before: tuple[int, int] | list[Event] = (0, 0)
        self._moves = 0
        self._offer: tuple[TransferNode, float, float] | None = None  # (node, offered at, seconds it waits)
        self._pending_digits = ""
        # Once the plan ends the call: the moment of the caller's last action, which `after` counts from.
        self._ending_from = 0.0
        self._acted = 0.0  # the moment of the caller's last action (or of the timeout that came last)
        self.unused = ""  # what the last action could not do because the call had ended ("2", "hangup")

    # -- caller actions ----------------------------------------------------

    def start(self) -> list[Event]:
        """Answer the call: enter the entry node and run until the IVR waits for the caller."""
        if self.started:
            raise RuntimeError("the call has already started")
        self.started = True
        start, end = self._begin()
        entry = self.menuset.entry
        if self._tables.infos[entry].is_menu and self.clock == self._speech_end == 0.0:  # (as a session begins)
            plan = self._plans.get((entry, self.language))
            if plan is not None and plan.steps is not None:  # the usual start: the same as every call's
                self._move("", "", self.clock, (entry, "start"), plan)
                return self._added(start, end)
        self._go(entry, "start")
        return self._added(start, end)

    def press(self, keys: str, *, after: float | None = None) -> list[Event]:
        """Press `keys` (spaces ignored). `after`: seconds after the caller's previous action (into the
        speech that answered it); None presses once the IVR has finished speaking."""
        if len(keys) != 1 or keys not in _KEYS:
            keys = "".join(keys.split())
            bad = set(keys) - _KEYS
            if bad:
                raise ValueError(f"not DTMF keys: {''.join(sorted(bad))!r}")
        elif after is None and self.mode == "menu":
            # The usual case, one key at a menu once the IVR has finished speaking: when everything planned
            # has happened by then (the fast case of `_settle`), the key is taken at once, as `_press_one` would.
            clock, end = self.clock, self._speech_end
            moment = end if end > clock else clock
            timeline = self._timeline
            count = len(timeline)
            start = self._plan_from
            if start == count or (self._last_speech_at < moment and timeline[-1].at <= moment):
                self.unused = ""
                self._moves = 0
                self._before = (start, count)
                self._plan_from = count
                self._acted = self._speech_end = self.clock = moment
                node = self.node or ""
                infos = self._tables.infos
                info = infos[node]
                if not self.buffer and info.listening.get(keys) is False:
                    plain = info.plain_goto.get(keys)
                    if plain is not None:
                        # The key acts at once and only goes to a node: when that node is a menu whose speech
                        # is planned, the key's events are those of any call taking it at this moment.
                        plan = self._plans.get((plain[0], self.language))
                        if plan is not None and plan.steps is not None and infos[plain[0]].is_menu:
                            self._move(node, keys, moment, plain, plan)
                            return timeline[count:]
                timeline.append(_new(Press, (moment, node, keys, False)))
                self._menu_key(keys)
                return self._added(start, count)
        start, end = self._begin()
        self._press_all(keys, after)
        return self._added(start, end)

    def wait(self) -> list[Event]:
        """Stay silent until the next timeout (inter-digit when keys are pending, else no-input).

        Once the call has ended there is nothing to wait for: `unused` says so."""
        if self.started and self.ended:
            self.unused = "wait"
            return []
        start, end = self._begin()
        self._wait()
        return self._added(start, end)

    def hang_up(self, *, after: float | None = None) -> list[Event]:
        """The caller hangs up: once the IVR has finished speaking, or `after` seconds into its speech."""
        start, end = self._begin()
        self._hang_up(after)
        return self._added(start, end)

    def fork(self) -> Session:
        """An independent copy of the call as it stands: the same menu set, tables and events (immutable,
        shared), its own state, so actions on either leave the other as it was. Fork between actions."""
        twin = copy.copy(self)  # the shared tables (`_tables`, `_plans`) stay shared
        twin._timeline = self._timeline.copy()
        twin.stack = self.stack.copy()
        twin.history = self.history.copy()
        twin.variables = self.variables.copy()
        return twin

    @property
    def waiting(self) -> bool:
        """True while the IVR waits for the caller (the session has started and not ended)."""
        return self.started and not self.ended

    @property
    def acted_at(self) -> float:
        """The moment `after` counts from: the caller's previous action (or the timeout that came last)."""
        return self._ending_from if self.ended else self.clock

    @property
    def ends_at(self) -> float | None:
        """When the call ends, once that is settled (the plan ends it, or it has ended); else None."""
        if not self.ended:
            return None
        last = self._timeline[-1] if self._timeline else None
        return last.at if isinstance(last, TERMINAL_EVENTS) else self._ending_from

    def too_late(self, after: float | None) -> bool:
        """True when a key or hang-up `after` seconds after the caller's previous action (None: once the
        IVR has finished speaking) would come once the call has ended, so it can never happen."""
        if not self.ended:
            return False
        return after is None or self._ending_from + max(0.0, after) >= (self.ends_at or 0.0)

    @property
    def speech_end(self) -> float:
        """When the speech scheduled since the caller's last action ends."""
        return self._speech_end

    @property
    def stops_waiting_at(self) -> float | None:
        """When the IVR gives up waiting if the caller does nothing (its next timeout); None once ended."""
        if not self.waiting:
            return None
        if self.mode == "callback-offer":
            timeout = self._offer[2]  # type: ignore[index]
        else:
            info = self._here_info()
            timeout = info.inter_digit_timeout if self.buffer and self.mode in ("menu", "digits") else info.timeout
        return max(self.clock, self._speech_end) + timeout

    @property
    def events(self) -> list[Event]:
        """The whole call in time order: what the caller experienced, then what is scheduled if they now do
        nothing until the IVR waits (or the call ends). Once `ended`, the end is in it: what the caller
        hears up to it is all that happens, unless they hang up (`hang_up(after=...)`) before it."""
        return list(self._timeline)

    @property
    def plan(self) -> list[Event]:
        """The scheduled part of `events`: speech not yet heard, which the next caller action may cut."""
        return self._timeline[self._plan_from :]

    def option_heard_at(self, key: str) -> float | None:
        """Seconds into the current speech at which the announcement of `key` has been heard in full."""
        start = self.clock
        for event in reversed(self.plan):
            if isinstance(event, Speak) and event.key == key and event.at >= start:
                return event.at + event.duration - start
        return None

    # -- plumbing ----------------------------------------------------------

    def _move(self, node: str, key: str, moment: float, plain: tuple[str, str], plan: SpeechPlan) -> None:
        """`key` pressed at the menu `node` at `moment`, once everything planned has happened, goes to the menu
        `plain[0]` (whose speech is `plan`) as `plain[1]`: what `_menu_key` does, with the events shared by the
        calls that do the same (`Tables.moves`: the key's `Press`, then the target's `Arrive`, speech and
        `Listen`, all fixed by the plan, the node, the key and the moment). The start of a call is the same
        move without a key (`key` and `node` empty, `plain[1]` "start")."""
        moves = self._tables.moves
        mark = (plan, node, key, moment if moment else str(moment))  # (as in `_play`: 0.0 and -0.0 differ)
        found = moves.get(mark)
        if found is None:
            timeline = self._timeline
            count = len(timeline)
            history = len(self.history)
            if key:
                timeline.append(_new(Press, (moment, node, key, False)))
            self._go(plain[0], plain[1], key or None)
            events = tuple(timeline[count:])  # (Press,) Arrive, the plan's Speak events, Listen
            found = (events, events[-2].at if plan.segments else None, self._speech_end, len(self.history) > history)
            if len(moves) >= RUNS_KEPT:
                moves.clear()
            moves[mark] = found
            return
        events, last, end, left_menu = found
        self._timeline.extend(events)
        if left_menu:
            self.history.append(node)
        self.node = plain[0]
        self.buffer = ""
        self.failures = 0
        self.mode = "menu"
        self._moves = 1
        self._speech_end = end
        if last is not None and last > self._last_speech_at:
            self._last_speech_at = last

    def _begin(self) -> tuple[int, int]:
        """Before a caller action: where the plan starts and ends (see `_added`)."""
        if not self.started:
            raise RuntimeError("start() the call first")
        self.unused = ""
        self._moves = 0
        self._before = start, end = self._plan_from, len(self._timeline)
        return start, end

    def _keep_before(self) -> None:
        """Before the plan is rewritten (cut or inserted into): remember it as it was when the action began."""
        before = self._before
        if isinstance(before, tuple):
            start, end = before
            self._before = self._timeline[start:end]

    def _added(self, start: int, end: int) -> list[Event]:
        """After a caller action: what it added or changed (a cut, moves made early, new speech); the rest
        of the old plan (`start:end` when the action began) that it kept was returned before. Most often the
        plan was not rewritten (`_keep_before` never ran) and all of it was kept, in front."""
        before = self._before
        if isinstance(before, tuple):
            return self._timeline[end:]
        self._before = (start, end)
        kept = len(before)
        after = self._timeline[start:]
        if len(after) >= kept and all(map(is_, before, after)):
            return after[kept:]
        old = set(map(id, before))
        return [event for event in after if id(event) not in old]

    def _emit(self, event: Event) -> None:
        self._timeline.append(event)

    def _insert(self, event: Event) -> None:
        """Put `event` among the plan at its time (after the events of the same moment)."""
        self._keep_before()
        index = len(self._timeline)
        while index > self._plan_from and self._timeline[index - 1].at > event.at:
            index -= 1
        self._timeline.insert(index, event)

    def _settle(self, moment: float, *, moving: bool = True) -> list[Event]:
        """A caller action at `moment`: the plan before it becomes history, speech playing then is cut.

        Speech and listening scheduled after `moment` never happen and are dropped. With `moving` (a key)
        the other events after `moment` (moves through nodes whose speech is skipped) are returned,
        re-timed to `moment`, for the caller to emit; without it (a hang-up) they are dropped too.
        """
        timeline = self._timeline
        if self._plan_from == len(timeline) or (
            moment >= self._speech_end and self._last_speech_at < moment and timeline[-1].at <= moment
        ):
            # The usual case, a key or a timeout once the IVR has finished: everything planned happened.
            # (No Speak starts at or ends after `moment`: every planned Speak ends by `_speech_end`; the
            # timeline is in time order, so its last event is the latest.)
            self._plan_from = len(timeline)
            self._acted = moment
            self._speech_end = moment
            return []
        self._keep_before()
        plan = timeline[self._plan_from :]
        del timeline[self._plan_from :]
        keep = timeline.append
        cut: Speak | None = None
        later: list[Event] = []
        for event in plan:
            kind = type(event)
            if kind is Speak:
                if event.at < moment:
                    keep(event)
                    if event.at + event.duration > moment:  # type: ignore[attr-defined]
                        cut = event  # type: ignore[assignment]
            elif event.at <= moment:
                keep(event)
            elif moving and kind is not Listen:
                later.append(event._replace(at=moment))
        if cut is not None:
            keep(SpeechCut(moment, cut.node, moment - self.clock, moment - cut.at, cut.duration))
        self._plan_from = len(timeline)
        self._acted = moment
        self._speech_end = moment  # whatever was scheduled after it is gone; new speech starts here
        return later

    def _protected(self, moment: float) -> Speak | None:
        """Speech still to be played at `moment` that a key may not interrupt (its node has barge_in false)."""
        if moment >= self._speech_end:
            return None  # every planned Speak ends by `_speech_end`: nothing plays on at `moment`
        for event in self.plan:
            if isinstance(event, Speak) and event.at + event.duration > moment:
                if self._tables.infos[event.node].barge_in is False:
                    return event
        return None

    def _node_at(self) -> str:
        """The node the call was in at the end of the settled history."""
        for event in reversed(self._timeline):
            if isinstance(event, Arrive):
                return event.node
        return self.node or ""

    def _catch_up(self, moment: float) -> None:
        """Let the timeouts that come before `moment` happen (a caller acting later than the IVR waits)."""
        for _ in range(MAX_CATCH_UP):
            deadline = self.stops_waiting_at
            if deadline is None or moment < deadline:
                return
            self._moves = 0
            self._wait()
        if self.waiting and moment >= (self.stops_waiting_at or 0.0):
            raise ValueError(f"`after` passes more than {MAX_CATCH_UP} timeouts of the IVR")

    def _end(self, event: Event) -> None:
        self._ending_from = self._acted
        self.clock = max(self.clock, event.at)
        self._emit(event)
        self.ended = True
        self.mode = None

    def _here(self) -> Node:
        assert self.node is not None
        return self.menuset.nodes[self.node]

    def _here_info(self) -> NodeInfo:
        assert self.node is not None
        return self._tables.infos[self.node]

    def _now(self) -> _dt.datetime:
        return self.started_at + _dt.timedelta(seconds=self.clock)

    # -- speech --------------------------------------------------------------

    def _speak(self, segment: Segment, node: Node, pause: float = 0.0) -> None:
        seconds = self.duration(segment, self._tables.infos[node.key].rate)
        start = max(self.clock, self._speech_end)
        self._emit(
            Speak(start, node.key, segment.text, segment.language, seconds, segment.kind, segment.key, segment.audio)
        )
        self._speech_end = start + seconds + pause
        self._last_speech_at = max(self._last_speech_at, start)

    def _play(self, plan: SpeechPlan) -> None:
        """Schedule the segments of a speech plan (see `tables`) one after another, each starting when the
        one before it (and its pause) ends."""
        if not plan.segments:
            return
        clock, end = self.clock, self._speech_end
        start = end if end > clock else clock  # max(clock, end)
        if plan.steps is not None:
            # Lengths and pauses are never negative, so each segment starts where the one before ends: the
            # same sums as the loop below, added up in C (`accumulate`, every other sum a start; without a function
            # it adds with `+` itself rather than calling one, a third of the time), and the
            # events built in C (`zip`). The end is the last start plus its seconds, then its pause, as there.
            runs = self._tables.runs
            mark = (plan, start if start else str(start))  # (0.0 and -0.0 are equal keys but not equal events)
            run = runs.get(mark)
            if run is None:
                steps = plan.steps
                events = tuple(
                    map(
                        _new,
                        repeat(Speak),
                        zip(islice(accumulate(steps, initial=start), 0, None, 2), *plan.columns),
                    )
                )
                last = events[-1][0]
                run = (events, last, last + steps[-2] + steps[-1])
                if len(runs) >= RUNS_KEPT:
                    runs.clear()
                runs[mark] = run
            elif isinstance(self._before, list):
                # This action rewrote the plan, so its speech may have been dropped; the same events scheduled
                # again must be new objects, or `_added` would take them for the dropped ones and not return them.
                run = (tuple(map(_new, repeat(Speak), run[0])), run[1], run[2])
            events, last, end = run
            self._timeline.extend(events)
            if last > self._last_speech_at:
                self._last_speech_at = last
        else:
            clock = self.clock
            end = self._speech_end
            emit = self._timeline.append
            for fields, seconds, pause in plan.segments:
                start = max(clock, end)
                emit(_new(Speak, (start, *fields)))
                end = start + seconds + pause
                self._last_speech_at = max(self._last_speech_at, start)
        self._speech_end = end

    def _say_node(self, node: Node) -> None:
        plan = self._plans.get((node.key, self.language))
        if plan is None:
            plan = self._tables.node_plan(self._plans, self.duration, node.key, self.language)
        self._play(plan)

    def _say_text(self, node: Node, kind: str, text: str, language: str | None = None) -> None:
        span = node.span
        self._speak(Segment(kind, text, language or self.language, span), node)

    def _say_handler(self, node: Node, prompt) -> None:
        if prompt is None:
            return
        self._play(self._tables.handler_plan(self._plans, self.duration, node.key, prompt, self.language))

    def _listen(self, node: Interactive, expecting: str) -> None:
        self.mode = expecting
        clock, end = self.clock, self._speech_end
        self._timeline.append(
            _new(
                Listen,
                (
                    end if end > clock else clock,
                    node.key,
                    self._tables.infos[node.key].timeout,
                    expecting,
                    self.failures + 1,
                ),
            )
        )

    # -- moving ----------------------------------------------------------------

    def _go(self, key: str, via: str, pressed: str | None = None) -> None:
        self._moves += 1
        if self._moves > MAX_AUTOMATIC_MOVES:
            self._end(HangupEvent(max(self.clock, self._speech_end), key, "endless loop"))
            return
        infos = self._tables.infos
        info = infos[key]
        node = info.node
        leaving = self.node
        if leaving is not None and via in _LEAVING_MENU and infos[leaving].is_menu:
            self.history.append(leaving)
        self.node = key
        self.buffer = ""
        self.failures = 0
        self.mode = None
        clock, end = self.clock, self._speech_end
        self._timeline.append(_new(Arrive, (end if end > clock else clock, key, via, pressed)))  # max(), inline
        if info.is_menu:  # the usual case, `_say_node` and `_listen` without the dispatch of `_ENTER`
            plan = self._plans.get((key, self.language))
            if plan is None:
                plan = self._tables.node_plan(self._plans, self.duration, key, self.language)
            self._play(plan)
            self.mode = "menu"
            clock, end = self.clock, self._speech_end
            self._timeline.append(_new(Listen, (end if end > clock else clock, key, info.timeout, "menu", 1)))
        else:
            _ENTER[node.TYPE](self, node)

    def _follow(self, target: Target, via: str, then: Target | None = None, pressed: str | None = None) -> None:
        if target.is_return:
            continuation = self.stack.pop() if self.stack else None
            if continuation is None:
                self._end(HangupEvent(max(self.clock, self._speech_end), self.node or "", "return with nowhere to go"))
                return
            self._follow(continuation, "return")
            return
        if then is not None:
            self.stack.append(then)
        assert target.node_key is not None
        self._go(target.node_key, via, pressed)

    def _enter_menu(self, node: MenuNode) -> None:
        self._say_node(node)
        self._listen(node, "menu")

    def _enter_message(self, node: MessageNode) -> None:
        self._say_node(node)
        self._follow(node.next, "next", node.then)

    def _enter_input(self, node: InputNode) -> None:
        self._say_node(node)
        self._listen(node, "digits")

    def _enter_branch(self, node: BranchNode) -> None:
        if node.schedule is not None:
            schedule = self.menuset.file_of(node).schedules[node.schedule]
            value = schedule.state(self._now())
            if value == "holiday" and "holiday" not in dict(node.cases):
                value = "closed"
        else:
            value = self.variables.get(node.variable or "", "")
        target = dict(node.cases).get(value, node.default)
        if target is None:
            self._end(HangupEvent(max(self.clock, self._speech_end), node.key, f"no case for {value!r}"))
            return
        self._follow(target, "case" if value in dict(node.cases) else "default")

    def _enter_transfer(self, node: TransferNode) -> None:
        if node.hours is not None and node.closed is not None:
            schedule = self.menuset.file_of(node).schedules[node.hours]
            if schedule.state(self._now()) != "open":
                self._follow(node.closed, "closed")
                return
        self._say_node(node)
        if self.transfer_outcome in ("busy", "no-answer"):
            route = node.busy if self.transfer_outcome == "busy" else node.no_answer
            if route is not None:
                self._follow(route, self.transfer_outcome)
            else:
                self._finish_transfer(node, self.transfer_outcome, 0.0)
            return
        if node.queue is not None and node.announce_wait:
            self._say_text(node, "system", phrases.expected_wait(self.queue_wait, self.language))
        self._queue(node, 0.0)

    def _queue(self, node: TransferNode, waited: float) -> None:
        """Wait in the queue from `waited` seconds: the call-back offer, overflow, or an answer."""
        start = max(self.clock, self._speech_end)
        offer_at = node.callback_offer_after
        if node.callback is not None and offer_at is not None and waited < offer_at < self._patience(node):
            self.clock = start + (offer_at - waited)
            self._speech_end = self.clock
            self._say_text(node, "system", phrases.callback_offer(self.language))
            self._listen_offer(node, offer_at)
            return
        if node.max_wait is not None and node.overflow is not None and self.queue_wait > node.max_wait:
            self.clock = start + (node.max_wait - waited)
            self._follow(node.overflow, "overflow")
            return
        self.clock = start + max(0.0, self.queue_wait - waited)
        self._finish_transfer(node, "connected", self.queue_wait)

    def _patience(self, node: TransferNode) -> float:
        """How long the caller will be in the queue: until answered, or until `max_wait`."""
        if node.max_wait is not None and node.overflow is not None:
            return min(self.queue_wait, node.max_wait)
        return self.queue_wait

    def _listen_offer(self, node: TransferNode, offered_at: float) -> None:
        self.mode = "callback-offer"
        remaining = self._patience(node) - node.callback_offer_after  # type: ignore[operator]
        self._offer = (node, offered_at, remaining)
        self._emit(Listen(max(self.clock, self._speech_end), node.key, remaining, "callback-offer", 1))

    def _finish_transfer(self, node: TransferNode, outcome: str, wait: float) -> None:
        self._end(
            TransferEvent(
                max(self.clock, self._speech_end),
                node.key,
                node.queue,
                self._number(node),
                node.person,
                outcome,
                wait,
                node.person_known,
            )
        )

    def _number(self, node: TransferNode) -> str | None:
        if node.number is None:
            return None
        return substitute(node.number, self.variables)

    def _enter_voicemail(self, node: VoicemailNode) -> None:
        self._say_node(node)
        if node.next is not None:
            self._emit(Recorded(max(self.clock, self._speech_end), node.key, node.mailbox))
            self._follow(node.next, "next", node.then)
            return
        self._end(VoicemailEvent(max(self.clock, self._speech_end), node.key, node.mailbox))

    def _enter_callback(self, node: CallbackNode) -> None:
        self._say_node(node)
        self._end(CallbackEvent(max(self.clock, self._speech_end), node.key, node.number, node.confirm))

    def _enter_hangup(self, node: HangupNode) -> None:
        self._say_node(node)
        self._end(HangupEvent(max(self.clock, self._speech_end), node.key, "goodbye"))

    # -- keys --------------------------------------------------------------------

    def _press_all(self, keys: str, after: float | None) -> None:
        if self.ended:
            moment = self._ending_from + max(0.0, after) if after is not None else (self.ends_at or 0.0)
        elif after is None:
            moment = max(self.clock, self._speech_end)
        else:
            moment = self.clock + max(0.0, after)
            self._catch_up(moment)
        if len(keys) == 1 and not self.ended:
            self._press_one(keys, moment)  # one key: nothing follows it in this press()
            return
        for index, key in enumerate(keys):
            if index:
                moment = self.acted_at + KEY_GAP
            if self.ended and moment >= (self.ends_at or 0.0):
                self.unused = keys[index:]  # the call was over: these keys were never pressed into it
                return
            self._press_one(key, moment, keys[index + 1] if index + 1 < len(keys) else None)

    def _press_one(self, key: str, moment: float, next_key: str | None = None) -> None:
        """One key at `moment`: ignored during protected speech or speech that ends the call, else it settles
        the plan and is used. `next_key`: the key pressed right after it in the same press(), if any."""
        if self.ended:
            # Speech on the way to the end of the call: no node will take the key; it plays on.
            self._insert(KeyIgnored(moment, self._node_before(moment), key, "call-ending"))
            self._ending_from = moment
            return
        protected = self._protected(moment) if moment < self._speech_end else None
        if protected is not None:
            self._insert(KeyIgnored(moment, protected.node, key, "no-barge-in"))
            self.clock = self._acted = moment
            return
        early_moves = self._settle(moment)
        typed_ahead = bool(early_moves)
        if typed_ahead:
            # The key came before the call reached the node that waits for it: kept, and used there.
            self._emit(TypeAhead(moment, self._node_at(), key, self.node or ""))
            for event in early_moves:
                self._emit(event)
        self.clock = moment
        self._timeline.append(_new(Press, (moment, self.node or "", key, typed_ahead)))
        if self.mode == "menu":
            self._menu_key(key)  # the usual case, without the dispatch of `_key`
        else:
            self._key(key, next_key)

    def _node_before(self, moment: float) -> str:
        """The node the call is in at `moment` (the last arrival up to then, planned or not)."""
        for event in reversed(self._timeline):
            if isinstance(event, Arrive) and event.at <= moment:
                return event.node
        return self.node or ""

    def _key(self, key: str, next_key: str | None = None) -> None:
        if self.mode == "menu":
            self._menu_key(key)
        elif self.mode == "digits":
            self._digit_key(key, next_key)
        elif self.mode == "confirm":
            self._confirm_key(key)
        elif self.mode == "callback-offer":
            if key == "1":
                node = self._offer[0]  # type: ignore[index]
                self._follow(node.callback, "callback", pressed=key)  # type: ignore[arg-type]

    def _menu_key(self, key: str) -> None:
        info = self._tables.infos[self.node]  # type: ignore[index]
        if key == "#" and self.buffer and info.node.max_digits is not None:  # type: ignore[attr-defined]
            # FreeSWITCH collects digit-len keys with # as the terminator: it ends the keys at once, unkept.
            self._resolve_pending(info)
            return
        buffer = self.buffer = self.buffer + key
        listening = info.listening.get(buffer)
        if listening is None:
            listening = info.keeps_listening(buffer)
        if listening:
            return  # more keys may follow: the next key, or wait() after the inter-digit timeout, decides
        self._resolve_pending(info)

    def _choose_extension(self, node: MenuNode) -> None:
        assert node.extensions is not None
        self.variables["extension"] = self.buffer
        pressed, self.buffer = self.buffer, ""
        self._follow(node.extensions[2], "extension", pressed=pressed)

    def _choose(self, node: MenuNode, option: Option) -> None:
        pressed, self.buffer = self.buffer, ""
        if option.language is not None and option.language != self.language:
            self.language = option.language
            self._emit(LanguageChanged(self.clock, node.key, option.language))
        via = "global-option" if option.is_global else "option"
        if option.action == "repeat":
            self._speech_end = self.clock
            self._say_node(node)
            self._listen(node, "menu")
        elif option.action == "top":
            self._go(self.menuset.entry, "top", pressed)
        elif option.action == "back":
            previous = self.history.pop() if self.history else None
            self._go(previous or node.key, "back", pressed)
        else:
            assert option.goto is not None
            self._follow(option.goto, via, option.then, pressed)

    def _digit_key(self, key: str, next_key: str | None = None) -> None:
        node: InputNode = self._here()  # type: ignore[assignment]
        if key == node.terminator:
            self._finish_digits(node)
        elif key.isdigit():
            self.buffer += key
            if len(self.buffer) == node.max_digits:
                if node.terminator is not None and next_key == node.terminator:
                    return  # "12345678#" with max 8: the # pressed next belongs to the entry and ends it
                self._finish_digits(node)
        else:
            self._no_match(node, self.buffer + key)

    def _finish_digits(self, node: InputNode) -> None:
        digits, self.buffer = self.buffer, ""
        if not node.min_digits <= len(digits) <= node.max_digits:
            self._no_match(node, digits)
            return
        if node.confirm:
            self._pending_digits = digits
            self._speech_end = self.clock
            self._say_text(node, "readback", phrases.read_back(digits, self.language))
            self._listen(node, "confirm")
            return
        self._accept_digits(node, digits)

    def _accept_digits(self, node: InputNode, digits: str) -> None:
        if node.store:
            self.variables[node.store] = digits
        shown = "*" * len(digits) if node.secret else digits
        self._emit(DigitsEntered(self.clock, node.key, digits if not node.secret else shown, node.store, shown))
        self._follow(node.next, "next", node.then)

    def _confirm_key(self, key: str) -> None:
        node: InputNode = self._here()  # type: ignore[assignment]
        if key == "1":
            self._accept_digits(node, self._pending_digits)
        elif key == "2":
            self._speech_end = self.clock
            self._say_node(node)
            self._listen(node, "digits")
        else:
            self._no_match(node, key)

    # -- silence and failures ---------------------------------------------------

    def _wait(self) -> None:
        info = self._tables.infos[self.node]  # type: ignore[index]
        node = info.node
        if self.mode == "callback-offer":
            offer_node, offered_at, _ = self._offer  # type: ignore[misc]
            self.clock = max(self.clock, self._speech_end)
            self._settle(self.clock)
            self._offer = None
            self._queue(offer_node, offered_at)
            return
        if self.buffer and self.mode in ("menu", "digits"):
            self.clock = max(self.clock, self._speech_end) + info.inter_digit_timeout
            self._settle(self.clock)
            if self.mode == "digits":
                self._finish_digits(node)  # type: ignore[arg-type]
            else:
                self._emit(KeysComplete(self.clock, node.key, self.buffer, info.inter_digit_timeout))
                self._resolve_pending(info)
            return
        clock, end = self.clock, self._speech_end
        self.clock = (end if end > clock else clock) + info.timeout
        self._settle(self.clock)
        self._failure(node, "no-input")  # type: ignore[arg-type]

    def _hang_up(self, after: float | None) -> None:
        if self.ended:
            moment = self._ending_from + max(0.0, after) if after is not None else (self.ends_at or 0.0)
        elif after is None:
            moment = max(self.clock, self._speech_end)
        else:
            moment = self.clock + max(0.0, after)
            self._catch_up(moment)
        if self.ended:
            if moment >= (self.ends_at or 0.0):
                self.unused = "hangup"  # the call was over before the caller hung up
                return
            # The plan ended the call later (speech on the way to its end): the caller hangs up first.
            self.ended = False
            self.clock = self._ending_from
        self._settle(moment, moving=False)  # nodes the call had not reached yet are never reached
        self.node = self._node_at()
        self.clock = moment
        self._end(HangupEvent(moment, self.node, "caller"))

    def _resolve_pending(self, info: NodeInfo) -> None:
        """The menu of `info` acts on the keys so far: an option, an extension, or a no-match."""
        node: MenuNode = info.node  # type: ignore[assignment]
        plain = info.plain_goto.get(self.buffer)
        if plain is not None:  # the usual option: `_choose` and `_follow` come to this
            pressed, self.buffer = self.buffer, ""
            self._go(plain[0], plain[1], pressed)
            return
        option = info.by_key.get(self.buffer)
        if option is not None:
            self._choose(node, option)
        elif node.extensions is not None and extension_accepts(node, info.options, self.buffer):
            # (a menu without extensions accepts none: `extension_accepts` is not asked, nor builds its index)
            self._choose_extension(node)
        else:
            self._no_match(node, self.buffer)

    def _no_match(self, node: Interactive, keys: str) -> None:
        self.buffer = ""
        self._timeline.append(_new(InvalidKey, (self.clock, node.key, keys, self.failures + 1)))
        self._speech_end = self.clock
        self._failure(node, "no-match")

    def _failure(self, node: Interactive, kind: str) -> None:
        self.failures += 1
        if kind == "no-input":
            self._timeline.append(_new(NoInput, (self.clock, node.key, self.failures)))
        info = self._tables.infos[node.key]
        if self.failures > info.retries:
            fallback = info.fallback
            self._emit(Fallback(self.clock, node.key, fallback.node_key if fallback else None))
            if fallback is None:
                self._end(HangupEvent(self.clock, node.key, "no-fallback"))
            else:
                self._follow(fallback, "fallback")
            return
        handlers = node.no_input if kind == "no-input" else node.no_match
        handler = handlers[min(self.failures, len(handlers)) - 1] if handlers else None
        if handler is not None and handler.goto is not None:
            self._say_handler(node, handler.prompt)
            self._follow(handler.goto, kind, handler.then)
            return
        if handler is not None:
            self._say_handler(node, handler.prompt)
        self._say_node(node)
        self._listen(node, "menu" if info.is_menu else "digits")


_ENTER: dict[str, Callable[[Session, Any], None]] = {  # entering a node, by its type
    "menu": Session._enter_menu,
    "message": Session._enter_message,
    "input": Session._enter_input,
    "branch": Session._enter_branch,
    "transfer": Session._enter_transfer,
    "voicemail": Session._enter_voicemail,
    "callback": Session._enter_callback,
    "hangup": Session._enter_hangup,
}

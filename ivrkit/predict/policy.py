"""The first-time caller as a player of the engine: at each waiting state, the moves they may make and how likely.

`FirstTimeCaller` turns the caller model's choice at a menu
(`ivrkit.analysis.caller.CallerModel.choice`: per key the probability of
pressing it, whether it is pressed as soon as its option has been heard, and
the probability of silence) into `Move`s a `Session` can play:

- a key marked for barge-in is pressed `reaction_seconds` after its option has
  been announced in full (`Session.option_heard_at`), when the menu takes
  barge-in and that moment falls before the speech ends; otherwise once the
  IVR has finished speaking (`after=None`). `after` counts from the caller's
  previous action, as `Session.press` and `ivrkit call --press 1@4.2` do, and
  is rounded up to 0.01 s so that the `--press` token replays the same moment;
- silence is a `wait()` (the timeout, then the menu's no-input handling);
  once the caller is lost (see `ivrkit.predict.routes`) and has already heard
  this menu `patience` times, silence becomes hanging up;
- at an input the caller types `CallerModel.digits` (else a sample number of
  the shortest valid length, with the terminator when it is needed), confirms
  a read-back with 1, and waits out the inter-digit timeout when the keys so
  far may still grow (a menu with multi-digit keys too);
- at a queue's call-back offer they press 1 when the call-back leads on to
  the goal, else they stay in the queue;
- after `MAX_MOVES` decisions (menu keys and silences) they hang up.

What the caller knows comes from the session itself, so a forked session
carries it: `attempt` (how many times this menu has been played before in
this call: a play is an unbroken run of the menu's speech, re-prompts
included) and `lost` (off every forward route to the goal, for a goal that
a forward route reaches from the entry).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..engine.events import Arrive, Event, NoInput, Press, Speak
from ..engine.session import Session
from ..model import InputNode, MenuNode, MenuSet, TransferNode, model_class
from .routes import GoalRoutes, is_language_menu

if TYPE_CHECKING:
    from ..analysis.caller import CallerModel, MenuChoice
    from ..goals import Goal

__all__ = ["Move", "Decision", "FirstTimeCaller", "CallFacts", "call_facts", "WAIT", "HANG_UP", "sample_digits"]

_DTMF = frozenset("0123456789*#")
_SAMPLE = "1234567890"


@model_class
class Move:
    """One caller action: press `keys`, wait for the next timeout, or hang up."""

    kind: str  # "press" | "wait" | "hang_up"
    keys: str = ""
    after: float | None = None  # seconds after the caller's previous action; None = when the speech ends

    def apply(self, session: Session) -> list[Event]:
        """Play the move on `session`; the events it added or changed."""
        if self.kind == "press":
            return session.press(self.keys, after=self.after)
        if self.kind == "wait":
            return session.wait()
        return session.hang_up(after=self.after)

    def token(self) -> str:
        """The `ivrkit call --press` step that replays the move ("1", "1@4.23", "wait", "hangup")."""
        word = {"press": self.keys, "wait": "wait", "hang_up": "hangup"}[self.kind]
        if self.after is None or self.kind == "wait":
            return word
        return f"{word}@{f'{self.after:.2f}'.rstrip('0').rstrip('.')}"

    @property
    def label(self) -> str:
        """The key as `first_key` names it: the keys pressed, "wait" or "hangup"."""
        return {"press": self.keys, "wait": "wait", "hang_up": "hangup"}[self.kind]


WAIT = Move("wait")
HANG_UP = Move("hang_up")


@model_class
class CallFacts:
    """What a caller remembers of the call so far, read from its events."""

    moves: int  # decisions made: keys pressed in menus and silences that timed out
    plays: dict[str, int]  # menu -> times its speech has started (the current play included)


def call_facts(session: Session) -> CallFacts:
    nodes = session.menuset.nodes
    moves = 0
    plays: dict[str, int] = {}
    previous: str | None = None  # the node of the Speak just before, while speech runs on
    for event in session.events:
        kind = type(event)
        if kind is Speak:
            if event.node != previous and isinstance(nodes.get(event.node), MenuNode):
                plays[event.node] = plays.get(event.node, 0) + 1
            previous = event.node
            continue
        previous = None
        if kind is NoInput or (kind is Press and isinstance(nodes.get(event.node), MenuNode)):
            moves += 1
    return CallFacts(moves, plays)


@model_class
class Decision:
    """The caller's moves at one waiting state, with what led to them (for predict's figures)."""

    moves: list[tuple[float, Move]]
    choice: MenuChoice | None = None  # the model's choice, at a menu
    attempt: int = 0
    lost: bool = False
    decision_menu: bool = False  # a menu whose key says something about the goal (not a language choice)


def sample_digits(node: InputNode) -> str:
    """A valid entry of the fewest digits, with the terminator when fewer than the maximum are typed."""
    count = node.min_digits
    digits = (_SAMPLE * (count // len(_SAMPLE) + 1))[:count]
    return digits + node.terminator if count < node.max_digits and node.terminator else digits


class FirstTimeCaller:
    """One caller with one goal, choosing by the caller model at every state the IVR waits in."""

    MAX_MOVES = 12

    def __init__(self, menuset: MenuSet, goal: Goal, model: CallerModel, routes: GoalRoutes | None = None):
        self.menuset = menuset
        self.goal = goal
        self.model = model
        self.params = model.params
        self.routes = routes if routes is not None else GoalRoutes(menuset, goal.reaches)
        self.targets = self.routes.targets
        # A goal no forward route reaches from the entry (only failing gets there): nobody is "lost" for it.
        self._reachable = self.routes.on_route(menuset.entry)

    # -- state -------------------------------------------------------------------

    def on_route(self, session: Session) -> bool:
        """Whether a goal node is still reachable forward from where the call waits (routes.GoalRoutes)."""
        return self.routes.on_route(session.node, history=session.history, stack=session.stack)

    def reached(self, session: Session) -> float | None:
        """Seconds at which a goal node was reached, else None."""
        return self.reached_in(session.events)

    def reached_in(self, events: list[Event]) -> float | None:
        """The first arrival at a goal node among `events`, else None."""
        targets = self.targets
        for event in events:
            if type(event) is Arrive and event.node in targets:
                return event.at
        return None

    # -- moves -------------------------------------------------------------------

    def moves(self, session: Session) -> list[tuple[float, Move]]:
        """(probability, move) for each move the caller may make now; the probabilities sum to 1."""
        return self.decide(session).moves

    def decide(self, session: Session, facts: CallFacts | None = None) -> Decision:
        if not session.waiting or session.node is None:
            return Decision([])
        node = self.menuset.nodes[session.node]
        mode = session.mode
        if session.buffer and mode in ("menu", "digits"):
            return Decision([(1.0, WAIT)])  # the keys so far may still grow: the IVR decides after a pause
        if mode == "menu" and isinstance(node, MenuNode):
            return self._at_menu(session, node, facts or call_facts(session))
        if mode == "digits" and isinstance(node, InputNode):
            typed = self.model.digits(node.key, self.goal)
            if not typed or set(typed) - _DTMF:
                typed = sample_digits(node)
            return Decision([(1.0, Move("press", typed))])
        if mode == "confirm":
            return Decision([(1.0, Move("press", "1"))])
        if mode == "callback-offer" and isinstance(node, TransferNode) and node.callback is not None:
            onward = self.routes.on_route(node.callback.node_key, history=session.history, stack=session.stack)
            return Decision([(1.0, Move("press", "1") if onward else WAIT)])
        return Decision([(1.0, WAIT)])

    def _at_menu(self, session: Session, node: MenuNode, facts: CallFacts) -> Decision:
        attempt = max(0, facts.plays.get(node.key, 1) - 1)
        lost = self._reachable and not self.on_route(session)
        decision_menu = not is_language_menu(self.menuset, node.key)
        if facts.moves >= self.MAX_MOVES:
            return Decision([(1.0, HANG_UP)], None, attempt, lost, decision_menu)
        choice = self.model.choice(node.key, self.goal, attempt=attempt, lost=lost, hearing=session.language)
        barge_in = node.setting("barge_in", self.menuset.settings_of(node)) is not False
        remaining = session.speech_end - session.clock
        reaction = float(self.params.reaction_seconds)
        weights: dict[Move, float] = {}
        early = getattr(choice, "barge_press", None)  # key -> probability of pressing it as soon as heard
        for key, probability in choice.press.items():
            if probability <= 0:
                continue
            at_once = probability if early is None and choice.barge.get(key) else 0.0
            if early is not None:
                at_once = min(probability, max(0.0, early.get(key, 0.0)))
            if at_once > 0 and barge_in:
                heard = session.option_heard_at(key)
                if heard is not None:
                    moment = math.ceil(round((heard + reaction) * 100, 6)) / 100
                    if moment < remaining:
                        barging = Move("press", key, moment)
                        weights[barging] = weights.get(barging, 0.0) + at_once
                        probability -= at_once
            if probability > 0:
                move = Move("press", key)
                weights[move] = weights.get(move, 0.0) + probability
        if choice.silent > 0:
            gives_up = lost and attempt >= self.params.patience
            move = HANG_UP if gives_up else WAIT
            weights[move] = weights.get(move, 0.0) + choice.silent
        total = sum(weights.values())
        if total <= 0:
            return Decision([(1.0, WAIT)], choice, attempt, lost, decision_menu)
        moves = [(weight / total, move) for move, weight in weights.items()]
        return Decision(moves, choice, attempt, lost, decision_menu)

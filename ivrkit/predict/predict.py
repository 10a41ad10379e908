"""`predict`: every call a first-time caller with a goal may make, played through the engine and weighed.

For each goal, the calls are enumerated move by move: from each state the
IVR waits in, every move `FirstTimeCaller` may make is played on a forked
`Session`, and the branch carries the product of the probabilities of its
moves. A branch ends when it reaches a goal node (the first arrival counts),
when the call ends, or when the caller hangs up. So every second reported is
the engine's clock, and the most likely successful call is given as an
`ivrkit call --press` script (`example_press`) that replays it.

Pruning: a branch whose probability falls below `PRUNE_BELOW` is not
followed; its mass is reported (`p_pruned`), never dropped silently, so
p_success + p_reach's failures + p_pruned account for every call. Branches
past `MAX_DEPTH` moves (a caller who never gives up, in a loop of inputs) are
counted as pruned too.

Memoising: branches that reach the same engine state (node, mode, keys so
far, tries, language, variables, `then` stack, `back` history, the speech
planned ahead) with the same memory (plays of each menu, moves made, a wrong
turn or not, a first decision made or not) have the same future, so they are
merged and followed once. The future does not depend on *when* the state is
reached unless the menu's schedules change during the call: then the clock is
part of the state; otherwise branches at different moments merge too and
their mean clock is kept (arrival seconds shift with it).

Wrong turns (`ivrkit.predict.routes`): a move that takes the caller from a
state on route to the goal to one off every route, or ends the call at
another destination. The first wrong turn of a call is a misroute; the
option (or silence) that made it is a confusable, with the goal's words that
pulled the caller there (the model's `OptionScent.words`).
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from typing import TYPE_CHECKING

from ..engine.events import TERMINAL_EVENTS, Arrive, Event, HangupEvent, Speak
from ..engine.session import Session
from ..model import BranchNode, MenuNode, MenuSet, TransferNode
from .designed import NO_ROUTE, DesignedRoute, designed_route
from .policy import CallFacts, Decision, FirstTimeCaller, Move, call_facts
from .results import Confusable, GoalPrediction, MenuFigure, Prediction

if TYPE_CHECKING:
    from ..analysis.caller import CallerModel, CallerParams
    from ..goals import Goal, GoalSet

__all__ = ["predict", "predict_goal", "call_language", "ending", "PRUNE_BELOW", "MAX_DEPTH"]

PRUNE_BELOW = 1e-4  # a branch less likely than this is not followed (its mass is reported as p_pruned)
MAX_DEPTH = 60  # moves followed in one call (digit entries and waits included); beyond it: pruned
_TIME_WINDOW = _dt.timedelta(hours=1)  # schedules constant this long after `at`: the future is time-invariant


class _Branch:
    """Calls that have reached the same state: one session stands for them all.

    A plain class, not a dataclass: a lint of a menu with a goals file would import dataclasses (and inspect)
    for it alone; branches are never compared, hashed or shown.
    """

    __slots__ = ("session", "mass", "clock_mass", "tokens", "best", "wrong", "decided", "on_route", "depth")

    def __init__(
        self,
        session: Session,
        mass: float,  # probability of all the calls merged here
        clock_mass: float,  # sum of probability × clock over them (their mean clock is clock_mass / mass)
        tokens: tuple[str, ...],  # the steps of the most likely of them
        best: float,  # that call's probability
        wrong: bool,  # a wrong turn has been made
        decided: bool,  # the first decision-menu key has been made
        on_route: bool,
        depth: int,
    ) -> None:
        self.session, self.mass, self.clock_mass, self.tokens = session, mass, clock_mass, tokens
        self.best, self.wrong, self.decided, self.on_route, self.depth = best, wrong, decided, on_route, depth


class _Tally:
    """Everything one goal's enumeration adds up."""

    def __init__(self) -> None:
        self.first_key: dict[str, float] = defaultdict(float)
        self.first_menu: dict[str, float] = defaultdict(float)  # the menu of the first decision -> probability
        self.success = 0.0
        self.reach = 0.0
        self.arrival_mass = 0.0  # sum of probability × arrival second
        self.misroute = 0.0
        self.hang_up = 0.0
        self.pruned = 0.0
        self.endings: dict[str, float] = defaultdict(float)
        self.confusables: dict[tuple[str, str], list] = {}  # (node, key) -> [probability, label, words]
        self.visits: dict[str, float] = defaultdict(float)
        self.wrong_at: dict[str, float] = defaultdict(float)
        self.example: tuple[float, tuple[str, ...], float] | None = None  # (probability, steps, arrival)
        self.reach_example: tuple[float, tuple[str, ...], float] | None = None


def _time_invariant(menuset: MenuSet, at: _dt.datetime) -> bool:
    """True when no schedule the menu set uses changes state within `_TIME_WINDOW` of `at`."""
    used = set()
    for node in menuset.nodes.values():
        name = node.schedule if isinstance(node, BranchNode) else node.hours if isinstance(node, TransferNode) else None
        if name is not None:
            used.add((node.file, name))
    for file, name in used:
        schedule = menuset.files[file].schedules.get(name)
        if schedule is None:
            continue
        first = schedule.state(at)
        minute = _dt.timedelta(minutes=1)
        moment = at
        while moment <= at + _TIME_WINDOW:
            if schedule.state(moment) != first:
                return False
            moment += minute
    return True


def _state_key(session: Session, facts: CallFacts, branch_flags: tuple, timed: bool) -> tuple:
    clock = session.clock
    # What is planned ahead, as its future depends on it: which speech (and option) plays when. The key an
    # Arrive records (how the call got there) changes nothing ahead, so calls by different keys merge.
    plan = tuple(
        (type(event).__name__, event.node, round(event.at - clock, 6), event.key if type(event) is Speak else None)
        for event in session.plan
    )
    return (
        session.node,
        session.mode,
        session.buffer,
        session.failures,
        session.language,
        tuple(sorted(session.variables.items())),
        tuple((t.raw, t.node_key) if t is not None else None for t in session.stack),
        tuple(session.history),
        plan,
        round(session.speech_end - clock, 6),
        facts.moves,
        tuple(sorted(facts.plays.items())),
        branch_flags,
        clock if timed else None,
    )


def _ending(session: Session, events: list[Event]) -> str:
    """Where an ended call ended: the destination node, "hangup" (the caller), or "dropped" (the IVR)."""
    end = session.events[-1] if session.events else None
    if isinstance(end, HangupEvent):
        if end.reason == "caller":
            return "hangup"
        if end.reason != "goodbye":
            return "dropped"
    if isinstance(end, TERMINAL_EVENTS):
        return end.node
    return "dropped"


def predict_goal(
    menuset: MenuSet, goal: Goal, model: CallerModel, new_session, *, timed: bool = True
) -> GoalPrediction:
    """Enumerate the calls of one goal's caller (see the module docstring); `new_session()` starts a call."""
    tally = _enumerate(menuset, goal, model, new_session, timed)
    return _finish(goal, tally, _designed(menuset, goal, model, new_session), _example_language(menuset, new_session))


def _enumerate(menuset: MenuSet, goal: Goal, model: CallerModel, new_session, timed: bool) -> _Tally:
    caller = FirstTimeCaller(menuset, goal, model)
    tally = _Tally()
    session = new_session()
    events = session.start()
    hit = caller.reached_in(events)
    if hit is not None or not session.waiting:
        if hit is not None:
            tally.success = tally.reach = 1.0
            tally.arrival_mass = hit
            tally.example = (1.0, (), hit)
        else:
            tally.endings[_ending(session, events)] += 1.0
        tally.first_key["-"] = 1.0
        return tally
    start = _Branch(session, 1.0, session.clock, (), 1.0, False, False, caller.on_route(session), 0)
    frontier: dict[tuple, _Branch] = {("start",): start}
    while frontier:
        following: dict[tuple, _Branch] = {}
        for branch in frontier.values():
            _expand(caller, branch, tally, following, timed)
        frontier = following
    return tally


def _expand(caller: FirstTimeCaller, branch: _Branch, tally: _Tally, following: dict, timed: bool) -> None:
    session = branch.session
    if branch.depth >= MAX_DEPTH:
        tally.pruned += branch.mass
        return
    facts = call_facts(session)
    decision = caller.decide(session, facts)
    node = session.node or ""
    at_menu = session.mode == "menu" and decision.choice is not None
    if at_menu and decision.attempt == 0:
        tally.visits[node] += branch.mass
    deciding = at_menu and not branch.decided and decision.decision_menu
    if deciding:
        tally.first_menu[node] += branch.mass
    for probability, move in decision.moves:
        mass = branch.mass * probability
        if deciding:
            tally.first_key[move.label] += mass
        if mass < PRUNE_BELOW:
            tally.pruned += mass
            continue
        _play(caller, branch, decision, move, probability, tally, following, timed, deciding)


def _play(
    caller: FirstTimeCaller,
    branch: _Branch,
    decision: Decision,
    move: Move,
    probability: float,
    tally: _Tally,
    following: dict,
    timed: bool,
    deciding: bool,
) -> None:
    before = branch.session
    twin = before.fork()
    events = move.apply(twin)
    mass = branch.mass * probability
    # Every call merged in `branch` moves its clock as the representative's does.
    clock_mass = branch.clock_mass * probability + mass * (twin.clock - before.clock)
    tokens = branch.tokens + (move.token(),)
    best = branch.best * probability
    hit = caller.reached_in(events)
    if hit is not None:
        arrival_mass = clock_mass + mass * (hit - twin.clock)
        tally.reach += mass
        tally.arrival_mass += arrival_mass
        if not branch.wrong:
            tally.success += mass
            if tally.example is None or best > tally.example[0]:
                tally.example = (best, tokens, hit)
        elif tally.reach_example is None or best > tally.reach_example[0]:
            tally.reach_example = (best, tokens, hit)
        if not branch.decided and not deciding:
            tally.first_key["-"] += mass
        return
    if twin.waiting:
        on_route = caller.on_route(twin)
        turned = branch.on_route and not on_route and twin.node != before.node
    else:
        ending = _ending(twin, events)
        on_route = False
        turned = branch.on_route and ending not in ("hangup", "dropped")
        if ending == "hangup":
            tally.hang_up += mass
        tally.endings[ending] += mass
        if not branch.decided and not deciding:
            tally.first_key["-"] += mass
    if turned and not branch.wrong:
        tally.misroute += mass
        tally.wrong_at[before.node or ""] += mass
        _confusable(tally, before.node or "", move, decision, mass)
    if not twin.waiting:
        return
    wrong = branch.wrong or turned
    decided = branch.decided or deciding
    facts = call_facts(twin)
    key = _state_key(twin, facts, (wrong, decided, on_route), timed)
    child = following.get(key)
    if child is None:
        following[key] = _Branch(twin, mass, clock_mass, tokens, best, wrong, decided, on_route, branch.depth + 1)
        return
    child.mass += mass
    child.clock_mass += clock_mass  # each call keeps its own clock; the representative only gives the deltas
    if best > child.best:
        child.session, child.tokens, child.best = twin, tokens, best


def _confusable(tally: _Tally, node: str, move: Move, decision: Decision, mass: float) -> None:
    key = move.label
    label = ""
    words: tuple[str, ...] = ()
    if decision.choice is not None:
        scent = next((option for option in decision.choice.options if option.key == move.keys), None)
        if scent is not None:
            label, words = scent.label, tuple(scent.words)
    if move.kind == "wait":
        label = "silence (the timeouts, then where the menu sends a silent caller)"
    found = tally.confusables.get((node, key))
    if found is None:
        tally.confusables[(node, key)] = [mass, label, words]
    else:
        found[0] += mass


def _finish(goal: Goal, tally: _Tally, designed: DesignedRoute, language: str | None = None) -> GoalPrediction:
    confusables = tuple(
        sorted(
            (
                Confusable(node, key, label, probability, words)
                for (node, key), (probability, label, words) in tally.confusables.items()
            ),
            key=lambda c: (-c.probability, c.node, c.key),
        )
    )
    example = tally.example or tally.reach_example
    endings = dict(sorted(tally.endings.items(), key=lambda item: (-item[1], item[0])))
    first_key = dict(sorted(tally.first_key.items(), key=lambda item: (-item[1], item[0])))
    first_menu = min(tally.first_menu, key=lambda node: (-tally.first_menu[node], node), default=None)
    return GoalPrediction(
        goal=goal,
        first_key=first_key,
        p_success=min(1.0, tally.success),
        p_reach=min(1.0, tally.reach),
        expected_seconds=tally.arrival_mass / tally.reach if tally.reach > 0 else None,
        misroute=min(1.0, tally.misroute),
        confusables=confusables,
        designed_key=designed.key,
        route_keys=designed.route_keys,
        designed_menu=designed.menu,
        first_menu=first_menu,
        example_press=" ".join(example[1]) if example else "",
        example_language=language if example else None,
        example_seconds=example[2] if example else None,
        p_hang_up=tally.hang_up,
        p_pruned=tally.pruned,
        endings=endings,
    )


# -- the designed route and the call's language ---------------------------------------------------


def _designed(menuset: MenuSet, goal: Goal, model: CallerModel, new_session) -> DesignedRoute:
    """The designed route as a caller starting a call with `new_session()` meets it (predict/designed.py)."""
    caller = FirstTimeCaller(menuset, goal, model)
    try:
        return designed_route(menuset, goal, new_session, caller.reached_in)
    except RecursionError:  # pragma: no cover - a pathological menu; the figures stand without a designed key
        return NO_ROUTE


def designed_key(menuset: MenuSet, goal: Goal, *, at: _dt.datetime | None = None, variables=None) -> str | None:
    """The key the designed route presses in its first decision menu at `at` (predict/designed.py): None
    when no route reaches the goal then, "-" when it needs no key in a decision menu."""
    from ..engine.callscript import DEFAULT_AT
    from ..engine.durations import estimated

    duration = estimated(menuset)
    language = call_language(menuset, goal)

    def new_session() -> Session:
        return Session(menuset, duration=duration, at=at or DEFAULT_AT, language=language, variables=variables)

    targets = frozenset(goal.reaches)

    def reached(events) -> float | None:
        return next((e.at for e in events if type(e) is Arrive and e.node in targets), None)

    return designed_route(menuset, goal, new_session, reached).key


def _chooses_language(menuset: MenuSet) -> bool:
    """True when some option of the menu set sets the call's language (a language menu, "for English 9")."""
    for node in menuset.nodes.values():
        if isinstance(node, MenuNode) and any(o.language for o in menuset.file_of(node).options_of(node)):
            return True
    return False


def call_language(menuset: MenuSet, goal: Goal, language: str | None = None) -> str | None:
    """The language a goal's call is played in: `language` when given; else, when no option of the menu
    set chooses a language, the goal's when the entry's file speaks it (as the caller model hears it);
    else None (the menu's own default)."""
    if language is not None:
        return language
    if _chooses_language(menuset):
        return None
    entry_file = menuset.file_of(menuset.nodes[menuset.entry])
    spoken = entry_file.languages or (entry_file.language,)
    wanted = goal.language.split("-")[0].lower()
    found = next((tag for tag in spoken if tag == goal.language), None)
    found = found or next((tag for tag in spoken if tag.split("-")[0].lower() == wanted), None)
    return found if found is not None and found != menuset.root.language else None


def _example_language(menuset: MenuSet, new_session) -> str | None:
    """The `--lang` that replays the goal's calls (None: the menu's default)."""
    language = new_session().language
    return language if language != menuset.root.language else None


ending = _ending  # where an ended call ended (ivrkit/predict/simulate.py counts endings with it)


# -- all goals -----------------------------------------------------------------------------------


def predict(
    menuset: MenuSet,
    goalset: GoalSet,
    *,
    params: CallerParams | None = None,
    at: _dt.datetime | None = None,
    variables: dict[str, str] | None = None,
    model: CallerModel | None = None,
    language: str | None = None,
) -> Prediction:
    """The prediction for every goal of `goalset`, per menu and overall (share-weighted)."""
    if model is None:
        from ..analysis.caller import DEFAULT_PARAMS, CallerModel

        model = CallerModel(menuset, params if params is not None else DEFAULT_PARAMS)
    from ..engine.callscript import DEFAULT_AT
    from ..engine.durations import estimated

    moment = at or DEFAULT_AT
    duration = estimated(menuset)
    fixed = dict(variables or {})

    def starter(goal: Goal):
        spoken = call_language(menuset, goal, language)

        def new_session() -> Session:
            return Session(menuset, duration=duration, at=moment, language=spoken, variables=fixed)

        return new_session

    timed = not _time_invariant(menuset, moment)
    predictions = []
    visits: list[dict[str, float]] = []
    wrong_at: list[dict[str, float]] = []
    for goal in goalset.goals:
        new_session = starter(goal)
        tally = _enumerate(menuset, goal, model, new_session, timed)
        designed = _designed(menuset, goal, model, new_session)
        predictions.append(_finish(goal, tally, designed, _example_language(menuset, new_session)))
        visits.append(tally.visits)
        wrong_at.append(tally.wrong_at)
    weights = goalset.weights()
    success = sum(w * p.p_success for w, p in zip(weights, predictions, strict=True))
    misroute = sum(w * p.misroute for w, p in zip(weights, predictions, strict=True))
    return Prediction(
        menu=goalset.menu,
        goals_file=goalset.file,
        goals=tuple(predictions),
        weights=weights,
        success_rate=success,
        misroute_rate=misroute,
        menus=_menu_figures(menuset, predictions, weights, visits, wrong_at),
        prune_below=PRUNE_BELOW,
    )


def _menu_figures(menuset, predictions, weights, visits, wrong_at) -> tuple[MenuFigure, ...]:
    menus = sorted({node for goal_visits in visits for node in goal_visits}, key=list(menuset.nodes).index)
    figures = []
    for node in menus:
        seen = sum(w * v.get(node, 0.0) for w, v in zip(weights, visits, strict=True))
        if seen <= 0:
            continue
        success = sum(w * v.get(node, 0.0) * p.p_success for w, v, p in zip(weights, visits, predictions, strict=True))
        wrong = sum(w * x.get(node, 0.0) for w, x in zip(weights, wrong_at, strict=True))
        figures.append(MenuFigure(node, seen, success / seen, min(1.0, wrong / seen)))
    return tuple(figures)

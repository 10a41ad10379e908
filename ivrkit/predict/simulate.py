"""`simulate`: a population of first-time callers, drawn by goal share, each playing one call through the engine.

Where `predict` enumerates every call of one goal's caller and weighs them,
`simulate` samples: each call draws its goal by `GoalSet.weights()` and then,
at every state the IVR waits in, one of `FirstTimeCaller`'s moves by its
probability, from one seeded `random.Random` — so a seed gives the same
calls, figures and JSON every time. The moves are played on a real `Session`
(timeouts, retries, barge-in with `after`, schedules at `at`, queues with
`queue_wait`), so every second is the engine's clock, as `ivrkit call` shows.
A goal's calls are played in the language predict plays them in
(`predict.call_language`: the goal's, when the menu speaks it and no option
chooses a language).

A call ends as `predict`'s branches do: at the first arrival at a goal node
(`reaches`), when the call ends, or after `MAX_DEPTH` moves (`cut_off`, what
predict reports as pruned). Its wrong turns are predict's: a move from a state
on route to the goal (`ivrkit.predict.routes`) to one off every route, or that
ends the call at another destination; the first one makes it a misroute.

Figures per goal and overall (`Figures`): success (reached the goal without a
wrong turn: predict's p_success, which the simulated rate matches within its
standard error), reach (at all), misroute, zero-out (pressed a menu's key for a
person: 0, or its first option that means a person), hang-up (the caller gave up),
person (the call ended in a connected transfer to a person), dropped (the IVR
ended it: tries ran out, a goodbye elsewhere), and the seconds to the goal
(p50, p90, mean) over the calls that reach it. A goal no call drew has no
rates (None; null in JSON), not rates of 0.

Speed: a session and the caller's choices are deterministic, so all calls that
make the same moves from the start pass through the same states. Each goal's
calls share a tree of them (`_Step`): the first call to make a move plays it
through the engine on a fork of the state before and keeps the state after,
the caller's next moves and their probabilities; later calls only draw. The
random draws are the same as playing every call through the engine
(`played=True`, which the tests compare), so are the results.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from ..engine.events import TransferEvent
from ..engine.session import Session
from ..model import MenuNode, MenuSet
from .policy import FirstTimeCaller, Move, call_facts
from .predict import MAX_DEPTH, _ending, call_language

if TYPE_CHECKING:
    from ..analysis.caller import CallerModel, CallerParams
    from ..goals import Goal, GoalSet

__all__ = ["Figures", "GoalSimulation", "SimulationResult", "simulate", "simulation_json", "MAX_DEPTH"]

PROGRESS_EVERY = 1000  # calls between two progress reports
MAX_KEPT_STEPS = 100_000  # states kept in the trees of calls (the examples' need a few hundred)


@dataclass(frozen=True)
class Figures:
    """What a number of simulated calls came to (counts; the rates are properties)."""

    calls: int
    success: int  # reached a goal node without a wrong turn
    reached: int  # reached it at all
    misrouted: int  # made at least one wrong turn
    zero_out: int  # pressed a key for a person at least once
    hung_up: int  # the caller gave up
    person: int  # ended in a connected transfer to a person
    dropped: int  # the IVR ended the call (tries ran out, no way on)
    cut_off: int  # still going after MAX_DEPTH moves
    # (seconds to the goal, how many calls reached it then), by seconds: the calls that reached it
    seconds: tuple[tuple[float, int], ...] = field(repr=False)
    endings: dict[str, int] = field(default_factory=dict)  # where the calls that missed the goal ended
    moves: int = 0  # the callers' actions (keys, silences, hang-ups), all calls together

    def rate(self, count: int) -> float | None:
        """`count` as a share of the calls; None when there were no calls (no rate, not a rate of 0)."""
        return count / self.calls if self.calls else None

    @property
    def success_rate(self) -> float | None:
        return self.rate(self.success)

    @property
    def reach_rate(self) -> float | None:
        return self.rate(self.reached)

    @property
    def misroute_rate(self) -> float | None:
        return self.rate(self.misrouted)

    @property
    def zero_out_rate(self) -> float | None:
        return self.rate(self.zero_out)

    @property
    def hang_up_rate(self) -> float | None:
        return self.rate(self.hung_up)

    @property
    def person_rate(self) -> float | None:
        return self.rate(self.person)

    def percentile(self, share: float) -> float | None:
        """The seconds to the goal below which `share` of the reaching calls got there (nearest rank)."""
        if not self.seconds:
            return None
        rank = max(1, math.ceil(share * self.reached))
        passed = 0
        for seconds, count in self.seconds:
            passed += count
            if passed >= rank:
                return seconds
        return self.seconds[-1][0]

    @property
    def p50(self) -> float | None:
        return self.percentile(0.5)

    @property
    def p90(self) -> float | None:
        return self.percentile(0.9)

    @property
    def mean_seconds(self) -> float | None:
        if not self.seconds:
            return None
        return math.fsum(seconds * count for seconds, count in self.seconds) / sum(count for _, count in self.seconds)


@dataclass(frozen=True)
class GoalSimulation:
    goal: Goal
    weight: float  # the goal's share of callers (GoalSet.weights)
    figures: Figures


@dataclass(frozen=True)
class SimulationResult:
    menu: str
    goals_file: str
    calls: int
    seed: int
    queue_wait: float
    at: _dt.datetime
    goals: tuple[GoalSimulation, ...]
    overall: Figures


class _Tally:
    """The counts of one goal's calls while they run."""

    __slots__ = (
        "calls",
        "success",
        "reached",
        "misrouted",
        "zero_out",
        "hung_up",
        "person",
        "dropped",
        "cut_off",
        "moves",
    )

    def __init__(self) -> None:
        self.calls = self.success = self.reached = self.misrouted = self.zero_out = 0
        self.hung_up = self.person = self.dropped = self.cut_off = self.moves = 0

    def figures(self, seconds: Counter, endings: Counter) -> Figures:
        return Figures(
            self.calls,
            self.success,
            self.reached,
            self.misrouted,
            self.zero_out,
            self.hung_up,
            self.person,
            self.dropped,
            self.cut_off,
            tuple(sorted(seconds.items())),
            dict(sorted(endings.items(), key=lambda item: (-item[1], item[0]))),
            self.moves,
        )


class _Step:
    """A point of the calls of one goal's caller: the state after one sequence of moves from the start.

    A session and the caller's choices are deterministic, so every call that makes the same moves reaches the
    same state: the first such call plays the moves through the engine (on a fork of the state before) and
    keeps what happened here; the calls after it only look the step up. Only the random draws are per call.
    """

    __slots__ = (
        "session",
        "moves",
        "sums",
        "children",
        "depth",
        "on_route",
        "wrong",
        "zeroed",
        "hit",
        "ending",
        "person",
    )

    def __init__(self, session: Session, depth: int, on_route: bool, wrong: bool, zeroed: bool):
        self.session: Session | None = session  # dropped once every move from here has been played
        self.depth = depth
        self.on_route = on_route
        self.wrong = wrong  # a wrong turn on the way here
        self.zeroed = zeroed  # a key for a person pressed on the way here
        self.hit: float | None = None  # the second a goal node was reached (the call's end)
        self.ending: str | None = None  # where the call ended without reaching it (see `_ending`), or "cut off"
        self.person = False  # ended in a connected transfer to a person
        self.moves: list[tuple[float, Move]] = []  # empty at the end of a call
        self.sums: tuple[float, ...] = ()  # running sums of the moves' probabilities
        self.children: dict[int, _Step] = {}


def _pick(sums: tuple[float, ...], roll: float) -> int:
    """The index of the move a uniform `roll` in [0, 1) draws."""
    return min(bisect.bisect_right(sums, roll * sums[-1]), len(sums) - 1)


def _person_keys(menuset: MenuSet) -> frozenset[tuple[str, str]]:
    """(menu, key) of each menu's key for a person, the one a caller zeroes out with: 0 where it reaches a
    person, else the menu's first option that means a person (`OptionMeanings`, the linter's and the caller
    model's: where 0, global options and fallbacks lead). A business option that ends at a team is not one."""
    from ..analysis.caller import PERSON_KEY
    from ..analysis.facts import analyse
    from ..analysis.option_meanings import OptionMeanings

    meanings = OptionMeanings(menuset, analyse(menuset), PERSON_KEY)
    found = set()
    for key, node in menuset.nodes.items():
        if isinstance(node, MenuNode):
            people = [
                option.key
                for option in menuset.file_of(node).options_of(node)
                if meanings.meaning(key, option) == "person"
            ]
            if people:
                found.add((key, PERSON_KEY if PERSON_KEY in people else people[0]))
    return frozenset(found)


class _Caller:
    """One goal's caller: its `FirstTimeCaller`, the steps its calls have taken, and their tally."""

    def __init__(
        self,
        goal: Goal,
        model: CallerModel,
        start: Session,
        person_keys: frozenset[tuple[str, str]],
        kept: list[int],
    ):
        self.caller = FirstTimeCaller(start.menuset, goal, model)
        self.start = start  # a session not started yet, in the language the goal's calls are played in
        self.person_keys = person_keys
        self.tally = _Tally()
        self.seconds: Counter = Counter()  # seconds to the goal -> calls that reached it then
        self.endings: Counter = Counter()
        self.kept = kept  # how many steps every caller of this simulation may still keep
        session = start.fork()
        events = session.start()
        self.root = self._step(session, events, 0, None, False, False)

    def _step(
        self, session: Session, events: list, depth: int, on_route: bool | None, wrong: bool, zeroed: bool
    ) -> _Step:
        """The step after `events` (what the last move, or the start, added); `on_route` before that move (None:
        the start). Works out how the call ends here, or the caller's next moves."""
        caller = self.caller
        hit = caller.reached_in(events)
        waiting = session.waiting
        now_on_route = hit is None and waiting and caller.on_route(session)
        step = _Step(session, depth, now_on_route, wrong, zeroed)
        if hit is not None:
            step.hit = hit
        elif waiting:
            if on_route and not now_on_route:
                step.wrong = True
            if depth >= MAX_DEPTH:
                step.ending = "cut off"
            else:
                step.moves = caller.decide(session, call_facts(session)).moves
                step.sums = tuple(accumulate(probability for probability, _ in step.moves))
        else:
            step.ending = _ending(session, events)
            if on_route and step.ending not in ("hangup", "dropped"):
                step.wrong = True
        if not step.moves:
            last = session.events[-1] if session.events else None
            step.person = type(last) is TransferEvent and last.outcome == "connected" and bool(last.person)
            step.session = None
        return step

    def _child(self, step: _Step, index: int) -> _Step:
        session = step.session
        assert session is not None
        move = step.moves[index][1]
        zeroed = step.zeroed or (
            move.kind == "press" and session.mode == "menu" and (session.node, move.keys) in self.person_keys
        )
        twin = session.fork()
        events = move.apply(twin)
        moved_on = twin.node != session.node or not twin.waiting
        child = self._step(twin, events, step.depth + 1, step.on_route and moved_on, step.wrong, zeroed)
        if self.kept[0] <= 0:
            return child  # the tree is as large as it may grow: this call goes on from states of its own
        self.kept[0] -= 1
        step.children[index] = child
        if len(step.children) == len(step.moves):
            step.session = None  # every move from here is known: the state is no longer needed
        return child

    def call(self, rng: random.Random) -> None:
        """One call: draw the moves from the start to the call's end, and count it."""
        step = self.root
        while step.moves:
            index = _pick(step.sums, rng.random())
            child = step.children.get(index)
            step = child if child is not None else self._child(step, index)
        self._count(step)

    def call_played(self, session: Session, rng: random.Random) -> None:
        """One call played move by move on `session` with the same draws as `call` and no steps kept: the
        reference `call` is tested against."""
        events = session.start()
        step = self._step(session, events, 0, None, False, False)
        while step.moves:
            index = _pick(step.sums, rng.random())
            move = step.moves[index][1]
            before = session.node
            zeroed = step.zeroed or (
                move.kind == "press" and session.mode == "menu" and (before, move.keys) in self.person_keys
            )
            events = move.apply(session)
            moved_on = session.node != before or not session.waiting
            step = self._step(session, events, step.depth + 1, step.on_route and moved_on, step.wrong, zeroed)
        self._count(step)

    def _count(self, end: _Step) -> None:
        tally = self.tally
        tally.calls += 1
        tally.moves += end.depth
        tally.misrouted += end.wrong
        tally.zero_out += end.zeroed
        tally.person += end.person
        if end.hit is not None:
            tally.reached += 1
            tally.success += not end.wrong
            self.seconds[end.hit] += 1
            return
        ending = end.ending or "dropped"
        self.endings[ending] += 1
        if ending == "hangup":
            tally.hung_up += 1
        elif ending == "dropped":
            tally.dropped += 1
        elif ending == "cut off":
            tally.cut_off += 1


def simulate(
    menuset: MenuSet,
    goalset: GoalSet,
    calls: int,
    *,
    seed: int = 0,
    params: CallerParams | None = None,
    queue_wait: float = 0.0,
    at: _dt.datetime | None = None,
    variables: dict[str, str] | None = None,
    language: str | None = None,
    progress: Callable[[int], None] | None = None,
    model: CallerModel | None = None,
    played: bool = False,
) -> SimulationResult:
    """`calls` simulated first-time callers of `goalset`'s goals (see the module docstring); `progress` is
    told how many calls are done every `PROGRESS_EVERY` calls and at the end. `played`: play every call
    through the engine instead of looking up the moves earlier calls made (the same results, slower)."""
    if calls < 0:
        raise ValueError(f"calls must be 0 or more, not {calls}")
    if model is None:
        from ..analysis.caller import DEFAULT_PARAMS, CallerModel

        model = CallerModel(menuset, params if params is not None else DEFAULT_PARAMS)
    from ..engine.callscript import DEFAULT_AT
    from ..engine.durations import estimated

    moment = at or DEFAULT_AT
    duration = estimated(menuset)
    starts: dict[str | None, Session] = {}

    def start_for(goal: Goal) -> Session:
        """A goal's calls are played in the language `predict` plays them in (predict.call_language)."""
        spoken = call_language(menuset, goal, language)
        if spoken not in starts:
            starts[spoken] = Session(
                menuset,
                duration=duration,
                at=moment,
                language=spoken,
                variables=dict(variables or {}),
                queue_wait=queue_wait,
            )
        return starts[spoken]

    weights = goalset.weights()
    person_keys = _person_keys(menuset)
    kept = [MAX_KEPT_STEPS]
    callers = [_Caller(goal, model, start_for(goal), person_keys, kept) for goal in goalset.goals]
    bounds = tuple(accumulate(weights))
    rng = random.Random(seed)
    for number in range(calls if callers else 0):
        caller = callers[_pick(bounds, rng.random())]
        if played:
            caller.call_played(caller.start.fork(), rng)
        else:
            caller.call(rng)
        if progress is not None and (number + 1) % PROGRESS_EVERY == 0:
            progress(number + 1)
    if progress is not None:
        progress(calls)
    goals = tuple(
        GoalSimulation(goal, weight, caller.tally.figures(caller.seconds, caller.endings))
        for goal, weight, caller in zip(goalset.goals, weights, callers, strict=True)
    )
    return SimulationResult(
        menu=goalset.menu,
        goals_file=goalset.file,
        calls=calls,
        seed=seed,
        queue_wait=queue_wait,
        at=moment,
        goals=goals,
        overall=_overall(callers),
    )


def _overall(players: Sequence[_Caller]) -> Figures:
    total = _Tally()
    seconds: Counter = Counter()
    endings: Counter = Counter()
    for player in players:
        for name in _Tally.__slots__:
            setattr(total, name, getattr(total, name) + getattr(player.tally, name))
        seconds.update(player.seconds)
        endings.update(player.endings)
    return total.figures(seconds, endings)


# -- JSON ---------------------------------------------------------------------------------------


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def figures_json(figures: Figures) -> dict[str, Any]:
    """The figures of some calls as JSON: counts, rates and the seconds to the goal."""
    return {
        "calls": figures.calls,
        "success_rate": _round(figures.success_rate),
        "reach_rate": _round(figures.reach_rate),
        "misroute_rate": _round(figures.misroute_rate),
        "zero_out_rate": _round(figures.zero_out_rate),
        "hang_up_rate": _round(figures.hang_up_rate),
        "person_rate": _round(figures.person_rate),
        "dropped_rate": _round(figures.rate(figures.dropped)),
        "cut_off_rate": _round(figures.rate(figures.cut_off)),
        "seconds": {
            "p50": _round(figures.p50, 3),
            "p90": _round(figures.p90, 3),
            "mean": _round(figures.mean_seconds, 3),
        },
        "counts": {
            "success": figures.success,
            "reached": figures.reached,
            "misrouted": figures.misrouted,
            "zero_out": figures.zero_out,
            "hung_up": figures.hung_up,
            "person": figures.person,
            "dropped": figures.dropped,
            "cut_off": figures.cut_off,
            "moves": figures.moves,
        },
        "endings": dict(figures.endings),
    }


def simulation_json(result: SimulationResult) -> dict[str, Any]:
    """`ivrkit simulate --json` (docs/simulate.md): the run's settings, the overall figures, then per goal."""
    return {
        "menu": result.menu,
        "goals_file": result.goals_file,
        "calls": result.calls,
        "seed": result.seed,
        "queue_wait": result.queue_wait,
        "at": result.at.isoformat(" ", "minutes"),
        **{name: value for name, value in figures_json(result.overall).items() if name != "calls"},
        "goals": [
            {
                "say": item.goal.say,
                "language": item.goal.language,
                "reaches": list(item.goal.reaches),
                "share": item.goal.share,
                "weight": _round(item.weight),
                **figures_json(item.figures),
            }
            for item in result.goals
        ],
    }

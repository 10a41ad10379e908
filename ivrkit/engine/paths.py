"""Caller-time analysis: how long a first-time caller needs to reach each destination.

A first-time caller listens to each menu until their option has been
announced and presses it at once (after the menu's speech when the option is
not announced or the menu takes no barge-in), enters a sample number where one
is asked for (`12345678`, with the terminator only when fewer than the maximum
digits are entered) and confirms it with 1. They never press a wrong key, wait
for a timeout, or use `repeat` or `back`.

The figures come from the simulator itself: a shortest-time search (Dijkstra)
over the states a call can wait in (node, mode, `then` stack, language,
variables), each move played on a `Session`. So for every destination the
route shown is the fastest of all such routes, and its seconds are what
`ivrkit call FILE --press "<steps>"` reports for the steps shown: the steps
carry the press times the search used (tests/engine/test_paths_exact.py
replays them through `run_call`, and checks the routes against a brute force
on random menus). A waiting state's future does not depend on how the call
got there, only on when: so the earliest arrival in each state is the only
one worth continuing.

Shares: an option's `share` is the fraction of the callers in that menu who
press it. The share of a destination sums every route to it (an option and a
global option to the same node both count), and the expected times weight
each route by its own share and its own time. Callers on options without a
share are not counted (`share_covered` says how many are).

The worst case replays the fastest route with one wrong key pressed at the
first menu, after its speech.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import math
from collections import defaultdict, deque

from .. import graph as graphs
from ..keypatterns import keeps_listening, menu_extensions
from ..model import InputNode, MenuNode, MenuSet, TransferNode, field, model_class
from .events import Arrive, Event
from .session import KEY_GAP, Duration, Session

__all__ = ["PathFigure", "Summary", "analyse", "calls_yaml", "left_out", "MAX_STATES"]

MAX_STATES = 5000  # waiting states the search explores before it stops (and says so)
MAX_STACK = 12  # `then` targets on the stack; deeper recursion through building blocks is not followed
_SHARE_ROUNDS = 10_000  # rounds of share propagation around loops
_SAMPLE_DIGITS = "1234567890"
_WAITING = frozenset({"menu", "digits", "confirm"})  # modes a first-time caller acts in (not a queue's offer)


@model_class
class PathFigure:
    """The figures of one destination; `seconds` is None when it is not reachable at the simulated time."""

    node: str
    type: str
    person: bool
    keys: str
    seconds: float | None
    worst_seconds: float | None
    share: float | None
    steps: list[str] = field(default_factory=list)
    person_known: bool = True  # False for `person: unknown` (then `person` is True as "maybe")


@model_class
class Summary:
    paths: list[PathFigure]
    expected_seconds: float | None
    expected_person_seconds: float | None
    share_covered: float
    notes: list[str] = field(default_factory=list)


@model_class
class _Move:
    """One thing a first-time caller does in a waiting state."""

    kind: str  # option, extension, entry, confirm
    keys: str
    share: float | None


@model_class
class _Route:
    moves: tuple[_Move, ...]
    tokens: tuple[str, ...]

    @property
    def order(self) -> tuple:
        return (len(self.tokens), " ".join(self.tokens))


# -- moves ---------------------------------------------------------------------


def _node(session: Session):
    return session.menuset.nodes[session.node] if session.node else None


def _moves(session: Session) -> list[_Move]:
    node = _node(session)
    if session.ended or node is None:
        return []
    if session.mode == "menu" and isinstance(node, MenuNode):
        moves = [
            _Move("option", option.key, option.share)
            for option in session.menuset.file_of(node).options_of(node)
            if option.action not in ("repeat", "back")
        ]
        digits = _extension_digits(session, node) if node.extensions is not None else None
        if digits is not None:
            moves.append(_Move("extension", digits, None))
        return moves
    if session.mode == "digits" and isinstance(node, InputNode):
        return [_Move("entry", _sample_entry(session, node), 1.0)]
    if session.mode == "confirm":
        return [_Move("confirm", "1", 1.0)]
    return []  # a queue's call-back offer: the transfer has already been reached


def _faster_to_type_all(session: Session, node, fewest: int, most: int) -> bool:
    """Typing up to `most` digits ends an entry sooner than waiting out the inter-digit timeout."""
    return (most - fewest) * KEY_GAP < node.setting("inter_digit_timeout", session.menuset.settings_of(node))


def _sample_entry(session: Session, node: InputNode) -> str:
    count = node.min_digits
    if (
        node.min_digits < node.max_digits
        and node.terminator is None
        and _faster_to_type_all(session, node, node.min_digits, node.max_digits)
    ):
        count = node.max_digits
    digits = (_SAMPLE_DIGITS * (count // len(_SAMPLE_DIGITS) + 1))[:count]
    return digits + node.terminator if count < node.max_digits and node.terminator else digits


def _extension_digits(session: Session, node: MenuNode) -> str | None:
    """The extension a first-time caller dials soonest: fewest keys and no inter-digit wait at its end
    weighed in seconds (0.2 s a key), the first in key order among equals; None when none is reachable.

    Every proper prefix must keep the menu listening (else it would act on the prefix) and the digits
    must not be an option key (an option wins over an extension with the same keys).
    """
    options = session.menuset.file_of(node).options_of(node)
    extensions = menu_extensions(node, options)
    if extensions is None:
        return None
    pause = node.setting("inter_digit_timeout", session.menuset.settings_of(node))
    keys = {option.key for option in options}
    best: tuple[float, str] | None = None
    for length in range(1, extensions.high + 1):
        if best is not None and best[0] <= (length - 1) * KEY_GAP:
            break  # every longer extension takes at least as long: none can be faster
        for waits in (False, True):
            found = _first_extension(node, options, extensions, keys, length, waits)
            if found is not None:
                cost = (length - 1) * KEY_GAP + (pause if waits else 0.0)
                if best is None or cost < best[0]:
                    best = (cost, found)
                break  # the same length with a wait at its end is slower
    return best[1] if best is not None else None


def _first_extension(node, options, extensions, keys, length: int, waits: bool) -> str | None:
    """The first extension of `length` keys (in key order) that does (`waits`) or does not end in a wait.

    A depth-first search in key order, made exact and fast by two things: each step keeps only the patterns
    that still fit the keys so far (those that can give `length` keys apart), and a prefix whose future is
    already known to fail is never searched again. That future depends only on the number of keys, the
    patterns that still fit and the option keys that still start with the keys, so those are the memo's key
    (a whole subtree of keys that all wait is searched once, not digit by digit).
    """
    patterns = extensions.patterns
    low, high = extensions.low, extensions.high

    def can_give(pattern) -> bool:
        return max(low, pattern.shortest) <= length <= min(high, pattern.longest)

    def allows(pattern, index: int, key: str) -> bool:
        return key in (pattern.fixed[index] if index < len(pattern.fixed) else _TAIL_DIGITS)

    option_keys = tuple(sorted(keys))
    failed: set = set()

    def search(prefix: str, fit_all: tuple, fit_here: tuple, starting: tuple) -> str | None:
        if len(prefix) == length:
            accepted = bool(fit_here) if patterns else extensions.accepts(prefix)
            ok = accepted and prefix not in keys and keeps_listening(node, options, prefix, fit_all) == waits
            return prefix if ok else None
        if prefix and not keeps_listening(node, options, prefix, fit_all):
            return None
        memo = (len(prefix), fit_all, fit_here, starting, bool(prefix) and not patterns and extensions.fits(prefix))
        if memo in failed:
            return None
        index = len(prefix)
        for key in "1234567890*#" if not prefix else "0123456789*#":
            child = prefix + key
            if patterns:
                child_here = tuple(i for i in fit_here if allows(patterns[i], index, key))
                if not child_here:
                    continue
                child_all = tuple(i for i in fit_all if allows(patterns[i], index, key))
            elif not extensions.fits(child):
                continue
            else:
                child_here = child_all = ()
            found = search(child, child_all, child_here, tuple(k for k in starting if k.startswith(child)))
            if found is not None:
                return found
        failed.add(memo)
        return None

    everything = tuple(range(len(patterns)))
    return search("", everything, tuple(i for i in everything if can_give(patterns[i])), option_keys)


_TAIL_DIGITS = frozenset("0123456789")  # what a pattern's `.` or `!` tail takes


def _press_time(session: Session, keys: str) -> float | None:
    """Seconds into the current speech when the option `keys` has been announced (rounded up to 0.01 s)."""
    node = _node(session)
    if node is None or node.setting("barge_in", session.menuset.settings_of(node)) is False:
        return None
    heard = session.option_heard_at(keys)
    if heard is None:
        return None
    return math.ceil(round(heard * 100, 6)) / 100


def _token(keys: str, after: float | None) -> str:
    if after is None:
        return keys
    return f"{keys}@{f'{after:.2f}'.rstrip('0').rstrip('.')}"


def _play(session: Session, move: _Move) -> tuple[list[Event], list[str]]:
    """Make `move` on `session`; the events and the step tokens that reproduce it."""
    after = _press_time(session, move.keys) if move.kind == "option" else None
    events = list(session.press(move.keys, after=after))
    tokens = [_token(move.keys, after)]
    if not session.ended and session.buffer:
        # The keys could still become a longer option, extension or entry: the caller waits it out.
        events += session.wait()
        tokens.append("wait")
    return events, tokens


def _fork(session: Session) -> Session:
    """An independent copy of a session in a waiting state (its containers copied, its events shared)."""
    return session.fork()


def _reached(menuset: MenuSet, events: list[Event]) -> list[Arrive]:
    """The arrivals at destinations in `events`, in order; a transfer that is closed and moves on does not
    count, and a voicemail with `next` counts but the call goes on."""
    arrivals = [event for event in events if isinstance(event, Arrive)]
    found = []
    for index, arrival in enumerate(arrivals):
        node = menuset.nodes[arrival.node]
        if not node.terminal:
            continue
        following = arrivals[index + 1] if index + 1 < len(arrivals) else None
        if isinstance(node, TransferNode) and following is not None and following.via == "closed":
            continue
        found.append(arrival)
    return found


def _state_key(session: Session) -> tuple:
    return (
        session.node,
        session.mode,
        tuple(session.stack),
        session.language,
        tuple(sorted(session.variables.items())),
        session.buffer,
    )


def _resumes_at(session: Session, events: list[Event]) -> float:
    """When the waiting node began its current prompt: what every later time of this state counts from."""
    arrival = next(
        (event for event in reversed(events) if isinstance(event, Arrive) and event.node == session.node), None
    )
    return max(session.clock, arrival.at) if arrival is not None else session.clock


# -- the search ------------------------------------------------------------------


@model_class
class _Edge:
    share: float | None
    destination: str | None
    delay: float
    target: tuple | None


def _search(menuset: MenuSet, new_session) -> tuple[dict, dict, tuple | None, list[str]]:
    """Best (time, route) per destination; the edges between waiting states; the start state; notes."""
    best: dict[str, tuple[float, _Route]] = {}
    edges: dict[tuple, list[_Edge]] = {}
    notes: list[str] = []
    session = new_session()
    events = session.start()
    start_route = _Route((), ())
    for hit in _reached(menuset, events):
        best.setdefault(hit.node, (hit.at, start_route))
    if session.ended or session.mode not in _WAITING:
        return best, edges, None, notes
    start_key = _state_key(session)
    counter = 0
    heap = [(_resumes_at(session, events), start_route.order, counter, start_route, session)]
    settled: dict[tuple, float] = {}
    while heap:
        moment, _, _, route, session = heapq.heappop(heap)
        key = _state_key(session)
        if key in settled:
            continue
        if len(settled) >= MAX_STATES:
            notes.append(f"the search stopped after {MAX_STATES} caller states: routes beyond them are not counted")
            break
        settled[key] = moment
        out = edges.setdefault(key, [])
        for move in _moves(session):
            twin = _fork(session)
            events, tokens = _play(twin, move)
            moved = _Route(route.moves + (move,), route.tokens + tuple(tokens))
            hits = _reached(menuset, events)
            for hit in hits:
                known = best.get(hit.node)
                if known is None or (hit.at, moved.order) < (known[0], known[1].order):
                    best[hit.node] = (hit.at, moved)
            if twin.ended or twin.mode not in _WAITING:
                last = hits[-1] if hits else None
                out.append(_Edge(move.share, last.node if last else None, last.at - moment if last else 0.0, None))
                continue
            if len(twin.stack) > MAX_STACK:
                if not any("stack" in note for note in notes):
                    notes.append(f"routes that nest building blocks more than {MAX_STACK} deep are not followed")
                continue
            resumes = _resumes_at(twin, events)
            target = _state_key(twin)
            out.append(_Edge(move.share, None, resumes - moment, target))
            if target not in settled:
                counter += 1
                heapq.heappush(heap, (resumes, moved.order, counter, moved, twin))
    return best, edges, (start_key, settled.get(start_key, 0.0)), notes


def _shares(edges: dict, start) -> dict[str, tuple[float, float]]:
    """Per destination: the share of callers who reach it and the sum of share × seconds over their routes."""
    absorbed: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    if start is None:
        return {}
    frontier = {start[0]: (1.0, start[1])}
    for _ in range(_SHARE_ROUNDS):
        following: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for key, (mass, weighted) in frontier.items():
            for edge in edges.get(key, ()):
                if edge.share is None or edge.share <= 0:
                    continue
                moved = (edge.share * mass, edge.share * (weighted + mass * edge.delay))
                bucket = (
                    absorbed[edge.destination]
                    if edge.destination is not None
                    else following[edge.target]
                    if edge.target is not None
                    else None
                )
                if bucket is not None:
                    bucket[0] += moved[0]
                    bucket[1] += moved[1]
        frontier = {key: (mass, weighted) for key, (mass, weighted) in following.items() if mass > 0}
        if sum(mass for mass, _ in frontier.values()) < 1e-12:
            break
    return {node: (mass, weighted) for node, (mass, weighted) in absorbed.items()}


# -- the figures ---------------------------------------------------------------


def _wrong_key(session: Session) -> str | None:
    node = _node(session)
    if not isinstance(node, MenuNode):
        return None
    options = session.menuset.file_of(node).options_of(node)
    used = {option.key[0] for option in options}
    extensions = menu_extensions(node, options)
    if extensions is not None:
        used |= {key for key in "0123456789*#" if extensions.fits(key)}
    return next((key for key in "9876543210#*" if key not in used), None)


def _worst(menuset: MenuSet, destination: str, route: _Route, new_session, cache: dict) -> float | None:
    """The route with one wrong key at its first menu; None when that mistake leads elsewhere.

    `cache` keeps the call just after the mistake for each way to the first menu (routes share it).
    """
    first = next((i for i, move in enumerate(route.moves) if move.kind in ("option", "extension")), None)
    if first is None:
        return math.nan  # no menu on the way: no wrong key to press
    before = route.moves[:first]
    if before not in cache:
        session = new_session()
        session.start()
        for move in before:
            _play(session, move)
        wrong, menu = _wrong_key(session), session.node
        if wrong is not None:
            session.press(wrong)
            if not session.ended and session.buffer:
                session.wait()  # a menu with `max_digits` waits for more keys before it says no
        cache[before] = session if not session.ended and session.mode == "menu" and session.node == menu else None
    if cache[before] is None:
        return None
    session = _fork(cache[before])
    events: list[Event] = []
    for move in route.moves[first:]:
        if session.ended:
            break
        events += _play(session, move)[0]
    hit = next((arrival for arrival in _reached(menuset, events) if arrival.node == destination), None)
    return hit.at if hit is not None else None


def _fewest_presses(menuset: MenuSet) -> dict[str, str]:
    """Keys of the fewest presses to each node in the graph, whatever the time (for unreachable rows)."""
    chosen = {"option", "global-option", "extension", "next", "case", "default", "closed"}
    start = (menuset.entry, ())
    presses: dict[tuple, tuple[str, ...]] = {start: ()}
    result = {menuset.entry: ""}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        node, stack = state
        for route in menuset.routes(node):
            if route.kind not in chosen or route.target is None:
                continue
            moved = _move(route, stack)
            if moved is None or moved in presses or len(moved[1]) > MAX_STACK:
                continue
            pressed = route.kind in ("option", "global-option", "extension")
            key = graphs.EXTENSION_KEYS if route.kind == "extension" else route.key
            presses[moved] = presses[state] + ((key,) if pressed and key is not None else ())
            result.setdefault(moved[0], " ".join(presses[moved]))
            (queue.append if pressed else queue.appendleft)(moved)
    return result


def _move(route, stack: tuple) -> tuple | None:
    """The (node, stack) a route leads to; None when it returns with nowhere to go."""
    target = route.target
    if target.is_return:
        while stack:
            stack, top = stack[:-1], stack[-1]
            if top is not None:
                return top, stack
        return None
    if route.then is not None:
        stack = stack + (route.then.node_key,)
    return target.node_key, stack


def analyse(
    menuset: MenuSet,
    *,
    at: _dt.datetime | None = None,
    language: str | None = None,
    duration: Duration | None = None,
    variables: dict[str, str] | None = None,
) -> Summary:
    """The figures of every destination, fastest first, then those not reachable at the simulated time."""
    if duration is None:
        from .durations import estimated

        duration = estimated(menuset)
    fixed_variables = dict(variables or {})

    def new_session() -> Session:
        return Session(menuset, duration=duration, at=at, language=language, variables=fixed_variables)

    best, edges, start, notes = _search(menuset, new_session)
    shares = _shares(edges, start)
    if start is None:  # the call reached its destination without the caller doing anything: everyone goes there
        shares = {node: (1.0, seconds) for node, (seconds, _) in best.items()}
    figures = []
    mistakes: dict = {}
    for node, (seconds, route) in best.items():
        worst = _worst(menuset, node, route, new_session, mistakes)
        model = menuset.nodes[node]
        share = shares.get(node)
        figures.append(
            PathFigure(
                node=node,
                type=model.type,
                person=bool(getattr(model, "person", False)),
                keys=" ".join(token.partition("@")[0] for token in route.tokens),
                seconds=seconds,
                worst_seconds=seconds if worst is not None and math.isnan(worst) else worst,
                share=share[0] if share else None,
                steps=list(route.tokens),
                person_known=bool(getattr(model, "person_known", True)),
            )
        )
    static = _fewest_presses(menuset)
    for node in sorted(set(static) - set(best)):
        model = menuset.nodes[node]
        if model.terminal:
            figures.append(
                PathFigure(
                    node,
                    model.type,
                    bool(getattr(model, "person", False)),
                    static[node],
                    None,
                    None,
                    None,
                    person_known=bool(getattr(model, "person_known", True)),
                )
            )
    figures.sort(key=lambda f: (f.seconds is None, f.seconds or 0.0, f.node))
    return _summarise(figures, shares, notes)


def _summarise(figures: list[PathFigure], shares: dict, notes: list[str]) -> Summary:
    def expected(nodes) -> float | None:
        mass = sum(shares[node][0] for node in nodes if node in shares)
        return sum(shares[node][1] for node in nodes if node in shares) / mass if mass > 0 else None

    reached = [f for f in figures if f.seconds is not None]
    people = [f.node for f in reached if f.person and f.person_known]
    return Summary(
        figures,
        expected([f.node for f in reached]),
        expected(people),
        sum(shares[f.node][0] for f in reached if f.node in shares),
        notes,
    )


def left_out(summary: Summary) -> list[PathFigure]:
    """The destinations a generated call script cannot reach at its simulated time."""
    return [figure for figure in summary.paths if figure.seconds is None]


def calls_yaml(
    summary: Summary,
    menu_reference: str,
    at: _dt.datetime | None,
    language: str | None,
    variables: dict[str, str] | None = None,
) -> str:
    """A call script with one call per reachable destination, as a first-time caller reaches it.

    Destinations not reachable at the simulated time are listed in a comment, each with a note.
    """
    lines = [
        "# Generated by `ivrkit paths --write-calls`: one call per destination, as a first-time",
        "# caller reaches it (keys@seconds presses as soon as the option has been announced).",
    ]
    missing = left_out(summary)
    if missing:
        when = f"at {at:%a %Y-%m-%d %H:%M}" if at is not None else "at the simulated time"
        lines.append(f"# Not reachable {when}, so not written (try `--at` at a time they are open):")
        lines += [f"#   {figure.node} ({figure.type})" for figure in missing]
    lines.append(f"menu: {_quote(menu_reference)}")
    if at is not None:
        lines.append(f"at: {_quote(at.strftime('%Y-%m-%d %H:%M'))}")
    if language is not None:
        lines.append(f"language: {_quote(language)}")
    lines.append("calls:" if any(f.seconds is not None for f in summary.paths) else "calls: []")
    for figure in summary.paths:
        if figure.seconds is None:
            continue
        lines += [
            f"  - name: {_quote(f'reach {figure.node} ({figure.type})')}",
            f"    press: {_quote(' '.join(figure.steps))}",
        ]
        if variables:
            lines.append(
                "    variables: {" + ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in variables.items()) + "}"
            )
        lines.append(f"    expect: {{reaches: {_quote(figure.node)}, within: {math.ceil(figure.seconds + 0.05)}}}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

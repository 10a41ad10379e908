"""Caller-time analysis: how long a first-time caller needs to reach each destination.

For every destination the graph gives the shortest key sequence; the
simulator then plays the call as a first-time caller would: listening to each
menu until their option has been announced, pressing it at once, entering a
valid number where one is asked for and confirming it. The worst case adds one
wrong key at the first menu. Where options carry `share`s, the share of
callers bound for each destination is the product of the shares along its
path, which weights the expected times.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import deque
from dataclasses import dataclass, field

from .. import graph as graphs
from ..model import InputNode, MenuNode, MenuSet
from .drive import CallRecord
from .events import Arrive, Event
from .session import Duration, Session

__all__ = ["PathFigure", "Summary", "analyse", "calls_yaml", "intended_ways"]

MAX_ACTIONS = 200


@dataclass
class PathFigure:
    """The figures of one destination."""

    node: str
    type: str
    person: bool
    keys: str
    seconds: float | None
    worst_seconds: float | None
    share: float | None
    steps: list[str] = field(default_factory=list)


@dataclass
class Summary:
    paths: list[PathFigure]
    expected_seconds: float | None
    expected_person_seconds: float | None
    share_covered: float


# Ways a call moves that a caller does not choose, or that only waiting in a queue brings.
_NOT_CHOSEN = frozenset({"no-input", "no-match", "fallback", "action", "busy", "no-answer", "overflow",
                         "callback"})
_PRESSED = frozenset({"option", "global-option", "extension"})


@dataclass(frozen=True)
class _Way:
    presses: tuple[str, ...]
    share: float | None


def _route_order(route) -> tuple:
    key = route.key or ""
    return (0 if key.isdigit() else 1, len(key), key)


def intended_ways(menuset: MenuSet) -> dict[str, _Way]:
    """For each node, the fewest presses that reach it by choice, and the share of callers who take them.

    Choice means no timeouts, wrong keys, fallbacks or queue events. The search
    runs over (node, return stack) states, so a building block returns to the
    `then` of the caller that entered it. Each press is a whole option key
    ("1000" is one press) or `graph.EXTENSION_KEYS`; the share is the product
    of the options' shares, None where one is missing.
    """
    start = (menuset.entry, ())
    ways: dict[str, _Way] = {menuset.entry: _Way((), 1.0)}
    best: dict[tuple, _Way] = {start: _Way((), 1.0)}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        node, stack = state
        way = best[state]
        for route in sorted(menuset.routes(node), key=_route_order):
            if route.kind in _NOT_CHOSEN or route.target is None:
                continue
            moved = _move(route, stack)
            if moved is None:
                continue
            pressed = route.kind in _PRESSED
            press = (graphs.EXTENSION_KEYS if route.kind == "extension" else route.key,) if pressed else ()
            share = None if way.share is None or (pressed and route.share is None) else \
                way.share * (route.share if pressed else 1.0)
            candidate = _Way(way.presses + press, share)
            if moved in best and len(best[moved].presses) <= len(candidate.presses):
                continue
            best[moved] = candidate
            ways.setdefault(moved[0], candidate)
            if len(ways[moved[0]].presses) > len(candidate.presses):
                ways[moved[0]] = candidate
            if pressed:
                queue.append(moved)
            else:
                queue.appendleft(moved)
    return ways


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


def _offered(session: Session, press: str) -> bool:
    """Whether the menu the call waits in takes this press."""
    node = session.menuset.nodes[session.node] if session.node else None
    if not isinstance(node, MenuNode):
        return False
    if press == graphs.EXTENSION_KEYS:
        return node.extensions is not None
    return any(option.key == press for option in session.menuset.file_of(node).options_of(node))


def _concrete(session: Session, press: str) -> str:
    """The keys of one press; an extension becomes the lowest extension of the current menu's range."""
    if press != graphs.EXTENSION_KEYS:
        return press
    node = session.menuset.nodes[session.node] if session.node else None
    if isinstance(node, MenuNode) and node.extensions is not None:
        return "1" * node.extensions[0]
    return "1"


def _sample_entry(node: InputNode) -> str:
    digits = "1" * node.min_digits
    return digits + (node.terminator or "") if len(digits) < node.max_digits else digits


def _wrong_key(session: Session) -> str | None:
    node = session.menuset.nodes[session.node] if session.node else None
    if not isinstance(node, MenuNode):
        return None
    used = {option.key[0] for option in session.menuset.file_of(node).options_of(node)}
    if node.extensions is not None:
        used |= set("0123456789")
    return next((key for key in "9876543210#*" if key not in used), None)


def _walk(menuset: MenuSet, target: str, presses: list[str], *, wrong: bool, at, language, duration):
    """Play the call; returns (record, step tokens) or None when the simulation cannot reach `target`."""
    session = Session(menuset, duration=duration, at=at, language=language)
    record = CallRecord(language=session.language)
    steps: list[str] = []

    def act(events: list[Event]) -> bool:
        record.events.extend(events)
        return any(isinstance(event, Arrive) and event.node == target for event in events)

    if act(session.start()):
        return record, steps
    pending = list(presses)
    made_mistake = not wrong
    for _ in range(MAX_ACTIONS):
        if session.ended:
            return None
        if session.mode == "digits":
            entry = _sample_entry(session.menuset.nodes[session.node])  # type: ignore[arg-type]
            steps.append(entry)
            reached = act(session.press(entry))
        elif session.mode == "confirm":
            steps.append("1")
            reached = act(session.press("1"))
        elif session.mode == "menu" and not made_mistake:
            made_mistake = True
            key = _wrong_key(session)
            if key is None:
                continue
            steps.append(key)
            reached = act(session.press(key))
        elif session.mode == "menu" and pending and _offered(session, pending[0]):
            key = _concrete(session, pending.pop(0))
            heard = session.option_heard_at(key)
            token = key if heard is None else f"{key}@{heard:.2f}"
            steps.append(token)
            reached = act(session.press(key, after=None if heard is None else round(heard, 2)))
        else:
            steps.append("wait")
            reached = act(session.wait())
        if reached:
            return record, steps
    return None


def analyse(menuset: MenuSet, *, at: _dt.datetime | None = None, language: str | None = None,
            duration: Duration | None = None) -> Summary:
    ways = intended_ways(menuset)
    figures = []
    destinations = [key for key, node in menuset.nodes.items() if node.terminal and key in ways]
    for node in sorted(destinations, key=lambda n: (len(ways[n].presses), ways[n].presses, n)):
        presses = list(ways[node].presses)
        first = _walk(menuset, node, presses, wrong=False, at=at, language=language, duration=duration)
        worst = _walk(menuset, node, presses, wrong=True, at=at, language=language, duration=duration)
        model = menuset.nodes[node]
        figures.append(PathFigure(
            node=node,
            type=model.type,
            person=bool(getattr(model, "person", False)),
            keys=" ".join(presses),
            seconds=_arrival(first[0], node) if first else None,
            worst_seconds=_arrival(worst[0], node) if worst else None,
            share=ways[node].share,
            steps=first[1] if first else [],
        ))
    return _summarise(figures)


def _arrival(record: CallRecord, node: str) -> float | None:
    arrival = record.first_arrival(node)
    return arrival.at if arrival else None


def _summarise(figures: list[PathFigure]) -> Summary:
    weighted = [(f.share, f.seconds) for f in figures if f.share and f.seconds is not None]
    total = sum(share for share, _ in weighted)
    expected = sum(share * seconds for share, seconds in weighted) / total if total else None
    people = [(f.share, f.seconds) for f in figures if f.person and f.share and f.seconds is not None]
    people_total = sum(share for share, _ in people)
    expected_person = sum(s * t for s, t in people) / people_total if people_total else None
    return Summary(figures, expected, expected_person, total)


def calls_yaml(summary: Summary, menu_reference: str, at: _dt.datetime | None, language: str | None) -> str:
    """A call script with one call per reachable destination, as a first-time caller reaches it."""
    lines = [
        "# Generated by `ivrkit paths --write-calls`: one call per destination, as a first-time",
        "# caller reaches it (keys@seconds presses as soon as the option has been announced).",
        f"menu: {_quote(menu_reference)}",
    ]
    if at is not None:
        lines.append(f"at: {_quote(at.strftime('%Y-%m-%d %H:%M'))}")
    if language is not None:
        lines.append(f"language: {language}")
    lines.append("calls:")
    for figure in summary.paths:
        if figure.seconds is None:
            continue
        lines += [
            f"  - name: {_quote(f'reach {figure.node} ({figure.type})')}",
            f"    press: {_quote(' '.join(figure.steps))}",
            f"    expect: {{reaches: {_quote(figure.node)}, within: {math.ceil(figure.seconds + 0.05)}}}",
        ]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

"""The designed route to a goal as a caller meets it: at the simulated moment, with the call's variables.

The designed route is the route with the fewest keys from the call's start to
a goal node, found by playing the calls on a `Session` (so branches,
schedules, closed transfers and variables resolve exactly as the engine
resolves them at `--at`): a breadth-first search over the states the IVR waits
in, each key played on a copy of the session. The moves tried are a menu's
option keys (not `repeat`, `back` or `top`; at a menu that chooses a language,
only the goal's language when the menu offers it), an extension the goal
names in its words ("call extension 1000") where the menu takes it, a sample
entry at an input and 1 to confirm a read-back. Keys pressed once the menu's
speech has ended; a key that may still grow is waited out.

`designed_route` gives the route's first *decision menu* (a menu that does
not only choose a language: `routes.is_language_menu`), the key pressed
there, and every key of that menu that starts a route to the goal with as few
keys (`route_keys`: the designed key among them). A route with no key in a
decision menu gives the key "-"; no route at that moment gives None.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..keypatterns import extension_accepts
from ..model import InputNode, MenuNode, MenuSet, model_class
from .policy import Move, sample_digits
from .routes import is_language_menu

if TYPE_CHECKING:
    from ..engine.events import Event
    from ..engine.session import Session
    from ..goals import Goal

__all__ = ["DesignedRoute", "designed_route", "designed_keys", "MAX_DESIGN_STATES"]

MAX_DESIGN_STATES = 4000  # waiting states searched for one goal before the search gives up (no route)
_SKIPPED_ACTIONS = frozenset({"repeat", "back", "top"})


@model_class
class DesignedRoute:
    menu: str | None  # the first decision menu of the route (None: no key is pressed in one)
    key: str | None  # the key pressed there; "-" when none is; None when no route reaches the goal
    route_keys: tuple[str, ...] = ()  # the keys of `menu` that start a route with as few keys


NO_ROUTE = DesignedRoute(None, None)


def _base(language: str | None) -> str:
    return (language or "").split("-")[0].split("_")[0].lower()


def _named_extensions(goal: Goal, node: MenuNode, options) -> list[str]:
    """Numbers in the goal's words that the menu dials as an extension (not an option key)."""
    keys = {option.key for option in options}
    found = []
    for digits in re.findall(r"\d+", goal.say):
        if digits not in keys and digits not in found and extension_accepts(node, options, digits):
            found.append(digits)
    return found


def _key_moves(session: Session, goal: Goal) -> list[Move]:
    """The keys the designed route may press in the state the session waits in."""
    menuset = session.menuset
    node = menuset.nodes.get(session.node or "")
    if session.mode == "menu" and isinstance(node, MenuNode):
        options = menuset.file_of(node).options_of(node)
        chosen = [option for option in options if option.action is None and option.goto is not None]
        if is_language_menu(menuset, node.key):
            spoken = [option for option in chosen if option.language and _base(option.language) == _base(goal.language)]
            chosen = spoken or chosen
        keys = [option.key for option in chosen]
        if node.extensions is not None:
            keys += _named_extensions(goal, node, options)
        return [Move("press", key) for key in dict.fromkeys(keys)]
    if session.mode == "digits" and isinstance(node, InputNode):
        return [Move("press", sample_digits(node))]
    if session.mode == "confirm":
        return [Move("press", "1")]
    if session.mode == "callback-offer":
        return [Move("press", "1"), Move("wait")]
    return []


def _state(session: Session) -> tuple:
    return (
        session.node,
        session.mode,
        session.buffer,
        session.language,
        tuple(sorted(session.variables.items())),
        tuple((t.raw, t.node_key) if t is not None else None for t in session.stack),
    )


def _play(session: Session, move: Move) -> tuple[Session, list[Event]]:
    twin = session.fork()
    events = list(move.apply(twin))
    while twin.waiting and twin.buffer:  # the keys could still grow: the IVR acts after the pause
        events += twin.wait()
    return twin, events


_Reached = Callable[[list], "float | None"]


def _search(start: Session, goal: Goal, reached: _Reached, *, first_only: bool) -> list[tuple[tuple, Session]]:
    """Breadth-first by keys from `start`: the routes with the fewest keys that reach the goal, each as its
    steps ((node, key, the session before the key, pressed in a menu), ...) and the session after. With
    `first_only`, the first such route; else every one (states are told apart by the route's first key)."""
    frontier: list[tuple[tuple, Session]] = [((), start)]
    seen = {(_state(start), None)}
    found: list[tuple[tuple, Session]] = []
    count = 0
    while frontier and not found:
        following = []
        for steps, session in frontier:
            for move in _key_moves(session, goal):
                twin, events = _play(session, move)
                moved = steps + ((session.node, move.keys, session, session.mode == "menu"),)
                if reached(events) is not None:
                    found.append((moved, twin))
                    if first_only:
                        return found
                    continue
                if not twin.waiting:
                    continue
                origin = moved[0][1] if not first_only else None
                key = (_state(twin), origin)
                if key in seen:
                    continue
                seen.add(key)
                count += 1
                if count > MAX_DESIGN_STATES:
                    return found
                following.append((moved, twin))
        frontier = following
    return found


def designed_route(
    menuset: MenuSet, goal: Goal, new_session: Callable[[], Session], reached: _Reached
) -> DesignedRoute:
    """The designed route of `goal` in a call started by `new_session` (see the module docstring)."""
    session = new_session()
    events = session.start()
    if reached(events) is not None:
        return DesignedRoute(None, "-")
    if not session.waiting:
        return NO_ROUTE
    found = _search(session, goal, reached, first_only=True)
    if not found:
        return NO_ROUTE
    steps = found[0][0]
    decision = next((step for step in steps if step[3] and not is_language_menu(menuset, step[0] or "")), None)
    if decision is None:
        return DesignedRoute(None, "-")
    menu, key, before, _ = decision
    # Every key of that menu that starts a route with as few keys (the rest of the route counted from there).
    rivals = _search(before, goal, reached, first_only=False)
    keys = tuple(dict.fromkeys(route[0][1] for route, _ in rivals)) or (key,)
    return DesignedRoute(menu, key, keys)


def designed_keys(
    menuset: MenuSet, goal: Goal, new_session: Callable[[], Session], reached: _Reached
) -> tuple[tuple[str, str], ...] | None:
    """(menu, key) of every key the designed route presses in a menu, in order (language menus included);
    () when the call reaches the goal with no key; None when no route reaches it in a call of `new_session`."""
    session = new_session()
    if reached(session.start()) is not None:
        return ()
    if not session.waiting:
        return None
    found = _search(session, goal, reached, first_only=True)
    if not found:
        return None
    return tuple((node or "", key) for node, key, _, in_menu in found[0][0] if in_menu)

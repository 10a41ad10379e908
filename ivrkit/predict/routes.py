"""The routes to one goal in the menu graph: is a caller still on a way to it, and which menus are decisions.

A call state is **on route** to a goal when a goal node can be reached from it
going forward: by options, global options and extensions (a key), `next`,
branch cases and defaults, the automatic routes of transfers (closed, busy,
no-answer, overflow, call-back offer), and `return` to the continuations on
the call's `then` stack. Failing is not a way there: the no-input / no-match
handlers and fallbacks are not followed (silence that would put a caller
through to someone does not make every menu "on route" to that person).
Going back does not count either: the `back`, `top` and
`repeat` actions are not followed, and neither is any route into a menu the
caller has already left by a key in this call (the session's `history`, the
menus a `back` would return to). So a caller who pressed into the wrong
submenu is off route there even when its "main menu" option could take them
back: they have to turn back to get on.

A caller off route is **lost** (the caller model prefers back and agent keys
then), and a move that takes a caller from on route to off route is a
**wrong turn** (`ivrkit.predict.predict` counts the first one as a misroute).

A **decision menu** is a menu whose own options are not all language
choices: the first key a caller presses in one is the `first_key` of a goal
(a language menu in front of the main menu says nothing about the goal).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from ..analysis.caller import is_language_menu as language_menu
from ..model import MenuNode, MenuSet, Target

__all__ = ["GoalRoutes", "is_language_menu", "MAX_STACK"]

MAX_STACK = 12  # `then` continuations followed (deeper nesting of building blocks is not searched)
_FAILURE_ROUTES = frozenset({"no-input", "no-match", "fallback"})


def is_language_menu(menuset: MenuSet, node_key: str) -> bool:
    """True for a menu whose own options choose a language (and otherwise only repeat, back or go to the top)."""
    node = menuset.nodes.get(node_key)
    return isinstance(node, MenuNode) and language_menu(node)


def _stack_nodes(stack: Iterable[Target | None]) -> tuple[str, ...]:
    return tuple(target.node_key for target in stack if target is not None and target.node_key is not None)


class GoalRoutes:
    """Which call states lead forward to one of `targets` (node keys); answers are cached."""

    def __init__(self, menuset: MenuSet, targets: Iterable[str]):
        self.menuset = menuset
        self.targets = frozenset(targets)
        self._edges: dict[str, tuple[tuple[str | None, str | None], ...]] = {}
        self._cache: dict[tuple, bool] = {}

    def edges(self, node: str) -> tuple[tuple[str | None, str | None], ...]:
        """(target node or None for `return`, `then` node or None) of every forward route out of `node`."""
        known = self._edges.get(node)
        if known is not None:
            return known
        found = []
        for route in self.menuset.routes(node):
            if route.kind == "action" or route.kind in _FAILURE_ROUTES or route.target is None:
                continue
            target = None if route.target.is_return else route.target.node_key
            then = route.then.node_key if route.then is not None and not route.then.is_return else None
            found.append((target, then))
        self._edges[node] = edges = tuple(found)
        return edges

    def on_route(self, node: str | None, *, history: Iterable[str] = (), stack: Iterable[Target | None] = ()) -> bool:
        """True when a target is reachable forward from `node` with `stack`, never entering a menu of `history`."""
        if node is None:
            return False
        if node in self.targets:
            return True
        avoid = frozenset(history) - {node}
        continuations = _stack_nodes(stack)[-MAX_STACK:]
        key = (node, avoid, continuations)
        known = self._cache.get(key)
        if known is None:
            known = self._cache[key] = self._search(node, avoid, continuations)
        return known

    def _search(self, start: str, avoid: frozenset[str], stack: tuple[str, ...]) -> bool:
        seen = {(start, stack)}
        queue = deque(seen)
        while queue:
            node, continuations = queue.popleft()
            for target, then in self.edges(node):
                if target is None:  # `return`: on to the continuation on top of the stack
                    if not continuations:
                        continue
                    moved = (continuations[-1], continuations[:-1])
                else:
                    moved = (target, continuations + (then,) if then is not None else continuations)
                if moved[0] in self.targets:
                    return True
                if moved[0] in avoid or moved in seen or len(moved[1]) > MAX_STACK:
                    continue
                seen.add(moved)
                queue.append(moved)
        return False

    def designed_keys(self, entry: str, stack: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...] | None:
        """(menu, key) of each key of the fewest-presses forward route from `entry` (with the `then`
        continuations `stack`) to a target, in order; None when there is none. A route through `then` counts
        the keys inside the building block."""
        start: tuple = (entry, stack)
        keys: dict[tuple, tuple[tuple[str, str], ...]] = {start: ()}
        queue: deque[tuple] = deque([start])
        while queue:
            state = queue.popleft()
            node, continuations = state
            if node in self.targets:
                return keys[state]
            for route in self.menuset.routes(node):
                if route.kind == "action" or route.target is None:
                    continue
                if route.kind in _FAILURE_ROUTES:
                    continue
                if route.target.is_return:
                    if not continuations:
                        continue
                    moved: tuple = (continuations[-1], continuations[:-1])
                else:
                    then = route.then.node_key if route.then is not None and not route.then.is_return else None
                    moved = (route.target.node_key, continuations + (then,) if then is not None else continuations)
                if moved in keys or len(moved[1]) > MAX_STACK:
                    continue
                pressed = route.kind in ("option", "global-option") and route.key is not None
                keys[moved] = keys[state] + (((node, route.key),) if pressed else ())  # type: ignore[operator]
                (queue.append if pressed else queue.appendleft)(moved)
        return None

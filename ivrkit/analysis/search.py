"""Searches over a call graph's plain adjacency: reachability, strongly connected components, depth, key sequences.

Every function takes ``succ`` or ``pred`` (``{node: {neighbour: [edge, ...]}}``,
see `ivrkit.analysis.callgraph`) and answers one question. All of them are
iterative: a chain of 100,000 nodes needs no deep recursion.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterable, Iterator

from .callgraph import Adjacency, Edge

__all__ = [
    "EXTENSION_KEYS",
    "forward",
    "reachable",
    "reach_within",
    "reach_back",
    "cannot_reach_terminal",
    "strongly_connected_components",
    "loops_without_exit",
    "keypress_depth",
    "shortest_key_sequence",
    "pressed_keys",
]

EXTENSION_KEYS = "{extension}"
"""How `shortest_key_sequence` writes the digits of an extension."""

_DTMF = re.compile(r"[0-9*#]+")


def forward(succ: Adjacency, node: str) -> Iterator[tuple[str, Edge]]:
    """The ``(target, edge)`` of every edge out of `node` except ``back``."""
    for target, parallel in succ[node].items():
        for edge in parallel:
            if edge["kind"] != "back":
                yield target, edge


def reachable(succ: Adjacency, start: str) -> set[str]:
    """`start` and every node reachable from it; ``back`` edges are not followed."""
    seen = {start}
    stack = [start]
    while stack:
        for target, parallel in succ[stack.pop()].items():
            if target in seen:
                continue
            for edge in parallel:  # as `forward` gives them: a target with an edge that is not ``back``
                if edge["kind"] != "back":
                    seen.add(target)
                    stack.append(target)
                    break
    return seen


def reach_within(succ: Adjacency, start: str, allowed: Collection[str]) -> set[str]:
    """`start` and the nodes of `allowed` reachable from it through `allowed` only (no ``back`` edges)."""
    seen = {start}
    stack = [start]
    while stack:
        for target, _ in forward(succ, stack.pop()):
            if target in allowed and target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def reach_back(pred: Adjacency, starts: Iterable[str], allowed: Collection[str] | None = None) -> set[str]:
    """`starts` and every node with a path into them (every edge kind), through `allowed` if given."""
    seen = set(starts)
    stack = list(seen)
    while stack:
        for source in pred[stack.pop()]:
            if source not in seen and (allowed is None or source in allowed):
                seen.add(source)
                stack.append(source)
    return seen


def cannot_reach_terminal(pred: Adjacency, terminals: Iterable[str]) -> set[str]:
    """The nodes with no path (every edge kind, ``back`` included) to a node of `terminals`.

    One breadth-first search on the reversed graph, started from every
    terminal at once.
    """
    seen = set(terminals)
    queue = deque(seen)
    while queue:
        for source in pred[queue.popleft()]:
            if source not in seen:
                seen.add(source)
                queue.append(source)
    return set(pred) - seen


def strongly_connected_components(succ: Adjacency, within: Collection[str]) -> list[set[str]]:
    """The strongly connected components of the subgraph that `within` induces (every edge kind).

    Tarjan's algorithm with an explicit stack of iterators, so its depth is
    bounded by memory, not by Python's recursion limit.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0
    for root in succ:
        if root not in within or root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(succ[root]))]
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in within:
                    continue
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(succ[target])))
                    break
                if target in on_stack and index[target] < low[node]:
                    low[node] = index[target]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def loops_without_exit(succ: Adjacency, trapped: Collection[str]) -> list[list[str]]:
    """The loops among `trapped` (the nodes that cannot reach a terminal).

    Each strongly connected component of more than one node, or a single node
    with a self loop; each is a sorted list of node keys, and the list is
    sorted too.
    """
    return sorted(
        sorted(component)
        for component in strongly_connected_components(succ, trapped)
        if len(component) > 1 or _has_self_loop(succ, component)
    )


def _has_self_loop(succ: Adjacency, component: set[str]) -> bool:
    (node,) = component
    return node in succ[node]


def _cost(parallel: list[Edge]) -> int | None:
    """The cheapest way along parallel edges: 1 for a keypress, 0 otherwise (None: only ``back``)."""
    if len(parallel) == 1:  # most targets: one edge, its own cost
        edge = parallel[0]
        return None if edge["kind"] == "back" else edge["keypress"]
    costs = [edge["keypress"] for edge in parallel if edge["kind"] != "back"]
    return min(costs) if costs else None


def keypress_depth(succ: Adjacency, entry: str) -> dict[str, int]:
    """The fewest keypresses from `entry` to each reachable node.

    An edge with ``keypress`` set costs one, dialling a whole extension
    counting as one choice; every other edge is free and ``back`` is not
    followed. A 0-1 breadth-first search: free edges go to the front of the
    queue.
    """
    depth = {entry: 0}
    queue = deque([entry])
    while queue:
        node = queue.popleft()
        here = depth[node]
        for target, parallel in succ[node].items():
            if len(parallel) == 1:  # most targets: one edge, its own cost (`_cost`, inlined)
                edge = parallel[0]
                if edge["kind"] == "back":
                    continue
                cost = edge["keypress"]
            else:
                cost = _cost(parallel)
                if cost is None:
                    continue
            new = here + cost
            old = depth.get(target)
            if old is not None and old <= new:
                continue
            depth[target] = new
            if cost:
                queue.append(target)
            else:
                queue.appendleft(target)
    return depth


def key_rank(key: str) -> tuple[int, int, str]:
    """Digits first (shorter first, then by value), then ``#``, ``*`` and extensions."""
    return (0, len(key), key) if key.isdigit() else (1, 0, key)


def pressed_keys(edge: Edge) -> str:
    """The keys of a keypress edge; an extension's pattern (``3-4 digits``) is written `EXTENSION_KEYS`."""
    key = edge["key"]
    return key if key and _DTMF.fullmatch(key) else EXTENSION_KEYS


def _free_closure(succ: Adjacency, start: str, keys: tuple, found: dict) -> list[str]:
    """Give `keys` to `start` and to every new node it reaches without a keypress."""
    if start in found:
        return []
    found[start] = keys
    reached = [start]
    stack = [start]
    while stack:
        for target, edge in forward(succ, stack.pop()):
            if target not in found and not edge["keypress"]:
                found[target] = keys
                reached.append(target)
                stack.append(target)
    return reached


def shortest_key_sequence(succ: Adjacency, entry: str) -> dict[str, str]:
    """The keys a caller presses to reach each node from `entry` with the fewest keypresses.

    For every reachable node, its keys joined into one string, such as
    ``"12"``; the entry maps to ``""`` and dialling an extension is written
    `EXTENSION_KEYS`. Of the paths with the fewest keypresses, the one whose
    keys come first wins (digits before ``#`` and ``*``).

    The nodes are found layer by layer, one keypress per layer. Within a
    layer the candidate paths are tried in key order, and each one claims the
    nodes it reaches without a keypress that no earlier path has claimed.
    """
    found: dict[str, tuple[str, ...]] = {}
    layer = _free_closure(succ, entry, (), found)
    while layer:
        candidates = sorted(_one_more_key(succ, layer, found), key=lambda candidate: candidate[0])
        layer = [node for _, keys, start in candidates for node in _free_closure(succ, start, keys, found)]
    return {node: "".join(keys) for node, keys in found.items()}


def _one_more_key(succ: Adjacency, layer: list[str], found: dict) -> Iterator[tuple]:
    """Each keypress out of `layer` to a new node, as ``(order, keys, target)``.

    `layer` lists its nodes in the order of their key sequences, so a node's
    place among the layer's distinct sequences, then the rank of the new key,
    orders the new sequences as comparing them key by key would.
    """
    place, previous = -1, None
    for node in layer:
        if found[node] != previous:
            place, previous = place + 1, found[node]
        for target, edge in forward(succ, node):
            if target not in found and edge["keypress"]:
                pressed = pressed_keys(edge)
                yield (place, key_rank(pressed)), previous + (pressed,), target  # type: ignore[operator]

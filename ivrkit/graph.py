"""The call graph of an IVR, and the questions the linter and the renderers ask of it.

`build()` turns a `MenuSet` into a `networkx.MultiDiGraph`: one graph node per
IVR node and one edge for every way a call can move. The other functions take
that graph and answer one question each (what is reachable, where a caller can
get stuck, how many keypresses a node is from the entry).

Graph nodes are keyed like `MenuSet.nodes` (the node id in the root file,
``file#id`` in other files) and carry the attributes

=========  ==============================================================
type       the node type (``menu``, ``message``, ... ``hangup``)
id         the node id as written in its file
file       the file key (path relative to the project root)
label      a short display name: the id, or ``stem#id`` in another file
terminal   whether the node is a destination (transfer, voicemail, ...)
person     True for a transfer that reaches a person
line, col  where the node is written (1-based)
=========  ==============================================================

Edges carry ``kind``, ``key`` (the DTMF key, extension pattern or case
value), ``label``, ``share``, ``keypress`` (the caller takes the edge by
pressing a key or dialling an extension), ``cross_file`` (the edge enters
another file) and ``line``/``col`` (where the edge is written, in the source
node's file). The kinds are those of `ivrkit.model.Route` plus:

- ``repeat``, ``back``, ``top``: the option actions. ``repeat`` is a self
  loop and ``top`` goes to the entry. The graph has no call history, so a
  ``back`` edge goes to *every* node with a non-``back`` edge into the menu:
  an over-approximation that never hides a way out of a loop. A real ``back``
  only ever returns to a node the call has already visited, so the forward
  questions (`reachable`, `keypress_depth`, `shortest_key_sequence`) ignore
  ``back`` edges.
- ``return``: a target with ``then`` (one that enters another file) adds,
  for every ``return`` in that file, an edge from the returning node to the
  ``then`` target. The edges do not remember the caller: when several callers enter
  one file, every ``return`` in it leads to every caller's ``then``. A
  return edge keeps the key, label and position of the route that says
  ``return`` (an option ``"1": {goto: return}`` makes a keypress edge).

The graph attribute ``entry`` is the key of the IVR's entry node.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from pathlib import PurePosixPath
from typing import Iterable, Iterator

import networkx as nx

from .gcpause import gc_paused
from .model import MenuSet, Node, Route

__all__ = [
    "EDGE_KINDS",
    "EXTENSION_KEYS",
    "build",
    "reachable",
    "unreachable",
    "cannot_reach_terminal",
    "loops_without_exit",
    "keypress_depth",
    "shortest_key_sequence",
    "destinations",
]

EDGE_KINDS = (
    "option",
    "global-option",
    "extension",
    "next",
    "no-input",
    "no-match",
    "fallback",
    "case",
    "default",
    "closed",
    "busy",
    "no-answer",
    "overflow",
    "callback",
    "repeat",
    "back",
    "top",
    "return",
)
"""Every edge kind, in the order the format describes them."""

EXTENSION_KEYS = "{extension}"
"""How `shortest_key_sequence` writes the digits of an extension."""

# Route kinds the caller takes by pressing a key (or dialling an extension).
_PRESSED_ROUTES = frozenset({"option", "global-option", "extension", "action"})
_DTMF = re.compile(r"[0-9*#]+")


# --- building ---------------------------------------------------------------


class _Builder:
    """Collects the nodes and edges of one `MenuSet`; `build()` is its only user."""

    def __init__(self, menuset: MenuSet):
        self.menuset = menuset
        self.files = {key: node.file for key, node in menuset.nodes.items()}
        self.edges: list[tuple[str, str, dict]] = []
        self.leading_in: dict[str, set[str]] = defaultdict(set)
        self.returns: dict[str, list[tuple[str, Route]]] = defaultdict(list)
        self.backs: list[tuple[str, Route]] = []
        self.calls: set[tuple[str, str | None, str]] = set()

    def graph(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph(entry=self.menuset.entry)
        G.add_nodes_from((key, _node_attrs(self.menuset, node)) for key, node in self.menuset.nodes.items())
        G.add_edges_from(self.edges)
        return G

    def edge(self, source: str, target: str, kind: str, route: Route) -> None:
        """Add an edge of `kind` that keeps the key, label and position of `route`."""
        if kind != "back":
            self.leading_in[target].add(source)
        self.edges.append((source, target, {
            "kind": kind,
            "key": route.key,
            "label": route.label,
            "share": route.share,
            "keypress": route.kind in _PRESSED_ROUTES,
            "cross_file": self.files[source] != self.files[target],
            "line": route.span.line,
            "col": route.span.col,
        }))

    def add_routes(self, key: str, node: Node) -> None:
        """Turn each route out of `node` into an edge, or note it for later."""
        for route in self.menuset.routes(node):
            if route.kind == "action":
                self._add_action(key, route)
                continue
            target = route.target.node_key
            if target is None:
                self.returns[node.file].append((key, route))
                continue
            self.edge(key, target, route.kind, route)
            if route.then is not None:
                self.calls.add((self.files[target], route.then.node_key, node.file))

    def _add_action(self, key: str, route: Route) -> None:
        if route.action == "repeat":
            self.edge(key, key, "repeat", route)
        elif route.action == "top":
            self.edge(key, self.menuset.entry, "top", route)
        else:
            self.backs.append((key, route))

    def add_returns(self) -> None:
        """An edge from every returning node to every place its file returns to."""
        continuations = _continuations(self.calls)
        for file, returning in self.returns.items():
            for target in sorted(continuations.get(file, ())):
                for key, route in returning:
                    self.edge(key, target, "return", route)

    def add_backs(self) -> None:
        """An edge from each ``back`` option to every node that leads into its menu.

        Called last: the edges it adds must not count as leading in.
        """
        leading_in = [
            (key, route, sorted(source for source in self.leading_in[key] if source != key))
            for key, route in self.backs
        ]
        for key, route, sources in leading_in:
            for source in sources:
                self.edge(key, source, "back", route)


def _continuations(calls: Iterable[tuple[str, str | None, str]]) -> dict[str, set[str]]:
    """For each entered file, the node keys a ``return`` in it can lead to.

    `calls` holds ``(callee file, then node key, caller file)``; a ``then`` of
    ``return`` (node key None) passes on whatever the caller's file returns to.
    """
    result: dict[str, set[str]] = defaultdict(set)
    changed = True
    while changed:
        changed = False
        for callee, then, caller in calls:
            new = result[caller] if then is None else {then}
            if not new <= result[callee]:
                result[callee] |= new
                changed = True
    return result


def _node_attrs(menuset: MenuSet, node: Node) -> dict:
    root = node.file == menuset.root.key
    return {
        "type": node.type,
        "id": node.id,
        "file": node.file,
        "label": node.id if root else f"{PurePosixPath(node.file).stem}#{node.id}",
        "terminal": node.terminal,
        "person": node.type == "transfer" and node.person,
        "line": node.span.line,
        "col": node.span.col,
    }


def build(menuset: MenuSet) -> nx.MultiDiGraph:
    """Build the call graph of an IVR.

    Parameters
    ----------
    menuset : MenuSet
        A loaded IVR, as returned by `ivrkit.loader.load`.

    Returns
    -------
    networkx.MultiDiGraph
        One node per IVR node, one edge per way a call can move, with the
        attributes described in the module documentation. ``G.graph["entry"]``
        is the entry node. Handlers that only re-prompt add no edge.
    """
    with gc_paused():
        builder = _Builder(menuset)
        for key, node in menuset.nodes.items():
            builder.add_routes(key, node)
        builder.add_returns()
        builder.add_backs()
        return builder.graph()


# --- questions --------------------------------------------------------------


def _adjacency(G: nx.MultiDiGraph) -> dict[str, dict[str, dict[int, dict]]]:
    """``{source: {target: {index: data}}}`` as plain dicts.

    `G.succ` wraps every inner dict in a read-only view as it is read, which
    makes a search over a 100 000-edge graph several times slower.
    """
    return dict(G.adjacency())


def _forward(succ: dict, node: str) -> Iterator[tuple[str, dict]]:
    """The ``(target, data)`` of every edge out of `node` except ``back``."""
    for target, edges in succ[node].items():
        for data in edges.values():
            if data["kind"] != "back":
                yield target, data


def reachable(G: nx.MultiDiGraph, source: str | None = None) -> set[str]:
    """The nodes a call can reach.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `build`.
    source : str, optional
        Where the call starts; the entry by default.

    Returns
    -------
    set of str
        The keys of `source` and of every node reachable from it. ``back``
        edges are not followed: they only return to nodes already reached.
    """
    start = G.graph["entry"] if source is None else source
    succ = _adjacency(G)
    seen = {start}
    stack = [start]
    while stack:
        for target, _ in _forward(succ, stack.pop()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def unreachable(G: nx.MultiDiGraph) -> set[str]:
    """The nodes no call from the entry can reach.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `build`.

    Returns
    -------
    set of str
        The keys of the nodes that `reachable` leaves out.
    """
    return set(G) - reachable(G)


def destinations(G: nx.MultiDiGraph) -> set[str]:
    """The terminal nodes: transfers, voicemails, callbacks and hang-ups.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `build`.

    Returns
    -------
    set of str
        The keys of every node whose ``terminal`` attribute is true.
    """
    return {node for node, terminal in G.nodes(data="terminal") if terminal}


def cannot_reach_terminal(G: nx.MultiDiGraph) -> set[str]:
    """The nodes from which no terminal node can be reached.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `build`.

    Returns
    -------
    set of str
        The keys of the nodes with no path to a destination: a call there
        can only end by the caller hanging up, or by running out of tries in
        a menu without a fallback. Every edge counts, ``back`` included.

    Notes
    -----
    One breadth-first search on the reversed graph, started from every
    terminal at once.
    """
    seen = destinations(G)
    queue = deque(seen)
    pred = _adjacency(G.reverse(copy=False))
    while queue:
        for source in pred[queue.popleft()]:
            if source not in seen:
                seen.add(source)
                queue.append(source)
    return set(G) - seen


def loops_without_exit(G: nx.MultiDiGraph, trapped: set[str] | None = None) -> list[list[str]]:
    """The loops a call can never leave for a terminal node.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `build`.
    trapped : set of str, optional
        ``cannot_reach_terminal(G)`` when the caller has it already.

    Returns
    -------
    list of list of str
        Each strongly connected component of more than one node, or a single
        node with a self loop, from which no terminal is reachable. Each
        component is a sorted list of node keys; the list is sorted too.
    """
    trapped = G.subgraph(cannot_reach_terminal(G) if trapped is None else trapped)
    return sorted(
        sorted(component)
        for component in nx.strongly_connected_components(trapped)
        if len(component) > 1 or _has_self_loop(trapped, component)
    )


def _has_self_loop(G: nx.MultiDiGraph, component: set[str]) -> bool:
    (node,) = component
    return G.has_edge(node, node)


def _cost(edges: dict) -> int | None:
    """The cheapest way along parallel edges: 1 for a keypress, 0 otherwise."""
    costs = [data["keypress"] for data in edges.values() if data["kind"] != "back"]
    return min(costs) if costs else None


def keypress_depth(G: nx.MultiDiGraph) -> dict[str, int]:
    """The fewest keypresses that take a call from the entry to each node.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `build`.

    Returns
    -------
    dict of str to int
        For every reachable node, the minimal number of keypresses. An edge
        with ``keypress`` set (an option, global option, action, extension,
        or a return written on one) costs one, dialling a whole extension
        counting as one choice; every other edge is free.

    Notes
    -----
    A 0-1 breadth-first search: free edges go to the front of the queue.
    """
    entry = G.graph["entry"]
    depth = {entry: 0}
    queue = deque([entry])
    succ = _adjacency(G)
    while queue:
        node = queue.popleft()
        for target, edges in succ[node].items():
            cost = _cost(edges)
            if cost is None:
                continue
            new = depth[node] + cost
            if target in depth and depth[target] <= new:
                continue
            depth[target] = new
            if cost:
                queue.append(target)
            else:
                queue.appendleft(target)
    return depth


def _key_rank(key: str) -> tuple[int, int, str]:
    """Digits first (shorter first, then by value), then ``#``, ``*`` and extensions."""
    return (0, len(key), key) if key.isdigit() else (1, 0, key)


def _free_closure(succ: dict, start: str, keys: tuple, found: dict) -> list[str]:
    """Give `keys` to `start` and to every new node it reaches without a keypress."""
    if start in found:
        return []
    found[start] = keys
    reached = [start]
    stack = [start]
    while stack:
        for target, data in _forward(succ, stack.pop()):
            if target not in found and not data["keypress"]:
                found[target] = keys
                reached.append(target)
                stack.append(target)
    return reached


def _pressed(data: dict) -> str:
    """The keys of a keypress edge; an extension's pattern (``3-4 digits``) is not keys."""
    return data["key"] if _DTMF.fullmatch(data["key"]) else EXTENSION_KEYS


def shortest_key_sequence(G: nx.MultiDiGraph) -> dict[str, str]:
    """The keys a caller presses to reach each node with the fewest keypresses.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `build`.

    Returns
    -------
    dict of str to str
        For every reachable node, its keys joined into one string, such as
        ``"12"`` (press 1, then 2); the entry maps to ``""``. Dialling an
        extension is written ``{extension}``. Of the paths with the fewest
        keypresses, the one whose keys come first wins, with digits before
        ``#`` and ``*``, so the result does not depend on the input order.

    Notes
    -----
    The nodes are found layer by layer, one keypress per layer. Within a
    layer the candidate paths are tried in key order, and each one claims the
    nodes it reaches without a keypress that no earlier path has claimed.
    """
    succ = _adjacency(G)
    found: dict[str, tuple[str, ...]] = {}
    layer = _free_closure(succ, G.graph["entry"], (), found)
    while layer:
        candidates = sorted(_one_more_key(succ, layer, found), key=lambda candidate: candidate[0])
        layer = [
            node for _, keys, start in candidates for node in _free_closure(succ, start, keys, found)
        ]
    return {node: "".join(keys) for node, keys in found.items()}


def _one_more_key(succ: dict, layer: list[str], found: dict) -> Iterator[tuple]:
    """Each keypress out of `layer` to a new node, as ``(order, keys, target)``.

    `layer` lists its nodes in the order of their key sequences, so a node's
    place among the layer's distinct sequences, then the rank of the new key,
    orders the new sequences as comparing them key by key would.
    """
    place, previous = -1, None
    for node in layer:
        if found[node] != previous:
            place, previous = place + 1, found[node]
        for target, data in _forward(succ, node):
            if target not in found and data["keypress"]:
                pressed = _pressed(data)
                yield (place, _key_rank(pressed)), previous + (pressed,), target

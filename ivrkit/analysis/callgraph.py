"""The call graph of an IVR as plain adjacency dicts: one node per IVR node, one edge per way a call can move.

`build_call_graph()` turns a `MenuSet` into a `CallGraph`. Nodes are keyed
like `MenuSet.nodes` (the node id in the root file, ``file#id`` in other
files). Each edge is a dict with ``kind``, ``key`` (the DTMF key, extension
pattern or case value), ``label``, ``share``, ``keypress`` (the caller takes
the edge by pressing a key or dialling an extension), ``cross_file`` (the
edge enters another file) and ``line``/``col`` (where the edge is written, in
the source node's file). The kinds are those of `ivrkit.model.Route` plus:

- ``repeat``, ``back``, ``top``: the option actions. ``repeat`` is a self
  loop and ``top`` goes to the entry. The graph has no call history, so a
  ``back`` edge goes to *every* node with a non-``back`` edge into the menu:
  an over-approximation that never hides a way out of a loop. A real
  ``back`` only ever returns to a node the call has already visited, so the
  forward questions (reachability, depth, key sequences) ignore ``back``
  edges.
- ``return``: a target with ``then`` (one that enters another file) adds,
  for every ``return`` in that file, an edge from the returning node to the
  ``then`` target. The edges do not remember the caller: when several
  callers enter one file, every ``return`` in it leads to every caller's
  ``then``. A return edge keeps the key, label and position of the route
  that says ``return`` (an option ``"1": {goto: return}`` makes a keypress
  edge).

The adjacency keeps the order a `networkx.MultiDiGraph` built from the same
edges would have (`ivrkit.graph` builds exactly that view for rendering and
users), so every search over it visits nodes in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from ..model import MenuNode, MenuSet, Node, Option, Route

__all__ = ["EDGE_KINDS", "CallGraph", "Edge", "Adjacency", "build_call_graph"]

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

Edge = dict
"""An edge's data: ``kind``, ``key``, ``label``, ``share``, ``keypress``, ``cross_file``, ``line``, ``col``."""

Adjacency = dict
"""``{node: {neighbour: [edge data, ...]}}``: parallel edges in the order they were added."""

# Route kinds the caller takes by pressing a key (or dialling an extension).
_PRESSED_ROUTES = frozenset({"option", "global-option", "extension", "action"})


class CallGraph:
    """The nodes and edges of one `MenuSet`, as plain dicts.

    `succ` maps each node to ``{target: [edge, ...]}`` and `pred` (built on
    first use) each node to ``{source: [edge, ...]}``; both list every node,
    in the order of `MenuSet.nodes`. `edges` lists ``(source, target,
    edge)`` in the order they were added.
    """

    __slots__ = ("menuset", "entry", "succ", "edges", "_pred", "_pairs")

    def __init__(self, menuset: MenuSet, edges: list[tuple[str, str, Edge]]):
        self.menuset = menuset
        self.entry = menuset.entry
        self.edges = edges
        succ: Adjacency = {key: {} for key in menuset.nodes}
        # (target, source, parallel edges) of the first edge between each two nodes, in the order of `edges`:
        # what `pred` is built from without looking each edge up again.
        pairs: list[tuple[str, str, list[Edge]]] = []
        for source, target, data in edges:
            if target not in succ:
                succ[target] = {}  # a graph keeps every node an edge names
            by_target = succ[source]
            parallel = by_target.get(target)
            if parallel is None:
                parallel = by_target[target] = [data]
                pairs.append((target, source, parallel))
            else:
                parallel.append(data)
        self.succ = succ
        self._pairs: list[tuple[str, str, list[Edge]]] | None = pairs
        self._pred: Adjacency | None = None

    @property
    def pred(self) -> Adjacency:
        """``{target: {source: [edge, ...]}}``, the same edge dicts (and lists) as `succ`."""
        if self._pred is None:
            # Sources in the order of their first edge in, as networkx keeps them: the order of `_pairs`.
            pred: Adjacency = {key: {} for key in self.succ}
            for target, source, parallel in self._pairs or ():
                pred[target][source] = parallel
            self._pred = pred
            self._pairs = None
        return self._pred

    def __contains__(self, key: object) -> bool:
        return key in self.succ

    def __iter__(self) -> Iterator[str]:
        return iter(self.succ)

    def __len__(self) -> int:
        return len(self.succ)

    def label(self, key: str) -> str:
        """A short display name: the id, or ``stem#id`` for a node of another file."""
        node = self.menuset.nodes.get(key)
        if node is None:
            return key
        if node.file == self.menuset.root.key:
            return node.id
        return f"{PurePosixPath(node.file).stem}#{node.id}"

    def node_attrs(self, key: str) -> dict:
        """The attributes `ivrkit.graph` gives a node (type, id, file, label, terminal, person, line, col)."""
        node = self.menuset.nodes.get(key)
        if node is None:
            return {}
        return {
            "type": node.type,
            "id": node.id,
            "file": node.file,
            "label": self.label(key),
            "terminal": node.terminal,
            "person": node.type == "transfer" and node.person,  # type: ignore[attr-defined]
            "line": node.span.line,
            "col": node.span.col,
        }

    def in_edges(self, key: str, data: bool = True) -> Iterator[tuple[str, str, Edge]]:
        """``(source, key, edge)`` for every edge into `key` (shaped like networkx's ``in_edges(data=True)``)."""
        for source, parallel in self.pred[key].items():
            for edge in parallel:
                yield source, key, edge

    def forward(self, key: str) -> Iterator[tuple[str, Edge]]:
        """The ``(target, edge)`` of every edge out of `key` except ``back``."""
        for target, parallel in self.succ[key].items():
            for edge in parallel:
                if edge["kind"] != "back":
                    yield target, edge


class _Builder:
    """Collects the edges of one `MenuSet`; `build_call_graph()` is its only user."""

    quick = True
    """Whether a menu's options become edges through `add_options`, and back edges are written inline in
    `add_backs`, instead of through `edge` (tests compare both ways)."""

    def __init__(self, menuset: MenuSet):
        self.menuset = menuset
        self.files = {key: node.file for key, node in menuset.nodes.items()}
        self.edges: list[tuple[str, str, Edge]] = []
        self.returns: dict[str, list[tuple[str, Route]]] = defaultdict(list)
        self.backs: list[tuple[str, Route]] = []
        self.calls: set[tuple[str, str | None, str]] = set()

    def edge(self, source: str, target: str, kind: str, route: Route) -> None:
        """Add an edge of `kind` that keeps the key, label and position of `route`."""
        span = route.span
        self.edges.append(
            (
                source,
                target,
                {
                    "kind": kind,
                    "key": route.key,
                    "label": route.label,
                    "share": route.share,
                    "keypress": route.kind in _PRESSED_ROUTES,
                    "cross_file": self.files[source] != self.files[target],
                    "line": span.line,
                    "col": span.col,
                },
            )
        )

    def add_routes(self, key: str, node: Node) -> None:
        """Turn each route out of `node` into an edge, or note it for later."""
        if self.quick and node.__class__ is MenuNode:
            self._add_menu(key, node)
            return
        for route in self.menuset.routes(node):
            self.add_route(key, node, route)

    def add_route(self, key: str, node: Node, route: Route) -> None:
        """Turn one route out of `node` into an edge, or note it for later."""
        if route.kind == "action":
            self._add_action(key, route)
            return
        assert route.target is not None  # only an action route has no target
        target = route.target.node_key
        if target is None:
            self.returns[node.file].append((key, route))
            return
        self.edge(key, target, route.kind, route)
        if route.then is not None:
            self.calls.add((self.files[target], route.then.node_key, node.file))

    def _add_menu(self, key: str, menu: MenuNode) -> None:
        """`add_routes` for a menu, in the order of `MenuSet.routes`: its options and the global ones it keeps
        become edges without a `Route` each (the hottest part of the graph: most edges are options)."""
        self.add_options(key, menu, menu.options, "option")
        for route in menu.routes_after_options():
            self.add_route(key, menu, route)
        global_options = self.menuset.files[menu.file].global_options
        if global_options:
            own = {option.key for option in menu.options}
            kept = [option for option in global_options if option.key not in own and menu.uses_global(option.key)]
            self.add_options(key, menu, kept, "global-option")
        fallback = self.menuset.file_fallback_route(menu)
        if fallback is not None:
            self.add_route(key, menu, fallback)

    def add_options(self, key: str, menu: MenuNode, options: Iterable[Option], kind: str) -> None:
        """What `add_route` does with each option's route (`model._option_route`), inlined."""
        files, file, append = self.files, menu.file, self.edges.append
        target: str | None
        for option in options:
            text = option.label
            label = text.values[0][1] if text is not None else None
            span = option.span
            action = option.action
            if action is not None:
                if action == "repeat":
                    target, edge_kind = key, "repeat"
                elif action == "top":
                    target, edge_kind = self.menuset.entry, "top"
                else:
                    self.backs.append((key, Route("action", None, span, option.key, label, option.share, action)))
                    continue
            else:
                goto = option.goto
                assert goto is not None  # an option has goto or action
                target, edge_kind = goto.node_key, kind
                if target is None:
                    route = Route(kind, goto, span, option.key, label, option.share, then=option.then)
                    self.returns[file].append((key, route))
                    continue
                if option.then is not None:
                    self.calls.add((files[target], option.then.node_key, file))
            append(
                (
                    key,
                    target,
                    {
                        "kind": edge_kind,
                        "key": option.key,
                        "label": label,
                        "share": option.share,
                        "keypress": True,
                        "cross_file": file != files[target],
                        "line": span.line,
                        "col": span.col,
                    },
                )
            )

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
        if not self.backs:
            return
        # Every edge so far leads in: the back edges are added only below.
        menus = {key for key, _ in self.backs}
        sources_of: dict[str, set[str]] = defaultdict(set)
        for source, target, _ in self.edges:
            if target in menus and source != target:
                sources_of[target].add(source)
        leading_in = [(key, route, sorted(sources_of[key])) for key, route in self.backs]
        if not self.quick:
            for key, route, sources in leading_in:
                for source in sources:
                    self.edge(key, source, "back", route)
            return
        files, append = self.files, self.edges.append
        for key, route, sources in leading_in:
            span, file = route.span, files[key]
            # `self.edge(key, source, "back", route)`, inlined: a third of the edges. The edges of one route
            # differ only in `cross_file`: one dict each way, shared by its edges (no reader changes an edge).
            shared: dict[bool, Edge] = {}
            for source in sources:
                cross_file = file != files[source]
                data = shared.get(cross_file)
                if data is None:
                    data = shared[cross_file] = {
                        "kind": "back",
                        "key": route.key,
                        "label": route.label,
                        "share": route.share,
                        "keypress": route.kind in _PRESSED_ROUTES,
                        "cross_file": cross_file,
                        "line": span.line,
                        "col": span.col,
                    }
                append((key, source, data))


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


def build_call_graph(menuset: MenuSet) -> CallGraph:
    """The call graph of `menuset`: every node, and one edge per way a call can move.

    Handlers that only re-prompt add no edge.
    """
    builder = _Builder(menuset)
    for key, node in menuset.nodes.items():
        builder.add_routes(key, node)
    builder.add_returns()
    builder.add_backs()
    return CallGraph(menuset, builder.edges)

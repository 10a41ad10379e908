"""The graph facts of one menu set, each computed once on first use and shared by every reader.

`analyse(menuset)` gives a `MenuFacts`: the call graph (`ivrkit.analysis.callgraph`)
and the answers the rules, the engine and the reports ask of it — which
nodes a call reaches, which can never reach a destination, the loops
without exit, the keypress depth and key sequence of each node, where a
call goes without a keypress, and how far each node is from a person.
The menu set and the graph do not change once built, so every answer is
cached on the object.
"""

from __future__ import annotations

from collections import deque
from functools import cached_property

from ..model import MenuNode, MenuSet, Node, TransferNode
from . import search
from .callgraph import CallGraph, Edge, build_call_graph
from .wording import Wording

__all__ = ["MenuFacts", "analyse", "is_person"]

# Edge kinds a call follows without pressing a key and without failing.
_FREE_KINDS = frozenset({"next", "case", "default", "return"})
# Edge kinds taken when the caller fails in a menu or an input.
FAILURE_KINDS = frozenset({"no-input", "no-match", "fallback"})
# Edge kinds out of a destination (a transfer that is closed, busy, ...): not a way to reach one.
ROUTE_OUT_OF_DESTINATION = frozenset({"closed", "busy", "no-answer", "overflow", "callback"})
# Edge kinds `choice_paths` does not follow: ``back``, failures and routes out of a destination.
_NOT_CHOSEN = FAILURE_KINDS | ROUTE_OUT_OF_DESTINATION | {"back"}
# Node fields that hold one target, for a quick look for a ``return``.
_TARGET_FIELDS = ("next", "fallback", "default", "closed", "busy", "no_answer", "overflow", "callback")


def analyse(menuset: MenuSet) -> MenuFacts:
    """The facts of `menuset`, computed as they are first asked for."""
    return MenuFacts(menuset)


def is_person(node: Node) -> bool:
    """A person takes the call now (a transfer to people) or later (a call-back)."""
    return (isinstance(node, TransferNode) and node.person) or node.type == "callback"


class MenuFacts:
    """What can be known about the calls through one menu set without simulating one."""

    def __init__(self, menuset: MenuSet, graph: CallGraph | None = None):
        self.menuset = menuset
        self._graph = graph
        self._free: tuple[dict[str, list[str]], dict[str, list[str]]] = ({}, {})

    @property
    def graph(self) -> CallGraph:
        """The call graph, built on first use."""
        if self._graph is None:
            self._graph = build_call_graph(self.menuset)
        return self._graph

    @cached_property
    def wording(self) -> Wording:
        """The labels and spoken texts, one reading per language, as the wording rules read them."""
        return Wording(self.menuset)

    # -- reachability ------------------------------------------------------

    @cached_property
    def reachable(self) -> set[str]:
        """The nodes a call from the entry can reach (``back`` edges only return to them)."""
        return search.reachable(self.graph.succ, self.menuset.entry)

    def reachable_from(self, start: str) -> set[str]:
        """`start` and the nodes a call from it can reach."""
        return search.reachable(self.graph.succ, start)

    @cached_property
    def unreachable(self) -> set[str]:
        """The nodes no call from the entry can reach."""
        return set(self.graph.succ) - self.reachable

    def reach_within(self, start: str, allowed: set[str]) -> set[str]:
        """`start` and what a call from it reaches without leaving `allowed`."""
        return search.reach_within(self.graph.succ, start, allowed)

    # -- destinations and traps --------------------------------------------

    @cached_property
    def destinations(self) -> set[str]:
        """The terminal nodes: transfers, voicemails, call-backs and hang-ups."""
        return {key for key, node in self.menuset.nodes.items() if node.terminal}

    @cached_property
    def people(self) -> set[str]:
        """Transfers that reach a person."""
        return {key for key, node in self.menuset.nodes.items() if node.type == "transfer" and node.person}  # type: ignore[attr-defined]

    @cached_property
    def cannot_reach_terminal(self) -> set[str]:
        """The nodes with no path to a destination (every edge counts, ``back`` included)."""
        return search.cannot_reach_terminal(self.graph.pred, self.destinations)

    @cached_property
    def loops_without_exit(self) -> list[list[str]]:
        """The loops (SCCs of the trapped nodes, or trapped self loops) a call never leaves; sorted lists."""
        return search.loops_without_exit(self.graph.succ, self.cannot_reach_terminal)

    @cached_property
    def open_returns(self) -> set[str]:
        """Nodes that say ``return`` where nothing in this menu set returns to: the end of a building block.

        Linted on its own, a building block's ``return`` leads nowhere in the
        graph, yet the call goes on in whatever flow entered the file. These
        nodes count as ways out, like destinations.
        """
        menuset = self.menuset
        succ = self.graph.succ
        files_returning = {
            menu_file.key
            for menu_file in menuset.files.values()
            if _is_return(menu_file.settings.fallback)
            or any(_is_return(option.goto) for option in menu_file.global_options)
        }
        found = set()
        for key, node in menuset.nodes.items():
            if node.file in files_returning or _says_return(node):
                if not any(edge["kind"] == "return" for _, edge in search.forward(succ, key)):
                    if any(route.target is not None and route.target.is_return for route in menuset.routes(node)):
                        found.add(key)
        return found

    @cached_property
    def stuck(self) -> set[str]:
        """The nodes from which no destination, and no open ``return``, can be reached."""
        opened = self.open_returns
        if not opened:
            return self.cannot_reach_terminal
        return self.cannot_reach_terminal - search.reach_back(self.graph.pred, opened)

    @cached_property
    def stuck_loops(self) -> list[list[str]]:
        """The loops without exit, leaving out those that can leave by an open ``return``."""
        stuck = self.stuck
        return [loop for loop in self.loops_without_exit if all(key in stuck for key in loop)]

    @cached_property
    def loop_feeders(self) -> dict[tuple[str, ...], set[str]]:
        """For each of `stuck_loops`, its nodes and the stuck nodes from which a call can get into it."""
        stuck = self.stuck
        if not stuck:
            return {}
        pred = self.graph.pred
        return {tuple(loop): search.reach_back(pred, loop, stuck) for loop in self.stuck_loops}

    @cached_property
    def leading_into_loops(self) -> set[str]:
        """Every node of `loop_feeders`: the loops' own nodes and those that only lead into them."""
        owned: set[str] = set()
        for nodes in self.loop_feeders.values():
            owned |= nodes
        return owned

    # -- keypresses --------------------------------------------------------

    @cached_property
    def keypress_depth(self) -> dict[str, int]:
        """The fewest keypresses from the entry to each reachable node (an extension counts one)."""
        return search.keypress_depth(self.graph.succ, self.menuset.entry)

    @cached_property
    def key_sequences(self) -> dict[str, str]:
        """The keys a caller presses to reach each node with the fewest keypresses (``""`` for the entry)."""
        return search.shortest_key_sequence(self.graph.succ, self.menuset.entry)

    @cached_property
    def choice_paths(self) -> tuple[dict[str, int], dict[str, tuple[str, Edge] | None]]:
        """The fewest keypresses from the entry to each node by choosing, and the edge each was first reached by.

        Only routes a caller takes by choosing count: failure routes (no-input,
        no-match, fallback), routes out of a destination and ``back`` are not
        followed, and a call does not go on from a destination. A 0-1
        breadth-first search: free edges go to the front.
        """
        nodes = self.menuset.nodes
        entry = self.menuset.entry
        depth = {entry: 0}
        parent: dict[str, tuple[str, Edge] | None] = {entry: None}
        queue = deque([entry])
        succ = self.graph.succ
        while queue:
            key = queue.popleft()
            if nodes[key].terminal:
                continue
            here = depth[key]
            for target, parallel in succ[key].items():
                for edge in parallel:
                    if edge["kind"] in _NOT_CHOSEN:
                        continue
                    cost = 1 if edge["keypress"] else 0
                    new = here + cost
                    old = depth.get(target)
                    if old is not None and old <= new:
                        continue
                    depth[target] = new
                    parent[target] = (key, edge)
                    if cost:
                        queue.append(target)
                    else:
                        queue.appendleft(target)
        return depth, parent

    def menus_to(self, exits: set[str]) -> dict[str, int]:
        """For every node, the fewest menus between it and a node of `exits` (a 0-1 search backwards).

        A keypress (``back`` included: star, then 0 is two menus) or a failure
        route costs one menu; ``next``, branches and returns are free; a call
        does not pass through a destination that is not an exit.
        """
        # Destinations a call does not pass through, found once (not per edge into them).
        closed = {key for key, node in self.menuset.nodes.items() if node.terminal and key not in exits}
        distance = {key: 0 for key in exits}
        queue = deque(exits)
        pred = self.graph.pred
        while queue:
            key = queue.popleft()
            here = distance[key]
            for source, parallel in pred[key].items():
                if source in closed:
                    continue
                if len(parallel) == 1:  # most sources: one edge, its own cost
                    edge = parallel[0]
                    kind = edge["kind"]
                    if kind in ROUTE_OUT_OF_DESTINATION:
                        continue
                    cost = 1 if edge["keypress"] or kind in FAILURE_KINDS else 0
                else:
                    cost = 2
                    for edge in parallel:
                        kind = edge["kind"]
                        if kind in ROUTE_OUT_OF_DESTINATION:
                            continue
                        if not edge["keypress"] and kind not in FAILURE_KINDS:
                            cost = 0
                            break
                        cost = 1
                    if cost == 2:
                        continue
                new = here + cost
                old = distance.get(source)
                if old is not None and old <= new:
                    continue
                distance[source] = new
                if cost:
                    queue.append(source)
                else:
                    queue.appendleft(source)
        return distance

    # -- where a call goes on its own -----------------------------------------

    def free_closure(self, start: str, through_inputs: bool = False) -> list[str]:
        """`start` and the nodes a call goes on to without a keypress and without failing.

        Follows ``next``, branch cases and defaults, and ``return`` edges that
        are not keypresses; stops at destinations and at menus (which wait for
        a choice), and at inputs unless `through_inputs`. Cached per start: the
        same list for every caller, which must not change it.
        """
        cache = self._free[through_inputs]
        order = cache.get(start)
        if order is not None:
            return order
        nodes = self.menuset.nodes
        first = nodes[start]
        if first.terminal or first.type == "menu":
            order = cache[start] = [start]  # the common case: asked of each option leading there
            return order
        succ = self.graph.succ
        seen = {start}
        order = [start]
        stack = [start]
        while stack:
            key = stack.pop()
            node = nodes[key]
            if node.terminal or node.type == "menu" or (node.type == "input" and not through_inputs):
                continue
            for target, edge in search.forward(succ, key):
                if edge["kind"] in _FREE_KINDS and not edge["keypress"] and target not in seen:
                    seen.add(target)
                    order.append(target)
                    stack.append(target)
        cache[start] = order
        return order

    @cached_property
    def top(self) -> frozenset[str]:
        """Where a call starts before the caller presses anything: the entry's `free_closure`."""
        return frozenset(self.free_closure(self.menuset.entry))

    def leads_to_person(self, start: str, origin: str | None = None) -> bool:
        """Whether a call sent to `start` gets to a person (or a call-back) without really choosing again.

        True when the nodes after `start` (without a keypress) include a
        transfer to a person or a call-back, or a menu there (other than
        `origin` and the main menu) offers one directly with one of its own
        options: a help menu or a call-back booking menu.
        """
        nodes = self.menuset.nodes
        closure = self.free_closure(start)
        if any(is_person(nodes[key]) for key in closure):
            return True
        top = self.top
        for key in closure:
            node = nodes[key]
            if not isinstance(node, MenuNode) or key == origin or key in top:
                continue
            for option in node.options:
                if option.goto is not None and option.goto.node_key is not None:
                    if any(is_person(nodes[k]) for k in self.free_closure(option.goto.node_key)):
                        return True
        return False


def _is_return(target) -> bool:
    return target is not None and target.raw == "return"


def _says_return(node: Node) -> bool:
    """A quick look at the node's own targets (without building routes) for a ``return``."""
    for field in _TARGET_FIELDS:
        if _is_return(getattr(node, field, None)):
            return True
    for option in getattr(node, "options", ()):
        if _is_return(option.goto):
            return True
    for handler in getattr(node, "no_input", ()) + getattr(node, "no_match", ()):
        if _is_return(handler.goto):
            return True
    for _, target in getattr(node, "cases", ()):
        if _is_return(target):
            return True
    extensions = getattr(node, "extensions", None)
    return extensions is not None and _is_return(extensions[2])

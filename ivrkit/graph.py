"""The call graph of an IVR, and the questions the linter and the renderers ask of it.

`build()` turns a `MenuSet` into a `networkx.MultiDiGraph`: one graph node per
IVR node and one edge for every way a call can move. The other functions take
that graph and answer one question each (what is reachable, where a caller can
get stuck, how many keypresses a node is from the entry).

This is the networkx *view* of the call graph, for rendering (`ivrkit graph`),
export and users who want networkx's own algorithms. The graph itself and
the algorithms live in `ivrkit.analysis`, on plain dicts: the linter, the
engine and `paths` use that and never import networkx. The graph is built
from the same edges, in the same order, and the questions below run the
same searches, so both give the same answers; networkx is imported only when
a function here is called.

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

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .analysis import search
from .analysis.callgraph import EDGE_KINDS, CallGraph, build_call_graph
from .analysis.search import EXTENSION_KEYS
from .gcpause import gc_paused
from .model import MenuSet

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EDGE_KINDS",
    "EXTENSION_KEYS",
    "build",
    "from_call_graph",
    "reachable",
    "unreachable",
    "cannot_reach_terminal",
    "loops_without_exit",
    "keypress_depth",
    "shortest_key_sequence",
    "destinations",
]


# --- building ---------------------------------------------------------------


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
        return from_call_graph(build_call_graph(menuset))


def from_call_graph(call_graph: CallGraph) -> nx.MultiDiGraph:
    """The networkx view of a `ivrkit.analysis.CallGraph` (the edge dicts are copied, not shared).

    Parameters
    ----------
    call_graph : ivrkit.analysis.CallGraph
        A call graph, e.g. ``ivrkit.analysis.analyse(menuset).graph``.

    Returns
    -------
    networkx.MultiDiGraph
        The graph `build` returns for the same menu set.
    """
    import networkx as nx

    G = nx.MultiDiGraph(entry=call_graph.entry)
    G.add_nodes_from((key, call_graph.node_attrs(key)) for key in call_graph.menuset.nodes)
    G.add_edges_from((source, target, dict(data)) for source, target, data in call_graph.edges)
    return G


# --- questions --------------------------------------------------------------


def _plain(adjacency: Mapping) -> dict[str, dict[str, list[dict]]]:
    """``{node: {neighbour: [data, ...]}}`` from a networkx ``G.succ`` or ``G.pred``, the form `ivrkit.analysis.search` walks.

    Walking networkx's views directly wraps every inner dict in a read-only
    view as it is read, which makes a search over a 100 000-edge graph
    several times slower.
    """
    return {node: {other: list(keyed.values()) for other, keyed in nbrs.items()} for node, nbrs in adjacency.items()}


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
    return search.reachable(_plain(G.succ), start)


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
    return search.cannot_reach_terminal(_plain(G.pred), destinations(G))


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
    trapped = cannot_reach_terminal(G) if trapped is None else trapped
    return search.loops_without_exit(_plain(G.succ), trapped)


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
    return search.keypress_depth(_plain(G.succ), G.graph["entry"])


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
    return search.shortest_key_sequence(_plain(G.succ), G.graph["entry"])

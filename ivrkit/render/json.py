"""JSON output: the call graph as plain, stable data for other tools.

``{"entry": ..., "nodes": [...], "edges": [...]}``: each node is its
attributes plus ``key``, sorted by key; each edge is its attributes plus
``source`` and ``target``, sorted by source, target, kind, key and position.
Object keys are sorted and non-ASCII text is kept as is, so the output of the
same menu is byte for byte the same.

networkx's ``node_link_data`` is not used: its edge ``key`` (the multigraph
edge index) would collide with the edge attribute ``key`` (the DTMF key).
"""

from __future__ import annotations

import json

import networkx as nx

__all__ = ["to_json", "graph_data"]


def _edge_order(edge: dict) -> tuple:
    """Source, target, kind, key (none first) and position."""
    key = edge["key"] or ""
    return (edge["source"], edge["target"], edge["kind"], key, edge["line"], edge["col"])


def graph_data(G: nx.MultiDiGraph) -> dict:
    """The graph as the dict that `to_json` writes.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `ivrkit.graph.build`.

    Returns
    -------
    dict
        ``entry`` (a node key), ``nodes`` and ``edges`` (lists of dicts).
    """
    nodes = [{"key": key, **data} for key, data in sorted(G.nodes(data=True))]
    edges = [{"source": u, "target": v, **data} for u, v, data in G.edges(data=True)]
    return {"entry": G.graph["entry"], "nodes": nodes, "edges": sorted(edges, key=_edge_order)}


def to_json(G: nx.MultiDiGraph) -> str:
    """Render the call graph as JSON.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `ivrkit.graph.build`.

    Returns
    -------
    str
        `graph_data` as indented JSON with sorted keys, without a trailing
        newline.
    """
    return json.dumps(graph_data(G), indent=2, sort_keys=True, ensure_ascii=False)

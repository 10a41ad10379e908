"""Graph analysis of a loaded IVR: the layer between the loader and the rules, the engine and the reports.

The call graph is kept as plain adjacency dicts (`callgraph`), searched by
iterative algorithms (`search`), and its answers are computed once per menu
set and shared (`facts`)::

    facts = analyse(menuset)
    facts.reachable, facts.loops_without_exit, facts.key_sequences

What a caller hears at each node (segments, composed option sentences, their
estimated seconds) is computed once per menu set too (`heard`)::

    heard(menuset).segments(node, language), heard(menuset).spoken(node, language)

This package imports only the model; networkx is never imported here.
`ivrkit.graph` builds the networkx view of the same graph for rendering,
export and users who want networkx's algorithms.
"""

from __future__ import annotations

from .callgraph import EDGE_KINDS, CallGraph, build_call_graph
from .facts import MenuFacts, analyse, is_person
from .heard import Heard, heard
from .search import EXTENSION_KEYS

__all__ = [
    "EDGE_KINDS",
    "EXTENSION_KEYS",
    "CallGraph",
    "Heard",
    "MenuFacts",
    "analyse",
    "build_call_graph",
    "heard",
    "is_person",
]

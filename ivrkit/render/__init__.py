"""Renderers of the call graph: Graphviz DOT, Mermaid and JSON.

Each takes a graph from `ivrkit.graph.build` and returns text without a
trailing newline. `render(G, "dot")` picks one by name, as
``ivrkit graph FILE --format dot`` does.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from .dot import to_dot
from .json import to_json
from .mermaid import to_mermaid

__all__ = ["FORMATS", "render", "to_dot", "to_json", "to_mermaid"]

FORMATS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "dot": to_dot,
    "mermaid": to_mermaid,
    "json": to_json,
}
"""Every output format, by the name the command line uses."""


def render(G: nx.MultiDiGraph, fmt: str) -> str:
    """Render `G` in the format named `fmt` (a key of `FORMATS`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `ivrkit.graph.build`.
    fmt : str
        ``"dot"``, ``"mermaid"`` or ``"json"``.

    Returns
    -------
    str
        The rendered graph.

    Raises
    ------
    KeyError
        If `fmt` is not a known format.
    """
    return FORMATS[fmt](G)

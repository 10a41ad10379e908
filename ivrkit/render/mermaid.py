"""Mermaid output: a ``flowchart TD`` that GitHub renders inside a ```` ```mermaid ```` block.

Mermaid identifiers may only hold ``[A-Za-z0-9_]``, so each node key gets a
sanitised id (``n_`` + the key with every other character replaced by
``_``, numbered ``_2``, ``_3`` ... on a clash, assigned in sorted key order so
that the same menu always gets the same ids). The ``n_`` prefix keeps ids
clear of Mermaid keywords such as ``end``. Labels are quoted, with quotes,
``#``, ``<``, ``>``, ``&``, ``|`` and backticks written as Mermaid entity
codes (``#quot;`` ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx

from .labels import edge_text, node_text

__all__ = ["to_mermaid", "mermaid_ids", "escape"]

_SHAPES = {
    "menu": ('("', '")'),
    "message": ('>"', '"]'),
    "input": ('[/"', '"/]'),
    "branch": ('{"', '"}'),
    "transfer": ('[["', '"]]'),
    "voicemail": ('[("', '")]'),
    "callback": ('{{"', '"}}'),
    "hangup": ('(("', '"))'),
}

_ARROWS = {
    "global-option": "-.->",
    "return": "-.->",
    "no-input": "-.->",
    "no-match": "-.->",
    "fallback": "-.->",
}

# "#" first: the other replacements introduce it.
_ENTITIES = (
    ("#", "#35;"),
    ('"', "#quot;"),
    ("<", "#lt;"),
    (">", "#gt;"),
    ("&", "#amp;"),
    ("|", "#124;"),
    ("`", "#96;"),
)

_CLASSES = (
    "classDef person fill:#d9f2d9,stroke:#3c763d",
    "classDef terminal fill:#e6e6e6,stroke:#555",
    "classDef entry stroke-width:3px",
)


def escape(text: str) -> str:
    """`text` made safe inside a quoted Mermaid label; line breaks become ``<br/>``."""
    for raw, code in _ENTITIES:
        text = text.replace(raw, code)
    return re.sub(r"\r\n|\r|\n", "<br/>", text)


def mermaid_ids(keys: Iterable[str]) -> dict[str, str]:
    """A stable mapping from node keys to unique Mermaid ids of ``[A-Za-z0-9_]``."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for key in sorted(keys):
        base = "n_" + re.sub(r"[^A-Za-z0-9_]", "_", key)
        candidate, number = base, 1
        while candidate in used:
            number += 1
            candidate = f"{base}_{number}"
        ids[key] = candidate
        used.add(candidate)
    return ids


def _node_line(node_id: str, data: dict) -> str:
    opening, closing = _SHAPES[data["type"]]
    return f"{node_id}{opening}{'<br/>'.join(map(escape, node_text(data)))}{closing}"


def _edge_line(source: str, target: str, data: dict) -> str:
    arrow = _ARROWS.get(data["kind"], "-->")
    text = edge_text(data)
    label = f'|"{escape(text)}"|' if text else ""
    return f"{source} {arrow}{label} {target}"


def _class_lines(G: nx.MultiDiGraph, ids: dict[str, str]) -> list[str]:
    members = {
        "person": [ids[key] for key, data in G.nodes(data=True) if data["person"]],
        "terminal": [ids[key] for key, data in G.nodes(data=True) if data["terminal"] and not data["person"]],
        "entry": [ids[G.graph["entry"]]],
    }
    return [f"class {','.join(names)} {name}" for name, names in members.items() if names]


def to_mermaid(G: nx.MultiDiGraph) -> str:
    """Render the call graph as a Mermaid flowchart.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `ivrkit.graph.build`.

    Returns
    -------
    str
        A ``flowchart TD`` without a trailing newline: node shapes by type,
        dotted arrows for global options, handlers, fallbacks and returns,
        and classes ``person``, ``terminal`` and ``entry`` for styling.
    """
    ids = mermaid_ids(G)
    lines = ["flowchart TD"]
    lines.extend(f"    {_node_line(ids[key], data)}" for key, data in G.nodes(data=True))
    lines.extend(f"    {_edge_line(ids[u], ids[v], data)}" for u, v, data in G.edges(data=True))
    lines.extend(f"    {line}" for line in _CLASSES + tuple(_class_lines(G, ids)))
    return "\n".join(lines)

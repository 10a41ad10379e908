"""Graphviz DOT output: ``ivrkit graph FILE --format dot | dot -Tsvg > menu.svg``.

Each node type has its own shape; destinations (terminal nodes) are filled,
people in green and everything else in grey; the entry has a bold outline.
Global options and return edges are dashed, no-input, no-match and fallback
edges dotted. With more than one file, each file's nodes sit in a labelled
cluster. Every identifier and label is a quoted, escaped DOT string.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from .labels import edge_text, node_text

__all__ = ["to_dot", "quote"]

_SHAPES = {
    "menu": "box",
    "message": "note",
    "input": "parallelogram",
    "branch": "diamond",
    "transfer": "box3d",
    "voicemail": "cylinder",
    "callback": "component",
    "hangup": "octagon",
}

_EDGE_STYLES = {
    "global-option": "dashed",
    "return": "dashed",
    "no-input": "dotted",
    "no-match": "dotted",
    "fallback": "dotted",
}

_PERSON_FILL = "#d9f2d9"
_TERMINAL_FILL = "#e6e6e6"


def quote(text: str) -> str:
    """`text` as a DOT quoted string, safe as an identifier or a label.

    Backslashes are doubled (so that a label never turns into a Graphviz
    escape such as ``\\N``), quotes escaped and line breaks become ``\\n``.
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _attributes(attrs: dict[str, str]) -> str:
    """`` [name="value", ...]``, or nothing without attributes."""
    if not attrs:
        return ""
    return " [" + ", ".join(f"{name}={quote(value)}" for name, value in attrs.items()) + "]"


def _node_line(key: str, data: dict, entry: str) -> str:
    styles = ["rounded"] if data["type"] == "menu" else []
    attrs = {"label": "\n".join(node_text(data)), "shape": _SHAPES[data["type"]]}
    if data["terminal"]:
        styles.append("filled")
        attrs["fillcolor"] = _PERSON_FILL if data["person"] else _TERMINAL_FILL
    if key == entry:
        styles.append("bold")
    if styles:
        attrs["style"] = ",".join(styles)
    return f"{quote(key)}{_attributes(attrs)};"


def _edge_line(source: str, target: str, data: dict) -> str:
    text = edge_text(data)
    attrs = {"label": text} if text else {}
    if data["kind"] in _EDGE_STYLES:
        attrs["style"] = _EDGE_STYLES[data["kind"]]
    return f"{quote(source)} -> {quote(target)}{_attributes(attrs)};"


def _node_lines(G: nx.MultiDiGraph) -> Iterator[str]:
    """Every node statement, inside one cluster per file when there are several."""
    entry = G.graph["entry"]
    by_file: dict[str, list[str]] = {}
    for key, data in G.nodes(data=True):
        by_file.setdefault(data["file"], []).append(_node_line(key, data, entry))
    if len(by_file) == 1:
        yield from by_file.popitem()[1]
        return
    for number, (file, lines) in enumerate(by_file.items()):
        yield f"subgraph {quote(f'cluster_{number}')} {{"
        yield f"  label={quote(file)};"
        yield from (f"  {line}" for line in lines)
        yield "}"


def to_dot(G: nx.MultiDiGraph) -> str:
    """Render the call graph as a Graphviz DOT digraph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `ivrkit.graph.build`.

    Returns
    -------
    str
        A ``digraph`` that ``dot -Tsvg`` lays out, without a trailing newline.
        Nodes and edges appear in the graph's order, so the output is stable
        for a given menu.
    """
    lines = [
        "digraph ivr {",
        '  graph [rankdir="TB", fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize="11"];',
        '  edge [fontname="Helvetica", fontsize="9"];',
    ]
    lines.extend(f"  {line}" for line in _node_lines(G))
    lines.extend(f"  {_edge_line(u, v, data)}" for u, v, data in G.edges(data=True))
    lines.append("}")
    return "\n".join(lines)

"""The words the diagram renderers put on nodes and edges, shared by DOT and Mermaid."""

from __future__ import annotations

__all__ = ["node_text", "edge_text"]

# Edge kinds whose name says nothing a diagram does not already show.
_UNNAMED_KINDS = frozenset({"option", "global-option", "extension", "next", "case"})


def node_text(data: dict) -> tuple[str, str]:
    """The two lines of a node's box: its display name and its type.

    A transfer to another automated system reads ``transfer (system)``.
    """
    kind = data["type"]
    if kind == "transfer" and not data["person"]:
        kind = "transfer (system)"
    return data["label"], kind


def edge_text(data: dict) -> str:
    """An edge's caption: ``"1: pay your bill (45%)"``, ``"*: repeat"``, ``"no-match"``, ``"open"``.

    The key comes first when there is one, then the option's label or, for an
    edge kind a diagram cannot tell apart by its line alone, the kind. A
    return written on an option reads ``"1: confirm (return)"``. A ``next``
    has no caption.
    """
    kind, key, label = data["kind"], data["key"], data["label"]
    words = label if label is not None else (None if kind in _UNNAMED_KINDS else kind)
    if kind == "return" and label is not None:
        words = f"{label} (return)"
    if key is None or key == words:
        text = words or ""
    else:
        text = f"{key}: {words}" if words else key
    if data["share"] is not None:
        text += f" ({data['share']:.0%})"
    return text

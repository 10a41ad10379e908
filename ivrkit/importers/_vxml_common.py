"""Small helpers the VoiceXML importer's modules share: element records, handler counts, computed text."""

from __future__ import annotations

import re

from ._build import whole_number
from ._xml import XNode

__all__ = ["_COMPUTED", "_IGNORED", "_count", "_describe", "_first_line", "_language_tag", "_spoken_value", "_wrap"]

_IGNORED = frozenset({"log", "break", "clear", "mark", "meta", "metadata", "desc", "reprompt"})


def _wrap(item: XNode) -> XNode:
    return XNode("wrapper", {}, item.line, item.col, [item])


def _describe(element: XNode, depth: int = 0) -> dict:
    """A compact record of an element for x-unmapped: line, attributes, text and child elements."""
    record: dict = {"element": element.tag, "line": element.line}
    record.update(element.attrib)
    text = element.own_text()
    if text:
        record["text"] = text
    children = [child for child in element.children if child.tag not in _IGNORED]
    if children and depth < 8:
        record["content"] = [_describe(child, depth + 1) for child in children]
    return record


_COMPUTED = "…"  # a computed part of a prompt: words nobody knows before the call, and no placeholder


def _spoken_value(expr: str) -> str:
    """What a `<value expr>` says, as far as it is known: quoted strings joined by `+` stay, and every
    computed part becomes `…` (`'Conference number '+enteredDigits` → `Conference number …`)."""
    parts, known = [], False
    for piece in re.findall(r"'[^']*'|\"[^\"]*\"|[^+'\"]+|\+", expr):
        if piece == "+" or not piece.strip():
            continue
        if piece[0] in "'\"":
            parts.append(piece[1:-1])
            known = True
        elif not parts or parts[-1] != _COMPUTED:
            parts.append(_COMPUTED)
    return " ".join(part.strip() for part in parts if part.strip()) if known else _COMPUTED


def _language_tag(raw: str | None) -> str | None:
    """`es-ES` → `es-ES` (primary subtag in lower case) when it is a language tag, else None."""
    if not raw:
        return None
    parts = raw.strip().replace("_", "-").split("-")
    tag = "-".join([parts[0].lower(), *parts[1:]])
    return tag if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag) else None


def _first_line(elements: list) -> int:
    return next((item.line for item in elements if isinstance(item, XNode)), 1)


def _count(text: str | None) -> int:
    """The `count` of a VoiceXML event handler (1 when absent or not a plain number)."""
    value = whole_number(text)
    return 1 if value is None else value

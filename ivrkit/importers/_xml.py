"""A small, safe XML reader for the importers: elements with their line and column.

Built on the standard library's expat parser rather than ElementTree, because
the importers need the 1-based line and column of every element (for the
`SourceMap` and for error messages), and rather than `defusedxml`, because
refusing every DOCTYPE outright is simpler and stricter: no IVR format we read
needs one, and without a DOCTYPE there are no entity declarations, so no
"billion laughs" expansion and no external entities. Namespaces are dropped
from tag names (`{http://www.w3.org/2001/vxml}menu` is just `menu`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from .base import ImportProblem

__all__ = ["XNode", "parse_xml", "MAX_DEPTH", "MAX_ELEMENTS"]

MAX_DEPTH = 100  # like the loader's YAML nesting limit; no IVR format nests anywhere near it
# Far more than any IVR definition has (the FreeSWITCH and VoiceXML files we know have hundreds);
# it bounds the memory of the element tree (about 300 bytes an element) whatever the file holds.
MAX_ELEMENTS = 200_000


@dataclass(slots=True)
class XNode:
    """One element: local tag name, attributes, content (text and child elements in order), position."""

    tag: str
    attrib: dict[str, str]
    line: int
    col: int
    content: list = field(default_factory=list)

    @property
    def children(self) -> list[XNode]:
        return [item for item in self.content if isinstance(item, XNode)]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)

    def find(self, tag: str) -> XNode | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def findall(self, tag: str) -> list[XNode]:
        return [child for child in self.children if child.tag == tag]

    def iter(self, tag: str | None = None) -> Iterator[XNode]:
        stack = [self]
        while stack:
            node = stack.pop()
            if tag is None or node.tag == tag:
                yield node
            stack.extend(reversed(node.children))

    def own_text(self) -> str:
        """The text directly inside this element (not inside its children), whitespace collapsed."""
        return " ".join("".join(item for item in self.content if isinstance(item, str)).split())

    def all_text(self) -> str:
        """All text inside this element and its children, whitespace collapsed."""
        parts: list[str] = []

        def walk(node: XNode) -> None:
            for item in node.content:
                if isinstance(item, str):
                    parts.append(item)
                else:
                    walk(item)

        walk(self)
        return " ".join("".join(parts).split())


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def parse_xml(text: str, *, what: str = "XML") -> XNode:
    """Parse `text` into an `XNode` tree, or raise ImportProblem with the position of the error."""
    parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
    stack: list[XNode] = []
    root: list[XNode] = []
    count = [0]
    encoded = text.encode("utf-8")

    def declaration_start() -> tuple[int, int]:
        """Where the `<!DOCTYPE` being reported starts (expat reports the position after its name)."""
        at = encoded.rfind(b"<!DOCTYPE", 0, max(parser.CurrentByteIndex, 0) + 1)
        if at < 0:
            return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        before = encoded[:at].decode("utf-8", "replace")
        return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1

    def refuse_doctype(name, sysid, pubid, has_internal_subset):
        raise ImportProblem(
            "the file has a DOCTYPE declaration, which is refused",
            *declaration_start(),
            f"{what} files need no DOCTYPE; remove it (entity declarations could expand without limit)",
        )

    def refuse_entity(*args):
        raise ImportProblem(
            "the file declares an entity, which is refused",
            parser.CurrentLineNumber,
            parser.CurrentColumnNumber + 1,
            "remove the <!ENTITY ...> declaration",
        )

    def start(name, attrs):
        node = XNode(
            _local(name),
            {_local(k): v for k, v in attrs.items()},
            parser.CurrentLineNumber,
            parser.CurrentColumnNumber + 1,
        )
        count[0] += 1
        if count[0] > MAX_ELEMENTS:
            raise ImportProblem(
                f"the file has more than {MAX_ELEMENTS:,} elements",
                node.line,
                node.col,
                f"no {what} menu is this large; import the file that defines the menus alone",
            )
        if len(stack) >= MAX_DEPTH:
            raise ImportProblem(
                f"elements are nested more than {MAX_DEPTH} deep",
                node.line,
                node.col,
                f"no {what} file nests elements this deep; was the file generated or damaged?",
            )
        if stack:
            stack[-1].content.append(node)
        elif root:
            raise ImportProblem("more than one root element", node.line, node.col)
        else:
            root.append(node)
        stack.append(node)

    def end(name):
        stack.pop()

    def data(chunk):
        if stack:
            content = stack[-1].content
            if content and isinstance(content[-1], str):
                content[-1] += chunk
            else:
                content.append(chunk)

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = lambda *args: 0
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.buffer_text = True
    try:
        parser.Parse(encoded, True)
    except expat.ExpatError as error:
        message = expat.ErrorString(error.code)
        raise ImportProblem(
            f"malformed {what}: {message}",
            error.lineno or 1,
            (error.offset or 0) + 1,
            f"fix the {what} syntax at this position; the file must be well-formed",
        ) from None
    if not root:
        raise ImportProblem(f"malformed {what}: no root element", 1, 1)
    return root[0]

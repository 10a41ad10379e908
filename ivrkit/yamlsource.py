"""Read a YAML file safely into a composed node tree, turning every failure into a Diagnostic.

This layer knows YAML, not menus: file size and encoding, syntax errors with
hints for the traps designers fall into, nesting that would crash libyaml's
recursive composer, and alias or merge-key expansion bombs. Composition uses
libyaml (`CSafeLoader`) when PyYAML was built with it, else the pure-Python
`SafeLoader`. Aliases are never expanded here: `yaml.compose` shares nodes.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .diagnostics import Diagnostic
from .model import Span

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_DEPTH",
    "MAX_EXTRA_NODES",
    "MAX_EXPANSION_FACTOR",
    "Source",
    "read_source",
    "compose",
    "check_expansion",
    "find_lost_keys",
    "node_span",
]

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 100
MAX_EXTRA_NODES = 100_000
MAX_EXPANSION_FACTOR = 10
# libyaml's composer recurses in C and overflows the stack at about 40 000
# levels; anything that could reach this depth is first measured on the
# (iterative) event stream instead.
_SAFE_COMPOSE_DEPTH = 8_000

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class Source:
    """The decoded text of one file and the name used for it in messages."""

    __slots__ = ("display", "text")

    def __init__(self, display: str, text: str):
        self.display = display
        self.text = text


def _point(display: str, line: int, col: int) -> Span:
    return Span(display, line, col, line, col + 1)


def node_span(display: str, node: yaml.Node) -> Span:
    """The 1-based span of a composed node."""
    start, end = node.start_mark, node.end_mark
    return Span(display, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def read_source(path: Path, display: str) -> tuple[Source | None, list[Diagnostic]]:
    """Read and decode a file: size limit, UTF-8 (BOM allowed), not empty."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None, [Diagnostic(_point(display, 1, 1), "file not found")]
    except OSError as error:
        return None, [Diagnostic(_point(display, 1, 1), f"cannot read the file: {error.strerror}")]
    if size > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                _point(display, 1, 1),
                f"the file is {size / 2**20:.1f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB",
                "split the IVR into several files that reference each other (`goto: other.yaml#node`)",
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Diagnostic(_point(display, 1, 1), f"cannot read the file: {error.strerror}")]
    return decode(data, display)


def decode(data: bytes, display: str) -> tuple[Source | None, list[Diagnostic]]:
    """Decode UTF-8 text, pointing at the first byte that is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Diagnostic(
                _point(display, 1, 1),
                "the file is UTF-16, not UTF-8",
                "save it as UTF-8 (in most editors: File > Save with Encoding > UTF-8)",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        col = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        return None, [
            Diagnostic(
                _point(display, line, col),
                f"the file is not UTF-8: byte 0x{data[error.start]:02x} cannot start a character here",
                "save the file as UTF-8; it was probably written as Latin-1 or Windows-1252",
            )
        ]
    if _CONTENT_LINE.search(text) is None:
        return None, [
            Diagnostic(
                _point(display, 1, 1),
                "the file is empty",
                "a menu file needs at least `ivrkit: 1`, `name`, `entry` and `nodes`",
            )
        ]
    return Source(display, text), []


def compose(source: Source) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Compose the single YAML document of `source`, or explain why it cannot be."""
    display, text = source.display, source.text
    if _could_nest_deeper_than(text, _SAFE_COMPOSE_DEPTH):
        too_deep = _first_too_deep(source)
        if too_deep is not None:
            return None, [too_deep]
    try:
        return yaml.compose(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_diagnostic(source, error)]
    except yaml.YAMLError as error:  # errors without a position (rare)
        return None, [Diagnostic(_point(display, 1, 1), f"YAML error: {error}")]
    except RecursionError:
        return None, [
            Diagnostic(_point(display, 1, 1), f"the YAML is nested more than {MAX_DEPTH} levels deep")
        ]


def _could_nest_deeper_than(text: str, limit: int) -> bool:
    """A cheap, conservative test: False only when nesting cannot reach `limit`.

    Block collections need a new column or an indicator on the line for each
    level, so without very long lines they stay shallow. Flow brackets are
    counted per line; a closing bracket only counts on lines without quotes or
    comments, where it cannot be part of a scalar.
    """
    if re.search(r"^[^\n]{%d}" % (limit // 4), text, re.MULTILINE):
        return True
    if text.count("[") + text.count("{") < limit:
        return False
    depth = 0
    for match in re.finditer(r"^[^\n]*[\[\]{}][^\n]*$", text, re.MULTILINE):
        line = match.group()
        opens = line.count("[") + line.count("{")
        if depth + opens >= limit:
            return True
        if '"' in line or "'" in line or "#" in line:
            depth += opens
        else:
            depth = max(0, depth + opens - line.count("]") - line.count("}"))
    return False


def _first_too_deep(source: Source) -> Diagnostic | None:
    """Walk the event stream (no recursion) and report where nesting passes MAX_DEPTH."""
    depth = 0
    try:
        for event in yaml.parse(source.text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Diagnostic(
                        _point(source.display, mark.line + 1, mark.column + 1),
                        f"the YAML is nested more than {MAX_DEPTH} levels deep",
                        "a menu file never needs this much nesting; is this the right file?",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        return _syntax_diagnostic(source, error)
    return None


def _syntax_diagnostic(source: Source, error: yaml.MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    if error.context and "alias" in error.context and error.context_mark is not None:
        mark = error.context_mark  # point at the `*`, not at the character after it
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or "invalid YAML"
    message = f"invalid YAML: {problem}"
    if error.context and error.context_mark and (error.context_mark.line, error.context_mark.column) != (mark.line, mark.column):
        context_line = error.context_mark.line + 1
        message += f" ({error.context} at line {context_line})"
    lines = source.text.splitlines()
    text_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if error.context and "alias" in error.context:
        message += f" ({error.context})"
    hint = _syntax_hint(f"{problem} {error.context or ''}", text_line, col)
    return Diagnostic(_point(source.display, line, col), message, hint)


def _syntax_hint(problem: str, text_line: str, col: int) -> str | None:
    at = text_line[col - 1 : col] if col >= 1 else ""
    before = text_line[: col - 1]
    if "alias" in problem or "anchor" in problem:
        if re.search(r"\*\s*:", text_line):
            return 'an unquoted `*` starts an alias; quote the star key: "*":'
        return "`*` and `&` start aliases and anchors in YAML; put text that starts with them in quotes"
    if re.search(r"(^|[\s,{])#\s*:", text_line) and ("{" in text_line or "[" in text_line):
        return 'an unquoted `#` starts a comment and swallows the rest of the line; quote the hash key: "#":'
    if "\t" in problem or "\\t" in problem or at == "\t":
        return "YAML does not allow tabs for indentation; indent with spaces"
    if "mapping values are not allowed" in problem:
        return "text that contains `: ` must be in quotes, e.g. say: \"Note: we are closed today.\""
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return "check the indentation of this line against the lines above it"
    if "expected ',' or ']'" in problem:
        return "a list in [brackets] is not closed: add the `]`"
    if "expected ',' or '}'" in problem:
        return "a mapping in {braces} is not closed: add the `}`, and quote text that contains `#` or `,`"
    if "expected a single document" in problem:
        return "one file holds one menu; remove the `---` separator or split the file"
    if "found character" in problem and at in ("@", "`"):
        return "text starting with @ or ` must be in quotes"
    if "could not find expected ':'" in problem and before.count('"') % 2 == 1:
        return "a quoted text is not closed on this line"
    return None


def check_expansion(display: str, root: yaml.Node) -> Diagnostic | None:
    """Refuse recursive aliases, too-deep nesting and alias or merge-key expansion bombs.

    Sizes are computed once per distinct node (aliases share nodes), so this
    runs in time linear in the file however large the expansion would be.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        ident = id(node)
        if children_done:
            on_path.discard(ident)
            sizes[ident] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if ident in sizes:
            continue
        if ident in on_path:
            return Diagnostic(
                node_span(display, node),
                "this anchored value contains an alias to itself (a recursive alias)",
                "remove the alias inside the anchored value",
            )
        if depth > MAX_DEPTH:
            return Diagnostic(node_span(display, node), f"the YAML is nested more than {MAX_DEPTH} levels deep")
        on_path.add(ident)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) in on_path:
                return Diagnostic(
                    node_span(display, child),
                    "this anchored value contains an alias to itself (a recursive alias)",
                    "remove the alias inside the anchored value",
                )
            if id(child) not in sizes:
                stack.append((child, depth + 1, False))
    distinct = len(sizes)
    expanded = sizes[id(root)]
    allowed = max(distinct + MAX_EXTRA_NODES, distinct * MAX_EXPANSION_FACTOR)
    if expanded <= allowed:
        return None
    culprit = _largest_shared(root, sizes)
    return Diagnostic(
        node_span(display, culprit),
        f"aliases would expand this file to {_count(expanded)} values (it holds {distinct}); "
        "refusing an alias or merge-key bomb",
        f"a menu may expand aliases to at most {MAX_EXTRA_NODES:,} extra values; "
        "write the repeated parts out, or reference a shared node with `goto`",
    )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _largest_shared(root: yaml.Node, sizes: dict[int, int]) -> yaml.Node:
    """The anchored node that contributes most to the expansion (where to point the designer)."""
    uses: dict[int, int] = {}
    nodes: dict[int, yaml.Node] = {}
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        for child in _children(node):
            uses[id(child)] = uses.get(id(child), 0) + 1
            nodes[id(child)] = child
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    shared = [ident for ident, count in uses.items() if count > 1]
    if not shared:
        return root
    best = max(shared, key=lambda ident: (sizes[ident] * uses[ident], -nodes[ident].start_mark.index))
    # Point at the outermost shared value of the same weight: the top of the bomb.
    return nodes[best]


def _count(n: int) -> str:
    return f"{n:,}" if n < 10**12 else f"about 10^{len(str(n)) - 1}"


_CONTENT_LINE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)
_LOST_HASH_KEY = re.compile(r"^(\s*)(#\s?:)(\s|$)", re.MULTILINE)
_LOST_TERMINATOR = re.compile(r"^\s*terminator\s*:\s+(#)", re.MULTILINE)


def find_lost_keys(source: Source) -> list[Diagnostic]:
    """Lines where an unquoted `#` turned a key (or a terminator) into a comment."""
    found = []
    text = source.text
    if "#" not in text:
        return found
    for match in _LOST_HASH_KEY.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = len(match.group(1)) + 1
        found.append(
            Diagnostic(
                _point(source.display, line, col),
                "this `#` key is lost: an unquoted `#` starts a comment, so YAML ignores the whole line",
                'quote the key: "#":',
            )
        )
    for match in _LOST_TERMINATOR.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1) + 1
        found.append(
            Diagnostic(
                _point(source.display, line, col),
                "this `#` terminator is lost: an unquoted `#` starts a comment, so the value is empty",
                'quote it: terminator: "#"',
            )
        )
    return found

"""Read a YAML file safely into a composed node tree, turning every failure into a Diagnostic.

This layer knows YAML, not menus: file size and encoding, syntax errors with
hints for the traps designers fall into, nesting that would crash libyaml's
recursive composer, and alias or merge-key expansion bombs. Composition uses
libyaml (`CSafeLoader`) when PyYAML was built with it, else the pure-Python
`SafeLoader`. Aliases are never expanded here: `yaml.compose` shares nodes.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

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
    "read_text",
    "read_bytes",
    "decode",
    "line_col",
    "compose",
    "check_expansion",
    "find_lost_keys",
    "node_span",
    "file_kind",
]

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 100
MAX_EXTRA_NODES = 100_000
MAX_EXPANSION_FACTOR = 10
# libyaml's composer recurses in C and overflows the stack at about 40 000
# levels; anything that could reach this depth is first measured on the
# (iterative) event stream instead.
_SAFE_COMPOSE_DEPTH = 8_000

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML built without libyaml has only SafeLoader
_WILDCARD_RESOLVERS: tuple = tuple(_BaseLoader.yaml_implicit_resolvers.get(None, ()))
_RESOLVERS_BY_FIRST: dict[str, tuple] = {
    first: tuple(resolvers) + _WILDCARD_RESOLVERS
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    if first is not None
}


class _ResolvingLoader(_BaseLoader):
    """The safe loader with a quicker tag resolution, giving the same tags.

    The composer asks `resolve` for the tag of every value (885,000 times for
    the 20,000-menu benchmark file, a fifth of composing it). PyYAML's version
    builds a list of candidate patterns on each call and checks for path
    resolvers, which the safe loader never has; here the candidates per first
    character are built once (tests/loader/test_yaml_tags.py compares the two).
    """

    # Path resolvers only, which the safe loader has none of: the composer calls both for every value
    # (182,000 calls on the 2,000-menu file). Builtins that accept the same arguments and do nothing of
    # consequence are called without running Python code (`slice(node, index)`, `tuple()`); a plain
    # attribute of the class, not a descriptor, so they get no `self`.
    descend_resolver = slice
    ascend_resolver = tuple

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is _SCALAR:
            if implicit[0]:
                # A plain scalar's tag depends on its text alone, and the short texts (keys, node ids, `menu`,
                # numbers) come back again and again: their tags are remembered (`_PLAIN_TAGS`).
                tag = _PLAIN_TAGS.get(value)
                if tag is not None:
                    return tag
                tag = _STR_TAG
                for candidate, pattern in _RESOLVERS_BY_FIRST.get(value[:1], _WILDCARD_RESOLVERS):
                    if pattern.match(value):
                        tag = candidate
                        break
                if len(value) <= _REMEMBERED_LENGTH and len(_PLAIN_TAGS) < _REMEMBERED_TEXTS:
                    _PLAIN_TAGS[value] = tag
                return tag
            return _STR_TAG
        return _SEQUENCE_TAG if kind is _SEQUENCE else _MAPPING_TAG


_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode
_STR_TAG, _SEQUENCE_TAG, _MAPPING_TAG = (
    _BaseLoader.DEFAULT_SCALAR_TAG,
    _BaseLoader.DEFAULT_SEQUENCE_TAG,
    _BaseLoader.DEFAULT_MAPPING_TAG,
)


_PLAIN_TAGS: dict[str, str] = {}
"""The tag of each short plain scalar met so far (`_ResolvingLoader.resolve`); bounded, shared by every compose."""
_REMEMBERED_LENGTH = 24
_REMEMBERED_TEXTS = 20_000

_Loader: type = _ResolvingLoader


class Source:
    """The decoded text of one file and the name used for it in messages.

    `checked`: `decode` has already looked for characters YAML refuses (`compose` need not look again).
    """

    __slots__ = ("display", "text", "checked")

    def __init__(self, display: str, text: str, *, checked: bool = False):
        self.display = display
        self.text = text
        self.checked = checked


def _point(display: str, line: int, col: int) -> Span:
    return Span(display, line, col, line, col + 1)


def node_span(display: str, node: yaml.Node) -> Span:
    """The 1-based span of a composed node."""
    start, end = node.start_mark, node.end_mark
    return Span(display, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def read_source(path: Path, display: str) -> tuple[Source | None, list[Diagnostic]]:
    """Read and decode a menu file: a regular file, size limit, UTF-8 (BOM allowed), not empty."""
    data, problems = read_bytes(path, display)
    if data is None:
        return None, problems
    return decode(data, display)


def read_text(path: Path, display: str) -> tuple[Source | None, list[Diagnostic]]:
    """Like `read_source`, for files that may be empty (configuration)."""
    data, problems = read_bytes(path, display, what="configuration file")
    if data is None:
        return None, problems
    return decode(data, display, allow_empty=True)


def read_bytes(path: Path, display: str, what: str = "file") -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a regular file within MAX_FILE_BYTES; never blocks on a FIFO or reads a device."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what was opened.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None, [Diagnostic(_point(display, 1, 1), f"{what} not found")]
    except OSError as error:
        return None, [Diagnostic(_point(display, 1, 1), f"cannot read the {what}: {_reason(error)}")]
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            return None, [
                Diagnostic(
                    _point(display, 1, 1),
                    f"not a regular file: this is {file_kind(status.st_mode)}",
                    "name a YAML file",
                )
            ]
        if status.st_size > MAX_FILE_BYTES:
            return None, [_too_big(display, status.st_size, what)]
        chunks, size = [], 0
        while True:
            chunk = os.read(handle, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_FILE_BYTES:  # it grew while being read
                return None, [_too_big(display, size, what)]
            chunks.append(chunk)
        return b"".join(chunks), []
    except OSError as error:
        return None, [Diagnostic(_point(display, 1, 1), f"cannot read the {what}: {_reason(error)}")]
    finally:
        os.close(handle)


def _too_big(display: str, size: int, what: str) -> Diagnostic:
    return Diagnostic(
        _point(display, 1, 1),
        f"the {what} is too large to read: {size / 2**20:.1f} MiB, over ivrkit's limit of {MAX_FILE_BYTES // 2**20} MiB",
        "split the IVR into several files that reference each other (`goto: other.yaml#node`)"
        if what == "file"
        else "a configuration file is a few lines; is this the right file?",
    )


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def file_kind(mode: int) -> str:
    """What a `stat` mode that is not a regular file names: "a directory", "a named pipe (FIFO)", ..."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


# (prefix, encoding) by the YAML spec's detection table; UTF-32 before UTF-16, whose BOM it starts with.
_WIDE_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
)


def _wide_encoding(data: bytes) -> str | None:
    for prefix, name in _WIDE_ENCODINGS:
        if data.startswith(prefix):
            return name
    head = data[:4]
    if len(head) == 4 and head[0] != 0:
        if head[1:4] == b"\x00\x00\x00":
            return "UTF-32 (little-endian)"
        if head[1] == 0 and head[3] == 0:
            return "UTF-16 (little-endian)"
    if len(head) == 4 and head[0] == 0:
        if head[:3] == b"\x00\x00\x00" and head[3] != 0:
            return "UTF-32 (big-endian)"
        if head[2] == 0 and head[1] != 0 and head[3] != 0:
            return "UTF-16 (big-endian)"
    return None


def decode(
    data: bytes, display: str, *, allow_empty: bool = False, characters: bool = True
) -> tuple[Source | None, list[Diagnostic]]:
    """Decode UTF-8 text, pointing at the first byte that is not UTF-8 or (`characters`) character YAML refuses."""
    wide = _wide_encoding(data)
    if wide is not None:
        return None, [
            Diagnostic(
                _point(display, 1, 1),
                f"the file is {wide}, not UTF-8",
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
    bad = _refused_character(data, text) if characters else None
    if bad is not None:
        return None, [_bad_character(display, text, bad.start())]
    if not allow_empty and _CONTENT_LINE.search(text) is None:
        return None, [
            Diagnostic(
                _point(display, 1, 1),
                "the file is empty",
                "a menu file needs at least `ivrkit: 1`, `name`, `entry` and `nodes`",
            )
        ]
    return Source(display, text, checked=characters), []


# What YAML 1.1 (and libyaml) accept in a stream: tab, line breaks and the printable characters.
_NOT_YAML_CHARACTER = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_YAML_ASCII = bytes([9, 10, 13, *range(0x20, 0x7F)])  # the ASCII part of what _NOT_YAML_CHARACTER accepts


def _refused_character(data: bytes, text: str) -> re.Match | None:
    """`_NOT_YAML_CHARACTER.search(text)` (`text` is `data` decoded), quicker for an ASCII file.

    Deleting the accepted bytes from ASCII bytes (`bytes.translate`) leaves nothing unless some character
    is refused, and takes a tenth of the pattern's search (4.5 against 44 ms on the 12.6 MB benchmark file):
    the pattern then only says where. Other files are searched by the pattern alone.
    """
    if data.isascii() and not data.translate(None, _YAML_ASCII):
        return None
    return _NOT_YAML_CHARACTER.search(text)


_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_CHARACTER_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x08: "backspace", 0x0C: "form feed", 0x0B: "vertical tab"}


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`, counting line breaks as YAML does."""
    line, start = 1, 0
    for found in _YAML_BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def _bad_character(display: str, text: str, index: int) -> Diagnostic:
    code = ord(text[index])
    name = _CHARACTER_NAMES.get(code)
    shown = f"U+{code:04X}" + (f" ({name})" if name else "")
    line, col = line_col(text, index)
    if code == 0:
        hint = "a NUL usually means the file is binary, or UTF-16/UTF-32 text; save it as UTF-8 text"
    else:
        hint = (
            f'remove it; inside double quotes it can be written as an escape, e.g. "\\x{code:02x}"'
            if code < 0x100
            else "remove it"
        )
    return Diagnostic(
        _point(display, line, col), f"the file contains the control character {shown}, which YAML does not allow", hint
    )


def compose(source: Source) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Compose the single YAML document of `source` within ivrkit's limits, or explain why it cannot be.

    The limits are ivrkit's own, whatever parser is installed: nesting past
    MAX_DEPTH is reported at the first value too deep, before libyaml's own
    nesting limit (where it has one) or Python's recursion limit (the
    pure-Python composer) can fire; recursive aliases and expansion bombs are
    refused before anything expands them.
    """
    display, text = source.display, source.text
    bad = None if source.checked else _NOT_YAML_CHARACTER.search(text)  # Sources built by hand skip decode()
    if bad is not None:
        return None, [_bad_character(display, text, bad.start())]
    # The quick bound first: a text that cannot nest past MAX_DEPTH cannot reach _SAFE_COMPOSE_DEPTH either,
    # and needs no walk of its tree afterwards (on the 20,000-menu file the slower test took 75 ms).
    shallow = cannot_nest_past(text, MAX_DEPTH)
    if not shallow and _could_nest_deeper_than(text, _SAFE_COMPOSE_DEPTH):
        problem = _scan_events(source)
        if problem is not None:
            return None, [problem]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        # Read the event stream again, without recursion: nesting past the limit before the
        # failure is what to report (libyaml stops deep nesting with a message of its own).
        problem = _scan_events(source)
        return None, [problem or Diagnostic(_point(display, 1, 1), "invalid YAML")]
    if root is None:
        return None, [Diagnostic(_point(display, 1, 1), "the file holds no YAML value", "is this the right file?")]
    if "&" in text:
        problem = check_expansion(display, root)
    else:
        problem = None if shallow else _check_depth(display, root)
    if problem is not None:
        return None, [problem]
    return root, []


def _too_deep(display: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        _point(display, line, col),
        f"the YAML is nested more than {MAX_DEPTH} levels deep",
        f"ivrkit reads at most {MAX_DEPTH} levels of lists and mappings; is this the right file?",
    )


_OTHER_LINE_BREAKS = "\r\x85\u2028\u2029"  # YAML 1.1 breaks lines at these too, not only at "\n"


def cannot_nest_past(text: str, limit: int) -> bool:
    """True when no collection in `text` can be nested more than `limit` levels deep (a cheap, sound bound).

    A block collection starts on a line after nothing but indentation and
    indicators (spaces, tabs, `-`, `?`, `:`), and one inside another starts on a
    further column, except a block sequence under a mapping key, which may share
    the key's column: so each column of that prefix holds at most two levels.
    Each `[` or `{` adds at most one level. Without a line whose prefix is that
    long, the tree need not be walked (`_check_depth`).
    """
    columns = (limit - 2 - text.count("[") - text.count("{")) // 2
    if columns < 0:
        return False
    prefix = f"[ \t?:-]{{{columns + 1}}}"
    if re.match(f"\ufeff?{prefix}", text):
        return False
    # A literal "\n" lets the regex engine skip ahead; the rarer line breaks are looked for only where they occur.
    breaks = "\n" + "".join(char for char in _OTHER_LINE_BREAKS if char in text)
    return re.search(("\n" if breaks == "\n" else f"[{breaks}]") + prefix, text) is None


def _check_depth(display: str, root: yaml.Node) -> Diagnostic | None:
    """The first collection nested past MAX_DEPTH in a tree without aliases (collections only: fast)."""
    mapping, sequence = yaml.MappingNode, yaml.SequenceNode
    stack = [(root, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        if depth > MAX_DEPTH:
            return _too_deep(display, node.start_mark.line + 1, node.start_mark.column + 1)
        if node.__class__ is mapping:
            for key, value in node.value:
                if key.__class__ is not yaml.ScalarNode:
                    push((key, depth + 1))
                if value.__class__ is not yaml.ScalarNode:
                    push((value, depth + 1))
        elif node.__class__ is sequence:
            for item in node.value:
                if item.__class__ is not yaml.ScalarNode:
                    push((item, depth + 1))
    return None


def _could_nest_deeper_than(text: str, limit: int) -> bool:
    """A cheap, conservative test: False only when nesting cannot reach `limit`.

    Block collections need a new column or an indicator on the line for each
    level, so without very long lines they stay shallow. Flow brackets are
    counted per line; a closing bracket only counts on lines without quotes or
    comments, where it cannot be part of a scalar.
    """
    if re.search(rf"^[^\n]{{{limit // 4}}}", text, re.MULTILINE):
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


def _scan_events(source: Source) -> Diagnostic | None:
    """Walk the event stream (no recursion): where nesting passes MAX_DEPTH, else the syntax error, else None."""
    depth, last = 0, 0
    try:
        for event in yaml.parse(source.text, Loader=_Loader):
            kind = event.__class__
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                    return _too_deep(source.display, line, col)
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                depth -= 1
            end_mark = event.end_mark
            if end_mark is not None:
                last = end_mark.index
    except yaml.MarkedYAMLError as error:
        # libyaml reads ahead (up to a line) before it hands out events, so the text between the
        # last event and the failure may hold the levels that made it fail: count them.
        mark = error.problem_mark or error.context_mark
        end = mark.index + 1 if mark is not None else len(source.text)
        index = _deepest_in_window(source.text, last, end, depth)
        if index is not None:
            return _too_deep(source.display, *line_col(source.text, index))
        return _syntax_diagnostic(source, error)
    except yaml.YAMLError as error:  # a reader error: a character decode() lets through
        position = getattr(error, "position", 0) or 0
        return Diagnostic(
            _point(source.display, *line_col(source.text, min(position, len(source.text)))),
            "invalid YAML: the text cannot be read",
        )
    return None


_WINDOW_TOKEN = re.compile(
    r"""[\[{]|[\]}]|"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|(?<![^\s])#[^\n]*|(?:^|(?<=[\s\[{,]))[-?](?=\s)""", re.MULTILINE
)


def _deepest_in_window(text: str, start: int, end: int, depth: int) -> int | None:
    """Where, between `start` and `end`, collections opened after `depth` levels pass MAX_DEPTH, if they do.

    Quoted scalars and comments are skipped; a bracket or a `-`/`?` indicator
    opens a level (an over-count on a broken line is harmless: the file is
    refused either way, and only the message differs).
    """
    for match in _WINDOW_TOKEN.finditer(text, start, end):
        first = match.group()[0]
        if first in "[{-?":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif first in "]}":
            depth -= 1
    return None


def _syntax_diagnostic(source: Source, error: yaml.MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    if error.context and "alias" in error.context and error.context_mark is not None:
        mark = error.context_mark  # point at the `*`, not at the character after it
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or "invalid YAML"
    message = f"invalid YAML: {problem}"
    if (
        error.context
        and error.context_mark
        and mark is not None
        and (error.context_mark.line, error.context_mark.column) != (mark.line, mark.column)
    ):
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
        return 'text that contains `: ` must be in quotes, e.g. say: "Note: we are closed today."'
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

    Sizes and heights are computed once per distinct node (aliases share
    nodes), so this runs in time linear in the file however large or deep the
    expansion would be.
    """
    sizes: dict[int, int] = {}
    heights: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        ident = id(node)
        if children_done:
            on_path.discard(ident)
            children = _children(node)
            sizes[ident] = 1 + sum(sizes[id(child)] for child in children)
            heights[ident] = 1 + max((heights[id(child)] for child in children), default=0)
            continue
        if ident in sizes:
            continue
        if ident in on_path:
            return _recursive_alias(display, node)
        on_path.add(ident)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return _recursive_alias(display, child)
            if id(child) not in sizes:
                stack.append((child, False))
    if heights[id(root)] > MAX_DEPTH:
        node = root
        for _ in range(MAX_DEPTH):  # follow the deepest branch to the first value past the limit
            node = max(_children(node), key=lambda child: heights[id(child)])
        return _too_deep(display, node.start_mark.line + 1, node.start_mark.column + 1)
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


def _recursive_alias(display: str, node: yaml.Node) -> Diagnostic:
    return Diagnostic(
        node_span(display, node),
        "this anchored value contains an alias to itself (a recursive alias)",
        "remove the alias inside the anchored value",
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


# A line that is not blank or a comment; YAML (1.1, as PyYAML reads it) breaks lines at \r, \x85, \u2028 and
# \u2029 as well as at \n.
_CONTENT_LINE = re.compile("(?:^|[\r\x85\u2028\u2029])[ \t]*[^\\s#]", re.MULTILINE)
_LOST_HASH_KEY = re.compile(r"^(\s*)(#\s?:)(\s|$)", re.MULTILINE)
_LOST_TERMINATOR = re.compile(r"^\s*terminator\s*:\s+(#)", re.MULTILINE)


def find_lost_keys(source: Source) -> list[Diagnostic]:
    """Lines where an unquoted `#` turned a key (or a terminator) into a comment."""
    found: list[Diagnostic] = []
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

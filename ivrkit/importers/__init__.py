"""Import IVRs from other platforms into the ivrkit format, and load them like menu files.

Each importer module exposes `IMPORTER` (see `base.Importer`). The registry
`IMPORTERS` lists them in a fixed order: FreeSWITCH, Amazon Connect, Twilio
Studio, VoiceXML, Asterisk. `detect()` picks the one format a file is in,
`convert()` reads a file and converts it, `to_yaml()` writes the result as a
menu file, and `load_any()` loads a menu file or an importable file alike,
with every position pointing into the file that was named.

Positions: an imported menu is loaded from its YAML text under the *source*
file's name, then every `Span` in the model is rewritten from its YAML line
to the source position of the innermost node or option whose YAML block
holds it (`SourceMap`: node ids, and `"<node> options <key>"` for options,
see `option_position_key`); spans outside the nodes (the name, entry and
settings) point at line 1. So `ivrkit lint ivr.xml` reports `ivr.xml:23:5`
at the `<entry>` or `<menu>` element a finding is about, never a line of a
YAML text nobody sees. The model is otherwise exactly what `loads` built.
"""

from __future__ import annotations

import importlib
import inspect
import os
import stat
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import yaml

from .base import Imported, Importer, ImportProblem, SourceMap

__all__ = [
    "IMPORTERS",
    "FORMATS",
    "Importer",
    "Imported",
    "ImportProblem",
    "SourceMap",
    "get_importer",
    "detect",
    "read_text",
    "convert",
    "convert_text",
    "to_yaml",
    "load_any",
    "YAML_SUFFIXES",
]

FORMATS = ("freeswitch", "connect", "studio", "vxml", "asterisk", "freepbx")
YAML_SUFFIXES = (".yaml", ".yml")


def _load_importers() -> tuple[Importer, ...]:
    found = []
    for name in FORMATS:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ImportError as error:
            # connect and studio are written separately; until they exist the others still work.
            if error.name != f"{__name__}.{name}":
                raise
            continue
        importer = getattr(module, "IMPORTER", None)
        if importer is not None:
            found.append(importer)
    return tuple(found)


IMPORTERS: tuple[Importer, ...] = _load_importers()


def get_importer(fmt: str) -> Importer:
    for importer in IMPORTERS:
        if importer.name == fmt:
            return importer
    available = ", ".join(importer.name for importer in IMPORTERS)
    raise ImportProblem(f"no importer for `{fmt}`", hint=f"the formats are: {available}")


def detect(text: str, path: Path) -> Importer:
    """The one importer whose format `text` is in; ImportProblem when none or several match."""
    matches = []
    for importer in IMPORTERS:
        try:
            if importer.detect(text, path):
                matches.append(importer)
        except Exception:  # noqa: BLE001 - a detector that trips over odd input just does not match
            continue
    names = " ".join(f"--from {importer.name}" for importer in IMPORTERS)
    if not matches:
        raise ImportProblem(
            "this file is in no format ivrkit imports (cannot tell which platform it is from)",
            hint=f"name the format if it is one of these: {names}; for any other platform, transcribe the menus "
            "by hand: see 'Transcribing by hand' in docs/importing.md",
        )
    if len(matches) > 1:
        raise ImportProblem(
            f"the file looks like several formats ({', '.join(m.name for m in matches)})",
            hint="name the format: " + " or ".join(f"--from {m.name}" for m in matches),
        )
    return matches[0]


def read_text(path: str | os.PathLike) -> str:
    """A source file's text: the loader's size limit, UTF-8 (a byte-order mark is allowed).

    Opened without blocking and checked with fstat, so a FIFO or a device is refused, never
    waited on or read without end.
    """
    from ..yamlsource import MAX_FILE_BYTES, file_kind

    name = os.fspath(path)
    if "\x00" in name:
        raise ImportProblem(
            "the file name contains a NUL character, which no file name can",
            hint="check how the name was written or generated",
        )
    try:
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ImportProblem("file not found") from None
    except IsADirectoryError:
        raise ImportProblem("this is a folder, not a file") from None
    except OSError as error:
        raise ImportProblem(f"cannot read the file: {_reason(error)}") from None
    try:
        status = os.fstat(handle)
        if stat.S_ISDIR(status.st_mode):
            raise ImportProblem("this is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise ImportProblem(f"this is {file_kind(status.st_mode)}, not a file", hint="name the file to import")
        chunks, size = [], 0
        while True:
            if size > MAX_FILE_BYTES or status.st_size > MAX_FILE_BYTES:
                size = max(size, status.st_size)
                raise ImportProblem(
                    f"the file is {size / 2**20:.1f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB",
                    hint="import the file that defines the menus alone",
                )
            chunk = os.read(handle, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            chunks.append(chunk)
    except OSError as error:
        raise ImportProblem(f"cannot read the file: {_reason(error)}") from None
    finally:
        os.close(handle)
    return decode(b"".join(chunks))


def _reason(error: OSError) -> str:
    return error.strerror.lower() if error.strerror else str(error)


def decode(data: bytes) -> str:
    """UTF-8 text (BOM dropped), or ImportProblem at the line and column of the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ImportProblem(
            f"the file is not UTF-8 (byte 0x{data[error.start]:02x})",
            line,
            col,
            "save the file as UTF-8",
        ) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        raise ImportProblem(
            "the file contains a NUL character; is it a binary file?",
            line,
            index - (text.rfind("\n", 0, index) + 1) + 1,
        )
    return text


def convert_text(text: str, path: str | os.PathLike, fmt: str | None = None, **options) -> Imported:
    """Convert already-read text; `options` go to importers that take them (`phrases`, `context`)."""
    from .wrappers import unwrap

    file = Path(path)
    wrapped = unwrap(text, file, lambda inner: _recognises(inner, file, fmt))
    if wrapped is not None:
        text = wrapped.text
    importer = get_importer(fmt) if fmt else detect(text, file)
    given = {name: value for name, value in options.items() if value is not None}
    accepted = inspect.signature(importer.convert).parameters
    for name in given:
        if name not in accepted:
            raise ImportProblem(
                f"--{name} does not apply to {importer.description} files",
                hint=f"drop --{name}, or name the format with --from",
            )
    imported = importer.convert(text, file, **given)
    if wrapped is not None:
        imported.remarks.insert(0, f"line {wrapped.line}: read the {importer.description} inside {wrapped.what}")
    return imported


def _recognises(text: str, path: Path, fmt: str | None) -> bool:
    """Whether the named importer (or any, without a name) knows `text`: how a wrapper's blocks are told apart."""
    return any(importer.detect(text, path) for importer in IMPORTERS if fmt is None or importer.name == fmt)


def convert(path: str | os.PathLike, fmt: str | None = None, **options) -> Imported:
    """Read and convert one source file (ImportProblem for anything wrong with it)."""
    return convert_text(read_text(path), path, fmt, **options)


# -- YAML output -------------------------------------------------------------------


def to_yaml(imported: Imported) -> str:
    """The menu as a readable v1 menu file: a header comment, then the data (keys quoted where needed)."""
    menu = imported.menu
    origin = menu.get("x-imported-from") or {}
    lines = [
        f"# Imported by `ivrkit import` from {_comment(origin.get('file', 'a file'))} "
        f"({_comment(origin.get('format', 'unknown format'))}).",
        "# Source data with no place in the format is kept under `x-unmapped`; "
        "prompts with only `audio` have unknown text.",
    ]
    for remark in imported.remarks:
        lines.append("# remark: " + _comment(remark))
    body = yaml.dump(menu, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return "\n".join(lines) + "\n" + body


def _comment(text) -> str:
    """Text safe inside a YAML comment: one line, control characters escaped."""
    return "".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in " ".join(str(text).split()))


if TYPE_CHECKING:
    _DumperBase = yaml.SafeDumper
else:
    _DumperBase = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_DumperBase):
    """Safe dumping without anchors; strings YAML 1.1 could misread ("*", "#", "0", "no") come out quoted.

    libyaml's emitter where PyYAML has it: the pure-Python one takes most of the time of a large import.
    """

    def ignore_aliases(self, data):
        return True


def _represent_str(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _represent_dict(dumper, value: dict):
    # Small mappings of plain values (an option, `digits`, a handler) read best on one line, as in docs/format.md.
    flat = (
        "type" not in value
        and len(value) <= 4
        and all(isinstance(item, (str, int, float, bool)) and "\n" not in str(item) for item in value.values())
    )
    short = flat and sum(len(str(k)) + len(str(v)) + 4 for k, v in value.items()) <= 72
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True if short else False)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dict, _represent_dict)


# -- loading -----------------------------------------------------------------------


def load_any(
    path: str | os.PathLike, *, root: str | os.PathLike | None = None, fmt: str | None = None, cache=None, **options
):
    """Load a menu file, or import a file of another platform and load the result.

    The door for every caller that takes either kind of file (the loader sits
    below the importers and should not open other platforms' files itself).
    YAML files (and no `fmt`) go to `ivrkit.loader.load` unchanged, with the
    `LoadCache` `cache` of a batch. Anything
    else is converted; an `ImportProblem` becomes a `LoadError` at its source
    position, so callers handle both alike. The model's spans name the source
    file, at the line of the source element each node came from.
    """
    from ..diagnostics import Diagnostic, LoadError, display_path
    from ..loader import load, loads
    from ..model import Span

    file = Path(path)
    if fmt is None and file.suffix.lower() in YAML_SUFFIXES:
        return load(file, root=root, cache=cache)
    display = display_path(file.resolve()) if file.exists() else str(file)
    try:
        imported = convert(file, fmt, **options)
    except ImportProblem as problem:
        span = Span(getattr(problem, "path", None) or display, problem.line, problem.col, problem.line, problem.col + 1)
        raise LoadError([Diagnostic(span, problem.message, problem.hint)]) from None
    text = to_yaml(imported)
    mapper = _SpanMapper(text, imported.source_map, display)
    try:
        menuset = loads(text, display, root=root)
    except LoadError as error:
        # An importer bug: the YAML it wrote does not load. Point at the source all the same.
        raise LoadError(
            [replace(d, span=mapper(d.span), message=f"imported menu: {d.message}") for d in error.diagnostics]
        ) from None
    return mapper.rewrite(menuset)


def option_position_key(node_id: str, key: str) -> str:
    """The `SourceMap` key of one option of a menu node (ids cannot contain spaces, so these never clash)."""
    return f"{node_id} options {key}"


class _SpanMapper:
    """Maps a span in the imported YAML text to the source position of the innermost node or option around it."""

    def __init__(self, text: str, source_map: SourceMap, display: str):
        self.display = display
        self._ranges: list[tuple[int, int, tuple[int, int]]] = []  # (first line, last line, source position)
        self._lines = text.splitlines()
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        positions = source_map.positions
        for key_node, value_node in root.value if isinstance(root, yaml.MappingNode) else ():
            if key_node.value != "nodes" or not isinstance(value_node, yaml.MappingNode):
                continue
            for node_key, node_value in value_node.value:
                position = positions.get(node_key.value, (1, 1))
                self._add(node_key, node_value, position)
                for field_key, field_value in node_value.value if isinstance(node_value, yaml.MappingNode) else ():
                    if field_key.value == "options" and isinstance(field_value, yaml.MappingNode):
                        for option_key, option_value in field_value.value:
                            own = positions.get(option_position_key(node_key.value, option_key.value))
                            if own is not None:
                                self._add(option_key, option_value, own)
        self._memo: dict[int, object] = {}
        self._by_line: list[tuple[int, int] | None] | None = None
        self._alive: list = []

    def _add(self, key_node, value_node, position: tuple[int, int]) -> None:
        end = value_node.end_mark
        # A block collection ends where the next token starts (exclusive); a scalar ends after itself.
        before = self._lines[end.line][: end.column] if end.line < len(self._lines) else ""
        last = end.line if before.strip() == "" else end.line + 1
        self._ranges.append((key_node.start_mark.line + 1, max(last, key_node.start_mark.line + 1), position))

    def position(self, yaml_line: int) -> tuple[int, int]:
        """The source position of the smallest range holding `yaml_line` (the first added among equals)."""
        if self._by_line is None:
            # Ranges nest (options inside nodes), so painting the largest first and the smaller over them
            # leaves each line with its innermost range: one pass over the text instead of one per span.
            self._by_line = [None] * (len(self._lines) + 2)
            order = sorted(
                range(len(self._ranges)), key=lambda i: (self._ranges[i][1] - self._ranges[i][0], i), reverse=True
            )
            for index in order:
                first, last, position = self._ranges[index]
                for line in range(max(first, 0), min(last, len(self._by_line) - 1) + 1):
                    self._by_line[line] = position
        found = self._by_line[yaml_line] if 0 <= yaml_line < len(self._by_line) else None
        return found if found is not None else (1, 1)

    def __call__(self, span):
        line, col = self.position(span.line)
        return span._replace(path=self.display, line=line, col=col, end_line=line, end_col=col + 1)

    def rewrite(self, value):
        """A copy of `value` (model objects, tuples, mappings) with every Span mapped; shared objects stay shared."""
        from ..model import Span

        key = id(value)
        if key in self._memo:
            return self._memo[key]
        if isinstance(value, Span):
            result = self(value)
        elif is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for item in fields(value):
                old = getattr(value, item.name)
                new = self.rewrite(old)
                if new is not old:
                    changes[item.name] = new
            result = replace(value, **changes) if changes else value
        elif isinstance(value, tuple) and not hasattr(value, "_fields"):
            items = tuple(self.rewrite(item) for item in value)
            result = value if all(a is b for a, b in zip(items, value)) else items
        elif isinstance(value, (MappingProxyType, dict)):
            mapped = {name: self.rewrite(item) for name, item in value.items()}
            changed = any(mapped[name] is not value[name] for name in value)
            result = (MappingProxyType(mapped) if isinstance(value, MappingProxyType) else mapped) if changed else value
        else:
            result = value
        self._memo[key] = result
        self._alive.append(value)  # keeps every memoised id valid
        return result

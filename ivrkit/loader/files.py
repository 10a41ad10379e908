"""Loading a menu set: the root file, the files its targets name, and the guards on every path.

The `Loader` reads each file's header first (`yamlsource`: size, encoding,
nesting and alias limits; then its top-level fields and node ids), queues the
files that targets name, and parses each one once. A `LoadCache` carries the
headers and parse results from one load to the next in a batch.
"""

from __future__ import annotations

import os
import re
from collections import deque
from pathlib import Path
from types import MappingProxyType

import yaml

from .. import yamlsource
from ..diagnostics import Diagnostic, LoadError, did_you_mean, display_path, one_line, shown
from ..model import RETURN, MenuFile, MenuSet, Span
from ..yamlfields import TAG_STR, FieldReader
from .fields import ID
from .header import FileHeader, file_type
from .parser import FileParser

__all__ = ["Loader", "LoadCache", "find_project_root", "ROOT_MARKERS", "MAX_FILES"]

ROOT_MARKERS = (".ivrkit.yaml", "pyproject.toml", ".git")
MAX_FILES = 1000


def find_project_root(path: Path) -> Path:
    """The nearest folder at or above `path`'s folder holding a root marker, else that folder."""
    start = path.resolve().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return start


class LoadCache:
    """Files read, composed and checked once for many `load` calls over the same project.

    Checking every file of a folder loads each one with everything it
    references; without a cache, a chain of N building blocks is read and
    parsed N(N+1)/2 times. With one `LoadCache` passed to each `load`, every
    file is read once and parsed at most twice (as a root and as a referenced
    file, whose node keys differ), so the loads cost time linear in the files.
    For one batch only: files must not change while the cache is in use.
    """

    def __init__(self):
        self.opened: dict[tuple, FileHeader] = {}  # a header keeps its parse result (`FileHeader.parsed`)


class Loader:
    """Loads one menu set: the root file and every file its targets name, each once, in a queue."""

    def __init__(self, root_file: Path, root: str | os.PathLike | None, cache: LoadCache | None = None):
        self.cache = cache
        self.references: list[FileHeader] | None = None  # the files the file being parsed references
        self.root_file = root_file
        self.project_root = Path(root).resolve() if root is not None else find_project_root(root_file)
        self.root_text = str(self.project_root)
        self.root_key = self._key(root_file.resolve())
        self.diagnostics: list[Diagnostic] = []
        self.headers: dict[str, FileHeader] = {}
        self.queue: deque[FileHeader] = deque()

    # -- files -------------------------------------------------------------

    def run(self, data: bytes | None) -> MenuSet:
        root_path = self.root_file.resolve()
        header = self._open(
            root_path, data=data, is_root=True, display=one_line(str(self.root_file)) if data is not None else None
        )
        files: dict[str, MenuFile] = {}
        nodes: dict = {}
        while self.queue:
            current = self.queue.popleft()
            if current.ok:
                menu_file = self._parse(current)
                if menu_file is not None:
                    files[current.key] = menu_file
                    nodes.update(current.keyed_nodes)
        if self.diagnostics or header is None or header.key not in files:
            raise LoadError(self.diagnostics or [Diagnostic(Span(str(self.root_file), 1, 1, 1, 1), "load failed")])
        return MenuSet(
            root=files[header.key],
            files=MappingProxyType(files),
            nodes=MappingProxyType(nodes),
            project_root=str(self.project_root),
        )

    def _key(self, path: Path) -> str:
        try:
            return path.relative_to(self.project_root).as_posix()
        except ValueError:
            return path.as_posix()

    def _parse(self, header: FileHeader) -> MenuFile | None:
        if header.parsed is not None and self._parse_holds(header.parsed):  # parsed by an earlier load of the batch
            menu_file, problems, references, _ = header.parsed
            self.diagnostics.extend(problems)
            for other in references:  # they belong to this menu set too
                if other.key not in self.headers:
                    self.headers[other.key] = other
                    self.queue.append(other)
                    self.diagnostics.extend(other.problems)
            return menu_file
        before, self.references = len(self.diagnostics), []
        menu_file = FileParser(self, header).parse()
        if menu_file is not None:
            header.keyed_nodes = {node.key: node for node in menu_file.nodes.values()}
        if header.cached:
            header.parsed = (menu_file, self.diagnostics[before:], tuple(self.references), self.root_key)
        self.references = None
        return menu_file

    def _parse_holds(self, parsed: tuple) -> bool:
        """Whether an earlier load's parse of a file is this load's too.

        The nodes of a menu set's root file are keyed by their bare ids and those of
        other files as `file.yaml#id`, so a file whose targets name the root file of
        the load that parsed it, or the root file of this load, reads differently
        under another root (a goto to `m1.yaml#n0` is `n0` only while m1 is the root).
        """
        _, _, references, parsed_root = parsed
        if parsed_root == self.root_key:
            return True
        referenced = {other.key for other in references}
        return parsed_root not in referenced and self.root_key not in referenced

    def _open(
        self, path: Path, *, data: bytes | None = None, is_root: bool = False, display: str | None = None
    ) -> FileHeader | None:
        key = self._key(path)
        if key in self.headers:
            return self.headers[key]
        display = display or display_path(path)
        if self.cache is None or data is not None:
            return self._read(path, key, display, data, is_root)
        cache_key = (self.root_text, key, is_root, display)
        header = self.cache.opened.get(cache_key)
        if header is not None:
            self.headers[key] = header
            self.queue.append(header)
            self.diagnostics.extend(header.problems)
            return header
        before = len(self.diagnostics)
        header = self._read(path, key, display, None, is_root)
        header.cached, header.problems = True, self.diagnostics[before:]
        self.cache.opened[cache_key] = header
        return header

    def _read(self, path: Path, key: str, display: str, data: bytes | None, is_root: bool) -> FileHeader:
        header = FileHeader(path, key, display, is_root)
        self.headers[key] = header
        self.queue.append(header)
        if data is None:
            source, problems = yamlsource.read_source(path, header.display)
        else:
            source, problems = yamlsource.decode(data, header.display)
        if source is None:
            self.diagnostics.extend(problems)
            return header
        lost = yamlsource.find_lost_keys(source)
        self.diagnostics.extend(lost)
        root, problems = yamlsource.compose(source)  # within the nesting, alias and character limits
        header.anchored = "&" in source.text  # no `&`, no anchor: no alias can share a value (yamlsource.compose)
        if root is None:
            self.diagnostics.extend(problems)
            return header
        fields = FieldReader(header.display, self.diagnostics)
        if not isinstance(root, yaml.MappingNode):
            self.diagnostics.append(
                Diagnostic(
                    fields.span(root),
                    "a menu file must be a mapping of fields (`ivrkit: 1`, `name`, `entry`, `nodes`, ...)",
                )
            )
            return header
        header.top = fields.mapping(root, "the file") or {}
        if _is_call_script(header.top):
            self.diagnostics.append(_call_script_diagnostic(fields, header))
            return header
        if _is_goals_file(header.top):
            self.diagnostics.append(_goals_file_diagnostic(fields, header))
            return header
        nodes = header.top.get("nodes")
        if nodes is not None and isinstance(nodes[1], yaml.MappingNode):
            header.node_ids = {
                name: key_node for name, (key_node, _) in (fields.mapping(nodes[1], "nodes", check=False) or {}).items()
            }
            header.valid_ids = frozenset(name for name in header.node_ids if ID.match(name))
        entry = header.top.get("entry")
        if entry is not None and isinstance(entry[1], yaml.ScalarNode) and entry[1].tag == TAG_STR:
            header.entry = entry[1].value
        header.ok = True
        return header

    def resolve(
        self, raw: str, header: FileHeader, span: Span, field: str
    ) -> tuple[str | None, FileHeader | None, bool]:
        """Resolve a target string. Returns (node key, file header, ok)."""
        if raw == RETURN:
            return None, header, True
        if raw in header.valid_ids:  # the common case: a node of this file (which has no "#" and no ".yaml")
            return header.prefix + raw, header, True
        if "#" in raw or raw.endswith((".yaml", ".yml")):
            return self._resolve_file_target(raw, header, span, field)
        if not ID.match(raw):
            self._error(
                span,
                f"`{shown(raw)}` is not a node id or a file reference",
                "write a node id (`agent`), `file.yaml#node`, `file.yaml` or `return`",
            )
            return None, None, False
        if raw not in header.node_ids:
            if header.ok and header.top.get("nodes") is not None:
                self._error(
                    span,
                    f"`{field}` leads to `{raw}`, which is not a node of this file",
                    did_you_mean(raw, header.node_ids) or "add the node under `nodes`, or fix the name",
                )
            return None, None, False
        return header.prefix + raw, header, True

    def _resolve_file_target(self, raw: str, header: FileHeader, span: Span, field: str):
        file_part, _, node_part = raw.partition("#")
        if not file_part:
            self._error(span, f"`{shown(raw)}` names no file before `#`", "write `file.yaml#node`, or just the node id")
            return None, None, False
        if "#" in raw and not node_part:
            self._error(
                span,
                f"`{shown(raw)}` names no node after `#`",
                f"write `{file_part}#node`, or `{file_part}` for the file's entry",
            )
            return None, None, False
        if not file_part.endswith((".yaml", ".yml")):
            self._error(span, f"`{shown(file_part)}` is not a menu file (it must end in .yaml or .yml)")
            return None, None, False
        target_path = self.confine(file_part, header, span)
        if target_path is None:
            return None, None, False
        kind = file_type(target_path)
        if kind is None:
            self._error(
                span,
                f"`{shown(file_part)}` does not exist (looked for {display_path(target_path)})",
                did_you_mean(Path(file_part).name, _siblings(target_path)),
            )
            return None, None, False
        if kind != "file":
            self._error(span, f"`{shown(file_part)}` is not a regular file: it is {kind}", "name a menu file")
            return None, None, False
        if len(self.headers) >= MAX_FILES and self._key(target_path) not in self.headers:
            self._error(span, f"more than {MAX_FILES} files are referenced from this menu")
            return None, None, False
        other = self._open(target_path)
        if self.references is not None and other is not None:
            self.references.append(other)
        if other is None or not other.ok:
            return None, other, True  # its own problems are reported against it
        node_id = node_part or other.entry
        if node_id is None:
            return None, other, True
        if node_id not in other.node_ids:
            self._error(
                span,
                f"`{file_part}` has no node `{node_id}`",
                did_you_mean(node_id, other.node_ids) or f"its nodes are: {', '.join(sorted(other.node_ids)[:12])}",
            )
            return None, None, False
        return other.prefix + node_id, other, True

    def confine(self, raw: str, header: FileHeader, span: Span) -> Path | None:
        """The file a relative path in `header`'s file names, or None (with an error) when it may not be used.

        Targets and audio files alike: a relative path with `/`, no control
        characters, names the file system can hold, and inside the project root
        once `..` and symbolic links are resolved.
        """
        if _CONTROL.search(raw):
            self._error(
                span,
                f"`{shown(raw)}` contains a control character, which no file name should",
                "remove it from the path",
            )
            return None
        if Path(raw).is_absolute() or "\\" in raw:
            self._error(
                span,
                f"`{shown(raw)}` must be a relative path with `/`",
                "paths are relative to the file that contains them",
            )
            return None
        long = next((part for part in raw.split("/") if len(part.encode("utf-8", "surrogatepass")) > _NAME_MAX), None)
        if long is not None:
            where = "" if long == raw else f" in `{shown(raw)}`"
            self._error(
                span,
                f"the name `{shown(long)}`{where} is longer than {_NAME_MAX} bytes, more than a file system allows",
                "shorten the name",
            )
            return None
        try:
            resolved = (header.path.parent / raw).resolve()
        except (OSError, ValueError, RuntimeError) as error:  # a symbolic-link loop, a path too long
            self._error(span, f"`{shown(raw)}` cannot be resolved: {getattr(error, 'strerror', None) or error}")
            return None
        try:
            resolved.relative_to(self.project_root)
        except ValueError:
            self._error(
                span,
                f"`{shown(raw)}` is outside the project root {one_line(str(self.project_root))}",
                "menus may only use files inside the project; move the file, or pass --root",
            )
            return None
        return resolved

    def _error(self, span: Span, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(span, message, hint))


_CONTROL = re.compile("[\x00-\x1f\x7f]")
_NAME_MAX = 255  # bytes in one file name: NAME_MAX on Linux and macOS, 255 characters on Windows


def _is_call_script(top: dict) -> bool:
    return "calls" in top and "menu" in top and "ivrkit" not in top


def _is_goals_file(top: dict) -> bool:
    return "goals" in top and "menu" in top and "ivrkit" not in top


def _goals_file_diagnostic(fields: FieldReader, header: FileHeader) -> Diagnostic:
    menu = header.top["menu"][1]
    named = isinstance(menu, yaml.ScalarNode) and menu.tag == TAG_STR and menu.value and "\0" not in menu.value
    command = display_path(header.path.parent / menu.value) if named else "MENU"
    return Diagnostic(
        fields.span(header.top["goals"][0]),
        "this is a caller goals file (`*.goals.yaml`), not a menu",
        f"`ivrkit predict {command} --goals {header.display}` reads it (docs/goals.md)",
    )


def _call_script_diagnostic(fields: FieldReader, header: FileHeader) -> Diagnostic:
    menu = header.top["menu"][1]
    name = f"`{shown(menu.value)}`" if isinstance(menu, yaml.ScalarNode) and menu.value else "a menu"
    return Diagnostic(
        fields.span(header.top["calls"][0]),
        f"this is a call script for {name}; run `ivrkit test {header.display}`",
        "`ivrkit check` reads menu files; call scripts (`*.calls.yaml`) are run by `ivrkit test`",
    )


def _siblings(path: Path) -> list[str]:
    try:
        return [p.name for p in path.parent.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return []

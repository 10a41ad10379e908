"""Turn menu files into a checked `MenuSet`, or report every problem with its position.

The loader composes each file with `yamlsource` (keeping line and column of
every value), checks it against the format of docs/format.md and builds the
immutable model. It never stops at the first problem of a file: all of them
are collected into one `LoadError`. Referenced files (`goto: other.yaml#node`)
are loaded with the file that references them, and never from outside the
project root.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections import deque
from pathlib import Path
from types import MappingProxyType

import yaml

from . import yamlsource
from .diagnostics import Diagnostic, LoadError, did_you_mean, display_path, one_line, shown
from .gcpause import gc_paused
from .keypatterns import PatternProblem, compile_pattern
from .yamlfields import TAG_BOOL as _BOOL, TAG_FLOAT as _FLOAT, TAG_INT as _INT, TAG_NULL as _NULL, TAG_STR as _STR
from .yamlfields import TAG_MERGE as _MERGE
from .yamlfields import FieldReader
from .model import (
    ACTIONS,
    DEFAULT_KEY_NAMES,
    DEFAULT_OPTION_TEMPLATES,
    NODE_TYPES,
    RETURN,
    Handler,
    MenuFile,
    MenuSet,
    Option,
    Prompt,
    Schedule,
    Settings,
    Span,
    Target,
    Text,
    Variable,
)

__all__ = ["load", "loads", "LoadError", "LoadCache", "find_project_root", "ROOT_MARKERS", "MAX_FILES"]

ROOT_MARKERS = (".ivrkit.yaml", "pyproject.toml", ".git")
MAX_FILES = 1000


_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
_DTMF = re.compile(r"(?:[0-9]+|\*|#)\Z")
_DAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_DAY_SPEC = re.compile(r"[a-z]{3}(-[a-z]{3})?(,[a-z]{3}(-[a-z]{3})?)*\Z")
_TIME_RANGE = re.compile(r"([0-2][0-9]):([0-5][0-9])-([0-2][0-9]):([0-5][0-9])\Z")

TOP_FIELDS = (
    "ivrkit", "name", "description", "language", "languages", "entry",
    "settings", "global_options", "variables", "schedules", "nodes",
)
SETTINGS_FIELDS = (
    "timeout", "inter_digit_timeout", "retries", "fallback", "rate", "voice",
    "barge_in", "option_template", "key_names",
)
_SPEAKING = ("say", "audio", "rate", "voice", "barge_in")
_COMMON = ("type", "note", "lint") + _SPEAKING
_WAITING = ("timeout", "inter_digit_timeout", "retries", "fallback", "no_input", "no_match")
NODE_FIELDS: dict[str, tuple[str, ...]] = {
    "menu": _COMMON + _WAITING + ("options", "announce_options", "global_options", "extensions", "max_digits"),
    "message": _COMMON + ("next", "then"),
    "input": _COMMON + _WAITING + ("digits", "store", "confirm", "secret", "next", "then"),
    "branch": ("type", "note", "lint", "schedule", "variable", "cases", "default"),
    "transfer": _COMMON + (
        "queue", "number", "person", "hours", "closed", "busy", "no_answer",
        "announce_wait", "max_wait", "overflow", "callback",
    ),
    "voicemail": _COMMON + ("mailbox", "max_length", "next", "then"),
    "callback": _COMMON + ("number", "confirm"),
    "hangup": _COMMON,
}
OPTION_FIELDS = ("label", "say", "goto", "then", "action", "language", "share", "announce", "note")
HANDLER_FIELDS = ("say", "audio", "goto", "then")
_ALL_NODE_FIELDS = sorted({f for fields in NODE_FIELDS.values() for f in fields})


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
        self.opened: dict[tuple, _Header] = {}  # a header keeps its parse result (`_Header.parsed`)


def load(path: str | os.PathLike, *, root: str | os.PathLike | None = None, cache: LoadCache | None = None) -> MenuSet:
    """Load a menu file and every file it references.

    Raises `LoadError` with every problem found (each with path, line, column
    and, where one helps, a hint). Pass the same `cache` to the loads of one
    batch (`ivrkit check DIR`) to read each file once.
    """
    file = Path(path)
    if file.suffix.lower() not in (".yaml", ".yml"):
        # Another platform's file: imported, spans point into it. The one arrow from the loader up to a
        # leaf (tests/test_import_contract.py ALLOWED): callers should call importers.load_any themselves.
        from .importers import load_any

        return load_any(file, root=root)
    with gc_paused():
        return _Loader(file, root, cache).run(None)


def loads(text: str | bytes, path: str | os.PathLike = "menu.yaml", *, root=None) -> MenuSet:
    """Load a menu from a string; references resolve relative to `path`'s folder."""
    # surrogatepass: a lone surrogate becomes bytes that decode() reports with their position
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    with gc_paused():
        return _Loader(Path(path), root).run(data)


class _Header:
    """What other files need to know about a file before it is parsed: its node ids and entry."""

    def __init__(self, path: Path, key: str, display: str, is_root: bool):
        self.path = path
        self.key = key
        self.display = display
        self.prefix = "" if is_root else key + "#"
        self.top: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        self.node_ids: dict[str, yaml.Node] = {}
        self.entry: str | None = None
        self.ok = False
        self.cached = False  # read through a LoadCache (a file given as data is not)
        self.problems: list[Diagnostic] = []  # those found while reading it (kept for a LoadCache)
        self.parsed: tuple | None = None  # (MenuFile or None, its problems, the headers it references)
        self.keyed_nodes: dict = {}  # its nodes by key, once parsed


class _Loader:
    def __init__(self, root_file: Path, root: str | os.PathLike | None, cache: LoadCache | None = None):
        self.cache = cache
        self.references: list[Path] | None = None  # the files the file being parsed references
        self.root_file = root_file
        self.project_root = Path(root).resolve() if root is not None else find_project_root(root_file)
        self.root_text = str(self.project_root)
        self.diagnostics: list[Diagnostic] = []
        self.headers: dict[str, _Header] = {}
        self.queue: deque[_Header] = deque()

    # -- files -------------------------------------------------------------

    def run(self, data: bytes | None) -> MenuSet:
        root_path = self.root_file.resolve()
        header = self._open(root_path, data=data, is_root=True,
                            display=one_line(str(self.root_file)) if data is not None else None)
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

    def _parse(self, header: _Header) -> MenuFile | None:
        if header.parsed is not None:  # read through a LoadCache and parsed by an earlier load
            menu_file, problems, references = header.parsed
            self.diagnostics.extend(problems)
            for other in references:  # they belong to this menu set too
                if other.key not in self.headers:
                    self.headers[other.key] = other
                    self.queue.append(other)
                    self.diagnostics.extend(other.problems)
            return menu_file
        before, self.references = len(self.diagnostics), []
        menu_file = _FileParser(self, header).parse()
        if menu_file is not None:
            header.keyed_nodes = {node.key: node for node in menu_file.nodes.values()}
        if header.cached:
            header.parsed = (menu_file, self.diagnostics[before:], tuple(self.references))
        self.references = None
        return menu_file

    def _open(self, path: Path, *, data: bytes | None = None, is_root: bool = False,
              display: str | None = None) -> _Header | None:
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

    def _read(self, path: Path, key: str, display: str, data: bytes | None, is_root: bool) -> _Header:
        header = _Header(path, key, display, is_root)
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
        nodes = header.top.get("nodes")
        if nodes is not None and isinstance(nodes[1], yaml.MappingNode):
            header.node_ids = {name: key_node for name, (key_node, _) in fields.mapping(nodes[1], "nodes", check=False).items()}
        entry = header.top.get("entry")
        if entry is not None and isinstance(entry[1], yaml.ScalarNode) and entry[1].tag == _STR:
            header.entry = entry[1].value
        header.ok = True
        return header

    def resolve(self, raw: str, header: _Header, span: Span, field: str) -> tuple[str | None, _Header | None, bool]:
        """Resolve a target string. Returns (node key, file header, ok)."""
        if raw == RETURN:
            return None, header, True
        if "#" in raw or raw.endswith((".yaml", ".yml")):
            return self._resolve_file_target(raw, header, span, field)
        if not _ID.match(raw):
            self._error(span, f"`{shown(raw)}` is not a node id or a file reference",
                        "write a node id (`agent`), `file.yaml#node`, `file.yaml` or `return`")
            return None, None, False
        if raw not in header.node_ids:
            if header.ok and header.top.get("nodes") is not None:
                self._error(span, f"`{field}` leads to `{raw}`, which is not a node of this file",
                            did_you_mean(raw, header.node_ids) or "add the node under `nodes`, or fix the name")
            return None, None, False
        return header.prefix + raw, header, True

    def _resolve_file_target(self, raw: str, header: _Header, span: Span, field: str):
        file_part, _, node_part = raw.partition("#")
        if not file_part:
            self._error(span, f"`{shown(raw)}` names no file before `#`", "write `file.yaml#node`, or just the node id")
            return None, None, False
        if "#" in raw and not node_part:
            self._error(span, f"`{shown(raw)}` names no node after `#`",
                        f"write `{file_part}#node`, or `{file_part}` for the file's entry")
            return None, None, False
        if not file_part.endswith((".yaml", ".yml")):
            self._error(span, f"`{shown(file_part)}` is not a menu file (it must end in .yaml or .yml)")
            return None, None, False
        target_path = self.confine(file_part, header, span)
        if target_path is None:
            return None, None, False
        kind = _file_type(target_path)
        if kind is None:
            self._error(span, f"`{shown(file_part)}` does not exist (looked for {display_path(target_path)})",
                        did_you_mean(Path(file_part).name, _siblings(target_path)))
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
            self._error(span, f"`{file_part}` has no node `{node_id}`",
                        did_you_mean(node_id, other.node_ids) or f"its nodes are: {', '.join(sorted(other.node_ids)[:12])}")
            return None, None, False
        return other.prefix + node_id, other, True

    def confine(self, raw: str, header: _Header, span: Span) -> Path | None:
        """The file a relative path in `header`'s file names, or None (with an error) when it may not be used.

        Targets and audio files alike: a relative path with `/`, no control
        characters, names the file system can hold, and inside the project root
        once `..` and symbolic links are resolved.
        """
        if _CONTROL.search(raw):
            self._error(span, f"`{shown(raw)}` contains a control character, which no file name should",
                        "remove it from the path")
            return None
        if Path(raw).is_absolute() or "\\" in raw:
            self._error(span, f"`{shown(raw)}` must be a relative path with `/`",
                        "paths are relative to the file that contains them")
            return None
        long = next((part for part in raw.split("/") if len(part.encode("utf-8", "surrogatepass")) > _NAME_MAX), None)
        if long is not None:
            where = "" if long == raw else f" in `{shown(raw)}`"
            self._error(span, f"the name `{shown(long)}`{where} is longer than {_NAME_MAX} bytes, "
                        "more than a file system allows", "shorten the name")
            return None
        try:
            resolved = (header.path.parent / raw).resolve()
        except (OSError, ValueError, RuntimeError) as error:  # a symbolic-link loop, a path too long
            self._error(span, f"`{shown(raw)}` cannot be resolved: {getattr(error, 'strerror', None) or error}")
            return None
        try:
            resolved.relative_to(self.project_root)
        except ValueError:
            self._error(span, f"`{shown(raw)}` is outside the project root {one_line(str(self.project_root))}",
                        "menus may only use files inside the project; move the file, or pass --root")
            return None
        return resolved

    def _error(self, span: Span, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(span, message, hint))


_CONTROL = re.compile("[\x00-\x1f\x7f]")
_NAME_MAX = 255  # bytes in one file name: NAME_MAX on Linux and macOS, 255 characters on Windows


def _file_type(path: Path) -> str | None:
    """"file" for a regular file, what else it is, or None when nothing is there (one `stat`, no open)."""
    import stat as _stat

    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    return "file" if _stat.S_ISREG(mode) else yamlsource.file_kind(mode)


def _is_call_script(top: dict) -> bool:
    return "calls" in top and "menu" in top and "ivrkit" not in top


def _call_script_diagnostic(fields: FieldReader, header: _Header) -> Diagnostic:
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


class _FileParser:
    """Builds one `MenuFile` from a header whose YAML composed cleanly."""

    def __init__(self, loader: _Loader, header: _Header):
        self.loader = loader
        self.header = header
        self.f = FieldReader(header.display, loader.diagnostics)
        self.language = "en"
        self.languages: tuple[str, ...] = ("en",)
        self.schedules: dict[str, Schedule] = {}
        self.variables: dict[str, Variable] = {}
        self.global_keys: list[str] = []

    def errors(self) -> int:
        return len(self.loader.diagnostics)

    def parse(self) -> MenuFile | None:
        f, top, header = self.f, self.header.top, self.header
        before = self.errors()
        f.unknown_fields({k: v for k, v in top.items() if not k.startswith("x-")}, TOP_FIELDS, "the file")
        self._extension_duplicates(top)
        root_node = self._root_node()
        version = top.get("ivrkit")
        if version is None:
            f.error(root_node, "this is not an ivrkit menu: the `ivrkit` version field is missing",
                    "add `ivrkit: 1` as the first line")
        elif not (isinstance(version[1], yaml.ScalarNode) and version[1].tag == _INT and version[1].value == "1"):
            f.error(version[1], f"unsupported format version `{shown(str(getattr(version[1], 'value', '?')))}`",
                    "this ivrkit reads `ivrkit: 1`")
        name = self._required_text(top, "name", root_node)
        description = f.scalar_text(top["description"][1], "`description`") if "description" in top else None
        self._languages(top)
        self._schedules(top)
        self._variables(top)
        settings = self._settings(top)
        global_options = self._options(top["global_options"][1], "global_options", is_global=True) \
            if "global_options" in top else ()
        self.global_keys = [option.key for option in global_options]
        self._require_labels(global_options)
        nodes = self._nodes(top, root_node)
        entry = self._entry(top, root_node)
        if self.errors() != before or name is None or entry is None or settings is None:
            return None
        return MenuFile(
            path=str(header.path),
            key=header.key,
            name=name,
            language=self.language,
            languages=self.languages,
            entry=entry,
            settings=settings,
            nodes=MappingProxyType(nodes),
            global_options=global_options,
            variables=MappingProxyType(self.variables),
            schedules=MappingProxyType(self.schedules),
            description=description,
            span=f.span(root_node),
        )

    def _root_node(self) -> yaml.Node:
        # Any top-level value's parent: point "missing field" errors at line 1.
        first = next(iter(self.header.top.values()), None)
        return first[0] if first else yaml.ScalarNode(_STR, "", yaml.Mark("", 0, 0, 0, None, None), yaml.Mark("", 0, 0, 1, None, None))

    def _required_text(self, fields: dict, name: str, owner: yaml.Node, where: str = "the file") -> str | None:
        if name not in fields:
            self.f.error(owner, f"{where} needs a `{name}`")
            return None
        return self.f.scalar_text(fields[name][1], f"`{name}`")

    # -- languages and texts ----------------------------------------------

    def _languages(self, top: dict) -> None:
        f = self.f
        if "language" in top:
            language = f.string(top["language"][1], "`language`", pattern=_LANGUAGE,
                                expect="a language code such as `en`, `fi` or `en-GB`")
            if language is not None:
                self.language = language
        if "languages" in top:
            items = f.sequence(top["languages"][1], "`languages`")
            if items is not None:
                seen: list[str] = []
                for item in items:
                    code = f.string(item, "a language in `languages`", pattern=_LANGUAGE,
                                    expect="a language code such as `en`, `fi` or `en-GB`")
                    if code is None:
                        continue
                    if code in seen:
                        f.error(item, f"`{code}` is listed twice in `languages`")
                    seen.append(code)
                if seen and self.language not in seen and "language" in top:
                    f.error(top["languages"][1], f"`languages` must include the default language `{self.language}`")
                if seen:
                    self.languages = tuple(seen)
                    if "language" not in top:
                        self.language = seen[0]
        else:
            self.languages = (self.language,)

    def text(self, node: yaml.Node, what: str) -> Text | None:
        """A string in the file's language, or a mapping language → string."""
        if isinstance(node, yaml.MappingNode):
            pairs = self.f.mapping(node, what)
            if pairs is None:
                return None
            values = []
            for lang, (key_node, value_node) in pairs.items():
                if key_node.tag == _BOOL:
                    continue  # reported by mapping(): `no:` is a boolean to YAML
                if not _LANGUAGE.match(lang):
                    self.f.error(key_node, f"`{lang}` is not a language code", "use codes such as `en`, `fi`, `sv`")
                    continue
                if lang not in self.languages:
                    self.f.error(key_node, f"`{lang}` is not one of this file's languages ({', '.join(self.languages)})",
                                 "add it to `languages`, or fix the code")
                    continue
                value = self.f.scalar_text(value_node, f"the `{lang}` text of {what}")
                if value is not None:
                    values.append((lang, value))
            if not values:
                if not pairs:
                    self.f.error(node, f"{what} is empty")
                return None
            return Text(tuple(values), self.f.span(node))
        value = self.f.scalar_text(node, what)
        if value is None:
            return None
        return Text(((self.language, value),), self.f.span(node))

    def prompt(self, fields: dict, owner: yaml.Node) -> Prompt | None:
        say = self.text(fields["say"][1], "`say`") if "say" in fields else None
        audio = self.text(fields["audio"][1], "`audio`") if "audio" in fields else None
        if audio is not None and not self._audio_files_ok(fields["audio"][1]):
            audio = None
        if say is None and audio is None:
            return None
        return Prompt(say, audio, (say or audio).span)

    def _audio_files_ok(self, node: yaml.Node) -> bool:
        """Audio paths stay inside the project like targets; one that exists must be a regular file."""
        values = [value for _, value in node.value] if isinstance(node, yaml.MappingNode) else [node]
        ok = True
        for value in values:
            if not isinstance(value, yaml.ScalarNode):
                continue
            span = self.f.span(value)
            path = self.loader.confine(value.value, self.header, span)
            kind = _file_type(path) if path is not None else None
            if path is None:
                ok = False
            elif kind not in (None, "file"):
                self.f.error(value, f"the audio file `{shown(value.value)}` is not a regular file: it is {kind}",
                             "name a recording (a .wav file)")
                ok = False
        return ok

    def _extension_duplicates(self, top: dict) -> None:
        """Duplicate keys inside `x-` fields: YAML would keep only the last one there too."""
        for name, (_, value) in top.items():
            if not name.startswith("x-"):
                continue
            seen: set[int] = set()
            stack = [value]
            while stack:
                node = stack.pop()
                if id(node) in seen:
                    continue
                seen.add(id(node))
                if isinstance(node, yaml.MappingNode):
                    first: dict = {}
                    for key, item in node.value:
                        if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE:
                            where = first.setdefault((key.tag, key.value), key.start_mark)
                            if where is not key.start_mark:
                                self.f.error(key, f"duplicate key `{shown(key.value)}` in `{name}` (first written at "
                                                  f"line {where.line + 1}, column {where.column + 1})",
                                             "YAML would silently keep only the last one; remove or rename one of them")
                        stack.append(key)
                        stack.append(item)
                elif isinstance(node, yaml.SequenceNode):
                    stack.extend(node.value)

    # -- targets -----------------------------------------------------------

    def target(self, node: yaml.Node, field: str) -> Target | None:
        raw = self.f.scalar_text(node, f"`{field}`")
        if raw is None:
            return None
        span = self.f.span(node)
        key, _, ok = self.loader.resolve(raw, self.header, span, field)
        if not ok:
            return None
        return Target(raw, key, span)

    def then(self, fields: dict, goto: Target | None, goto_field: str) -> Target | None:
        if "then" not in fields:
            return None
        then = self.target(fields["then"][1], "then")
        if then is None:
            return None
        if goto is None and goto_field in fields:  # its target was refused, and that was reported
            return None
        if goto is None or goto.is_return or goto.node_key is None or not self._enters_other_file(goto):
            self.f.error(fields["then"][0], f"`then` only applies when `{goto_field}` enters another file",
                         "`then` says where to continue when that file reaches `return`")
            return None
        return then

    def _enters_other_file(self, target: Target) -> bool:
        return "#" in target.raw or target.raw.endswith((".yaml", ".yml"))

    # -- settings, schedules, variables ------------------------------------

    def _settings(self, top: dict) -> Settings | None:
        f = self.f
        templates = dict(DEFAULT_OPTION_TEMPLATES)
        key_names = {lang: dict(names) for lang, names in DEFAULT_KEY_NAMES.items()}
        values: dict = {}
        span = None
        if "settings" in top:
            node = top["settings"][1]
            span = f.span(node)
            fields = f.mapping(node, "`settings`") or {}
            f.unknown_fields(fields, SETTINGS_FIELDS, "`settings`",
                             lambda name: "this belongs on a node, not in `settings`" if name in _ALL_NODE_FIELDS else None)
            values = self._overrides(fields, waiting=True)
            if "fallback" in fields:
                values["fallback"] = self.target(fields["fallback"][1], "fallback")
            if "option_template" in fields:
                for lang, (key_node, value_node) in (f.mapping(fields["option_template"][1], "`option_template`") or {}).items():
                    template = f.scalar_text(value_node, f"the `{lang}` option template")
                    if template is None:
                        continue
                    if "{key}" not in template or ("{label}" not in template and "{Label}" not in template):
                        f.error(value_node, "an option template needs `{key}` and `{label}` (or `{Label}`)",
                                'for example: "To {label}, press {key}."')
                        continue
                    templates[lang] = template
            if "key_names" in fields:
                for lang, (_, names_node) in (f.mapping(fields["key_names"][1], "`key_names`") or {}).items():
                    for key, (key_node, word_node) in (f.mapping(names_node, f"the `{lang}` key names") or {}).items():
                        if not _DTMF.match(key):
                            f.error(key_node, f"`{key}` is not a DTMF key", 'key names are for "*", "#" and digits')
                            continue
                        word = f.scalar_text(word_node, f"the name of `{key}`")
                        if word is not None:
                            key_names.setdefault(lang, {})[key] = word
        for lang in self.languages:
            base = lang.split("-")[0]
            if lang not in templates and base in templates:
                templates[lang] = templates[base]
            if lang not in key_names and base in key_names:
                key_names[lang] = key_names[base]
            if lang not in templates:
                owner = top["settings"][0] if "settings" in top else top.get("languages", top.get("language", (self._root_node(),)))[0]
                f.error(owner, f"there is no built-in option template for `{lang}`",
                        f'add it: settings: {{option_template: {{{lang}: "... {{label}} ... {{key}}."}}}}')
        return Settings(
            option_templates=MappingProxyType(templates),
            key_names=MappingProxyType({lang: MappingProxyType(names) for lang, names in key_names.items()}),
            span=span,
            **{k: v for k, v in values.items() if v is not None},
        )

    def _overrides(self, fields: dict, *, waiting: bool) -> dict:
        """Setting fields shared by `settings` and nodes (fallback is read by the caller)."""
        f, values = self.f, {}
        if waiting:
            if "timeout" in fields:
                values["timeout"] = f.number(fields["timeout"][1], "`timeout`", low=0.5, high=120, unit="seconds")
            if "inter_digit_timeout" in fields:
                values["inter_digit_timeout"] = f.number(fields["inter_digit_timeout"][1], "`inter_digit_timeout`",
                                                         low=0.5, high=60, unit="seconds")
            if "retries" in fields:
                values["retries"] = f.number(fields["retries"][1], "`retries`", low=0, high=10, integer=True)
        if "rate" in fields:
            values["rate"] = f.number(fields["rate"][1], "`rate`", low=60, high=500, unit="words per minute")
        if "voice" in fields:
            values["voice"] = self.text(fields["voice"][1], "`voice`")
        if "barge_in" in fields:
            values["barge_in"] = f.boolean(fields["barge_in"][1], "`barge_in`")
        return values

    def _schedules(self, top: dict) -> None:
        if "schedules" not in top:
            return
        f = self.f
        for name, (key_node, node) in (f.mapping(top["schedules"][1], "`schedules`") or {}).items():
            if not _ID.match(name):
                f.error(key_node, f"`{name}` is not a valid schedule name", "use letters, digits, `_` and `-`")
                continue
            fields = f.mapping(node, f"schedule `{name}`")
            if fields is None:
                continue
            f.unknown_fields(fields, ("timezone", "hours", "closed_on"), f"schedule `{name}`")
            timezone = None
            if "timezone" not in fields:
                f.error(key_node, f"schedule `{name}` needs a `timezone`", "for example: timezone: Europe/Helsinki")
            else:
                timezone = self._timezone(fields["timezone"][1])
            hours = self._hours(fields["hours"][1], name) if "hours" in fields else tuple(() for _ in range(7))
            if "hours" not in fields:
                f.error(key_node, f"schedule `{name}` needs `hours`", 'for example: hours: {mon-fri: "08:00-18:00"}')
            closed_on = self._dates(fields["closed_on"][1]) if "closed_on" in fields else ()
            if timezone is not None and hours is not None and closed_on is not None:
                self.schedules[name] = Schedule(name, timezone, hours, closed_on, f.span(key_node))

    def _timezone(self, node: yaml.Node) -> str | None:
        from zoneinfo import ZoneInfo, available_timezones

        zone = self.f.scalar_text(node, "`timezone`")
        if zone is None:
            return None
        try:
            ZoneInfo(zone)
        except (ValueError, KeyError, OSError) as error:
            hint = did_you_mean(zone, available_timezones()) or "use an IANA name such as Europe/Helsinki"
            self.f.error(node, f"`{shown(zone)}` is not a known time zone", hint)
            del error
            return None
        return zone

    def _hours(self, node: yaml.Node, schedule: str):
        f = self.f
        fields = f.mapping(node, f"the hours of `{schedule}`")
        if fields is None:
            return None
        days: list[list[tuple[int, int]]] = [[] for _ in range(7)]
        named_at: dict[int, int] = {}
        ok = True
        for spec, (key_node, value_node) in fields.items():
            indices = self._day_spec(spec, key_node)
            ranges = self._time_ranges(value_node)
            if indices is None or ranges is None:
                ok = False
                continue
            for index in indices:
                if index in named_at:
                    f.error(key_node, f"`{Schedule.weekday_name(index)}` already has hours (line {named_at[index]})",
                            "name each day once")
                    ok = False
                named_at[index] = key_node.start_mark.line + 1
                days[index] = ranges
        return tuple(tuple(day) for day in days) if ok else None

    def _day_spec(self, spec: str, node: yaml.Node) -> list[int] | None:
        if not _DAY_SPEC.match(spec):
            self.f.error(node, f"`{spec}` is not a day or a range of days",
                         "write lowercase days without spaces, e.g. `mon-fri`, `sat`, or `mon,wed`")
            return None
        result = []
        for part in spec.split(","):
            first, _, last = part.partition("-")
            if first not in _DAY or (last and last not in _DAY):
                bad = first if first not in _DAY else last
                self.f.error(node, f"`{bad}` is not a day", did_you_mean(bad, _DAY) or "days are mon, tue, wed, thu, fri, sat, sun")
                return None
            start, end = _DAY[first], _DAY[last or first]
            if end < start:
                self.f.error(node, f"`{part}` runs backwards", "write ranges from Monday towards Sunday, e.g. `mon-fri`")
                return None
            result.extend(range(start, end + 1))
        return result

    def _time_ranges(self, node: yaml.Node) -> list[tuple[int, int]] | None:
        text = self.f.scalar_text(node, "opening hours")
        if text is None:
            return None
        if text.strip().lower() == "closed":
            return []
        ranges = []
        for part in text.split(","):
            match = _TIME_RANGE.match(part.strip())
            if not match:
                self.f.error(node, f"`{part.strip()}` is not a time range", 'write "08:00-18:00" (24-hour clock, in quotes)')
                return None
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            start, end = h1 * 60 + m1, h2 * 60 + m2
            if h1 > 23 or end > 24 * 60 or end <= start:
                self.f.error(node, f"`{part.strip()}` is not a valid range", "the end must be after the start, at most 24:00")
                return None
            ranges.append((start, end))
        return ranges

    def _dates(self, node: yaml.Node) -> tuple[_dt.date, ...] | None:
        items = self.f.sequence(node, "`closed_on`")
        if items is None:
            return None
        dates = []
        for item in items:
            text = self.f.scalar_text(item, "a date in `closed_on`")
            if text is None:
                continue
            try:
                dates.append(_dt.date.fromisoformat(text))
            except ValueError:
                self.f.error(item, f"`{text}` is not a date", 'write dates as "YYYY-MM-DD", e.g. "2026-12-24"')
        return tuple(dates)

    def _variables(self, top: dict) -> None:
        if "variables" not in top:
            return
        f = self.f
        for name, (key_node, node) in (f.mapping(top["variables"][1], "`variables`") or {}).items():
            if not _ID.match(name):
                f.error(key_node, f"`{name}` is not a valid variable name", "use letters, digits, `_` and `-`")
                continue
            fields = f.mapping(node, f"variable `{name}`")
            if fields is None:
                continue
            f.unknown_fields(fields, ("values", "default", "description"), f"variable `{name}`")
            values: list[str] = []
            if "values" not in fields:
                f.error(key_node, f"variable `{name}` needs `values` (the values a branch can choose by)")
            else:
                for item in f.sequence(fields["values"][1], "`values`") or []:
                    value = f.scalar_text(item, "a variable value")
                    if value is not None:
                        values.append(value)
            default = values[0] if values else None
            if "default" in fields:
                default = f.scalar_text(fields["default"][1], "`default`")
                if default is not None and values and default not in values:
                    f.error(fields["default"][1], f"`{default}` is not one of the values of `{name}`",
                            did_you_mean(default, values))
            description = f.scalar_text(fields["description"][1], "`description`") if "description" in fields else None
            if values and default is not None:
                self.variables[name] = Variable(name, tuple(values), default, f.span(key_node), description)

    # -- options and handlers ---------------------------------------------

    def _options(self, node: yaml.Node, what: str, *, is_global: bool = False) -> tuple[Option, ...]:
        f = self.f
        pairs = f.mapping(node, f"`{what}`")
        if pairs is None:
            return ()
        if not pairs:
            f.error(node, f"`{what}` has no options")
        options = []
        total_share = 0.0
        for key, (key_node, value_node) in pairs.items():
            if not self._key_ok(key, key_node):
                continue
            option = self._option(key, key_node, value_node, is_global)
            if option is not None:
                options.append(option)
                total_share += option.share or 0.0
        if total_share > 1.0 + 1e-9:
            f.error(node, f"the shares in `{what}` add up to {total_share:.2f}",
                    "a share is the fraction of callers at this menu who choose the option; together at most 1")
        return tuple(options)

    def _key_ok(self, key: str, node: yaml.Node) -> bool:
        if node.tag == _BOOL:
            return False  # reported by mapping()
        if node.style == "" and node.tag == _INT and len(key) > 1 and key.startswith("0"):
            self.f.error(node, f"the key `{key}` is read as the number {int(key, 8) if set(key) <= set('01234567') else key} by YAML 1.1 tools",
                         f'quote keys with leading zeros: "{key}":')
            return False
        if not _DTMF.match(key):
            hint = 'keys are 0-9, "*" and "#" (quoted), or digit strings such as "1000"'
            if key.upper() in ("A", "B", "C", "D"):
                hint = "the A-D DTMF keys are not on phone keypads; " + hint
            self.f.error(node, f"`{key}` is not a DTMF key", hint)
            return False
        return True

    def _option(self, key: str, key_node: yaml.Node, node: yaml.Node, is_global: bool) -> Option | None:
        f = self.f
        fields = f.mapping(node, f"option `{key}`")
        if fields is None:
            return None
        before = self.errors()
        for name in fields:
            if name not in OPTION_FIELDS:
                f.unknown_fields({name: fields[name]}, OPTION_FIELDS, f"option `{key}`")
        label = self.text(fields["label"][1], "`label`") if "label" in fields else None
        say = self.text(fields["say"][1], "`say`") if "say" in fields else None
        goto = self.target(fields["goto"][1], "goto") if "goto" in fields else None
        action = f.choice(fields["action"][1], "`action`", ACTIONS) if "action" in fields else None
        if "goto" in fields and "action" in fields:
            f.error(fields["action"][0], f"option `{key}` has both `goto` and `action`", "keep one of them")
        elif "goto" not in fields and "action" not in fields:
            f.error(key_node, f"option `{key}` needs `goto` (where the key leads) or `action` ({', '.join(ACTIONS)})")
        then = self.then(fields, goto, "goto")
        language = None
        if "language" in fields:
            language = f.string(fields["language"][1], "`language`", pattern=_LANGUAGE, expect="a language code")
            if language is not None and language not in self.languages:
                f.error(fields["language"][1], f"`{language}` is not one of this file's languages ({', '.join(self.languages)})")
        share = f.number(fields["share"][1], "`share`", low=0, high=1) if "share" in fields else None
        announce = f.boolean(fields["announce"][1], "`announce`") if "announce" in fields else True
        note = f.scalar_text(fields["note"][1], "`note`") if "note" in fields else None
        if self.errors() != before:
            return None
        return Option(
            key=key,
            key_span=f.span(key_node),
            span=f.span(node),
            label=label,
            say=say,
            goto=goto,
            then=then,
            action=action,
            language=language,
            share=share,
            announce=announce is not False,
            is_global=is_global,
            note=note,
        )

    def _handlers(self, node: yaml.Node, what: str) -> tuple[Handler, ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if isinstance(node, yaml.SequenceNode) and not items:
            self.f.error(node, f"`{what}` is an empty list", "give one handler, or a list of them")
        handlers = []
        for item in items:
            fields = self.f.mapping(item, f"a `{what}` handler")
            if fields is None:
                continue
            self.f.unknown_fields(fields, HANDLER_FIELDS, f"a `{what}` handler")
            goto = self.target(fields["goto"][1], "goto") if "goto" in fields else None
            handler = Handler(self.f.span(item), self.prompt(fields, item), goto, self.then(fields, goto, "goto"))
            if handler.prompt is None and goto is None and not set(fields) - set(HANDLER_FIELDS):
                self.f.error(item, f"this `{what}` handler does nothing", "give it `say` (or `audio`) and/or `goto`")
            handlers.append(handler)
        return tuple(handlers)

    # -- nodes -------------------------------------------------------------

    def _nodes(self, top: dict, root_node: yaml.Node) -> dict:
        f = self.f
        if "nodes" not in top:
            f.error(root_node, "the file needs `nodes`: the states of the call")
            return {}
        pairs = f.mapping(top["nodes"][1], "`nodes`")
        if pairs is None:
            return {}
        if not pairs:
            f.error(top["nodes"][1], "`nodes` is empty")
        nodes = {}
        for node_id, (key_node, value_node) in pairs.items():
            if not _ID.match(node_id):
                f.error(key_node, f"`{node_id}` is not a valid node id",
                        "start with a letter or `_`; use letters, digits, `_` and `-`")
                continue
            if node_id == RETURN:
                f.error(key_node, "`return` is reserved: it means \"go back to the file that jumped here\"",
                        "rename the node")
                continue
            node = self._node(node_id, key_node, value_node)
            if node is not None:
                nodes[node_id] = node
        return nodes

    def _node(self, node_id: str, key_node: yaml.Node, value: yaml.Node):
        f = self.f
        fields = f.mapping(value, f"node `{node_id}`")
        if fields is None:
            return None
        if "type" not in fields:
            f.error(key_node, f"node `{node_id}` needs a `type`", f"one of: {', '.join(NODE_TYPES)}")
            return None
        kind = f.scalar_text(fields["type"][1], "`type`")
        if kind is None:
            return None
        if kind not in NODE_TYPES:
            f.error(fields["type"][1], f"unknown node type `{shown(kind)}`",
                    did_you_mean(kind, NODE_TYPES) or f"the types are: {', '.join(NODE_TYPES)}")
            return None
        allowed = NODE_FIELDS[kind]
        f.unknown_fields(fields, allowed, f"{kind} node `{node_id}`", lambda name: _belongs_to(name))
        before = self.errors()
        common = dict(
            id=node_id,
            key=self.header.prefix + node_id,
            file=self.header.key,
            span=f.span(key_node),
            prompt=self.prompt(fields, value) if kind != "branch" else None,
            note=f.scalar_text(fields["note"][1], "`note`") if "note" in fields else None,
            lint_ignore=self._lint(fields["lint"][1]) if "lint" in fields else (),
        )
        if kind != "branch":
            common.update({k: v for k, v in self._overrides(fields, waiting=kind in ("menu", "input")).items() if v is not None})
        if kind in ("menu", "input"):
            if "fallback" in fields:
                common["fallback"] = self.target(fields["fallback"][1], "fallback")
            if "no_input" in fields:
                common["no_input"] = self._handlers(fields["no_input"][1], "no_input")
            if "no_match" in fields:
                common["no_match"] = self._handlers(fields["no_match"][1], "no_match")
        specific = getattr(self, f"_{kind}")(node_id, key_node, fields)
        if specific is None or self.errors() != before:
            return None
        return NODE_TYPES[kind](**common, **specific)

    def _lint(self, node: yaml.Node) -> tuple[tuple[str, Span], ...]:
        fields = self.f.mapping(node, "`lint`")
        if fields is None:
            return ()
        self.f.unknown_fields(fields, ("ignore",), "`lint`")
        if "ignore" not in fields:
            return ()
        codes = []
        for item in self.f.sequence(fields["ignore"][1], "`ignore`") or []:
            code = self.f.scalar_text(item, "a rule code or name")
            if code is not None:
                codes.append((code, self.f.span(item)))
        return tuple(codes)

    def _next(self, node_id: str, key_node: yaml.Node, fields: dict, kind: str) -> dict | None:
        if "next" not in fields:
            self.f.error(key_node, f"{kind} node `{node_id}` needs `next`: where the call goes afterwards")
            return None
        target = self.target(fields["next"][1], "next")
        return {"next": target, "then": self.then(fields, target, "next")} if target is not None else None

    def _menu(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        f = self.f
        result: dict = {}
        if "options" in fields:
            result["options"] = self._options(fields["options"][1], "options")
        elif "extensions" not in fields:
            f.error(key_node, f"menu `{node_id}` needs `options`")
            return None
        if "announce_options" in fields:
            result["announce_options"] = f.boolean(fields["announce_options"][1], "`announce_options`")
        if "global_options" in fields:
            result["global_options"] = self._menu_globals(fields["global_options"][1])
        if "extensions" in fields:
            extension = self._extensions(fields["extensions"][1])
            if extension is not None:
                result["extensions"], result["extension_patterns"] = extension
                result["extensions_span"] = f.span(fields["extensions"][1])
        if "max_digits" in fields:
            result["max_digits"] = self._max_digits(fields["max_digits"][1], result.get("options", ()))
            if result["max_digits"] is not None and result.get("extensions") is not None:
                self._extensions_within(result["max_digits"], result, fields["extensions"][1])
        if result.get("announce_options", True) is not False:
            self._require_labels(result.get("options", ()))
        return result

    def _require_labels(self, options: tuple[Option, ...]) -> None:
        for option in options:
            if option.announce and option.label is None and option.say is None:
                self.loader.diagnostics.append(Diagnostic(
                    option.key_span,
                    f"option `{option.key}` is announced but has no `label`",
                    "add `label:` (it is read as \"To {label}, press " + option.key + ".\"), or `announce: false`",
                ))

    def _menu_globals(self, node: yaml.Node):
        f = self.f
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            return f.boolean(node, "`global_options`")
        items = f.sequence(node, "`global_options` (true, false, or a list of keys)")
        if items is None:
            return None
        keys = []
        for item in items:
            key = f.scalar_text(item, "a global option key")
            if key is None:
                continue
            if key not in self.global_keys:
                f.error(item, f"`{key}` is not one of the file's global options ({', '.join(self.global_keys) or 'none'})")
                continue
            keys.append(key)
        return tuple(keys)

    def _extensions(self, node: yaml.Node):
        """`((min, max, goto), patterns)`; with `patterns`, `min` and `max` default to the lengths they take."""
        f = self.f
        fields = f.mapping(node, "`extensions`")
        if fields is None:
            return None
        f.unknown_fields(fields, ("min", "max", "goto", "patterns"), "`extensions`")
        needed = ("goto",) if "patterns" in fields else ("min", "max", "goto")
        missing = [name for name in needed if name not in fields]
        if missing:
            f.error(node, f"`extensions` needs {', '.join(f'`{m}`' for m in missing)}",
                    "for example: extensions: {min: 4, max: 4, goto: dial_extension}, "
                    "or extensions: {patterns: [\"10[01]X\"], goto: dial_extension}")
            return None
        patterns = self._patterns(fields["patterns"][1]) if "patterns" in fields else ()
        low = f.number(fields["min"][1], "`min`", low=1, high=16, integer=True) if "min" in fields else None
        high = f.number(fields["max"][1], "`max`", low=1, high=16, integer=True) if "max" in fields else None
        goto = self.target(fields["goto"][1], "goto")
        if patterns is None or goto is None or ("min" in fields and low is None) or ("max" in fields and high is None):
            return None
        if patterns:
            low = min(p.shortest for p in patterns) if low is None else low
            high = max(p.longest for p in patterns) if high is None else high
        if high < low:
            if "max" not in fields:
                f.error(fields["min"][1], f"the patterns take at most {high} digits, fewer than `min` ({low})")
            elif "min" not in fields:
                f.error(fields["max"][1], f"the patterns take at least {low} digits, more than `max` ({high})")
            else:
                f.error(fields["max"][1], f"`max` ({high}) is smaller than `min` ({low})")
            return None
        for pattern, item in zip(patterns, fields["patterns"][1].value if patterns else ()):
            if max(low, pattern.shortest) > min(high, pattern.longest):
                f.error(item, f"the pattern `{pattern.text}` takes no extension of {low}-{high} digits",
                        "change `min`/`max`, or remove them: patterns give their own lengths")
                return None
        return (low, high, goto), tuple(p.text for p in patterns)

    def _patterns(self, node: yaml.Node):
        """The compiled patterns of `extensions.patterns`, each problem positioned at its character."""
        f = self.f
        items = f.sequence(node, "`patterns` (a list of patterns such as \"10[01]X\")")
        if items is None:
            return None
        if not items:
            f.error(node, "`patterns` is empty", "list at least one pattern, such as \"10[01]X\"")
            return None
        compiled, seen, ok = [], set(), True
        for item in items:
            text = f.scalar_text(item, "a pattern")
            if text is None:
                ok = False
                continue
            try:
                pattern = compile_pattern(text)
            except PatternProblem as problem:
                self.loader.diagnostics.append(Diagnostic(_inside(f.span(item), item, problem.offset),
                                                          f"extension pattern `{shown(text)}`: {problem.message}",
                                                          problem.hint))
                ok = False
                continue
            if text in seen:
                f.error(item, f"the pattern `{text}` is listed twice")
                ok = False
            seen.add(text)
            compiled.append(pattern)
        return tuple(compiled) if ok else None

    def _max_digits(self, node: yaml.Node, options: tuple[Option, ...]) -> int | None:
        value = self.f.number(node, "`max_digits`", low=1, high=16, integer=True)
        if value is None:
            return None
        for option in options or ():
            if len(option.key) > value:
                self.loader.diagnostics.append(Diagnostic(
                    option.key_span, f"option `{option.key}` is longer than `max_digits` ({value})",
                    "the menu stops listening after `max_digits` keys: raise it, or shorten the key"))
        return value

    def _extensions_within(self, keys: int, result: dict, node: yaml.Node) -> None:
        """With `max_digits` the menu acts after that many keys and `#` only ends them early: an extension that
        needs more keys, or a `#` inside a pattern, can never be dialled."""
        f = self.f
        low = result["extensions"][0]
        if low > keys:
            f.error(node, f"every extension takes at least {low} digits, but the menu acts after `max_digits` "
                          f"({keys}) keys: none can be dialled", "raise `max_digits`, or shorten the extensions")
            return
        items = {}
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "patterns" and isinstance(value, yaml.SequenceNode):
                    items = {item.value: item for item in value.value if isinstance(item, yaml.ScalarNode)}
        for text in result.get("extension_patterns", ()):
            if "#" in text or compile_pattern(text).shortest > keys:
                why = ("`#` ends the keys in a menu with `max_digits`" if "#" in text else
                       f"it needs more than `max_digits` ({keys}) keys")
                f.error(items.get(text, node), f"the pattern `{text}` can never be dialled: {why}",
                        "change the pattern, or `max_digits`")

    def _message(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        return self._next(node_id, key_node, fields, "message")

    def _input(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        f = self.f
        result = self._next(node_id, key_node, fields, "input") or {}
        if "digits" not in fields:
            f.error(key_node, f"input node `{node_id}` needs `digits`", "for example: digits: {min: 8, max: 8}")
            return None
        digits = f.mapping(fields["digits"][1], "`digits`")
        if digits is None:
            return None
        f.unknown_fields(digits, ("min", "max", "terminator"), "`digits`")
        if "max" not in digits:
            f.error(fields["digits"][0], "`digits` needs `max`: the most digits a caller can enter")
            return None
        high = f.number(digits["max"][1], "`max`", low=1, high=64, integer=True)
        low = f.number(digits["min"][1], "`min`", low=1, high=64, integer=True) if "min" in digits else 1
        if high is not None and low is not None and high < low:
            f.error(digits["max"][1], f"`max` ({high}) is smaller than `min` ({low})")
        result.update(min_digits=low, max_digits=high)
        if "terminator" in digits:
            node = digits["terminator"][1]
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
                result["terminator"] = None
            else:
                result["terminator"] = f.choice(node, "`terminator`", ("#", "*"))
        if "store" in fields:
            result["store"] = f.string(fields["store"][1], "`store`", pattern=_ID, expect="a variable name")
        for flag in ("confirm", "secret"):
            if flag in fields:
                result[flag] = f.boolean(fields[flag][1], f"`{flag}`")
        if result.get("confirm") and result.get("secret"):
            f.error(fields["confirm"][0], "a `secret` entry cannot be read back with `confirm`",
                    "remove `confirm`, or the entry is not secret")
        return result if "next" in result else None

    def _branch(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        f = self.f
        result: dict = {}
        if ("schedule" in fields) == ("variable" in fields):
            f.error(key_node, f"branch `{node_id}` needs exactly one of `schedule` or `variable`")
            return None
        if "schedule" in fields:
            name = f.scalar_text(fields["schedule"][1], "`schedule`")
            if name is not None and name not in self.schedules:
                if name not in self._declared("schedules"):
                    f.error(fields["schedule"][1], f"there is no schedule `{name}`",
                            did_you_mean(name, self._declared("schedules")) or "define it under `schedules`")
                return None
            result["schedule"] = name
            allowed = ("open", "closed", "holiday")
            complete = {"open", "closed"}
        else:
            name = f.scalar_text(fields["variable"][1], "`variable`")
            if name is not None and name not in self.variables:
                if name not in self._declared("variables"):
                    f.error(fields["variable"][1], f"there is no variable `{name}`",
                            did_you_mean(name, self._declared("variables")) or "define it under `variables`")
                return None
            result["variable"] = name
            allowed = self.variables[name].values if name else ()
            complete = set(allowed)
        if "cases" not in fields:
            f.error(key_node, f"branch `{node_id}` needs `cases`")
            return None
        cases = []
        for value, (case_key, target_node) in (f.mapping(fields["cases"][1], "`cases`") or {}).items():
            if value not in allowed:
                f.error(case_key, f"`{value}` is not a case of this branch",
                        did_you_mean(value, allowed) or f"the cases are: {', '.join(allowed)}")
                continue
            target = self.target(target_node, f"case {value}")
            if target is not None:
                cases.append((value, target))
        result["cases"] = tuple(cases)
        if "default" in fields:
            result["default"] = self.target(fields["default"][1], "default")
        elif not complete <= {value for value, _ in cases}:
            missing = sorted(complete - {value for value, _ in cases})
            f.error(key_node, f"branch `{node_id}` has no case for {', '.join(f'`{m}`' for m in missing)} and no `default`",
                    "add the missing cases, or `default:`")
        return result

    def _declared(self, section: str) -> list[str]:
        node = self.header.top.get(section)
        if node is None or not isinstance(node[1], yaml.MappingNode):
            return []
        return [key.value for key, _ in node[1].value if isinstance(key, yaml.ScalarNode)]

    def _transfer(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        f = self.f
        result: dict = {}
        if ("queue" in fields) == ("number" in fields):
            f.error(key_node, f"transfer `{node_id}` needs exactly one of `queue` or `number`")
        if "queue" in fields:
            result["queue"] = f.scalar_text(fields["queue"][1], "`queue`")
        if "number" in fields:
            result["number"] = self._phone_number(fields["number"][1])
        if "person" in fields:
            node = fields["person"][1]
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and node.value == "unknown":
                # an importer's (or a designer's) "cannot tell": counted as maybe a person, shown as unknown
                result["person"], result["person_known"] = True, False
            elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool"):
                result["person"] = f.boolean(node, "`person`")
            else:
                value = shown(node.value) if isinstance(node, yaml.ScalarNode) else f"a {node.id}"
                f.error(node, f"`person` must be `true`, `false` or `unknown`, not `{value}`",
                        "write `unknown` when it is not known whether a person answers (another system's flow)")
        if "hours" in fields:
            name = f.scalar_text(fields["hours"][1], "`hours`")
            if name is not None and name not in self._declared("schedules"):
                f.error(fields["hours"][1], f"there is no schedule `{name}`",
                        did_you_mean(name, self._declared("schedules")) or "define it under `schedules`")
            result["hours"] = name
            if "closed" not in fields:
                f.error(fields["hours"][0], "a transfer with `hours` needs `closed`: where callers go outside them")
        elif "closed" in fields:
            f.error(fields["closed"][0], "`closed` needs `hours`: the schedule that says when the transfer is closed")
        for name in ("closed", "busy", "no_answer", "overflow"):
            if name in fields:
                result[name] = self.target(fields[name][1], name)
        if "announce_wait" in fields:
            result["announce_wait"] = f.boolean(fields["announce_wait"][1], "`announce_wait`")
        if "max_wait" in fields:
            result["max_wait"] = f.number(fields["max_wait"][1], "`max_wait`", low=1, high=86400, unit="seconds")
        if ("max_wait" in fields) != ("overflow" in fields):
            present, missing = ("max_wait", "overflow") if "max_wait" in fields else ("overflow", "max_wait")
            f.error(fields[present][0], f"`{present}` needs `{missing}`",
                    "`max_wait` is how long callers wait in the queue; `overflow` is where they go then")
        if "callback" in fields:
            offer = f.mapping(fields["callback"][1], "`callback`")
            if offer is not None:
                f.unknown_fields(offer, ("offer_after", "goto"), "`callback`")
                if "offer_after" not in offer or "goto" not in offer:
                    f.error(fields["callback"][1], "`callback` needs `offer_after` (seconds) and `goto` (a callback node)")
                else:
                    result["callback_offer_after"] = f.number(offer["offer_after"][1], "`offer_after`",
                                                              low=0, high=86400, unit="seconds")
                    result["callback"] = self.target(offer["goto"][1], "goto")
        return result

    def _phone_number(self, node: yaml.Node) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.style == "" and node.tag in (_INT, _FLOAT):
            self.f.error(node, f"write the number `{node.value}` in quotes",
                         f'YAML reads unquoted numbers as numbers (a leading 0 even as octal, a + is dropped): number: "{node.value}"')
            return None
        return self.f.scalar_text(node, "`number`")

    def _voicemail(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        result: dict = {}
        if "next" in fields:
            result = self._next(node_id, key_node, fields, "voicemail") or {}
        elif "then" in fields:
            self.f.error(fields["then"][0], "`then` needs `next`: where the call goes after the recording")
        if "mailbox" in fields:
            result["mailbox"] = self.f.scalar_text(fields["mailbox"][1], "`mailbox`")
        if "max_length" in fields:
            result["max_length"] = self.f.number(fields["max_length"][1], "`max_length`", low=5, high=3600, unit="seconds")
        return result

    def _callback(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        result: dict = {}
        if "number" in fields:
            result["number"] = self.f.choice(fields["number"][1], "`number`", ("caller", "ask"))
        if "confirm" in fields:
            result["confirm"] = self.f.choice(fields["confirm"][1], "`confirm`", ("sms", "call", "email", "none"))
        return result

    def _hangup(self, node_id: str, key_node: yaml.Node, fields: dict) -> dict | None:
        return {}

    def _entry(self, top: dict, root_node: yaml.Node) -> Target | None:
        if "entry" not in top:
            self.f.error(root_node, "the file needs an `entry`: the node where a call starts")
            return None
        node = top["entry"][1]
        raw = self.f.scalar_text(node, "`entry`")
        if raw is None:
            return None
        span = self.f.span(node)
        if raw not in self.header.node_ids:
            self.f.error(node, f"the entry `{raw}` is not a node of this file",
                         did_you_mean(raw, self.header.node_ids) or "set `entry` to the id of the first node")
            return None
        return Target(raw, self.header.prefix + raw, span)


def _inside(span: Span, node: yaml.Node, offset: int) -> Span:
    """The position of character `offset` of a one-line scalar (after its opening quote, if any)."""
    if span.line != span.end_line:
        return span
    col = span.col + offset + (1 if getattr(node, "style", None) in ("'", '"') else 0)
    return Span(span.path, span.line, col, span.line, col + 1)


def _belongs_to(name: str) -> str | None:
    owners = [kind for kind, fields in NODE_FIELDS.items() if name in fields]
    if owners:
        return f"`{name}` belongs to {' and '.join(owners)} nodes"
    if name in OPTION_FIELDS:
        return f"`{name}` belongs to an option (under `options`)"
    if name in SETTINGS_FIELDS:
        return f"`{name}` belongs in `settings`"
    return did_you_mean(name, _ALL_NODE_FIELDS)

"""Read and validate linter configuration files: `[tool.ivrkit.lint]` or `.ivrkit.yaml`.

Layout (the same keys in both files)::

    # pyproject.toml                        # .ivrkit.yaml
    [tool.ivrkit.lint]                      lint:
    select = ["ALL"]                          select: [ALL]
    ignore = ["WD"]                           ignore: [WD]
    locale = "fi"                             locale: fi
    glossary = ["PIN"]                        glossary: [PIN]
    baseline = "ivrkit-baseline.json"         baseline: ivrkit-baseline.json
    [tool.ivrkit.lint.rules.max-depth]        rules:
    level = "error"                             max-depth: {level: error, max_depth: 4}
    max_depth = 4

The file is found by walking up from the linted file (as ruff does): in each
folder `.ivrkit.yaml` is taken first, then a `pyproject.toml` that has a
`[tool.ivrkit]` table; the walk stops after the folder holding `.git`. Every
key is checked against the rule registry; a problem is a `Diagnostic` with
the file, line and column and a "did you mean" hint, raised as `ConfigError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, did_you_mean
from ..model import Span, replace
from ..yamlfields import MAX_NUMBER_DIGITS
from .config import LOCALES, LintConfig, is_known_pattern, known_patterns
from .finding import Level

__all__ = [
    "ConfigError",
    "CONFIG_FILES",
    "LINT_KEYS",
    "find_config",
    "load_config",
    "ConfigResolver",
    "with_overrides",
    "unknown_patterns",
]

CONFIG_FILES = (".ivrkit.yaml", "pyproject.toml")
SECTIONS = ("lint",)  # tables under [tool.ivrkit] (or top-level keys of .ivrkit.yaml)
LINT_KEYS = ("select", "ignore", "rules", "locale", "glossary", "baseline", "exclude")
LEVEL_WORDS = ("error", "warning", "info", "off")

KeyPath = tuple[str, ...]


class ConfigError(Exception):
    """A configuration file (or flag) that cannot be used; `diagnostics` says why and where."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("; ".join(str(d) for d in diagnostics))


# -- finding the file ---------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The configuration file for `start` (a file or folder), walking up the folders."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_ivrkit_table(path)):
                return path
        if (candidate / ".git").exists():
            return None
    return None


def _has_ivrkit_table(path: Path) -> bool:
    from .. import yamlsource

    data, _ = yamlsource.read_bytes(path, str(path))  # a regular file within the size limit, or nothing
    return data is not None and re.search(rb"^\s*\[\s*tool\.ivrkit\b", data, re.MULTILINE) is not None


class ConfigResolver:
    """The configuration of each linted file: an explicit `--config` file, or the nearest one found."""

    def __init__(self, explicit: str | None = None, overrides: Callable[[LintConfig], LintConfig] | None = None):
        self._explicit = Path(explicit) if explicit else None
        self._overrides = overrides or (lambda config: config)
        self._by_file: dict[Path | None, LintConfig] = {}

    def for_path(self, path: Path) -> LintConfig:
        """Raises `ConfigError` when the file that applies is invalid."""
        source = self._explicit or find_config(path)
        key = source.resolve() if source else None
        if key not in self._by_file:
            base = load_config(source) if source else LintConfig()
            self._by_file[key] = self._overrides(base)
        return self._by_file[key]


def with_overrides(config: LintConfig, *, select=None, ignore=None, locale=None, baseline=None) -> LintConfig:
    """Apply command-line flags: `select` replaces, `ignore` adds, `locale`/`baseline` replace."""
    changes: dict[str, Any] = {}
    if select:
        changes["select"] = tuple(select)
    if ignore:
        changes["ignore"] = config.ignore + tuple(ignore)
    if locale:
        changes["locale"] = locale
    if baseline:
        changes["baseline"] = baseline
    return replace(config, **changes) if changes else config


def unknown_patterns(patterns: list[str]) -> list[tuple[str, str | None]]:
    """The patterns that name no rule, each with a "did you mean" hint."""
    from ..rules import all_rules

    rules = all_rules()
    words = known_patterns(rules)
    return [(p, did_you_mean(p, words)) for p in patterns if not is_known_pattern(p, rules)]


# -- reading ---------------------------------------------------------------------


def load_config(path: str | Path) -> LintConfig:
    """Read and validate one configuration file.

    Both kinds are read by `yamlsource.read_bytes` (a regular file within the
    size limit, never a FIFO or device) and decoded with its messages; YAML is
    composed by `yamlsource.compose`, the one guarded reader (nesting, alias
    bombs, characters), and TOML is held to the same nesting and number limits.
    """
    from .. import yamlsource
    from ..diagnostics import display_path, one_line

    path = Path(path)
    display = display_path(path.resolve()) if path.is_absolute() else one_line(str(path))
    data, problems = yamlsource.read_bytes(path, display, what="configuration file")
    if data is None:
        raise ConfigError(problems)
    toml = path.suffix == ".toml"
    source, problems = yamlsource.decode(data, display, allow_empty=True, characters=not toml)
    if source is None:
        raise ConfigError(problems)
    document = _TomlDocument(display, source.text) if toml else _YamlDocument(display, source.text)
    return _Validator(document, path.resolve().parent).run()


class _Document:
    """Configuration data with a way to find where each key was written."""

    display: str
    data: dict
    prefix: KeyPath  # where the ivrkit settings live inside `data`
    problems: list[Diagnostic]

    def span(self, keys: KeyPath) -> Span:
        raise NotImplementedError

    def name(self, keys: KeyPath) -> str:
        raise NotImplementedError


# The TOML patterns are compiled (and kept by `re`) the first time a pyproject.toml is read, not at every start-up.
_TOML_HEADER = r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$"
_TOML_KEY = r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="


class _TomlDocument(_Document):
    def __init__(self, display: str, text: str):
        self.display, self.problems, self.prefix = display, [], ("tool", "ivrkit")
        self.lines = text.splitlines()
        self.positions = self._positions()
        self.data = {}
        beyond = _toml_beyond_limits(text)
        if beyond is not None:
            line, col, message = beyond
            self.problems.append(Diagnostic(Span(display, line, col, line, col + 1), message))
            return
        import tomllib  # only where a pyproject.toml has a [tool.ivrkit] table: 2-3 ms of a start-up

        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            line, col = _toml_error_position(str(error))
            self.problems.append(Diagnostic(Span(display, line, col, line, col + 1), f"invalid TOML: {error}"))
        except (RecursionError, ValueError, MemoryError) as error:  # limits of tomllib itself
            self.problems.append(
                Diagnostic(Span(display, 1, 1, 1, 2), f"the TOML cannot be read ({type(error).__name__})")
            )

    def _positions(self) -> dict[KeyPath, tuple[int, int]]:
        positions: dict[KeyPath, tuple[int, int]] = {}
        table: KeyPath = ()
        header_pattern, key_pattern = re.compile(_TOML_HEADER), re.compile(_TOML_KEY)
        for number, line in enumerate(self.lines, 1):
            header = header_pattern.match(line)
            if header:
                table = _split_dotted(header.group(1))
                positions.setdefault(table, (number, header.start(1) + 1))
                continue
            key = key_pattern.match(line)
            if key:
                positions.setdefault(table + _split_dotted(key.group(1)), (number, key.start(1) + 1))
        return positions

    def span(self, keys: KeyPath) -> Span:
        for size in range(len(keys), 0, -1):
            if keys[:size] in self.positions:
                line, col = self.positions[keys[:size]]
                if size < len(keys):  # inside an inline table: look for the key on the following lines
                    line, col = self._search(keys[-1], line, col)
                return Span(self.display, line, col, line, col + len(keys[-1]))
        return Span(self.display, 1, 1, 1, 1)

    def _search(self, key: str, line: int, col: int) -> tuple[int, int]:
        pattern = re.compile(rf"(?<![\w-])[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(line, len(self.lines) + 1):
            found = pattern.search(self.lines[number - 1], col if number == line else 0)
            if found:
                return number, found.start() + 1
        return line, col

    def name(self, keys: KeyPath) -> str:
        return "[" + ".".join(keys) + "]"


def _split_dotted(text: str) -> KeyPath:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([^.\s]+)", text)
    return tuple(next(p for p in part if p) if any(part) else "" for part in parts)


_TOML_TOKEN = (
    r"""\"\"\"[\s\S]*?\"\"\"|'\'\'[\s\S]*?'\'\'|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*"""
    r"|^[ \t]*\[\[?[^\]\n]*\]\]?[ \t]*(?:#[^\n]*)?$|[\[\]{}]|(?<![\w.])[0-9][0-9_]{100,}"
)


def _toml_beyond_limits(text: str) -> tuple[int, int, str] | None:
    """Where TOML nests past MAX_DEPTH or writes a number of more digits than ivrkit reads (without recursion)."""
    from .. import yamlsource

    if text.count("[") + text.count("{") <= yamlsource.MAX_DEPTH and re.search(r"[0-9]{100}", text) is None:
        return None  # the common case: nothing to look for
    depth = 0
    for match in re.finditer(_TOML_TOKEN, text, re.MULTILINE):
        token = match.group()
        first = token.lstrip(" \t")[:1]
        if token[0] in "\"'#":
            continue
        if first == "[" and len(token) > 1:  # a table header, or an array alone on a line inside an array
            if depth == 0:
                continue
            depth = max(0, depth + token.count("[") - token.count("]"))
            if depth > yamlsource.MAX_DEPTH:
                line, col = yamlsource.line_col(text, match.start())
                return line, col, f"the TOML is nested more than {yamlsource.MAX_DEPTH} levels deep"
            continue
        if first in "[{":
            depth += 1
            if depth > yamlsource.MAX_DEPTH:
                line, col = yamlsource.line_col(text, match.end() - 1)
                return line, col, f"the TOML is nested more than {yamlsource.MAX_DEPTH} levels deep"
        elif first in "]}":
            depth = max(0, depth - 1)
        elif first.isdigit() and sum(c.isdigit() for c in token) > MAX_NUMBER_DIGITS:
            line, col = yamlsource.line_col(text, match.start())
            return (
                line,
                col,
                f"a number of {sum(c.isdigit() for c in token):,} digits is too long (at most {MAX_NUMBER_DIGITS})",
            )
    return None


def _toml_error_position(message: str) -> tuple[int, int]:
    found = re.search(r"line (\d+), column (\d+)", message)
    return (int(found.group(1)), int(found.group(2))) if found else (1, 1)


_PLAIN_TAGS = frozenset("tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null"))
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _YamlDocument(_Document):
    """`.ivrkit.yaml`, composed so that every key keeps its line and column."""

    def __init__(self, display: str, text: str):
        from .. import yamlsource

        self.display, self.problems, self.prefix = display, [], ()
        self.positions: dict[KeyPath, Span] = {}
        self.reported: set[KeyPath] = set()  # values already reported as unreadable
        root, problems = yamlsource.compose(yamlsource.Source(display, text)) if text.strip() else (None, [])
        self.problems += problems
        self.data = self._value(root, ()) if root is not None else {}
        if root is not None and not isinstance(self.data, dict):
            self.problems.append(
                Diagnostic(
                    yamlsource.node_span(display, root), "the configuration must be a mapping with a `lint:` key"
                )
            )
            self.data = {}

    def _value(self, node: yaml.Node, keys: KeyPath) -> Any:
        from .. import yamlsource

        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                span = yamlsource.node_span(self.display, key_node)
                if not isinstance(key_node, yaml.ScalarNode):  # a list or a mapping, whatever its tag
                    self.problems.append(Diagnostic(span, "a key of the configuration must be plain text"))
                    continue
                key = str(key_node.value)
                if key in result:
                    self.problems.append(Diagnostic(span, f"duplicate key `{key}`", "remove one of them"))
                    continue
                self.positions[keys + (key,)] = span
                result[key] = self._value(value_node, keys + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._value(item, keys) for item in node.value]
        assert isinstance(node, yaml.ScalarNode)  # a YAML node is a mapping, a sequence or a scalar
        return self._scalar(node, keys)

    def _scalar(self, node: yaml.ScalarNode, keys: KeyPath) -> Any:
        """A scalar as configuration wants it: text, a boolean, a number or nothing; never an exception."""
        from .. import yamlsource

        tag, value = node.tag, node.value
        if tag == "tag:yaml.org,2002:int" or tag == "tag:yaml.org,2002:float":
            if sum(c.isdigit() for c in value) > MAX_NUMBER_DIGITS:
                self.problems.append(
                    Diagnostic(
                        yamlsource.node_span(self.display, node),
                        f"a number of {len(value):,} characters is too long (at most {MAX_NUMBER_DIGITS} digits)",
                    )
                )
                self.reported.add(keys)
                return None
        if tag in _PLAIN_TAGS:
            try:
                return _CONSTRUCTOR.construct_object(node)
            except (yaml.YAMLError, ValueError, ArithmeticError):
                pass
        return value  # timestamps, binary and unknown tags: the text as written

    def span(self, keys: KeyPath) -> Span:
        for size in range(len(keys), 0, -1):
            if keys[:size] in self.positions:
                return self.positions[keys[:size]]
        return Span(self.display, 1, 1, 1, 1)

    def name(self, keys: KeyPath) -> str:
        return "`" + ".".join(keys) + "`" if keys else "the file"


# -- validating -----------------------------------------------------------------


class _Validator:
    """Turns a document into a `LintConfig`, collecting every problem with its position."""

    def __init__(self, document: _Document, folder: Path):
        self.doc = document
        self.folder = folder
        self.problems = list(document.problems)
        self.lint_keys: KeyPath = document.prefix + ("lint",)

    def run(self) -> LintConfig:
        top = self._table(self.doc.data, ())
        for key in self.doc.prefix:
            top = self._table(top.get(key, {}), ())
        self._unknown(top, SECTIONS, self.doc.prefix, self._misplaced)
        table = self._table(top.get("lint", {}), self.lint_keys)
        self._unknown(table, LINT_KEYS, self.lint_keys)
        config = self._config(table)
        if self.problems:
            raise ConfigError(self.problems)
        return config

    def _config(self, table: dict) -> LintConfig:
        levels, options, off = self._rules(self._table(table.get("rules", {}), self.lint_keys + ("rules",)))
        locale = self._choice(table, "locale", LOCALES)
        baseline = self._string(table, "baseline")
        return LintConfig(
            select=tuple(self._patterns(table, "select")),
            ignore=tuple(self._patterns(table, "ignore")) + tuple(off),
            levels=levels,
            options=options,
            locale=locale or LintConfig.locale,
            glossary=tuple(self._strings(table, "glossary")),
            baseline=str(self.folder / baseline) if baseline else None,
            source=self.doc.display,
            exclude=tuple(
                (self.folder / pattern).resolve().as_posix()
                if not any(c in pattern for c in "*?[")
                else (self.folder.resolve() / pattern).as_posix()
                for pattern in self._strings(table, "exclude")
            ),
        )

    def _rules(self, table: dict):
        from ..rules import all_rules, get_rule

        levels: dict[str, Level] = {}
        options: dict[str, dict[str, Any]] = {}
        off: list[str] = []
        names = [word for rule in all_rules() for word in (rule.code, rule.name)]
        for key, settings in table.items():
            keys = self.lint_keys + ("rules", key)
            rule = get_rule(key)
            if rule is None:
                self._error(keys, f"unknown rule `{key}` in {self.doc.name(keys[:-1])}", did_you_mean(key, names))
                continue
            settings = self._table(settings, keys)
            for name, value in settings.items():
                if name == "level":
                    level = self._level(value, keys + (name,))
                    if level == "off":
                        off.append(rule.code)
                    elif level is not None:
                        levels[rule.code] = level
                elif name in rule.options:
                    checked = self._option(rule.options[name], value, keys + (name,), f"{rule.code} `{name}`")
                    options.setdefault(rule.code, {})[name] = checked
                else:
                    allowed = ("level", *rule.options)
                    self._error(
                        keys + (name,),
                        f"unknown option `{name}` of rule {rule.code} ({rule.name})",
                        did_you_mean(name, allowed) or f"its options are: {', '.join(allowed)}",
                    )
        return levels, options, off

    def _option(self, option, value, keys: KeyPath, what: str):
        try:
            return option.check(value)
        except ValueError as error:
            self._error(keys, f"{what} {error}", f"the default is {option.default!r}")
            return option.default

    def _level(self, value: Any, keys: KeyPath):
        if value is False:  # YAML 1.1 reads an unquoted `off` as false
            return "off"
        if not isinstance(value, str) or value.lower() not in LEVEL_WORDS:
            self._error(
                keys,
                f"`level` must be one of {', '.join(LEVEL_WORDS)}, not {value!r}",
                did_you_mean(str(value), LEVEL_WORDS),
            )
            return None
        return "off" if value.lower() == "off" else Level.parse(value)

    # -- typed readers --

    def _table(self, value: Any, keys: KeyPath) -> dict:
        if isinstance(value, dict):
            return value
        self._error(keys, f"{self.doc.name(keys)} must be a table (a mapping), not {value!r}")
        return {}

    def _strings(self, table: dict, key: str) -> list[str]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [part for part in re.split(r"[,\s]+", value) if part]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self._error(self.lint_keys + (key,), f"`{key}` must be a list of strings, not {value!r}")
            return []
        return value

    def _patterns(self, table: dict, key: str) -> list[str]:
        patterns = self._strings(table, key)
        for pattern, hint in unknown_patterns(patterns):
            self._error(self.lint_keys + (key,), f"`{key}` names an unknown rule or family `{pattern}`", hint)
        return patterns

    def _string(self, table: dict, key: str) -> str | None:
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            self._error(self.lint_keys + (key,), f"`{key}` must be text, not {value!r}")
            return None
        return value

    def _choice(self, table: dict, key: str, choices: tuple[str, ...]) -> str | None:
        value = self._string(table, key)
        if value is not None and value not in choices:
            self._error(
                self.lint_keys + (key,),
                f"`{key}` must be one of {', '.join(choices)}, not `{value}`",
                did_you_mean(value, choices),
            )
            return None
        return value

    def _unknown(self, table: dict, allowed: tuple[str, ...], keys: KeyPath, elsewhere=None) -> None:
        for key in table:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or (elsewhere(key) if elsewhere else None)
                hint = hint or f"the keys are: {', '.join(allowed)}"
                self._error(keys + (key,), f"unknown key `{key}` in {self.doc.name(keys)}", hint)

    def _misplaced(self, key: str) -> str | None:
        if key in LINT_KEYS:
            return f"`{key}` is a lint setting: put it under {self.doc.name(self.lint_keys)}"
        return None

    def _error(self, keys: KeyPath, message: str, hint: str | None = None) -> None:
        if keys in getattr(self.doc, "reported", ()):
            return
        self.problems.append(Diagnostic(self.doc.span(keys), message, hint))

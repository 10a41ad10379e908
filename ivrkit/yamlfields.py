"""Typed, positioned reading of composed YAML: every problem becomes a Diagnostic, never an exception.

Shared by everything that reads YAML a designer wrote (menus, call scripts,
linter configuration), so the traps are caught the same way everywhere:
duplicate keys, YAML 1.1 booleans, merge keys, wrong types, numbers written
as text or as sexagesimal and octal values.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from .diagnostics import Diagnostic, did_you_mean
from .diagnostics import shown as _shown
from .model import Span

__all__ = [
    "FieldReader",
    "TAG_STR",
    "TAG_INT",
    "TAG_FLOAT",
    "TAG_BOOL",
    "TAG_NULL",
    "TAG_MERGE",
    "TAG_TIMESTAMP",
    "kind_of",
]

TAG_STR = _STR = "tag:yaml.org,2002:str"
TAG_INT = _INT = "tag:yaml.org,2002:int"
TAG_FLOAT = _FLOAT = "tag:yaml.org,2002:float"
TAG_BOOL = _BOOL = "tag:yaml.org,2002:bool"
TAG_NULL = _NULL = "tag:yaml.org,2002:null"
TAG_MERGE = _MERGE = "tag:yaml.org,2002:merge"
TAG_TIMESTAMP = _TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAX_NUMBER_DIGITS = 100  # the same limit as numbers in JSON (ivrkit.jsonfile)
_DECIMAL = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?\Z")
# Span is a NamedTuple; tuple.__new__ skips its Python-level __new__ (half a million spans on big files).
_new_span = tuple.__new__


class FieldReader:
    """Typed readers for composed YAML values; each records a Diagnostic and returns None on a problem."""

    def __init__(self, display: str, diagnostics: list[Diagnostic]):
        self.display = display
        self.diagnostics = diagnostics

    def span(self, node: yaml.Node) -> Span:
        start, end = node.start_mark, node.end_mark
        return _new_span(Span, (self.display, start.line + 1, start.column + 1, end.line + 1, end.column + 1))

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.span(node), message, hint))

    def mapping(
        self, node: yaml.Node, what: str, *, check: bool = True
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """Key → (key node, value node), with merge keys applied and duplicate keys reported."""
        if not isinstance(node, yaml.MappingNode):
            if check:
                self.error(node, f"{what} must be a mapping (`field: value` lines), not {_kind(node)}")
            return None
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for pair in node.value:
            key_node = pair[0]
            if key_node.tag == _STR and key_node.__class__ is yaml.ScalarNode and key_node.value not in result:
                # the common case, kept fast (a list or mapping can carry the !!str tag too)
                result[key_node.value] = pair
                continue
            value_node = pair[1]
            if key_node.tag == _MERGE:
                self._merge_into(merged, value_node, what)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                if check:
                    self.error(key_node, f"a key in {what} must be plain text, not {_kind(key_node)}")
                continue
            key = key_node.value
            if check and key_node.style == "" and key_node.tag == _BOOL:
                self.error(
                    key_node, f"the key `{key}` is read as the boolean {_bool_word(key)} by YAML", f'quote it: "{key}":'
                )
            elif check and key_node.tag == _NULL:
                self.error(key_node, f"{what} has an empty key")
                continue
            previous = result.get(key)
            if previous is not None:
                if check:
                    first = previous[0].start_mark
                    self.error(
                        key_node,
                        f"duplicate key `{_shown(key)}` in {what} (first written at line {first.line + 1}, column {first.column + 1})",
                        "YAML would silently keep only the last one; remove or rename one of them",
                    )
                continue
            result[key] = pair
        for key, merged_pair in merged.items():
            result.setdefault(key, merged_pair)
        return result

    def _merge_into(self, merged, value_node, what) -> None:
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                self.error(source, "a merge key (`<<`) takes a mapping or a list of mappings")
                continue
            for key, pair in (self.mapping(source, what, check=False) or {}).items():
                merged.setdefault(key, pair)

    def scalar_text(self, node: yaml.Node, what: str) -> str | None:
        """A text value; numbers are kept as written, booleans and nulls are refused."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be text, not {_kind(node)}")
            return None
        tag = node.tag
        if tag == _STR or tag == _INT or tag == _FLOAT or tag == _TIMESTAMP:
            return node.value
        if tag == _BOOL:
            if node.value.lower() in ("true", "false"):
                self.error(node, f"{what} must be text, not the boolean `{node.value}`", f'quote it: "{node.value}"')
            else:
                self.error(
                    node,
                    f"`{node.value}` is read as the boolean {_bool_word(node.value)} by YAML, not as text",
                    f'quote it: "{node.value}"',
                )
            return None
        if tag == _NULL:
            self.error(node, f"{what} is empty", "write a value, or remove the field")
            return None
        return node.value

    def string(self, node: yaml.Node, what: str, *, pattern: re.Pattern | None = None, expect: str = "") -> str | None:
        value = self.scalar_text(node, what)
        if value is not None and pattern is not None and not pattern.match(value):
            self.error(node, f"`{_shown(value)}` is not {expect}")
            return None
        return value

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            word = node.value.lower()
            if word in ("true", "false"):
                return word == "true"
            replacement = "true" if word in ("yes", "on") else "false"
            self.error(
                node,
                f"{what}: write `{replacement}` instead of `{node.value}`",
                "`yes`, `no`, `on` and `off` mean different things to different YAML tools",
            )
            return None
        shown = node.value if isinstance(node, yaml.ScalarNode) else _kind(node)
        self.error(node, f"{what} must be `true` or `false`, not `{_shown(shown)}`")
        return None

    def number(
        self, node: yaml.Node, what: str, *, low: float, high: float, integer: bool = False, unit: str = ""
    ) -> float | int | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT, _FLOAT) or not _DECIMAL.match(node.value):
            shown = node.value if isinstance(node, yaml.ScalarNode) else _kind(node)
            kind = "a whole number" if integer else "a number"
            digits = re.match(r"\s*([0-9]+(\.[0-9]+)?)", shown) if isinstance(shown, str) else None
            hint = f"write just the number{f' of {unit}' if unit else ''}: {digits.group(1)}" if digits else None
            if isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT):
                hint = "write a plain decimal number (YAML 1.1 reads 1:30 as 90 and 010 as 8)"
            self.error(node, f"{what} must be {kind}{f' of {unit}' if unit else ''}, not `{_shown(shown)}`", hint)
            return None
        if len(node.value) > MAX_NUMBER_DIGITS:  # int() refuses 4,301+ digits; no setting needs a hundred
            self.error(
                node,
                f"{what} must be between {_num(low)} and {_num(high)}{f' {unit}' if unit else ''}, "
                f"not a number of {len(node.value):,} characters",
            )
            return None
        value: float | int = int(node.value) if node.tag == _INT else float(node.value)
        if integer and not isinstance(value, int):
            self.error(node, f"{what} must be a whole number, not `{_shown(node.value)}`")
            return None
        if not low <= value <= high:
            self.error(
                node,
                f"{what} must be between {_num(low)} and {_num(high)}{f' {unit}' if unit else ''}, not {_shown(node.value)}",
            )
            return None
        return value

    def choice(self, node: yaml.Node, what: str, choices: tuple[str, ...]) -> str | None:
        value = self.scalar_text(node, what)
        if value is None:
            return None
        if value not in choices:
            self.error(
                node,
                f"{what} must be one of {', '.join(f'`{c}`' for c in choices)}, not `{_shown(value)}`",
                did_you_mean(value, choices),
            )
            return None
        return value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list, not {_kind(node)}", "write it as [a, b] or as `- a` lines")
            return None
        return node.value

    def unknown_fields(
        self, fields: dict, allowed: tuple[str, ...], where: str, elsewhere: Callable[[str], str | None] | None = None
    ) -> None:
        for name, (key_node, _) in fields.items():
            if name in allowed:
                continue
            hint = did_you_mean(name, allowed)
            if hint is None and elsewhere is not None:
                hint = elsewhere(name)
            self.error(key_node, f"unknown field `{name}` in {where}", hint)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "empty"
    return f"`{_shown(node.value)}`"


def _bool_word(word: str) -> str:
    return "true" if word.lower() in ("yes", "on", "true") else "false"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


kind_of = _kind

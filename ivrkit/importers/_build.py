"""Shared plumbing for the importers: node ids, source positions, kept source data, dangling targets.

An importer feeds a `Builder` the nodes it made (as v1 menu dicts), the
targets it referenced and whatever it could not map; `finish()` assembles the
menu dict in the order of docs/format.md, turns every target that names no
node into a `hangup` node saying so (real flows have dangling targets; an
import must still load), and returns the `Imported` result.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ._audio import confine_audio
from .base import Imported, SourceMap

__all__ = ["Builder", "seconds", "whole_number", "DTMF_KEY", "in_range", "LANGUAGE_TEMPLATES", "targets_of"]

DTMF_KEY = re.compile(r"(?:[0-9]+|\*|#)\Z")
_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
_SECONDS = re.compile(r"\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*(ms|s)?\s*\Z", re.IGNORECASE)
# Languages with a built-in option template (ivrkit.model.DEFAULT_OPTION_TEMPLATES).
LANGUAGE_TEMPLATES = ("en", "fi", "sv")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")

# Field ranges of docs/format.md: values outside them are kept as source data, not clamped.
RANGES = {
    "timeout": (0.5, 120),
    "inter_digit_timeout": (0.5, 60),
    "retries": (0, 10),
    "max_length": (5, 3600),
    "max_wait": (1, 86400),
}


def seconds(value: str | None, *, default_unit: str = "s") -> float | None:
    """`"5s"`, `"500ms"`, `"10"` (in `default_unit`) as seconds; None when it is not a duration."""
    if value is None:
        return None
    match = _SECONDS.match(str(value))
    if match is None:
        return None
    number = float(match.group(1))
    if not math.isfinite(number):  # hundreds of digits: no duration
        return None
    unit = (match.group(2) or default_unit).lower()
    result = number / 1000 if unit == "ms" else number
    return int(result) if result == int(result) else round(result, 3)


def whole_number(text: str | None, digits: int = 9) -> int | None:
    """A count written in ASCII digits (`"3"`), else None: `"²"`, `"-1"` or a number of 5,000 digits is no count."""
    if text is None:
        return None
    text = str(text).strip()
    if not re.fullmatch(rf"[0-9]{{1,{digits}}}", text):
        return None
    return int(text)


def in_range(field: str, value: float) -> bool:
    low, high = RANGES[field]
    return low <= value <= high


def language_code(raw: str | None) -> str | None:
    """A source language tag usable as the file's `language`, or None."""
    if not raw:
        return None
    parts = raw.replace("_", "-").split("-")
    tag = "-".join([parts[0].lower(), *parts[1:]])
    if not _LANGUAGE.match(tag) or tag.split("-")[0] not in LANGUAGE_TEMPLATES:
        return None
    return tag


class Builder:
    """Collects nodes, positions, remarks and unmapped data for one import."""

    def __init__(self, fmt: str, path: Path):
        self.fmt = fmt
        self.path = path
        self.nodes: dict[str, dict] = {}
        self.source_map = SourceMap()
        self.remarks: list[str] = []
        self.unmapped: dict[str, dict] = {}
        self._ids: dict[str, str] = {}
        self._taken: set[str] = set()
        self._next_number: dict[str, int] = {}  # id base -> the next number to try after it
        self._references: dict[str, tuple[str, int, int]] = {}
        self._gathered: dict[tuple[str, str], list] = {}  # the lists `keep` made of repeated keys

    # -- ids -----------------------------------------------------------------

    def node_id(self, source_name: str) -> str:
        """The node id for a source name (the same name always gives the same id)."""
        if source_name not in self._ids:
            self._ids[source_name] = self.fresh_id(source_name)
        return self._ids[source_name]

    def fresh_id(self, base: str) -> str:
        """A new, unused node id made from `base`."""
        clean = _ID_CHARS.sub("_", base).strip("_") or "node"
        if not re.match(r"[A-Za-z_]", clean):
            clean = "n" + clean
        if clean == "return":
            clean = "return_"
        # Numbers below the remembered one are all taken already: thousands of ids from one base stay linear.
        candidate, number = clean, self._next_number.get(clean, 2)
        while candidate in self._taken:
            candidate = f"{clean}_{number}"
            number += 1
        self._next_number[clean] = number
        self._taken.add(candidate)
        return candidate

    # -- content -------------------------------------------------------------

    def add(self, node_id: str, data: dict, line: int, col: int = 1) -> dict:
        self._taken.add(node_id)
        self.nodes[node_id] = data
        self.source_map.record(node_id, line, col)
        return data

    def option_at(self, node_id: str, key: str, line: int, col: int = 1) -> None:
        """Record where one option of a menu node was written (finer than the node's position)."""
        self.source_map.positions.setdefault(f"{node_id} options {key}", (line, col))

    def target(self, source_name: str, line: int, col: int = 1) -> str:
        """The node id a source reference leads to; remembered so a dangling one can be stubbed."""
        node_id = self.node_id(source_name)
        self._references.setdefault(node_id, (source_name, line, col))
        return node_id

    def keep(self, node_id: str, key: str, value) -> None:
        """Keep source data that has no place in the format, under `x-unmapped.<node_id>.<key>`."""
        bucket = self.unmapped.setdefault(node_id, {})
        if key not in bucket:
            bucket[key] = value
            return
        gathered = self._gathered.get((node_id, key))
        if gathered is None or gathered is not bucket[key]:  # the second value: start a list (appended to in place,
            existing = bucket[key]  # so a key written 10,000 times costs no copies)
            gathered = list(existing) if isinstance(existing, list) else [existing]
            bucket[key] = self._gathered[(node_id, key)] = gathered
        gathered.append(value)

    def remark(self, line: int, text: str) -> None:
        self.remarks.append(f"line {line}: {text}")

    def timing(self, data: dict, node_id: str, field: str, value: float | None, raw, line: int) -> None:
        """Set a timeout/retries field when the value is in the format's range, else keep it unmapped."""
        if value is None:
            self.keep(node_id, field, raw)
            self.remark(line, f"`{raw}` is not a {field.replace('_', ' ')} ivrkit understands; kept under x-unmapped")
            return
        if in_range(field, value):
            data[field] = int(value) if field == "retries" else value
            return
        low, high = RANGES[field]
        self.keep(node_id, field, raw)
        self.remark(line, f"{field} {value} is outside ivrkit's range {low}-{high}; kept under x-unmapped")

    # -- pruning -------------------------------------------------------------

    def prune(self, roots: list[str], removable: set[str]) -> None:
        """Drop nodes of `removable` (ones the importer made up as continuations) that no root reaches."""
        reached: set[str] = set()
        stack = list(roots)
        while stack:
            node_id = stack.pop()
            if node_id in reached or node_id not in self.nodes:
                continue
            reached.add(node_id)
            stack.extend(targets_of(self.nodes[node_id]))
        for node_id in [n for n in self.nodes if n in removable and n not in reached]:
            del self.nodes[node_id]
            self.source_map.positions.pop(node_id, None)

    # -- result --------------------------------------------------------------

    def finish(
        self,
        *,
        name: str,
        entry: str,
        language: str | None = None,
        settings: dict | None = None,
        description: str | None = None,
        keep_file: dict | None = None,
    ) -> Imported:
        for node_id, (source_name, line, col) in self._references.items():
            if node_id not in self.nodes:
                self.nodes[node_id] = {
                    "type": "hangup",
                    "note": f"target {source_name} not defined in the source",
                }
                self.source_map.record(node_id, line, col)
                self.remark(
                    line,
                    f"the target `{source_name}` is not defined in the source; imported as the hangup node `{node_id}`",
                )
        menu: dict = {"ivrkit": 1, "name": name}
        if description:
            menu["description"] = description
        if language:
            menu["language"] = language
        menu["entry"] = entry
        if settings:
            menu["settings"] = settings
        menu["nodes"] = self.nodes
        menu["x-imported-from"] = {"file": self.path.name, "format": self.fmt}
        unmapped = dict(self.unmapped)
        if keep_file:
            unmapped = {"(file)": keep_file, **unmapped}
        if unmapped:
            menu["x-unmapped"] = unmapped
        return confine_audio(Imported(menu=menu, source_map=self.source_map, remarks=list(self.remarks)))


def targets_of(data: dict) -> list[str]:
    """Every node id a node's data leads to (option, handler, fallback, extension and transfer targets)."""
    found = [
        data[name]
        for name in ("next", "fallback", "default", "closed", "busy", "no_answer", "overflow")
        if isinstance(data.get(name), str)
    ]
    for handler_field in ("no_input", "no_match"):
        handlers = data.get(handler_field)
        for handler in handlers if isinstance(handlers, list) else [handlers] if handlers else []:
            if isinstance(handler, dict) and isinstance(handler.get("goto"), str):
                found.append(handler["goto"])
    for option in (data.get("options") or {}).values():
        if isinstance(option, dict) and isinstance(option.get("goto"), str):
            found.append(option["goto"])
    if isinstance(data.get("extensions"), dict) and isinstance(data["extensions"].get("goto"), str):
        found.append(data["extensions"]["goto"])
    for target in (data.get("cases") or {}).values():
        if isinstance(target, str):
            found.append(target)
    return found

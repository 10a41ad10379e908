"""Shared helpers of the JSON flow importers (Amazon Connect, Twilio Studio).

`parse` reads JSON and also returns where every value starts (1-based line
and column), keyed by its path (``("Actions", 3, "Identifier")``), so that
nodes and problems can point into the source file. `Ids` makes readable,
unique node ids; the rest are small, type-tolerant accessors: imported files
are often hand-edited and an importer must never crash on a wrong type.
"""

from __future__ import annotations

import bisect
import html
import re
from json.decoder import scanstring
from typing import Any

from ..jsonfile import MAX_DEPTH
from .base import ImportProblem

__all__ = ["parse", "Positions", "Ids", "strip_ssml", "as_str", "as_dict", "as_list", "number", "seconds", "DTMF_KEY"]

DTMF_KEY = re.compile(r"(?:[0-9]{1,16}|\*|#)\Z")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_WS = re.compile(r"[ \t\n\r]*")
# The first NaN / Infinity outside a string (strings are matched whole so their contents are skipped).
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(?P<word>-?Infinity|NaN)')


class Positions:
    """Path -> (line, col) of the value at that path."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.at: dict[tuple, tuple[int, int]] = {}

    def line_col(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def of(self, *paths: tuple, default: tuple[int, int] = (1, 1)) -> tuple[int, int]:
        """The position of the first of `paths` that exists."""
        for path in paths:
            if path in self.at:
                return self.at[path]
        return default


def parse(text: str) -> tuple[Any, Positions]:
    """JSON `text` -> (data, positions); unusable JSON raises ImportProblem with its line and column.

    `ivrkit.jsonfile.loads` reads the data, so an import obeys the limits of every JSON ivrkit reads
    (nesting depth, digits in a number, no lone surrogates); the position scanner then walks text
    already known to be within them.
    """
    from ..jsonfile import JsonProblem, loads

    if text.startswith("\ufeff"):
        text = " " + text[1:]  # a byte-order mark: keep the offsets
    try:
        data = loads(text)
    except JsonProblem as problem:
        line, col = problem.line, problem.col
        if problem.message.endswith("is not a JSON number"):  # jsonfile gives no position for NaN / Infinity
            found = next((m for m in _CONSTANT.finditer(text) if m.group("word")), None)
            if found is not None:
                line, col = Positions(text).line_col(found.start())
        if problem.message.startswith("not valid JSON"):
            hint = "check for a missing comma, quote or bracket near here"
        elif "nested" in problem.message:  # jsonfile's hint speaks of files ivrkit wrote
            hint = f"no contact flow nests {MAX_DEPTH} levels deep; was the file edited or damaged?"
        else:
            hint = problem.hint or "a flow the platform exported never holds this; was the file edited or damaged?"
        raise ImportProblem(problem.message, line, col, hint) from None
    positions = Positions(text)
    try:
        _Scanner(text, positions).value(0, (), 0)
    except (ValueError, IndexError, RecursionError) as error:  # pragma: no cover - loads accepted it
        raise ImportProblem(f"could not read the JSON: {error}", 1, 1) from None
    return data, positions


class _Scanner:
    """Walks JSON that jsonfile.loads accepted, recording where each value starts."""

    def __init__(self, text: str, positions: Positions):
        self.text = text
        self.positions = positions

    def skip(self, i: int) -> int:
        return _WS.match(self.text, i).end()

    def value(self, i: int, path: tuple, depth: int) -> int:
        if depth > MAX_DEPTH:  # loads refused deeper text already; this bounds the recursion all the same
            raise ImportProblem(f"the JSON is nested more than {MAX_DEPTH} levels deep", *self.positions.line_col(i))
        text = self.text
        i = self.skip(i)
        self.positions.at[path] = self.positions.line_col(i)
        char = text[i]
        if char == "{":
            i = self.skip(i + 1)
            if text[i] == "}":
                return i + 1
            while True:
                i = self.skip(i)
                key, i = scanstring(text, i + 1)
                i = self.skip(i)
                i = self.value(i + 1, path + (key,), depth + 1)  # past ':'
                i = self.skip(i)
                if text[i] == "}":
                    return i + 1
                i += 1  # ','
        if char == "[":
            i = self.skip(i + 1)
            if text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = self.value(i, path + (index,), depth + 1)
                index += 1
                i = self.skip(i)
                if text[i] == "]":
                    return i + 1
                i += 1
        if char == '"':
            return scanstring(text, i + 1)[1]
        for word in ("true", "false", "null", "NaN", "Infinity", "-Infinity"):
            if text.startswith(word, i):
                return i + len(word)
        match = _NUMBER.match(text, i)
        if match is None:
            raise ValueError(f"unexpected {char!r}")
        return match.end()


class Ids:
    """Readable, unique node ids (letters, digits, `_`, `-`; never `return`)."""

    def __init__(self, reserved: tuple[str, ...] = ()):
        self.used: set[str] = {"return", *reserved}
        self._next: dict[str, int] = {}  # base -> the next number to try after it

    @staticmethod
    def slug(text: str, limit: int = 40) -> str:
        slug = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_-")
        slug = re.sub(r"_{2,}", "_", slug)[:limit].strip("_-")
        if not slug:
            return "node"
        if not re.match(r"[A-Za-z_]", slug):
            slug = "n" + slug if slug[0].isdigit() else "n_" + slug
        return slug

    def new(self, hint: str) -> str:
        base = self.slug(hint)
        # Numbers below the remembered one are all taken already: thousands of ids from one hint stay linear.
        candidate, n = base, self._next.get(base, 2)
        while candidate in self.used:
            candidate = f"{base}_{n}"
            n += 1
        self._next[base] = n
        self.used.add(candidate)
        return candidate


_TAG = re.compile(r"<[^<>]*>")


def strip_ssml(text: str) -> str:
    """The words of an SSML text: tags removed, entities decoded, spaces collapsed."""
    words = html.unescape(_TAG.sub(" ", text))
    return re.sub(r"\s+", " ", words).strip()


def looks_like_ssml(text: str) -> bool:
    return bool(
        re.search(
            r"<\s*/?\s*(speak|break|prosody|emphasis|say-as|phoneme|sub|amazon:|p\b|s\b|audio|lang|mark|voice)", text
        )
    )


def as_str(value: Any) -> str | None:
    """A non-empty string (numbers as written), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def number(value: Any) -> float | None:
    """A finite number from a number or a numeric string, else None."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = float(value.strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    if result != result or result in (float("inf"), float("-inf")):
        return None
    return result


def plain(value: float) -> int | float:
    """A number as YAML should show it: whole numbers without `.0`."""
    return int(value) if float(value).is_integer() else round(value, 3)


def seconds(value: Any, low: float, high: float) -> int | float | None:
    """A duration within [low, high], else None."""
    result = number(value)
    if result is None or not low <= result <= high:
        return None
    return plain(result)


def truthy(value: Any) -> bool:
    """Connect writes booleans as strings ("True"/"False")."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() == "true"


class Output:
    """The menu being built: nodes, variables, unmapped source data, remarks and positions."""

    def __init__(self, ids: Ids, source_map, positions: Positions):
        self.ids = ids
        self.source_map = source_map
        self.positions = positions
        self.nodes: dict[str, dict] = {}
        self.unmapped: dict[str, dict] = {}
        self.variables: dict[str, dict] = {}
        self.remarks: list[str] = []
        self._missing: dict[str, str] = {}
        self._end: str | None = None

    def remark(self, position: tuple[int, int] | None, message: str) -> None:
        if position is None:
            self.remarks.append(message)
        else:
            self.remarks.append(f"line {position[0]}, column {position[1]}: {message}")

    def end(self, position: tuple[int, int] | None = None) -> str:
        """The shared `end` hangup node: where the source connects no next step, the call ends."""
        if self._end is None:
            self._end = self.ids.new("end")
            self.nodes[self._end] = {
                "type": "hangup",
                "note": "The source connects no next step here, so the platform ends the call.",
            }
        if position is not None:
            self.source_map.record(self._end, *position)
        return self._end

    def missing(self, ref: str, where: str, position: tuple[int, int]) -> str:
        """A hangup node standing in for a target the source names but does not define."""
        if ref not in self._missing:
            node_id = self.ids.new(f"missing_{ref}")
            self._missing[ref] = node_id
            self.nodes[node_id] = {
                "type": "hangup",
                "note": f"The source sends the call to `{ref}`, which it does not define; imported as a hangup.",
            }
            self.source_map.record(node_id, *position)
        self.remark(
            position,
            f"{where} goes to `{ref}`, which is not defined in the file; "
            f"imported as the hangup node `{self._missing[ref]}`",
        )
        return self._missing[ref]

    def unmap(self, node_id: str, **fields: Any) -> None:
        kept = {key: value for key, value in fields.items() if value is not None and value != {} and value != []}
        if kept:
            self.unmapped.setdefault(node_id, {}).update(kept)

    def variable(self, name: str, values: list[str], description: str, default: str | None = None) -> None:
        variable = self.variables.setdefault(name, {"values": [], "description": description})
        for value in values:
            if value not in variable["values"]:
                variable["values"].append(value)
        if default is not None and "default" not in variable:
            variable["default"] = default

    def menu(
        self, *, name: str, entry: str, imported_from: dict, description: str | None = None, language: str | None = None
    ) -> dict:
        menu: dict = {"ivrkit": 1, "name": name}
        if description:
            menu["description"] = description
        if language:
            menu["language"] = language
        menu["entry"] = entry
        if self.variables:
            variables = {}
            for var_name, variable in self.variables.items():
                entry_ = {"values": list(variable["values"])}
                if variable.get("default") in variable["values"]:
                    entry_["default"] = variable["default"]
                entry_["description"] = variable["description"]
                variables[var_name] = entry_
            menu["variables"] = variables
        menu["nodes"] = self.nodes
        menu["x-imported-from"] = imported_from
        if self.unmapped:
            menu["x-unmapped"] = self.unmapped
        return menu


_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")


def language_code(value: Any) -> str | None:
    """A BCP 47 tag the format accepts and has a built-in option template for (`en`, `en-GB`), else None."""
    from ..model import DEFAULT_OPTION_TEMPLATES

    text = as_str(value)
    if text is None or not _LANGUAGE.match(text) or text.split("-")[0] not in DEFAULT_OPTION_TEMPLATES:
        return None
    return text


def words(text: str, count: int = 4) -> str:
    """The first words of a text, for a readable node id."""
    return " ".join(re.findall(r"[A-Za-z0-9]+", text)[:count])

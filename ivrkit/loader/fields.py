"""The field tables of the menu format: which fields each part of a file takes, of what kind, within what range.

One table per part (the file, `settings`, each node type, an option, a
handler, a schedule, a variable, and the small mappings inside nodes). The
loader reads names, ranges and choices from here; tests/loader/test_schema_tie.py
checks every table against ivrkit/schema/menu.schema.json field by field, so
the loader and the schema editors use cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import yaml

from ..diagnostics import did_you_mean
from ..model import ACTIONS, NODE_TYPES, model_class
from ..yamlfields import FieldReader

__all__ = [
    "Field",
    "Table",
    "TABLES",
    "FIELDS_OF",
    "read_number",
    "read_choice",
    "TOP_FIELDS",
    "SETTINGS_FIELDS",
    "NODE_FIELDS",
    "OPTION_FIELDS",
    "HANDLER_FIELDS",
    "ID",
    "LANGUAGE",
    "DTMF",
    "belongs_to",
]

ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
DTMF = re.compile(r"(?:[0-9]+|\*|#)\Z")


@model_class  # a frozen dataclass, without dataclass()'s cost at every start-up
class Field:
    """One field's kind as the loader reads it.

    `kind` is one of: ``text`` (a string or language -> string), ``audio``,
    ``voice``, ``target``, ``string``, ``name`` (an id-like name), ``node id``,
    ``language``, ``boolean``, ``number``, ``integer`` (both within
    `low`..`high`), ``choice`` (one of `choices`), ``object`` (the nested table
    `table`), ``options``, ``handlers``, ``lint``, ``mapping of`` (names ->
    the table `table`), or a kind of its own for the few one-off shapes
    (``languages``, ``global options``, ``cases``, ``hours``, ``dates``,
    ``values``, ``scalar``, ``patterns``, ``option templates``, ``key names``).
    """

    kind: str
    required: bool = False
    low: float | None = None
    high: float | None = None
    unit: str = ""
    choices: tuple[object, ...] = ()
    table: str | None = None


Table = Mapping[str, Field]


def _number(low: float, high: float, unit: str = "") -> Field:
    return Field("number", low=low, high=high, unit=unit)


def _integer(low: int, high: int) -> Field:
    return Field("integer", low=low, high=high)


def _node(kind: str, *parts: dict[str, Field], **own: Field) -> dict[str, Field]:
    """A node type's table: its `type` (required, and this type), then the shared parts, then its own fields."""
    table = {"type": Field("choice", required=True, choices=(kind,))}
    for part in parts:
        table.update(part)
    table.update(own)
    return table


_COMMON: dict[str, Field] = {"note": Field("string"), "lint": Field("lint")}
_SPEAKING: dict[str, Field] = {
    "say": Field("text"),
    "audio": Field("audio"),
    "rate": _number(60, 500, "words per minute"),
    "voice": Field("voice"),
    "barge_in": Field("boolean"),
}
_WAITING: dict[str, Field] = {
    "timeout": _number(0.5, 120, "seconds"),
    "inter_digit_timeout": _number(0.5, 60, "seconds"),
    "retries": _integer(0, 10),
    "fallback": Field("target"),
    "no_input": Field("handlers"),
    "no_match": Field("handlers"),
}
_NEXT: dict[str, Field] = {"next": Field("target", required=True), "then": Field("target")}
_SPEAKER = {**_COMMON, **_SPEAKING}

TABLES: Mapping[str, Table] = {
    "file": {
        "ivrkit": Field("choice", required=True, choices=(1,)),
        "name": Field("string", required=True),
        "description": Field("string"),
        "language": Field("language"),
        "languages": Field("languages"),
        "entry": Field("node id", required=True),
        "settings": Field("object", table="settings"),
        "global_options": Field("options"),
        "variables": Field("mapping of", table="variable"),
        "schedules": Field("mapping of", table="schedule"),
        "nodes": Field("mapping of", required=True, table="node"),
    },
    "settings": {
        **{name: field for name, field in _WAITING.items() if name not in ("no_input", "no_match")},
        **{name: field for name, field in _SPEAKING.items() if name not in ("say", "audio")},
        "option_template": Field("option templates"),
        "key_names": Field("key names"),
    },
    "menu": _node(
        "menu",
        _SPEAKER,
        _WAITING,
        options=Field("options"),
        announce_options=Field("boolean"),
        global_options=Field("global options"),
        extensions=Field("object", table="extensions"),
        max_digits=_integer(1, 16),
    ),
    "message": _node("message", _SPEAKER, _NEXT),
    "input": _node(
        "input",
        _SPEAKER,
        _WAITING,
        digits=Field("object", required=True, table="digits"),
        store=Field("name"),
        confirm=Field("boolean"),
        secret=Field("boolean"),
        **_NEXT,
    ),
    "branch": _node(
        "branch",
        _COMMON,
        schedule=Field("name"),
        variable=Field("name"),
        cases=Field("cases", required=True),
        default=Field("target"),
    ),
    "transfer": _node(
        "transfer",
        _SPEAKER,
        queue=Field("string"),
        number=Field("string"),
        person=Field("choice", choices=(True, False, "unknown")),
        hours=Field("name"),
        closed=Field("target"),
        busy=Field("target"),
        no_answer=Field("target"),
        announce_wait=Field("boolean"),
        max_wait=_number(1, 86400, "seconds"),
        overflow=Field("target"),
        callback=Field("object", table="callback offer"),
    ),
    "voicemail": _node(
        "voicemail",
        _SPEAKER,
        mailbox=Field("string"),
        max_length=_number(5, 3600, "seconds"),
        next=Field("target"),
        then=Field("target"),
    ),
    "callback": _node(
        "callback",
        _SPEAKER,
        number=Field("choice", choices=("caller", "ask")),
        confirm=Field("choice", choices=("sms", "call", "email", "none")),
    ),
    "hangup": _node("hangup", _SPEAKER),
    "option": {
        "label": Field("text"),
        "say": Field("text"),
        "goto": Field("target"),
        "then": Field("target"),
        "action": Field("choice", choices=ACTIONS),
        "language": Field("language"),
        "share": _number(0, 1),
        "announce": Field("boolean"),
        "note": Field("string"),
    },
    "handler": {"say": Field("text"), "audio": Field("audio"), "goto": Field("target"), "then": Field("target")},
    "lint": {"ignore": Field("list of strings")},
    "digits": {
        "min": _integer(1, 64),
        "max": Field("integer", required=True, low=1, high=64),
        "terminator": Field("choice", choices=("#", "*", None)),
    },
    "extensions": {
        "min": _integer(1, 16),
        "max": _integer(1, 16),
        "goto": Field("target", required=True),
        "patterns": Field("patterns"),
    },
    "callback offer": {
        "offer_after": Field("number", required=True, low=0, high=86400, unit="seconds"),
        "goto": Field("target", required=True),
    },
    "schedule": {
        "timezone": Field("timezone", required=True),
        "hours": Field("hours", required=True),
        "closed_on": Field("dates"),
    },
    "variable": {"values": Field("values", required=True), "default": Field("scalar"), "description": Field("string")},
}

TOP_FIELDS = tuple(TABLES["file"])
SETTINGS_FIELDS = tuple(TABLES["settings"])
NODE_FIELDS: dict[str, tuple[str, ...]] = {kind: tuple(TABLES[kind]) for kind in NODE_TYPES}
OPTION_FIELDS = tuple(TABLES["option"])
HANDLER_FIELDS = tuple(TABLES["handler"])
ALL_NODE_FIELDS = sorted({name for fields in NODE_FIELDS.values() for name in fields})


FIELDS_OF: Mapping[str, tuple[str, ...]] = {name: tuple(table) for name, table in TABLES.items()}


def read_number(reader: FieldReader, node: yaml.Node, table: str, name: str) -> float | int | None:
    """The number field `name` of `table`, within its range (None and a positioned problem otherwise)."""
    field = TABLES[table][name]
    assert field.low is not None and field.high is not None, f"{table}.{name} is not a number field"
    return reader.number(
        node, f"`{name}`", low=field.low, high=field.high, integer=field.kind == "integer", unit=field.unit
    )


def read_choice(reader: FieldReader, node: yaml.Node, table: str, name: str) -> str | None:
    """The choice field `name` of `table`: one of its text choices (a null choice is read apart, as YAML's null)."""
    choices = tuple(choice for choice in TABLES[table][name].choices if isinstance(choice, str))
    return reader.choice(node, f"`{name}`", choices)


def belongs_to(name: str) -> str | None:
    """A hint for a field written on a node that does not take it: where it does belong."""
    owners = [kind for kind, fields in NODE_FIELDS.items() if name in fields]
    if owners:
        return f"`{name}` belongs to {' and '.join(owners)} nodes"
    if name in OPTION_FIELDS:
        return f"`{name}` belongs to an option (under `options`)"
    if name in SETTINGS_FIELDS:
        return f"`{name}` belongs in `settings`"
    return did_you_mean(name, ALL_NODE_FIELDS)

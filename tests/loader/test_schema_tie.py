"""The loader's field tables (ivrkit/loader/fields.py) and the JSON Schema (ivrkit/schema/menu.schema.json) agree.

Every table is tied to one object of the schema; both must name the same
fields, each field of the same kind (the same range for numbers, the same
choices for enums) and required in both or in neither. The properties then
check the two against each other on generated menus: what the loader loads
the schema accepts, and a field the schema does not allow on a node is refused
by the loader with a message at the field's own line and column.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.loader import LoadError, loads
from ivrkit.loader.fields import TABLES, Field
from ivrkit.model import NODE_TYPES
from ivrkit.schema import load_schema

from ..strategies import menu_yaml, valid_menus

SCHEMA = load_schema()
DEFS = SCHEMA["$defs"]

# Each table of the loader, and the schema object it must match.
SCHEMA_OBJECT_OF = {
    "file": SCHEMA,
    "settings": DEFS["settings"],
    **{kind: DEFS[f"{kind}Node"] for kind in NODE_TYPES},
    "option": DEFS["option"],
    "handler": DEFS["handler"],
    "lint": DEFS["lint"],
    "digits": DEFS["inputNode"]["properties"]["digits"],
    "extensions": DEFS["menuNode"]["properties"]["extensions"],
    "callback offer": DEFS["transferNode"]["properties"]["callback"],
    "schedule": DEFS["schedule"],
    "variable": DEFS["variable"],
}
# Named schema definitions a field refers to, by the field kind that reads them.
REF_KINDS = {
    "text": "text",
    "audio": "audio",
    "voice": "voice",
    "target": "target",
    "lint": "lint",
    "handlers": "handlers",
    "language": "languageCode",
    "name": "name",
    "node id": "nodeId",
}


def shape(schema: dict) -> str:
    """A schema property as a short, comparable description (annotations such as descriptions left out)."""
    if "$ref" in schema:
        return "ref " + schema["$ref"].removeprefix("#/$defs/")
    if "const" in schema:
        return f"one of {json.dumps([schema['const']])}"
    if "enum" in schema:
        return f"one of {json.dumps(schema['enum'])}"
    if "anyOf" in schema and "type" not in schema:
        return " or ".join(f"({shape(option)})" for option in schema["anyOf"])
    kind = schema.get("type")
    if kind in ("number", "integer"):
        return f"{kind} {schema.get('minimum')}..{schema.get('maximum')}"
    if kind == "array":
        return f"list of {shape(schema['items'])}"
    if kind == "object" and "properties" in schema:
        return "object"
    if kind == "object":
        keys = shape(schema.get("propertyNames", {"type": "string"}))
        return f"mapping {keys} -> {shape(schema['additionalProperties'])}"
    if kind == "string" and "pattern" in schema:
        return f"string /{schema['pattern']}/"
    return str(kind) if isinstance(kind, str) else "/".join(kind)


DAY_SPEC = "(?:mon|tue|wed|thu|fri|sat|sun)"
TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9]"
TIME_RANGE = f"{TIME}-(?:{TIME}|24:00)"
# The shapes of the kinds read by code of their own (the loader's reading is described beside each).
ONE_OFF_SHAPES = {
    "options": "mapping ref dtmfKey -> ref option",  # _options: DTMF keys, each an option
    "languages": "list of ref languageCode",  # _languages
    "global options": "(boolean) or (list of (ref dtmfKey) or (integer 0..None))",  # _menu_globals: a bool or keys
    "cases": "mapping string -> ref target",  # _branch: case values (checked against the branch), targets
    "list of strings": "list of string",  # lint.ignore: codes or names
    "scalar": "string/number",  # scalar_text keeps numbers as written
    "values": "list of string/number",
    "timezone": "string /^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$/",  # any name zoneinfo knows
    "dates": "list of string /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$/",  # date.fromisoformat
    "hours": f"mapping string /^{DAY_SPEC}(?:-{DAY_SPEC})?(?:,{DAY_SPEC}(?:-{DAY_SPEC})?)*$/ -> "
    f"string /^(?:closed|{TIME_RANGE}(?: *, *{TIME_RANGE})*)$/",
    "patterns": "list of string /^(?:[0-9*#XxZzNn]|\\[[0-9-]+\\])+[.!]?$/",  # keypatterns.compile_pattern
    "option templates": "mapping ref languageCode -> string /^(?=[\\s\\S]*\\{key\\})(?=[\\s\\S]*\\{[Ll]abel\\})/",
    "key names": "mapping ref languageCode -> mapping ref dtmfKey -> string",
}


def expected_shape(field: Field) -> str:
    """The schema shape a field of the loader's table must have."""
    if field.kind in REF_KINDS:
        return "ref " + REF_KINDS[field.kind]
    if field.kind == "choice":
        return f"one of {json.dumps(list(field.choices))}"
    if field.kind in ("number", "integer"):
        low, high = (int(v) if float(v).is_integer() else v for v in (field.low, field.high))
        return f"{field.kind} {low}..{high}"
    if field.kind == "object":
        return "object"
    if field.kind == "mapping of":
        return f"mapping ref {'nodeId' if field.table == 'node' else 'name'} -> ref {field.table}"
    if field.kind in ("string", "boolean"):
        return field.kind
    return ONE_OFF_SHAPES[field.kind]


def resolved(schema: dict) -> dict:
    return DEFS[schema["$ref"].removeprefix("#/$defs/")] if "$ref" in schema else schema


FIELDS = [(table, name) for table, fields in TABLES.items() for name in fields]


def test_every_table_is_tied_to_a_schema_object():
    assert set(TABLES) == set(SCHEMA_OBJECT_OF)


@pytest.mark.parametrize("table", list(TABLES))
def test_the_loader_and_the_schema_name_the_same_fields(table):
    schema = SCHEMA_OBJECT_OF[table]
    assert set(TABLES[table]) == set(schema["properties"]), table
    assert schema.get("additionalProperties") is False, f"the schema lets {table} take other fields"


@pytest.mark.parametrize(("table", "name"), FIELDS, ids=[f"{t}.{n}" for t, n in FIELDS])
def test_a_field_has_the_same_kind_in_both(table, name):
    field = TABLES[table][name]
    prop = SCHEMA_OBJECT_OF[table]["properties"][name]
    if field.kind == "object":  # the nested table is tied to this very object (written in place or as a $ref)
        assert SCHEMA_OBJECT_OF[field.table] is resolved(prop)
        prop = resolved(prop)
    assert shape(prop) == expected_shape(field)


@pytest.mark.parametrize("table", list(TABLES))
def test_a_field_is_required_in_both_or_in_neither(table):
    required = {name for name, field in TABLES[table].items() if field.required}
    assert required == set(SCHEMA_OBJECT_OF[table].get("required", ())), table


def test_the_shape_description_tells_kinds_apart():
    """The comparison above could only pass vacuously if `shape` said the same of different schemas."""
    seen = {shape(prop) for obj in SCHEMA_OBJECT_OF.values() for prop in obj["properties"].values()}
    assert {"boolean", "string", "ref target", "number 0.5..120", "integer 0..10", 'one of ["caller", "ask"]'} <= seen
    assert shape({"type": "number", "minimum": 1, "maximum": 2}) != shape(
        {"type": "number", "minimum": 1, "maximum": 3}
    )


# -- properties: the two agree on generated menus --------------------------------------------

SOME = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SCHEMA_FIELD_NAMES = sorted({name for obj in SCHEMA_OBJECT_OF.values() for name in obj["properties"]})
FIELD_NAMES = st.one_of(
    st.sampled_from(SCHEMA_FIELD_NAMES), st.from_regex(r"[a-z][a-z_]{0,14}", fullmatch=True)
).filter(lambda n: not n.startswith("x-"))


@SOME
@given(valid_menus())
def test_a_menu_the_loader_loads_the_schema_accepts(menu):
    loads(menu_yaml(menu))
    data = yaml.safe_load(menu_yaml(menu))
    assert [error.message for error in VALIDATOR.iter_errors(data)] == []


@SOME
@given(valid_menus(), st.data())
def test_a_field_the_schema_forbids_on_a_node_is_refused_where_it_is_written(menu, data):
    node_id = data.draw(st.sampled_from(sorted(menu["nodes"])))
    kind = menu["nodes"][node_id]["type"]
    allowed = set(DEFS[f"{kind}Node"]["properties"])
    name = data.draw(FIELD_NAMES.filter(lambda n: n not in allowed))
    menu["nodes"][node_id][name] = "x"
    text = menu_yaml(menu)
    assert VALIDATOR.is_valid(yaml.safe_load(text)) is False
    with pytest.raises(LoadError) as caught:
        loads(text)
    key = yaml.compose(text).value
    nodes = next(value for k, value in key if k.value == "nodes")
    node = next(value for k, value in nodes.value if k.value == node_id)
    field_key = next(k for k, _ in node.value if k.value == name)
    unknown = [d for d in caught.value.diagnostics if d.message == f"unknown field `{name}` in {kind} node `{node_id}`"]
    assert [(d.span.line, d.span.col) for d in unknown] == [
        (field_key.start_mark.line + 1, field_key.start_mark.column + 1)
    ]

"""The loader's field tables (ivrkit/goals/fields.py) and ivrkit/schema/goals.schema.json agree.

Both name the same fields at each level, each field of the same kind (the same
range for `share`, the same patterns for node keys and language codes),
required in both or in neither; the schema's language code is the menu
schema's. Files the loader loads, the schema accepts (tests/goals/test_properties.py).
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from ivrkit.goals.fields import LANGUAGE, NODE_KEY, TABLES, GoalField
from ivrkit.schema import GOALS_SCHEMA_ID, goals_schema_text, load_goals_schema, load_schema

SCHEMA = load_goals_schema()
DEFS = SCHEMA["$defs"]
SCHEMA_OBJECT_OF = {"file": SCHEMA, "goal": DEFS["goal"]}


def shape(schema: dict) -> str:
    """A schema property as a short, comparable description (annotations left out)."""
    if "$ref" in schema:
        return "ref " + schema["$ref"].removeprefix("#/$defs/")
    if "anyOf" in schema:
        return " or ".join(f"({shape(option)})" for option in schema["anyOf"])
    kind = schema["type"]
    if kind == "number":
        return f"number >{schema.get('exclusiveMinimum')} <={schema.get('maximum')}"
    if kind == "array":
        unique = " unique" if schema.get("uniqueItems") else ""
        return f"list of {shape(schema['items'])}, at least {schema.get('minItems', 0)}{unique}"
    if kind == "string":
        return "string" + (" non-blank" if schema.get("minLength") == 1 and schema.get("pattern") == "\\S" else "")
    return str(kind)


def expected_shape(field: GoalField) -> str:
    """The schema shape a field of the loader's table must have."""
    if field.kind == "share":
        return f"number >{field.low:g} <={field.high:g}"
    return {
        "path": "string",
        "language": "ref languageCode",
        "text": "string non-blank",
        "nodes": "(ref nodeKey) or (list of ref nodeKey, at least 1 unique)",
        "goals": "list of ref goal, at least 1",
    }[field.kind]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == GOALS_SCHEMA_ID
    assert goals_schema_text().endswith("\n")


def test_every_table_is_tied_to_a_schema_object():
    assert set(TABLES) == set(SCHEMA_OBJECT_OF)


@pytest.mark.parametrize("table", list(TABLES))
def test_the_loader_and_the_schema_name_the_same_fields(table):
    schema = SCHEMA_OBJECT_OF[table]
    assert list(TABLES[table]) == list(schema["properties"])
    assert schema.get("additionalProperties") is False
    assert sorted(schema["required"]) == sorted(name for name, field in TABLES[table].items() if field.required)


FIELDS = [(table, name) for table, fields in TABLES.items() for name in fields]


@pytest.mark.parametrize(("table", "name"), FIELDS, ids=[f"{t}.{n}" for t, n in FIELDS])
def test_a_field_has_the_same_kind_in_both(table, name):
    assert shape(SCHEMA_OBJECT_OF[table]["properties"][name]) == expected_shape(TABLES[table][name])
    assert SCHEMA_OBJECT_OF[table]["properties"][name].get("description"), "every field is described for editors"


def test_the_patterns_are_the_loaders():
    assert DEFS["nodeKey"]["pattern"] == "^" + NODE_KEY.pattern.removesuffix("\\Z") + "$"
    language = DEFS["languageCode"]["pattern"]
    assert language.replace("(?:", "(") == "^" + LANGUAGE.pattern.removesuffix("\\Z") + "$"
    assert DEFS["languageCode"] == load_schema()["$defs"]["languageCode"]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"menu": "m.yaml", "goals": [{"say": "hi", "reaches": "a", "shar": 0.1}]}, "$.goals[0]"),
        ({"menu": "m.yaml", "goals": [{"say": "hi", "reaches": "a", "share": 0}]}, "$.goals[0].share"),
        ({"menu": "m.yaml", "goals": [{"say": " ", "reaches": "a"}]}, "$.goals[0].say"),
        ({"menu": "m.yaml", "goals": [{"say": "hi", "reaches": []}]}, "$.goals[0].reaches"),
        ({"menu": "m.yaml", "goals": [{"say": "hi", "reaches": "pay a bill"}]}, "$.goals[0].reaches"),
        ({"menu": "/abs/m.yaml", "goals": [{"say": "hi", "reaches": "a"}]}, "$.menu"),
        ({"menu": "m.yaml", "goals": []}, "$.goals"),
        ({"goals": [{"say": "hi", "reaches": "a"}]}, "$"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(data, path):
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    assert errors and {error.json_path for error in errors} == {path}, [e.message for e in errors]


def test_the_schema_text_is_formatted_json():
    assert goals_schema_text() == json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n"

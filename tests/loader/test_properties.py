"""Property tests: whatever it is given, the loader returns a model or positioned errors, nothing else."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.loader import LoadError, loads
from ivrkit.model import MenuSet

from ..strategies import menu_yaml, valid_menus, yaml_values

YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
MANY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(data: str | bytes) -> MenuSet | LoadError:
    """Load, and check that any failure is a LoadError whose every problem has a position."""
    try:
        return loads(data, "menu.yaml")
    except LoadError as error:
        assert error.diagnostics, "a LoadError must carry at least one problem"
        text = data if isinstance(data, str) else data.decode("utf-8", errors="replace")
        lines = len(YAML_LINE_BREAK.split(text)) + 1  # YAML breaks lines at \r, NEL and U+2028/9 too
        for diagnostic in error.diagnostics:
            assert diagnostic.span.path == "menu.yaml"
            assert 1 <= diagnostic.span.line <= lines
            assert diagnostic.span.col >= 1
            assert diagnostic.message
        return error


@MANY
@given(st.text())
def test_arbitrary_text(text):
    outcome(text)


@SOME
@given(st.binary())
def test_arbitrary_bytes(data):
    outcome(data)


@MANY
@given(yaml_values)
def test_arbitrary_yaml_structures(value):
    outcome(yaml.safe_dump(value, allow_unicode=True))


@SOME
@given(yaml_values, st.sampled_from(["nodes", "settings", "global_options", "schedules", "variables"]))
def test_arbitrary_values_in_menu_sections(value, section):
    menu = {"ivrkit": 1, "name": "x", "entry": "a", "nodes": {"a": {"type": "hangup"}}, section: value}
    outcome(yaml.safe_dump(menu, allow_unicode=True))


@SOME
@given(
    yaml_values,
    st.sampled_from(["menu", "message", "input", "branch", "transfer", "voicemail", "callback", "hangup"]),
    st.sampled_from(
        ["options", "say", "next", "digits", "cases", "no_input", "queue", "confirm", "timeout", "extensions"]
    ),
)
def test_arbitrary_values_in_node_fields(value, kind, field):
    menu = {"ivrkit": 1, "name": "x", "entry": "a", "nodes": {"a": {"type": kind, field: value}}}
    outcome(yaml.safe_dump(menu, allow_unicode=True))


@SOME
@given(valid_menus())
def test_valid_menus_load(menu):
    result = outcome(menu_yaml(menu))
    assert isinstance(result, MenuSet), result
    assert set(result.nodes) == set(menu["nodes"])
    for name, node in result.nodes.items():
        assert node.type == menu["nodes"][name]["type"]
        for route in result.routes(node):
            assert route.target is None or route.target.node_key in result.nodes


@SOME
@given(valid_menus(), st.data())
def test_truncated_and_mangled_menus(menu, data):
    text = menu_yaml(menu)
    cut = data.draw(st.integers(0, len(text)))
    outcome(text[:cut])
    position = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.sampled_from(["#", "*", "&a ", ": ", "\t", "- ", "{", "]", "no", "<<: *a\n", "\n  x: 1"]))
    outcome(text[:position] + junk + text[position:])

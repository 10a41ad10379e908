"""`model.maker(cls)` makes what `cls(...)` makes: the same class, fields, equality, hash, repr, pickle and
frozenness, for every model class, with the same defaults and the same refusals."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from ivrkit import model
from ivrkit.loader import load
from ivrkit.model import MenuFile, MenuNode, Option, Settings, Span, Target, maker

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
MENUS = [path for path in EXAMPLES if not path.name.endswith((".calls.yaml", ".goals.yaml"))]


def _model_objects(value, found: dict[int, object]) -> None:
    """Every model object reachable from `value` (by identity)."""
    if id(value) in found:
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found[id(value)] = value
        for item in dataclasses.fields(value):
            _model_objects(getattr(value, item.name), found)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _model_objects(item, found)
    elif hasattr(value, "values") and hasattr(value, "keys"):
        for item in value.values():
            _model_objects(item, found)


def _hash(obj) -> int | str:
    try:
        return hash(obj)
    except TypeError as error:  # a field holds a mapping (Settings, MenuFile): unhashable either way
        return str(error)


def _pickled(obj) -> bytes | str:
    try:
        return pickle.dumps(obj)
    except TypeError as error:  # a mapping proxy (Settings, MenuFile): not picklable either way
        return str(error)


def _remade(obj):
    return maker(type(obj))(**{item.name: getattr(obj, item.name) for item in dataclasses.fields(obj)})


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_every_object_of_a_loaded_menu_is_made_the_same(path):
    found: dict[int, object] = {}
    _model_objects(load(path), found)
    classes = {type(obj) for obj in found.values()}
    assert {MenuNode, Option, Target, MenuFile, Settings} <= classes
    for obj in found.values():
        copy = _remade(obj)
        assert type(copy) is type(obj)
        assert copy == obj and repr(copy) == repr(obj)
        assert _hash(copy) == _hash(obj)
        assert _pickled(copy) == _pickled(obj)
        with pytest.raises(dataclasses.FrozenInstanceError):
            copy.span = None  # type: ignore[misc]


def test_defaults_factories_and_positions_are_the_class_own():
    span = Span("m.yaml", 1, 1, 1, 2)
    assert maker(Option)("1", span, span) == Option("1", span, span)
    assert maker(Option)("1", span, span, None, None, Target("a", "a", span)) == Option(
        "1", span, span, goto=Target("a", "a", span)
    )
    made = maker(MenuFile)("m.yaml", "m.yaml", "m", "en", ("en",), Target("a", "a", span), Settings(), {})
    assert made == MenuFile("m.yaml", "m.yaml", "m", "en", ("en",), Target("a", "a", span), Settings(), {})
    assert dict(made.variables) == {} and made.description is None
    assert maker(MenuNode)(id="m", key="m", file="f", span=span) == MenuNode(id="m", key="m", file="f", span=span)
    with pytest.raises(TypeError):
        maker(MenuNode)("m", "m", "f", span)  # keyword-only, as the class
    with pytest.raises(TypeError):
        maker(Option)("1", span)  # `span` is required, as in the class


def test_it_refuses_what_is_not_a_model_class_with_a_written_init():
    class Plain:
        pass

    @model.model_class
    class OwnInit:
        value: int

        def __init__(self, value: int):
            object.__setattr__(self, "value", value * 2)

    for cls in (Plain, OwnInit, Span):
        with pytest.raises(TypeError):
            maker(cls)

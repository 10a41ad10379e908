"""`model_class` makes what ``dataclass(frozen=True, slots=True)`` makes, class by class.

Each model class (ivrkit/model.py, ivrkit/goals/model.py) is compared with a
reference: the same module source executed with `model_class` replaced by
`dataclasses.dataclass(frozen=True, slots=True, kw_only=...)`. They must agree
on the fields, the signature, `__match_args__`, the slots, and, for objects
made from the same values (hypothesis), on equality, hashing, the repr,
`dataclasses.replace`, `asdict`, copying and pickling; assignment must raise
`FrozenInstanceError` on both.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ivrkit.goals.model as goals_model
import ivrkit.model as model

PACKAGE = Path(model.__file__).resolve().parent


def _reference(cls: Any = None, /, *, kw_only: bool = False) -> Any:
    make = dataclasses.dataclass(frozen=True, slots=True, kw_only=kw_only)
    return make if cls is None else make(cls)


def _reference_module(path: Path, name: str, extra: dict[str, Any]) -> ModuleType:
    source = path.read_text(encoding="utf-8")
    source = source.replace("@model_class(", "@_reference(").replace("@model_class\n", "@_reference\n")
    source = source.replace("from ..model import Span, field, model_class\n", "")
    source = source.replace(" = field(", " = _reference_field(")  # model.field: model classes' own, no dataclass's
    module = ModuleType(name)
    module.__dict__.update(extra, _reference=_reference, _reference_field=dataclasses.field)
    import sys

    sys.modules[name] = module  # pickle finds the reference classes by module and name
    exec(compile(source, str(path), "exec"), module.__dict__)
    return module


REFERENCE = _reference_module(PACKAGE / "model.py", "reference_model", {})
REFERENCE_GOALS = _reference_module(PACKAGE / "goals" / "model.py", "reference_goals_model", {"Span": model.Span})


def _model_classes(module: ModuleType) -> list[type]:
    return [value for value in vars(module).values() if isinstance(value, type) and hasattr(value, "__slots__")]


PAIRS = [
    (cls, getattr(reference, cls.__name__))
    for module, reference in ((model, REFERENCE), (goals_model, REFERENCE_GOALS))
    for cls in _model_classes(module)
    if dataclasses.is_dataclass(cls)
]
IDS = [cls.__qualname__ for cls, _ in PAIRS]


def test_every_model_class_is_compared():
    names = {cls.__name__ for cls, _ in PAIRS}
    assert {"Text", "Option", "Settings", "Node", "Interactive", "MenuNode", "HangupNode", "MenuSet"} <= names
    assert {"Goal", "GoalSet"} <= names
    assert len(PAIRS) == 20 + 2
    for cls, reference in PAIRS:
        assert reference is not cls and dataclasses.is_dataclass(reference)


def _field_facts(item: dataclasses.Field) -> tuple:
    factory = item.default_factory
    made = factory() if factory is not dataclasses.MISSING else dataclasses.MISSING  # type: ignore[misc]
    return (item.name, item.type, item.default, made, item.init, item.repr, item.hash, item.compare, item.kw_only)


def _parameters(cls: type) -> list[tuple]:
    return [(p.name, p.kind, repr(p.default)) for p in inspect.signature(cls).parameters.values()]


@pytest.mark.parametrize(("cls", "reference"), PAIRS, ids=IDS)
def test_the_class_is_the_dataclass_of_its_definition(cls, reference):
    assert [_field_facts(f) for f in dataclasses.fields(cls)] == [
        _field_facts(f) for f in dataclasses.fields(reference)
    ]
    assert _parameters(cls) == _parameters(reference)
    assert cls.__match_args__ == reference.__match_args__
    assert cls.__slots__ == reference.__slots__
    assert cls.__qualname__ == reference.__qualname__ and cls.__module__ != reference.__module__
    assert [base.__name__ for base in cls.__mro__] == [base.__name__ for base in reference.__mro__]
    assert cls.__dataclass_params__.frozen and dataclasses.is_dataclass(cls)
    for name in ("__eq__", "__hash__", "__repr__", "__init__", "__setattr__", "__getstate__", "__setstate__"):
        assert name in vars(cls), name
    assert "__dict__" not in vars(cls) and "__weakref__" not in vars(cls)


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, width=16),
    st.text(alphabet="ab€", max_size=3),
    st.tuples(st.text(alphabet="ab", max_size=2)),
)


def _arguments(cls: type, draw_value) -> dict[str, Any]:
    return {item.name: draw_value() for item in dataclasses.fields(cls) if item.init}


@st.composite
def objects(draw):
    """A model class, its reference, and one set of field values for both, and a second that may differ."""
    cls, reference = draw(st.sampled_from(PAIRS))
    first = _arguments(cls, lambda: draw(VALUES))
    second = {name: draw(st.one_of(st.just(value), VALUES)) for name, value in first.items()}
    return cls, reference, first, second


@given(objects())
def test_objects_behave_as_the_dataclass_objects_of_the_same_values(case):
    cls, reference, first, second = case
    mine, theirs = cls(**first), reference(**first)
    other, other_reference = cls(**second), reference(**second)
    assert (mine == other) == (theirs == other_reference)
    assert (mine != other) == (theirs != other_reference)
    assert mine == cls(**first) and hash(mine) == hash(cls(**first))
    assert hash(mine) == hash(theirs)
    assert repr(mine) == repr(theirs)
    assert mine != theirs  # objects of another class are never equal, as between two dataclasses
    assert dataclasses.astuple(mine) == dataclasses.astuple(theirs)
    assert dataclasses.asdict(mine) == dataclasses.asdict(theirs) == model.as_dict(mine)
    assert list(model.as_dict(mine)) == list(dataclasses.asdict(theirs))
    changed = dataclasses.replace(mine, **second)
    assert type(changed) is cls and changed == other and mine == cls(**first)
    assert model.replace(mine, **second) == changed and type(model.replace(mine)) is cls
    assert copy.copy(mine) == mine and copy.deepcopy(mine) == mine
    state = mine.__reduce_ex__(2)[2]
    assert state == theirs.__reduce_ex__(2)[2]  # the same pickled state as the dataclass's
    restored = pickle.loads(pickle.dumps(mine))
    assert type(restored) is cls and restored == mine and hash(restored) == hash(mine)
    revived = object.__new__(cls)
    revived.__setstate__(theirs.__reduce_ex__(2)[2])  # a pickle written by the dataclass version loads
    assert revived == mine
    name = next(iter(first))
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(mine, name, 1)
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{name}'"):
        delattr(mine, name)
    with pytest.raises(AttributeError):
        mine.not_a_field = 1
    assert not hasattr(mine, "__dict__")


def test_defaults_and_default_factories_are_those_of_the_dataclass():
    span = model.Span("m.yaml", 1, 1, 1, 2)
    assert model.Settings() == model.Settings() and repr(model.Settings()) == repr(REFERENCE.Settings())
    assert model.Settings().option_templates is model.DEFAULT_OPTION_TEMPLATES
    node = model.HangupNode(id="h", key="h", file="m.yaml", span=span)
    assert repr(node) == repr(REFERENCE.HangupNode(id="h", key="h", file="m.yaml", span=span))
    with pytest.raises(TypeError, match="positional"):
        model.HangupNode("h", "h", "m.yaml", span)  # keyword-only, as the dataclass
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'span'"):
        model.Text(())  # type: ignore[call-arg]
    goal = goals_model.Goal("pay", "en", ("a",), None, 0, None, reaches_spans=(span,))
    assert goal == goals_model.Goal("pay", "en", ("a",), None, 0, None)  # compare=False fields do not count
    assert "reaches_spans" not in repr(goal)


def test_a_dataclass_can_subclass_a_model_class():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Labelled(model.Text):
        extra: int = 0

    span = model.Span("m.yaml", 1, 1, 1, 2)
    labelled = Labelled((("en", "hi"),), span, 3)
    assert labelled.get("en") == "hi" and labelled.extra == 3
    assert [f.name for f in dataclasses.fields(Labelled)] == ["values", "span", "extra"]
    with pytest.raises(TypeError, match="cannot inherit non-frozen dataclass from a frozen one"):
        dataclasses.dataclass(type("Loose", (model.Text,), {"__annotations__": {"x": "int"}}))


def test_model_class_refuses_what_it_does_not_make():
    with pytest.raises(ValueError, match="mutable default"):

        @model.model_class
        class Mutable:
            items: list = []  # noqa: RUF012

    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @model.model_class
        class Order:
            a: int = 0
            b: int

    with pytest.raises(TypeError, match="no ClassVar"):

        @model.model_class
        class WithClassVar:
            a: ClassVar[int] = 0  # noqa: F821

    with pytest.raises(TypeError, match="no __post_init__"):

        @model.model_class
        class Checked:
            a: int

            def __post_init__(self):
                pass


def test_a_class_that_writes_its_own_methods_keeps_them():
    @model.model_class
    class Own:
        a: int
        b: int = 0

        def __eq__(self, other):
            return isinstance(other, Own) and self.a == other.a

        def __hash__(self):
            return hash(self.a)

        def __repr__(self):
            return f"Own<{self.a}>"

    assert Own(1, 2) == Own(1, 3) and hash(Own(1, 2)) == hash(1) and repr(Own(1)) == "Own<1>"

    @model.model_class
    class OnlyEq:
        a: int

        def __eq__(self, other):
            return True

    assert OnlyEq(1) == OnlyEq(2) and hash(OnlyEq(1)) == hash((1,))  # as dataclass: __hash__ by the fields


def test_init_is_compiled_on_first_construction_and_the_signature_is_known_before():
    @model.model_class(kw_only=True)
    class Fresh:
        a: int
        b: str = "x"
        c: tuple = dataclasses.field(default=(), compare=False)

    stand_in = vars(Fresh)["__init__"]
    before = str(inspect.signature(Fresh))
    assert before == "(*, a, b='x', c=())"
    first = Fresh(a=1)
    compiled = vars(Fresh)["__init__"]
    assert compiled is not stand_in and str(inspect.signature(Fresh)) == before
    assert Fresh(a=1, b="x", c=(1,)) == first and Fresh(a=1) == first
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'a'"):
        Fresh()

    class Plain(Fresh):  # a subclass with no __init__ of its own uses the model class's
        pass

    @model.model_class
    class Other:
        a: int

    class PlainOther(Other):
        pass

    assert str(inspect.signature(PlainOther)) == "(a)"
    assert PlainOther(1).a == 1 and vars(Other)["__init__"] is not None
    assert Plain(a=2).a == 2

    @dataclasses.dataclass(frozen=True, slots=True)
    class Extended(Fresh):
        d: int = 0

    assert str(inspect.signature(Extended)).startswith("(d: 'int' = 0, *, a: 'int'")  # its own __init__


def test_a_class_gives_the_same_signature_on_every_read_before_and_after_its_init_is_compiled():
    @model.model_class
    class Unbuilt:
        a: int
        b: str = "x"

    reads = [Unbuilt.__signature__, Unbuilt.__signature__]  # the first read compiles __init__
    Unbuilt(1)
    reads.append(Unbuilt.__signature__)
    assert all(isinstance(read, inspect.Signature) for read in reads)
    assert [str(read) for read in reads] == ["(a, b='x')"] * 3
    assert Unbuilt(1).__signature__ is None  # an object has none, as inspect expects


def test_hypothesis_builds_a_model_class_never_constructed_before():
    # hypothesis reads __signature__ twice; run in a fresh interpreter, where nothing built one yet
    script = (
        "from hypothesis import strategies as st\n"
        "from ivrkit.keypatterns import PrefixWait\n"
        "wait = st.builds(PrefixWait, key=st.just('1'), seconds=st.just(2.0), because=st.just('option'),"
        " detail=st.just('option 12')).example()\n"
        "assert wait == PrefixWait('1', 2.0, 'option', 'option 12'), wait\n"
    )
    repo = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=repo, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_field_left_out_of_init_is_refused_when_the_class_is_made():
    with pytest.raises(TypeError, match=r"Skipped.b: model classes have no init=False fields"):

        @model.model_class
        class Skipped:
            a: int
            b: int = dataclasses.field(default=7, init=False)


@dataclasses.dataclass(frozen=True)
class Wider(model.Target):
    """A dataclass (not slotted) that extends a model class with a field of its own; module level to pickle."""

    extra: int = 0


def test_a_dataclass_subclass_with_fields_of_its_own_pickles_and_copies_them_all():
    wide = Wider("main", "main", model.Span("menu.yaml", 3, 5, 3, 9), extra=5)
    for again in (pickle.loads(pickle.dumps(wide)), copy.copy(wide), copy.deepcopy(wide)):
        assert again == wide and again.extra == 5 and again.node_key == "main"


# Run in a fresh interpreter: what a lint does with model classes imports neither dataclasses nor inspect, and
# what dataclasses and inspect say of them afterwards is what they say of the dataclass twin.
FRESH = """\
import pickle, sys
import ivrkit.model as model
span = model.Span("m.yaml", 1, 1, 1, 2)
text = model.Text((("en", "hi"),), span)
settings = model.Settings()
option = model.maker(model.Option)
assert model.maker(model.Text)((("en", "hi"),), span) == text and model.maker(model.Text)(values=(), span=span) != text
made = [text, settings, model.replace(text, values=()), pickle.loads(pickle.dumps(text)), model.as_dict(text)]
assert made[0] == made[3] and hash(made[0]) == hash(made[3]) and repr(made[2]) and repr(settings)
assert settings.option_templates is model.DEFAULT_OPTION_TEMPLATES
before = sorted(name for name in ("dataclasses", "inspect") if name in sys.modules)
try:
    text.values = ()
except Exception as error:
    caught = type(error)
import dataclasses, inspect
assert caught is dataclasses.FrozenInstanceError
try:
    del text.span
except dataclasses.FrozenInstanceError:
    pass
assert dataclasses.is_dataclass(model.Text) and dataclasses.is_dataclass(text)
assert [f.name for f in dataclasses.fields(text)] == ["values", "span"]
assert "option_templates=<factory>, key_names=<factory>, span=None)" in str(inspect.signature(model.Settings))
assert dataclasses.asdict(made[2]) == {"values": (), "span": span} == model.as_dict(made[2])
sys.stdout.buffer.write(pickle.dumps((before, text, model.Prompt(text, None, span))))
"""


def test_a_model_class_is_made_and_used_without_importing_dataclasses_or_inspect():
    done = subprocess.run([sys.executable, "-c", FRESH], capture_output=True, check=False, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr.decode()
    before, text, prompt = pickle.loads(done.stdout)  # pickled by another process, loaded in this one
    assert before == []
    assert text == model.Text((("en", "hi"),), model.Span("m.yaml", 1, 1, 1, 2))
    assert prompt == model.Prompt(text, None, text.span) and hash(prompt) == hash(model.Prompt(text, None, text.span))


@pytest.mark.parametrize(("cls", "reference"), PAIRS, ids=IDS)
def test_the_fields_are_made_once_and_shared_with_the_bases_as_a_dataclass_shares_them(cls, reference):
    assert cls.__dataclass_fields__ is cls.__dataclass_fields__
    assert dataclasses.fields(cls) == dataclasses.fields(cls)
    for base, base_reference in zip(cls.__mro__[1:], reference.__mro__[1:], strict=False):
        if "__dataclass_fields__" not in vars(base):
            continue
        for name, item in base.__dataclass_fields__.items():
            shared = cls.__dataclass_fields__[name] is item
            assert shared == (reference.__dataclass_fields__[name] is base_reference.__dataclass_fields__[name])


def test_field_takes_what_dataclasses_field_takes_and_refuses_what_it_refuses():
    assert list(inspect.signature(model.field).parameters) == [
        name for name in inspect.signature(dataclasses.field).parameters if name in model.field.__kwdefaults__
    ]
    with pytest.raises(ValueError, match="cannot specify both default and default_factory"):
        dataclasses.field(default=1, default_factory=list)
    with pytest.raises(ValueError, match="cannot specify both default and default_factory"):
        model.field(default=1, default_factory=list)

    @model.model_class
    class Written:
        a: int = model.field(default=1, repr=False, metadata={"m": 1})
        b: list = model.field(default_factory=list, compare=False, kw_only=True)
        c: int = dataclasses.field(default=3, hash=False)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Twin:
        a: int = dataclasses.field(default=1, repr=False, metadata={"m": 1})
        b: list = dataclasses.field(default_factory=list, compare=False, kw_only=True)
        c: int = dataclasses.field(default=3, hash=False)

    assert [_field_facts(item) for item in dataclasses.fields(Written)] == [
        _field_facts(item) for item in dataclasses.fields(Twin)
    ]
    assert _parameters(Written) == _parameters(Twin)
    assert Written.__match_args__ == Twin.__match_args__ == ("a", "c")
    assert repr(Written(b=[1])) == repr(Twin(b=[1])).replace("Twin", "Written")
    assert model.replace(Written(), c=4).c == dataclasses.replace(Twin(), c=4).c == 4
    assert model.replace(Twin(), c=4) == Twin(c=4)  # not a model class: dataclasses.replace
    with pytest.raises(TypeError, match="unexpected keyword argument 'd'"):
        model.replace(Written(), d=1)

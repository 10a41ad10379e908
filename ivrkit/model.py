"""The checked, immutable model of an IVR: what the loader produces and everything else reads.

Every element keeps the source `Span` it came from, so that any tool can point
a designer at the exact line and column. Nothing here parses YAML or does I/O.

The classes are frozen, slotted dataclasses made by `model_class`: what
``dataclass(frozen=True, slots=True)`` would make, without the cost of making
them that way at every start-up (`_make_model_class`), and with an
``__init__`` that stores each field through its slot's own setter, quicker
than a frozen dataclass's (`_init_function`). Equality, hashing, the repr,
pickling, `dataclasses.fields` and `dataclasses.replace` are those of any
frozen dataclass, and yet importing this module does not import `dataclasses`
(which imports `inspect`, `ast`, `dis`, `tokenize`: 5-7 ms of every start-up):
a class keeps its fields as `_FieldSpec` records, and dataclasses' `Field`
objects are made the first time `__dataclass_fields__` is read (`_LazyFields`).
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable, Iterator, Mapping
from reprlib import recursive_repr as _recursive_repr
from types import MappingProxyType, MemberDescriptorType
from typing import Any, NamedTuple, TypeVar, dataclass_transform, overload

__all__ = [
    "Span",
    "Text",
    "Prompt",
    "Target",
    "Option",
    "Handler",
    "Settings",
    "Schedule",
    "Variable",
    "Route",
    "Node",
    "Interactive",
    "MenuNode",
    "MessageNode",
    "InputNode",
    "BranchNode",
    "TransferNode",
    "VoicemailNode",
    "CallbackNode",
    "HangupNode",
    "MenuFile",
    "MenuSet",
    "NODE_TYPES",
    "TERMINAL_TYPES",
    "ACTIONS",
    "RETURN",
    "DEFAULT_OPTION_TEMPLATES",
    "DEFAULT_KEY_NAMES",
    "model_class",
    "maker",
    "field",
    "replace",
    "as_dict",
]

RETURN = "return"
ACTIONS = ("repeat", "back", "top")
TERMINAL_TYPES = frozenset({"transfer", "voicemail", "callback", "hangup"})

DEFAULT_OPTION_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        "en": "To {label}, press {key}.",
        "fi": "{Label}: paina {key}.",
        "sv": "För att {label}, tryck {key}.",
    }
)
DEFAULT_KEY_NAMES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en": MappingProxyType({"*": "star", "#": "hash"}),
        "fi": MappingProxyType({"*": "tähteä", "#": "risuaitaa"}),  # partitive: "paina tähteä"
        "sv": MappingProxyType({"*": "stjärna", "#": "fyrkant"}),
    }
)


_Class = TypeVar("_Class", bound=type)
_Made = TypeVar("_Made")


class _NoDefault:
    """No default (dataclasses' `MISSING`, without importing dataclasses)."""

    def __repr__(self) -> str:
        return "MISSING"


_NO_DEFAULT: Any = _NoDefault()


class _FieldSpec:
    """A model class's field, what `field()` or the class body says of it: a light `dataclasses.Field`.

    `field` makes these. The dataclasses' `Field` of the same settings is made
    from it the first time anything reads the class's `__dataclass_fields__`
    (`as_field`); a `Field` written with `dataclasses.field` is kept as it is.
    """

    __slots__ = (
        "name",
        "type",
        "default",
        "default_factory",
        "init",
        "repr",
        "hash",
        "compare",
        "metadata",
        "kw_only",
        "made",
    )

    def __init__(
        self,
        default: Any,
        default_factory: Any,
        init: bool,
        repr: bool,
        hash: bool | None,
        compare: bool,
        metadata: Any,
        kw_only: Any,
    ) -> None:
        if default is not _NO_DEFAULT and default_factory is not _NO_DEFAULT:
            raise ValueError("cannot specify both default and default_factory")
        self.name: str = ""
        self.type: Any = None
        self.default, self.default_factory, self.init, self.repr = default, default_factory, init, repr
        self.hash, self.compare, self.metadata, self.kw_only = hash, compare, metadata, kw_only
        self.made: Any = None  # the dataclasses.Field, once made

    @classmethod
    def of(cls, item: Any) -> _FieldSpec:
        """The spec of a `dataclasses.Field` (written with `dataclasses.field`), which becomes its `made`."""
        from dataclasses import MISSING

        def mine(value: Any) -> Any:
            return _NO_DEFAULT if value is MISSING else value

        spec = cls(
            mine(item.default),
            mine(item.default_factory),
            item.init,
            item.repr,
            item.hash,
            item.compare,
            item.metadata,
            mine(item.kw_only),
        )
        spec.name, spec.type, spec.made = item.name, item.type, item
        return spec

    def as_field(self) -> Any:
        """This field as `dataclasses.fields` gives it: a `dataclasses.Field`, made once."""
        if self.made is None:
            import dataclasses

            def theirs(value: Any) -> Any:
                return dataclasses.MISSING if value is _NO_DEFAULT else value

            self.made = dataclasses.field(
                default=theirs(self.default),
                default_factory=theirs(self.default_factory),
                init=self.init,
                repr=self.repr,
                hash=self.hash,
                compare=self.compare,
                metadata=self.metadata,
                kw_only=theirs(self.kw_only),
            )
        item = self.made
        item.name, item.type, item.kw_only = self.name, self.type, self.kw_only
        # What marks a real field (not a ClassVar or an InitVar) for `dataclasses.fields`: private to dataclasses,
        # but the one thing a field needs beyond what `dataclasses.field()` sets (tests/test_model_class.py would
        # notice).
        item._field_type = sys.modules["dataclasses"]._FIELD
        return item


def field(
    *,
    default: Any = _NO_DEFAULT,
    default_factory: Any = _NO_DEFAULT,
    init: bool = True,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
    metadata: Any = None,
    kw_only: Any = _NO_DEFAULT,
) -> Any:
    """`dataclasses.field` for a model class, without importing dataclasses (same parameters, same meaning)."""
    return _FieldSpec(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_field(value: Any) -> bool:
    """Whether `value` is a field as written in a class body: `field()`'s, or `dataclasses.field()`'s."""
    if isinstance(value, _FieldSpec):
        return True
    dataclasses = sys.modules.get("dataclasses")  # no object is a dataclasses.Field before dataclasses is imported
    return dataclasses is not None and isinstance(value, dataclasses.Field)


# The fields of each model class, its bases' first: what its __dataclass_fields__ is made from.
_SPECS: dict[type, tuple[_FieldSpec, ...]] = {}


def as_dict(obj: Any) -> dict[str, Any]:
    """`dataclasses.asdict`: a model-class object as a dict, the objects, lists, tuples and dicts in it converted
    too; without importing dataclasses for model classes and plain values."""
    if type(obj) not in _SPECS:
        import dataclasses

        return dataclasses.asdict(obj)
    converted: dict[str, Any] = _as_dict_value(obj)
    return converted


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _as_dict_value(obj: Any) -> Any:
    specs = _SPECS.get(type(obj))
    if specs is not None:
        return {spec.name: _as_dict_value(getattr(obj, spec.name)) for spec in specs}
    if type(obj) in _PLAIN:
        return obj  # what copy.deepcopy gives for them
    if hasattr(type(obj), "__dataclass_fields__"):
        import dataclasses

        return dataclasses.asdict(obj)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_as_dict_value(item) for item in obj])
    if isinstance(obj, list | tuple):
        return type(obj)(_as_dict_value(item) for item in obj)
    if isinstance(obj, dict):
        return type(obj)((_as_dict_value(key), _as_dict_value(value)) for key, value in obj.items())
    import copy

    return copy.deepcopy(obj)


class _LazyFields:
    """A model class's `__dataclass_fields__`, the dataclasses' `Field` objects made on first read.

    Only `dataclasses` (`fields`, `replace`, `asdict`, `is_dataclass`, a
    dataclass subclassing a model class) and tests read it; what the model
    classes do themselves reads `_SPECS`, so a lint never imports dataclasses.
    """

    __slots__ = ("specs", "made")

    def __init__(self, specs: tuple[_FieldSpec, ...]) -> None:
        self.specs = specs
        self.made: dict[str, Any] | None = None

    def __get__(self, obj: Any, owner: Any = None) -> dict[str, Any]:
        made = self.made
        if made is None:
            made = self.made = {spec.name: spec.as_field() for spec in self.specs}
        return made


def replace(obj: _Made, /, **changes: Any) -> _Made:
    """`dataclasses.replace`: a copy of `obj` with `changes`; for a model class without importing dataclasses."""
    specs = _SPECS.get(type(obj))
    if specs is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for spec in specs:
        if spec.name not in changes:
            changes[spec.name] = getattr(obj, spec.name)
    return type(obj)(**changes)


@overload
def model_class(cls: _Class, /) -> _Class: ...


@overload
def model_class(*, kw_only: bool = False) -> Callable[[_Class], _Class]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def model_class(cls: Any = None, /, *, kw_only: bool = False) -> Any:
    """A model class: a frozen, slotted dataclass, made without `dataclasses.dataclass` (`_make_model_class`).

    Other frozen value classes that many modules import (`Diagnostic`,
    `LintConfig`, ...) are made the same way, for the same start-up.
    """

    def make(cls: Any) -> Any:
        return _make_model_class(cls, kw_only)

    return make if cls is None else make(cls)


def _make_model_class(cls: Any, kw_only: bool) -> Any:
    """`cls` as ``dataclass(frozen=True, slots=True, kw_only=kw_only)`` would make it, at a fraction of the cost.

    `dataclasses.dataclass` compiles generated source for each method of each
    class (seven compilations a class, with the quicker `__init__`), and
    writes a class's documentation from its signature when it has none:
    20-50 ms of every start-up for the model's 20 classes. Here `__init__`
    is compiled the first time the class is constructed (`_init_function`;
    `_Signature` answers `inspect.signature` before that), `__eq__` and
    `__hash__` the first time its objects are compared or hashed
    (`_first_use`), so they run as fast as a dataclass's; the repr,
    `__setattr__` and the pickling methods are closures over the field
    names. What a frozen slotted dataclass offers stays:
    `__dataclass_fields__` (so `dataclasses.fields`, `replace`, `asdict` and
    `is_dataclass` work), `__match_args__`, equality and hashing by the
    tuple of the compared fields, the repr, `FrozenInstanceError` on
    assignment, pickles by the fields' values (the same as a dataclass's),
    and `__dataclass_params__` for a dataclass that subclasses a model class.
    tests/test_model_class.py compares every model class with the dataclass
    of the same definition. Not supported, as no model class needs them (the
    first three are refused when the class is made): ``ClassVar``,
    ``InitVar`` and ``KW_ONLY`` fields, ``init=False`` fields,
    ``__post_init__``, ordering, and the docstring a dataclass writes for a
    class without one.
    """
    own = cls.__dict__
    every = _fields(cls, kw_only)
    names = tuple(item.name for item in every)
    compared = [item.name for item in every if item.compare]
    hashed = [item.name for item in every if (item.compare if item.hash is None else item.hash)]
    shown = tuple(item.name for item in every if item.repr)
    home: list[Any] = []  # the class, once made
    setters: list[Callable[[Any, Any], None]] = []  # each field's slot setter, found on first use (`slot_setters`)

    def slot_setters() -> list[Callable[[Any, Any], None]]:
        if not setters and names:  # a field's slot descriptor is what the class gives for its name
            setters[:] = [getattr(home[0], name).__set__ for name in names]  # whole at once: threads see all or none
        return setters

    def __eq__(self: Any, other: Any) -> Any:
        return _first_use(home[0], "__eq__", _eq_source(compared))(self, other)

    def __hash__(self: Any) -> Any:
        return _first_use(home[0], "__hash__", _hash_source(hashed))(self)

    @_recursive_repr()
    def __repr__(self: Any) -> str:
        values = ", ".join([f"{name}={getattr(self, name)!r}" for name in shown])
        return f"{self.__class__.__qualname__}({values})"

    def own_fields(klass: Any) -> bool:
        """Whether `klass` has the fields of the class made here (not a dataclass subclass's own)."""
        return klass is home[0] or next(k for k in klass.__mro__ if "__dataclass_fields__" in k.__dict__) is home[0]

    def __getstate__(self: Any) -> list[Any]:
        if not own_fields(type(self)):  # a dataclass subclass's own
            return [getattr(self, name) for name in type(self).__dataclass_fields__]
        return [getattr(self, name) for name in names]

    def __setstate__(self: Any, state: list[Any]) -> None:
        if not own_fields(type(self)):
            for name, value in zip(type(self).__dataclass_fields__, state, strict=False):
                object.__setattr__(self, name, value)
            return
        for setter, value in zip(slot_setters(), state, strict=False):
            setter(self, value)

    inherited_slots = {slot for base in cls.__mro__[1:-1] for slot in base.__dict__.get("__slots__", ())}
    namespace = {key: value for key, value in own.items() if key not in names}
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace["__slots__"] = tuple(name for name in names if name not in inherited_slots)
    namespace["__dataclass_fields__"] = _LazyFields(every)
    namespace["__dataclass_params__"] = _LAZY_PARAMS[kw_only]
    namespace["__signature__"] = _SIGNATURE
    # As dataclass(frozen=True, eq=True): a __hash__ by the fields unless the class wrote its own (Python
    # gives a class that writes only __eq__ `__hash__ = None`, which does not count).
    class_hash = own.get("__hash__", _NO_DEFAULT)
    if class_hash is _NO_DEFAULT or (class_hash is None and "__eq__" in own):
        namespace["__hash__"] = __hash__
        __hash__.__qualname__ = f"{cls.__qualname__}.__hash__"
    added: dict[str, Any] = {
        "__match_args__": tuple(item.name for item in every if item.init and not item.kw_only),
        "__repr__": __repr__,
        "__eq__": __eq__,
        "__setattr__": _frozen_setattr,
        "__delattr__": _frozen_delattr,
        "__getstate__": __getstate__,
        "__setstate__": __setstate__,
    }
    for name, value in added.items():
        if name not in own:
            namespace[name] = value
    for method in (__repr__, __eq__, __getstate__, __setstate__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    made = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    home.append(made)
    _SPECS[made] = every
    if "__init__" not in own:

        def compile_init() -> Any:
            init = made.__dict__["__init__"]
            if init is __init__:
                init = _init_function(made, every, slot_setters())
                type.__setattr__(made, "__init__", init)
            return init

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            compile_init()(self, *args, **kwargs)

        __init__.__qualname__ = f"{cls.__qualname__}.__init__"
        __init__._compile = compile_init  # type: ignore[attr-defined]  # read by _Signature
        type.__setattr__(made, "__init__", __init__)
    return made


def _base_fields(base: Any) -> tuple[_FieldSpec, ...]:
    """The fields `getattr(base, "__dataclass_fields__")` gives, as specs (a model class's without making them)."""
    specs = _SPECS.get(base)
    if specs is not None or base is object:
        return specs or ()
    holder = next((klass for klass in base.__mro__ if "__dataclass_fields__" in klass.__dict__), None)
    if holder is None:
        return ()
    if holder in _SPECS:
        return _SPECS[holder]
    return tuple(_FieldSpec.of(item) for item in base.__dataclass_fields__.values())  # a real dataclass


def _fields(cls: Any, kw_only: bool) -> tuple[_FieldSpec, ...]:
    """The fields of `cls`, its bases' first, as dataclasses finds them (checked as dataclasses checks them)."""
    fields_by_name: dict[str, _FieldSpec] = {}
    for base in cls.__mro__[-1:0:-1]:
        for spec in _base_fields(base):
            fields_by_name[spec.name] = spec
    annotations = cls.__dict__.get("__annotations__", {})
    for name, annotation in annotations.items():
        text = str(annotation)
        if "ClassVar" in text or "InitVar" in text or "KW_ONLY" in text:
            raise TypeError(f"{cls.__qualname__}.{name}: model classes have no ClassVar, InitVar or KW_ONLY fields")
        item = fields_by_name[name] = _field(cls, name, annotation, kw_only)
        if not item.init:
            raise TypeError(f"{cls.__qualname__}.{name}: model classes have no init=False fields")
    written = getattr(sys.modules.get("dataclasses"), "Field", _FieldSpec)  # no dataclasses.Field before the import
    for name, value in cls.__dict__.items():
        if isinstance(value, (_FieldSpec, written)) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__qualname__}: model classes have no __post_init__")
    follows_default = False
    for item in fields_by_name.values():
        if item.init and not item.kw_only:
            has_default = item.default is not _NO_DEFAULT or item.default_factory is not _NO_DEFAULT
            if follows_default and not has_default:
                raise TypeError(f"non-default argument {item.name!r} follows default argument")
            follows_default = follows_default or has_default
    return tuple(fields_by_name.values())


def _field(cls: Any, name: str, annotation: Any, kw_only: bool) -> _FieldSpec:
    """A class's field as dataclasses' `_get_field` makes it (the default from the class, a `field()` as written)."""
    default: Any = getattr(cls, name, _NO_DEFAULT)
    if isinstance(default, _FieldSpec):
        item = default
    elif _is_field(default):  # written with dataclasses.field
        default.name, default.type = name, annotation
        item = _FieldSpec.of(default)
    else:
        if isinstance(default, MemberDescriptorType):  # a slot of a base class: no default
            default = _NO_DEFAULT
        item = _FieldSpec(default, _NO_DEFAULT, True, True, None, True, None, _NO_DEFAULT)  # field(default=default)
    if item.default is not _NO_DEFAULT and item.default.__class__.__hash__ is None:
        raise ValueError(f"mutable default {type(item.default)} for field {name} is not allowed: use default_factory")
    item.name, item.type = name, annotation
    if item.kw_only is _NO_DEFAULT:
        item.kw_only = kw_only
    return item


def _first_use(cls: Any, name: str, source: str) -> Any:
    """Compile a method of `cls` from `source`, put it in the class in place of the stub that asked, return it."""
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # the way dataclasses writes its methods; only field names go into the source
    method = namespace[name]
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    type.__setattr__(cls, name, method)
    return method


def _eq_source(names: list[str]) -> str:
    mine, theirs = (f"({''.join(f'{who}.{name},' for name in names)})" for who in ("self", "other"))
    return (
        "def __eq__(self, other):\n"
        "    if other.__class__ is self.__class__:\n"
        f"        return {mine} == {theirs}\n"
        "    return NotImplemented\n"
    )


def _hash_source(names: list[str]) -> str:
    return f"def __hash__(self):\n    return hash(({''.join(f'self.{name},' for name in names)}))\n"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    from dataclasses import FrozenInstanceError  # here: only a mistake pays for importing dataclasses

    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    from dataclasses import FrozenInstanceError

    raise FrozenInstanceError(f"cannot delete field {name!r}")


class _LazyParams:
    """`__dataclass_params__`, made on first use by decorating a probe class as the model classes are declared.

    Only `dataclasses` reads it (whether a dataclass's bases are frozen), so
    no start-up pays for the probe's decoration.
    """

    def __init__(self, kw_only: bool):
        self.kw_only = kw_only
        self.params: Any = None

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if self.params is None:
            from dataclasses import dataclass

            probe: Any = dataclass(frozen=True, slots=True, kw_only=self.kw_only)(type("Probe", (), {}))
            self.params = probe.__dataclass_params__
        return self.params


_LAZY_PARAMS = {False: _LazyParams(False), True: _LazyParams(True)}


class _Signature:
    """A model class's `inspect.signature`, that of its `__init__`, even before that is compiled.

    A class's `__init__` is compiled the first time the class is constructed
    (a lint constructs 9 of the 22 model classes; compiling one takes 0.1-0.4
    ms); until then it is a stand-in taking ``*args, **kwargs``, and
    `inspect.signature(cls)` reads this instead. A class gives the same
    signature on every read, before and after its `__init__` is compiled
    (hypothesis reads it twice); an object gives None, as inspect expects.
    """

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is not None or owner is None:
            return None
        init = next(klass.__dict__["__init__"] for klass in owner.__mro__ if "__init__" in klass.__dict__)
        compile_init = getattr(init, "_compile", None)
        if compile_init is not None:
            init = compile_init()
        import inspect

        signature = inspect.signature(init)
        return signature.replace(parameters=tuple(signature.parameters.values())[1:])


_SIGNATURE = _Signature()


class _Factory:
    """The default of a parameter whose field has a default factory (shown as a dataclass shows it)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _init_function(cls: Any, every: tuple[_FieldSpec, ...], setters: list[Callable[[Any, Any], None]]) -> Any:
    """An `__init__` that stores each field through its slot's setter.

    A frozen dataclass's own `__init__` goes through ``object.__setattr__``
    for every field (its class's `__setattr__` refuses assignment), most of
    the time it takes to construct an object. Constructing the 402,398
    objects of bench/out/large.yaml (20,000 menus): frozen dataclasses
    0.44-0.54 s, these 0.32-0.37 s; plain (unfrozen) slotted dataclasses
    would take 0.21 s but give up the run-time guard. Same signature,
    defaults, keyword-only fields and default factories as the dataclass's.
    """
    params, body, namespace = _parameters(every)
    used = [(item.name, setter) for item, setter in zip(every, setters, strict=True) if item.init]
    body.extend(f"        _set_{name}(self, {name})" for name, _ in used)
    source = (
        f"def make({', '.join(f'_set_{name}' for name, _ in used)}):\n"
        f"    def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["        pass"]) + "\n"
        "    return __init__\n"
    )
    exec(source, namespace)  # the way dataclasses writes __init__; only field names go into the source
    init = namespace["make"](*(setter for _, setter in used))
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init._model_init = True  # what `maker` does is what this does
    return init


_MAKERS: dict[type, Callable[..., Any]] = {}


def maker(cls: Callable[..., _Made]) -> Callable[..., _Made]:
    """A quicker `cls(...)` for a model class: same arguments, same object, for the loader's hottest paths.

    The object is made as an instance of an unguarded twin of `cls` (the
    same slots, a plain `__setattr__`), its fields stored as ordinary
    attributes, and it then becomes a `cls` by a `__class__` assignment,
    which Python allows between classes of the same slots. From then on it
    is frozen like any other. Constructing an `Option` (13 fields) takes
    about half the time of `Option(...)`; a class of two or three fields
    gains nothing. Made on first use; tests/test_model_maker.py holds every
    model class's maker to the class.
    """
    made = _MAKERS.get(cls)  # type: ignore[call-overload]
    if made is None:
        made = _MAKERS[cls] = _maker_function(cls)  # type: ignore[index]
    return made


def _maker_function(cls: Any) -> Any:
    own = cls.__dict__
    init = own.get("__init__")
    made_init = getattr(init, "_compile", None) is not None or getattr(init, "_model_init", False)
    if "__slots__" not in own or getattr(cls, "__setattr__", None) is not _frozen_setattr or not made_init:
        raise TypeError(f"{cls.__qualname__} is not a model class with the __init__ model_class writes")
    every = _SPECS[cls]
    # Both plain: Python's quick attribute store needs the generic __setattr__ and __delattr__ (one C slot).
    plain = {"__setattr__": object.__setattr__, "__delattr__": object.__delattr__}
    twin = type(cls.__name__, cls.__bases__, {"__slots__": own["__slots__"], **plain})
    params, body, namespace = _parameters(every)
    body.append("        self = _new(_twin)")
    body.extend(f"        self.{item.name} = {item.name}" for item in every)
    body.append("        _set_class(self, '__class__', _cls)")
    body.append("        return self")
    source = (
        "def make(_new, _twin, _cls, _set_class):\n"
        f"    def __maker__({', '.join(params)}):\n" + "\n".join(body) + "\n"
        "    return __maker__\n"
    )
    exec(source, namespace)  # as _init_function; only field names go into the source
    function = namespace["make"](object.__new__, twin, cls, object.__setattr__)
    function.__qualname__ = f"maker({cls.__qualname__})"
    return function


def _parameters(every: tuple[_FieldSpec, ...]) -> tuple[list[str], list[str], dict[str, Any]]:
    """The parameters of a model class's `__init__` (as a dataclass's), the lines filling in default factories,
    and the namespace their defaults are read from."""
    params: list[str] = []
    body: list[str] = []
    namespace: dict[str, Any] = {"_FACTORY": _FACTORY}
    star = False
    init_fields = [item for item in every if item.init]
    for item in [item for item in init_fields if not item.kw_only] + [item for item in init_fields if item.kw_only]:
        name = item.name
        if item.kw_only and not star:
            params.append("*")
            star = True
        if item.default is not _NO_DEFAULT:
            namespace[f"_default_{name}"] = item.default
            params.append(f"{name}=_default_{name}")
        elif item.default_factory is not _NO_DEFAULT:
            namespace[f"_factory_{name}"] = item.default_factory
            params.append(f"{name}=_FACTORY")
            body.append(f"        if {name} is _FACTORY:\n            {name} = _factory_{name}()")
        else:
            params.append(name)
    return params, body, namespace


# Span and Route are named tuples whose fields are given to `NamedTuple(...)` as a list of real types, and
# whose methods are in a subclass: under `from __future__ import annotations` the class form's annotations
# are strings, which `typing.NamedTuple` turns into `ForwardRef`s, and each of those calls `compile()`; the
# first `compile()` of a process sets up the `ast` module (119 classes, 9 M instructions, ~3 ms of every
# start-up). Fields, pickling, `_replace`, equality and ordering are those of the class form.
_tuple_new = tuple.__new__


class Span(NamedTuple("Span", [("path", str), ("line", int), ("col", int), ("end_line", int), ("end_col", int)])):
    """A 1-based source range: where an element was written (`path`, `line`, `col`, `end_line`, `end_col`)."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@model_class
class Text:
    """Spoken text by language: ``(("en", "pay your bill"), ("fi", "laskun maksu"))``."""

    values: tuple[tuple[str, str], ...]
    span: Span

    def get(self, language: str, default: str | None = None) -> str | None:
        for lang, text in self.values:
            if lang == language:
                return text
        return default

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.values)

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


@model_class
class Prompt:
    """What a node or handler plays: synthesised `text`, a recording, or both.

    With `audio` and no `text` the words are unknown: `known` is False and no
    tool may treat the prompt as empty or as fine.
    """

    text: Text | None
    audio: Text | None
    span: Span

    @property
    def known(self) -> bool:
        return self.text is not None


@model_class
class Target:
    """Where a call goes, as written (`raw`) and as resolved (`node_key`).

    `node_key` is the key of the node in `MenuSet.nodes`; it is None only for
    the reserved target ``return``.
    """

    raw: str
    node_key: str | None
    span: Span

    @property
    def is_return(self) -> bool:
        return self.raw == RETURN


@model_class
class Option:
    """One key of a menu, or one global option."""

    key: str
    key_span: Span
    span: Span
    label: Text | None = None
    say: Text | None = None
    goto: Target | None = None
    then: Target | None = None
    action: str | None = None
    language: str | None = None
    share: float | None = None
    announce: bool = True
    is_global: bool = False
    note: str | None = None


@model_class
class Handler:
    """What happens on one no-input or no-match: a message, then a re-prompt or a jump."""

    span: Span
    prompt: Prompt | None = None
    goto: Target | None = None
    then: Target | None = None


@model_class
class Settings:
    """File-wide defaults; `Node.setting()` applies a node's own overrides."""

    timeout: float = 5.0
    inter_digit_timeout: float = 3.0
    retries: int = 2
    fallback: Target | None = None
    rate: float = 165.0
    voice: Text | None = None
    barge_in: bool = True
    option_templates: Mapping[str, str] = field(default_factory=lambda: DEFAULT_OPTION_TEMPLATES)
    key_names: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: DEFAULT_KEY_NAMES)
    span: Span | None = None


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@model_class
class Schedule:
    """Opening hours: per weekday (0 = Monday) a tuple of (start, end) minutes after midnight."""

    name: str
    timezone: str
    hours: tuple[tuple[tuple[int, int], ...], ...]
    closed_on: tuple[_dt.date, ...]
    span: Span

    def state(self, when: _dt.datetime) -> str:
        """``"open"``, ``"closed"`` or ``"holiday"`` at `when` (naive means local to the schedule)."""
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(self.timezone)
        local = when.replace(tzinfo=zone) if when.tzinfo is None else when.astimezone(zone)
        if local.date() in self.closed_on:
            return "holiday"
        minute = local.hour * 60 + local.minute
        for start, end in self.hours[local.weekday()]:
            if start <= minute < end:
                return "open"
        return "closed"

    @staticmethod
    def weekday_name(index: int) -> str:
        return _WEEKDAYS[index]


@model_class
class Variable:
    name: str
    values: tuple[str, ...]
    default: str
    span: Span
    description: str | None = None


class Route(
    NamedTuple(
        "Route",
        [
            ("kind", str),
            ("target", Target | None),
            ("span", Span),
            ("key", str | None),
            ("label", str | None),
            ("share", float | None),
            ("action", str | None),
            ("then", Target | None),
        ],
    )
):
    """One way a call can leave a node, as used by the graph and the linter.

    `kind` is one of: option, global-option, extension, next, no-input,
    no-match, fallback, case, default, closed, busy, no-answer, overflow,
    callback, action. `then` is where the call continues when the target file
    returns. (A named tuple made as `Span` is; `__new__` gives the defaults.)
    """

    __slots__ = ()

    def __new__(
        cls,
        kind: str,
        target: Target | None,
        span: Span,
        key: str | None = None,
        label: str | None = None,
        share: float | None = None,
        action: str | None = None,
        then: Target | None = None,
    ) -> Route:
        return _tuple_new(cls, (kind, target, span, key, label, share, action, then))


@model_class(kw_only=True)
class Node:
    """Fields shared by every node type."""

    TYPE = ""

    id: str
    key: str
    file: str
    span: Span
    prompt: Prompt | None = None
    note: str | None = None
    lint_ignore: tuple[tuple[str, Span], ...] = ()
    rate: float | None = None
    voice: Text | None = None
    barge_in: bool | None = None

    @property
    def type(self) -> str:
        return self.TYPE

    @property
    def terminal(self) -> bool:
        return self.TYPE in TERMINAL_TYPES

    def setting(self, name: str, settings: Settings):
        """The node's own value of a setting, else the file's."""
        own = getattr(self, name, None)
        return getattr(settings, name) if own is None else own

    def routes(self) -> Iterator[Route]:
        return iter(())


@model_class(kw_only=True)
class Interactive(Node):
    """A node that waits for keys: timeouts, retries, handlers and fallback."""

    timeout: float | None = None
    inter_digit_timeout: float | None = None
    retries: int | None = None
    fallback: Target | None = None
    no_input: tuple[Handler, ...] = ()
    no_match: tuple[Handler, ...] = ()

    def _handler_routes(self) -> Iterator[Route]:
        for kind, handlers in (("no-input", self.no_input), ("no-match", self.no_match)):
            for handler in handlers:
                if handler.goto is not None:
                    yield Route(kind, handler.goto, handler.span, then=handler.then)
        if self.fallback is not None:
            yield Route("fallback", self.fallback, self.fallback.span)


@model_class(kw_only=True)
class MenuNode(Interactive):
    TYPE = "menu"

    options: tuple[Option, ...] = ()
    announce_options: bool = True
    global_options: bool | tuple[str, ...] = True
    extensions: tuple[int, int, Target] | None = None
    extensions_span: Span | None = None
    # `extensions.patterns` as written (ivrkit/keypatterns.py reads them); `extensions` keeps their min-max.
    extension_patterns: tuple[str, ...] = ()
    # FreeSWITCH's digit-len: after each key the menu waits for more until it has this many (keypatterns).
    max_digits: int | None = None

    def uses_global(self, key: str) -> bool:
        if self.global_options is True:
            return True
        if self.global_options is False:
            return False
        return key in self.global_options

    def routes(self) -> Iterator[Route]:
        for option in self.options:
            yield _option_route(option, "option")
        yield from self.routes_after_options()

    def routes_after_options(self) -> Iterator[Route]:
        """The routes that `routes` gives after the options: the extensions', then the handlers'."""
        if self.extensions is not None:
            low, high, target = self.extensions
            pattern = f"{low}-{high} digits" if low != high else f"{low} digits"
            if self.extension_patterns:
                pattern = "pattern " + ", ".join(self.extension_patterns)
            yield Route("extension", target, self.extensions_span or target.span, key=pattern)
        yield from self._handler_routes()


def _option_route(option: Option, kind: str) -> Route:
    label = option.label.values[0][1] if option.label is not None else None
    if option.action is not None:
        return Route("action", None, option.span, option.key, label, option.share, option.action)
    return Route(kind, option.goto, option.span, option.key, label, option.share, then=option.then)


@model_class(kw_only=True)
class MessageNode(Node):
    TYPE = "message"

    next: Target
    then: Target | None = None

    def routes(self) -> Iterator[Route]:
        yield Route("next", self.next, self.next.span, then=self.then)


@model_class(kw_only=True)
class InputNode(Interactive):
    TYPE = "input"

    next: Target
    then: Target | None = None
    min_digits: int = 1
    max_digits: int = 1
    terminator: str | None = "#"
    store: str | None = None
    confirm: bool = False
    secret: bool = False

    def routes(self) -> Iterator[Route]:
        yield Route("next", self.next, self.next.span, then=self.then)
        yield from self._handler_routes()


@model_class(kw_only=True)
class BranchNode(Node):
    TYPE = "branch"

    schedule: str | None = None
    variable: str | None = None
    cases: tuple[tuple[str, Target], ...] = ()
    default: Target | None = None

    def routes(self) -> Iterator[Route]:
        for value, target in self.cases:
            yield Route("case", target, target.span, key=value, label=value)
        if self.default is not None:
            yield Route("default", self.default, self.default.span, label="default")


@model_class(kw_only=True)
class TransferNode(Node):
    TYPE = "transfer"

    queue: str | None = None
    number: str | None = None
    person: bool = True
    person_known: bool = True  # False for `person: unknown`: `person` is then True as "maybe"
    hours: str | None = None
    closed: Target | None = None
    busy: Target | None = None
    no_answer: Target | None = None
    announce_wait: bool = False
    max_wait: float | None = None
    overflow: Target | None = None
    callback_offer_after: float | None = None
    callback: Target | None = None

    def routes(self) -> Iterator[Route]:
        for kind, target in (
            ("closed", self.closed),
            ("busy", self.busy),
            ("no-answer", self.no_answer),
            ("overflow", self.overflow),
            ("callback", self.callback),
        ):
            if target is not None:
                yield Route(kind, target, target.span)


@model_class(kw_only=True)
class VoicemailNode(Node):
    TYPE = "voicemail"

    mailbox: str | None = None
    max_length: float | None = None
    next: Target | None = None  # after recording the call goes on here (VoiceXML <record> then <goto>)
    then: Target | None = None

    def routes(self) -> Iterator[Route]:
        if self.next is not None:
            yield Route("next", self.next, self.next.span, then=self.then)


@model_class(kw_only=True)
class CallbackNode(Node):
    TYPE = "callback"

    number: str = "caller"
    confirm: str = "none"


@model_class(kw_only=True)
class HangupNode(Node):
    TYPE = "hangup"


NODE_TYPES: Mapping[str, type[Node]] = MappingProxyType(
    {
        cls.TYPE: cls
        for cls in (
            MenuNode,
            MessageNode,
            InputNode,
            BranchNode,
            TransferNode,
            VoicemailNode,
            CallbackNode,
            HangupNode,
        )
    }
)


@model_class
class MenuFile:
    """One loaded YAML file. `key` is its path relative to the project root (POSIX form)."""

    path: str
    key: str
    name: str
    language: str
    languages: tuple[str, ...]
    entry: Target
    settings: Settings
    nodes: Mapping[str, Node]
    global_options: tuple[Option, ...] = ()
    variables: Mapping[str, Variable] = field(default_factory=lambda: MappingProxyType({}))
    schedules: Mapping[str, Schedule] = field(default_factory=lambda: MappingProxyType({}))
    description: str | None = None
    span: Span | None = None

    def global_routes(self, menu: MenuNode) -> Iterator[Route]:
        """The global options that apply in `menu` (its own options win on the same key)."""
        own = {option.key for option in menu.options}
        for option in self.global_options:
            if option.key not in own and menu.uses_global(option.key):
                yield _option_route(option, "global-option")

    def options_of(self, menu: MenuNode) -> tuple[Option, ...]:
        """Every option a caller can use in `menu`: its own, then the global ones it keeps."""
        own = {option.key for option in menu.options}
        extra = tuple(
            option for option in self.global_options if option.key not in own and menu.uses_global(option.key)
        )
        return menu.options + extra


@model_class
class MenuSet:
    """An IVR with every file it references. `root` is the file that was loaded.

    Node keys are the node id for nodes of the root file and ``file#id`` (file
    relative to the project root) for nodes of other files.
    """

    root: MenuFile
    files: Mapping[str, MenuFile]
    nodes: Mapping[str, Node]
    project_root: str

    @property
    def entry(self) -> str:
        key = self.root.entry.node_key
        assert key is not None
        return key

    def file_of(self, node: Node | str) -> MenuFile:
        if isinstance(node, str):
            node = self.nodes[node]
        return self.files[node.file]

    def settings_of(self, node: Node | str) -> Settings:
        return self.file_of(node).settings

    def routes(self, node: Node | str) -> Iterator[Route]:
        """Every way a call can leave `node`, global options included."""
        if isinstance(node, str):
            node = self.nodes[node]
        yield from node.routes()
        if isinstance(node, MenuNode):
            yield from self.file_of(node).global_routes(node)
        if isinstance(node, Interactive):
            route = self.file_fallback_route(node)
            if route is not None:
                yield route

    def file_fallback_route(self, node: Interactive) -> Route | None:
        """The route to the file's `settings.fallback` when `node` has no fallback of its own (the last of `routes`)."""
        if node.fallback is not None:
            return None
        fallback = self.settings_of(node).fallback
        return None if fallback is None else Route("fallback", fallback, fallback.span)

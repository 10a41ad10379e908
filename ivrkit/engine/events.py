"""What happens during a simulated call, as immutable events stamped with the virtual clock.

Every event has `at` (seconds since the call started) and `node` (the node
key where it happened). `Session.events` is the call as the caller
experienced it, in time order: a `Speak` either played to its end or is
followed by the `SpeechCut` that stopped it, and nothing scheduled after a
caller's action that never happened is listed. Each caller action returns
the events it added or changed. Transcripts, call scripts, timing figures and
the terminal UI all read these and nothing else.

An event is an immutable record with named fields, like a frozen dataclass:
``Speak(at=..., node=..., ...)``, compared by type and value, shown as
``Speak(at=0.0, node='main', ...)``; `event._replace(at=...)` gives a copy with
other values, `event._asdict()` its fields. It is stored as a tuple (see
`_record`): a simulated call makes several events per caller action, and a
tuple is the cheapest immutable object Python builds.
"""

from __future__ import annotations

from collections import _tuplegetter  # type: ignore[attr-defined]  # namedtuple's C field getter
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

_T = TypeVar("_T", bound="Event")

__all__ = [
    "Event",
    "Arrive",
    "Speak",
    "SpeechCut",
    "Listen",
    "Press",
    "TypeAhead",
    "KeyIgnored",
    "InvalidKey",
    "NoInput",
    "Fallback",
    "LanguageChanged",
    "DigitsEntered",
    "TransferEvent",
    "VoicemailEvent",
    "KeysComplete",
    "Recorded",
    "CallbackEvent",
    "HangupEvent",
    "TERMINAL_EVENTS",
]

_E = TypeVar("_E", bound=type)
_tuple_new = tuple.__new__


@dataclass_transform(frozen_default=True)
def _record(cls: _E) -> _E:
    """Make `cls` (a subclass of `Event`) a record of its annotated fields, in order, base fields first.

    A field given a value in the class body has that value as its default. The
    class gets a fast `__new__` taking the fields by position or name, a getter
    per field and `__match_args__`; the rest (repr, equality, `_replace`) is
    `Event`'s.
    """
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        for name in vars(klass).get("__annotations__", {}):
            if name not in names and not name.startswith("_"):
                names.append(name)
    own = vars(cls)
    defaults = [own[name] for name in names if name in own and not isinstance(own[name], _tuplegetter)]
    parameters = ", ".join(names)
    namespace: dict[str, Any] = {"_tuple_new": _tuple_new}
    exec(f"def __new__(_cls, {parameters}):\n    return _tuple_new(_cls, ({parameters},))", namespace)
    constructor: Callable[..., Any] = namespace["__new__"]
    constructor.__defaults__ = tuple(defaults) or None
    constructor.__qualname__ = f"{cls.__qualname__}.__new__"
    record: Any = cls  # a class being made: its attributes are set here, once
    record.__new__ = constructor
    for index, name in enumerate(names):
        setattr(record, name, _tuplegetter(index, f"Field {index}: {name}"))
    record._fields = tuple(names)
    setattr(record, "__match_args__", tuple(names))  # noqa: B010 (mypy refuses the plain assignment)
    return cls


@_record
class Event(tuple):
    """Something that happened `at` seconds into the call, at `node`."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    at: float
    node: str

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
        return f"{type(self).__qualname__}({values})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return tuple.__eq__(self, other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return tuple.__ne__(self, other)
        return NotImplemented

    __hash__ = tuple.__hash__

    def __lt__(self, other: object) -> bool:
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    def _replace(self: _T, **changes: Any) -> _T:
        """A copy with the fields named in `changes` set to their values."""
        values = [changes.pop(name, value) for name, value in zip(self._fields, self)]
        if changes:
            raise TypeError(f"{type(self).__qualname__} has no field {', '.join(map(repr, changes))}")
        return _tuple_new(type(self), values)

    def _asdict(self) -> dict[str, Any]:
        """The fields and their values, in order."""
        return dict(zip(self._fields, self))


@_record
class Arrive(Event):
    """The call moved to `node`; `via` is how (option, next, fallback, return, ...)."""

    __slots__ = ()

    via: str
    key: str | None = None


@_record
class Speak(Event):
    """Speech starting at `at` and lasting `duration` seconds (unless a later SpeechCut says otherwise).

    `text` is None when only a recording is known; `kind` is prompt, option,
    handler, readback or system (built-in sentences such as the wait time).
    """

    __slots__ = ()

    text: str | None
    language: str
    duration: float
    kind: str
    key: str | None = None
    audio: str | None = None


@_record
class SpeechCut(Event):
    """A caller's action stopped the `Speak` playing at `at` (barge-in or hang-up).

    `heard` is the seconds of speech played since the caller's previous action
    (every sentence since then, not only the one cut); `sentence_heard` is how
    much of the cut sentence was played, out of its `sentence_duration`.
    """

    __slots__ = ()

    heard: float
    sentence_heard: float = 0.0
    sentence_duration: float = 0.0


@_record
class Listen(Event):
    """The IVR waits for keys: no input after `timeout` seconds; `expecting` is menu, digits or confirm."""

    __slots__ = ()

    timeout: float
    expecting: str
    attempt: int


@_record
class Press(Event):
    """`node` takes the key `key`; `typed_ahead` when it was pressed earlier (see `TypeAhead`)."""

    __slots__ = ()

    key: str
    typed_ahead: bool = False


@_record
class TypeAhead(Event):
    """`key` pressed at `node` before the call reached `for_node`, the node that waits for keys.

    The speech in between is skipped and `for_node` takes the key at once
    (a `Press` with `typed_ahead` at the same moment). Not a key press of its
    own: count `Press` events for keys.
    """

    __slots__ = ()

    key: str
    for_node: str


@_record
class KeyIgnored(Event):
    """A key with no effect: `reason` is no-barge-in (pressed during a prompt that cannot be
    interrupted) or call-ending (pressed during speech that leads to the end of the call, where no
    node waits for keys). Either way the speech plays on."""

    __slots__ = ()

    key: str
    reason: str = "no-barge-in"


@_record
class InvalidKey(Event):
    """Keys that match no option (or digits of the wrong length): a no-match."""

    __slots__ = ()

    keys: str
    attempt: int


@_record
class NoInput(Event):
    __slots__ = ()

    attempt: int


@_record
class Fallback(Event):
    """The tries ran out; `target` is where the call goes, None when the call ends."""

    __slots__ = ()

    target: str | None


@_record
class LanguageChanged(Event):
    __slots__ = ()

    language: str


@_record
class DigitsEntered(Event):
    """An input node accepted `digits` (stored as `store` when set); `shown` hides secret digits."""

    __slots__ = ()

    digits: str
    store: str | None
    shown: str


@_record
class TransferEvent(Event):
    """The call was handed on: to a `queue` or `number`; `outcome` connected, closed, busy, no-answer, overflow."""

    __slots__ = ()

    queue: str | None
    number: str | None
    person: bool
    outcome: str
    wait: float = 0.0
    person_known: bool = True  # False for `person: unknown`


@_record
class KeysComplete(Event):
    """No further key came within `waited` seconds (the inter-digit timeout) after `keys`: the menu acts on them."""

    __slots__ = ()

    keys: str
    waited: float


@_record
class Recorded(Event):
    """A voicemail with `next` recorded the caller's message and the call goes on (its length is not simulated)."""

    __slots__ = ()

    mailbox: str | None


@_record
class VoicemailEvent(Event):
    __slots__ = ()

    mailbox: str | None


@_record
class CallbackEvent(Event):
    __slots__ = ()

    number: str
    confirm: str


@_record
class HangupEvent(Event):
    """The call ended: `reason` is caller, goodbye (a hangup node), or no-fallback (tries ran out)."""

    __slots__ = ()

    reason: str


TERMINAL_EVENTS = (TransferEvent, VoicemailEvent, CallbackEvent, HangupEvent)

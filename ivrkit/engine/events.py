"""What happens during a simulated call, as immutable events stamped with the virtual clock.

Every event has `at` (seconds since the call started) and `node` (the node
key where it happened). `Session.events` is the call as the caller
experienced it, in time order: a `Speak` either played to its end or is
followed by the `SpeechCut` that stopped it, and nothing scheduled after a
caller's action that never happened is listed. Each caller action returns
the events it added or changed. Transcripts, call scripts, timing figures and
the terminal UI all read these and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Event:
    at: float
    node: str


@dataclass(frozen=True, slots=True)
class Arrive(Event):
    """The call moved to `node`; `via` is how (option, next, fallback, return, ...)."""

    via: str
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Speak(Event):
    """Speech starting at `at` and lasting `duration` seconds (unless a later SpeechCut says otherwise).

    `text` is None when only a recording is known; `kind` is prompt, option,
    handler, readback or system (built-in sentences such as the wait time).
    """

    text: str | None
    language: str
    duration: float
    kind: str
    key: str | None = None
    audio: str | None = None


@dataclass(frozen=True, slots=True)
class SpeechCut(Event):
    """A caller's action stopped the `Speak` playing at `at` (barge-in or hang-up).

    `heard` is the seconds of speech played since the caller's previous action
    (every sentence since then, not only the one cut); `sentence_heard` is how
    much of the cut sentence was played, out of its `sentence_duration`.
    """

    heard: float
    sentence_heard: float = 0.0
    sentence_duration: float = 0.0


@dataclass(frozen=True, slots=True)
class Listen(Event):
    """The IVR waits for keys: no input after `timeout` seconds; `expecting` is menu, digits or confirm."""

    timeout: float
    expecting: str
    attempt: int


@dataclass(frozen=True, slots=True)
class Press(Event):
    """`node` takes the key `key`; `typed_ahead` when it was pressed earlier (see `TypeAhead`)."""

    key: str
    typed_ahead: bool = False


@dataclass(frozen=True, slots=True)
class TypeAhead(Event):
    """`key` pressed at `node` before the call reached `for_node`, the node that waits for keys.

    The speech in between is skipped and `for_node` takes the key at once
    (a `Press` with `typed_ahead` at the same moment). Not a key press of its
    own: count `Press` events for keys.
    """

    key: str
    for_node: str


@dataclass(frozen=True, slots=True)
class KeyIgnored(Event):
    """A key with no effect: `reason` is no-barge-in (pressed during a prompt that cannot be
    interrupted) or call-ending (pressed during speech that leads to the end of the call, where no
    node waits for keys). Either way the speech plays on."""

    key: str
    reason: str = "no-barge-in"


@dataclass(frozen=True, slots=True)
class InvalidKey(Event):
    """Keys that match no option (or digits of the wrong length): a no-match."""

    keys: str
    attempt: int


@dataclass(frozen=True, slots=True)
class NoInput(Event):
    attempt: int


@dataclass(frozen=True, slots=True)
class Fallback(Event):
    """The tries ran out; `target` is where the call goes, None when the call ends."""

    target: str | None


@dataclass(frozen=True, slots=True)
class LanguageChanged(Event):
    language: str


@dataclass(frozen=True, slots=True)
class DigitsEntered(Event):
    """An input node accepted `digits` (stored as `store` when set); `shown` hides secret digits."""

    digits: str
    store: str | None
    shown: str


@dataclass(frozen=True, slots=True)
class TransferEvent(Event):
    """The call was handed on: to a `queue` or `number`; `outcome` connected, closed, busy, no-answer, overflow."""

    queue: str | None
    number: str | None
    person: bool
    outcome: str
    wait: float = 0.0
    person_known: bool = True  # False for `person: unknown`


@dataclass(frozen=True, slots=True)
class KeysComplete(Event):
    """No further key came within `waited` seconds (the inter-digit timeout) after `keys`: the menu acts on them."""

    keys: str
    waited: float


@dataclass(frozen=True, slots=True)
class Recorded(Event):
    """A voicemail with `next` recorded the caller's message and the call goes on (its length is not simulated)."""

    mailbox: str | None


@dataclass(frozen=True, slots=True)
class VoicemailEvent(Event):
    mailbox: str | None


@dataclass(frozen=True, slots=True)
class CallbackEvent(Event):
    number: str
    confirm: str


@dataclass(frozen=True, slots=True)
class HangupEvent(Event):
    """The call ended: `reason` is caller, goodbye (a hangup node), or no-fallback (tries ran out)."""

    reason: str


TERMINAL_EVENTS = (TransferEvent, VoicemailEvent, CallbackEvent, HangupEvent)

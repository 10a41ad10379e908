"""A call as people read it: timestamped lines of what the caller hears and does, or JSON."""

from __future__ import annotations

from collections.abc import Iterable

from .events import (
    Arrive,
    CallbackEvent,
    DigitsEntered,
    Event,
    Fallback,
    HangupEvent,
    InvalidKey,
    KeyIgnored,
    KeysComplete,
    LanguageChanged,
    Listen,
    NoInput,
    Press,
    Recorded,
    Speak,
    SpeechCut,
    TransferEvent,
    TypeAhead,
    VoicemailEvent,
)

__all__ = ["transcript_lines", "event_records", "clock"]


def clock(seconds: float) -> str:
    """``m:ss.s`` from the start of the call."""
    minutes, rest = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{rest:04.1f}"


def _line(event: Event) -> tuple[str, str] | None:
    """(kind, text) of one event, or None for events a reader does not need."""
    if isinstance(event, Speak):
        words = event.text if event.text is not None else f"[audio: {event.audio}, words unknown]"
        return "ivr", f"{words}  ({event.duration:.1f} s)"
    if isinstance(event, SpeechCut):
        return "cut", f"(speech cut after {event.sentence_heard:.1f} of {event.sentence_duration:.1f} s)"
    if isinstance(event, Press):
        if event.typed_ahead:
            return "ivr", f"{event.node} takes the typed-ahead {event.key}"
        return "caller", f"presses {event.key}"
    if isinstance(event, TypeAhead):
        return "caller", f"presses {event.key} (kept for {event.for_node}: type-ahead)"
    if isinstance(event, KeyIgnored):
        why = {
            "no-barge-in": "this prompt cannot be interrupted",
            "call-ending": "the call is ending, nothing takes keys",
        }.get(event.reason, event.reason)
        return "caller", f"presses {event.key} (ignored: {why})"
    if isinstance(event, Listen):
        what = {"menu": "a key", "digits": "digits", "confirm": "1 or 2", "callback-offer": "1"}[event.expecting]
        return "wait", f"waits for {what} (timeout {event.timeout:g} s, try {event.attempt})"
    if isinstance(event, NoInput):
        return "caller", f"says nothing (no input {event.attempt})"
    if isinstance(event, InvalidKey):
        return "ivr", f"`{event.keys}` is not an option (no match {event.attempt})"
    if isinstance(event, Fallback):
        return "ivr", f"tries used up: {'to ' + event.target if event.target else 'the call ends'}"
    if isinstance(event, Arrive):
        return "at", f"{event.node}  (via {event.via}{' ' + event.key if event.key else ''})"
    if isinstance(event, LanguageChanged):
        return "ivr", f"language: {event.language}"
    if isinstance(event, DigitsEntered):
        return "ivr", f"accepted {event.shown}" + (f" as {event.store}" if event.store else "")
    if isinstance(event, TransferEvent):
        target = f"queue {event.queue}" if event.queue else f"number {event.number}"
        person = (
            ("a person" if event.person else "another system")
            if event.person_known
            else "a person or another system: the source does not say"
        )
        waited = f" after {event.wait:.0f} s in the queue" if event.wait else ""
        return "end", f"transfer to {target} ({person}): {event.outcome}{waited}"
    if isinstance(event, KeysComplete):
        return "ivr", f"no other key within {event.waited:g} s: the keys are {event.keys}"
    if isinstance(event, Recorded):
        return "ivr", f"records a message{' in box ' + event.mailbox if event.mailbox else ''}, then goes on"
    if isinstance(event, VoicemailEvent):
        return "end", f"voicemail{' box ' + event.mailbox if event.mailbox else ''}"
    if isinstance(event, CallbackEvent):
        return "end", f"call-back booked (number: {event.number}, confirmation: {event.confirm})"
    if isinstance(event, HangupEvent):
        return "end", f"call ends ({event.reason})"
    return None


def transcript_lines(events: Iterable[Event]) -> list[str]:
    """One line per event a reader cares about: ``  0:12.5  ivr     To pay a bill, press 1.``"""
    lines = []
    for event in events:
        line = _line(event)
        if line is not None:
            kind, text = line
            lines.append(f"{clock(event.at):>7}  {kind:<6}  {text}")
    return lines


def event_records(events: Iterable[Event]) -> list[dict]:
    """The events as JSON-ready dicts, each with its `type`."""
    return [{"type": type(event).__name__, **event._asdict()} for event in events]

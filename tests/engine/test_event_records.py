"""Events are immutable records: built by position or name, compared by type and value, shown like dataclasses."""

from __future__ import annotations

import copy
import pickle

import pytest

from ivrkit.engine.events import Arrive, Event, KeyIgnored, Listen, Press, Speak, TransferEvent, TypeAhead
from ivrkit.engine.transcript import event_records


def test_fields_defaults_and_keywords():
    speak = Speak(1.5, "main", "Hello.", "en", 0.9, "prompt")
    assert (speak.at, speak.node, speak.text, speak.language, speak.duration, speak.kind) == (
        1.5,
        "main",
        "Hello.",
        "en",
        0.9,
        "prompt",
    )
    assert speak.key is None and speak.audio is None
    assert Speak(at=1.5, node="main", text="Hello.", language="en", duration=0.9, kind="prompt") == speak
    assert Speak._fields == ("at", "node", "text", "language", "duration", "kind", "key", "audio")
    assert TransferEvent(3.0, "t", "q", None, True, "connected").person_known is True
    assert isinstance(speak, Event)


def test_shown_like_a_dataclass():
    assert repr(Press(2.0, "main", "1")) == "Press(at=2.0, node='main', key='1', typed_ahead=False)"
    assert repr(Arrive(0.0, "main", "start")) == "Arrive(at=0.0, node='main', via='start', key=None)"


def test_equal_only_to_the_same_kind_of_event():
    assert Press(1.0, "m", "1") == Press(1.0, "m", "1")
    assert Press(1.0, "m", "1") != Press(1.0, "m", "2")
    assert TypeAhead(1.0, "m", "1", "x") != Arrive(1.0, "m", "1", "x")  # same values, other kinds
    assert hash(Press(1.0, "m", "1")) == hash(Press(1.0, "m", "1"))
    with pytest.raises(TypeError):
        Press(1.0, "m", "1") < Press(2.0, "m", "1")  # noqa: B015  (events have no order, as dataclasses)


def test_immutable_and_copied_with_replace():
    listen = Listen(4.0, "main", 5.0, "menu", 1)
    with pytest.raises(AttributeError):
        listen.at = 5.0  # type: ignore[misc]
    moved = listen._replace(at=6.0)
    assert moved == Listen(6.0, "main", 5.0, "menu", 1) and listen.at == 4.0
    with pytest.raises(TypeError, match="no field 'when'"):
        listen._replace(when=1.0)


def test_pickled_copied_and_matched():
    ignored = KeyIgnored(2.0, "main", "5", "call-ending")
    assert pickle.loads(pickle.dumps(ignored)) == ignored
    assert copy.deepcopy(ignored) == ignored
    match ignored:
        case KeyIgnored(at, node, key, reason):
            assert (at, node, key, reason) == (2.0, "main", "5", "call-ending")
        case _:
            pytest.fail("no match")


def test_json_records_name_every_field():
    assert event_records([Press(1.0, "m", "1", True)]) == [
        {"type": "Press", "at": 1.0, "node": "m", "key": "1", "typed_ahead": True}
    ]

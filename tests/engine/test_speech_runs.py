"""Shared speech runs (`Tables.runs`) change nothing a call says.

`Session._play` keeps the `Speak` events of a speech plan scheduled from one moment and gives the same
(immutable) events to the next call that schedules that plan from that moment. Here every call is played
twice, on two loads of one menu: once as the engine plays it, once with a run table that keeps nothing (the
events built anew every time, as before). Each action must return equal events, and the calls must end
equal. Several calls run one after the other on each load, so later calls reuse the runs of earlier ones,
and keys come `after` 0 seconds too (the same plan scheduled again at the moment its speech was dropped).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.engine import Session, Speak
from ivrkit.engine.tables import tables
from ivrkit.loader import load, loads

from ..strategies import menu_yaml, valid_menus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class _KeepsNothing(dict):
    """A run table that never keeps a run: every speech plan is turned into new events."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def words(segment, rate):
    """Seconds by word count: quick, and zero for a recording (speech of no length schedules at one moment)."""
    return 0.0 if segment.text is None else len(segment.text.split()) * 60.0 / rate


_AFTER = st.one_of(st.none(), st.just(0.0), st.floats(0, 20, allow_nan=False))
_ACTION = st.one_of(
    st.tuples(st.just("press"), st.text(alphabet="0123456789*#", min_size=1, max_size=3), _AFTER),
    st.tuples(st.just("wait"), st.just(""), st.none()),
    st.tuples(st.just("hangup"), st.just(""), _AFTER),
)


def _act(call: Session, action: tuple[str, str, float | None]) -> Any:
    kind, keys, after = action
    try:
        if kind == "press":
            return call.press(keys, after=after)
        if kind == "wait":
            return call.wait()
        return call.hang_up(after=after)
    except ValueError as error:
        return f"ValueError: {error}"


def _state(call: Session) -> tuple:
    return (call.node, call.mode, call.ended, call.clock, call.speech_end, call.buffer, call.failures, call.unused)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    menu=valid_menus(),
    calls=st.lists(st.lists(_ACTION, max_size=12), min_size=1, max_size=4),
    measured=st.booleans(),
)
def test_shared_runs_say_what_new_events_say(menu, calls, measured):
    text = menu_yaml(menu)
    shared, fresh = loads(text, "menu.yaml"), loads(text, "menu.yaml")
    tables(fresh).runs = _KeepsNothing()
    duration = words if measured else None
    for actions in calls:
        one, other = Session(shared, duration=duration), Session(fresh, duration=duration)
        assert one.start() == other.start()
        for action in actions:
            if one.ended and action[0] == "wait":
                continue
            assert _act(one, action) == _act(other, action), action
            assert _state(one) == _state(other)
            assert one.plan == other.plan
        assert one.events == other.events
    assert len(tables(fresh).runs) == 0


def test_a_second_call_at_the_entry_hears_the_first_calls_speech():
    menuset = load(EXAMPLES / "northwind-energy.yaml")
    first, second = Session(menuset).start(), Session(menuset).start()
    spoken = [event for event in first if isinstance(event, Speak)]
    assert spoken and all(any(event is again for again in second) for event in spoken)
    assert first == second

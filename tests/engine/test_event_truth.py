"""The event stream is what the caller experienced: properties over random menus and random caller steps.

For any valid menu (some prompts protected with `barge_in: false`) and any
line of steps (keys, keys@seconds, waits, hang-ups with and without @):

- event times never decrease;
- every `Speak` either played to its end (the next event is not earlier
  than its end) or is followed at once by the `SpeechCut` that stopped it,
  at a moment inside its span;
- a terminal event, when there is one, is the last event, and nothing is
  listed after it; a `Listen` is never followed by an earlier event;
- a typed-ahead key is announced (`TypeAhead`) and then taken, at the same
  moment, by the node it was kept for;
- no key vanishes: when every step was used, each key pressed is taken
  (`Press`) or shown ignored (`KeyIgnored`), exactly once.

The menus often start at a number entry with a terminator and a read-back
(`confirm: true`), and key strings are long enough to fill it and press `#`.
"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from ivrkit.engine import (
    TERMINAL_EVENTS,
    KeyIgnored,
    Listen,
    Press,
    Speak,
    SpeechCut,
    TypeAhead,
)
from ivrkit.engine.drive import LeftoverStepError, Step, run_call
from ivrkit.loader import loads

from ..strategies import menu_yaml, valid_menus

EPSILON = 1e-9


def words(segment, rate):
    return 0.0 if segment.text is None else len(segment.text.split()) * 60.0 / rate


@st.composite
def menus_with_protected_prompts(draw) -> dict:
    """A valid menu where some speaking nodes cannot be interrupted."""
    menu = draw(valid_menus(max_nodes=8))
    for node in menu["nodes"].values():
        if node["type"] != "branch" and draw(st.integers(0, 3)) == 0:
            node["barge_in"] = False
        if node["type"] == "input" and draw(st.booleans()):
            size = draw(st.integers(1, 3))  # short entries that a key string fills, often with its terminator
            node["digits"] = {"min": size, "max": size, "terminator": "#"}
            node["confirm"] = True
    if draw(st.booleans()):
        size = draw(st.integers(1, 3))
        menu["nodes"]["entry_code"] = {
            "type": "input",
            "say": "Enter your code, then press hash.",
            "digits": {"min": size, "max": size, "terminator": "#"},
            "confirm": True,
            "next": menu["entry"],
        }
        menu["entry"] = "entry_code"
    return menu


_after = st.one_of(st.none(), st.floats(0, 40, allow_nan=False), st.sampled_from([0.0, 0.2, 1.0, 2.5]))
steps = st.lists(
    st.one_of(
        st.builds(
            lambda keys, after: Step("press", keys, after, text=keys),
            st.one_of(
                st.text(alphabet="0123456789*#", min_size=1, max_size=10),
                st.text(alphabet="0123456789", min_size=1, max_size=4).map(lambda keys: keys + "#"),
            ),
            _after,
        ),
        st.just(Step("wait", text="wait")),
        st.builds(lambda after: Step("hangup", after=after, text="hangup"), _after),
    ),
    max_size=8,
)


def play(menu: dict, caller_steps: list[Step], queue_wait: float = 0.0):
    record, _ = play_all(menu, caller_steps, queue_wait)
    return record


def play_all(menu: dict, caller_steps: list[Step], queue_wait: float = 0.0):
    """The call as it ran, and whether every step was used."""
    menuset = loads(menu_yaml(menu), "menu.yaml")
    try:
        return run_call(menuset, caller_steps, duration=words, queue_wait=queue_wait), True
    except LeftoverStepError as error:  # steps after the end: the call as it ran is still the truth
        return error.record, False


def assert_truthful(events) -> None:
    times = [event.at for event in events]
    assert times == sorted(times), times
    for index, event in enumerate(events):
        if isinstance(event, Speak):
            after = [e for e in events[index + 1 :] if not isinstance(e, KeyIgnored)]
            if not after:
                continue
            following = after[0]
            end = event.at + event.duration
            if isinstance(following, SpeechCut):
                assert event.at < following.at < end + EPSILON, (event, following)
                assert following.node == event.node
            else:
                assert following.at >= end - EPSILON, (event, following)  # it played to its end first
        if isinstance(event, SpeechCut):
            before = [e for e in events[:index] if not isinstance(e, KeyIgnored)]
            assert before and isinstance(before[-1], Speak), "a cut without the speech it cut"
        if isinstance(event, TERMINAL_EVENTS):
            assert index == len(events) - 1, f"{event} is not the last event"
        if isinstance(event, TypeAhead):
            taken = [e for e in events[index + 1 :] if isinstance(e, Press)][0]
            assert taken.typed_ahead and taken.key == event.key and taken.at == event.at
            assert taken.node == event.for_node
        if isinstance(event, Listen):
            assert all(e.at >= event.at for e in events[index:])


@given(
    menu=menus_with_protected_prompts(),
    caller_steps=steps,
    queue_wait=st.sampled_from([0.0, 45.0, 700.0]),
    full_entry=st.one_of(st.none(), _after),
)
def test_every_call_is_told_in_time_order_and_only_what_was_heard(menu, caller_steps, queue_wait, full_entry):
    code = menu["nodes"].get("entry_code")
    if code is not None and full_entry is not None:
        # the entry filled and its terminator pressed, as the prompt asks: the read-back comes after the #
        keys = "123"[: code["digits"]["max"]] + "#"
        caller_steps = [Step("press", keys, full_entry, text=keys), *caller_steps]
    record = play(menu, caller_steps, queue_wait)
    assert_truthful(record.events)
    assert all(math.isfinite(event.at) for event in record.events)
    if record.ended:
        assert isinstance(record.events[-1], TERMINAL_EVENTS)


@given(menu=menus_with_protected_prompts(), caller_steps=steps)
def test_a_key_counts_once_however_it_was_pressed(menu, caller_steps):
    record, all_used = play_all(menu, caller_steps)
    pressed = sum(len(step.keys) for step in caller_steps if step.action == "press")
    taken = [event for event in record.events if isinstance(event, Press)]
    ignored = [event for event in record.events if isinstance(event, KeyIgnored)]
    assert len(taken) + len(ignored) <= pressed
    if all_used:  # no key vanishes: a key after the end of the call is a leftover step, never dropped
        assert len(taken) + len(ignored) == pressed
    # a kept key is announced once and taken once, never counted twice as a key press
    assert sum(1 for e in taken if e.typed_ahead) == sum(1 for e in record.events if isinstance(e, TypeAhead))

"""What each caller action returns, and `Session.fork`: properties over random menus and random caller steps.

- An action returns exactly the events of the stream that were not in it before the action (by identity:
  a kept event is the same object, a cut or re-timed one is new), in stream order. The session finds them
  without copying the plan when the action did not rewrite it; this pins that shortcut to the definition.
- A fork is independent: the same actions on the fork and on the original give equal events, and actions
  on the fork leave the original's events and state as they were.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.engine import Session
from ivrkit.loader import loads

from ..strategies import menu_yaml, valid_menus
from .test_event_truth import menus_with_protected_prompts


def words(segment, rate):
    return 0.0 if segment.text is None else len(segment.text.split()) * 60.0 / rate


actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("press"),
            st.text(alphabet="0123456789*#", min_size=1, max_size=4),
            st.one_of(st.none(), st.floats(0, 40)),
        ),
        st.tuples(st.just("wait"), st.just(""), st.none()),
        st.tuples(st.just("hangup"), st.just(""), st.one_of(st.none(), st.floats(0, 40))),
    ),
    max_size=12,
)


def act(call: Session, action: tuple[str, str, float | None]) -> list | None:
    kind, keys, after = action
    try:
        if kind == "press":
            return call.press(keys, after=after)
        if kind == "wait":
            return call.wait()
        return call.hang_up(after=after)
    except ValueError:  # `after` past more timeouts than the session follows
        return None


def state(call: Session) -> tuple:
    return (call.node, call.mode, call.ended, call.clock, call.buffer, call.failures, list(call.stack), call.unused)


@settings(max_examples=150, deadline=None)
@given(menu=st.one_of(valid_menus(), menus_with_protected_prompts()), steps=actions)
def test_an_action_returns_what_it_added_to_the_stream(menu, steps):
    call = Session(loads(menu_yaml(menu), "menu.yaml"), duration=words, queue_wait=30.0)
    assert call.start() == call.events
    for step in steps:
        before = call.events
        returned = act(call, step)
        if returned is None:
            continue
        old = {id(event) for event in before}
        assert returned == [event for event in call.events if id(event) not in old]
        assert all(any(event is other for other in call.events) for event in returned)


@settings(max_examples=100, deadline=None)
@given(
    menu=st.one_of(valid_menus(), menus_with_protected_prompts()),
    first=actions,
    then=actions,
)
def test_a_fork_is_an_independent_copy(menu, first, then):
    call = Session(loads(menu_yaml(menu), "menu.yaml"), duration=words, queue_wait=30.0)
    call.start()
    for step in first:
        act(call, step)
    twin = call.fork()
    events, kept = call.events, state(call)
    twin_returns = [act(twin, step) for step in then]
    assert call.events == events and state(call) == kept  # the fork's actions left the original alone
    assert [act(call, step) for step in then] == twin_returns
    assert call.events == twin.events and state(call) == state(twin)

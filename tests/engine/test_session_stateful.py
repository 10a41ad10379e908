"""Hypothesis stateful test: any sequence of caller actions on any valid menu.

Invariants: no action raises, the clock never goes back, the events of one
action are in time order, what the caller has already lived through is never
rewritten by a later action, the whole event stream is truthful (see
test_event_truth), and after every action the call either waits for input or
has ended with a terminal event.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from ivrkit.engine import TERMINAL_EVENTS, Session
from ivrkit.loader import loads

from ..strategies import menu_yaml, valid_menus
from .test_event_truth import assert_truthful, menus_with_protected_prompts


def words(segment, rate):
    return 0.0 if segment.text is None else len(segment.text.split()) * 60.0 / rate


class CallMachine(RuleBasedStateMachine):
    @initialize(
        menu=st.one_of(valid_menus(), menus_with_protected_prompts()),
        queue_wait=st.sampled_from([0.0, 45.0, 700.0]),
        outcome=st.sampled_from(["connected", "busy", "no-answer"]),
    )
    def dial(self, menu, queue_wait, outcome):
        self.call = Session(
            loads(menu_yaml(menu), "menu.yaml"), duration=words, queue_wait=queue_wait, transfer_outcome=outcome
        )
        self.events = self.call.start()
        self.clock = self.call.clock
        self.last = self.events
        self.lived: list = []  # the settled history: events before the plan

    def _after(self, events):
        times = [event.at for event in events]
        assert times == sorted(times), times
        assert not times or times[0] >= self.clock, (times[0], self.clock)  # nothing happens in the past
        assert self.call.clock >= self.clock
        self.clock = self.call.clock
        if events:
            self.last = events
        whole = self.call.events
        assert whole[: len(self.lived)] == self.lived, "a later action rewrote what had already happened"
        self.lived = whole[: len(whole) - len(self.call.plan)]
        assert all(event in whole for event in events)  # what an action returns is part of the stream

    @precondition(lambda self: not self.call.ended)
    @rule(keys=st.text(alphabet="0123456789*#", min_size=1, max_size=5), after=st.one_of(st.none(), st.floats(0, 60)))
    def press(self, keys, after):
        self._after(self.call.press(keys, after=after))

    @precondition(lambda self: not self.call.ended)
    @rule()
    def wait(self):
        self._after(self.call.wait())

    @precondition(lambda self: not self.call.ended)
    @rule(after=st.one_of(st.none(), st.floats(0, 60)))
    def hang_up(self, after):
        self._after(self.call.hang_up(after=after))
        assert self.call.ended

    @precondition(lambda self: self.call.ended)
    @rule(keys=st.sampled_from(["1", "#"]))
    def act_after_the_end(self, keys):
        assert self.call.press(keys) == [] and self.call.wait() == [] and self.call.hang_up() == []
        assert self.call.clock == self.clock

    @invariant()
    def the_stream_is_truthful(self):
        assert_truthful(self.call.events)

    @invariant()
    def waiting_or_ended_at_a_terminal(self):
        if self.call.ended:
            assert isinstance(self.last[-1], TERMINAL_EVENTS)
            assert isinstance(self.call.events[-1], TERMINAL_EVENTS)
        else:
            assert self.call.mode in ("menu", "digits", "confirm", "callback-offer")
            assert self.call.node in self.call.menuset.nodes


CallMachine.TestCase.settings = settings(
    stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestCalls = CallMachine.TestCase

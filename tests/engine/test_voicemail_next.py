"""A voicemail with `next` records and the call goes on; and the event-truth properties hold on menus with
extension patterns, `max_digits` and continuing voicemails."""

from __future__ import annotations

import contextlib
import io

from hypothesis import given
from hypothesis import strategies as st

from ivrkit.engine import TERMINAL_EVENTS, KeyIgnored, Press, Recorded, Session, VoicemailEvent
from ivrkit.engine.drive import parse_steps, run_call
from ivrkit.engine.paths import analyse
from ivrkit.keypatterns import compile_pattern
from ivrkit.loader import loads

from .test_event_truth import assert_truthful, menus_with_protected_prompts, play_all, steps

MENU = """\
ivrkit: 1
name: record then on
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      "1": {label: leave a message, goto: record}
      "2": {label: speak to staff, goto: staff}
  record:
    type: voicemail
    mailbox: "100"
    say: Speak after the tone.
    next: thanks
  thanks:
    type: menu
    say: Thank you. Your message is saved.
    options:
      "1": {label: speak to staff, goto: staff}
      "9": {label: end the call, goto: bye}
  staff: {type: transfer, queue: general, say: Connecting you.}
  bye: {type: hangup, say: Goodbye.}
"""


def test_the_call_goes_on_after_the_recording():
    menuset = loads(MENU, "menu.yaml")
    session = Session(menuset)
    session.start()
    events = session.press("1")
    recorded = [e for e in events if isinstance(e, Recorded)]
    assert len(recorded) == 1 and recorded[0].mailbox == "100" and recorded[0].node == "record"
    assert not session.ended and session.node == "thanks" and session.mode == "menu"
    assert not any(isinstance(e, VoicemailEvent) for e in events)  # not the end of the call
    events = session.press("9")
    assert session.ended and isinstance(events[-1], TERMINAL_EVENTS) and events[-1].node == "bye"


def test_a_voicemail_without_next_still_ends_the_call():
    menuset = loads(MENU.replace("    next: thanks\n", ""), "menu.yaml")
    session = Session(menuset)
    session.start()
    events = session.press("1")
    assert session.ended and isinstance(events[-1], VoicemailEvent)


def test_ivrkit_call_shows_the_recording_and_what_follows(tmp_path):
    from ivrkit.cli import main

    path = tmp_path / "menu.yaml"
    path.write_text(MENU, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["call", str(path), "--press", "1 9"])
    text = out.getvalue()
    assert code == 0
    assert "records a message in box 100, then goes on" in text
    assert text.index("records a message") < text.index("at      thanks  (via next)")
    assert text.rstrip().endswith("call ends (goodbye)")


def test_paths_counts_the_voicemail_and_follows_the_call_on():
    menuset = loads(MENU, "menu.yaml")
    figures = {figure.node: figure for figure in analyse(menuset).paths}
    assert figures["record"].seconds is not None
    assert figures["bye"].seconds is not None and figures["bye"].keys.startswith("1 ")
    for figure in figures.values():
        record = run_call(menuset, parse_steps(" ".join(figure.steps)))
        assert record.first_arrival(figure.node).at == figure.seconds


@st.composite
def menus_with_new_fields(draw) -> dict:
    """The event-truth menus, with extension patterns, `max_digits` and voicemails that go on."""
    menu = draw(menus_with_protected_prompts())
    nodes = menu["nodes"]
    menu_ids = [node_id for node_id, node in nodes.items() if node["type"] == "menu"]
    terminals = [
        node_id for node_id, node in nodes.items() if node["type"] in ("transfer", "voicemail", "callback", "hangup")
    ]
    for node_id in menu_ids:
        node = nodes[node_id]
        longest = max((len(str(key)) for key in node.get("options", {})), default=1)
        if draw(st.integers(0, 2)) == 0:
            node["max_digits"] = draw(st.integers(longest, 4))
        # patterns the menu can collect within its max_digits (others are a loader error)
        usable = [
            p
            for p in ("1X", "10[01]X", "2.", "[1-3]XX", "9!")
            if compile_pattern(p).shortest <= node.get("max_digits", 16)
        ]
        if terminals and "extensions" not in node and draw(st.integers(0, 2)) == 0:
            node["extensions"] = {
                "patterns": draw(st.lists(st.sampled_from(usable), min_size=1, max_size=2, unique=True)),
                "goto": draw(st.sampled_from(terminals)),
            }
    for node in nodes.values():
        if node["type"] == "voicemail" and menu_ids and draw(st.booleans()):
            node["next"] = draw(st.sampled_from(menu_ids))
    return menu


@given(menu=menus_with_new_fields(), caller_steps=steps)
def test_calls_with_patterns_waits_and_recordings_are_told_truthfully(menu, caller_steps):
    record, all_used = play_all(menu, caller_steps)
    assert_truthful(record.events)
    if record.ended:
        assert isinstance(record.events[-1], TERMINAL_EVENTS)
    pressed = sum(len(step.keys) for step in caller_steps if step.action == "press")
    taken = [e for e in record.events if isinstance(e, (Press, KeyIgnored))]
    assert len(taken) <= pressed
    if all_used:
        assert len(taken) == pressed

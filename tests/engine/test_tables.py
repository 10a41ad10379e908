"""engine.tables: sessions over one menu set share its lookups and its timed speech, and say what is heard."""

from __future__ import annotations

from hypothesis import given, settings

from ivrkit.analysis.heard import heard
from ivrkit.engine import Session, Speak
from ivrkit.engine.durations import estimated
from ivrkit.engine.tables import tables
from ivrkit.loader import loads
from ivrkit.prompts import node_segments
from ivrkit.timing import OPTION_PAUSE

from ..strategies import menu_yaml, valid_menus

MENU = """\
ivrkit: 1
name: Tables
language: en
entry: main
settings: {timeout: 4, retries: 1}
nodes:
  main:
    type: menu
    say: Welcome.
    timeout: 6
    barge_in: false
    options:
      "1": {label: pay a bill, goto: bye}
      "2": {label: hear the news, goto: bye}
  bye: {type: hangup, say: Goodbye.}
"""


def test_sessions_share_one_duration_model_and_one_table():
    menuset = loads(MENU)
    first, second = Session(menuset), Session(menuset)
    assert first.duration is second.duration is estimated(menuset)
    assert first._tables is second._tables is tables(menuset)
    assert tables(menuset).heard is heard(menuset)


def test_node_info_reads_the_nodes_own_settings_else_the_files():
    info = tables(loads(MENU)).info("main")
    assert (info.timeout, info.inter_digit_timeout, info.retries, info.barge_in) == (6, 3.0, 1, False)
    assert [option.key for option in info.options] == ["1", "2"] and info.by_key["2"].goto.node_key == "bye"
    assert info.keeps_listening("1") is False


def test_a_custom_duration_model_times_the_speech():
    menuset = loads(MENU)
    call = Session(menuset, duration=lambda segment, rate: 2.0)
    speech = [event for event in call.start() if isinstance(event, Speak)]
    assert [(event.at, event.duration) for event in speech] == [(0.0, 2.0), (2.0, 2.0), (4.0 + OPTION_PAUSE, 2.0)]


@settings(max_examples=40, deadline=None)
@given(menu=valid_menus())
def test_what_a_session_says_on_arrival_is_what_the_prompts_say(menu):
    menuset = loads(menu_yaml(menu))

    def words(segment, rate):
        return 0.0 if segment.text is None else len(segment.text.split()) * 60.0 / rate

    for language in menuset.root.languages:
        call = Session(menuset, language=language, duration=words)
        call.start()
        for key in menuset.nodes:
            node = menuset.nodes[key]
            plan = tables(menuset).node_plan({}, words, key, language)
            rate = node.setting("rate", menuset.settings_of(node))
            expected = [
                (key, s.text, s.language, words(s, rate), s.kind, s.key, s.audio)
                for s in node_segments(menuset, node, language)
            ]
            assert [fields for fields, _, _ in plan.segments] == expected
            assert [pause for _, _, pause in plan.segments] == [
                OPTION_PAUSE if s.kind == "option" else 0.0 for s in node_segments(menuset, node, language)
            ]


def test_a_negative_length_never_starts_speech_before_the_clock():
    call = Session(loads(MENU), duration=lambda segment, rate: -1.0)
    speech = [event for event in call.start() if isinstance(event, Speak)]
    assert [event.at for event in speech] == [0.0, 0.0, 0.0]
    assert tables(call.menuset).node_plan({}, call.duration, "main", "en").steps is None


def test_a_length_that_is_not_a_number_is_scheduled_one_segment_at_a_time():
    lengths = iter([1.0, float("nan"), 1.0])
    call = Session(loads(MENU), duration=lambda segment, rate: next(lengths))
    speech = [event for event in call.start() if isinstance(event, Speak)]
    assert [event.at for event in speech] == [0.0, 1.0, 0.0]  # max(clock, nan) is the clock, as it always was
    assert tables(call.menuset).node_plan({}, lambda s, r: float("nan"), "main", "en").steps is None


def test_prepare_builds_every_nodes_speech_once():
    menuset = loads(MENU)
    duration = estimated(menuset)
    tables(menuset).prepare(duration)
    plans = tables(menuset).plans(duration)
    assert set(plans) == {("main", "en"), ("bye", "en")}
    before = dict(plans)
    speech = [event for event in Session(menuset).start() if isinstance(event, Speak)]
    assert plans == before and [event.text for event in speech][0] == "Welcome."


def test_handler_messages_written_at_one_place_keep_their_own_words():
    """An imported file can give several prompts one source position (the VoiceXML importer maps handlers to
    their menu): a message is remembered by the prompt itself, not by where it was written."""
    from dataclasses import replace
    from types import MappingProxyType

    menuset = loads("""\
ivrkit: 1
name: Handlers
language: en
entry: main
settings: {retries: 2}
nodes:
  main:
    type: menu
    say: Choose.
    options:
      "1": {label: leave, goto: bye}
    no_input:
      - say: Sorry?
      - say: Goodbye.
        goto: bye
  bye: {type: hangup}
""")
    main = menuset.nodes["main"]
    first, second = main.no_input
    same_place = replace(second, prompt=replace(second.prompt, span=first.prompt.span))
    main = replace(main, no_input=(first, same_place))
    menuset = replace(menuset, nodes=MappingProxyType({**menuset.nodes, "main": main}))
    call = Session(menuset)
    call.start()
    said = [event.text for event in call.wait() + call.wait() if isinstance(event, Speak)]
    assert said == ["Sorry?", "Choose.", "To leave, press 1.", "Goodbye."]


PLAIN = """\
ivrkit: 1
name: Plain
language: en
entry: main
global_options:
  "9": {label: the operator, goto: bye}
nodes:
  main:
    type: menu
    say: Main.
    options:
      "1": {label: pay a bill, goto: bye}
      "2": {label: hear it again, action: repeat}
      "3": {label: back, action: back}
  bye: {type: hangup, say: Goodbye.}
"""


def test_plain_gotos_are_the_options_that_only_go_to_a_node():
    info = tables(loads(PLAIN)).infos["main"]
    assert info.plain_goto == {"1": ("bye", "option"), "9": ("bye", "global-option")}
    assert set(info.by_key) == {"1", "2", "3", "9"}


@settings(max_examples=60, deadline=None)
@given(valid_menus())
def test_a_plain_goto_moves_the_call_as_its_option_says(menu):
    menuset = loads(menu_yaml(menu), "menu.yaml")
    table = tables(menuset)
    for key, node in menuset.nodes.items():
        if node.TYPE != "menu":
            continue
        info = table.infos[key]
        for pressed, (target, via) in info.plain_goto.items():
            option = info.by_key[pressed]
            assert option.goto is not None and option.goto.node_key == target and option.then is None
            assert option.action is None and option.language is None and not option.goto.is_return
            assert via == ("global-option" if option.is_global else "option")


@settings(max_examples=60, deadline=None)
@given(valid_menus())
def test_what_a_menu_knows_of_its_waits_before_it_is_asked_is_what_keypatterns_says(menu):
    from ivrkit.keypatterns import keeps_listening

    menuset = loads(menu_yaml(menu), "menu.yaml")
    table = tables(menuset)
    for key, node in menuset.nodes.items():
        if node.TYPE != "menu":
            continue
        info = table.infos[key]
        for keys, waits in dict(info.listening).items():
            assert waits == keeps_listening(node, info.options, keys), (key, keys)

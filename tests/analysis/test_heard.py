"""analysis.heard: what a caller hears, computed once per menu set, equals what is computed afresh."""

from __future__ import annotations

import gc

from hypothesis import given, settings

from ivrkit.analysis import heard as heard_from_package
from ivrkit.analysis.heard import Heard, heard
from ivrkit.loader import loads
from ivrkit.model import Interactive, MenuNode
from ivrkit.prompts import Segment, node_segments, text_in
from ivrkit.timing import OPTION_PAUSE, speech_seconds

from ..strategies import menu_yaml, valid_menus

MENU = """\
ivrkit: 1
name: Heard
language: en
languages: [en, fi]
entry: main
settings:
  rate: 150
global_options:
  "0": {label: {en: speak with an agent, fi: puhua asiakaspalvelijan kanssa}, goto: agent}
nodes:
  main:
    type: menu
    say: {en: Welcome to Northwind., fi: Tervetuloa.}
    rate: 180
    options:
      "1": {label: {en: pay a bill, fi: maksaa laskun}, goto: agent}
      "2": {label: {en: hear this again}, action: repeat}
      "*": {say: {en: For Finnish press star.}, language: fi, goto: main}
    no_input:
      - say: {en: Are you still there?}
  agent:
    type: transfer
    queue: agents
    audio: connecting.wav
"""


def fresh_seconds(menuset, node, language):
    rate = node.setting("rate", menuset.settings_of(node))
    return tuple(
        None if s.text is None else speech_seconds(s.text, s.language, rate)
        for s in node_segments(menuset, node, language)
    )


def test_one_heard_per_menu_set_shared_by_every_reader():
    menuset = loads(MENU)
    assert heard(menuset) is heard(menuset)
    assert heard_from_package is heard
    assert heard(loads(MENU)) is not heard(menuset)  # another load is another menu set


def test_the_sentences_a_caller_hears_in_each_language():
    menuset = loads(MENU)
    said = heard(menuset)
    assert [(s.kind, s.text, s.key) for s in said.segments("main")] == [
        ("prompt", "Welcome to Northwind.", None),
        ("option", "To pay a bill, press 1.", "1"),
        ("option", "To hear this again, press 2.", "2"),
        ("option", "For Finnish press star.", "*"),
        ("option", "To speak with an agent, press 0.", "0"),
    ]
    finnish = said.segments("main", "fi")
    assert [s.text for s in finnish][:2] == ["Tervetuloa.", "Maksaa laskun: paina 1."]
    assert finnish[2].language == "en" and finnish[2].translated is False  # no Finnish label: the default
    assert said.segments("main", "en") is said.segments("main")  # the default language named is the same answer


def test_seconds_and_the_total_with_pauses_between_options():
    menuset = loads(MENU)
    said = heard(menuset)
    main = menuset.nodes["main"]
    seconds = said.seconds("main")
    assert said.rate("main") == 180 and said.rate("agent") == 150
    assert seconds == tuple(speech_seconds(s.text, "en", 180) for s in said.segments("main"))
    total, known = said.spoken(main)
    assert known is True
    assert total == sum(seconds) + OPTION_PAUSE * (len(seconds) - 1)


def test_an_audio_only_prompt_has_no_known_length():
    menuset = loads(MENU)
    said = heard(menuset)
    assert said.seconds("agent") == (None,)
    assert said.spoken("agent") == (0.0, False)


def test_handler_messages():
    menuset = loads(MENU)
    main = menuset.nodes["main"]
    assert isinstance(main, Interactive)
    prompt = main.no_input[0].prompt
    assert prompt is not None
    said = heard(menuset)
    segment = said.handler_segment("main", prompt, "fi")
    assert segment == Segment("handler", "Are you still there?", "en", prompt.span, translated=False)
    assert said.handler_segment(main, prompt, "fi") is segment
    assert said.handlers("main", "en") == (("no-input", 1, said.handler_segment(main, prompt, "en")),)
    assert said.handlers("agent", "en") == ()


def test_options_are_the_menus_own_then_the_global_ones():
    menuset = loads(MENU)
    main = menuset.nodes["main"]
    assert isinstance(main, MenuNode)
    assert heard(menuset).options(main) == menuset.file_of(main).options_of(main)
    assert [o.key for o in heard(menuset).options("main")] == ["1", "2", "*", "0"]


def test_a_menu_set_is_not_kept_alive_by_its_cache():
    menuset = loads(MENU)
    heard(menuset).segments("main")
    try:
        import weakref

        alive = weakref.ref(menuset)
    except TypeError:  # a MenuSet without weak references: the cache keeps only the last few (shared.STRONG_KEPT)
        return
    del menuset
    gc.collect()
    assert alive() is None


@settings(max_examples=60, deadline=None)
@given(menu=valid_menus())
def test_shared_answers_equal_fresh_ones_on_any_menu(menu):
    menuset = loads(menu_yaml(menu))
    said = heard(menuset)
    for _ in range(2):  # the second round is answered from the cache
        for key, node in menuset.nodes.items():
            for language in (None, *menuset.file_of(node).languages):
                assert said.segments(key, language) == tuple(node_segments(menuset, node, language))
                fresh = fresh_seconds(menuset, node, language)
                assert said.seconds(node, language) == fresh
                spoken = [value for value in fresh if value is not None and value > 0]
                assert said.spoken(key, language) == (
                    sum(spoken) + OPTION_PAUSE * max(len(spoken) - 1, 0),
                    None not in fresh,
                )
                if isinstance(node, Interactive):
                    default = menuset.file_of(node).language
                    for handler in node.no_input + node.no_match:
                        if handler.prompt is None:
                            continue
                        text, used, _ = text_in(handler.prompt.text, language or default, default)
                        segment = said.handler_segment(node, handler.prompt, language or default)
                        assert (segment.text, segment.language) == (
                            text,
                            used if text is not None else language or default,
                        )
    assert isinstance(said, Heard)

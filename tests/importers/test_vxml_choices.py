"""A VoiceXML choice's label and its words under <enumerate> (VoiceXML 2.0 2.2.4, https://www.w3.org/TR/voicexml20/)."""

from __future__ import annotations

import pytest

from ivrkit.importers._vxml_choices import (
    choice_label,
    enumerate_element,
    enumerated_say,
    text_after_enumerate,
)
from ivrkit.importers._xml import parse_xml


@pytest.mark.parametrize(
    "text, key, language, label",
    [
        ("Press 1 to create or join a conference", "1", "en", "create or join a conference"),
        ("  Press 0\n  to disconnect ", "0", "en", "disconnect"),
        ("For billing, press 3", "3", "en", "billing"),
        ("Sports", "1", "en", "Sports"),
        ("Stargazer astrophysics news", "3", "en", "Stargazer astrophysics news"),
        ("Laskutus: paina 2", "2", "fi", "Laskutus"),
        ("Press 1", "1", "en", None),  # the key without a goal: unknown
        ("Press 2 to pay", "1", "en", None),  # the text announces another key: no guess
        ("Para ventas, pulse 1", "1", "es", None),  # a language the reader does not know, naming the key
        ("Ventas", "1", "es", "Ventas"),
        ("", "1", "en", None),
    ],
)
def test_choice_label(text, key, language, label):
    assert choice_label(text, key, language) == label


def _enumerate(xml: str):
    return enumerate_element([parse_xml(xml)])


def test_empty_enumerate_says_the_text():
    template = _enumerate("<prompt>Say one of <enumerate/></prompt>")
    assert enumerated_say(template, "  Sports ", "1") == "Sports"
    assert enumerated_say(template, "", "1") is None


def test_enumerate_template_with_prompt_and_dtmf():
    template = _enumerate(
        '<prompt><enumerate>For <value expr="_prompt"/> , press <value expr="_dtmf"/>.</enumerate></prompt>'
    )
    assert enumerated_say(template, "weather", "2") == "For weather, press 2."


def test_enumerate_template_with_unknown_words():
    assert (
        enumerated_say(
            _enumerate('<prompt><enumerate><audio src="for.wav"/><value expr="_prompt"/></enumerate></prompt>'),
            "news",
            "3",
        )
        is None
    )
    assert (
        enumerated_say(_enumerate('<prompt><enumerate><value expr="other"/></enumerate></prompt>'), "news", "3") is None
    )


def test_no_enumerate():
    assert _enumerate("<prompt>Hello <audio src='a.wav'/></prompt>") is None


def test_text_after_enumerate():
    prompt = parse_xml("<prompt>Choose <enumerate/> now</prompt>")
    assert text_after_enumerate([prompt], enumerate_element([prompt]))
    prompt = parse_xml("<prompt>Choose <enumerate/>  </prompt>")
    assert not text_after_enumerate([prompt], enumerate_element([prompt]))
    first, second = parse_xml("<prompt>Choose <enumerate/></prompt>"), parse_xml("<prompt>Or hold.</prompt>")
    assert text_after_enumerate([first, second], enumerate_element([first, second]))


def test_choice_text_leaves_out_a_grammar():
    from ivrkit.importers._vxml_choices import choice_text

    choice = parse_xml(
        '<choice dtmf="1" next="#s"><grammar mode="voice"><rule id="r"><one-of><item>sport</item>'
        "<item>games</item></one-of></rule></grammar> Sports <emphasis>news</emphasis></choice>"
    )
    assert choice_text(choice) == "Sports news"

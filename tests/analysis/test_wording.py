"""`analysis/wording.py`: the labels and spoken texts the wording rules read, walked once per menu set, are the
readings of the plain definition (every node in file order, each file's global options before its first node,
announced labels only, languages that say something), with each value's lower case and `isascii()`."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.analysis import analyse
from ivrkit.loader import loads
from ivrkit.model import Interactive, MenuNode, MenuSet

from ..strategies import menu_yaml, valid_menus, worded_texts

SAID = st.sampled_from(["", " ", "\t", "pay a bill", " Ärrä ", "PIN \u212a"]) | worded_texts(4, 8)


def _plain_labels(menuset: MenuSet) -> list[tuple]:
    readings = []
    seen = set()
    for key, node in menuset.nodes.items():
        options = []
        if node.file not in seen:
            seen.add(node.file)
            options += [(None, option) for option in menuset.files[node.file].global_options]
        if isinstance(node, MenuNode):
            options += [(key, option) for option in node.options]
        for where, option in options:
            if option.label is None or not option.announce:
                continue
            for language, value in option.label.values:
                if value.strip():
                    readings.append((where, option, option.label, language, value, value.lower(), value.isascii()))
    return readings


def _plain_spoken(menuset: MenuSet) -> list[tuple]:
    texts = []
    seen = set()
    for key, node in menuset.nodes.items():
        if node.file not in seen:
            seen.add(node.file)
            for option in menuset.files[node.file].global_options:
                texts += [(None, option.label), (None, option.say)]
        texts.append((key, node.prompt.text if node.prompt is not None else None))
        if isinstance(node, MenuNode):
            for option in node.options:
                texts += [(key, option.label), (key, option.say)]
        if isinstance(node, Interactive):
            for handler in node.no_input + node.no_match:
                texts.append((key, handler.prompt.text if handler.prompt is not None else None))
    return [
        (key, text, language, value, value.lower(), value.isascii())
        for key, text in texts
        if text is not None
        for language, value in text.values
        if value.strip()
    ]


@st.composite
def worded_menus(draw) -> str:
    """`valid_menus` with labels and prompts of every kind of text (blank ones too), some options not announced,
    some with an announcement of their own."""
    menu = draw(valid_menus(max_nodes=6))
    languages = menu["languages"]

    def text():
        if len(languages) == 1:
            return draw(SAID)
        return {language: draw(SAID) for language in languages}

    for node in menu["nodes"].values():
        if node["type"] != "branch" and draw(st.booleans()):
            node["say"] = text()
        for option in node.get("options", {}).values():
            option["label"] = text()
            if draw(st.integers(0, 3)) == 0:
                option["announce"] = False
            if draw(st.integers(0, 3)) == 0:
                option["say"] = text()
    for option in menu.get("global_options", {}).values():
        option["label"] = text()
    return menu_yaml(menu)


@settings(max_examples=150, deadline=None)
@given(worded_menus())
def test_the_readings_are_those_of_the_plain_definition(source):
    menuset = loads(source)
    wording = analyse(menuset).wording
    assert wording.labels == _plain_labels(menuset)
    assert wording.spoken == _plain_spoken(menuset)


def test_a_blank_language_and_an_unannounced_option_are_not_read():
    menuset = loads(
        """ivrkit: 1
name: x
languages: [en, fi]
entry: m
global_options:
  "0": {label: {en: " ", fi: Agentti}, goto: t}
nodes:
  m:
    type: menu
    say: {en: Hi, fi: "  "}
    options:
      "1": {label: {en: Pay, fi: ""}, goto: t, announce: false}
      "2": {label: {en: Pay, fi: Maksa}, goto: t}
  t: {type: hangup}
"""
    )
    wording = analyse(menuset).wording
    assert [(key, language, value, lower) for key, _o, _t, language, value, lower, _a in wording.labels] == [
        (None, "fi", "Agentti", "agentti"),
        ("m", "en", "Pay", "pay"),
        ("m", "fi", "Maksa", "maksa"),
    ]
    assert [(key, language, value) for key, _t, language, value, _l, _a in wording.spoken] == [
        (None, "fi", "Agentti"),
        ("m", "en", "Hi"),
        ("m", "en", "Pay"),
        ("m", "en", "Pay"),
        ("m", "fi", "Maksa"),
    ]
    assert analyse(menuset).wording.labels is not wording.labels  # each analysis its own
    facts = analyse(menuset)
    assert facts.wording.labels is facts.wording.labels  # read once per analysis

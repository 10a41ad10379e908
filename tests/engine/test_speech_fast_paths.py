"""What a first visit to a node computes, done faster, says exactly what it said before.

`prompts.Segment` sets its fields through the slot descriptors and `node_segments` looks a language's option
template and key names up once per menu. Each is held here to the way it was written before (a copy in this
file), on hypothesis-made menus.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.analysis.heard import heard
from ivrkit.loader import loads
from ivrkit.model import MenuNode, Span
from ivrkit.prompts import Segment, _as_percent, node_segments, option_sentence, spoken_key, text_in

from ..strategies import menu_yaml, valid_menus

SPAN = Span("menu.yaml", 1, 1, 1, 9)


def option_sentence_as_written(option, language, settings, default):
    """`prompts.option_sentence` before it kept the template and key names of a language."""
    language = option.language or language
    if option.say is not None:
        return text_in(option.say, language, default)
    label, used, translated = text_in(option.label, language, default)
    template = settings.option_templates.get(used) or settings.option_templates.get(used.split("-")[0], "{label} {key}")
    label = label or ""
    return (
        template.format(label=label, Label=label[:1].upper() + label[1:], key=spoken_key(option.key, used, settings)),
        used,
        translated,
    )


def node_segments_as_written(menuset, node, language=None):
    """`prompts.node_segments` before: one `option_sentence` per option, each looking its forms up."""
    menu_file = menuset.file_of(node)
    default = menu_file.language
    language = language or default
    segments = []
    if node.prompt is not None:
        text, used, translated = text_in(node.prompt.text, language, default)
        audio, _, _ = text_in(node.prompt.audio, language, default)
        segments.append(
            Segment(
                "prompt",
                text,
                used if text is not None else language,
                node.prompt.span,
                audio=audio,
                translated=translated,
            )
        )
    if isinstance(node, MenuNode) and node.announce_options:
        for option in menu_file.options_of(node):
            if not option.announce:
                continue
            sentence, used, translated = option_sentence_as_written(option, language, menu_file.settings, default)
            words = option.say or option.label
            span = words.span if words is not None else option.span
            segments.append(Segment("option", sentence, used, span, key=option.key, translated=translated))
    return segments


@settings(max_examples=60, deadline=None)
@given(menu=valid_menus(), regional=st.booleans())
def test_node_segments_are_the_sentences_as_composed_before(menu, regional):
    menuset = loads(menu_yaml(menu))
    languages = [*menuset.root.languages, "sv", "en-GB", "fi-FI"] if regional else list(menuset.root.languages)
    for node in menuset.nodes.values():
        for language in [None, *languages]:
            assert node_segments(menuset, node, language) == node_segments_as_written(menuset, node, language)


TEMPLATED = """\
ivrkit: 1
name: Templates
language: en-GB
languages: [en-GB, fi, sv]
entry: main
settings:
  option_template: {en: "To {label}, press {key}.", fi: "{Label}: paina {key}.", sv-SE: "{label}: tryck {key}"}
  key_names: {en: {"*": star, "#": hash}, fi: {"*": tähteä}}
global_options:
  "#": {label: {en-GB: go back, fi: palaa, sv: tillbaka}, action: back}
nodes:
  main:
    type: menu
    say: {en-GB: Hello., fi: Hei., sv: Hej.}
    options:
      "1": {label: {en-GB: pay, fi: maksa}, goto: bye}
      "*": {label: {en-GB: hear again, fi: kuule uudelleen, sv: igen}, action: repeat}
      "2": {say: {en-GB: For Finnish press 2., fi: Suomeksi paina 2.}, language: fi, goto: bye}
      "3": {label: {en-GB: ""}, goto: bye}
  bye: {type: hangup, say: Bye.}
"""


@pytest.mark.parametrize("language", [None, "en-GB", "en", "fi", "fi-FI", "sv", "sv-SE", "de"])
def test_templates_and_key_names_by_region_and_fallback_are_as_before(language):
    menuset = loads(TEMPLATED)
    node = menuset.nodes["main"]
    segments = node_segments(menuset, node, language)
    assert segments == node_segments_as_written(menuset, node, language)
    menu_file = menuset.file_of(node)
    for option in menu_file.options_of(node):
        chosen = language or menu_file.language
        assert option_sentence(option, chosen, menu_file.settings, menu_file.language) == option_sentence_as_written(
            option, chosen, menu_file.settings, menu_file.language
        )
    if language in (None, "en-GB"):
        assert [s.text for s in segments] == [
            "Hello.",
            "To pay, press 1.",
            "To hear again, press star.",
            "Suomeksi paina 2.",
            "To , press 3.",
            "To go back, press hash.",
        ]


def test_a_segment_is_made_as_the_frozen_dataclass_makes_it():
    made = Segment("option", "To pay, press 1.", "en", SPAN, key="1", translated=False)
    assert made == Segment("option", "To pay, press 1.", "en", SPAN, "1", None, False)
    assert (made.kind, made.text, made.language, made.span, made.key, made.audio, made.translated) == (
        "option",
        "To pay, press 1.",
        "en",
        SPAN,
        "1",
        None,
        False,
    )
    assert Segment("prompt", None, "fi", SPAN) == Segment("prompt", None, "fi", SPAN, None, None, True)
    assert dataclasses.replace(made, key="2").key == "2"
    assert dataclasses.astuple(made) == ("option", "To pay, press 1.", "en", SPAN, "1", None, False)
    assert hash(made) == hash(Segment("option", "To pay, press 1.", "en", SPAN, "1", None, False))
    assert repr(made).startswith("Segment(kind='option', text='To pay, press 1.', language='en', span=Span(")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Segment("prompt", "Hi.")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Segment("prompt", "Hi.", "en", SPAN, colour="red")  # type: ignore[call-arg]


@settings(max_examples=40, deadline=None)
@given(menu=valid_menus(), order=st.randoms(use_true_random=False))
def test_what_heard_keeps_between_menus_changes_no_menus_words(menu, order):
    """`Heard` keeps an `Announcer` per file and language (global options composed once): every node's
    segments, asked in any order and language, are what the earlier composition says."""
    menuset = loads(menu_yaml(menu))
    asked = [(key, language) for key in menuset.nodes for language in [None, *menuset.root.languages, "sv"]]
    order.shuffle(asked)
    for key, language in asked:
        node = menuset.nodes[key]
        assert list(heard(menuset).segments(key, language)) == node_segments_as_written(menuset, node, language)


def test_a_global_option_is_announced_alike_in_every_menu_and_language():
    menuset = loads(TEMPLATED.replace("  bye: {type: hangup, say: Bye.}", OTHER_MENU))
    for language in ("fi", None, "sv", "en-GB"):
        first, second = (heard(menuset).segments(key, language) for key in ("main", "other"))
        assert first[-1] is second[-1]  # the same segment, composed once
        for key in ("main", "other"):
            node = menuset.nodes[key]
            assert list(heard(menuset).segments(key, language)) == node_segments_as_written(menuset, node, language)


OTHER_MENU = """\
  bye: {type: hangup, say: Bye.}
  other:
    type: menu
    say: {en-GB: Other., fi: Muu.}
    options:
      "1": {label: {en-GB: leave, fi: lähde}, goto: bye}
"""


template_pieces = st.sampled_from(
    ["{label}", "{Label}", "{key}", "{key!r}", "{label:>12}", "{label!s}", "{}", "{0}", "{label[0]}", "{{", "}}"]
    + ["%", "%s", "%%", "%(key)s", "To ", ", press ", ": paina ", ".", " ", "é", "{label:}"]
)
words = st.text(alphabet="ab %{}()sé:", max_size=8)


@settings(max_examples=1000)
@given(st.lists(template_pieces, max_size=8).map("".join), words, words)
def test_a_template_as_a_percent_format_fills_as_str_format_does(template, label, key):
    percent, capital = _as_percent(template)
    if percent is None:
        return
    capitalised = label[:1].upper() + label[1:]
    assert percent % (capitalised if capital else label, key) == template.format(
        label=label, Label=capitalised, key=key
    )


@pytest.mark.parametrize(
    ("template", "fast"),
    [
        ("To {label}, press {key}.", True),
        ("{Label}: paina {key}.", True),
        ("För att {label}, tryck {key}.", True),
        ("{label} {key}", True),
        ("100% {label}, {{press}} {key}", True),
        ("Press {key} to {label}.", False),
        ("{label} {Label} {key}", False),
        ("{label!r} {key}", False),
    ],
)
def test_the_usual_templates_take_the_percent_format(template, fast):
    percent, capital = _as_percent(template)
    assert (percent is not None) == fast
    if percent is not None:
        assert percent % ("Pay" if capital else "pay", "1") == template.format(label="pay", Label="Pay", key="1")

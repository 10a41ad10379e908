"""The VoiceXML importer on the team's own fixture, malformed input and fuzzed input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.importers import ImportProblem, to_yaml
from ivrkit.importers.vxml import IMPORTER
from ivrkit.loader import loads

from .conftest import FIXTURES
from .fuzzing import check_outcome, mutated

DOC = FIXTURES / "vxml_menu.vxml"


@pytest.fixture(scope="module")
def imported():
    return IMPORTER.convert(DOC.read_text(encoding="utf-8"), DOC)


def test_menu_keys_targets_and_labels(imported):
    top = imported.menu["nodes"]["top"]
    assert top["type"] == "menu"
    # <enumerate/> (VoiceXML 2.0 2.2.4): the options are announced, each with its text as the platform's
    # default list says it
    assert top["options"] == {
        "1": {"label": "check your balance", "say": "check your balance", "goto": "account"},
        "2": {"label": "speak to someone", "say": "speak to someone", "goto": "agent"},
        "0": {"label": "other services", "say": "other services", "goto": "other_vxml_start"},
    }
    assert "announce_options" not in top
    other = imported.menu["nodes"]["other_vxml_start"]
    # another document: unknown, so neither a hang-up nor surely a person (issue 11)
    assert (other["type"], other["number"]) == ("transfer", "other.vxml#start")
    assert "what callers meet there is unknown" in other["note"]
    assert imported.menu["entry"] == "top"
    assert imported.menu["language"] == "en-GB"


def test_handlers_by_count(imported):
    top = imported.menu["nodes"]["top"]
    assert top["no_input"] == [{"say": "Sorry, I did not hear you."}, {"goto": "top_noinput_end"}]
    assert top["no_match"] == {"say": "That is not an option."}
    # <audio src="noinput2.wav"/><disconnect/>: the recording is the call's last words, said by the hang-up
    assert imported.menu["nodes"]["top_noinput_end"] == {"type": "hangup", "audio": "noinput2.wav"}
    assert "disconnect" not in imported.menu["nodes"]  # no node nothing leads to


def test_timeouts(imported):
    assert imported.menu["settings"] == {"timeout": 7}
    assert imported.menu["nodes"]["top"]["inter_digit_timeout"] == 2.5


def test_field_becomes_input(imported):
    account = imported.menu["nodes"]["account"]
    assert account["type"] == "input"
    assert account["digits"] == {"min": 6, "max": 8}
    assert account["store"] == "acct"
    assert account["say"] == "Please enter your account number."
    assert account["no_match"] == {"audio": "bad_number.wav"}
    assert account["next"] == "account_2"
    assert imported.menu["nodes"]["account_2"] == {"type": "message", "say": "Thank you.", "next": "top"}


def test_transfer_and_audio_only_prompt(imported):
    nodes = imported.menu["nodes"]
    assert nodes["agent"] == {"type": "message", "audio": "connecting.wav", "next": "agent_2"}  # text unknown
    assert nodes["agent_2"] == {"type": "transfer", "number": "+3581234567"}
    assert nodes["bye"] == {"type": "hangup", "say": "Goodbye."}


def test_source_positions(imported):
    positions = imported.source_map.positions
    assert positions["top"] == (4, 3)
    assert positions["top options 2"] == (8, 5)
    assert positions["account"][0] == 15


def test_without_enumerate_choice_text_is_the_options_label_only():
    """A choice's text is spoken only through <enumerate> (VoiceXML 2.0 2.2.4): without one it is a label."""
    text = (
        '<vxml version="2.1"><menu id="m"><prompt><audio src="m.wav"/></prompt>'
        '<choice dtmf="1" next="#m">Press 1 to repeat</choice><choice dtmf="2" next="#m">Sports</choice>'
        "</menu></vxml>"
    )
    imported = IMPORTER.convert(text, Path("t.vxml"))
    node = imported.menu["nodes"]["m"]
    assert node["announce_options"] is False and node["audio"] == "m.wav" and "say" not in node
    assert node["options"]["1"] == {"label": "repeat", "goto": "m"}  # "Press 1 to repeat": the goal
    assert node["options"]["2"] == {"label": "Sports", "goto": "m"}  # plain text: the label as written
    assert imported.menu["x-unmapped"]["m"]["choice 1 text"] == "Press 1 to repeat"


def test_choice_text_whose_goal_cannot_be_read_gives_no_label():
    text = (
        '<vxml version="2.1"><menu id="m"><prompt>Hello.</prompt>'
        '<choice dtmf="1" next="#m">Press 1</choice><choice dtmf="2" next="#m">2: ventas</choice>'
        "</menu></vxml>"
    )
    options = IMPORTER.convert(text, Path("t.vxml")).menu["nodes"]["m"]["options"]
    assert options["1"] == {"goto": "m", "note": "choice text (its goal could not be read): Press 1"}
    assert options["2"] == {"goto": "m", "note": "choice text (its goal could not be read): 2: ventas"}


def test_dtmf_true_numbers_the_choices():
    text = (
        '<vxml version="2.1"><menu id="m" dtmf="true"><prompt>Hi <enumerate/></prompt>'
        '<choice next="#a">sales</choice><choice next="#b">support</choice></menu>'
        '<form id="a"><block>A<disconnect/></block></form><form id="b"><block>B<disconnect/></block></form></vxml>'
    )
    menu = IMPORTER.convert(text, Path("t.vxml")).menu
    assert menu["nodes"]["m"]["options"] == {
        "1": {"label": "sales", "say": "sales", "goto": "a"},
        "2": {"label": "support", "say": "support", "goto": "b"},
    }
    loads(to_yaml(IMPORTER.convert(text, Path("t.vxml"))), "t.yaml")


def test_enumerate_template_renders_each_choice():
    """<enumerate> with content: `_prompt` is the choice's text, `_dtmf` its key (VoiceXML 2.0 2.2.4); with
    <menu dtmf="true"> the keys are the numbers 1-9 in order (2.2.3)."""
    text = (
        '<vxml version="2.1"><menu id="m" dtmf="true"><prompt>Welcome. '
        '<enumerate>For <value expr="_prompt"/>, press <value expr="_dtmf"/>.</enumerate></prompt>'
        '<choice next="#m">sports</choice><choice next="#m">weather</choice>'
        "<noinput>Please choose. <enumerate/></noinput></menu></vxml>"
    )
    imported = IMPORTER.convert(text, Path("t.vxml"))
    node = imported.menu["nodes"]["m"]
    assert node["say"] == "Welcome."
    assert node["options"] == {
        "1": {"label": "sports", "say": "For sports, press 1.", "goto": "m"},
        "2": {"label": "weather", "say": "For weather, press 2.", "goto": "m"},
    }
    # in a handler ivrkit announces nothing by itself: the default list is spelt out in its text
    assert node["no_input"] == {"say": "Please choose. sports; weather"}
    menu = loads(to_yaml(imported), "t.yaml")
    assert menu.entry == "m"


def test_prompt_words_after_enumerate_are_remarked():
    text = (
        '<vxml version="2.1"><menu id="m"><prompt>Say one of <enumerate/> or press 0.</prompt>'
        '<choice dtmf="1" next="#m">news</choice></menu></vxml>'
    )
    imported = IMPORTER.convert(text, Path("t.vxml"))
    assert imported.menu["nodes"]["m"]["say"] == "Say one of or press 0."
    assert any(
        "prompt words follow <enumerate>: the platform says them after the options, ivrkit before them" in remark
        for remark in imported.remarks
    )


def test_record_becomes_voicemail():
    text = (
        '<vxml version="2.1"><form id="r"><record name="msg" maxtime="90s">'
        '<prompt>Leave a message.</prompt></record><filled><goto next="#r"/></filled></form></vxml>'
    )
    imported = IMPORTER.convert(text, Path("t.vxml"))
    node = imported.menu["nodes"]["r"]
    assert node == {"type": "voicemail", "say": "Leave a message.", "max_length": 90, "next": "r_2"}
    assert imported.menu["nodes"]["r_2"]["next"] == "r"  # the <filled> jumps back: the call goes on


def test_record_with_nothing_after_it_ends_the_call():
    text = (
        '<vxml version="2.1"><form id="r"><record name="msg"><prompt>Leave a message.</prompt></record></form></vxml>'
    )
    assert "next" not in IMPORTER.convert(text, Path("t.vxml")).menu["nodes"]["r"]


def test_loads(imported):
    assert loads(to_yaml(imported), DOC.with_suffix(".yaml")).entry == "top"


@pytest.mark.parametrize(
    "text,line,message",
    [
        ('<vxml version="2.1">\n<menu id="m">\n<choice dtmf="1" next="#m">\n</menu></vxml>', 4, "malformed"),
        ('<vxml version="2.1">\n<menu id="m">\n<choice dtmf="1"/></menu></vxml>', 3, "without `next`"),
        (
            '<vxml version="2.1">\n<menu id="m">\n<chioce dtmf="1" next="#m"/></menu></vxml>',
            3,
            "not a VoiceXML element",
        ),
        ('<vxml version="2.1">\n<menu id="m"></menu></vxml>', 2, "no DTMF choices"),
        ('<vxml version="2.1"></vxml>', 1, "no <menu> or <form>"),
        ("<menus/>", 1, "not <vxml>"),
        ('<vxml version="2.1">\n<form id="t"><transfer/></form></vxml>', 2, "without `dest`"),
        ('<!DOCTYPE vxml SYSTEM "http://x/vxml.dtd">\n<vxml/>', 1, "DOCTYPE"),
        ("", 1, "malformed"),
    ],
)
def test_malformed_input(text, line, message):
    with pytest.raises(ImportProblem) as caught:
        IMPORTER.convert(text, Path("t.vxml"))
    assert message in caught.value.message
    assert caught.value.line == line


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(DOC.read_text(encoding="utf-8")))
def test_fuzz(text):
    check_outcome(IMPORTER, text, Path("/nonexistent/fuzz.vxml"))


def test_field_with_dtmf_options_is_a_menu():
    text = """<vxml version="2.1">
  <form id="pick">
    <field name="dept">
      <prompt>For sales press 1, for support press 2, for billing press 3.</prompt>
      <option dtmf="1" value="sales">sales</option>
      <option dtmf="2" value="support">support</option>
      <option dtmf="3" value="billing">billing</option>
    </field>
    <filled>
      <if cond="dept == 'sales'"><goto next="#sales"/>
      <elseif cond="dept == 'support'"/><goto next="#support"/>
      <else/><disconnect/>
      </if>
    </filled>
  </form>
  <form id="sales"><transfer dest="tel:100"/></form>
  <form id="support"><transfer dest="tel:200"/></form>
</vxml>"""
    imported = IMPORTER.convert(text, Path("t.vxml"))
    nodes = imported.menu["nodes"]
    assert nodes["pick"]["type"] == "menu" and nodes["pick"]["announce_options"] is False
    assert {key: option["goto"] for key, option in nodes["pick"]["options"].items()} == {
        "1": "sales",
        "2": "support",
        "3": "disconnect",
    }
    assert set(nodes) == {"pick", "disconnect", "sales", "support"}  # no unreachable continuation
    assert imported.source_map.positions["pick options 2"] == (6, 7)
    loads(to_yaml(imported), "t.yaml")


def test_dtmf_true_numbers_only_the_choices_without_a_key():
    """VoiceXML 2.0 2.2.3: with dtmf="true" the first nine choices that have no `dtmf` of their own get 1, 2, ..."""
    text = (
        '<vxml version="2.1"><menu id="m" dtmf="true"><prompt>Hi.</prompt>'
        '<choice dtmf="0" next="#m">operator</choice><choice next="#m">sales</choice>'
        '<choice next="#m">support</choice></menu></vxml>'
    )
    options = IMPORTER.convert(text, Path("t.vxml")).menu["nodes"]["m"]["options"]
    assert {key: option["label"] for key, option in options.items()} == {"0": "operator", "1": "sales", "2": "support"}


FLOW = FIXTURES / "vxml_flow.vxml"  # links, <if>, grammar and boolean fields, transfer results, counts


def test_flow_fixture_loads_and_keeps_every_way():
    imported = IMPORTER.convert(FLOW.read_text(encoding="utf-8"), FLOW)
    menu = loads(to_yaml(imported), FLOW.with_suffix(".yaml"), root=FLOW.parent)
    assert menu.entry == "start"
    nodes = imported.menu["nodes"]
    assert nodes["agent"]["busy"] == "busy" and nodes["agent"]["no_answer"] == "main"
    assert nodes["meter"]["options"]["2"]["goto"] == "power_jsp"
    assert nodes["confirm"]["options"]["1"]["goto"] == "agent"
    assert imported.menu["global_options"]["0"]["goto"] == "agent"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(FLOW.read_text(encoding="utf-8")))
def test_fuzz_flow(text):
    check_outcome(IMPORTER, text, Path("/nonexistent/fuzz.vxml"))


@pytest.mark.parametrize(
    "prompts, expected",
    [
        ('<prompt bargein="false">Welcome.</prompt>', False),
        ("<prompt>Welcome.</prompt>", None),
        ('<prompt bargein="true">Welcome.</prompt>', None),
        ('<property name="bargein" value="false"/><prompt>Welcome.</prompt>', False),
    ],
)
def test_prompt_bargein_false_is_a_menu_that_ignores_keys(prompts, expected):
    """VoiceXML 2.0 4.1.5 and 6.3: bargein="false" on a prompt (or the `bargein` property) lets no key cut it."""
    text = f'<vxml version="2.1"><menu id="m">{prompts}<choice dtmf="1" next="#m">Sales</choice></menu></vxml>'
    assert IMPORTER.convert(text, Path("t.vxml")).menu["nodes"]["m"].get("barge_in") is expected


def test_mixed_bargein_prompts_are_remarked():
    text = (
        '<vxml version="2.1"><menu id="m"><prompt bargein="false">Welcome.</prompt><prompt>Choose.</prompt>'
        '<choice dtmf="1" next="#m">Sales</choice></menu></vxml>'
    )
    imported = IMPORTER.convert(text, Path("t.vxml"))
    assert imported.menu["nodes"]["m"]["barge_in"] is False
    assert any("allow barge-in and some do not" in remark for remark in imported.remarks)


def test_another_document_and_a_computed_goto_are_unknown_not_a_person():
    text = (
        '<vxml version="2.1"><menu id="m"><prompt>Choose.</prompt><choice dtmf="1" next="other.vxml"/>'
        '<choice dtmf="2" next="#f"/></menu><form id="f"><block><goto expr="where"/></block></form></vxml>'
    )
    nodes = IMPORTER.convert(text, Path("t.vxml")).menu["nodes"]
    unknown = [node for node in nodes.values() if node["type"] == "transfer"]
    assert len(unknown) == 2 and all(node["person"] == "unknown" for node in unknown)

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
    assert top["options"] == {
        "1": {"label": "check your balance", "goto": "account"},
        "2": {"label": "speak to someone", "goto": "agent"},
        "0": {"label": "other services", "goto": "other_vxml_start"},
    }
    assert "announce_options" not in top  # <enumerate/>: the options are announced
    other = imported.menu["nodes"]["other_vxml_start"]
    # another document: unknown, so neither a hang-up nor surely a person (issue 11)
    assert (other["type"], other["number"]) == ("transfer", "other.vxml#start")
    assert "what callers meet there is unknown" in other["note"]
    assert imported.menu["entry"] == "top"
    assert imported.menu["language"] == "en-GB"


def test_handlers_by_count(imported):
    top = imported.menu["nodes"]["top"]
    assert top["no_input"] == [{"say": "Sorry, I did not hear you."},
                               {"audio": "noinput2.wav", "goto": "disconnect"}]
    assert top["no_match"] == {"say": "That is not an option."}
    assert imported.menu["nodes"]["disconnect"]["type"] == "hangup"


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


def test_without_enumerate_choice_text_is_the_options_say():
    text = ('<vxml version="2.1"><menu id="m"><prompt><audio src="m.wav"/></prompt>'
            '<choice dtmf="1" next="#m">Press 1 to repeat</choice></menu></vxml>')
    menu = IMPORTER.convert(text, Path("t.vxml")).menu
    node = menu["nodes"]["m"]
    assert node["announce_options"] is False and node["audio"] == "m.wav" and "say" not in node
    assert node["options"]["1"] == {"say": "Press 1 to repeat", "goto": "m"}


def test_dtmf_true_numbers_the_choices():
    text = ('<vxml version="2.1"><menu id="m" dtmf="true"><prompt>Hi <enumerate/></prompt>'
            '<choice next="#a">sales</choice><choice next="#b">support</choice></menu>'
            '<form id="a"><block>A<disconnect/></block></form><form id="b"><block>B<disconnect/></block></form></vxml>')
    menu = IMPORTER.convert(text, Path("t.vxml")).menu
    assert menu["nodes"]["m"]["options"] == {"1": {"label": "sales", "goto": "a"}, "2": {"label": "support", "goto": "b"}}
    loads(to_yaml(IMPORTER.convert(text, Path("t.vxml"))), "t.yaml")


def test_record_becomes_voicemail():
    text = ('<vxml version="2.1"><form id="r"><record name="msg" maxtime="90s">'
            '<prompt>Leave a message.</prompt></record><filled><goto next="#r"/></filled></form></vxml>')
    imported = IMPORTER.convert(text, Path("t.vxml"))
    node = imported.menu["nodes"]["r"]
    assert node == {"type": "voicemail", "say": "Leave a message.", "max_length": 90}
    assert imported.menu["x-unmapped"]["r"]["goto after the recording"] == "r"


def test_loads(imported):
    assert loads(to_yaml(imported), DOC.with_suffix(".yaml")).entry == "top"


@pytest.mark.parametrize("text,line,message", [
    ('<vxml version="2.1">\n<menu id="m">\n<choice dtmf="1" next="#m">\n</menu></vxml>', 4, "malformed"),
    ('<vxml version="2.1">\n<menu id="m">\n<choice dtmf="1"/></menu></vxml>', 3, "without `next`"),
    ('<vxml version="2.1">\n<menu id="m">\n<chioce dtmf="1" next="#m"/></menu></vxml>', 3, "not a VoiceXML element"),
    ('<vxml version="2.1">\n<menu id="m"></menu></vxml>', 2, "no DTMF choices"),
    ('<vxml version="2.1"></vxml>', 1, "no <menu> or <form>"),
    ('<menus/>', 1, "not <vxml>"),
    ('<vxml version="2.1">\n<form id="t"><transfer/></form></vxml>', 2, "without `dest`"),
    ('<!DOCTYPE vxml SYSTEM "http://x/vxml.dtd">\n<vxml/>', 1, "DOCTYPE"),
    ('', 1, "malformed"),
])
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
        "1": "sales", "2": "support", "3": "disconnect"}
    assert set(nodes) == {"pick", "disconnect", "sales", "support"}  # no unreachable continuation
    assert imported.source_map.positions["pick options 2"] == (6, 7)
    loads(to_yaml(imported), "t.yaml")

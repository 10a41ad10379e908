"""The Asterisk dialplan importer on the team's own fixture, malformed input and fuzzed input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.importers import ImportProblem, to_yaml
from ivrkit.importers.asterisk import IMPORTER, parse_dialplan
from ivrkit.loader import loads

from .conftest import FIXTURES
from .fuzzing import check_outcome, mutated

PLAN = FIXTURES / "ast_menu.conf"


@pytest.fixture(scope="module")
def imported():
    return IMPORTER.convert(PLAN.read_text(encoding="utf-8"), PLAN)


def test_menu_keys_and_targets(imported):
    nodes = imported.menu["nodes"]
    menu = nodes["shop_menu"]
    assert imported.menu["entry"] == "shop_menu"  # the only sound is the menu's own prompt
    assert menu["audio"] == "shop-welcome" and "say" not in menu and menu["announce_options"] is False
    assert {key: option["goto"] for key, option in menu["options"].items()} == {
        "1": "shop_1",
        "2": "shop_2",
        "3": "support_s_1",
        "0": "shop_0",
    }
    assert nodes["shop_1"] == {
        "type": "message",
        "audio": "shop-hours",
        "barge_in": False,
        "next": "shop_menu",
    }  # Goto(s,menu)
    assert nodes["shop_2"]["type"] == "transfer" and nodes["shop_2"]["number"] == "SIP/sales"
    assert nodes["shop_2"]["busy"] == nodes["shop_2"]["no_answer"] == "shop_2_2"
    assert nodes["shop_2_2"]["type"] == "voicemail" and nodes["shop_2_2"]["mailbox"] == "200"
    assert nodes["shop_0"] == {"type": "hangup", "audio": "goodbye", "barge_in": False}
    # [support] is not in the file: where it leads is unknown, so a transfer with `person: unknown` (not a hang-up)
    assert nodes["support_s_1"] == {
        "type": "transfer",
        "number": "Goto(support,s,1)",
        "person": "unknown",
        "note": "Asterisk: Goto(support,s,1) leads to the context [support], which is not in this file; where it "
        "leads (a person, voicemail, a message) is unknown",
    }


def test_invalid_and_timeout_extensions(imported):
    menu = imported.menu["nodes"]["shop_menu"]
    assert menu["no_match"] == {"goto": "shop_i"}
    assert imported.menu["nodes"]["shop_i"] == {
        "type": "message",
        "audio": "pbx-invalid",
        "barge_in": False,
        "next": "shop_menu",
    }
    assert menu["no_input"] == {"goto": "shop_0"}  # t: Goto(0,1)


def test_timeouts(imported):
    menu = imported.menu["nodes"]["shop_menu"]
    assert menu["timeout"] == 6  # WaitExten(6)
    assert menu["inter_digit_timeout"] == 3


def test_pattern_extension(imported):
    menu = imported.menu["nodes"]["shop_menu"]
    assert menu["extensions"] == {"patterns": ["4XX"], "goto": "shop_4XX"}
    assert imported.menu["nodes"]["shop_4XX"]["number"] == "SIP/{extension}"


def test_positions(imported):
    positions = imported.source_map.positions
    assert positions["shop_menu"] == (8, 2)
    assert positions["shop_menu options 2"] == (14, 1)
    assert positions["shop_2_2"][0] == 15


def test_sounds_before_the_last_are_messages():
    text = (
        "[m]\nexten => s,1,Background(hello)\n same => n(again),Background(choices)\n same => n,WaitExten()\n"
        "exten => 1,1,Goto(s,again)\nexten => 2,1,Goto(s,1)\n"
    )
    imported = IMPORTER.convert(text, Path("x.conf"))
    nodes = imported.menu["nodes"]
    assert imported.menu["entry"] == "m"
    assert nodes["m"] == {"type": "message", "audio": "hello", "next": "m_menu"}
    assert nodes["m_menu"]["options"] == {"1": {"goto": "m_menu"}, "2": {"goto": "m"}}
    loads(to_yaml(imported), "x.yaml")


def test_context_option():
    text = (
        "[a]\nexten => s,1,WaitExten()\nexten => 1,1,Hangup()\n[b]\nexten => s,1,WaitExten()\nexten => 2,1,Hangup()\n"
    )
    assert list(IMPORTER.convert(text, Path("x.conf"), context="b").menu["nodes"]["b_menu"]["options"]) == ["2"]
    with pytest.raises(ImportProblem, match="no context"):
        IMPORTER.convert(text, Path("x.conf"), context="c")


def test_goto_loop_is_not_a_hang():
    text = "[m]\nexten => s,1,WaitExten()\nexten => 1,1,Goto(2,1)\nexten => 2,1,Goto(1,1)\n"
    imported = IMPORTER.convert(text, Path("x.conf"))
    loads(to_yaml(imported), "x.yaml")
    assert any("loop" in remark for remark in imported.remarks)


def test_comments_and_priorities():
    contexts = parse_dialplan(
        "[c] ; a context\nexten => 1,1,NoOp(a\\;b) ; comment\n same => n(x),Hangup()\n;--\nexten => 9,1,Hangup()\n--;\n"
    )
    steps = contexts[0].extensions["1"]
    assert [(s.priority, s.label, s.app) for s in steps] == [(1, None, "NoOp"), (2, "x", "Hangup")]
    assert "9" not in contexts[0].extensions


@pytest.mark.parametrize(
    "text,line,message",
    [
        ("exten => s,1,Answer()\n", 1, "before any [context]"),
        ("[m]\nexten => s,1,WaitExten()\nsame => q,Hangup()\n", 3, "not a priority"),
        ("[m]\nsame => n,Hangup()\n", 2, "without an `exten =>`"),
        ("[m]\nexten => s\n", 2, "needs EXTEN,PRIORITY,Application"),
        ("[m]\nexten => s,n,Answer()\n", 2, "must be a number"),
        ("[m]\nexten => s,1,WaitExten()\nexten => 1,1,Goto()\n", 3, "names no target"),
        ("[m]\nexten => s,1,WaitExten()\nthis is not a dialplan\n", 3, "not a dialplan line"),
        ("[m]\nexten => 1,1,Hangup()\n", 1, "no context has an `s` extension"),
        ("[m]\nexten => s,1,WaitExten()\n", 1, "no key extensions"),
        ("[m]\nexten => s,1,Wait(\n", 2, "not an application call"),
    ],
)
def test_malformed_input(text, line, message):
    with pytest.raises(ImportProblem) as caught:
        IMPORTER.convert(text, Path("t.conf"))
    assert message in caught.value.message
    assert caught.value.line == line


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(PLAN.read_text(encoding="utf-8")))
def test_fuzz(text):
    check_outcome(IMPORTER, text, Path("/nonexistent/fuzz.conf"))

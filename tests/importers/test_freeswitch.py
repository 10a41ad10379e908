"""The FreeSWITCH IVR menu importer on the team's own fixture, malformed input and fuzzed input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.importers import ImportProblem, to_yaml
from ivrkit.importers.freeswitch import IMPORTER
from ivrkit.loader import loads

from .conftest import FIXTURES
from .fuzzing import check_outcome, mutated

MENU = FIXTURES / "fs_menu.xml"


@pytest.fixture(scope="module")
def imported():
    return IMPORTER.convert(MENU.read_text(encoding="utf-8"), MENU)


def test_keys_and_targets(imported):
    nodes = imported.menu["nodes"]
    options = nodes["main"]["options"]
    assert list(options) == ["1", "2", "3", "4", "5", "6", "7", "8", "*", "#"]
    assert options["1"] == {"goto": "billing"}
    assert options["*"] == {"goto": "main_exit"}
    assert options["#"] == {"action": "repeat"}  # menu-top in the top menu: the menu again
    assert nodes["billing"]["options"]["*"] == {"action": "back"}
    assert nodes["main_2"] == {"type": "transfer", "number": "2000", "note": "FreeSWITCH: transfer 2000 XML default"}
    assert nodes["main_3"]["type"] == "voicemail" and nodes["main_3"]["mailbox"] == "3000"
    assert nodes["main_4"] == {"type": "message", "say": "We are open nine to five.", "next": "main"}
    assert nodes["main_5"]["type"] == "hangup"
    assert nodes["main_7"]["audio"] == "ivr/hours.wav" and nodes["main_7"]["next"] == "main"
    assert nodes["main_8"]["type"] == "message" and nodes["main_8"]["next"] == "main"
    assert imported.menu["x-unmapped"]["main_8"] == {"menu-exec-app": "set foo=bar"}
    assert nodes["billing_1"]["number"] == "sofia/gateway/pay/5551234"


def test_regex_digits_become_extension_patterns(imported):
    main = imported.menu["nodes"]["main"]
    assert main["extensions"] == {"patterns": ["3XX"], "goto": "main_ext"}
    assert main["max_digits"] == 3  # digit-len
    assert imported.menu["nodes"]["main_ext"]["number"] == "{extension}"
    assert "extensions pattern" not in imported.menu["x-unmapped"].get("main", {})


def test_timeouts_and_retries(imported):
    main = imported.menu["nodes"]["main"]
    assert main["timeout"] == 8 and main["inter_digit_timeout"] == 1.5
    assert main["retries"] == 3  # max-failures 4 = 4 tries
    assert imported.menu["x-unmapped"]["main"]["max-timeouts"] == "2"
    billing = imported.menu["nodes"]["billing"]
    assert billing["timeout"] == 5 and billing["retries"] == 0


def test_prompts_from_phrase_macros(imported):
    main = imported.menu["nodes"]["main"]
    assert main["say"] == "Welcome to the test line. Press 1 for billing."  # speak-text only: text known
    assert "audio" not in main
    assert main["announce_options"] is False
    assert main["no_match"] == {"audio": "ivr/invalid.wav"}
    assert main["fallback"] == "main_exit"
    assert imported.menu["nodes"]["main_exit"]["audio"] == "voicemail/vm-goodbye.wav"
    kept = imported.menu["x-unmapped"]["main"]
    assert kept["greet-short"] == "phrase:main_short" and kept["greet-short files"] == ["ivr/short.wav"]
    assert imported.menu["nodes"]["billing"]["say"].startswith("Press 1 to pay by card")


def test_without_phrases_the_text_is_unknown(tmp_path):
    lonely = tmp_path / "menu.xml"
    lonely.write_text(MENU.read_text(encoding="utf-8"), encoding="utf-8")
    menu = IMPORTER.convert(lonely.read_text(), lonely).menu
    assert menu["nodes"]["main"]["audio"] == "phrase:main_long"
    assert "say" not in menu["nodes"]["main"]


def test_explicit_phrases_file(tmp_path):
    lonely = tmp_path / "menu.xml"
    lonely.write_text(MENU.read_text(encoding="utf-8"), encoding="utf-8")
    menu = IMPORTER.convert(lonely.read_text(), lonely, phrases=FIXTURES / "fs_menu.phrases.xml").menu
    assert menu["nodes"]["main"]["say"].startswith("Welcome")


def test_broken_phrases_file_names_that_file(tmp_path):
    bad = tmp_path / "p.xml"
    bad.write_text("<include><macro name='x'></include>")
    with pytest.raises(ImportProblem) as caught:
        IMPORTER.convert(MENU.read_text(), MENU, phrases=bad)
    assert caught.value.path == str(bad) and caught.value.line == 1


def test_dangling_menu_sub_becomes_a_hangup(imported):
    assert imported.menu["nodes"]["nowhere"] == {"type": "hangup", "note": "target nowhere not defined in the source"}
    assert any("nowhere" in remark for remark in imported.remarks)


def test_source_positions(imported):
    positions = imported.source_map.positions
    assert positions["main"] == (4, 5) and positions["billing"] == (27, 5)
    assert positions["main_2"][0] == 16


def test_loads(imported):
    menuset = loads(to_yaml(imported), MENU.with_suffix(".yaml"))
    assert menuset.entry == "main"


@pytest.mark.parametrize(
    "text,line,message",
    [
        ('<menus><menu name="m"><entry action="menu-top" digits="1"></menus>', 1, "malformed"),
        ('<menus>\n<menu name="m">\n<entry action="menu-fly" digits="1"/></menu></menus>', 3, "unknown entry action"),
        ('<menus>\n<menu name="m">\n<entry action="menu-sub" digits="1"/></menu></menus>', 3, "menu-sub needs"),
        ('<menus>\n<menu name="m">\n<entry digits="1"/></menu></menus>', 3, "without an `action`"),
        ('<menus>\n<menu greet-long="x">\n<entry action="menu-top" digits="1"/></menu></menus>', 2, "without a `name`"),
        ('<menus>\n<menu name="m">\n<blink/></menu></menus>', 3, "unknown element"),
        ('<menus><menu name="m"></menu></menus>', 1, "no entries"),
        ('<!DOCTYPE m [<!ENTITY a "aaaa">]>\n<menus><menu name="m"/></menus>', 1, "DOCTYPE"),
        ('<include><macro name="x"/></include>', 1, "no <menu>"),
        (
            '<menus>\n<menu name="m"><entry action="menu-top" digits="1"/></menu>\n'
            '<menu name="m"><entry action="menu-top" digits="1"/></menu></menus>',
            3,
            "defined twice",
        ),
    ],
)
def test_malformed_input(text, line, message):
    with pytest.raises(ImportProblem) as caught:
        IMPORTER.convert(text, Path("t.xml"))
    assert message in caught.value.message
    assert caught.value.line == line


def test_out_of_range_values_are_kept_not_clamped():
    text = (
        '<menus><menu name="m" timeout="500000" max-failures="40"><entry action="menu-top" digits="1"/></menu></menus>'
    )
    imported = IMPORTER.convert(text, Path("t.xml"))
    node = imported.menu["nodes"]["m"]
    assert "timeout" not in node and "retries" not in node
    assert imported.menu["x-unmapped"]["m"]["timeout"] == "500000"
    loads(to_yaml(imported), "t.yaml")


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(MENU.read_text(encoding="utf-8")))
def test_fuzz(text):
    check_outcome(IMPORTER, text, Path("/nonexistent/fuzz.xml"))

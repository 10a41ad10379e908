"""FreeSWITCH behaviour the import keeps (issue 11): greet-short as the retry prompt, a sub-menu giving up
returns to its parent, regex entries as exact extension patterns (others said where `extensions`
differs), a pattern that matches no keys, digit-len as max_digits, and a `transfer` to a menu name is that menu again, not a person. Behaviour from
src/switch_ivr_menu.c (switch_ivr_menu_execute)."""

from __future__ import annotations

from pathlib import Path

from ivrkit.importers import convert, load_any

from .helpers import load_imported


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "ivr.xml"
    path.write_text(f"<include>\n{body}\n</include>\n", encoding="utf-8")
    return path


MAIN = """  <menu name="main" greet-long="say:For sales press 1. For support press 2. To dial an extension, dial it now."
      greet-short="say:Press 1 for sales or 2 for support." invalid-sound="say:That is not an option."
      exit-sound="say:Goodbye." timeout="5000" inter-digit-timeout="2000" max-failures="3" digit-len="4">
    <entry action="menu-exec-app" digits="1" param="transfer 2001 XML default"/>
    <entry action="menu-sub" digits="2" param="support"/>
    <entry action="menu-exec-app" digits="/^(10[01][0-9])$/" param="transfer $1 XML default"/>
    <entry action="menu-exec-app" digits="9" param="transfer main XML default"/>
  </menu>
  <menu name="support" greet-long="say:For billing press 1." greet-short="say:Press 1 for billing."
      invalid-sound="say:That is not an option." exit-sound="say:Goodbye." max-failures="2">
    <entry action="menu-exec-app" digits="1" param="transfer 3001 XML default"/>
  </menu>"""


def test_greet_short_is_the_prompt_after_a_failure(tmp_path):
    menu = convert(_write(tmp_path, MAIN)).menu
    main, retry = menu["nodes"]["main"], menu["nodes"]["main_retry"]
    assert retry["say"] == "Press 1 for sales or 2 for support."
    assert main["no_match"] == {"say": "That is not an option.", "goto": "main_retry"}
    assert main["no_input"] == {"goto": "main_retry"}
    assert set(retry["options"]) == set(main["options"])
    # max-failures 3: one try on greet-long, two on greet-short, then the exit
    assert (main["retries"], retry["retries"], retry["fallback"]) == (2, 1, "main_exit")
    assert menu["nodes"]["main_exit"]["say"] == "Goodbye."


def test_sub_menu_that_gives_up_returns_to_its_parent(tmp_path):
    imported = convert(_write(tmp_path, MAIN))
    support = imported.menu["nodes"]["support"]
    assert support["fallback"] == "main"
    assert "support_exit" not in imported.menu["nodes"]  # exit-sound plays only at the top level
    assert any("a sub-menu of `main`" in remark for remark in imported.remarks)


def test_transfer_to_a_menu_name_is_that_menu(tmp_path):
    imported = convert(_write(tmp_path, MAIN))
    assert imported.menu["nodes"]["main"]["options"]["9"] == {"goto": "main"}
    assert any("`transfer main XML default` names the menu `main`" in remark for remark in imported.remarks)


def test_an_anchored_regex_entry_becomes_exact_patterns(tmp_path):
    imported = convert(_write(tmp_path, MAIN))
    main = imported.menu["nodes"]["main"]
    assert main["extensions"] == {"patterns": ["10[01]X"], "goto": "main_ext"}
    unmapped = imported.menu.get("x-unmapped", {}).get("main", {})
    assert not {"extensions pattern", "extensions accepted", "extensions shadowed by"} & set(unmapped)
    text = "\n".join(imported.remarks)
    assert "options too" not in text and "accepts only some" not in text


def test_a_regex_without_exact_patterns_keeps_lengths_and_says_what_they_cannot(tmp_path):
    """A regex ivrkit's patterns cannot say exactly (here a look-ahead) is kept as lengths with remarks:
    FreeSWITCH searches the keys with it (PCRE)."""
    regex = "/^(?!1019)10[01][0-9]$/"
    imported = convert(_write(tmp_path, MAIN.replace("/^(10[01][0-9])$/", regex)))
    main = imported.menu["nodes"]["main"]
    assert main["extensions"] == {"min": 4, "max": 4, "goto": "main_ext"}
    unmapped = imported.menu["x-unmapped"]["main"]
    assert unmapped["extensions pattern"] == regex
    assert unmapped["extensions accepted"][:2] == ["1000", "1001"] and len(unmapped["extensions accepted"]) == 19
    assert unmapped["extensions shadowed by"] == ["1"]
    text = "\n".join(imported.remarks)
    assert "accepts only some 4-digit numbers (such as 1000, 1001, 1002)" in text


def test_digit_len_becomes_max_digits(tmp_path):
    """play_and_collect waits inter-digit-timeout after each key until digit-len keys are in."""
    imported = convert(_write(tmp_path, MAIN))
    assert imported.menu["nodes"]["main"]["max_digits"] == 4
    assert imported.menu["nodes"]["main_retry"]["max_digits"] == 4  # greet-short's round collects alike
    assert "waits after single keys" not in imported.menu.get("x-unmapped", {}).get("main", {})
    assert "digit-len" not in imported.menu.get("x-unmapped", {}).get("main", {})
    assert not any("ivrkit acts at once" in remark for remark in imported.remarks)


def test_an_entry_longer_than_digit_len_raises_it(tmp_path):
    """switch_ivr_menu_bind_action raises the menu's length to its longest entry: 10 is reachable."""
    body = """  <menu name="m" greet-long="say:Press 1 or 10." digit-len="1">
    <entry action="menu-top" digits="1"/>
    <entry action="menu-top" digits="10"/>
  </menu>"""
    imported = convert(_write(tmp_path, body))
    node = imported.menu["nodes"]["m"]
    assert set(node["options"]) == {"1", "10"} and node["max_digits"] == 2
    assert "x-unmapped" not in imported.menu or "entry 10" not in imported.menu["x-unmapped"].get("m", {})


def test_a_pattern_longer_than_the_collected_keys_is_said_to_be_unreachable(tmp_path):
    body = """  <menu name="m" greet-long="say:Press 1, or dial an extension.">
    <entry action="menu-top" digits="1"/>
    <entry action="menu-exec-app" digits="/^(2[0-9]{3})$/" param="transfer $1 XML default"/>
  </menu>"""
    imported = convert(_write(tmp_path, body))
    node = imported.menu["nodes"]["m"]
    # kept as source data, not as an extension the loader would refuse (it can never be collected)
    assert node["max_digits"] == 1 and "extensions" not in node
    assert imported.menu["x-unmapped"]["m"]["extensions pattern 2XXX"] == "2XXX"
    assert any(
        "the digit pattern `2XXX` needs more keys than menu `m` collects (1: digit-len and its longest key)" in r
        for r in imported.remarks
    )
    load_imported(imported)  # and the import loads


def test_pattern_that_matches_no_digits(tmp_path):
    body = """  <menu name="inbound" greet-long="ivr/welcome.wav" exit-sound="vm-goodbye.wav" digit-len="$${len}">
    <entry action="menu-exec-app" digits="/^(/d{extn_length})$/" param="bridge user/$1@example.com"/>
  </menu>"""
    path = _write(tmp_path, body)
    imported = convert(path)
    node = imported.menu["nodes"]["inbound"]
    assert node["type"] == "message" and node["next"] == "inbound_exit"
    assert set(imported.menu["nodes"]) == {"inbound", "inbound_exit"}
    assert any("`/^(/d{extn_length})$/` matches no digits as written" in remark for remark in imported.remarks)
    assert any("digit-len `$${len}` is set outside this file" in remark for remark in imported.remarks)
    load_any(path)  # loads


def test_audio_only_greet_short_stays_unmapped_with_a_remark(tmp_path):
    body = """  <menu name="m" greet-long="long.wav" greet-short="short.wav">
    <entry action="menu-top" digits="1"/>
  </menu>"""
    imported = convert(_write(tmp_path, body))
    assert "m_retry" not in imported.menu["nodes"]
    assert imported.menu["x-unmapped"]["m"]["greet-short"] == "short.wav"
    assert any("FreeSWITCH plays greet-short (short.wav) instead of greet-long" in r for r in imported.remarks)


def test_exec_on_max_failures_is_the_fallback(tmp_path):
    body = """  <menu name="m" greet-long="say:Press 1." exit-sound="bye.wav"
      exec-on-max-failures="transfer operator XML default" exec-on-max-timeouts="hangup">
    <entry action="menu-top" digits="1"/>
  </menu>"""
    imported = convert(_write(tmp_path, body))
    nodes = imported.menu["nodes"]
    fallback = nodes[nodes["m"]["fallback"]]
    assert (fallback["type"], fallback["number"]) == ("transfer", "operator")
    assert "m_exit" not in nodes  # nothing else leads there
    assert imported.menu["x-unmapped"]["m"]["exec-on-max-timeouts"] == "hangup"
    assert any("exec-on-max-timeouts (`hangup`) differs" in remark for remark in imported.remarks)


def test_a_capture_of_part_of_the_digits_is_remarked(tmp_path):
    body = """  <menu name="m" greet-long="say:Dial 9 and an extension." digit-len="4">
    <entry action="menu-exec-app" digits="/^9([0-9]{3})$/" param="transfer $1 XML default"/>
  </menu>"""
    imported = convert(_write(tmp_path, body))
    assert imported.menu["nodes"]["m"]["extensions"]["patterns"] == ["9XXX"]
    assert any("`$1` of `/^9([0-9]{3})$/` is only part of the digits" in remark for remark in imported.remarks)
    whole = convert(_write(tmp_path, MAIN))
    assert not any("is only part of the digits" in remark for remark in whole.remarks)

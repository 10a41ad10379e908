"""Corpus 01, 34, 35 (FreeSWITCH) played as calls on the import, against what
the platform does with the source: silence, a wrong key, each key.

FreeSWITCH behaviour is read from src/switch_ivr_menu.c (switch_ivr_menu_execute) and the IVR Menu page
(https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989): silence counts
towards max-timeouts and replays the greeting; an invalid entry plays invalid-sound and counts towards
max-failures; when either runs out the top-level menu plays exit-sound and returns to the dialplan (the
vanilla dialplan then has nothing left: the call ends); a sub-menu that runs out returns to its parent;
menu-top goes back to the top menu (in the top menu itself: the menu again); digit-len keys are collected,
waiting inter-digit-timeout after each (play_and_collect), before the entries are matched.
"""

from __future__ import annotations

import pytest

from .conftest import call_corpus, require_corpus, run_ivrkit, transcript_lines

F01 = "01_freeswitch-demo-ivr.xml"
F34 = "34_freeswitch-giomelik-main-ivr.conf.xml"
F35 = "35_freeswitch-vrntec-inbound-ivr-directdial.xml"
V14 = "14_vxml-dialogic-xms-voicemail-demo.vxml"
V15 = "15_vxml-opal-server-main-menu.vxml"
V36 = "36_vxml-es-ivrtest-tag-menu.vxml.jsp"
V37 = "37_vxml-es-ivrtest-transfer-field-menu.vxml.jsp"


# -- FreeSWITCH 01 (demo_ivr, phrases from 01b) ------------------------------------------


def test_01_silence_three_timeouts_then_goodbye():
    """max-timeouts 3: three silent rounds, then exit-sound (vm-goodbye) and the end of the call."""
    out = call_corpus(F01, "")
    assert len([line for line in out.splitlines() if "says nothing" in line]) == 3
    assert "[audio: voicemail/vm-goodbye.wav, words unknown]" in out
    assert out.rstrip().endswith("call ends (goodbye)")


def test_01_wrong_key_plays_invalid_sound_and_the_menu_again():
    out = call_corpus(F01, "7")
    assert "`7` is not an option" in out
    after = out.split("`7` is not an option", 1)[1]
    assert after.index("ivr-that_was_an_invalid_entry.wav") < after.index("phrase:demo_ivr_main_menu")


@pytest.mark.parametrize(
    "key, number",
    [
        ("1", "sofia/$${domain}/888@conference.freeswitch.org"),  # bridge to the public conference
        ("2", "9196"),
        ("3", "9664"),
        ("4", "9191"),
        ("5", "1234*256"),
    ],
)
def test_01_transfer_keys(key, number):
    out = call_corpus(F01, key)
    assert f"transfer to number {number}" in out


def test_01_key_6_sub_menu_star_returns_to_the_top():
    """digit-len 4: after 6 FreeSWITCH waits 2 s for more keys, so the caller waits before pressing *."""
    out = call_corpus(F01, "6 wait *")
    arrivals = [line.split()[2] for line in transcript_lines(out, "at")]
    assert arrivals[:3] == ["demo_ivr", "demo_ivr_submenu", "demo_ivr"]


def test_01_sub_menu_that_times_out_returns_to_the_main_menu():
    """The sub-menu runs at stack depth 2: no exit-sound there, FreeSWITCH goes back to demo_ivr."""
    out = call_corpus(F01, "6")
    assert "at      demo_ivr  (via fallback)" in out


def test_01_key_9_repeats_the_menu():
    """menu-top in the top menu: switch_ivr_menu_execute catches the fall to the top and runs the menu's loop
    again (the greeting again, no new call)."""
    out = call_corpus(F01, "9")
    assert [line.split()[2] for line in transcript_lines(out, "at")][:2] == ["demo_ivr", "demo_ivr_exit"]
    greetings = [line for line in out.splitlines() if "phrase:demo_ivr_main_menu," in line]
    pressed = next(index for index, line in enumerate(out.splitlines()) if "presses 9" in line)
    assert len(greetings) >= 2 and out.splitlines().index(greetings[1]) > pressed


def test_01_single_keys_wait_the_inter_digit_timeout():
    """digit-len 4 with inter-digit-timeout 2000: FreeSWITCH collects up to 4 digits, so a wrong single key
    is judged only after 2 s of waiting. The import's max_digits makes the simulation wait likewise."""
    out = call_corpus(F01, "7")
    pressed = next(line for line in out.splitlines() if "presses 7" in line)
    judged = next(line for line in out.splitlines() if "is not an option" in line)
    assert float(judged.split()[0].split(":")[1]) - float(pressed.split()[0].split(":")[1]) == 2.0


def test_01_direct_dial_1000_reaches_the_features_extension():
    """digit-len 4: 1000 fills the four digits at once and matches /^(10[01][0-9])$/ (transfer $1 XML features)."""
    out = call_corpus(F01, "1000")
    assert "at      demo_ivr_ext  (via extension 1000)" in out
    assert "transfer to number 1000" in out
    assert "no other key within" not in out  # four keys: FreeSWITCH has them all and acts at once


def test_01_a_lone_1_waits_two_seconds_then_transfers():
    """After 1 FreeSWITCH waits inter-digit-timeout (2000 ms) for the rest of digit-len 4, then matches 1."""
    out = call_corpus(F01, "1")
    pressed = next(line for line in out.splitlines() if "presses 1" in line)
    waited = next(line for line in out.splitlines() if "no other key within 2 s: the keys are 1" in line)
    assert _seconds(waited) - _seconds(pressed) == pytest.approx(2.0)
    assert "transfer to number sofia/$${domain}/888@conference.freeswitch.org" in out


def test_01_1099_is_invalid():
    """1099 is four digits (no wait) that neither an option nor the regex (100x, 101x) accepts."""
    out = call_corpus(F01, "1099")
    assert "`1099` is not an option" in out and "transfer to number 1099" not in out


def test_01_import_no_longer_says_options_shadow_the_pattern():
    code, _, err = run_ivrkit("import", str(require_corpus() / F01))
    assert code == 0
    assert "which are options too" not in err and "ivrkit acts at once" not in err


def _seconds(line: str) -> float:
    minutes, seconds = line.split()[0].split(":")
    return int(minutes) * 60 + float(seconds)


# -- FreeSWITCH 34 (main_ivr) -------------------------------------------------------------


def test_34_keys_transfer_to_the_queue_entry_points():
    assert "transfer to number 251144" in call_corpus(F34, "1")
    assert "transfer to number 255431" in call_corpus(F34, "2")


def test_34_silence_and_wrong_keys_end_after_three_rounds():
    out = call_corpus(F34, "")
    assert len([line for line in out.splitlines() if "says nothing" in line]) == 3
    assert "voicemail/incoming.wav" in out and out.rstrip().endswith("call ends (goodbye)")
    out = call_corpus(F34, "9 9 9")
    assert out.count("is not an option") == 3 and out.rstrip().endswith("call ends (goodbye)")


# -- FreeSWITCH 35 (a regex that matches nothing) -------------------------------------------


def test_35_no_key_reaches_anyone():
    """`/^(/d{extn_length})$/` matches no keypad input: every entry is invalid until the menu gives up."""
    out = call_corpus(F35, "")
    assert "transfer" not in out
    assert "vm-goodbye.wav" in out and out.rstrip().endswith("call ends (goodbye)")

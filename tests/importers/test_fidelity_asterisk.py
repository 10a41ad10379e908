"""Corpus 09 and 33 played as calls on the import, against what Asterisk does with the source.

Behaviour cited from the Asterisk docs: https://docs.asterisk.org/Configuration/Dialplan/Special-Dialplan-Extensions/
(`i` takes an invalid entry, `t` a response timeout; without them the call hangs up), BackGround/WaitExten
(https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/WaitExten/), and an extension
that runs out of priorities hangs up. Gosub runs a subroutine this import cannot see: its destination is
unknown, so the test only asserts it is not a plain hang-up.
"""

from __future__ import annotations

import pytest

from .conftest import call_corpus, require_corpus, run_ivrkit

C09 = "09_asterisk-sample-demo-context.conf"
C33 = "33_asterisk-es-centralita-ivr800.conf"


def test_09_silence_goes_to_t_then_hash_thanks_and_hangs_up():
    out = call_corpus(C09, "")
    assert "demo-thanks" in out and out.rstrip().endswith("call ends (goodbye)")


def test_09_wrong_key_plays_invalid():
    assert "[audio: invalid, words unknown]" in call_corpus(C09, "9")


def test_09_gosub_user_is_not_a_hangup():
    """1234: `Playback(transfer)` then `Gosub(${EXTEN},stdexten(...))` rings the user: unknown, not 'no person'."""
    out = call_corpus(C09, "1234")
    assert "transfer to number Gosub(" in out


def test_09_voicemail_extension():
    assert "voicemail box 1234" in call_corpus(C09, "1235")


# Pattern extensions (docs.asterisk.org, Pattern Matching): Asterisk first looks for an exact extension, then a
# pattern; after each key it waits TIMEOUT(digit) (default 5 s, Dialplan Functions TIMEOUT) only while the digits
# could still match a longer extension (main/pbx.c collect_digits: ast_matchmore_extension).


def _moment(out: str, text: str) -> str:
    """The time stamp of the first transcript line holding `text`."""
    return next(line.split()[0] for line in out.splitlines() if text in line)


def test_09_direct_dial_number_reaches_the_pattern_destination():
    """`_7XXX` → Gosub(page,s,1(SIP/${EXTEN})): 7624 is dialled (it waits 5 s, since 76245 could still follow)."""
    out = call_corpus(C09, "7624")
    assert "no other key within 5 s: the keys are 7624" in out
    assert "(via extension 7624)" in out and "transfer to number Gosub(page,s,1(SIP/${EXTEN}))" in out


def test_09_exact_extension_wins_over_the_pattern_and_acts_at_once():
    out = call_corpus(C09, "7999")
    assert "(via option 7999)" in out and "no other key within" not in out


def test_09_a_lone_key_that_starts_no_longer_extension_acts_at_once():
    """2 starts no other extension or pattern of [demo]: Asterisk runs it as soon as it is pressed."""
    out = call_corpus(C09, "2")
    assert _moment(out, "presses 2") == _moment(out, "(via option 2)")
    assert "no other key within" not in out


def test_09_option_1000_is_an_unknown_destination_not_a_hang_up():
    """1000 → Goto(default,s,1): [default] is not in the excerpt, so where it leads is unknown."""
    out = call_corpus(C09, "1000")
    assert "transfer to number Goto(default,s,1)" in out and "call ends" not in out


def test_09_voicemail_main_returns_to_the_menu():
    """8500 → VoiceMailMain() then Goto(s,6): when the caller leaves voicemail, the instructions play again."""
    from ivrkit.importers import convert

    menu = convert(require_corpus() / C09).menu
    main = menu["nodes"][menu["nodes"]["demo_menu"]["options"]["8500"]["goto"]]
    assert main["person"] is False and main["busy"] == main["no_answer"] == "demo_menu"


def test_33_key_1_waits_the_default_digit_timeout_because_10x_could_follow():
    """No TIMEOUT(digit) in 33: Asterisk's default 5 s; `_10X` starts with 1, so 1 alone waits it out."""
    out = call_corpus(C33, "1")
    assert "no other key within 5 s: the keys are 1" in out and "(via option 1)" in out


def test_33_internal_number_reaches_the_10x_pattern():
    out = call_corpus(C33, "101")
    assert "(via extension 101)" in out and "transfer to number SIP/${numero}" in out


def test_33_silence_goes_to_the_catch_all():
    """No `t` extension, but WaitExten looks `t` up like any extension (main/pbx_builtins.c) and `_.!` matches it
    (`.` matches any character, which is why pbx_config warns about `_.`): the caller hears extension-incorrecta
    and the call hangs up, with no re-prompt."""
    out = call_corpus(C33, "")
    assert out.count("no input") == 1 and "[audio: extension-incorrecta, words unknown]" in out
    assert "call ends" in out


def test_33_wrong_key_goes_to_the_catch_all():
    assert "[audio: extension-incorrecta, words unknown]" in call_corpus(C33, "9")


@pytest.mark.parametrize("value, sound", [("true", "no-molestar-desactivado"), ("false", "no-molestar-activado")])
def test_33_key_2_both_gotoif_branches(value, sound):
    """`GotoIf(${dnd}?off:on)`: both branches are in the import, chosen by the GotoIf variable."""
    out = call_corpus(C33, "2", "--set", f"if_line_39={value}")
    assert sound in out


def test_33_key_4_wakeup_both_branches():
    assert "wakeup-call-cancelled" in call_corpus(C33, "4", "--set", "if_line_80=true")
    assert "goodbye" in call_corpus(C33, "4", "--set", "if_line_80=false")


def test_33_key_1_voicemail_main_is_another_system():
    assert "VoiceMailMain(" in call_corpus(C33, "1")


def test_33_pattern_remark():
    code, _out, err = run_ivrkit("import", str(require_corpus() / C33))
    assert code == 0
    assert "the catch-all `_.!` matches every key that is not an option, so a wrong key goes there" in err
    assert "the catch-all `_.!` matches it, so silence goes there too" in err


# -- corpus 32: FreePBX's generated dialplan (Read in a While loop, counted i/t) --------------------------------

C32 = "32_asterisk-freepbx-salama-generated-ivr-contexts.conf"


def test_32_default_context_is_the_first_with_keys_and_matches_the_dump():
    """Same menu as ivr-2 of the FreePBX dump (corpus 30): keys 1-3, timeout 10, 2 wrong keys, 3 silences."""
    from ivrkit.importers import convert

    menu = convert(require_corpus() / C32).menu
    node = menu["nodes"][menu["entry"]]
    assert menu["entry"] == "ivr-2_menu" and sorted(node["options"]) == ["1", "2", "3"]
    assert node["audio"] == "custom/welcome-menu-for-mobile-callers" and node["timeout"] == 10
    assert menu["nodes"][node["options"]["1"]["goto"]]["number"] == "2000"
    assert menu["nodes"][node["options"]["3"]["goto"]]["type"] == "voicemail"


def test_32_silence_three_retries_then_ring_group():
    """`t`: TIMEOUT_LOOPCOUNT > 3 goes to `final` (Playback, then ext-group 2000); before that a re-prompt."""
    out = call_corpus(C32, "")
    assert out.count("no-valid-responce-pls-try-again") == 3
    assert "transfer to number 2000" in out


def test_32_wrong_keys_two_retries_then_ring_group():
    out = call_corpus(C32, "9 9 9")
    assert out.count("no-valid-responce-pls-try-again") == 2
    assert "no-valid-responce-transfering" in out and "transfer to number 2000" in out


def test_32_key_2_time_condition_is_not_a_person_or_a_hangup_for_sure():
    out = call_corpus(C32, "2")
    assert "timeconditions" in out


def test_32_direct_dial_context():
    """ivr-4 (File-Team-Entry) only takes direct dial: any digits go to that extension."""
    from ivrkit.importers import convert

    menu = convert(require_corpus() / C32, "asterisk", context="ivr-4").menu
    node = menu["nodes"]["ivr-4_menu"]
    assert "options" not in node and node["extensions"]["max"] == 16
    assert menu["nodes"][node["extensions"]["goto"]]["number"] == "{extension}"


@pytest.mark.parametrize("name", [C32, C33])
def test_fuzz_damaged_corpus(name):
    """32 and 33 truncated or damaged: a menu that loads or a positioned ImportProblem (hypothesis)."""
    from pathlib import Path

    from hypothesis import HealthCheck, given, settings

    from ivrkit.importers.asterisk import IMPORTER

    from .fuzzing import check_outcome, mutated

    text = (require_corpus() / name).read_text(encoding="utf-8")

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(mutated(text))
    def run(damaged):
        check_outcome(IMPORTER, damaged, Path("/nonexistent") / name)

    run()


def test_33_key_3_call_forwarding_is_read_then_confirmed():
    """Option 3: `Read(desvio,,,,,12)` takes a #-ended number, `Read(ack,,1,,,5)` one key, and
    `GotoIf($[${ack} = 1]?:bucle)` saves it on 1 (goodbye) and asks again otherwise (docs.asterisk.org, Read)."""
    out = call_corpus(C33, "3 5551234# 1", "--set", "if_line_57=false")
    assert "accepted 5551234 as desvio" in out and "accepted 1 as ack" in out
    assert out.rstrip().endswith("call ends (goodbye)") and "[audio: goodbye, words unknown]" in out
    out = call_corpus(C33, "3 5551234# 2 hangup", "--set", "if_line_57=false")
    assert out.count("[audio: please-enter-the, words unknown]") == 2  # 2: the number is asked again


def test_33_lint_no_longer_says_silence_ends_without_a_word():
    """Before, silence at the menu went to an invented `no t` hang-up and ST006 said 'a hang-up without a word';
    Asterisk plays the catch-all's extension-incorrecta first. The real flaws stay: one silence or one wrong key
    ends the call (HD007, HD008), and a silent caller in option 3 goes round forever (ST006 on the Reads)."""
    _code, out, err = run_ivrkit("lint", str(require_corpus() / C33))
    lines = (out + err).splitlines()
    assert not any("ST006" in line and "`phones_menu`" in line for line in lines)
    assert any("HD007" in line and "`phones_menu`" in line for line in lines)
    assert any("HD008" in line and "`phones_menu`" in line for line in lines)
    assert any("ST006" in line and "`phones_3_5_6`" in line and "go round forever" in line for line in lines)

"""The Asterisk importer keeps the call flow: GotoIf's two sides, Gosub, priorities after WaitExten reached by a
Goto, `_.!` catch-alls, missing `i`/`t` (Asterisk hangs up), FreePBX's counted i/t, and hostile dialplans.

Asterisk behaviour cited from https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Functions/TIMEOUT/
(response: "control will pass to the t extension if it exists, and if not the call would be terminated";
digit: an invalid entry goes "to the i extension, or if it doesn't exist the call would be terminated").
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.importers import ImportProblem, to_yaml
from ivrkit.importers.asterisk import IMPORTER
from ivrkit.loader import loads

from .conftest import run_ivrkit

PATH = Path("/nonexistent/extensions.conf")


def _convert(text: str):
    imported = IMPORTER.convert(text, PATH)
    loads(to_yaml(imported), PATH.with_suffix(".yaml"), root=PATH.parent)  # every import loads
    return imported


def test_gotoif_keeps_both_sides_as_a_branch():
    imported = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 1,1,GotoIf($[${X} = 1]?yes:no)
 same => n(yes),Playback(said-yes)
 same => n,Hangup()
 same => n(no),Playback(said-no)
 same => n,Hangup()
exten => t,1,Hangup()
exten => i,1,Hangup()
""")
    nodes = imported.menu["nodes"]
    branch = nodes[nodes["m_menu"]["options"]["1"]["goto"]]
    assert branch["type"] == "branch" and branch["variable"] == "if_line_4"
    assert nodes[branch["cases"]["true"]]["audio"] == "said-yes"
    assert nodes[branch["cases"]["false"]]["audio"] == "said-no"
    assert imported.menu["variables"]["if_line_4"]["values"] == ["true", "false"]


def test_gotoif_with_one_side_falls_through_to_the_next_priority():
    nodes = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 1,1,GotoIf($[${X} = 1]?done)
 same => n,Playback(not-done)
 same => n(done),Playback(done)
 same => n,Hangup()
exten => t,1,Hangup()
exten => i,1,Hangup()
""").menu["nodes"]
    branch = nodes[nodes["m_menu"]["options"]["1"]["goto"]]
    assert nodes[branch["cases"]["false"]]["audio"] == "not-done"
    assert nodes[branch["cases"]["true"]]["audio"] == "done"


def test_gosub_is_an_unknown_destination_and_the_call_goes_on_after_it():
    imported = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 5,1,Gosub(sub-user,s,1(SIP/5))
 same => n,VoiceMail(5,u)
exten => t,1,Hangup()
exten => i,1,Hangup()
""")
    nodes = imported.menu["nodes"]
    gosub = nodes[nodes["m_menu"]["options"]["5"]["goto"]]
    assert gosub["type"] == "transfer" and "unknown" in gosub["note"] and gosub["person"] == "unknown"
    assert nodes[gosub["busy"]]["type"] == "voicemail"
    assert any("calls a subroutine outside this context" in remark for remark in imported.remarks)


def test_priorities_after_waitexten_are_followed_by_goto():
    nodes = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
 same => n(bye),Playback(goodbye)
 same => n,Hangup()
exten => 1,1,Goto(s,bye)
exten => t,1,Hangup()
exten => i,1,Hangup()
""").menu["nodes"]
    assert nodes[nodes["m_menu"]["options"]["1"]["goto"]] == {"type": "hangup", "audio": "goodbye", "barge_in": False}


def test_catch_all_takes_wrong_keys_and_silence_without_t_and_missing_i_or_t_hangs_up():
    """`_.!` matches a wrong key and, with no `t`, the `t` WaitExten looks up on a timeout (see test_asterisk_transitions)."""
    imported = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 1,1,Hangup()
exten => _.!,1,Playback(wrong)
 same => n,Hangup()
""")
    menu = imported.menu["nodes"]["m_menu"]
    nodes = imported.menu["nodes"]
    assert nodes[menu["no_match"]["goto"]] == {"type": "hangup", "audio": "wrong", "barge_in": False}
    assert menu["no_input"] == menu["no_match"]
    nodes = _convert("[m]\nexten => s,1,Background(menu)\nexten => 1,1,Hangup()\n").menu["nodes"]
    assert (
        nodes[nodes["m_menu"]["no_match"]["goto"]]["note"] == "no `i` extension: Asterisk hangs up on an invalid entry"
    )
    assert (
        nodes[nodes["m_menu"]["no_input"]["goto"]]["note"]
        == "no `t` extension: Asterisk hangs up on a response timeout"
    )


def test_pattern_beside_an_exact_extension_is_an_exact_pattern():
    """`_7XXX` beside `7999`: the exact extension wins, every other 7XXX reaches the pattern (was "any 4 digits")."""
    imported = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 7999,1,Hangup()
exten => _7XXX,1,Dial(SIP/${EXTEN})
exten => t,1,Hangup()
exten => i,1,Hangup()
""")
    menu = imported.menu["nodes"]["m_menu"]
    assert menu["extensions"] == {"patterns": ["7XXX"], "goto": "m_7XXX"} and "7999" in menu["options"]
    assert any("the pattern `_7XXX` is imported as the extension pattern `7XXX`" in r for r in imported.remarks)


COUNTED = """[ivr-9]
exten => s,1,Set(IVR_MSG=custom/hello)
exten => s,n(start),Set(DIGITS=)
exten => s,n,Read(IVREXT,${IVR_MSG},1,,0,7)
exten => s,n,GotoIf($["${READSTATUS}" = "TIMEOUT"]?t,1)
exten => 1,1,Goto(ext-queues,400,1)
exten => i,1,Set(INVALID_LOOPCOUNT=$[${INVALID_LOOPCOUNT}+1])
exten => i,n,GotoIf($[${INVALID_LOOPCOUNT} > 1]?final)
exten => i,n,Set(IVR_MSG=try-again)
exten => i,n,Goto(s,start)
exten => i,n(final),Playback(sorry)
exten => i,n,Goto(app-blackhole,hangup,1)
exten => t,1,Set(TIMEOUT_LOOPCOUNT=$[${TIMEOUT_LOOPCOUNT}+1])
exten => t,n,GotoIf($[${TIMEOUT_LOOPCOUNT} > 2]?final)
exten => t,n,Set(IVR_MSG=try-again)
exten => t,n,Goto(s,start)
exten => t,n(final),Goto(ext-local,vmu300,1)
"""


def test_freepbx_read_and_counted_retries():
    imported = _convert(COUNTED)
    nodes = imported.menu["nodes"]
    menu = nodes["ivr-9_menu"]
    assert menu["audio"] == "custom/hello" and menu["timeout"] == 7 and menu["retries"] == 2
    assert menu["no_match"] == [{"audio": "try-again"}, {"goto": "ivr-9_i_5"}]
    assert nodes["ivr-9_i_5"]["next"] == "hangup"
    assert nodes[menu["fallback"]] == {
        "type": "voicemail",
        "mailbox": "300",
        "note": "Goto(ext-local,vmu300,1): FreePBX voicemail 300 (unavailable greeting).",
    }
    assert nodes[menu["options"]["1"]["goto"]]["queue"] == "400"
    assert "variables" not in imported.menu  # the counters' GotoIfs are the retries, not branches


def test_thousands_of_gotoifs_stay_fast_and_load():
    lines = [
        "[m]",
        "exten => s,1,Background(menu)",
        " same => n,WaitExten(5)",
        "exten => t,1,Hangup()",
        "exten => i,1,Hangup()",
        "exten => 1,1,NoOp()",
    ]
    lines += [f" same => n(l{i}),GotoIf($[${{X}} = {i}]?l{i + 2}:l{i + 1})" for i in range(3000)]
    lines += [" same => n(l3000),Hangup()", " same => n(l3001),Hangup()"]
    started = time.monotonic()
    imported = _convert("\n".join(lines) + "\n")
    assert time.monotonic() - started < 20
    assert sum(1 for n in imported.menu["nodes"].values() if n["type"] == "branch") == 3000


@pytest.mark.parametrize("args", ["$[${X} > 99999999999999999999999]?final", "?", ":", "???::", "$[(((?a:b"])
def test_odd_gotoif_and_counters_never_crash(args):
    text = COUNTED.replace("$[${INVALID_LOOPCOUNT} > 1]?final", args)
    try:
        _convert(text)
    except ImportProblem as problem:
        assert problem.line >= 1 and problem.col >= 1


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="?:$[]{}(),abc12 ", max_size=40))
def test_fuzz_gotoif_arguments(args):
    text = (
        "[m]\nexten => s,1,Background(menu)\n same => n,WaitExten(5)\nexten => t,1,Hangup()\n"
        f"exten => 1,1,GotoIf({args})\n same => n(a),Hangup()\n"
    )
    try:
        _convert(text)
    except ImportProblem as problem:
        assert problem.line >= 1 and problem.col >= 1


def test_cli_import_of_a_broken_gotoif_target_is_positioned(tmp_path):
    path = tmp_path / "e.conf"
    path.write_text("[m]\nexten => s,1,Background(menu)\nexten => 1,1,Goto()\n", encoding="utf-8")
    code, _out, err = run_ivrkit("import", str(path))
    assert code == 2 and "e.conf:3:" in err and "names no target" in err and "Traceback" not in err


def test_prompt_variants_by_time_are_both_menus_with_the_same_keys():
    """GotoIfTime before the prompt: the open and closed prompts are two menus with the same keys."""
    imported = _convert("""[m]
exten => s,1,Answer()
 same => n,GotoIfTime(09:00-17:00,mon-fri,*,*?open)
 same => n,Background(closed-prompt)
 same => n,WaitExten(5)
 same => n(open),Background(open-prompt)
 same => n,WaitExten(7)
exten => 1,1,Dial(SIP/sales)
exten => t,1,Hangup()
exten => i,1,Playback(invalid)
 same => n,Goto(s,1)
""")
    nodes = imported.menu["nodes"]
    entry = nodes[imported.menu["entry"]]
    assert entry["type"] == "branch" and imported.menu["variables"]["time_line_3"]["values"] == ["true", "false"]
    open_menu, closed_menu = nodes[entry["cases"]["true"]], nodes[entry["cases"]["false"]]
    assert (open_menu["audio"], open_menu["timeout"]) == ("open-prompt", 7)
    assert (closed_menu["audio"], closed_menu["timeout"]) == ("closed-prompt", 5)
    assert open_menu["options"] == closed_menu["options"] and open_menu["no_match"] == closed_menu["no_match"]
    assert nodes[closed_menu["no_match"]["goto"]]["next"] == imported.menu["entry"]  # Goto(s,1): the branch again


def test_prompt_variant_call_takes_the_open_side_when_set(tmp_path):
    path = tmp_path / "v.conf"
    path.write_text(
        "[m]\nexten => s,1,GotoIf($[${OPEN}]?open)\n same => n,Background(closed)\n same => n,WaitExten(5)\n"
        " same => n(open),Background(open)\n same => n,WaitExten(5)\nexten => 1,1,Hangup()\n"
        "exten => t,1,Hangup()\nexten => i,1,Hangup()\n",
        encoding="utf-8",
    )
    code, out, err = run_ivrkit("call", str(path), "--set", "if_line_2=true", "--press", "1")
    assert code == 0, err
    assert "[audio: open, words unknown]" in out and "[audio: closed" not in out

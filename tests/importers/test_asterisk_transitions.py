"""Every transition of an Asterisk dialplan is kept: included contexts, WaitExten timing out onto the next
priority, the `t`/`i`/`e` lookups (and a catch-all that swallows them), Gotos within an extension that loop,
and destinations outside the file (unknown, never a hang-up).

Asterisk behaviour cited:
- include: https://docs.asterisk.org/Configuration/Dialplan/Include-Statements/Include-Statements-Basics/
  (a context's own extensions first, then the included context's).
- WaitExten on a response timeout (asterisk main/pbx_builtins.c, pbx_builtin_waitexten): the next priority of
  the extension if there is one ("Timeout on %s, continuing..."), else `t`, else `e` (RESPONSETIMEOUT), else the
  call hangs up ("Timeout but no rule 't' or 'e' in context").
- A wrong key (main/pbx.c, __ast_pbx_run): the digits are looked up as an extension first (so a catch-all
  pattern takes them), then `i`, then `e` (INVALID), else the call hangs up.
- `_.` matches any characters, so it also matches `t`, `i` and `h`: pbx_config warns "The use of '_.' for an
  extension is strongly discouraged and can have unexpected behavior" (main/pbx_config.c).
"""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.importers import to_yaml
from ivrkit.importers.asterisk import IMPORTER
from ivrkit.loader import loads

from .conftest import run_ivrkit
from .fuzzing import check_outcome

PATH = Path("/nonexistent/extensions.conf")


def _convert(text: str):
    imported = IMPORTER.convert(text, PATH)
    loads(to_yaml(imported), PATH.with_suffix(".yaml"), root=PATH.parent)  # every import loads
    return imported


def _call(tmp_path, text: str, press: str) -> str:
    path = tmp_path / "plan.conf"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_ivrkit("call", str(path), "--press", press)
    assert code == 0, err
    return out


# -- include => -------------------------------------------------------------------------------------------

INCLUDES = """[menu]
include => extra
include => elsewhere
exten => s,1,Background(hello)
 same => n,WaitExten(5)
exten => 1,1,Playback(own-one)
 same => n,Goto(s,1)

[extra]
include => more
exten => 1,1,Playback(hidden-one)
exten => 2,1,Playback(two)
 same => n,Goto(s,1)

[more]
include => extra
exten => i,1,Playback(invalid)
 same => n,Goto(s,1)
exten => t,1,Playback(goodbye)
 same => n,Hangup()
"""


def test_included_contexts_are_part_of_the_menu_after_its_own_extensions():
    imported = _convert(INCLUDES)
    nodes = imported.menu["nodes"]
    menu = nodes["menu_menu"]
    assert list(menu["options"]) == ["1", "2"]
    assert nodes[menu["options"]["1"]["goto"]]["audio"] == "own-one"  # the context's own 1 hides extra's
    assert nodes[menu["options"]["2"]["goto"]] == {
        "type": "message",
        "audio": "two",
        "barge_in": False,
        "next": "menu_menu",
    }
    # [more] is included by [extra]: its i and t are the menu's handlers; the include loop back to extra ends
    assert nodes[menu["no_match"]["goto"]]["audio"] == "invalid"
    assert nodes[menu["no_input"]["goto"]] == {"type": "hangup", "audio": "goodbye", "barge_in": False}
    assert imported.source_map.positions["menu_menu options 2"] == (12, 1)  # where [extra] writes it
    assert any(
        r.startswith("line 2: `include => extra`: the extensions of [extra] are matched after [menu]'s own")
        and "its 1 is hidden" in r
        for r in imported.remarks
    )
    assert (
        "line 3: `include => elsewhere` includes [elsewhere], which is not in this file: keys it adds to the "
        "menu are unknown"
    ) in imported.remarks


def test_a_timed_include_is_remarked():
    imported = _convert(
        "[m]\ninclude => day,09:00-17:00,mon-fri,*,*\nexten => s,1,Background(a)\n[day]\nexten => 1,1,Hangup()\n"
    )
    assert "1" in imported.menu["nodes"]["m_menu"]["options"]
    assert any("(Asterisk includes them only at the times `09:00-17:00,mon-fri,*,*`)" in r for r in imported.remarks)


def test_included_key_is_dialled_in_a_call(tmp_path):
    out = _call(tmp_path, INCLUDES, "2")
    assert "[audio: two, words unknown]" in out


# -- WaitExten timing out, t, i, e and catch-alls -----------------------------------------------------------------


def test_waitexten_timeout_goes_on_with_the_next_priority_before_t():
    imported = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
 same => n,Playback(still-there)
 same => n,Background(menu-again)
 same => n,WaitExten(4)
 same => n,Playback(goodbye)
 same => n,Hangup()
exten => 1,1,Hangup()
exten => t,1,Playback(never-heard)
 same => n,Hangup()
exten => i,1,Hangup()
""")
    nodes = imported.menu["nodes"]
    first = nodes["m_menu"]
    still = nodes[first["no_input"]["goto"]]
    assert still["audio"] == "still-there"
    second = nodes[still["next"]]
    assert (second["type"], second["audio"], second["timeout"]) == ("menu", "menu-again", 4)
    assert nodes[second["no_input"]["goto"]] == {"type": "hangup", "audio": "goodbye", "barge_in": False}
    assert second["options"] == first["options"]
    assert not any(node.get("audio") == "never-heard" for node in nodes.values())  # `t` is never reached
    assert any("on a response timeout WaitExten goes on with this priority" in r for r in imported.remarks)


def test_waitexten_fall_through_in_a_call(tmp_path):
    text = (
        "[m]\nexten => s,1,Background(menu)\n same => n,WaitExten(5)\n same => n,Playback(goodbye)\n"
        " same => n,Hangup()\nexten => 1,1,Hangup()\nexten => i,1,Hangup()\n"
    )
    out = _call(tmp_path, text, "")
    assert out.count("no input") == 1 and "[audio: goodbye, words unknown]" in out


def test_catch_all_takes_wrong_keys_even_with_i():
    """The dialled digits are looked up first: `_.` matches them, so `i` is never reached by a wrong key."""
    imported = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 1,1,Hangup()
exten => i,1,Playback(invalid)
 same => n,Hangup()
exten => t,1,Playback(timeout)
 same => n,Hangup()
exten => _.,1,Playback(catch-all)
 same => n,Hangup()
""")
    nodes = imported.menu["nodes"]
    menu = nodes["m_menu"]
    assert nodes[menu["no_match"]["goto"]]["audio"] == "catch-all"
    assert nodes[menu["no_input"]["goto"]]["audio"] == "timeout"  # the exact `t` beats the pattern
    assert any("(the `i` extension is never reached by one)" in r for r in imported.remarks)
    # pbx.c (_extension_match_core): `.` is a match "even with more digits", so Asterisk waits after every key
    assert any(
        "`_.` could match a longer number after any key, so Asterisk waits TIMEOUT(digit) after every key" in r
        for r in imported.remarks
    )


def test_e_extension_takes_what_i_and_t_would():
    imported = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 1,1,Hangup()
exten => e,1,Playback(oops)
 same => n,Goto(s,1)
""")
    nodes = imported.menu["nodes"]
    menu = nodes["m_menu"]
    assert menu["no_match"] == menu["no_input"]
    assert nodes[menu["no_match"]["goto"]] == {"type": "message", "audio": "oops", "barge_in": False, "next": "m_menu"}
    assert any("a wrong key raises the INVALID exception, which the `e` extension takes" in r for r in imported.remarks)


# -- Gotos within an extension or the context ------------------------------------------------------------


def test_labels_within_an_extension_loop_as_the_dialplan_does(tmp_path):
    """33's option 3: `GotoIf(...?:bucle)` goes back to the label `bucle` of the same extension: a loop."""
    text = """[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 3,1,Playback(intro)
 same => n(bucle),Playback(enter-number)
 same => n,GotoIf($[${ACK} = 1]?:bucle)
 same => n,Playback(done)
 same => n,Goto(2)
exten => 2,1,Goto(on)
 same => n(off),Playback(off)
 same => n,Hangup()
 same => n(on),Playback(on)
 same => n,Goto(off)
exten => i,1,Hangup()
exten => t,1,Hangup()
"""
    nodes = _convert(text).menu["nodes"]
    menu = nodes["m_menu"]
    intro = nodes[menu["options"]["3"]["goto"]]
    enter = nodes[intro["next"]]
    branch = nodes[enter["next"]]
    assert enter["audio"] == "enter-number" and branch["cases"]["false"] == intro["next"]  # the loop
    done = nodes[branch["cases"]["true"]]
    assert done["audio"] == "done" and done["next"] == intro["next"]  # Goto(2): priority 2 of the same extension
    on = nodes[menu["options"]["2"]["goto"]]
    assert on["audio"] == "on" and nodes[on["next"]] == {"type": "hangup", "audio": "off", "barge_in": False}


# -- destinations outside the file -------------------------------------------------------------------------


def test_goto_gosub_and_macro_outside_the_file_are_unknown_transfers():
    imported = _convert("""[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 1,1,Goto(sales,s,1)
exten => 2,1,Macro(user,SIP/2)
 same => n,Playback(back-again)
 same => n,Hangup()
exten => 3,1,Gosub(sub-ring,s,1(SIP/3))
exten => i,1,Hangup()
exten => t,1,Hangup()
""")
    nodes = imported.menu["nodes"]
    options = nodes["m_menu"]["options"]
    goto, macro, gosub = (nodes[options[key]["goto"]] for key in "123")
    for node in (goto, macro, gosub):
        assert node["type"] == "transfer" and node["person"] == "unknown" and "is unknown" in node["note"]
    assert goto["number"] == "Goto(sales,s,1)" and "[sales], which is not in this file" in goto["note"]
    assert macro["number"] == "Macro(user,SIP/2)" and "[macro-user]" in macro["note"]
    assert nodes[macro["busy"]] == {
        "type": "hangup",
        "audio": "back-again",
        "barge_in": False,
    }  # after the macro returns
    assert gosub["number"] == "Gosub(sub-ring,s,1(SIP/3))"
    assert (
        "line 4: the target `sales,s,1` is not defined in this file (Goto(sales,s,1) leads to the context "
        "[sales]); imported as a transfer whose destination is unknown"
    ) in imported.remarks


def test_goto_into_a_context_of_the_file_names_the_option_that_imports_it():
    imported = _convert(
        "[m]\nexten => s,1,Background(menu)\nexten => 1,1,Goto(other,s,1)\n[other]\nexten => s,1,Hangup()\n"
    )
    assert (
        "line 3: the context [other] is in this file but not imported: import it with --context other"
        in imported.remarks
    )


def test_voicemailmain_goes_on_when_the_caller_leaves_it():
    nodes = _convert(
        "[m]\nexten => s,1,Background(menu)\n same => n(again),WaitExten(5)\n"
        "exten => 8,1,VoiceMailMain()\n same => n,Goto(s,again)\n"
    ).menu["nodes"]
    main = nodes[nodes["m_menu"]["options"]["8"]["goto"]]
    assert main["person"] is False and main["busy"] == main["no_answer"] == "m_menu"


# -- pattern extensions ---------------------------------------------------------------------------------------

PATTERNS = """[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 1,1,Playback(one)
 same => n,Hangup()
exten => _1NXX,1,Dial(SIP/${EXTEN})
exten => _[5-6]XX,1,Dial(SIP/${EXTEN})
exten => _9X.,1,Dial(PSTN/${EXTEN})
exten => _[a-z]X,1,Hangup()
exten => i,1,Hangup()
exten => t,1,Hangup()
"""


def test_patterns_with_the_same_priorities_share_the_extensions_and_others_are_kept():
    imported = _convert(PATTERNS)
    menu = imported.menu["nodes"]["m_menu"]
    assert menu["extensions"] == {"patterns": ["1NXX", "[5-6]XX"], "goto": "m_1NXX"}
    assert imported.menu["nodes"]["m_1NXX"]["number"] == "SIP/{extension}"
    assert any(
        "the pattern `_9X.` leads elsewhere than `_1NXX`, and an ivrkit menu has one extensions "
        "destination; kept under x-unmapped" in r
        for r in imported.remarks
    )
    assert any(r.startswith("line 9: the pattern `_[a-z]X` is not one ivrkit can model") for r in imported.remarks)
    assert "exten _9X." in imported.menu["x-unmapped"]["m_menu"]


def test_pattern_calls(tmp_path):
    """1 waits the 5 s digit timeout (1NXX could follow), 1234 dials the pattern, 10 is a wrong key at once (N is
    2-9, so nothing can follow it)."""
    out = _call(tmp_path, PATTERNS, "1")
    assert "no other key within 5 s: the keys are 1" in out and "[audio: one, words unknown]" in out
    assert "transfer to number SIP/1234" in _call(tmp_path, PATTERNS, "1234")
    assert "(via extension 555)" in _call(tmp_path, PATTERNS, "555")
    out = _call(tmp_path, PATTERNS, "10")
    assert "`10` is not an option (no match 1)" in out and "no other key within" not in out


def test_asterisk_default_timeouts_when_the_dialplan_sets_none():
    """TIMEOUT(): digit 5 s, response 10 s by default; WaitExten() without seconds waits TIMEOUT(response)."""
    menu = _convert("[m]\nexten => s,1,Background(menu)\n same => n,WaitExten()\nexten => 1,1,Hangup()\n").menu[
        "nodes"
    ]["m_menu"]
    assert (menu["timeout"], menu["inter_digit_timeout"]) == (10, 5)
    menu = _convert(
        "[m]\nexten => s,1,Set(TIMEOUT(response)=7)\n same => n,Set(TIMEOUT(digit)=2)\n"
        " same => n,Background(menu)\n same => n,WaitExten()\nexten => 1,1,Hangup()\n"
    ).menu["nodes"]["m_menu"]
    assert (menu["timeout"], menu["inter_digit_timeout"]) == (7, 2)


# -- Read() and the GotoIfs on what it stored -----------------------------------------------------------------

READ = """[m]
exten => s,1,Background(menu)
 same => n,WaitExten(5)
exten => 3,1,Playback(enter-number)
 same => n(again),Read(number,,,,,12)
 same => n,Playback(press-1-if-right)
 same => n,Read(ack,,1,,2,5)
 same => n,GotoIf($[${ack} = 1]?:again)
 same => n,Playback(saved)
 same => n,Hangup()
exten => i,1,Hangup()
exten => t,1,Hangup()
"""


def test_read_is_an_input_and_a_gotoif_on_its_digits_branches_on_them():
    """docs.asterisk.org Read: maxdigits 0 waits for #, attempts re-play the prompt, a timeout > 0 overrides."""
    imported = _convert(READ)
    nodes = imported.menu["nodes"]
    number = nodes[nodes[nodes["m_menu"]["options"]["3"]["goto"]]["next"]]
    assert number == {
        "type": "input",
        "digits": {"max": 64, "terminator": "#"},
        "store": "number",
        "retries": 0,
        "timeout": 12,
        "inter_digit_timeout": 12,
        "next": number["next"],
        "fallback": number["next"],
    }
    ack = nodes[nodes[number["next"]]["next"]]
    assert (ack["digits"], ack["store"], ack["retries"], ack["timeout"]) == ({"max": 1, "terminator": "#"}, "ack", 1, 5)
    branch = nodes[ack["next"]]
    assert branch["variable"] == "ack" and branch["default"] == branch["cases"]["other"]
    assert nodes[branch["cases"]["1"]] == {"type": "hangup", "audio": "saved", "barge_in": False}
    assert nodes[branch["cases"]["other"]] is number  # GotoIf(...?:again): any other answer loops back
    assert imported.menu["variables"]["ack"]["values"] == ["1", "other"]


def test_read_calls(tmp_path):
    out = _call(tmp_path, READ, "3 5551234# 1")
    assert "accepted 5551234 as number" in out and "[audio: saved, words unknown]" in out
    out = _call(tmp_path, READ, "3 5551234# 2 hangup")
    assert out.count("[audio: enter-number") == 1 and "(via default)" in out  # 2: back to the entry, not a hang-up


def test_voicemail_goes_on_when_priorities_follow_and_page_is_a_transfer():
    """VoiceMail returns once the message is left, so later priorities run (voicemail `next`); a VoiceMail before
    Hangup() stays a plain destination. Page connects the caller to the paged phones (never a plain hang-up)."""
    nodes = _convert("""[m]
exten => s,1,Background(menu)
 same => n(again),WaitExten(5)
exten => 1,1,VoiceMail(100@office,u)
 same => n,Playback(thanks)
 same => n,Goto(s,again)
exten => 2,1,VoiceMail(200,u)
 same => n,Hangup()
exten => 3,1,Page(SIP/a&SIP/b,d)
exten => i,1,Hangup()
exten => t,1,Hangup()
""").menu["nodes"]
    options = nodes["m_menu"]["options"]
    left = nodes[options["1"]["goto"]]
    assert left["mailbox"] == "100" and nodes[left["next"]] == {
        "type": "message",
        "audio": "thanks",
        "barge_in": False,
        "next": "m_menu",
    }
    assert "next" not in nodes[options["2"]["goto"]]
    page = nodes[options["3"]["goto"]]
    assert page["type"] == "transfer" and page["number"] == "Page(SIP/a&SIP/b,d)" and "person" not in page


def test_playback_cannot_be_interrupted_and_background_can(tmp_path):
    """docs.asterisk.org: Playback's "See Also: Background -- for playing sound files that are interruptible";
    BackGround's `p` option: "Do not allow playback to be interrupted with digits"."""
    text = (
        "[m]\nexten => s,1,Playback(welcome)\n same => n,Background(news,p)\n same => n,Background(menu)\n"
        " same => n,WaitExten(5)\nexten => 1,1,Playback(one)\n same => n,Hangup()\nexten => i,1,Hangup()\n"
        "exten => t,1,Hangup()\n"
    )
    nodes = _convert(text).menu["nodes"]
    assert nodes["m"]["barge_in"] is False and nodes["m_2"]["barge_in"] is False
    assert "barge_in" not in nodes["m_menu"]
    out = _call(tmp_path, text, "1@1")  # pressed during the welcome: Asterisk ignores it
    assert "ignored" in out and "(via option 1)" not in out
    out = _call(tmp_path, text, "1@9")  # pressed during the menu's Background: taken
    assert "(via option 1)" in out


# -- generated dialplans ----------------------------------------------------------------------------------------

_EXTENS = ["1", "2", "12", "#", "i", "t", "e", "_X.", "_1NXX", "_[1-3]X", "_.", "_.!", "_[a-z]", "_", "s"]
_STEPS = [
    "Playback(a)",
    "Background(b,p)",
    "WaitExten(3)",
    "WaitExten()",
    "Goto(s,1)",
    "Goto(lab)",
    "Goto(2)",
    "Goto(other,s,1)",
    "Goto(elsewhere,s,1)",
    "Gosub(sub,s,1)",
    "Macro(m)",
    "Read(v,,1,,2,4)",
    "Read(v)",
    "GotoIf($[${v} = 1]?lab:2)",
    "GotoIf($[${v} = 2]?lab)",
    "VoiceMail(1@x,u)",
    "VoiceMailMain()",
    "Page(SIP/a)",
    "Dial(SIP/${EXTEN})",
    "Hangup()",
    "Set(TIMEOUT(digit)=2)",
    "NoOp()",
]


@st.composite
def _dialplans(draw) -> str:
    lines = [
        "[menu]",
        *draw(st.lists(st.sampled_from(["include => other", "include => gone", "include => menu"]), max_size=2)),
        "exten => s,1,Background(menu)",
        " same => n(lab),WaitExten(5)",
    ]
    for context in ("menu", "other"):
        if context == "other":
            lines += ["[other]", *draw(st.lists(st.just("include => menu"), max_size=1))]
        for ext in draw(st.lists(st.sampled_from(_EXTENS), max_size=6)):
            steps = draw(st.lists(st.sampled_from(_STEPS), min_size=1, max_size=5))
            lines.append(f"exten => {ext},1,{steps[0]}")
            lines += [f" same => n{draw(st.sampled_from(['', '(lab)']))},{step}" for step in steps[1:]]
    return "\n".join(lines) + "\n"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_dialplans())
def test_generated_dialplans_import_and_load_or_are_refused_with_a_position(text):
    """Includes (and include loops), patterns, catch-alls, Read and its GotoIfs, Gotos within and out of the file,
    in any mix: a menu that loads, or an ImportProblem with a position."""
    check_outcome(IMPORTER, text, PATH)


def test_the_menu_context_may_take_its_keys_from_an_include():
    """With no --context, the first `s` context with keys is chosen, counting the keys its includes bring."""
    imported = _convert(
        "[start]\nexten => s,1,Hangup()\n[menu]\ninclude => keys\nexten => s,1,Background(m)\n"
        "[keys]\nexten => 1,1,Hangup()\n"
    )
    assert imported.menu["name"] == "Asterisk context menu"
    assert list(imported.menu["nodes"]["menu_menu"]["options"]) == ["1"]


def test_thousands_of_chained_includes_stay_fast(tmp_path):
    """3,000 `s` contexts, each including the next and none with keys: choosing the menu was quadratic (51 s)."""
    lines = []
    for index in range(3000):
        lines += [f"[c{index}]", f"include => c{index + 1}", f"exten => s,1,Background(x{index})"]
    lines += ["[c3000]", "exten => 7,1,Hangup()"]  # the only key, reached through 3,000 includes
    started = time.monotonic()
    imported = _convert("\n".join(lines) + "\n")
    assert time.monotonic() - started < 10
    assert imported.menu["name"] == "Asterisk context c0" and "7" in imported.menu["nodes"]["c0_menu"]["options"]

"""Regressions of issue 10 in the simulation engine, each through `run_call` and through `ivrkit call`.

The engine tests use 0.5 s per word, so every time below can be worked out by
hand from MENU:

    0.0  welcome  "Thank you for calling us."  2.5 s
    2.5  main     "Main menu."                 1.0 s
    3.5           "To pay a bill, press 1."    3.0 s, then a 0.5 s pause
    7.0           "To report a fault, press 2." 3.0 s, then a 0.5 s pause
   10.5           waits for a key (timeout 5 s)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ivrkit.cli import main
from ivrkit.engine import (
    Arrive,
    HangupEvent,
    KeyIgnored,
    Listen,
    NoInput,
    Press,
    Speak,
    SpeechCut,
    TransferEvent,
    TypeAhead,
)
from ivrkit.engine.drive import LeftoverStepError, StepError, parse_steps, run_call
from ivrkit.engine.durations import estimated, wav_seconds
from ivrkit.engine.measured import ManifestError, read_manifest
from ivrkit.engine.session import Session, substitute
from ivrkit.engine.transcript import transcript_lines
from ivrkit.loader import load, loads

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = "examples/northwind-energy.yaml"

MENU = """\
ivrkit: 1
name: t
entry: welcome
settings: {timeout: 5, retries: 1}
nodes:
  welcome: {type: message, say: Thank you for calling us., next: main}
  main:
    type: menu
    say: Main menu.
    options:
      "1": {label: pay a bill, goto: bye}
      "2": {label: report a fault, goto: bye}
    no_input: {say: Sorry?}
  bye: {type: hangup, say: Goodbye.}
"""


def half_second_per_word(segment, rate):
    return 0.0 if segment.text is None else 0.5 * len(segment.text.split())


def call(press: str, text: str = MENU, **kwargs):
    return run_call(loads(text, "menu.yaml"), parse_steps(press), duration=half_second_per_word, **kwargs)


def summary(events) -> list[tuple]:
    """(type, at, detail) of each event, times rounded to 0.1 s."""
    rows = []
    for event in events:
        detail = (
            event.text
            if isinstance(event, Speak)
            else event.key
            if isinstance(event, (Press, TypeAhead, KeyIgnored))
            else event.reason
            if isinstance(event, HangupEvent)
            else event.node
        )
        rows.append((type(event).__name__, round(event.at, 1), detail))
    return rows


@pytest.fixture
def ivrkit(capsys, monkeypatch):
    """`ivrkit ARGS` in this process (cwd: the repository), as (returncode, stdout, stderr)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("IVRKIT_DEBUG", raising=False)

    def run(*args: str) -> subprocess.CompletedProcess:
        code = main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return run


def times(stdout: str) -> list[float]:
    found = re.findall(r"^\s*(\d+):(\d\d\.\d)  ", stdout, re.MULTILINE)
    return [int(minutes) * 60 + float(seconds) for minutes, seconds in found]


# -- barge-in: speech ends where it was cut, and nothing unheard is listed ---------------------------------


def test_a_barge_in_lists_only_the_speech_heard_up_to_the_cut():
    record = call("2@5")
    assert summary(record.events) == [
        ("Arrive", 0.0, "welcome"),
        ("Speak", 0.0, "Thank you for calling us."),
        ("Arrive", 2.5, "main"),
        ("Speak", 2.5, "Main menu."),
        ("Speak", 3.5, "To pay a bill, press 1."),
        ("SpeechCut", 5.0, "main"),
        ("Press", 5.0, "2"),
        ("Arrive", 5.0, "bye"),
        ("Speak", 5.0, "Goodbye."),
        ("HangupEvent", 5.5, "goodbye"),
    ]  # option 2 was never announced and the menu never got to listen


def test_the_cli_transcript_of_a_barge_in_goes_forward_and_stops_at_the_cut(ivrkit):
    result = ivrkit("call", NORTHWIND, "--press", "2@5")
    assert result.returncode == 0, result.stderr
    stamps = times(result.stdout)
    assert stamps == sorted(stamps)
    before_cut = result.stdout.split("cut", 1)[0]
    assert "To pay or ask about your bill, press 1." in before_cut
    assert "To report a power cut, press 2." not in before_cut  # it starts at 7.3 s: never heard
    assert "waits for a key" not in before_cut
    assert re.search(r"^\s*0:05\.0  cut  ", result.stdout, re.MULTILINE)


# -- hang-ups happen when the caller hangs up -------------------------------------------------------------


def test_hangup_without_seconds_comes_when_the_ivr_has_finished_speaking():
    record = call("hangup")
    assert summary(record.events)[-2:] == [("Listen", 10.5, "main"), ("HangupEvent", 10.5, "caller")]
    assert record.events[-1].node == "main" and record.ended


def test_hangup_at_seconds_cuts_the_speech_and_reaches_nothing_further():
    record = call("hangup@1")
    assert summary(record.events) == [
        ("Arrive", 0.0, "welcome"),
        ("Speak", 0.0, "Thank you for calling us."),
        ("SpeechCut", 1.0, "welcome"),
        ("HangupEvent", 1.0, "caller"),
    ]
    assert record.events[-1].node == "welcome"  # the call never got to the menu
    assert summary(call("hangup@3").events)[-3:] == [
        ("Speak", 2.5, "Main menu."),
        ("SpeechCut", 3.0, "main"),
        ("HangupEvent", 3.0, "caller"),
    ]


def test_the_cli_hangup_ends_after_the_menu_not_at_zero(ivrkit):
    result = ivrkit("call", NORTHWIND, "--press", "hangup")
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert re.match(r"\s*0:23\.7  end     call ends \(caller\)", last), last
    stamps = times(result.stdout)
    assert stamps == sorted(stamps)


# -- keys after waits keep going forward -----------------------------------------------------------------


def test_a_key_after_a_timeout_counts_from_the_re_prompt_and_goes_forward():
    record = call("wait 1@3")
    rows = summary(record.events)
    assert ("NoInput", 15.5, "main") in rows
    # the re-prompt: Sorry? 15.5-16.0, Main menu. 16.0-17.0, option 1 from 17.0; the key 3 s after the wait
    cut = next(event for event in record.events if isinstance(event, SpeechCut))
    assert cut.at == pytest.approx(18.5)
    assert [event.at for event in record.events] == sorted(event.at for event in record.events)
    assert isinstance(record.events[-1], HangupEvent) and record.events[-1].at == pytest.approx(19.0)


def test_the_cli_wait_wait_then_a_barge_in_never_goes_back_in_time(ivrkit):
    result = ivrkit("call", NORTHWIND, "--press", "wait wait 0@3")
    assert result.returncode == 0, result.stderr
    stamps = times(result.stdout)
    assert stamps == sorted(stamps), stamps
    assert re.search(r"^\s*1:00\.1  cut  ", result.stdout, re.MULTILINE)
    assert "1:25.2" not in result.stdout  # the third listen, after the cut, never happened


def test_a_key_later_than_the_ivr_waits_comes_after_the_timeout():
    record = call("1@12")  # the menu stops waiting at 15.5; 12 s is still inside the wait
    assert summary(record.events)[-5:-3] == [("Listen", 10.5, "main"), ("Press", 12.0, "1")]
    record = call("1@17.5")  # after the timeout at 15.5, half a second into option 1 of the re-prompt
    rows = summary(record.events)
    assert rows[7:] == [
        ("NoInput", 15.5, "main"),
        ("Speak", 15.5, "Sorry?"),
        ("Speak", 16.0, "Main menu."),
        ("Speak", 17.0, "To pay a bill, press 1."),
        ("SpeechCut", 17.5, "main"),
        ("Press", 17.5, "1"),
        ("Arrive", 17.5, "bye"),
        ("Speak", 17.5, "Goodbye."),
        ("HangupEvent", 18.0, "goodbye"),
    ]
    # exactly between two segments nothing is cut: the next one had not started
    assert ("SpeechCut", 17.0, "main") not in summary(call("1@17").events)


# -- type-ahead -----------------------------------------------------------------------------------------------


def test_a_key_during_a_message_is_typed_ahead_and_shown():
    record = call("1@1")
    assert summary(record.events) == [
        ("Arrive", 0.0, "welcome"),
        ("Speak", 0.0, "Thank you for calling us."),
        ("SpeechCut", 1.0, "welcome"),
        ("TypeAhead", 1.0, "1"),
        ("Arrive", 1.0, "main"),
        ("Press", 1.0, "1"),
        ("Arrive", 1.0, "bye"),
        ("Speak", 1.0, "Goodbye."),
        ("HangupEvent", 1.5, "goodbye"),
    ]
    typed = record.events[3]
    assert typed.node == "welcome" and typed.for_node == "main"
    assert record.events[5].typed_ahead and record.events[5].node == "main"
    lines = transcript_lines(record.events)
    assert " 0:01.0  caller  presses 1 (kept for main: type-ahead)" in lines
    assert " 0:01.0  ivr     main takes the typed-ahead 1" in lines


def test_a_message_without_barge_in_ignores_the_key_and_plays_on():
    protected = MENU.replace("next: main}", "next: main, barge_in: false}")
    record = call("1@1", protected)
    rows = summary(record.events)
    assert rows[:4] == [
        ("Arrive", 0.0, "welcome"),
        ("Speak", 0.0, "Thank you for calling us."),
        ("KeyIgnored", 1.0, "1"),
        ("Arrive", 2.5, "main"),
    ]
    assert not any(isinstance(event, (SpeechCut, TypeAhead)) for event in record.events)
    assert ("Listen", 10.5, "main") in rows  # the whole menu was heard


def test_the_cli_shows_a_key_pressed_during_the_welcome_as_type_ahead(ivrkit):
    result = ivrkit("call", NORTHWIND, "--press", "1@1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert " 0:01.0  caller  presses 1 (kept for main: type-ahead)" in lines
    assert " 0:01.0  ivr     main takes the typed-ahead 1" in lines
    assert "How can we help you today?" not in result.stdout  # skipped: the caller had already chosen
    stamps = times(result.stdout)
    assert stamps == sorted(stamps)


# -- transfer numbers are never format strings ------------------------------------------------------------


TRANSFER = """\
ivrkit: 1
name: t
entry: board
nodes:
  board:
    type: menu
    say: Dial an extension.
    announce_options: false
    extensions: {min: 3, max: 3, goto: ext}
    options:
      "0": {label: operator, goto: ext}
  ext: {type: transfer, number: NUMBER}
"""


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ('"{0}"', "{0}"),
        ('"{extension.__class__.__mro__}"', "{extension.__class__.__mro__}"),
        ("'${var.contact_flows_map[\"x\"]}'", '${var.contact_flows_map["x"]}'),
        ('"{{extension}}"', "{{extension}}"),
        ('"+358 {nosuch}"', "+358 {nosuch}"),
    ],
)
def test_a_transfer_number_shows_anything_but_known_variables_as_written(number, shown):
    record = call("0", TRANSFER.replace("NUMBER", number))
    assert isinstance(record.events[-1], TransferEvent) and record.events[-1].number == shown


@pytest.mark.parametrize("number", ['"{extension}"', '"${extension}"', '"${var.extension}"', '"9-{extension}"'])
def test_known_variables_are_substituted_in_every_written_form(number):
    record = call("123", TRANSFER.replace("NUMBER", number))
    assert record.events[-1].number == number.strip('"').replace("${var.extension}", "123").replace(
        "${extension}", "123"
    ).replace("{extension}", "123")


def test_substitute_replaces_values_once_without_evaluating_them():
    assert substitute("{a}-${b}-${var.a}", {"a": "{b}", "b": "x"}) == "{b}-x-{b}"
    assert substitute("{a.__class__}{0}{a!r}{a:>9}", {"a": "1"}) == "{a.__class__}{0}{a!r}{a:>9}"


def test_the_cli_prints_an_imported_connect_number_as_written(tmp_path, ivrkit):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "menu.yaml").write_text(
        "ivrkit: 1\nname: t\nentry: m\nnodes:\n  m: {type: transfer, number: '${var.contact_flows_map[\"x\"]}'}\n"
    )
    (tmp_path / "mro.yaml").write_text(
        "ivrkit: 1\nname: t\nentry: m\nnodes:\n  m: {type: transfer, number: '{extension.__class__.__mro__}'}\n"
    )
    result = ivrkit("call", str(tmp_path / "menu.yaml"))
    assert result.returncode == 0, result.stderr
    assert 'transfer to number ${var.contact_flows_map["x"]} (a person): connected' in result.stdout
    result = ivrkit("call", str(tmp_path / "mro.yaml"))
    assert result.returncode == 0, result.stderr
    assert "transfer to number {extension.__class__.__mro__} (a person)" in result.stdout
    assert "class" not in result.stdout.replace("__class__", "")  # nothing was evaluated
    assert ivrkit("paths", str(tmp_path / "menu.yaml")).returncode == 0


# -- leftover steps are an error ------------------------------------------------------------------------------


def test_steps_after_the_end_of_the_call_raise_naming_the_first_unused_step():
    with pytest.raises(LeftoverStepError) as caught:
        call("1 2 wait")
    error = caught.value
    assert isinstance(error, StepError) and error.index == 2 and error.step.text == "2"
    assert str(error) == (
        "step `2` (character 3) is never used: the call ended at 0:11.0 (call ends (goodbye)) "
        "before it; remove it and the steps after it"
    )
    assert isinstance(error.record.events[-1], HangupEvent)  # the call as it ran
    with pytest.raises(LeftoverStepError) as caught:
        call("hangup 1")
    assert caught.value.index == 7


def test_a_step_that_only_comes_after_the_timeouts_end_the_call_is_left_over():
    with pytest.raises(LeftoverStepError) as caught:
        call("1@600")  # the tries run out long before (no fallback: the call ends)
    assert caught.value.index == 0


def test_the_cli_reports_leftover_steps_with_exit_2(capsys):
    assert main(["call", NORTHWIND, "--press", "0 1 2"]) == 2
    err = capsys.readouterr().err
    assert "step `1` (character 3) is never used: the call ended at 0:29.2" in err
    assert "Traceback" not in err and "internal error" not in err


# -- audio files: never block, never leave the project ------------------------------------------------------


def test_wav_seconds_of_a_fifo_returns_at_once(tmp_path):
    fifo = tmp_path / "hold.wav"
    os.mkfifo(fifo)
    script = (
        f"from pathlib import Path; from ivrkit.engine.durations import wav_seconds; "
        f"print(wav_seconds(Path({str(fifo)!r})))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == "None", result.stderr
    assert wav_seconds(tmp_path / "missing.wav") is None
    assert wav_seconds(tmp_path) is None  # a folder


def test_a_recording_swapped_for_a_fifo_after_loading_does_not_hang_the_call(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "hold.wav").write_bytes(b"not a wav")
    (tmp_path / "menu.yaml").write_text(
        "ivrkit: 1\nname: t\nentry: m\nnodes:\n  m: {type: hangup, say: Goodbye now., audio: hold.wav}\n"
    )
    script = textwrap.dedent(f"""
        import os
        from ivrkit.loader import load
        from ivrkit.engine.drive import run_call
        menuset = load({str(tmp_path / "menu.yaml")!r})
        os.remove({str(tmp_path / "hold.wav")!r}); os.mkfifo({str(tmp_path / "hold.wav")!r})
        record = run_call(menuset, [])
        print(type(record.events[-1]).__name__, round(record.events[-1].at, 1) > 0)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["HangupEvent", "True"], result.stderr  # timed from its words


def test_recordings_outside_the_project_are_not_opened(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("")
    import wave

    with wave.open(str(tmp_path / "outside.wav"), "wb") as audio:  # 10 s of silence, outside the project
        audio.setnchannels(1), audio.setsampwidth(2), audio.setframerate(8000)
        audio.writeframes(b"\0\0" * 80000)
    menuset = load_text(project, "ivrkit: 1\nname: t\nentry: m\nnodes:\n  m: {type: hangup, say: Bye.}\n")
    duration = estimated(menuset)
    from ivrkit.prompts import Segment

    segment = Segment("prompt", "Bye.", "en", menuset.nodes["m"].span, audio="../outside.wav")
    assert duration(segment, 165) < 5  # estimated from the words, not the 10 s file outside
    assert wav_seconds(tmp_path / "outside.wav") == pytest.approx(10.0)


def load_text(folder: Path, text: str):
    (folder / "menu.yaml").write_text(text)
    return load(folder / "menu.yaml")


# -- a --durations manifest is read within ivrkit's JSON limits ---------------------------------------------


def test_a_deeply_nested_manifest_is_a_manifest_error(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text("[" * 5000 + "]" * 5000)
    with pytest.raises(ManifestError) as caught:
        read_manifest(manifest)
    assert str(caught.value).startswith(f"{manifest}:1:")
    os.mkfifo(tmp_path / "pipe.json")
    with pytest.raises(ManifestError):
        read_manifest(tmp_path / "pipe.json")  # refused at once, never waits for a writer


def test_paths_with_a_deeply_nested_manifest_exits_2(tmp_path, ivrkit):
    manifest = tmp_path / "manifest.json"
    manifest.write_text("[" * 5000 + "]" * 5000)
    result = ivrkit("paths", NORTHWIND, "--durations", str(manifest))
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr and str(manifest) in result.stderr


# -- the session API keeps its shape ---------------------------------------------------------------------------


def test_actions_return_what_they_changed_and_events_is_the_whole_truth():
    session = Session(loads(MENU, "menu.yaml"), duration=half_second_per_word)
    planned = session.start()
    assert isinstance(planned[-1], Listen) and planned[-1].at == 10.5
    assert session.plan == planned  # nothing lived yet: all of it is scheduled
    changed = session.press("2", after=5)
    assert [type(event).__name__ for event in changed] == ["SpeechCut", "Press", "Arrive", "Speak", "HangupEvent"]
    whole = session.events
    assert whole[:5] == planned[:5] and whole[5:] == changed  # the unheard part of the plan is gone
    assert not any(isinstance(event, Listen) for event in whole)
    assert session.press("1") == [] and session.hang_up() == []  # the call is over
    assert isinstance(whole[-1], HangupEvent) and not any(isinstance(e, NoInput) for e in whole)
    assert [event.node for event in whole if isinstance(event, Arrive)] == ["welcome", "main", "bye"]


# -- review of the plan: terminators, speech that ends the call, keys after the end -------------------------

ENDINGS = """\
ivrkit: 1
name: t
entry: main
settings: {timeout: 5, retries: 1}
nodes:
  main:
    type: menu
    say: Main menu.
    options:
      "1": {label: talk to us, goto: agent}
      "2": {label: hear news, goto: news}
      "3": {label: enter a code, goto: code}
  agent: {type: transfer, say: Transferring you now., queue: sales, person: true}
  news: {type: message, say: Here is the news., next: bye}
  code:
    type: input
    say: Enter your code.
    digits: {min: 2, max: 2, terminator: "#"}
    confirm: true
    next: bye
  bye: {type: hangup, say: Goodbye.}
"""


def test_a_terminator_after_a_full_entry_ends_it_at_its_own_moment():
    record = call("3@0 12# 1", ENDINGS)
    assert summary(record.events) == [
        ("Arrive", 0.0, "main"),
        ("Press", 0.0, "3"),
        ("Arrive", 0.0, "code"),
        ("Speak", 0.0, "Enter your code."),
        ("Listen", 1.5, "code"),
        ("Press", 1.5, "1"),
        ("Press", 1.7, "2"),
        ("Press", 1.9, "#"),  # the terminator: shown, and the read-back comes after it
        ("Speak", 1.9, "You entered 1 2. If this is correct, press 1. To enter it again, press 2."),
        ("Listen", 9.9, "code"),
        ("Press", 9.9, "1"),
        ("DigitsEntered", 9.9, "code"),
        ("Arrive", 9.9, "bye"),
        ("Speak", 9.9, "Goodbye."),
        ("HangupEvent", 10.4, "goodbye"),
    ]


def test_a_terminator_pressed_into_the_read_back_is_a_key_at_that_moment():
    record = call("3@0 12 #@0.5", ENDINGS)
    assert summary(record.events)[6:11] == [
        ("Press", 1.7, "2"),  # the entry was full: the read-back starts at once
        ("Speak", 1.7, "You entered 1 2. If this is correct, press 1. To enter it again, press 2."),
        ("SpeechCut", 2.2, "code"),
        ("Press", 2.2, "#"),
        ("InvalidKey", 2.2, "code"),  # not 1 or 2: a no-match of the confirmation
    ]


def test_the_cli_account_entry_with_its_hash_goes_forward_in_time(ivrkit):
    result = ivrkit("call", NORTHWIND, "--press", "1 12345678#")
    assert result.returncode == 0, result.stderr
    stamps = times(result.stdout)
    assert stamps == sorted(stamps)
    assert re.search(
        r"^\s*0:29\.0  caller  presses #\n\s*0:29\.0  ivr     You entered 1 2 3 4 5 6 7 8\.",
        result.stdout,
        re.MULTILINE,
    )
    assert "ignored" not in result.stdout


def test_a_hang_up_during_a_message_that_leads_to_the_end_cuts_it():
    record = call("2@0 hangup@0.3", ENDINGS)
    assert summary(record.events) == [
        ("Arrive", 0.0, "main"),
        ("Press", 0.0, "2"),
        ("Arrive", 0.0, "news"),
        ("Speak", 0.0, "Here is the news."),
        ("SpeechCut", 0.3, "news"),
        ("HangupEvent", 0.3, "caller"),
    ]  # the goodbye was never reached
    [cut] = [event for event in record.events if isinstance(event, SpeechCut)]
    assert (cut.heard, cut.sentence_heard, cut.sentence_duration) == pytest.approx((0.3, 0.3, 2.0))


def test_a_key_during_speech_that_ends_the_call_is_shown_ignored_and_the_speech_plays_on():
    assert summary(call("2@0 1@0.3", ENDINGS).events)[3:] == [
        ("Speak", 0.0, "Here is the news."),
        ("KeyIgnored", 0.3, "1"),
        ("Arrive", 2.0, "bye"),
        ("Speak", 2.0, "Goodbye."),
        ("HangupEvent", 2.5, "goodbye"),
    ]
    # `after` counts from the ignored key: 0.3 + 1.9 falls in the goodbye
    assert summary(call("2@0 1@0.3 hangup@1.9", ENDINGS).events)[4:] == [
        ("KeyIgnored", 0.3, "1"),
        ("Arrive", 2.0, "bye"),
        ("Speak", 2.0, "Goodbye."),
        ("SpeechCut", 2.2, "bye"),
        ("HangupEvent", 2.2, "caller"),
    ]


def test_the_cli_accepts_a_hang_up_during_the_last_message(tmp_path, ivrkit):
    menu = tmp_path / "menu.yaml"
    menu.write_text(ENDINGS, encoding="utf-8")
    result = ivrkit("call", str(menu), "--press", "2 hangup@0.3")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^\s*0:08\.7  end     call ends \(caller\)$", result.stdout, re.MULTILINE)
    result = ivrkit("call", str(menu), "--press", "2 1@0.3")
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"^\s*0:08\.7  caller  presses 1 \(ignored: the call is ending, nothing takes keys\)$",
        result.stdout,
        re.MULTILINE,
    )
    assert times(result.stdout) == sorted(times(result.stdout))


def test_the_second_key_of_a_step_during_a_transfer_prompt_is_shown_ignored():
    assert summary(call("12", ENDINGS.replace('      "3"', '      "4"')).events)[-3:] == [
        ("Speak", 11.0, "Transferring you now."),
        ("KeyIgnored", 11.2, "2"),
        ("TransferEvent", 12.5, "agent"),
    ]


def test_keys_of_a_step_after_the_end_of_the_call_are_left_over(ivrkit, tmp_path):
    silent = ENDINGS.replace("agent: {type: transfer, say: Transferring you now., ", "agent: {type: transfer, ")
    with pytest.raises(LeftoverStepError) as caught:
        call("1@0 23", silent)
    assert str(caught.value) == (
        "step `23` (character 5) is never used: the call ended at 0:00.0 (transfer to "
        "queue sales (a person): connected) before it; remove it and the steps after it"
    )
    menu = tmp_path / "menu.yaml"
    menu.write_text(silent, encoding="utf-8")
    result = ivrkit("call", str(menu), "--press", "12")
    assert result.returncode == 2
    assert result.stderr == (
        "ivrkit: error: --press: key `2` of step `12` (character 1) is never used: the call "
        "ended at 0:08.4 (transfer to queue sales (a person): connected) before it was "
        "pressed; remove it and the steps after it\n"
    )

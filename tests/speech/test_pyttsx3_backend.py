"""The pyttsx3 speaker with a fake player: it synthesises a WAV, starts the player, and kills it on barge-in.

A fake `aplay` on PATH logs its pid, the first bytes of the file and its
argv, then "plays" by sleeping; the tests read that log. Synthesis is real
(pyttsx3 with espeak-ng), so these tests need espeak-ng, which CI installs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from ivrkit.speech import Speaker, make_speaker
from ivrkit.speech.null import SilentSpeaker
from ivrkit.speech.pyttsx3_backend import NO_DEVICE, NO_ENGINE, NO_PLAYER, Pyttsx3Speaker

from ..conftest import require_tool
from .conftest import pid_gone

ROOT = Path(__file__).resolve().parents[2]
PROMPT = "Welcome to Northwind Energy. To pay a bill, press 1. To report a power cut, press 2."


@pytest.fixture(autouse=True)
def _espeak():
    require_tool("espeak-ng")  # pyttsx3's Linux driver is the espeak-ng library


class Done:
    """Collects on_done calls with the thread and time they came from."""

    def __init__(self):
        self.calls: list[tuple[bool, float, threading.Thread]] = []
        self.event = threading.Event()

    def __call__(self, completed: bool) -> None:
        self.calls.append((completed, time.monotonic(), threading.current_thread()))
        self.event.set()

    def wait(self, timeout: float = 5.0) -> list[bool]:
        assert self.event.wait(timeout), "on_done was not called"
        return [completed for completed, _, _ in self.calls]


def _wait_until(condition, timeout: float) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError("timed out")
        time.sleep(0.001)
    return time.monotonic() - start


def test_say_synthesises_a_wav_and_starts_the_player_with_it(fake_player):
    with Pyttsx3Speaker() as speaker:
        assert isinstance(speaker, Speaker)
        assert speaker.available and speaker.reason is None
        assert speaker.player[0] == str(fake_player.folder / "aplay")
        speaker.say(PROMPT, "en", rate=165, on_done=Done())
        [(pid, header, argv)] = fake_player.wait_for_calls(1)
        assert argv[0] == "-q" and argv[-1].endswith(".wav")
        assert header == "RIFF"  # the WAV was complete when the player started
        assert speaker.speaking
        assert speaker.last_start_latency is not None and speaker.last_start_latency < 1.0


def test_a_segment_that_plays_to_its_end_reports_completed(fake_player, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_SECONDS", "0.2")
    with Pyttsx3Speaker() as speaker:
        done = Done()
        speaker.say("Thank you for calling.", "en", rate=165, on_done=done)
        assert done.wait() == [True]
        assert not speaker.speaking
        [(pid, _, argv)] = fake_player.calls()
        assert not Path(argv[-1]).exists()  # the temporary WAV is removed after playing


def test_stop_kills_the_player_within_100_ms_and_reports_not_completed(fake_player):
    with Pyttsx3Speaker() as speaker:
        done = Done()
        speaker.say(PROMPT, "en", rate=165, on_done=done)
        [(pid, _, _)] = fake_player.wait_for_calls(1)
        assert not pid_gone(pid)
        stopped = time.monotonic()
        speaker.stop()
        gone_after = _wait_until(lambda: pid_gone(pid), timeout=1.0)
        assert done.wait(1.0) == [False]
        done_after = done.calls[0][1] - stopped
        assert gone_after < 0.1, f"the player lived {gone_after * 1000:.0f} ms after stop()"
        assert done_after < 0.1, f"on_done came {done_after * 1000:.0f} ms after stop()"
        assert done.calls[0][2] is not threading.current_thread()  # never on the caller's thread
        time.sleep(0.05)
        assert [c for c, _, _ in done.calls] == [False]  # exactly once
        assert not speaker.speaking


def test_a_newer_say_stops_the_older_segment(fake_player):
    with Pyttsx3Speaker() as speaker:
        first, second = Done(), Done()
        speaker.say(PROMPT, "en", rate=165, on_done=first)
        [(old, _, _)] = fake_player.wait_for_calls(1)
        speaker.say("Tervetuloa Aurora-pankkiin. Valitse palvelu.", "fi", rate=165, on_done=second)
        assert first.wait(1.0) == [False]
        _wait_until(lambda: pid_gone(old), timeout=0.1)
        calls = fake_player.wait_for_calls(2)
        assert calls[1][1] == "RIFF" and calls[1][2][-1] != calls[0][2][-1]
        assert not pid_gone(calls[1][0])
        assert second.calls == []  # the newer one is still playing
        speaker.stop()
        assert second.wait(1.0) == [False]


def test_stop_during_synthesis_starts_no_player(fake_player):
    with Pyttsx3Speaker() as speaker:
        done = Done()
        speaker.say(PROMPT * 5, "en", rate=165, on_done=done)
        speaker.stop()  # before the ~20 ms of synthesis are over
        assert done.wait(1.0) == [False]
        time.sleep(0.3)
        assert fake_player.calls() == []
        assert [c for c, _, _ in done.calls] == [False]


def test_each_language_gets_its_own_voice(fake_player):
    with Pyttsx3Speaker() as speaker:
        speaker.say("Press one.", "en", rate=165)
        fake_player.wait_for_calls(1)
        speaker.say("Paina yksi.", "fi", rate=165)
        fake_player.wait_for_calls(2)
        speaker.stop()
    from ivrkit.speech.synthesis import Synthesizer

    synthesizer = Synthesizer()  # the same cached engine, used here by this thread only
    assert synthesizer.voice("fi") == "urj/fi"
    assert synthesizer.voice("en") in ("gmw/en", "en")


def test_word_callbacks_follow_the_player_clock(fake_player):
    text = "Welcome to Northwind Energy, your power partner."
    words: list[tuple[int, int, int, float]] = []
    with Pyttsx3Speaker() as speaker:
        speaker.say(
            text, "en", rate=165, on_word=lambda i, start, length: words.append((i, start, length, time.monotonic()))
        )
        fake_player.wait_for_calls(1)
        started = time.monotonic()
        _wait_until(lambda: len(words) >= 3, timeout=5.0)
        spoken = [text[start : start + length] for _, start, length, _ in words]
        assert spoken[:3] == ["Welcome", "to", "Northwind"]
        assert [i for i, *_ in words] == list(range(len(words)))
        assert words[2][3] - started > 0.3  # "Northwind" comes after about half a second of audio, not at once
        speaker.stop()
        count = len(words)
        time.sleep(0.5)
        assert len(words) == count  # no highlights after a barge-in


def test_no_player_is_a_calm_unavailable_mode(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with Pyttsx3Speaker() as speaker:
        assert speaker.available is False
        assert speaker.reason == NO_PLAYER
        done = Done()
        speaker.say(PROMPT, "en", rate=165, on_done=done)
        assert done.wait(1.0) == [True]
        speaker.stop()
    auto = make_speaker("auto")
    assert isinstance(auto, SilentSpeaker) and auto.reason == NO_PLAYER


def test_a_player_that_cannot_open_a_device_means_no_audio_device(fake_player, monkeypatch):
    monkeypatch.setenv("FAKE_PLAYER_FAIL", "1")
    with Pyttsx3Speaker(player="aplay") as speaker:
        assert speaker.available is False
        assert speaker.reason == NO_DEVICE == "no audio device: prompts are shown, not spoken"
        done = Done()
        speaker.say(PROMPT, "en", rate=165, on_done=done)
        assert done.wait(1.0) == [True]
    assert len(fake_player.log.read_text().splitlines()) == 1  # only the 10 ms probe was played


def test_no_speech_engine_is_reported_not_raised(fake_player, monkeypatch):
    import ivrkit.speech.synthesis as synthesis

    class Missing:
        def __init__(self):
            raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    monkeypatch.setattr(synthesis, "Synthesizer", Missing)
    with Pyttsx3Speaker() as speaker:
        assert speaker.available is False
        assert speaker.reason == NO_ENGINE == "speech unavailable: espeak-ng is not installed"
        done = Done()
        speaker.say(PROMPT, "en", rate=165, on_done=done)
        assert done.wait(1.0) == [True]


def test_empty_text_and_calls_after_close_finish_at_once(fake_player):
    speaker = Pyttsx3Speaker()
    done = Done()
    speaker.say("   ", "en", rate=165, on_done=done)
    assert done.wait(1.0) == [True]
    speaker.close()
    speaker.close()
    later = Done()
    speaker.say(PROMPT, "en", rate=165, on_done=later)  # no thread left to call it: nothing, and no error
    speaker.stop()
    assert fake_player.calls() == []


def test_a_failing_callback_neither_stops_speech_nor_prints(fake_player, monkeypatch, capfd):
    monkeypatch.setenv("FAKE_PLAYER_SECONDS", "0.1")

    def broken(completed):
        raise ValueError("a bug in the UI")

    with Pyttsx3Speaker() as speaker:
        speaker.say("One.", "en", rate=165, on_done=broken)
        fake_player.wait_for_calls(1)
        done = Done()
        speaker.say("Two.", "en", rate=165, on_done=done)
        assert done.wait() == [True]
        assert any(isinstance(error, ValueError) for error in speaker.callback_errors)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


CHILD = """
import sys, time, threading
from ivrkit.speech import make_speaker
from ivrkit.speech.pyttsx3_backend import Pyttsx3Speaker

done = []
speaker = make_speaker("pyttsx3")
assert speaker.available, speaker.reason
for text, language in [("Welcome to Northwind Energy. To pay a bill, press 1.", "en"),
                       ("Tervetuloa Aurora-pankkiin. Näppäile asiakasnumerosi ja paina risuaitaa.", "fi"),
                       ("Hello <b>&amp; 112</b> 💡 ~~", "en"), ("Hallå", "sv"), ("x", "xx-unknown")]:
    speaker.say(text, language, rate=165, on_done=done.append, on_word=lambda *a: None)
    time.sleep(0.15)
speaker.say("Short.", "en", rate=165, voice="no-such-voice", on_done=done.append)
time.sleep(0.6)
speaker.stop()
speaker.close()
import os
os.environ["FAKE_PLAYER_FAIL"] = "1"  # from now on the fake player fails like aplay without a sound card
muted = Pyttsx3Speaker(player="aplay")
assert not muted.available
muted.say("Nothing to hear.", "en", rate=165, on_done=done.append)
muted.close()
time.sleep(0.1)
assert len(done) == 7, done
"""


def test_the_backend_writes_nothing_to_the_terminal(fake_player):
    """Must-show of issue 5: a TUI owns stdout and stderr, so the speech backend writes to neither.

    The speaker runs in a child process whose stdout and stderr are captured at
    the file-descriptor level, so pyttsx3's "Audio saved to" prints, anything
    espeak-ng's C code writes, and the player's own complaints (the fake one
    prints an ALSA-like error when FAKE_PLAYER_FAIL is set, for the last
    speaker) would all show up here. The child also says texts with markup,
    emoji, a language without a model and an unknown voice.
    """
    env = {**os.environ, **fake_player.env, "FAKE_PLAYER_SECONDS": "0.3", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD)], env=env, capture_output=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    assert result.stderr == b""
    assert len(fake_player.calls()) >= 4

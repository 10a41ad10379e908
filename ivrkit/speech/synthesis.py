"""Synthesise texts to WAV files with pyttsx3, working around its known traps.

Measured on pyttsx3 2.99 with espeak-ng 1.51 (the early return is upstream
issue nateshmbhat/pyttsx3#219): the engine is not thread-safe and
must be created and used in one thread; `runAndWait()` can return before the
file exists (the reliable signal is the `finished-utterance` callback plus
the file appearing); the espeak driver prints "Audio saved to ..." on stdout;
`setProperty` takes effect at the next `runAndWait`; an unknown voice is an
`error` event, not an exception; and `runAndWait()` with nothing queued says
the last text again. So every job queues its properties and its text
together, runs once, and waits for its own callback and file.

Run as a module it reads jobs as JSON from standard input and writes the
results as JSON, so a caller can keep pyttsx3 out of its own process:

    echo '[{"text": "Hello", "language": "en", "rate": 165, "path": "/tmp/a.wav"}]' |
        python -m ivrkit.speech.synthesis
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
import wave
from dataclasses import asdict, dataclass

__all__ = ["Job", "Result", "Synthesizer", "synthesize", "voice_for"]

_VOICES = {"en": ("gmw/en", "en", "English"), "fi": ("urj/fi", "fi", "Finnish"), "sv": ("gmq/sv", "sv", "Swedish")}


@dataclass
class Job:
    text: str
    language: str
    rate: float
    path: str
    voice: str | None = None


@dataclass
class Result:
    path: str
    seconds: float | None
    error: str | None = None
    words: list[tuple[int, int, int]] | None = None
    """Each spoken word: (0-based start character, length, milliseconds into the audio)."""


def voice_for(engine, language: str, wanted: str | None = None) -> str | None:
    """The id of an installed voice for `language` (or the `wanted` voice when it exists)."""
    voices = engine.getProperty("voices")
    ids = {voice.id for voice in voices}
    if wanted and wanted in ids:
        return wanted
    for candidate in (*([wanted] if wanted else []), *_VOICES.get(language.split("-")[0], (language,))):
        for voice in voices:
            if candidate in (voice.id, voice.name) or candidate in (getattr(voice, "languages", None) or []):
                return voice.id
    return None


def _seconds(path: str) -> float | None:
    try:
        with wave.open(path, "rb") as audio:
            return audio.getnframes() / float(audio.getframerate())
    except (OSError, EOFError, wave.Error):
        return None


class Synthesizer:
    """A long-lived pyttsx3 engine writing one WAV per call; create and use it in one thread only.

    Quiet by construction: the espeak driver's "Audio saved to ..." print is
    silenced in the driver module itself (not by swapping `sys.stdout`, which
    would swallow another thread's output, such as a TUI's), and exceptions in
    the driver's ctypes callback are caught (ctypes would print them on stderr).
    Each word's position in the audio (`audio_position`, which pyttsx3's own
    `started-word` event drops) is kept in `Result.words`.

    With pyttsx3's espeak driver (Linux), each text is handed to the driver
    directly rather than through `runAndWait()`: the `endLoop` that
    `runAndWait()` runs first cancels synthesis while `espeak_IsPlaying()`, so
    when espeak's thread is still winding down the previous text the new one
    is cancelled and no file is written (about 1 call in 150 when texts follow
    each other quickly), and every call also sends a stray
    `finished-utterance(completed=False)`. The file is complete when the
    driver's callback returns from the end-of-message event, which is what
    `synthesize` waits for. Other drivers go through `runAndWait()`.

    Raises `RuntimeError` from the constructor when pyttsx3 or the espeak-ng
    library is missing or does not start.
    """

    def __init__(self):
        try:
            import pyttsx3
            from pyttsx3.drivers import _espeak
            from pyttsx3.drivers import espeak as espeak_driver

            espeak_driver.print = _quiet  # type: ignore[attr-defined]  # shadows the builtin in that module only
            self._engine = pyttsx3.init()
        except Exception as error:  # noqa: BLE001 - ImportError, RuntimeError, OSError, ValueError
            raise RuntimeError(f"{type(error).__name__}: {error}") from error
        self._espeak = _espeak
        self._finished = threading.Event()  # pyttsx3's finished-utterance (the runAndWait path)
        self._written = threading.Event()  # the driver's callback has handled the end of the message
        self._errors: list[str] = []
        self._words: list[tuple[int, int, int]] = []
        self._voices: dict[tuple[str, str | None], str | None] = {}
        self._engine.connect("finished-utterance", lambda name, completed: self._finished.set())
        self._engine.connect("error", lambda name, exception: self._errors.append(str(exception)))
        driver = getattr(getattr(self._engine, "proxy", None), "_driver", None)
        on_synth = getattr(driver, "_onSynth", None)
        self._driver = None
        if on_synth is not None:

            def callback(wav, samples, events):
                ended = False
                try:
                    index = 0
                    while events[index].type != _espeak.EVENT_LIST_TERMINATED:
                        event = events[index]
                        if event.type == _espeak.EVENT_WORD:
                            self._words.append((event.text_position - 1, event.length, event.audio_position))
                        elif event.type == _espeak.EVENT_MSG_TERMINATED:
                            ended = True
                        index += 1
                    return on_synth(wav, samples, events)
                except Exception as error:  # noqa: BLE001 - never let ctypes print a traceback
                    self._errors.append(str(error))
                    ended = True
                    return 0
                finally:
                    if ended:
                        self._written.set()

            _espeak.SetSynthCallback(callback)
            if all(hasattr(driver, name) for name in ("_start_synthesis", "_save_file", "_text_to_say", "setProperty")):
                self._driver = driver

    def voice(self, language: str, wanted: str | None = None) -> str | None:
        key = (language, wanted)
        if key not in self._voices:
            self._voices[key] = voice_for(self._engine, language, wanted)
        return self._voices[key]

    def synthesize(self, job: Job, *, timeout: float = 30.0) -> Result:
        """Write `job.path`; the result has the WAV's length, or an error."""
        if not job.text or not job.text.strip():
            return Result(job.path, None, "nothing to say")
        voice = self.voice(job.language, job.voice)
        if voice is None:
            return Result(job.path, None, f"no voice for language {job.language!r}")
        self._errors.clear()
        self._words.clear()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(job.path)
        if self._driver is None:
            return self._through_run_and_wait(job, voice, timeout)
        driver = self._driver
        self._idle()
        self._written.clear()
        try:
            driver.setProperty("voice", voice)
            driver.setProperty("rate", int(round(job.rate)))
            driver._save_file = job.path
            driver._text_to_say = job.text
            driver._start_synthesis(job.text)
            if not self._written.wait(timeout):
                return Result(job.path, None, self._errors[0] if self._errors else "synthesis timed out")
        except Exception as error:  # noqa: BLE001 - ValueError for a voice espeak-ng refuses, ctypes errors
            return Result(job.path, None, f"{type(error).__name__}: {error}")
        finally:
            driver._save_file = None
            driver._text_to_say = None
        seconds = _seconds(job.path)
        error = self._errors[0] if self._errors else (None if seconds else "the WAV file was not written")
        return Result(job.path, seconds, error, list(self._words))

    def _through_run_and_wait(self, job: Job, voice: str, timeout: float) -> Result:
        self._finished.clear()
        try:
            self._engine.setProperty("voice", voice)
            self._engine.setProperty("rate", int(round(job.rate)))
            self._engine.save_to_file(job.text, job.path)  # queued with the properties: one runAndWait
            self._engine.runAndWait()
        except Exception as error:  # noqa: BLE001
            return Result(job.path, None, f"{type(error).__name__}: {error}")
        result = _await_file(job.path, self._finished, self._errors, timeout)
        result.words = list(self._words)
        return result

    def _idle(self, timeout: float = 0.5) -> None:
        """Wait (briefly) until espeak's synthesis thread has let go of the previous text."""
        deadline = time.monotonic() + timeout
        with contextlib.suppress(Exception):
            while self._espeak.IsPlaying() and time.monotonic() < deadline:
                time.sleep(0.001)


def _quiet(*args, **kwargs) -> None:
    pass


def synthesize(jobs: list[Job], *, timeout: float = 30.0) -> list[Result]:
    """Write each job's WAV in turn; must run in the one thread that uses pyttsx3 in this process."""
    synthesizer = Synthesizer()
    return [synthesizer.synthesize(job, timeout=timeout) for job in jobs]


def _await_file(path: str, finished: threading.Event, errors: list[str], timeout: float) -> Result:
    deadline = time.monotonic() + timeout
    done = finished.wait(timeout)
    # finished-utterance fires after the driver has written and closed the file, so the file is
    # normally complete at once; poll a little longer for a slow disk (and, without the callback,
    # until the deadline: `runAndWait` can return before the file exists).
    settle = min(deadline, time.monotonic() + 1.0) if done else deadline
    seconds = None
    while True:
        seconds = _seconds(path)
        if seconds is not None and seconds > 0:
            return Result(path, seconds, errors[0] if errors else None)
        if time.monotonic() >= settle:
            return Result(path, seconds, errors[0] if errors else "the WAV file did not appear")
        time.sleep(0.005)


def main() -> int:
    jobs = [Job(**item) for item in json.load(sys.stdin)]
    json.dump([asdict(result) for result in synthesize(jobs)], sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

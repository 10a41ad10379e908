"""The real speaker: pyttsx3 (espeak-ng) synthesises each segment to a WAV file, a player process plays it.

Why it is built this way (measured on pyttsx3 2.99 with espeak-ng 1.51 on Linux):
pyttsx3's own `say()` shells out to `aplay` with `os.system`, which cannot be
stopped and whose ALSA errors are painted over a TUI; the engine is not
thread-safe; and the espeak driver prints "Audio saved to ..." on stdout. So:

- one long-lived worker thread creates and owns the engine
  (`synthesis.Synthesizer`, which silences that print inside the driver
  module and catches errors in its ctypes callback) and takes jobs from a
  queue; each `say()` becomes one WAV in a private temporary folder, in the
  voice of the segment's language (en: English, fi: `urj/fi`) at its rate;
- a player process that we start (`aplay -q`, `paplay`, `pw-play` or
  `ffplay -nodisp -autoexit`, whichever exists; standard streams to
  /dev/null; its own session) plays the file; `stop()` kills its process
  group at once, and a newer `say()` stops the older segment first;
- callbacks (`on_done`, `on_word`) run on the speaker's own callback thread,
  never on the caller's thread and never on espeak's, in the order they
  happen, so a UI marshals them with `call_from_thread` or `post_message`;
- availability is decided once at start: no pyttsx3 or espeak-ng, no player,
  or a player that cannot play a 10 ms silent WAV (no sound card) makes
  `available` False with a calm `reason`; such a speaker stays silent and
  reports every segment done at once, like `SilentSpeaker`.

Nothing here raises from `say()`/`stop()`/`close()` or writes to the terminal.

Word timings: espeak-ng reports where each word starts in the audio
(`audio_position`); `say(..., on_word=f)` calls `f(index, start_char, length)`
when the player reaches that word (scheduled from the moment the player
started), so a UI can highlight the word being spoken. espeak-ng skips a few
short words ("the" in "on the line"), so not every word gets a call.
"""

from __future__ import annotations

import atexit
import contextlib
import heapq
import itertools
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import wave
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .base import DoneCallback, WordCallback

__all__ = ["Pyttsx3Speaker", "WordCallback", "PLAYERS", "find_player", "NO_ENGINE", "NO_PLAYER", "NO_DEVICE"]

PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aplay", ("-q",)),
    ("paplay", ()),
    ("pw-play", ()),
    ("ffplay", ("-nodisp", "-autoexit", "-loglevel", "quiet")),
)
"""Players tried in order: (program, arguments before the WAV file)."""

NO_ENGINE = "speech unavailable: espeak-ng is not installed"
NO_PLAYER = "no audio player (aplay, paplay, pw-play or ffplay): prompts are shown, not spoken"
NO_DEVICE = "no audio device: prompts are shown, not spoken"
NOT_STARTED = "speech unavailable: the speech engine did not start"

_SAMPLE_RATE = 22050


def find_player(player: str | Sequence[str] | None = None) -> list[str] | None:
    """The argv prefix of a player (the WAV path is appended), or None when none is installed.

    `player`: None picks the first of `PLAYERS` on PATH; a name picks that
    program (with its usual arguments when it is a known one); a sequence is
    used as it is.
    """
    if player is not None and not isinstance(player, str):
        argv = list(player)
        return argv if argv and shutil.which(argv[0]) else None
    for name, arguments in PLAYERS:
        if player is not None and name != player:
            continue
        path = shutil.which(name)
        if path is not None:
            return [path, *arguments]
    if player is not None and shutil.which(player):
        return [shutil.which(player)]  # type: ignore[list-item]
    return None


@dataclass(eq=False)
class _Job:
    text: str
    language: str
    rate: float
    voice: str | None
    on_done: DoneCallback | None
    on_word: WordCallback | None
    number: int
    said_at: float = field(default_factory=time.monotonic)
    started_at: float | None = None  # when the player process was started
    done: bool = False


class _Callbacks:
    """One thread that runs callbacks in order, each at its due time (now unless told otherwise)."""

    def __init__(self):
        self._heap: list[tuple[float, int, Callable, tuple]] = []
        self._order = itertools.count()
        self._condition = threading.Condition()
        self._closed = False
        self.errors: list[BaseException] = []  # exceptions raised by callbacks: kept, never printed
        self._thread = threading.Thread(target=self._run, name="ivrkit-speech-callbacks", daemon=True)
        self._thread.start()

    def call(self, function: Callable, *args, at: float | None = None) -> None:
        with self._condition:
            if self._closed:
                return
            heapq.heappush(self._heap, (time.monotonic() if at is None else at, next(self._order), function, args))
            self._condition.notify()

    def _run(self) -> None:
        while True:
            with self._condition:
                while True:
                    now = time.monotonic()
                    if self._heap and self._heap[0][0] <= now:
                        _, _, function, args = heapq.heappop(self._heap)
                        break
                    if self._closed:
                        return
                    self._condition.wait(self._heap[0][0] - now if self._heap else None)
            try:
                function(*args)
            except BaseException as error:  # noqa: BLE001 - a UI callback's bug must not kill speech or print
                self.errors.append(error)

    def close(self, timeout: float = 1.0) -> None:
        """Run what is already due, drop what is scheduled later, and end the thread."""
        with self._condition:
            self._closed = True
            now = time.monotonic()
            self._heap = [item for item in self._heap if item[0] <= now]
            heapq.heapify(self._heap)
            self._condition.notify()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)


def _kill(process: subprocess.Popen) -> None:
    """Kill the player and anything it started (it leads its own session)."""
    if process.returncode is None:  # not reaped yet, so its pid (and process group) is still its own
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, OSError):
        process.kill()


def _close_at_exit(reference: weakref.ref[Pyttsx3Speaker]) -> None:
    speaker = reference()
    if speaker is not None:
        with contextlib.suppress(Exception):
            speaker.close()


def _write_silence(path: str, seconds: float = 0.01) -> None:
    with wave.open(path, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(_SAMPLE_RATE)
        audio.writeframes(b"\0\0" * int(_SAMPLE_RATE * seconds))


def _start_player(argv: list[str], path: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*argv, path],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


class Pyttsx3Speaker:
    """Speech through pyttsx3 and a player process; see the module documentation.

    Options: `player` (a program name or an argv prefix; default: the first of
    `PLAYERS` installed), `probe` (play a 10 ms silent WAV at start to find out
    whether there is an audio device; default True), `startup_timeout` and
    `synthesis_timeout` in seconds.

    Measurements for the last segment that reached its player:
    `last_start_latency` (seconds from `say()` to the player process being
    started) and `last_synthesis_seconds`. `last_error` keeps the last thing
    that went wrong while speaking (a synthesis or player failure); such a
    segment is reported done (completed=True) so a call goes on.
    """

    def __init__(
        self,
        *,
        player: str | Sequence[str] | None = None,
        probe: bool = True,
        startup_timeout: float = 10.0,
        synthesis_timeout: float = 10.0,
    ):
        self.available = False
        self.reason: str | None = None
        self.last_error: str | None = None
        self.last_start_latency: float | None = None
        self.last_synthesis_seconds: float | None = None
        self._synthesis_timeout = synthesis_timeout
        self._lock = threading.Lock()
        self._current: _Job | None = None
        self._process: subprocess.Popen | None = None
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._numbers = itertools.count(1)
        self._closed = False
        self._engine_reason: str | None = None
        self._folder = tempfile.mkdtemp(prefix="ivrkit-speech-")
        self._callbacks = _Callbacks()
        atexit.register(_close_at_exit, weakref.ref(self))  # a player must not outlive the program
        self._player = find_player(player)
        ready = threading.Event()
        self._worker = threading.Thread(target=self._run, args=(ready,), name="ivrkit-speech", daemon=True)
        self._worker.start()
        reason = None
        if self._player is None:
            reason = NO_PLAYER
        elif probe:
            reason = self._probe(others=player is None)
        if not ready.wait(startup_timeout):
            self._engine_reason = NOT_STARTED
        self.reason = self._engine_reason or reason
        self.available = self.reason is None

    # -- the protocol -----------------------------------------------------------------------------

    def say(
        self,
        text: str,
        language: str,
        *,
        rate: float,
        voice: str | None = None,
        on_done: DoneCallback | None = None,
        on_word: WordCallback | None = None,
    ) -> None:
        """Start saying `text`, stopping anything still playing; returns at once."""
        job = _Job(text or "", language, rate, voice, on_done, on_word, next(self._numbers))
        with self._lock:
            self._stop_locked()
            if self._closed or not self.available or not job.text.strip():
                self._finish_locked(job, True)
                return
            self._current = job
        self._jobs.put(job)

    def stop(self) -> None:
        """Kill the player now; the segment being said (or still being synthesised) ends with completed=False."""
        with self._lock:
            self._stop_locked()

    def close(self) -> None:
        with self._lock:
            self._stop_locked()
            already, self._closed = self._closed, True
        if already:
            return
        self._jobs.put(None)
        if threading.current_thread() is not self._worker:
            self._worker.join(2.0)
        self._callbacks.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    @property
    def speaking(self) -> bool:
        """True from `say()` until its segment ends or is stopped."""
        with self._lock:
            return self._current is not None

    @property
    def player(self) -> list[str] | None:
        """The player command in use (the WAV path is appended), or None."""
        return list(self._player) if self._player else None

    @property
    def callback_errors(self) -> list[BaseException]:
        """Exceptions raised by `on_done`/`on_word` callbacks (kept for tests and debugging, never printed)."""
        return list(self._callbacks.errors)

    def __enter__(self) -> Pyttsx3Speaker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- inside ------------------------------------------------------------------------------------

    def _stop_locked(self) -> None:
        job, self._current = self._current, None
        if self._process is not None:
            _kill(self._process)
        if job is not None:
            self._finish_locked(job, False)

    def _finish_locked(self, job: _Job, completed: bool) -> None:
        if job.done:
            return
        job.done = True
        if job.on_done is not None:
            self._callbacks.call(job.on_done, completed)

    def _probe(self, others: bool) -> str | None:
        """Play 10 ms of silence with the player (and, with `others`, each other one installed).

        None when one of them can (it becomes the player), else why not.
        """
        path = os.path.join(self._folder, "probe-silence.wav")
        assert self._player is not None
        candidates = [self._player]
        if others:
            for name, arguments in PLAYERS:
                found = shutil.which(name)
                if found and found != self._player[0]:
                    candidates.append([found, *arguments])
        try:
            _write_silence(path)
            for argv in candidates:
                try:
                    process = _start_player(argv, path)
                except OSError:
                    continue
                try:
                    code = process.wait(3.0)
                except subprocess.TimeoutExpired:
                    _kill(process)
                    process.wait()
                    code = 0  # still playing 10 ms after 3 s: slow to open the device, but not failing
                if code == 0:
                    self._player = argv
                    return None
            return NO_DEVICE
        except OSError:
            return NO_DEVICE
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)

    def _run(self, ready: threading.Event) -> None:
        """The worker thread: owns the pyttsx3 engine for the speaker's life."""
        try:
            from .synthesis import Synthesizer

            synthesizer = Synthesizer()
        except BaseException:  # noqa: BLE001 - no pyttsx3, no espeak-ng library, or it failed to start
            self._engine_reason = NO_ENGINE
            ready.set()
            return
        ready.set()
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                self._speak(synthesizer, job)
            except BaseException as error:  # noqa: BLE001 - the worker must outlive any one segment
                self.last_error = f"{type(error).__name__}: {error}"
                with self._lock:
                    if self._current is job:
                        self._current = None
                    self._finish_locked(job, True)

    def _speak(self, synthesizer, job: _Job) -> None:
        from .synthesis import Job

        if job.done:
            return  # stopped or replaced while it waited in the queue
        path = os.path.join(self._folder, f"say-{job.number}.wav")
        began = time.monotonic()
        result = synthesizer.synthesize(
            Job(job.text, job.language, job.rate, path, job.voice), timeout=self._synthesis_timeout
        )
        synthesis_seconds = time.monotonic() - began
        try:
            with self._lock:
                if job.done:
                    return
                if not result.seconds:
                    self.last_error = result.error or "no audio was synthesised"
                    self._current = None
                    self._finish_locked(job, True)
                    return
                try:
                    process = _start_player(self._player, path)  # type: ignore[arg-type]
                except OSError as error:
                    self.last_error = f"the player did not start: {error}"
                    self._current = None
                    self._finish_locked(job, True)
                    return
                self._process = process
                job.started_at = time.monotonic()
                self.last_start_latency = job.started_at - job.said_at
                self.last_synthesis_seconds = synthesis_seconds
                if job.on_word is not None:
                    for index, (start, length, milliseconds) in enumerate(result.words or ()):
                        self._callbacks.call(
                            self._word, job, index, start, length, at=job.started_at + milliseconds / 1000.0
                        )
            code = process.wait()
            with contextlib.suppress(OSError):
                os.unlink(path)  # before on_done: a finished segment leaves no file behind
            with self._lock:
                if self._process is process:
                    self._process = None
                if self._current is job:
                    self._current = None
                if not job.done and code != 0:
                    self.last_error = f"the player exited with status {code}"
                self._finish_locked(job, True)  # a no-op when stop() or a newer say() ended it
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)

    @staticmethod
    def _word(job: _Job, index: int, start: int, length: int) -> None:
        if not job.done and job.on_word is not None:
            job.on_word(index, start, length)

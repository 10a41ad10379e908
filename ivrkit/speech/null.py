"""Speakers that make no sound: `SilentSpeaker` for --mute and machines without audio,
`RecordingSpeaker` for tests (it remembers every call and lets a test finish speech on demand)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from .base import DoneCallback, WordCallback

__all__ = ["SilentSpeaker", "RecordingSpeaker", "Utterance"]


class SilentSpeaker:
    """Says nothing and reports every segment done at once (`completed=True`)."""

    available = False

    def __init__(self, reason: str | None = "muted"):
        self.reason = reason

    def say(
        self,
        text,
        language,
        *,
        rate,
        voice=None,
        on_done: DoneCallback | None = None,
        on_word: WordCallback | None = None,
    ) -> None:
        if on_done is not None:
            on_done(True)

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass
class Utterance:
    text: str
    language: str
    rate: float
    voice: str | None
    stopped: bool = False
    finished: bool = False
    on_done: DoneCallback | None = field(default=None, repr=False)
    on_word: WordCallback | None = field(default=None, repr=False)


class RecordingSpeaker:
    """Records what it is asked to say. Speech lasts until `finish()` (or `stop()`), so tests control time.

    With `auto_finish=True` every segment completes at once, like `SilentSpeaker`.
    """

    available = True
    reason = None

    def __init__(self, *, auto_finish: bool = False):
        self.auto_finish = auto_finish
        self.said: list[Utterance] = []
        self.stops = 0
        self.closed = False
        self._lock = threading.Lock()

    @property
    def current(self) -> Utterance | None:
        with self._lock:
            playing = [u for u in self.said if not u.finished and not u.stopped]
        return playing[-1] if playing else None

    @property
    def texts(self) -> list[str]:
        return [utterance.text for utterance in self.said]

    def say(
        self,
        text,
        language,
        *,
        rate,
        voice=None,
        on_done: DoneCallback | None = None,
        on_word: WordCallback | None = None,
    ) -> None:
        self.stop()
        utterance = Utterance(text, language, rate, voice, on_done=on_done, on_word=on_word)
        with self._lock:
            self.said.append(utterance)
        if self.auto_finish:
            self.finish()

    def finish(self) -> None:
        """The current segment plays to its end."""
        utterance = self.current
        if utterance is not None:
            utterance.finished = True
            if utterance.on_done is not None:
                utterance.on_done(True)

    def word(self, index: int, start_char: int, length: int) -> None:
        """The current segment reaches a word: calls its `on_word` (for testing word highlighting)."""
        utterance = self.current
        if utterance is not None and utterance.on_word is not None:
            utterance.on_word(index, start_char, length)

    def stop(self) -> None:
        utterance = self.current
        self.stops += 1
        if utterance is not None:
            utterance.stopped = True
            if utterance.on_done is not None:
                utterance.on_done(False)

    def close(self) -> None:
        self.stop()
        self.closed = True

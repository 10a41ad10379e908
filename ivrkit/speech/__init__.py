"""Speech output for the simulator: a `Speaker` says segments and can be stopped at once (barge-in).

A leaf of the package: nothing in the core imports it. Backends:

- `pyttsx3` (`ivrkit.speech.pyttsx3_backend`): one worker thread owns the
  pyttsx3 engine and synthesises each segment to a WAV file; a player process
  that we start and can kill plays it. No audio device is a normal mode: the
  speaker then reports `available == False` with a reason, and stays silent.
- `silent` and `recording` (`ivrkit.speech.null`): for tests and `--mute`;
  the recording speaker keeps what it was asked to say and when it was stopped.

Every backend calls `on_done(completed)` from its own thread when a segment
ends (completed False when it was stopped); a UI must marshal that onto its
own thread (Textual: `call_from_thread` / `post_message`).
"""

from __future__ import annotations

from typing import Callable, Protocol, runtime_checkable

__all__ = ["Speaker", "DoneCallback", "make_speaker"]

DoneCallback = Callable[[bool], None]


@runtime_checkable
class Speaker(Protocol):
    """What the simulator needs from speech output."""

    available: bool
    reason: str | None  # why speech is unavailable (no espeak-ng, no audio device), for a calm status line

    def say(self, text: str, language: str, *, rate: float, voice: str | None = None,
            on_done: DoneCallback | None = None) -> None:
        """Start saying `text` now, replacing anything still playing; returns at once."""

    def stop(self) -> None:
        """Stop speech at once (barge-in); the pending `on_done` gets completed=False."""

    def close(self) -> None:
        """Stop and release the backend (threads, player processes)."""


def make_speaker(kind: str = "auto", **options) -> Speaker:
    """`auto` (pyttsx3 when it works, else silent), `pyttsx3`, `silent` or `recording`."""
    if kind in ("silent", "recording"):
        from .null import RecordingSpeaker, SilentSpeaker

        return SilentSpeaker() if kind == "silent" else RecordingSpeaker()
    from .pyttsx3_backend import Pyttsx3Speaker

    speaker = Pyttsx3Speaker(**options)
    if kind == "auto" and not speaker.available:
        from .null import SilentSpeaker

        reason = speaker.reason
        speaker.close()
        return SilentSpeaker(reason=reason)
    return speaker

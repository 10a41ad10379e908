"""Speech output for the simulator: a `Speaker` says segments and can be stopped at once (barge-in).

A leaf of the package: nothing in the core imports it. Backends:

- `pyttsx3` (`ivrkit.speech.pyttsx3_backend`): one worker thread owns the
  pyttsx3 engine and synthesises each segment to a WAV file; a player process
  that we start and can kill plays it. No audio device is a normal mode: the
  speaker then reports `available == False` with a reason, and stays silent.
- `silent` and `recording` (`ivrkit.speech.null`): for tests and `--mute`;
  the recording speaker keeps what it was asked to say and when it was stopped.

Every backend calls `on_done(completed)` exactly once per `say()` when the
segment ends (completed False when it was stopped or replaced); a UI must
marshal that onto its own thread. The pyttsx3 speaker calls from its own
callback thread, never the caller's; the silent and recording speakers call
synchronously, on the thread that called `say()`/`stop()`/`finish()`. Textual's
`post_message` is safe from both (`call_from_thread` is not: it refuses to
run on the app's own thread).

`on_word(index, start_char, length)` (optional) is called as each word
starts to be heard, for highlighting `text[start_char:start_char + length]`;
only the pyttsx3 speaker has word timings (espeak-ng skips a few short
words); the recording speaker fires it when a test calls `word()`.
"""

from __future__ import annotations

from .base import DoneCallback, Speaker, WordCallback

__all__ = ["Speaker", "DoneCallback", "WordCallback", "make_speaker"]


def make_speaker(kind: str = "auto", **options) -> Speaker:
    """`auto` (pyttsx3 when it works, else silent), `pyttsx3`, `silent` or `recording`.

    `options` go to `Pyttsx3Speaker` (`player`, `probe`, `startup_timeout`,
    `synthesis_timeout`). `auto` returns a `SilentSpeaker` whose `reason` says
    why speech is off ("no audio device: prompts are shown, not spoken").
    """
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

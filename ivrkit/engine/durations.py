"""How long each spoken segment lasts in a simulation: estimated speech, or measured recordings.

`estimated(menuset)` uses the timing model (`ivrkit.timing`) for text, and
for a recording the length of its WAV file when the file exists beside the
menu; a recording that is neither there nor transcribed is assumed to last
`UNKNOWN_AUDIO_SECONDS`, a stated guess rather than zero.
"""

from __future__ import annotations

import wave
from functools import lru_cache
from pathlib import Path

from ..model import MenuSet
from ..prompts import Segment
from ..timing import speech_seconds
from .session import Duration

__all__ = ["estimated", "wav_seconds", "UNKNOWN_AUDIO_SECONDS"]

UNKNOWN_AUDIO_SECONDS = 4.0
_spoken = lru_cache(maxsize=65536)(speech_seconds)  # calls and re-prompts repeat the same sentences


def wav_seconds(path: Path) -> float | None:
    """The length of a WAV file, or None when it is missing or not a readable WAV."""
    try:
        with wave.open(str(path), "rb") as audio:
            return audio.getnframes() / float(audio.getframerate())
    except (OSError, EOFError, wave.Error):
        return None


def estimated(menuset: MenuSet) -> Duration:
    """The default duration model of a session over `menuset`."""
    folders = {Path(menu_file.path).parent for menu_file in menuset.files.values()}

    @lru_cache(maxsize=4096)
    def recording(name: str) -> float | None:
        for folder in folders:
            seconds = wav_seconds(folder / name)
            if seconds is not None:
                return seconds
        return None

    def duration(segment: Segment, rate: float) -> float:
        if segment.audio is not None:
            measured = recording(segment.audio)
            if measured is not None:
                return measured
        if segment.text is None:
            return UNKNOWN_AUDIO_SECONDS
        return _spoken(segment.text, segment.language, rate)

    return duration

"""How long each spoken segment lasts in a simulation: estimated speech, or measured recordings.

`Duration` is the shape of a duration model (segment, speaking rate -> seconds);
a `Session` takes one and defaults to `estimated`.

`estimated(menuset)` uses the timing model (`ivrkit.timing`) for text, and
for a recording the length of its WAV file when the file exists beside the
menu; a recording that is neither there nor transcribed is assumed to last
`UNKNOWN_AUDIO_SECONDS`, a stated guess rather than zero.

Only regular files inside the project root are read, opened without
blocking: an `audio:` naming a FIFO, a device or a file outside the project
is treated as a recording that is not there.
"""

from __future__ import annotations

import os
import stat
import wave
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..analysis.shared import per_menuset
from ..model import MenuSet
from ..prompts import Segment
from ..timing import speech_seconds

__all__ = ["Duration", "estimated", "wav_seconds", "UNKNOWN_AUDIO_SECONDS"]

Duration = Callable[[Segment, float], float]
"""Seconds a segment takes to play at a speaking rate (words per minute); see `estimated`.

A function of its arguments: sessions over one menu set remember what it said for each prompt
(`ivrkit.engine.tables`), so it is asked once per node and language."""

UNKNOWN_AUDIO_SECONDS = 4.0


def wav_seconds(path: Path) -> float | None:
    """The length of a WAV file, or None when it is missing, not a regular file or not a readable WAV."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        # O_NONBLOCK: a FIFO swapped in after the check must not stall the simulation.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            return None
        with os.fdopen(descriptor, "rb") as file, wave.open(file, "rb") as audio:
            rate = audio.getframerate()
            return audio.getnframes() / float(rate) if rate > 0 else None
    except (OSError, EOFError, ValueError, wave.Error):
        return None


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, ValueError, RuntimeError):
        return False


def estimated(menuset: MenuSet) -> Duration:
    """The default duration model of a session over `menuset`: one per menu set, shared by its sessions
    (a recording's length is read once)."""
    return per_menuset(menuset, "engine.estimated", _estimated)


def _estimated(menuset: MenuSet) -> Duration:
    folders = {Path(menu_file.path).parent for menu_file in menuset.files.values()}
    try:
        root = Path(menuset.project_root).resolve()
    except (OSError, ValueError, RuntimeError):
        root = None

    @lru_cache(maxsize=4096)
    def recording(name: str) -> float | None:
        for folder in folders:
            path = folder / name
            if root is None or not _inside(path, root):
                continue
            seconds = wav_seconds(path)
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
        return speech_seconds(segment.text, segment.language, rate)  # remembered there (an lru cache)

    return duration

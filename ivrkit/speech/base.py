"""The types every speech backend shares: the `Speaker` protocol and its callbacks (see `ivrkit.speech`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

__all__ = ["Speaker", "DoneCallback", "WordCallback"]

DoneCallback = Callable[[bool], None]
WordCallback = Callable[[int, int, int], None]


@runtime_checkable
class Speaker(Protocol):
    """What the simulator needs from speech output."""

    available: bool
    reason: str | None  # why speech is unavailable (no espeak-ng, no audio device), for a calm status line

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
        """Start saying `text` now, replacing anything still playing; returns at once."""

    def stop(self) -> None:
        """Stop speech at once (barge-in); the pending `on_done` gets completed=False."""

    def close(self) -> None:
        """Stop and release the backend (threads, player processes)."""

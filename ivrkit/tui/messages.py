"""Messages between the speaker thread, the load worker and the call screen (dataclasses, as in toolong)."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

__all__ = ["SpeechDone", "WordSpoken", "MenuLoaded", "Linted", "Predicted", "KeyPressed"]


@dataclass
class SpeechDone(Message):
    """The speaker finished segment `token` (`completed` False when it was stopped). Posted from any thread."""

    token: int
    completed: bool


@dataclass
class WordSpoken(Message):
    """Segment `token` reached the word `text[start:start + length]` (posted from the speaker's thread)."""

    token: int
    start: int
    length: int


@dataclass
class MenuLoaded(Message):
    """A load (or reload) finished: a menu set, or the load errors as text lines."""

    menuset: object | None
    errors: list[str] = field(default_factory=list)
    watched: dict = field(default_factory=dict)  # path -> mtime_ns taken before loading


@dataclass
class Linted(Message):
    """The lint findings of `menuset` (linted after the call has started, so the first prompt is not kept waiting)."""

    menuset: object
    findings: list
    note: str | None = None  # why there are no findings, when lint could not run


@dataclass
class Predicted(Message):
    """The caller goals of `menuset` and their predictions (`ivrkit.tui.goals.GoalsView`), computed off the UI thread."""

    menuset: object
    view: object


@dataclass
class KeyPressed(Message):
    """A keypad button was clicked."""

    key: str

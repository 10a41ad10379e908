"""`IvrApp`: the thin Textual app of `ivrkit sim`. It owns the speaker and the options; the call screen does the rest."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding

from .screens.call import CallScreen
from .screens.help import HelpScreen

__all__ = ["IvrApp", "SimOptions"]


@dataclass
class SimOptions:
    """What `ivrkit sim` was asked for."""

    path: str
    at: _dt.datetime | None = None
    language: str | None = None
    speed: float = 1.0  # real time runs this many times faster (timeouts, silent speech, pauses)
    rate: float | None = None  # words per minute for the speaker (default: the node's `rate`)
    voice: str | None = None
    root: str | None = None
    poll_interval: float = 0.5  # seconds between checks for edits of the menu files
    timeouts: bool = True  # False: no-input timeouts only when `CallScreen.time_out()` is called (tests)


class IvrApp(App):
    CSS_PATH = "ivrkit.tcss"
    TITLE = "ivrkit sim"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(self, options: SimOptions, speaker=None):
        super().__init__()
        if speaker is None:
            from ..speech.null import SilentSpeaker

            speaker = SilentSpeaker()
        self.options = options
        self.speaker = speaker

    def get_default_screen(self) -> CallScreen:
        return CallScreen(self.options, self.speaker)

    @property
    def call(self) -> CallScreen:
        """The call screen (also while a dialog is open)."""
        return self.screen_stack[0]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        try:
            self.speaker.close()
        except Exception:  # noqa: BLE001 - closing must not spoil the exit
            pass

"""A phone keypad: twelve buttons (1-9, *, 0, #) that post `KeyPressed`; keyboard keys are app bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Button

from ..messages import KeyPressed

__all__ = ["Keypad", "KEYS", "button_id"]

KEYS = "123456789*0#"
_NAMES = {"*": "star", "#": "hash"}


def button_id(key: str) -> str:
    return f"key-{_NAMES.get(key, key)}"


class Keypad(Grid):
    """Buttons never take focus, so typing goes to the screen's bindings, not to a button."""

    DEFAULT_CSS = """
    Keypad { grid-size: 3 4; grid-gutter: 1 2; width: 25; height: 7; }
    Keypad Button { width: 7; min-width: 7; }
    Keypad Button.-flash { background: $accent; color: $text; }
    """

    def compose(self) -> ComposeResult:
        for key in KEYS:
            button = Button(key, id=button_id(key), compact=True)
            button.can_focus = False
            yield button

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(KeyPressed(str(event.button.label)))

    def flash(self, key: str) -> None:
        """Light the button of `key` briefly, for keys typed on the keyboard."""
        button = self.query_one(f"#{button_id(key)}", Button)
        button.add_class("-flash")
        self.set_timer(0.15, lambda: button.remove_class("-flash"))

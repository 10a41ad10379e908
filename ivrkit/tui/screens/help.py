"""The keys, on `?`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen", "HELP_TEXT"]

HELP_TEXT = """\
[b]Keys[/b]

  [b]0-9 * #[/b]   press a key on the phone (or click the keypad)
               during a prompt: barge in (stops the speech)
  [b]h[/b]         hang up
  [b]r[/b]         restart the call
  [b]s[/b]         save the call so far to <menu>.calls.yaml
  [b]g[/b]         show or hide the caller goals of this menu: the key
               each caller would press here and P(success), as
               `ivrkit predict` says (from <menu>.goals.yaml)
  [b]?[/b]         this help
  [b]q[/b]         quit

Silence is a key too: wait, and the timeout plays the
no-input handler. The menu is reloaded when its file changes.

[dim]escape or ? closes this window[/dim]"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 72; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(HELP_TEXT)

"""The status line: node, simulated call time, attempts left, and the speech state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...engine.transcript import clock

__all__ = ["StatusLine"]


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def show(self, *, node: str | None, at: float, attempts_left: int | None, state: str, speech: str) -> None:
        text = Text()
        text.append("node ", style="dim")
        text.append(node or "-", style="bold")
        text.append("  time ", style="dim")
        text.append(clock(at))
        if attempts_left is not None:
            text.append("  attempts left ", style="dim")
            text.append(str(attempts_left))
        text.append(f"  {state}", style="italic")
        text.append("  speech: ", style="dim")
        text.append(speech)
        if text != getattr(self, "_shown", None):
            self._shown = text
            self.update(text, layout=False)  # one line, whatever it says: no layout to redo

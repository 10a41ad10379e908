"""Lint findings for the node the caller is at."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

__all__ = ["FindingsPanel"]

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class FindingsPanel(Static):
    DEFAULT_CSS = """
    FindingsPanel { height: auto; padding: 0 1; }
    """

    def show(self, node: str | None, findings: list, note: str | None = None) -> None:
        text = Text()
        here = [f for f in findings if node is not None and f.node == node and not f.suppressed]
        if note:
            text.append(note + "\n", style="dim italic")
        if not here and not note:
            text.append(f"No lint findings for {node or '-'}.", style="dim")
        for index, finding in enumerate(here):
            if index:
                text.append("\n")
            level = str(finding.level)
            text.append(f"{level:<7} ", style=_STYLE.get(level, ""))
            text.append(f"{finding.code} {finding.name} ", style="bold")
            text.append(f"line {finding.span.line}: {finding.message}")
        if text != getattr(self, "_shown", None):  # most moves show the same findings (often none) again
            self._shown = text
            self.update(text)

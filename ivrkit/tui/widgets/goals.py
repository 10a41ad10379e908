"""The goals panel: the current menu's caller goals, the key each caller would press here, and P(success)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...rules.gl001_goal_success import below_threshold
from ..goals import GoalsView

__all__ = ["GoalsPanel", "goals_text"]


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"  # as `ivrkit predict` prints it


def goals_text(view: GoalsView | None, node: str | None) -> Text:
    """What the panel says at `node`: per goal, its words, then the likely key here with its share and the goal's
    predicted success (in red below GL001's threshold, as the lint finds it), and the designed route's key where the
    likely one differs; or why there is none."""
    text = Text()
    if view is None:
        text.append("predicting…", style="dim italic")
        return text
    if view.problem:
        text.append(view.problem, style="red")
        return text
    if node is None:
        text.append("The caller has not reached a menu yet.", style="dim")
        return text
    rows, passing = view.rows(node)
    if not rows:
        text.append(f"No goal's route passes {node}.", style="dim")
        return text
    if not passing:
        text.append("No goal's route passes here; every goal:\n", style="dim italic")
    for index, row in enumerate(rows):
        if index:
            text.append("\n")
        text.append(row.say, style="bold")
        style = "red" if row.agrees is False else ("green" if row.agrees else "")
        text.append(f"\n  {row.key} {_percent(row.key_share)}", style=style)
        text.append(" · success ")
        low = below_threshold(row.p_success, view.threshold)  # as GL001 compares: the figure as printed
        text.append(_percent(row.p_success), style="bold red" if low else "")
        if row.agrees is False:
            text.append(f" · route: {row.designed}", style="dim")
    return text


class GoalsPanel(Static):
    DEFAULT_CSS = """
    GoalsPanel { height: auto; padding: 0 1; }
    """

    def show(self, view: GoalsView | None, node: str | None) -> None:
        text = goals_text(view, node)
        if text != getattr(self, "_shown", None):
            self._shown = text
            self.update(text)

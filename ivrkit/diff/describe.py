"""Words and figures shared by the text and Markdown reports of a diff."""

from __future__ import annotations

from .result import DestinationChange, GoalChange, OptionChange

__all__ = [
    "seconds",
    "change_seconds",
    "keys",
    "percent",
    "points",
    "wording",
    "option_where",
    "option_detail",
    "headline",
]


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def change_seconds(place: DestinationChange) -> str:
    if place.seconds_before is None or place.seconds_after is None:
        return place.status
    return f"{round(place.seconds_after, 1) - round(place.seconds_before, 1):+.1f} s"  # as the two columns read


def keys(place: DestinationChange) -> str:
    """The keys of the fastest route: once when the same, else before → after."""
    if place.keys_before == place.keys_after:
        return place.keys_before or "—"
    return f"{place.keys_before or '—'} → {place.keys_after or '—'}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def points(goal: GoalChange) -> str:
    change = goal.success_change
    return "—" if change is None else f"{change * 100:+.0f} pts"


def wording(words: dict[str, str] | None) -> str:
    if not words:
        return "(no label)"
    return " / ".join(f'"{text}"' for text in words.values())


def option_where(menu: str | None, key: str | None) -> str:
    return f"{menu} {key}" if menu is not None else "—"


def option_detail(option: OptionChange) -> str:
    """What changed, in a phrase: the wording, place or target before and after."""
    before = option_where(option.menu_before, option.key_before)
    after = option_where(option.menu_after, option.key_after)
    kind = option.kind
    if kind == "added":
        return f"{after} {wording(option.wording_after)} → {option.target_after}"
    if kind == "removed":
        return f"{before} {wording(option.wording_before)} (led to {option.target_before})"
    if kind == "reworded":
        return f"{after}: {wording(option.wording_before)} → {wording(option.wording_after)}"
    if kind == "rerouted":
        return f"{after} {wording(option.wording_after)}: {option.target_before} → {option.target_after}"
    if kind == "replaced":
        return (
            f"{after}: {wording(option.wording_before)} ({option.target_before}) → "
            f"{wording(option.wording_after)} ({option.target_after})"
        )
    if kind == "reordered":
        return (
            f"{after} {wording(option.wording_after)}: heard "
            f"{_ordinal(option.position_before)} → {_ordinal(option.position_after)}"
        )
    moved = f"{before} → {after} {wording(option.wording_before)}"
    return moved + (f", now {wording(option.wording_after)}" if option.reworded else "")


def _ordinal(position: int | None) -> str:
    if position is None:
        return "—"
    number = position + 1
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def refigured_line(count: int) -> list[str]:
    """The line that stands for the findings whose messages only changed their figures."""
    noun = "finding is" if count == 1 else "findings are"
    return [f"{count} {noun} the same with other figures (a prompt's seconds, a count); --json lists them."]


def headline(diff) -> str:
    """One sentence: how many destinations got slower or faster, goals that moved, options, new findings."""
    if diff.empty:
        return "No change a caller would notice."
    counts: dict[str, int] = {}
    for place in diff.changed_destinations:
        counts[place.status] = counts.get(place.status, 0) + 1
    parts = []
    for status in ("now unreachable", "removed", "slower", "now reachable", "added", "faster"):
        count = counts.get(status)
        if count:
            noun = "destination" if count == 1 else "destinations"
            parts.append(f"{count} {noun} {status}")
    slower = [place for place in diff.changed_destinations if place.status == "slower"]
    if slower:
        worst = max(slower, key=lambda place: (place.change or 0.0, place.node))
        parts[[i for i, part in enumerate(parts) if part.endswith("slower")][0]] += (
            f" (most: {worst.node} {change_seconds(worst)})"
        )
    if diff.success_rate_before is not None and diff.success_rate_after is not None:
        parts.append(f"goal success {percent(diff.success_rate_before)} → {percent(diff.success_rate_after)}")
    if diff.options:
        parts.append(f"{len(diff.options)} option {'change' if len(diff.options) == 1 else 'changes'}")
    new = sum(1 for finding in diff.findings if finding.status == "new")
    fixed = sum(1 for finding in diff.findings if finding.status == "fixed")
    if new:
        parts.append(f"{new} new {'finding' if new == 1 else 'findings'}")
    if fixed:
        parts.append(f"{fixed} fixed")
    return "; ".join(parts) + "."

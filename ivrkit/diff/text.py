"""The text report of `ivrkit diff`: a human summary, the biggest changes first.

Every line is spelled out as `ivrkit lint` prints a finding (`diagnostics.one_line`): a goal's words, a label,
a finding's message or a file name with an escape sequence or a line break cannot reach the terminal raw.
"""

from __future__ import annotations

from ..diagnostics import one_line
from .describe import change_seconds, headline, keys, option_detail, percent, points, refigured_line, seconds
from .result import MenuDiff

__all__ = ["render", "MAX_LISTED"]

MAX_LISTED = 20  # findings of each kind listed; the rest are counted


def render(diff: MenuDiff) -> str:
    lines = [f"{diff.old} → {diff.new} (simulated {_moment(diff.at)})"]
    if diff.goals_file:
        lines.append(f"Goals: {diff.goals_file} ({diff.goals_source})")
    lines.append(headline(diff))
    changed = diff.changed_destinations
    if changed:
        lines += ["", "Destinations (first-time seconds on the fastest route, as `ivrkit paths`):"]
        width = max(len(place.node) for place in changed)
        for place in changed:
            route = f"keys {keys(place)}"
            renamed = f" (was {place.node_before})" if place.renamed else ""
            lines.append(
                f"  {place.status:<15} {place.node:<{width}}  {seconds(place.seconds_before):>8} → "
                f"{seconds(place.seconds_after):<8} {change_seconds(place):>9}   {route}{renamed}"
            )
        same = len(diff.destinations) - len(changed)
        if same:
            lines.append(f"  ({same} other {'destination' if same == 1 else 'destinations'} unchanged)")
    if diff.expected_seconds_before is not None or diff.expected_seconds_after is not None:
        if diff.expected_seconds_before != diff.expected_seconds_after:
            lines.append(
                f"  Share-weighted expected time to a destination: {seconds(diff.expected_seconds_before)} → "
                f"{seconds(diff.expected_seconds_after)}"
            )
    moved_goals = diff.changed_goals
    if moved_goals:
        lines += ["", "Goals (predicted first-time callers, `ivrkit predict`):"]
        for goal in moved_goals:
            lines.append(
                f"  success {percent(goal.p_success_before):>4} → {percent(goal.p_success_after):<4} "
                f'{points(goal):>8}  "{goal.say}" → {", ".join(goal.reaches)}; expected '
                f"{seconds(goal.expected_seconds_before)} → {seconds(goal.expected_seconds_after)}; first key "
                f"{goal.first_key_before or '—'} → {goal.first_key_after or '—'}"
                + (f" ({goal.note})" if goal.note else "")
            )
        if diff.success_rate_before is not None:
            lines.append(
                f"  Share-weighted success: {percent(diff.success_rate_before)} → {percent(diff.success_rate_after)}"
                + (
                    f"; expected {seconds(diff.goal_seconds_before)} → {seconds(diff.goal_seconds_after)}"
                    if diff.goal_seconds_before is not None
                    else ""
                )
            )
    if diff.options:
        lines += ["", "Options:"]
        lines += [f"  {option.kind:<9} {option_detail(option)}" for option in diff.options]
    listed = [finding for finding in diff.findings if finding.status != "changed"]
    if listed:
        lines += ["", "Findings:"]
        for status in ("new", "fixed"):
            some = [finding for finding in listed if finding.status == status]
            lines += [
                f"  {finding.status:<5} {finding.path}:{finding.line}:{finding.col}: {finding.level} {finding.code} "
                f"{finding.message}"
                for finding in some[:MAX_LISTED]
            ]
            if len(some) > MAX_LISTED:
                lines.append(f"  ... and {len(some) - MAX_LISTED} more {status} (--json lists them all)")
    refigured = len(diff.findings) - len(listed)
    if refigured:
        lines += ["", *refigured_line(refigured)]
    if diff.notes:
        lines += ["", *[f"note: {note}" for note in diff.notes]]
    return "\n".join(one_line(line) for line in lines) + "\n"


def _moment(at: str) -> str:
    import datetime as _dt

    return _dt.datetime.strptime(at, "%Y-%m-%d %H:%M").strftime("%a %Y-%m-%d %H:%M")

"""The `--format github` report of `ivrkit diff`: a Markdown pull-request comment.

A short headline, then tables: destinations that got slower, faster, or
changed reachability; goals whose predicted success moved; options changed;
new findings (fixed ones folded away). Cells are escaped so that a label
with a `|` or a backtick cannot break a table. Deterministic: the same diff
gives the same bytes, so a bot can update its comment only when it changes.
"""

from __future__ import annotations

from ..diagnostics import one_line
from .describe import change_seconds, headline, keys, option_detail, percent, points, refigured_line, seconds
from .result import MenuDiff

__all__ = ["render", "MARKER", "MAX_ROWS"]

MARKER = "<!-- ivrkit-diff -->"  # lets a CI job find and update its own comment
MAX_ROWS = 50  # rows of each table: a comment must stay well under GitHub's 65,536 characters


def render(diff: MenuDiff) -> str:
    lines = [MARKER, f"### ivrkit diff: `{_code(diff.new)}`", "", headline(diff)]
    slower = [p for p in diff.changed_destinations if p.status in ("slower", "now unreachable", "removed")]
    faster = [p for p in diff.changed_destinations if p.status in ("faster", "now reachable", "added")]
    for title, places in (("Slower or lost", slower), ("Faster or new", faster)):
        if not places:
            continue
        lines += [
            "",
            f"#### {title}",
            "",
            "| destination | before | after | change | keys |",
            "|---|---:|---:|---:|---|",
        ]
        for place in places[:MAX_ROWS]:
            renamed = f" (was `{_code(place.node_before or '')}`)" if place.renamed else ""
            lines.append(
                f"| `{_code(place.node)}`{renamed} | {seconds(place.seconds_before)} | {seconds(place.seconds_after)} "
                f"| {_cell(change_seconds(place))} | {_cell(keys(place))} |"
            )
        lines += _more(places)
    goals = diff.changed_goals
    if goals:
        lines += [
            "",
            "#### Goals",
            "",
            "| goal | reaches | success before | after | change | expected s | first key |",
            "|---|---|---:|---:|---:|---|---|",
        ]
        for goal in goals[:MAX_ROWS]:
            lines.append(
                f"| {_cell(goal.say)} | {_cell(', '.join(goal.reaches))} | {percent(goal.p_success_before)} | "
                f"{percent(goal.p_success_after)} | {points(goal)} | {seconds(goal.expected_seconds_before)} → "
                f"{seconds(goal.expected_seconds_after)} | {_cell(_first_keys(goal))} |"
            )
        lines += _more(goals)
        if diff.success_rate_before is not None:
            lines += [
                "",
                f"Share-weighted success: {percent(diff.success_rate_before)} → {percent(diff.success_rate_after)}"
                + (
                    f"; expected {seconds(diff.goal_seconds_before)} → {seconds(diff.goal_seconds_after)}"
                    if diff.goal_seconds_before is not None
                    else ""
                ),
            ]
    if diff.options:
        lines += ["", "#### Options changed", "", "| change | option |", "|---|---|"]
        lines += [f"| {option.kind} | {_cell(option_detail(option))} |" for option in diff.options[:MAX_ROWS]]
        lines += _more(diff.options)
    new = [finding for finding in diff.findings if finding.status == "new"]
    fixed = [finding for finding in diff.findings if finding.status == "fixed"]
    if new:
        lines += ["", "#### New findings", "", "| rule | level | where | message |", "|---|---|---|---|"]
        lines += [
            f"| {f.code} | {f.level} | `{_code(f'{f.path}:{f.line}:{f.col}')}` | {_cell(f.message)} |"
            for f in new[:MAX_ROWS]
        ]
        lines += _more(new)
    if fixed:
        lines += [
            "",
            f"<details><summary>{len(fixed)} fixed {'finding' if len(fixed) == 1 else 'findings'}</summary>",
            "",
            "| rule | level | message |",
            "|---|---|---|",
        ]
        lines += [f"| {f.code} | {f.level} | {_cell(f.message)} |" for f in fixed[:MAX_ROWS]]
        lines += _more(fixed)
        lines += ["", "</details>"]
    refigured = sum(1 for finding in diff.findings if finding.status == "changed")
    if refigured:
        lines += ["", *refigured_line(refigured)]
    if diff.notes:
        lines += ["", *[f"> {_cell(note)}" for note in diff.notes]]
    lines += [
        "",
        f"<sub>`{_code(diff.old)}` → `{_code(diff.new)}`, simulated {diff.at}"
        + (f"; goals: `{_code(diff.goals_file)}` ({diff.goals_source})" if diff.goals_file else "")
        + ".</sub>",
    ]
    return "\n".join(lines) + "\n"


def _first_keys(goal) -> str:
    before, after = goal.first_key_before or "—", goal.first_key_after or "—"
    return before if before == after else f"{before} → {after}"


def _more(rows) -> list[str]:
    """The line under a table cut at MAX_ROWS rows."""
    if len(rows) <= MAX_ROWS:
        return []
    return ["", f"… and {len(rows) - MAX_ROWS} more (`ivrkit diff --json` lists them all)."]


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: one line (control characters spelled out), pipes and HTML escaped."""
    text = one_line(" ".join(text.split()))
    for plain, escaped in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("`", "\\`")):
        text = text.replace(plain, escaped)
    return text


def _code(text: str) -> str:
    """Text inside a `code span`: one line (control characters spelled out), without backticks or pipes (which
    would end it or a table cell)."""
    return one_line(" ".join(text.split())).replace("`", "'").replace("|", "¦")

"""Caller goals on both versions: `ivrkit.predict.predict` run on each, goal by goal.

The goals file names nodes as one version does (the new one, or the old
one when the file was found beside OLD); its `reaches` are carried to the
other version through the node match (renamed nodes followed). A goal none
of whose nodes exists in a version gets no prediction there (None, with a
note), and the other goals are predicted without it. The success rates
before and after are share-weighted over the goals both versions can serve,
with the weights of the whole file, so the two figures are comparable.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from ..model import MenuSet
from .nodes import NodeMatch
from .result import GoalChange

__all__ = ["goal_changes", "goal_nodes", "version_goals"]


def goal_nodes(goal, old: MenuSet, new: MenuSet, match: NodeMatch, *, from_old: bool, to_old: bool) -> tuple[str, ...]:
    """The nodes of one version (OLD when `to_old`) that serve `goal`, whose `reaches` name them as the goals
    file does: as OLD does when `from_old`, else as NEW does (renamed nodes followed)."""
    home, version = (old if from_old else new), (old if to_old else new)

    def carried(key: str) -> str | None:
        if from_old == to_old or key not in home.nodes:
            return key  # a node only the other version has is named as that version names it
        return match.new_key(key) if from_old else match.old_key(key)

    return tuple(node for node in map(carried, goal.reaches) if node and node in version.nodes)


def _serving(goal, old: MenuSet, new: MenuSet, match: NodeMatch, *, from_old: bool, to_old: bool):
    """`goal` as one version (OLD when `to_old`) can serve it (its `reaches` carried there), else why not."""
    version, name = (old, "OLD") if to_old else (new, "NEW")
    reaches = goal_nodes(goal, old, new, match, from_old=from_old, to_old=to_old)
    if not reaches:
        return None, f"{', '.join(goal.reaches)} is not in {name}"
    if goal.language not in version.root.languages:
        return None, f"{name} does not speak `{goal.language}`"
    return replace(goal, reaches=reaches), None


def version_goals(goals, old: MenuSet, new: MenuSet, match: NodeMatch, *, from_old: bool, to_old: bool):
    """The goal set as one version (OLD when `to_old`) can serve it: the goals it can serve, their `reaches`
    carried there; what the diff predicts on that version, and what GL001 judges in its findings."""
    carried = (_serving(goal, old, new, match, from_old=from_old, to_old=to_old)[0] for goal in goals.goals)
    return replace(goals, goals=tuple(goal for goal in carried if goal is not None))


def goal_changes(
    old: MenuSet,
    new: MenuSet,
    match: NodeMatch,
    goals,
    *,
    from_old: bool,
    at: _dt.datetime,
    variables: dict[str, str],
    language: str | None = None,
) -> tuple[list[GoalChange], tuple[float | None, ...], list[str]]:
    """(one change per goal, most success lost first; the share-weighted success rates and expected seconds
    before and after, as (success before, success after, seconds before, seconds after); notes)."""
    from ..predict.predict import predict

    versions = []
    notes: list[str] = []
    reasons: dict[int, list[str]] = {}  # goal index -> why a version has no figure for it
    for menuset, is_old in ((old, True), (new, False)):
        served = {}
        for goal in goals.goals:
            carried, reason = _serving(goal, old, new, match, from_old=from_old, to_old=is_old)
            if carried is not None:
                served[goal.index] = carried
                continue
            reasons.setdefault(goal.index, []).append(reason)
            notes.append(
                f'goal {goal.index + 1} ("{goal.say}"): {reason}: no prediction {"before" if is_old else "after"}'
            )
        figures = {}
        if served:
            prediction = predict(
                menuset, replace(goals, goals=tuple(served.values())), at=at, variables=variables, language=language
            )
            figures = {served_goal.goal.index: served_goal for served_goal in prediction.goals}
        versions.append(figures)
    before, after = versions
    weights = goals.weights()
    changes = [
        _change(goal, weight, before.get(goal.index), after.get(goal.index), reasons.get(goal.index))
        for goal, weight in zip(goals.goals, weights)
    ]
    comparable = [change for change in changes if change.success_change is not None]
    reached = [change for change in comparable if change.seconds_change is not None]
    totals = (
        *_weighted(comparable, lambda change: change.p_success_before, lambda change: change.p_success_after, 6),
        *_weighted(reached, lambda c: c.expected_seconds_before, lambda c: c.expected_seconds_after, 3),
    )
    return sorted(changes, key=lambda change: change.order), totals, notes


def _weighted(changes: list[GoalChange], before, after, digits: int) -> tuple[float | None, float | None]:
    """The share-weighted means of two figures over `changes` (by the goals' weights in the whole file)."""
    total = sum(change.weight for change in changes)
    if total <= 0:
        return (None, None)
    return (
        round(sum(change.weight * before(change) for change in changes) / total, digits),
        round(sum(change.weight * after(change) for change in changes) / total, digits),
    )


def _change(goal, weight: float, before, after, reasons: list[str] | None) -> GoalChange:
    return GoalChange(
        say=goal.say,
        language=goal.language,
        reaches=tuple(goal.reaches),
        weight=round(weight, 6),
        p_success_before=_round(before.p_success) if before else None,
        p_success_after=_round(after.p_success) if after else None,
        expected_seconds_before=_round(before.expected_seconds, 3) if before else None,
        expected_seconds_after=_round(after.expected_seconds, 3) if after else None,
        first_key_before=_likeliest(before.first_key) if before else None,
        first_key_after=_likeliest(after.first_key) if after else None,
        note="; ".join(reasons) if reasons else None,
    )


def _likeliest(first_key) -> str | None:
    if not first_key:
        return None
    return min(first_key.items(), key=lambda item: (-item[1], item[0]))[0]


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)

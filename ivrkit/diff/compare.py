"""`diff_menus`: two loaded versions of a menu in, a `MenuDiff` out (destinations, options, findings, goals)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from ..diagnostics import display_path
from ..lint.config import LintConfig
from ..model import MenuSet
from .destinations import destinations, served, summarise
from .findings import finding_changes, lint_menu
from .goals import goal_changes, goal_nodes, version_goals
from .nodes import match_nodes
from .options import option_changes
from .result import DestinationChange, MenuDiff

__all__ = ["diff_menus"]


def diff_menus(
    old: MenuSet,
    new: MenuSet,
    *,
    at: _dt.datetime | None = None,
    language: str | None = None,
    variables: dict[str, str] | None = None,
    lint_configs: tuple[LintConfig | None, LintConfig | None] = (None, None),
    goals=None,
    goals_source: str | None = None,
) -> MenuDiff:
    """What callers would notice between `old` and `new` at the simulated moment `at` (default: DEFAULT_AT).

    `goals` is a `ivrkit.goals.GoalSet` (its `reaches` named as in `new`, or as in `old` when
    `goals_source` is "beside OLD"): with it, each goal is predicted on both versions.
    """
    from ..engine.callscript import DEFAULT_AT

    moment = at or DEFAULT_AT
    fixed = dict(variables or {})
    match = match_nodes(old, new)
    before = summarise(old, at=moment, language=language, variables=fixed)
    after = summarise(new, at=moment, language=language, variables=fixed)
    notes = list(dict.fromkeys([*before.notes, *after.notes]))
    old_figures, new_figures = list(before.paths), list(after.paths)
    if goals is not None:  # the nodes goals are served by that a call passes through get rows too
        from_old = goals_source == "beside OLD"
        for menuset, figures, to_old in ((old, old_figures, True), (new, new_figures, False)):
            nodes = {
                node
                for goal in goals.goals
                for node in goal_nodes(goal, old, new, match, from_old=from_old, to_old=to_old)
            }
            more, more_notes = served(menuset, nodes, at=moment, language=language, variables=fixed)
            figures += more
            notes += [note for note in more_notes if note not in notes]
    places = destinations(old, new, old_figures, new_figures, match)
    goals_found: list = []
    totals: tuple[float | None, ...] = (None, None, None, None)
    if goals is not None:
        goals_found, totals, goal_notes = goal_changes(
            old, new, match, goals, from_old=goals_source == "beside OLD", at=moment, variables=fixed, language=language
        )
        notes += goal_notes
        places = _with_goal_shares(places, goals, goals_source == "beside OLD")
    else:
        places = [_weighted(place) for place in places]
    return MenuDiff(
        old=display_path(old.root.path),
        new=display_path(new.root.path),
        at=moment.strftime("%Y-%m-%d %H:%M"),
        destinations=tuple(places),
        options=tuple(option_changes(old, new, match)),
        findings=tuple(_findings(old, new, match, lint_configs, goals, goals_source, moment, language, fixed)),
        expected_seconds_before=_round(before.expected_seconds),
        expected_seconds_after=_round(after.expected_seconds),
        goals_file=goals.file if goals is not None else None,
        goals_source=goals_source if goals is not None else None,
        goals=tuple(goals_found),
        success_rate_before=totals[0],
        success_rate_after=totals[1],
        goal_seconds_before=totals[2],
        goal_seconds_after=totals[3],
        notes=tuple(notes),
    )


def _findings(old, new, match, lint_configs, goals, goals_source, moment, language, variables):
    """The finding changes, both versions linted with the diff's goals (GL001) predicted at the diff's moment."""
    from ..predict.predict import predict

    def predictor(menuset, goalset):
        return predict(menuset, goalset, at=moment, variables=variables, language=language)

    linted = []
    for menuset, config, to_old in ((old, lint_configs[0], True), (new, lint_configs[1], False)):
        served = None
        if goals is not None:
            served = version_goals(goals, old, new, match, from_old=goals_source == "beside OLD", to_old=to_old)
        linted.append(lint_menu(menuset, config, served, predictor))
    return finding_changes(*linted, match)


def _with_goal_shares(places: list[DestinationChange], goals, from_old: bool) -> list[DestinationChange]:
    """Each destination's share of callers by the goals it serves, and its share-weighted change."""
    shares: dict[str, float] = {}
    for goal, weight in zip(goals.goals, goals.weights()):
        for node in goal.reaches:
            shares[node] = shares.get(node, 0.0) + weight / len(goal.reaches)
    result = []
    for place in places:
        named = place.node_before if from_old else place.node_after
        share = shares.get(named) if named else None
        result.append(_weighted(replace(place, goal_share=None if share is None else round(share, 6))))
    return result


def _weighted(place: DestinationChange) -> DestinationChange:
    share = place.goal_share if place.goal_share is not None else place.share_after
    if share is None:
        share = place.share_before
    change = place.change
    return replace(place, weighted_seconds=None if change is None or share is None else round(share * change, 3))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)

"""Destinations before and after: the first-time seconds of `ivrkit paths` for each version, side by side.

A destination is a node where a call ends or is handed on: a transfer, a
voicemail, a call-back or a hang-up (the node types `ivrkit paths` lists).
Its seconds are the fastest first-time route's (`ivrkit.engine.paths.analyse`),
so `ivrkit call FILE --press "<steps>"` reproduces each figure; None where
the destination cannot be reached at the simulated time (or is not in that
version at all). Nodes a call passes through (menus, messages, input nodes)
have no figure of their own here; goals that are served by one are priced in
the goals section, by the caller model.
"""

from __future__ import annotations

import datetime as _dt

from ..engine.paths import PathFigure, Summary, analyse
from ..model import MenuSet
from .nodes import NodeMatch
from .result import DestinationChange

__all__ = ["destinations", "summarise", "SAME_SECONDS"]

SAME_SECONDS = 0.05  # a smaller change is no change, whatever the rounding shows


def summarise(menuset: MenuSet, *, at: _dt.datetime | None, language: str | None, variables: dict) -> Summary:
    return analyse(menuset, at=at, language=language, variables=variables)


def destinations(
    old: MenuSet, new: MenuSet, before: Summary, after: Summary, match: NodeMatch
) -> list[DestinationChange]:
    """One change per destination of either version, the biggest first (see `DestinationChange.order`).

    Seconds are compared as `ivrkit paths` prints them (to a tenth): a change that rounds away is none, and so is
    one under SAME_SECONDS that only crosses a rounding boundary.
    """
    old_figures = {figure.node: figure for figure in before.paths}
    new_figures = {figure.node: figure for figure in after.paths}
    changes = []
    for new_key, figure in new_figures.items():
        old_key = match.old_key(new_key)
        changes.append(_change(old_key, new_key, old_figures.get(old_key) if old_key else None, figure, old, new))
    seen = {match.old_key(key) for key in new_figures}
    for old_key, figure in old_figures.items():
        if old_key not in seen:
            changes.append(_change(old_key, match.new_key(old_key), figure, None, old, new))
    return sorted(changes, key=lambda change: change.order)


def _change(
    old_key: str | None,
    new_key: str | None,
    before: PathFigure | None,
    after: PathFigure | None,
    old: MenuSet,
    new: MenuSet,
) -> DestinationChange:
    shown = after or before
    assert shown is not None
    seconds_before = before.seconds if before else None
    seconds_after = after.seconds if after else None
    if new_key is None:
        status = "removed"
    elif old_key is None:
        status = "added"
    elif seconds_before is None and seconds_after is None:
        status = "unreachable"
    elif seconds_before is None:
        status = "now reachable"
    elif seconds_after is None:
        status = "now unreachable"
    else:
        status = _timing(seconds_before, seconds_after)
    return DestinationChange(
        node=new_key or old_key or shown.node,
        node_before=old_key,
        node_after=new_key,
        type=(new.nodes[new_key] if new_key else old.nodes[old_key or shown.node]).type,
        person=shown.person and shown.person_known,
        status=status,
        seconds_before=_seconds(seconds_before),
        seconds_after=_seconds(seconds_after),
        keys_before=before.keys if before else None,
        keys_after=after.keys if after else None,
        steps_before=tuple(before.steps) if before and before.seconds is not None else (),
        steps_after=tuple(after.steps) if after and after.seconds is not None else (),
        share_before=_share(before),
        share_after=_share(after),
    )


def _timing(before: float, after: float) -> str:
    """slower, faster or unchanged: the change must show in the printed tenths and be a real 0.05 s or more
    (30.149 s → 30.151 s prints 30.1 → 30.2 but is no change)."""
    if abs(after - before) < SAME_SECONDS or round(after, 1) == round(before, 1):
        return "unchanged"
    return "slower" if after > before else "faster"


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _share(figure: PathFigure | None) -> float | None:
    return None if figure is None or figure.share is None else round(figure.share, 6)

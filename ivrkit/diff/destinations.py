"""Destinations before and after: the first-time seconds of `ivrkit paths` for each version, side by side.

A destination is a node where a call ends or is handed on: a transfer, a
voicemail, a call-back or a hang-up (the node types `ivrkit paths` lists).
Its seconds are the fastest first-time route's (`ivrkit.engine.paths.analyse`),
so `ivrkit call FILE --press "<steps>"` reproduces each figure; None where
the destination cannot be reached at the simulated time (or is not in that
version at all).

A caller may also be served by a node the call passes through: a message
with the information they wanted, an input node, a menu. Those a goals file
names (`served`) get a row too: the first arrival there on the fastest route.
The engine's search times only the nodes a call ends at, so each such node is
timed in a copy of the menu where it ends the call: when a call first
arrives at a node cannot depend on what that node does next, so the
arrival, and the steps that reach it, are the same as in the menu itself.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import replace
from types import MappingProxyType

from ..engine.paths import PathFigure, Summary, analyse
from ..model import HangupNode, MenuSet
from .nodes import NodeMatch
from .result import DestinationChange

__all__ = ["destinations", "summarise", "served", "SAME_SECONDS", "MAX_SERVED"]

SAME_SECONDS = 0.05  # a smaller change is no change, whatever the rounding shows
MAX_SERVED = 50  # nodes passed through that are timed (each costs one search of the menu)


def summarise(menuset: MenuSet, *, at: _dt.datetime | None, language: str | None, variables: dict) -> Summary:
    return analyse(menuset, at=at, language=language, variables=variables)


def served(
    menuset: MenuSet,
    nodes: Iterable[str],
    *,
    at: _dt.datetime | None,
    language: str | None,
    variables: dict,
) -> tuple[list[PathFigure], list[str]]:
    """The first-time figures of the nodes in `nodes` that a call passes through (see the module docstring),
    and notes; destinations and the entry are left out (they have figures of their own, or none to give)."""
    wanted = sorted(key for key in set(nodes) if key in menuset.nodes and not menuset.nodes[key].terminal)
    wanted = [key for key in wanted if key != menuset.entry]
    notes = []
    if len(wanted) > MAX_SERVED:
        notes.append(f"only the first {MAX_SERVED} of {len(wanted)} goal nodes that are not destinations are timed")
        wanted = wanted[:MAX_SERVED]
    figures = []
    for key in wanted:
        node = menuset.nodes[key]
        summary = summarise(_ending_at(menuset, key), at=at, language=language, variables=variables)
        figure = next((figure for figure in summary.paths if figure.node == key), None)
        if figure is not None:
            figures.append(replace(figure, type=node.type, person=False, person_known=True, share=None))
    return figures, notes


def _ending_at(menuset: MenuSet, key: str) -> MenuSet:
    """`menuset` with node `key` replaced by a hang-up of the same name and place."""
    node = menuset.nodes[key]
    end = HangupNode(id=node.id, key=node.key, file=node.file, span=node.span)
    menu_file = menuset.files[node.file]
    changed = replace(menu_file, nodes=MappingProxyType({**menu_file.nodes, node.id: end}))
    return replace(
        menuset,
        root=changed if menu_file is menuset.root else menuset.root,
        files=MappingProxyType({**menuset.files, node.file: changed}),
        nodes=MappingProxyType({**menuset.nodes, key: end}),
    )


def destinations(
    old: MenuSet, new: MenuSet, before: Iterable[PathFigure], after: Iterable[PathFigure], match: NodeMatch
) -> list[DestinationChange]:
    """One change per destination of either version, the biggest first (see `DestinationChange.order`).

    Seconds are compared as `ivrkit paths` prints them (to a tenth): a change that rounds away is none, and so is
    one under SAME_SECONDS that only crosses a rounding boundary.
    """
    old_figures = {figure.node: figure for figure in before}
    new_figures = {figure.node: figure for figure in after}
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

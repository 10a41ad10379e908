"""Caller goals: what callers of a menu want, in their own words, and the node that serves each want.

A `GoalSet` is what `ivrkit.goals.load_goals` makes of a ``*.goals.yaml`` file
(docs/goals.md). Nothing here parses YAML or does I/O.
"""

from __future__ import annotations

from ..model import Span, field, model_class

__all__ = ["Goal", "GoalSet"]


@model_class
class Goal:
    """One caller goal: what the caller says and the node(s) of the menu set that serve it."""

    say: str  # the goal in the caller's words
    language: str  # tag as written ("en", "fi"): the goal's, else the file's `language:`, else the menu's
    reaches: tuple[str, ...]  # node keys of the menu set (MenuSet.nodes keys: "id" or "file#id")
    share: float | None  # fraction of callers, as written (None: not given)
    index: int  # 0-based position in the file
    span: Span | None  # the list item in the goals file
    # Where `reaches` names each node, and where the language was written (the goal's or the file's `language`):
    # for messages about them (`check_goals`); not part of the goal's identity.
    reaches_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)
    language_span: Span | None = field(default=None, compare=False, repr=False)


@model_class
class GoalSet:
    """A goals file: the menu it is about and its goals, in file order."""

    file: str  # the goals file as the user named it (display path)
    menu: str  # the menu file it names, resolved against the goals file's folder (display path)
    goals: tuple[Goal, ...]
    # Where `menu` is written, and the menu file it names resolved (for "about another menu" messages);
    # not part of the goal set's identity.
    menu_span: Span | None = field(default=None, compare=False, repr=False)
    menu_file: str | None = field(default=None, compare=False, repr=False)

    def weights(self) -> tuple[float, ...]:
        """Each goal's fraction of callers, summing to 1 (docs/goals.md, "Shares").

        Given shares count as written; the goals without one split what is left
        equally (no share anywhere: all equal). When every goal has a share and
        they sum below 1, they are scaled up to sum to 1 (the shares are then
        proportions among the goals listed). Shares summing above 1 (the loader
        refuses them) are scaled down the same way.
        """
        count = len(self.goals)
        if count == 0:
            return ()
        given = [goal.share for goal in self.goals]
        unshared = given.count(None)
        total = sum(share for share in given if share is not None)
        left = max(0.0, 1.0 - total)
        if unshared and left > 0:
            each = left / unshared
            raw = [each if share is None else share for share in given]
        else:
            raw = [0.0 if share is None else share for share in given]
        whole = sum(raw)
        if whole <= 0:
            return tuple(1.0 / count for _ in self.goals)
        return tuple(value / whole for value in raw)

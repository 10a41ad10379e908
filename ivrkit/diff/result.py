"""The differences between two versions of a menu, as data: what `ivrkit diff` prints in every format.

Every list is in a fixed order (the biggest change first, ties by name), so
the same two files always give the same report, byte for byte.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = ["DestinationChange", "OptionChange", "FindingChange", "GoalChange", "MenuDiff", "diff_json"]

# Destination statuses, most noticeable first (the order of the report).
STATUS_ORDER = (
    "now unreachable",
    "removed",
    "slower",
    "now reachable",
    "added",
    "faster",
    "unchanged",
    "unreachable",
)


@dataclass(frozen=True)
class DestinationChange:
    """One destination (transfer, voicemail, call-back, hang-up) in the old and the new version."""

    node: str  # the node key in the new version (in the old one when it was removed)
    node_before: str | None  # None: not in the old version
    node_after: str | None  # None: not in the new version
    type: str
    person: bool
    status: str  # one of STATUS_ORDER
    seconds_before: float | None  # first-time seconds (`ivrkit paths`); None: not reachable, or not there
    seconds_after: float | None
    keys_before: str | None
    keys_after: str | None
    steps_before: tuple[str, ...] = ()  # the `ivrkit call --press` steps that reproduce the seconds
    steps_after: tuple[str, ...] = ()
    share_before: float | None = None  # fraction of callers, from the options' shares (`ivrkit paths`)
    share_after: float | None = None
    goal_share: float | None = None  # with goals: fraction of callers whose goal this node serves
    weighted_seconds: float | None = None  # share × change: seconds added (saved) per average call

    @property
    def change(self) -> float | None:
        if self.seconds_before is None or self.seconds_after is None:
            return None
        return round(self.seconds_after - self.seconds_before, 3)

    @property
    def renamed(self) -> bool:
        return self.node_before is not None and self.node_after is not None and self.node_before != self.node_after

    @property
    def order(self) -> tuple:
        return (STATUS_ORDER.index(self.status), -abs(self.change or 0.0), self.node)


@dataclass(frozen=True)
class OptionChange:
    """An option added, removed, reworded, moved, rerouted or reordered, with its wording before and after.

    `menu_*` is the menu's node key, or ``global options`` (``FILE: global options`` for another file's).
    `wording_*` maps a language to the option's label (its `say` when it has no label).
    `target_*` is where the option leads: a node key (``KEY then NODE`` with a `then`), or ``action: NAME``.
    `position_*` is the 0-based place of the option among those the caller hears in that menu.
    """

    kind: str  # added, removed, reworded, moved, rerouted, reordered
    menu_before: str | None
    menu_after: str | None
    key_before: str | None
    key_after: str | None
    wording_before: dict[str, str] | None
    wording_after: dict[str, str] | None
    target_before: str | None
    target_after: str | None
    position_before: int | None = None
    position_after: int | None = None

    @property
    def reworded(self) -> bool:
        return (
            self.wording_before is not None
            and self.wording_after is not None
            and self.wording_before != self.wording_after
        )

    @property
    def order(self) -> tuple:
        """By menu, then where the caller hears the option (now, else before), then key."""
        menu = self.menu_after or self.menu_before or ""
        position = self.position_after if self.position_after is not None else self.position_before
        return (menu, position if position is not None else -1, self.key_after or self.key_before or "", self.kind)


@dataclass(frozen=True)
class FindingChange:
    """A lint finding only in the new version (`new`), only in the old one (`fixed`), or in both with other
    figures in its message (`changed`: where it is in the new version, `message_before` the old message)."""

    status: str  # new, fixed, changed (the same finding with other figures in its message)
    code: str
    name: str
    level: str
    message: str
    node: str | None  # the node key in the version the finding is in
    path: str  # where it is, in that version
    line: int
    col: int
    hint: str | None = None
    message_before: str | None = None  # `changed`: the message in the old version

    @property
    def order(self) -> tuple:
        return (
            _FINDING_STATUSES.index(self.status),
            -_LEVELS.index(self.level) if self.level in _LEVELS else 0,
            self.path,
            self.line,
            self.col,
            self.code,
            self.message,
        )


_LEVELS = ("info", "warning", "error")
_FINDING_STATUSES = ("new", "fixed", "changed")


@dataclass(frozen=True)
class GoalChange:
    """One caller goal, predicted on both versions (`ivrkit predict`); None where a version cannot serve it."""

    say: str
    language: str
    reaches: tuple[str, ...]  # as the goals file names them
    weight: float  # the goal's fraction of callers (GoalSet.weights)
    p_success_before: float | None
    p_success_after: float | None
    expected_seconds_before: float | None
    expected_seconds_after: float | None
    first_key_before: str | None = None  # the key most callers press first
    first_key_after: str | None = None
    note: str | None = None  # why a figure is None

    @property
    def success_change(self) -> float | None:
        if self.p_success_before is None or self.p_success_after is None:
            return None
        return round(self.p_success_after - self.p_success_before, 6)

    @property
    def seconds_change(self) -> float | None:
        if self.expected_seconds_before is None or self.expected_seconds_after is None:
            return None
        return round(self.expected_seconds_after - self.expected_seconds_before, 3)

    @property
    def order(self) -> tuple:
        """Goals a version cannot serve first, then the most success lost, then the most seconds added."""
        change = self.success_change
        seconds = (
            self.expected_seconds_after - self.expected_seconds_before
            if self.expected_seconds_before is not None and self.expected_seconds_after is not None
            else 0.0
        )
        return (change is not None, round(change or 0.0, 2), -abs(round(seconds, 1)), self.say)


@dataclass(frozen=True)
class MenuDiff:
    """Everything `ivrkit diff` reports about OLD → NEW."""

    old: str  # display paths
    new: str
    at: str  # the simulated moment, "YYYY-MM-DD HH:MM"
    destinations: tuple[DestinationChange, ...]
    options: tuple[OptionChange, ...]
    findings: tuple[FindingChange, ...]
    expected_seconds_before: float | None  # option-share weighted, as `ivrkit paths` (None: no shares)
    expected_seconds_after: float | None
    goals_file: str | None = None
    goals_source: str | None = None  # "--goals", "beside NEW", "beside OLD"
    goals: tuple[GoalChange, ...] = ()
    success_rate_before: float | None = None  # share-weighted over the goals both versions can serve
    success_rate_after: float | None = None
    goal_seconds_before: float | None = None  # share-weighted expected seconds, over the goals both reach
    goal_seconds_after: float | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def changed_destinations(self) -> tuple[DestinationChange, ...]:
        return tuple(d for d in self.destinations if d.status not in ("unchanged", "unreachable"))

    @property
    def changed_goals(self) -> tuple[GoalChange, ...]:
        """The goals whose success (to a whole percent), expected seconds (to a tenth) or first key moved."""
        return tuple(
            goal
            for goal in self.goals
            if _differ(goal.p_success_before, goal.p_success_after, 100, 0)
            or _differ(goal.expected_seconds_before, goal.expected_seconds_after, 1, 1)
            or goal.first_key_before != goal.first_key_after
        )

    @property
    def empty(self) -> bool:
        """No difference a caller (or the linter) would notice."""
        return not (self.changed_destinations or self.options or self.findings or self.changed_goals)


def _differ(before: float | None, after: float | None, scale: float, digits: int) -> bool:
    """Whether two figures differ as a report prints them (`scale` × value to `digits` decimals)."""
    if before is None or after is None:
        return (before is None) != (after is None)
    return round(before * scale, digits) != round(after * scale, digits)


def diff_json(diff: MenuDiff) -> dict:
    """The JSON document of `ivrkit diff --json` (documented in docs/diff.md)."""
    data = asdict(diff)
    data["changed"] = not diff.empty
    for row, change in zip(data["destinations"], diff.destinations):
        row["change"] = change.change
        row["renamed"] = change.renamed
        row["steps_before"] = list(change.steps_before)
        row["steps_after"] = list(change.steps_after)
    for row, option in zip(data["options"], diff.options):
        row["reworded"] = option.reworded
    for row, goal in zip(data["goals"], diff.goals):
        row["reaches"] = list(goal.reaches)
        row["success_change"] = goal.success_change
        row["seconds_change"] = goal.seconds_change
    data["notes"] = list(diff.notes)
    return data

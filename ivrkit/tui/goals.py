"""What the goals panel of `ivrkit sim` shows: per menu, the caller goals whose route passes it, with the key a
first-time caller with that goal presses there and the goal's predicted success.

Computed once per menu load, off the UI thread (`goals_view` is slow: it runs `ivrkit.predict.predict`); the
panel then only looks rows up. The success is the figure `ivrkit predict` prints for the goal; the key at each
menu is the caller model's most likely first action there (`ivrkit.analysis.caller`, the model `predict` plays),
"wait" when most callers with that goal would press nothing. No widgets here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["GoalRow", "GoalsView", "goals_view", "gl001_threshold", "WAIT", "MAX_ALL_ROWS"]

WAIT = "wait"
"""The key of a caller who presses nothing (lets the menu time out)."""

MAX_ALL_ROWS = 20_000
"""Menus no goal's route passes list every goal, unless that would take more than this many model choices."""


@dataclass(frozen=True)
class GoalRow:
    """One goal as the panel shows it at one menu."""

    say: str
    key: str  # the most likely first action of a caller with this goal at this menu: a key, or WAIT
    key_share: float  # the probability of that action
    designed: str | None  # the key the designed route presses at this menu (None: the route does not pass it)
    p_success: float  # the goal's predicted success (`ivrkit predict`'s figure)

    @property
    def agrees(self) -> bool | None:
        """Whether the likely key is the designed one (None: this menu is not on the goal's designed route)."""
        return None if self.designed is None else self.key == self.designed


@dataclass(frozen=True)
class GoalsView:
    """The goals of one loaded menu set, by menu node; empty (with `file` None) when the menu has no goals file."""

    file: str | None = None  # the goals file (display path)
    problem: str | None = None  # why there are no predictions (a goals file that does not load, a failure)
    on_route: Mapping[str, tuple[GoalRow, ...]] = field(default_factory=dict)  # menu -> goals whose route passes it
    elsewhere: Mapping[str, tuple[GoalRow, ...]] = field(default_factory=dict)  # other menus -> every goal
    success_rate: float | None = None  # share-weighted over every goal
    threshold: float = 0.5  # GL001's threshold for this menu (its configuration's, else the default)

    def rows(self, node: str | None) -> tuple[tuple[GoalRow, ...], bool]:
        """The rows for `node` and whether they are the goals whose route passes it (else every goal, or none)."""
        if node is None:
            return (), False
        if node in self.on_route:
            return self.on_route[node], True
        return self.elsewhere.get(node, ()), False


def goals_view(menuset, threshold: float = 0.5, *, at=None, language: str | None = None) -> GoalsView:
    """Load the goals file beside the menu, predict its goals and each goal's key at every menu.

    `threshold`: the success below which GL001 reports a goal (the panel marks those goals). `at` and
    `language`: the sim's `--at` and `--lang` (default: predict's moment and each goal's language); the
    designed route is the one a caller meets then, as `ivrkit predict --at` finds it."""
    from ..diagnostics import LoadError, format_diagnostic
    from ..goals import goals_file_for, load_goals_for

    try:
        goalset = load_goals_for(menuset)
    except LoadError as error:
        shown = [format_diagnostic(diagnostic, with_hint=False) for diagnostic in error.diagnostics[:3]]
        return GoalsView(file=str(goals_file_for(menuset.root.path)), problem="\n".join(shown))
    if goalset is None:
        return GoalsView()
    if not goalset.goals:
        return GoalsView(file=goalset.file, problem="the goals file lists no goals")
    return replace(_predicted(menuset, goalset, at, language), threshold=threshold)


def gl001_threshold(menu_path: str) -> float:
    """GL001's `threshold` in the lint configuration that applies to `menu_path` (the default when none, or broken)."""
    from ..lint.config_file import ConfigError, ConfigResolver
    from ..rules import get_rule

    rule = get_rule("GL001")
    assert rule is not None
    default = float(rule.options["threshold"].default)
    try:
        settings = ConfigResolver().for_path(Path(menu_path)).settings_of(rule)
    except ConfigError:
        return default
    return float(settings.get("threshold", default))


def _predicted(menuset, goalset, at, language) -> GoalsView:
    from ..analysis.caller import DEFAULT_PARAMS, CallerModel
    from ..engine.callscript import DEFAULT_AT
    from ..engine.durations import estimated
    from ..engine.session import Session
    from ..model import MenuNode
    from ..predict.designed import designed_keys
    from ..predict.policy import FirstTimeCaller
    from ..predict.predict import call_language, predict

    model = CallerModel(menuset, DEFAULT_PARAMS)
    prediction = predict(menuset, goalset, model=model, at=at, language=language)
    success = {goal_prediction.goal.index: goal_prediction.p_success for goal_prediction in prediction.goals}
    duration = estimated(menuset)
    designed: list[dict[str, str]] = []
    for goal in goalset.goals:
        spoken = call_language(menuset, goal, language)

        def new_session(spoken=spoken) -> Session:
            return Session(menuset, duration=duration, at=at or DEFAULT_AT, language=spoken)

        reached = FirstTimeCaller(menuset, goal, model).reached_in
        keys = designed_keys(menuset, goal, new_session, reached) or ()
        route: dict[str, str] = {}
        for menu, key in keys:
            route.setdefault(menu, key)  # a route that meets a menu twice: its first key there
        designed.append(route)
    menus = [key for key, node in menuset.nodes.items() if isinstance(node, MenuNode)]
    list_all = len(menus) * len(goalset.goals) <= MAX_ALL_ROWS
    on_route: dict[str, tuple[GoalRow, ...]] = {}
    elsewhere: dict[str, tuple[GoalRow, ...]] = {}
    for menu in menus:
        passing = [goal for goal, route in zip(goalset.goals, designed) if menu in route]
        if passing:
            on_route[menu] = tuple(
                _row(model, menu, goal, designed[goal.index].get(menu), success[goal.index]) for goal in passing
            )
        elif list_all:
            elsewhere[menu] = tuple(_row(model, menu, goal, None, success[goal.index]) for goal in goalset.goals)
    return GoalsView(file=goalset.file, on_route=on_route, elsewhere=elsewhere, success_rate=prediction.success_rate)


def _row(model, menu: str, goal, designed: str | None, p_success: float) -> GoalRow:
    from ..predict.results import top_key

    choice = model.choice(menu, goal)
    actions = {**choice.press, WAIT: choice.silent}
    key = top_key(actions) or WAIT  # ties broken as `ivrkit predict` breaks them (its `top_key`)
    return GoalRow(goal.say, key, actions[key], designed, p_success)


def goals_file_name(menu_path: str) -> str:
    """The name of the goals file a menu's panel would read (for the note shown when there is none)."""
    from ..goals import goals_file_for

    return Path(goals_file_for(menu_path)).name

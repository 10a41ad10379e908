"""What `ivrkit predict` finds: per goal, per menu and overall; and its JSON form (docs/predict.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..model import field, model_class

if TYPE_CHECKING:
    from ..goals import Goal

__all__ = ["Confusable", "GoalPrediction", "MenuFigure", "Prediction", "prediction_json", "top_key"]


@model_class
class Confusable:
    """An option (or silence, key "wait") that took callers off every route to the goal: where the first wrong
    turn of `probability` of the calls was made, and the goal's words that pulled them there."""

    node: str
    key: str
    label: str
    probability: float
    words: tuple[str, ...]


@model_class
class GoalPrediction:
    goal: Goal
    first_key: Mapping[str, float]  # key -> probability of the first action in the first decision menu
    p_success: float  # reaches a goal node without a wrong turn
    p_reach: float  # reaches it at all (recovery included)
    expected_seconds: float | None  # mean arrival second over the calls that reach it
    misroute: float  # at least one wrong turn
    confusables: tuple[Confusable, ...]  # most probable first
    designed_key: str | None  # the key of the designed (fewest keys) route in its first decision menu
    example_press: str  # `ivrkit call --press` steps of the most likely successful call ("" when none)
    example_seconds: float | None  # when that call reaches the goal
    p_hang_up: float = 0.0  # the caller gave up
    p_pruned: float = 0.0  # branches not followed (below PRUNE_BELOW, or past the move limit)
    endings: Mapping[str, float] = field(default_factory=dict)  # where the other calls ended: node -> probability
    route_keys: tuple[str, ...] = ()  # the keys of that menu that lead on to the goal (the designed key among them)
    designed_menu: str | None = None  # the designed route's first decision menu (at the simulated moment)
    first_menu: str | None = None  # the menu most callers make their first decision in
    example_language: str | None = None  # the `ivrkit call --lang` that replays `example_press` (None: default)

    @property
    def top_key(self) -> str | None:
        return top_key(self.first_key)

    @property
    def agrees(self) -> bool | None:
        """Whether the most likely first key is a key of the designed route: the designed key, or another key
        of the same menu that starts a route with as few keys. None when there is nothing to compare: no route
        reaches the goal at the simulated moment, or most callers make their first decision in another menu
        than the designed route's (the route does not pass where they decide)."""
        if self.designed_key is None:
            return None
        if self.designed_key == "-":
            return self.top_key == "-"
        if self.first_menu != self.designed_menu:
            return None
        return self.top_key == self.designed_key or self.top_key in self.route_keys


@model_class
class MenuFigure:
    """A menu as the goals' callers meet it (share-weighted)."""

    node: str
    visits: float  # share of all callers who hear this menu (at least once)
    success_rate: float  # P(success) of the goals passing it, weighted by share × visit probability
    misroute_rate: float  # of the callers hearing it, the share whose first wrong turn is made here


@model_class
class Prediction:
    menu: str
    goals_file: str
    goals: tuple[GoalPrediction, ...]
    weights: tuple[float, ...]
    success_rate: float
    misroute_rate: float
    menus: tuple[MenuFigure, ...]
    prune_below: float


def top_key(first_key: Mapping[str, float]) -> str | None:
    """The most likely key (ties: the first in key order)."""
    if not first_key:
        return None
    return min(first_key, key=lambda key: (-first_key[key], key))


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def prediction_json(prediction: Prediction) -> dict[str, Any]:
    """The prediction as JSON-ready data (docs/predict.md lists the fields)."""
    goals = []
    for goal_prediction, weight in zip(prediction.goals, prediction.weights, strict=True):
        goal = goal_prediction.goal
        goals.append(
            {
                "say": goal.say,
                "language": goal.language,
                "reaches": list(goal.reaches),
                "share": goal.share,
                "weight": _round(weight),
                "designed_menu": goal_prediction.designed_menu,
                "designed_key": goal_prediction.designed_key,
                "route_keys": list(goal_prediction.route_keys),
                "first_menu": goal_prediction.first_menu,
                "top_key": goal_prediction.top_key,
                "agrees": goal_prediction.agrees,
                "first_key": {key: _round(value) for key, value in goal_prediction.first_key.items()},
                "p_success": _round(goal_prediction.p_success),
                "p_reach": _round(goal_prediction.p_reach),
                "misroute": _round(goal_prediction.misroute),
                "p_hang_up": _round(goal_prediction.p_hang_up),
                "p_pruned": _round(goal_prediction.p_pruned),
                "expected_seconds": _round(goal_prediction.expected_seconds, 2),
                "confusables": [
                    {
                        "node": c.node,
                        "key": c.key,
                        "label": c.label,
                        "probability": _round(c.probability),
                        "words": list(c.words),
                    }
                    for c in goal_prediction.confusables
                ],
                "endings": {node: _round(value) for node, value in goal_prediction.endings.items()},
                "example_press": goal_prediction.example_press,
                "example_language": goal_prediction.example_language,
                "example_seconds": _round(goal_prediction.example_seconds, 2),
            }
        )
    return {
        "menu": prediction.menu,
        "goals_file": prediction.goals_file,
        "success_rate": _round(prediction.success_rate),
        "misroute_rate": _round(prediction.misroute_rate),
        "prune_below": prediction.prune_below,
        "goals": goals,
        "menus": [
            {
                "node": menu.node,
                "visits": _round(menu.visits),
                "success_rate": _round(menu.success_rate),
                "misroute_rate": _round(menu.misroute_rate),
            }
            for menu in prediction.menus
        ],
    }

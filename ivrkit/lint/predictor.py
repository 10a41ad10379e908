"""The door to goal predictions, handed down to the rules by the command line (as the loader's door to importers).

GL001 `goal-success` judges a menu by what `ivrkit predict` says of its
callers' goals, but the rules (rank 4) sit below `ivrkit.predict` (rank 5) and
never import it (docs/architecture.md). The commands hand the predictor down
instead: `ivrkit.cli.main` calls `predict_goals_with(predictor)` once, with a
module-level function that imports `ivrkit.predict` when it is first called,
so that the number a finding quotes is the number `ivrkit predict` prints.
A lint on worker processes hands the same function to each worker
(`ivrkit.lint.project`), and the findings cache keys its entries by the
predictor's name (`predictor_name`).

A program using ivrkit as a library gets no GL001 findings unless it hands a
predictor down the same way (`predict_goals_with(ivrkit.predict.predict)`, or a
function of its own returning the same shape: `Prediction` below).

A caller that lints a menu with goals of its own choosing (`ivrkit diff` lints
both versions with the one goals file the diff uses, predicted at the diff's
moment) wraps the lint in `goals_given(goals, predictor)`: within it GL001
judges those goals (None: no goals at all) instead of the file beside the menu.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from ..model import model_class

if TYPE_CHECKING:
    from ..goals import Goal, GoalSet
    from ..model import MenuSet

__all__ = [
    "Confusable",
    "GoalPrediction",
    "Prediction",
    "GoalPredictor",
    "predict_goals_with",
    "goal_predictor",
    "predictor_name",
    "GivenGoals",
    "goals_given",
    "given_goals",
]


class Confusable(Protocol):
    """An option that pulled callers off their goal's route (`ivrkit.predict.Confusable`)."""

    @property
    def node(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def probability(self) -> float: ...
    @property
    def words(self) -> tuple[str, ...]: ...


class GoalPrediction(Protocol):
    """What the rule reads of one goal's prediction (`ivrkit.predict.GoalPrediction`)."""

    @property
    def goal(self) -> Goal: ...
    @property
    def p_success(self) -> float: ...
    @property
    def first_key(self) -> Mapping[str, float]: ...
    @property
    def confusables(self) -> Sequence[Confusable]: ...


class Prediction(Protocol):
    """What the rule reads of a menu's prediction (`ivrkit.predict.Prediction`): one entry per goal, in order."""

    @property
    def goals(self) -> Sequence[GoalPrediction]: ...


GoalPredictor = Callable[["MenuSet", "GoalSet"], Any]
"""`(menuset, goalset) -> Prediction`: `ivrkit.predict.predict` with the parameters `ivrkit predict` uses."""

_PREDICTOR: dict[str, GoalPredictor] = {}


def predict_goals_with(predictor: GoalPredictor | None) -> None:
    """Let GL001 predict goals through `predictor`; None: no predictor, and GL001 stays silent.

    Give a module-level function (worker processes started by name are handed it by name).
    """
    if predictor is None:
        _PREDICTOR.pop("predictor", None)
    else:
        _PREDICTOR["predictor"] = predictor


def goal_predictor() -> GoalPredictor | None:
    """The function GL001 predicts goals with (None: none was handed down)."""
    return _PREDICTOR.get("predictor")


def predictor_name(predictor: GoalPredictor | None) -> str | None:
    """`module:qualified name` of a predictor, for the findings cache's key (None: no predictor)."""
    if predictor is None:
        return None
    module = getattr(predictor, "__module__", None) or type(predictor).__module__
    name = getattr(predictor, "__qualname__", None) or type(predictor).__qualname__
    return f"{module}:{name}"


@model_class
class GivenGoals:
    """The goals GL001 judges within `goals_given`, and the predictor it judges them with."""

    goals: GoalSet | None
    predictor: GoalPredictor | None


_GIVEN: list[GivenGoals] = []


@contextmanager
def goals_given(goals: GoalSet | None, predictor: GoalPredictor | None = None) -> Iterator[None]:
    """Within: GL001 judges `goals` (None: no goals, GL001 is silent) instead of the goals file beside the
    menu, predicted by `predictor` (default: the one handed down by `predict_goals_with`).

    For a lint run in this process (`ivrkit.lint.lint`); worker processes and the findings cache of
    `ivrkit.lint.project` know nothing of it.
    """
    _GIVEN.append(GivenGoals(goals, predictor or goal_predictor()))
    try:
        yield
    finally:
        _GIVEN.pop()


def given_goals() -> GivenGoals | None:
    """The goals handed to GL001 by the innermost `goals_given`, else None (GL001 reads the menu's own file)."""
    return _GIVEN[-1] if _GIVEN else None

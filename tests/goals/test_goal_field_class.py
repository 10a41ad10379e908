"""`GoalField` (made by `model_class`) behaves as the frozen dataclass it was written as; `_Read` starts empty."""

from __future__ import annotations

import dataclasses

import pytest

from ivrkit.goals.fields import GOAL_FIELDS, GoalField
from ivrkit.goals.load import _Read


@dataclasses.dataclass(frozen=True)
class Reference:
    kind: str
    required: bool = False
    low: float | None = None
    high: float | None = None


CASES = [("text",), ("nodes", True), ("share", False, 0.0, 1.0)]


@pytest.mark.parametrize("values", CASES)
def test_goal_field_is_the_frozen_dataclass_of_its_definition(values):
    made, reference = GoalField(*values), Reference(*values)
    assert repr(made) == repr(reference).replace("Reference", "GoalField")
    assert dataclasses.astuple(made) == dataclasses.astuple(reference)
    assert [(f.name, f.default) for f in dataclasses.fields(made)] == [
        (f.name, f.default) for f in dataclasses.fields(reference)
    ]
    assert made == GoalField(*values) and hash(made) == hash(GoalField(*values))
    assert made != GoalField("language")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.kind = "other"  # type: ignore[misc]


def test_the_share_field_keeps_its_range():
    assert GOAL_FIELDS["share"] == GoalField("share", low=0.0, high=1.0)


def test_a_read_starts_empty_and_each_read_has_its_own_goals_list():
    first, second = _Read(), _Read()
    assert (first.menu_path, first.menu_display, first.menu_span, first.language, first.language_span) == (
        None,
        "",
        None,
        None,
        None,
    )
    first.goals.append({})
    assert second.goals == []

"""`GoalSet.weights`: given shares as written, the rest split equally among goals without one."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.goals import Goal, GoalSet


def goalset(*shares: float | None) -> GoalSet:
    goals = tuple(Goal(f"goal {i}", "en", ("node",), share, i, None) for i, share in enumerate(shares))
    return GoalSet("line.goals.yaml", "line.yaml", goals)


def test_no_shares_means_equal_weights():
    assert goalset(None, None, None, None).weights() == (0.25, 0.25, 0.25, 0.25)


def test_given_shares_count_as_written_and_the_rest_is_split_equally():
    assert goalset(0.5, None, 0.2, None).weights() == pytest.approx((0.5, 0.15, 0.2, 0.15))


def test_shares_of_every_goal_summing_below_one_are_scaled_up():
    assert goalset(0.2, 0.3).weights() == pytest.approx((0.4, 0.6))


def test_shares_summing_to_one_leave_nothing_for_goals_without_one():
    assert goalset(0.6, 0.4, None).weights() == pytest.approx((0.6, 0.4, 0.0))


def test_an_empty_set_has_no_weights():
    assert goalset().weights() == ()


def test_goals_are_frozen_and_compare_without_their_positions():
    goal = Goal("my power is off", "en", ("outage",), 0.3, 0, None)
    with pytest.raises(AttributeError):
        goal.say = "other"  # type: ignore[misc]
    assert goal == Goal("my power is off", "en", ("outage",), 0.3, 0, None, reaches_spans=(), language_span=None)


@given(st.lists(st.one_of(st.none(), st.floats(0.001, 1.0)), min_size=1, max_size=30))
def test_weights_are_fractions_summing_to_one(shares):
    if sum(s for s in shares if s is not None) > 1:
        shares = [None if s is None else s / (2 * len(shares)) for s in shares]
    weights = goalset(*shares).weights()
    assert len(weights) == len(shares)
    assert all(0 <= w <= 1 for w in weights)
    assert math.isclose(sum(weights), 1.0, rel_tol=1e-9)
    given_total = sum(s for s in shares if s is not None)
    if None in shares and given_total < 1 - 1e-9:  # the shares given count as written
        for share, weight in zip(shares, weights, strict=True):
            if share is not None:
                assert math.isclose(weight, share, rel_tol=1e-9)

"""`simulate`: seeded, the same as playing every call through the engine, and consistent with `predict`.

The statistical check: for every goal of the example, the simulated success rate lies within 4 standard
errors (binomial, from predict's p) of predict's p_success, widened by the mass predict did not follow
(p_pruned). With 40,000 calls a goal's standard error is about 1 point; a simulator that counted wrong turns
or successes differently from predict is off by far more.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from ivrkit.goals import load_goals_for
from ivrkit.loader import load
from ivrkit.predict.predict import predict
from ivrkit.predict.simulate import Figures, simulate, simulation_json

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ["northwind-energy", "aurora-pankki", "kaupunki-bilingual"]


def _example(name: str):
    menuset = load(ROOT / "examples" / f"{name}.yaml")
    goalset = load_goals_for(menuset)
    assert goalset is not None
    return menuset, goalset


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_same_seed_gives_the_same_figures_and_another_seed_other_ones(name):
    menuset, goalset = _example(name)
    first = simulation_json(simulate(menuset, goalset, 3000, seed=5))
    assert simulation_json(simulate(menuset, goalset, 3000, seed=5)) == first
    assert simulation_json(simulate(menuset, goalset, 3000, seed=6)) != first
    json.dumps(first)  # plain JSON


@pytest.mark.parametrize("name", EXAMPLES)
def test_looking_up_earlier_calls_gives_what_playing_every_call_gives(name):
    menuset, goalset = _example(name)
    quick = simulate(menuset, goalset, 1500, seed=11, queue_wait=90.0)
    played = simulate(menuset, goalset, 1500, seed=11, queue_wait=90.0, played=True)
    assert quick == played


@pytest.mark.parametrize("name", EXAMPLES)
def test_simulated_success_matches_predicted_success_within_its_standard_error(name):
    menuset, goalset = _example(name)
    prediction = predict(menuset, goalset)
    result = simulate(menuset, goalset, 40_000, seed=1)
    for predicted, simulated in zip(prediction.goals, result.goals, strict=True):
        calls = simulated.figures.calls
        assert calls > 0
        p = predicted.p_success
        error = math.sqrt(max(p * (1 - p), 1e-4) / calls)
        assert abs(simulated.figures.success_rate - p) <= 4 * error + predicted.p_pruned, (
            predicted.goal.say,
            p,
            simulated.figures.success_rate,
            calls,
        )
        if predicted.p_reach > 0.05 and simulated.figures.reached > 100:
            assert simulated.figures.mean_seconds == pytest.approx(predicted.expected_seconds, rel=0.1)
    overall_error = math.sqrt(prediction.success_rate * (1 - prediction.success_rate) / result.calls)
    assert abs(result.overall.success_rate - prediction.success_rate) <= 5 * overall_error + 0.005


def test_goals_are_drawn_by_their_share():
    menuset, goalset = _example("northwind-energy")
    result = simulate(menuset, goalset, 20_000, seed=3)
    for item in result.goals:
        expected = item.weight * result.calls
        assert abs(item.figures.calls - expected) <= 5 * math.sqrt(expected * (1 - item.weight)) + 1


def test_figures_add_up():
    menuset, goalset = _example("aurora-pankki")
    result = simulate(menuset, goalset, 5000, seed=2)
    overall = result.overall
    assert overall.calls == 5000 == sum(item.figures.calls for item in result.goals)
    assert overall.moves == sum(item.figures.moves for item in result.goals)
    for figures in [overall, *(item.figures for item in result.goals)]:
        assert figures.success <= figures.reached <= figures.calls
        assert figures.reached + sum(figures.endings.values()) == figures.calls
        assert figures.hung_up == figures.endings.get("hangup", 0)
        assert list(figures.seconds) == sorted(figures.seconds)
        assert sum(count for _, count in figures.seconds) == figures.reached
        assert figures.moves >= figures.calls  # every call of this line waits in a menu for an action
        if figures.seconds:
            assert figures.seconds[0][0] <= figures.p50 <= figures.p90 <= figures.seconds[-1][0]


def test_percentiles_are_nearest_rank():
    figures = Figures(10, 0, 10, 0, 0, 0, 0, 0, 0, tuple((float(s), 1) for s in range(1, 11)))
    assert (figures.p50, figures.p90, figures.mean_seconds) == (5.0, 9.0, 5.5)
    grouped = Figures(10, 0, 10, 0, 0, 0, 0, 0, 0, ((2.0, 5), (3.0, 4), (7.0, 1)))
    assert (grouped.p50, grouped.p90, grouped.percentile(0.91), grouped.mean_seconds) == (2.0, 3.0, 7.0, 2.9)
    assert Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, ()).p50 is None


def test_a_full_tree_plays_on_without_keeping_states(monkeypatch):
    import ivrkit.predict.simulate as simulate_module

    menuset, goalset = _example("kaupunki-bilingual")
    whole = simulate(menuset, goalset, 2000, seed=8)
    monkeypatch.setattr(simulate_module, "MAX_KEPT_STEPS", 5)
    assert simulate(menuset, goalset, 2000, seed=8) == whole


def test_a_long_queue_wait_lengthens_the_calls_that_reach_a_person_through_a_queue():
    menuset, goalset = _example("northwind-energy")
    quick = simulate(menuset, goalset, 2000, seed=4)
    slow = simulate(menuset, goalset, 2000, seed=4, queue_wait=600.0)
    assert slow.overall.person_rate <= quick.overall.person_rate
    assert slow.queue_wait == 600.0


def test_no_calls_and_progress_reports():
    menuset, goalset = _example("northwind-energy")
    seen: list[int] = []
    result = simulate(menuset, goalset, 2500, seed=0, progress=seen.append)
    assert seen == [1000, 2000, 2500]
    assert simulate(menuset, goalset, 0).overall.calls == 0
    with pytest.raises(ValueError, match="calls must be 0 or more"):
        simulate(menuset, goalset, -1)
    assert result.overall.calls == 2500


def test_a_goal_no_call_drew_has_no_rates():
    menuset, goalset = _example("northwind-energy")
    result = simulate(menuset, goalset, 3, seed=0)
    empty = [item for item in result.goals if item.figures.calls == 0]
    assert empty, "3 calls cannot draw every goal"
    data = simulation_json(result)
    for item, goal in zip(result.goals, data["goals"], strict=True):
        rates = [goal[name] for name in ("success_rate", "reach_rate", "misroute_rate", "zero_out_rate")]
        rates += [goal[name] for name in ("hang_up_rate", "person_rate", "dropped_rate", "cut_off_rate")]
        if item.figures.calls == 0:
            assert rates == [None] * 8 and goal["seconds"] == {"p50": None, "p90": None, "mean": None}
        else:
            assert all(rate is not None for rate in rates)
    none = simulate(menuset, goalset, 0).overall
    assert (none.success_rate, none.person_rate, none.rate(0)) == (None, None, None)


def test_shares_as_written_and_weights_as_drawn_like_predict():
    menuset, goalset = _example("northwind-energy")
    data = simulation_json(simulate(menuset, goalset, 10, seed=0))
    for goal, weight, written in zip(data["goals"], goalset.weights(), goalset.goals, strict=True):
        assert goal["share"] == written.share and goal["weight"] == pytest.approx(weight, abs=1e-6)
    assert any(goal.share is None for goal in goalset.goals)  # the two differ on this example


def test_a_goal_s_calls_are_played_in_its_language_as_predict_plays_them():
    import datetime as dt

    from ivrkit.goals import Goal, GoalSet

    menuset = load(ROOT / "menus" / "callback-booking.yaml")
    say = "soittakaa minulle huomenna takaisin tähän numeroon"
    goalset = GoalSet(
        "fi.goals.yaml", "callback-booking.yaml", (Goal(say, "fi", ("next_morning_this_number",), None, 0, None),)
    )
    saturday = dt.datetime(2026, 11, 28, 12, 0)
    predicted = predict(menuset, goalset, at=saturday).goals[0]
    assert predicted.example_language == "fi" and predicted.example_press == "1"
    simulated = simulate(menuset, goalset, 400, seed=3, at=saturday).goals[0].figures
    assert predicted.example_seconds in [seconds for seconds, _ in simulated.seconds]
    assert simulated.p50 == pytest.approx(predicted.example_seconds)

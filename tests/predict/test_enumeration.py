"""predict()'s enumeration through the engine, with a stand-in caller model (tests/predict/fake_model.py):
probability mass, merging, wrong turns, seconds and the replayable example."""

from __future__ import annotations

import pytest

import ivrkit
from ivrkit.engine.drive import parse_steps, run_call
from ivrkit.goals import GoalSet
from ivrkit.loader import loads
from ivrkit.predict.predict import PRUNE_BELOW, predict
from ivrkit.predict.results import prediction_json

from .fake_model import FakeModel
from .menus import goal, goals, shop


def one(menuset, item, **kwargs):
    return predict(menuset, goals(item), model=FakeModel(menuset, **kwargs)).goals[0]


def arrival(menuset, steps: str, targets) -> float | None:
    record = run_call(menuset, parse_steps(steps))
    return min((a.at for a in record.arrivals() if a.node in targets), default=None)


def accounted(prediction) -> float:
    """Every call ends somewhere: reached, ended elsewhere, hung up, or pruned (and reported)."""
    return prediction.p_reach + sum(prediction.endings.values()) + prediction.p_pruned


def test_a_clear_route_succeeds_and_replays():
    menuset = shop()
    found = one(menuset, goal("track where is my parcel", "tracking"))
    assert found.designed_key == "1" and found.top_key == "1"
    assert found.first_key["1"] == pytest.approx(0.9)
    assert sum(found.first_key.values()) == pytest.approx(1.0)
    assert found.p_success == pytest.approx(found.p_reach)
    assert found.p_success > 0.8
    assert accounted(found) == pytest.approx(1.0)
    assert found.example_press.startswith("1@")
    assert arrival(menuset, found.example_press, {"tracking"}) == pytest.approx(found.example_seconds, abs=1e-9)


def test_a_wrong_turn_is_a_misroute_with_its_option_and_words_and_recovery_costs_seconds():
    menuset = shop()
    # The main menu's labels share no word with the goal: its choice is given, 40% into the wrong submenu.
    found = one(
        menuset,
        goal("where is my parcel", "tracking"),
        fixed={"main": ({"1": 0.6, "2": 0.4}, 0.0)},
    )
    assert found.misroute == pytest.approx(0.4, abs=0.001)  # (and a little silence that ends at the agent)
    assert 0.5 < found.p_success < 0.6
    assert found.p_reach > found.p_success  # the lost callers press back and try again
    wrong = found.confusables[0]
    assert (wrong.node, wrong.key, wrong.label) == ("main", "2", "returns and refunds")
    assert wrong.probability == pytest.approx(0.4)
    direct = one(menuset, goal("where is my parcel", "tracking"), fixed={"main": ({"1": 1.0}, 0.0)})
    assert found.expected_seconds > direct.expected_seconds  # recovery from the wrong turn costs time
    assert direct.misroute < 0.01  # only silence three times over (the fallback)


def test_nothing_fits_waits_and_the_seconds_include_the_timeouts():
    menuset = shop()
    found = one(menuset, goal("zzz qqq", "agent"))
    assert found.top_key == "wait"
    assert found.first_key == {"wait": pytest.approx(0.7), "0": pytest.approx(0.3)}
    assert found.p_success == pytest.approx(1.0)  # the fallback after silence is the agent too
    pressed_zero = one(menuset, goal("zzz qqq", "agent"), fixed={"main": ({"0": 1.0}, 0.0)})
    assert found.expected_seconds > pressed_zero.expected_seconds + 5  # at least one timeout of 5 s
    assert arrival(menuset, found.example_press, {"agent"}) == pytest.approx(found.example_seconds)


def test_every_example_call_replays_to_the_same_second():
    for name in ("northwind-energy", "kaupunki-bilingual", "aurora-pankki"):
        menuset = ivrkit.load(f"examples/{name}.yaml")
        items = [
            goal(key.split("#")[-1].replace("_", " "), key, language=menuset.root.language, index=i)
            for i, key in enumerate(k for k, n in menuset.nodes.items() if n.terminal or n.type == "menu")
        ]
        prediction = predict(menuset, GoalSet("x", name, tuple(items)), model=FakeModel(menuset))
        for found in prediction.goals:
            assert accounted(found) == pytest.approx(1.0)
            assert 0 <= found.p_success <= found.p_reach <= 1 + 1e-9
            if found.example_seconds is not None:
                assert arrival(menuset, found.example_press, set(found.goal.reaches)) == pytest.approx(
                    found.example_seconds, abs=1e-6
                ), (name, found.goal.say, found.example_press)


def test_share_weighted_totals_and_json_fields():
    menuset = shop()
    prediction = predict(
        menuset,
        goals(goal("where is my parcel", "tracking", share=0.75), goal("zzz", "refunds", index=1)),
        model=FakeModel(menuset),
    )
    assert prediction.weights == pytest.approx((0.75, 0.25))
    expected = 0.75 * prediction.goals[0].p_success + 0.25 * prediction.goals[1].p_success
    assert prediction.success_rate == pytest.approx(expected)
    data = prediction_json(prediction)
    assert set(data) >= {"goals", "success_rate", "misroute_rate", "menus", "prune_below"}
    assert data["prune_below"] == PRUNE_BELOW
    first = data["goals"][0]
    assert set(first) >= {"say", "reaches", "p_success", "first_key", "expected_seconds", "example_press"}
    assert first["reaches"] == ["tracking"]
    main = next(menu for menu in data["menus"] if menu["node"] == "main")
    assert main["visits"] == pytest.approx(1.0)


def test_a_goal_reached_before_any_key():
    menuset = shop()
    found = one(menuset, goal("anything", "main"))
    assert found.p_success == 1.0 and found.first_key == {"-": 1.0}
    assert found.example_press == "" and found.expected_seconds == 0.0


def test_route_keys_are_the_keys_starting_a_fewest_keys_route():
    menuset = ivrkit.load("examples/aurora-pankki.yaml")
    found = predict(menuset, goals(goal("x", "neuvoja", language="fi")), model=FakeModel(menuset)).goals[0]
    assert found.designed_key == "4" and set(found.route_keys) == {"4", "0"}  # an option and the global 0
    menuset = ivrkit.load("examples/northwind-energy.yaml")
    found = predict(menuset, goals(goal("x", "customer_service")), model=FakeModel(menuset)).goals[0]
    # Every submenu's global 0 reaches customer service too, but only the main menu's 0 is a one-key route.
    assert found.designed_key == "0" and found.route_keys == ("0",)


def test_a_forced_step_is_never_the_confusable():
    # Pressing 3 (meter reading) for a customer-service goal enters the account-number block: the wrong turn is
    # the 3 at the main menu, not the entry or confirmation that follow it.
    menuset = ivrkit.load("examples/northwind-energy.yaml")
    found = one(menuset, goal("meter", "customer_service"), fixed={"main": ({"3": 1.0}, 0.0)})
    assert [(c.node, c.key) for c in found.confusables] == [("main", "3")]
    assert found.misroute == pytest.approx(1.0)


TWO_WAYS = """\
ivrkit: 1
name: two ways
language: en
entry: main
settings: {timeout: 5, retries: 2, fallback: agent}
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      "1": {label: pay a bill, goto: payments}
      "2": {label: settle an invoice, goto: payments}
  payments:
    type: menu
    say: Payments.
    options:
      "1": {label: by card, goto: card}
      "2": {label: by bank transfer, goto: bank}
  card: {type: transfer, number: "1"}
  bank: {type: transfer, number: "2"}
  agent: {type: transfer, number: "3"}
"""


def test_calls_by_two_keys_to_one_state_merge_and_keep_their_own_seconds(monkeypatch):
    import ivrkit.predict.predict as module

    menuset = loads(TWO_WAYS, "two.yaml")
    item = goal("by card", "card")
    both = {"main": ({"1": 0.5, "2": 0.5}, 0.0)}
    expanded = []
    real_expand = module._expand

    def expand(caller, branch, *args):
        expanded.append((branch.depth, branch.session.node, branch.mass))
        real_expand(caller, branch, *args)

    monkeypatch.setattr(module, "_expand", expand)
    mixed = one(menuset, item, fixed=both)
    # Both keys lead to the payments menu: one state there, carrying both calls.
    assert [(node, mass) for depth, node, mass in expanded if depth == 1] == [("payments", pytest.approx(1.0))]
    by_one = one(menuset, item, fixed={"main": ({"1": 1.0}, 0.0)})
    by_two = one(menuset, item, fixed={"main": ({"2": 1.0}, 0.0)})
    assert by_one.expected_seconds != by_two.expected_seconds  # "settle an invoice" is announced later
    assert mixed.p_success == pytest.approx(0.5 * by_one.p_success + 0.5 * by_two.p_success)
    expected = (0.5 * by_one.p_reach * by_one.expected_seconds + 0.5 * by_two.p_reach * by_two.expected_seconds) / (
        0.5 * by_one.p_reach + 0.5 * by_two.p_reach
    )
    assert mixed.expected_seconds == pytest.approx(expected, abs=1e-9)


def test_merged_and_unmerged_enumerations_agree(monkeypatch):
    import ivrkit.predict.predict as module

    for name in ("northwind-energy", "aurora-pankki"):
        menuset = ivrkit.load(f"examples/{name}.yaml")
        items = goals(
            *(
                goal(w, "customer_service" if name[0] == "n" else "neuvoja", index=i)
                for i, w in enumerate(["bill", "meter", "x"])
            )
        )
        merged = predict(menuset, items, model=FakeModel(menuset))
        monkeypatch.setattr(module, "_time_invariant", lambda menuset, at: False)  # the clock in every state key
        timed = predict(menuset, items, model=FakeModel(menuset))
        monkeypatch.undo()
        for a, b in zip(merged.goals, timed.goals, strict=True):
            assert (a.p_success, a.p_reach, a.misroute) == pytest.approx((b.p_success, b.p_reach, b.misroute))
            assert a.expected_seconds == pytest.approx(b.expected_seconds)

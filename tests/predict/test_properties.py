"""predict over random small menus and goals: it never raises, its probabilities are probabilities, and its
example calls replay through `ivrkit call`'s driver, in the language it names, to the second it reports."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.engine.drive import parse_steps, run_call
from ivrkit.goals import Goal, GoalSet
from ivrkit.loader import loads
from ivrkit.predict.predict import predict

from ..strategies import WORDS, menu_yaml, valid_menus


@st.composite
def menus_and_goals(draw):
    menu = draw(valid_menus(max_nodes=6))
    menuset = loads(menu_yaml(menu), "generated.yaml")
    keys = sorted(menuset.nodes)
    goals = []
    for index in range(draw(st.integers(1, 3))):
        say = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
        reaches = tuple(draw(st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True)))
        language = draw(st.sampled_from(menuset.root.languages))
        share = draw(st.one_of(st.none(), st.sampled_from([0.1, 0.3])))
        goals.append(Goal(say, language, reaches, share, index, None))
    return menuset, GoalSet("generated.goals.yaml", "generated.yaml", tuple(goals))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=menus_and_goals())
def test_predict_on_random_menus(case):
    menuset, goalset = case
    prediction = predict(menuset, goalset)
    assert 0 <= prediction.success_rate <= 1 + 1e-9 and 0 <= prediction.misroute_rate <= 1 + 1e-9
    for found in prediction.goals:
        for value in (found.p_success, found.p_reach, found.misroute, found.p_hang_up, found.p_pruned):
            assert -1e-12 <= value <= 1 + 1e-9
        assert found.p_success <= found.p_reach + 1e-12
        assert all(0 <= value <= 1 + 1e-9 for value in found.first_key.values())
        assert 1 - found.p_pruned - 1e-9 <= sum(found.first_key.values()) <= 1 + 1e-9
        assert found.p_reach + sum(found.endings.values()) + found.p_pruned == pytest.approx(1.0, abs=1e-9)
        if found.p_reach > 0:
            assert found.expected_seconds is not None and found.expected_seconds >= 0
        if found.example_seconds is not None:
            record = run_call(menuset, parse_steps(found.example_press), language=found.example_language)
            arrivals = [a.at for a in record.arrivals() if a.node in found.goal.reaches]
            assert arrivals and arrivals[0] == pytest.approx(found.example_seconds, abs=1e-6)

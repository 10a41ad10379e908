"""`MenuFacts.menus_to` and `MenuFacts.choice_paths` read each edge's cost without a loop per edge kind
(destinations that stop a call found once, one edge's cost read directly): the same answers, in the same
order, as their plain definitions on generated menus."""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.analysis import analyse
from ivrkit.analysis.facts import FAILURE_KINDS, ROUTE_OUT_OF_DESTINATION
from ivrkit.loader import loads

from ..strategies import menu_yaml, valid_menus


def _plain_menus_to(facts, exits):
    nodes = facts.menuset.nodes
    distance = {key: 0 for key in exits}
    queue = deque(exits)
    pred = facts.graph.pred
    while queue:
        key = queue.popleft()
        for source, parallel in pred[key].items():
            if nodes[source].terminal and source not in exits:
                continue
            cost = 2
            for edge in parallel:
                kind = edge["kind"]
                if kind in ROUTE_OUT_OF_DESTINATION:
                    continue
                if not edge["keypress"] and kind not in FAILURE_KINDS:
                    cost = 0
                    break
                cost = 1
            if cost == 2:
                continue
            new = distance[key] + cost
            if source in distance and distance[source] <= new:
                continue
            distance[source] = new
            if cost:
                queue.append(source)
            else:
                queue.appendleft(source)
    return distance


def _plain_choice_paths(facts):
    nodes = facts.menuset.nodes
    entry = facts.menuset.entry
    depth = {entry: 0}
    parent = {entry: None}
    queue = deque([entry])
    while queue:
        key = queue.popleft()
        if nodes[key].terminal:
            continue
        for target, parallel in facts.graph.succ[key].items():
            for edge in parallel:
                kind = edge["kind"]
                if kind == "back" or kind in FAILURE_KINDS or kind in ROUTE_OUT_OF_DESTINATION:
                    continue
                cost = 1 if edge["keypress"] else 0
                new = depth[key] + cost
                if target in depth and depth[target] <= new:
                    continue
                depth[target] = new
                parent[target] = (key, edge)
                if cost:
                    queue.append(target)
                else:
                    queue.appendleft(target)
    return depth, parent


@settings(max_examples=200, deadline=None)
@given(valid_menus(max_nodes=10), st.data())
def test_menus_to_and_choice_paths_answer_as_their_plain_definitions(menu, data):
    facts = analyse(loads(menu_yaml(menu)))
    keys = sorted(facts.menuset.nodes)
    for exits in (facts.people, set(data.draw(st.lists(st.sampled_from(keys), max_size=4)))):
        found = facts.menus_to(exits)
        plain = _plain_menus_to(facts, exits)
        assert found == plain
        assert list(found) == list(plain)  # the same order of discovery too
    depth, parent = facts.choice_paths
    plain_depth, plain_parent = _plain_choice_paths(facts)
    assert list(depth.items()) == list(plain_depth.items())
    assert list(parent) == list(plain_parent)
    assert all(parent[key] is None or parent[key][1] is plain_parent[key][1] for key in parent)

"""The searches of ivrkit.analysis agree with networkx, on random graphs and on very long chains."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.analysis import search
from ivrkit.gcpause import gc_paused

KINDS = ("option", "next", "back", "fallback")


def _edge(kind: str, keypress: bool, key: str = "1") -> dict:
    return {"kind": kind, "key": key, "keypress": keypress}


@st.composite
def adjacencies(draw):
    """A random ``{node: {target: [edge, ...]}}`` over up to 12 nodes, self loops and parallel edges included."""
    count = draw(st.integers(1, 12))
    nodes = [f"n{i}" for i in range(count)]
    succ: dict = {node: {} for node in nodes}
    for _ in range(draw(st.integers(0, 3 * count))):
        source = draw(st.sampled_from(nodes))
        target = draw(st.sampled_from(nodes))
        kind = draw(st.sampled_from(KINDS))
        succ[source].setdefault(target, []).append(_edge(kind, draw(st.booleans()), draw(st.sampled_from("12#*"))))
    return succ


def _pred(succ: dict) -> dict:
    pred: dict = {node: {} for node in succ}
    for source, targets in succ.items():
        for target, parallel in targets.items():
            pred[target][source] = parallel
    return pred


def _networkx(succ: dict, skip_back: bool) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(succ)
    for source, targets in succ.items():
        for target, parallel in targets.items():
            costs = [int(e["keypress"]) for e in parallel if not (skip_back and e["kind"] == "back")]
            if costs:
                G.add_edge(source, target, weight=min(costs))
    return G


@given(adjacencies(), st.data())
def test_searches_match_networkx(succ, data):
    nodes = list(succ)
    start = data.draw(st.sampled_from(nodes))
    forward = _networkx(succ, skip_back=True)
    every = _networkx(succ, skip_back=False)
    assert search.reachable(succ, start) == nx.descendants(forward, start) | {start}
    assert search.keypress_depth(succ, start) == nx.single_source_dijkstra_path_length(forward, start)

    terminals = set(data.draw(st.lists(st.sampled_from(nodes), unique=True)))
    trapped = {n for n in nodes if not (nx.descendants(every, n) | {n}) & terminals}
    assert search.cannot_reach_terminal(_pred(succ), terminals) == trapped

    within = set(data.draw(st.lists(st.sampled_from(nodes), unique=True)))
    expected = {frozenset(c) for c in nx.strongly_connected_components(every.subgraph(within))}
    assert {frozenset(c) for c in search.strongly_connected_components(succ, within)} == expected
    assert search.loops_without_exit(succ, trapped) == sorted(
        sorted(c)
        for c in nx.strongly_connected_components(every.subgraph(trapped))
        if len(c) > 1 or every.has_edge(*2 * list(c))
    )


def test_a_100k_node_loop_needs_no_recursion():
    """A chain of 100,000 nodes that loops back to its start: one loop, found without a deep recursion."""
    size = 100_000
    nodes = [f"m{i}" for i in range(size)]
    step = [_edge("next", False)]
    with gc_paused():  # 200,000 small dicts: the collector would walk them again and again
        ring = {node: {nodes[(i + 1) % size]: step} for i, node in enumerate(nodes)}
        assert search.loops_without_exit(ring, set(nodes)) == [sorted(nodes)]
        assert len(search.reachable(ring, "m0")) == size
        del ring["m99999"]["m0"]  # the chain no longer closes: no loop, and every node reaches its end
        assert search.loops_without_exit(ring, set(nodes)) == []
        assert search.cannot_reach_terminal(_pred(ring), {"m99999"}) == set()


def test_pressed_keys_writes_an_extension_pattern_as_extension_keys():
    assert search.pressed_keys(_edge("option", True, "12#")) == "12#"
    assert search.pressed_keys(_edge("extension", True, "3-4 digits")) == search.EXTENSION_KEYS
    assert search.pressed_keys(_edge("extension", True, None)) == search.EXTENSION_KEYS

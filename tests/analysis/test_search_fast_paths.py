"""`search.reachable` and `search.keypress_depth` read the adjacency directly (no generator per node, one
edge's cost without a list): the same answers as the definitions through `forward` and a list of costs."""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.analysis import search

NODES = [f"n{i}" for i in range(7)]
EDGES = st.lists(
    st.tuples(
        st.sampled_from(NODES),
        st.sampled_from(NODES),
        st.sampled_from(["option", "next", "back", "no-match", "return"]),
        st.booleans(),
    ),
    max_size=25,
)


def _adjacency(edges) -> dict:
    succ: dict = {node: {} for node in NODES}
    for source, target, kind, keypress in edges:
        succ[source].setdefault(target, []).append({"kind": kind, "keypress": keypress})
    return succ


def _plain_reachable(succ, start):
    seen, stack = {start}, [start]
    while stack:
        for target, _ in search.forward(succ, stack.pop()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _plain_depth(succ, entry):
    depth, queue = {entry: 0}, deque([entry])
    while queue:
        node = queue.popleft()
        for target, parallel in succ[node].items():
            costs = [edge["keypress"] for edge in parallel if edge["kind"] != "back"]
            if not costs:
                continue
            cost = min(costs)
            new = depth[node] + cost
            if target in depth and depth[target] <= new:
                continue
            depth[target] = new
            if cost:
                queue.append(target)
            else:
                queue.appendleft(target)
    return depth


@settings(max_examples=400, deadline=None)
@given(EDGES, st.sampled_from(NODES))
def test_the_searches_answer_as_their_plain_definitions(edges, start):
    succ = _adjacency(edges)
    assert search.reachable(succ, start) == _plain_reachable(succ, start)
    depth = search.keypress_depth(succ, start)
    assert depth == _plain_depth(succ, start)
    assert list(depth) == list(_plain_depth(succ, start))  # the same order of discovery too

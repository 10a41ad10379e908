"""`MenuFacts.free_closure` keeps every answer, a menu's or a destination's one-node closure included: each
answer, first or kept, is the walk written out plainly here, for every node of the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.analysis import analyse
from ivrkit.analysis.facts import _FREE_KINDS
from ivrkit.loader import load

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = sorted(
    p
    for p in [*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("flawed/*.yaml")]
    if ".calls." not in p.name and ".goals." not in p.name
)


def _plain_walk(facts, start: str, through_inputs: bool) -> list[str]:
    nodes = facts.menuset.nodes
    order, seen, stack = [start], {start}, [start]
    while stack:
        key = stack.pop()
        node = nodes[key]
        if node.terminal or node.type == "menu" or (node.type == "input" and not through_inputs):
            continue
        for target, parallel in facts.graph.succ[key].items():
            for edge in parallel:
                if (
                    edge["kind"] != "back"
                    and edge["kind"] in _FREE_KINDS
                    and not edge["keypress"]
                    and target not in seen
                ):
                    seen.add(target)
                    order.append(target)
                    stack.append(target)
    return order


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_kept_closure_is_the_plain_walk(path):
    try:
        menuset = load(path)
    except Exception:  # a flawed example that does not load is the loader's test
        pytest.skip("does not load")
    facts = analyse(menuset)
    for through_inputs in (False, True):
        for key in menuset.nodes:
            first = facts.free_closure(key, through_inputs)
            assert first == _plain_walk(facts, key, through_inputs)
            assert facts.free_closure(key, through_inputs) is first  # kept, a one-node closure too


def test_the_two_walks_keep_their_answers_apart(tmp_path: Path):
    (tmp_path / "m.yaml").write_text(
        "ivrkit: 1\nname: t\nentry: pin\nnodes:\n"
        "  pin: {type: input, say: Your PIN., digits: {min: 4, max: 4}, next: agent}\n"
        "  agent: {type: transfer, queue: general}\n",
        encoding="utf-8",
    )
    facts = analyse(load(tmp_path / "m.yaml"))
    assert facts.free_closure("pin") == ["pin"]
    assert facts.free_closure("pin", through_inputs=True) == ["pin", "agent"]
    assert facts.free_closure("agent") == ["agent"]
    assert facts.free_closure("pin") == ["pin"]

"""The analysis facts are the answers of the networkx view (ivrkit.graph), and the two graphs walk alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from ivrkit import graph
from ivrkit.analysis import analyse
from ivrkit.lint.context import Context
from ivrkit.loader import load, loads

from ..strategies import menu_yaml, valid_menus
from ..test_graph import ACCOUNT, EVERY_KIND, MAIN, TRAPS

ROOT = Path(__file__).resolve().parent.parent.parent
MENUS = [
    path
    for path in sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "examples" / "flawed").glob("*.yaml"))
    if not path.name.endswith((".calls.yaml", ".goals.yaml"))
]


def _edges(adjacency) -> list[tuple]:
    """Every edge in the order a search meets it, from networkx (``{u: {v: {i: d}}}``) or analysis (``{u: {v: [d]}}``)."""
    return [
        (node, other, dict(data))
        for node, nbrs in adjacency.items()
        for other, parallel in nbrs.items()
        for data in (parallel.values() if hasattr(parallel, "values") else parallel)
    ]


def _same_answers(menuset) -> None:
    G = graph.build(menuset)
    facts = analyse(menuset)
    call_graph = facts.graph
    assert list(call_graph) == list(G)
    assert {key: call_graph.node_attrs(key) for key in call_graph} == dict(G.nodes(data=True))
    assert _edges(call_graph.succ) == _edges(G.succ)
    assert _edges(call_graph.pred) == _edges(G.pred)
    for key in call_graph:
        assert list(call_graph.in_edges(key)) == list(G.in_edges(key, data=True))
    assert facts.reachable == graph.reachable(G)
    assert facts.unreachable == graph.unreachable(G)
    assert facts.destinations == graph.destinations(G)
    assert facts.cannot_reach_terminal == graph.cannot_reach_terminal(G)
    assert facts.loops_without_exit == graph.loops_without_exit(G)
    assert facts.keypress_depth == graph.keypress_depth(G)
    assert facts.key_sequences == graph.shortest_key_sequence(G)
    assert facts.people == {key for key, person in G.nodes(data="person") if person}
    for key in call_graph:
        assert facts.reachable_from(key) == graph.reachable(G, key)


@given(valid_menus())
def test_facts_match_the_networkx_view_on_random_menus(menu):
    _same_answers(loads(menu_yaml(menu)))


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_facts_match_the_networkx_view_on_the_shipped_menus(path):
    _same_answers(load(path))


def test_facts_match_the_networkx_view_across_files(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "account.yaml").write_text(ACCOUNT)
    (tmp_path / "main.yaml").write_text(MAIN)
    menuset = load(tmp_path / "main.yaml")
    _same_answers(menuset)
    returns = [(source, target) for source, target, edge in analyse(menuset).graph.edges if edge["kind"] == "return"]
    assert returns == [("blocks/account.yaml#check", "pay")]


def test_facts_on_a_menu_with_traps():
    facts = analyse(loads(TRAPS))
    assert facts.unreachable == {"lead_in"}
    assert facts.cannot_reach_terminal == {"news", "weather", "stuck", "lead_in"}
    assert facts.loops_without_exit == [["news", "weather"], ["stuck"]]
    assert facts.stuck == facts.cannot_reach_terminal  # no building block: no open return
    assert facts.stuck_loops == [["news", "weather"], ["stuck"]]
    assert facts.leading_into_loops == {"news", "weather", "stuck", "lead_in"}


def test_facts_are_computed_once_and_shared_by_the_context():
    menuset = loads(EVERY_KIND)
    facts = analyse(menuset)
    ctx = Context(menuset, facts=facts)
    assert ctx.reachable is facts.reachable is facts.reachable
    assert ctx.key_sequences is facts.key_sequences
    assert ctx.graph is facts.graph
    # A branch goes on by itself to both its cases; an input stops the call unless asked to go through it.
    assert facts.free_closure("start") == ["start", "main", "closed_message", "goodbye"]
    assert facts.free_closure("pin") == ["pin"]
    assert facts.free_closure("pin", through_inputs=True) == ["pin", "agent"]
    assert facts.free_closure("pin") is facts.free_closure("pin")


def test_a_building_block_return_is_an_open_way_out(tmp_path: Path):
    (tmp_path / "block.yaml").write_text(
        "ivrkit: 1\nname: Block\nentry: ask\nnodes:\n"
        "  ask:\n    type: menu\n    global_options: false\n    options:\n"
        '      "1": {label: go on, goto: return}\n'
        '      "2": {label: hear it again, goto: again}\n'
        "  again: {type: message, say: Again., next: ask}\n",
        encoding="utf-8",
    )
    facts = analyse(load(tmp_path / "block.yaml"))
    assert facts.open_returns == {"ask"}
    assert facts.cannot_reach_terminal == {"ask", "again"}
    assert facts.stuck == set()  # both can leave by the return
    assert facts.stuck_loops == []

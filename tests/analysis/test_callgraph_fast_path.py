"""The call graph's quick path for menus (`_Builder.add_options`, options turned into edges without a `Route`)
gives the graph the general path (`MenuSet.routes` -> `add_route`) gives: the same edges, in the same order, for
any menu set."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.analysis import callgraph
from ivrkit.analysis.callgraph import build_call_graph
from ivrkit.loader import load, loads
from ivrkit.model import MenuSet
from tests.strategies import menu_yaml, valid_menus

_ROOT = Path(__file__).resolve().parents[2]
_EXAMPLES = sorted(
    path
    for folder in ("examples", "menus", "tests/fixtures")
    for path in (_ROOT / folder).rglob("*.yaml")
    if not path.name.endswith((".calls.yaml", ".goals.yaml"))
)


def _both_ways(menuset: MenuSet, monkeypatch: pytest.MonkeyPatch) -> tuple[callgraph.CallGraph, callgraph.CallGraph]:
    quick = build_call_graph(menuset)
    with monkeypatch.context() as patched:
        patched.setattr(callgraph._Builder, "quick", False)
        general = build_call_graph(menuset)
    return quick, general


def _assert_same(quick: callgraph.CallGraph, general: callgraph.CallGraph) -> None:
    assert quick.edges == general.edges
    assert list(quick.succ) == list(general.succ)
    assert [list(targets) for targets in quick.succ.values()] == [list(targets) for targets in general.succ.values()]
    assert quick.succ == general.succ


def _with_more_routes(menu: dict, data: st.DataObject) -> dict:
    """Menus with what `valid_menus` never writes: per-menu global options, a `then`, a `fallback`."""
    nodes = menu["nodes"]
    menus = [name for name, node in nodes.items() if node["type"] == "menu"]
    terminals = [name for name in nodes if name.startswith("t")]
    for name in menus:
        node = nodes[name]
        if "global_options" in menu and data.draw(st.booleans()):
            node["global_options"] = data.draw(st.sampled_from([False, ["0"], ["*"], ["0", "*"], []]))
        if data.draw(st.integers(0, 3)) == 0:
            node["fallback"] = data.draw(st.sampled_from(terminals))
        if data.draw(st.integers(0, 3)) == 0:
            key = data.draw(st.sampled_from(sorted(node["options"])))
            node["options"][key]["share"] = 0.1
    return menu


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus(), st.data())
def test_the_quick_path_builds_the_general_graph(menu: dict, data: st.DataObject) -> None:
    menuset = loads(menu_yaml(_with_more_routes(menu, data)))
    with pytest.MonkeyPatch.context() as monkeypatch:
        _assert_same(*_both_ways(menuset, monkeypatch))


def _loads(path: Path) -> bool:
    try:
        load(path)
    except Exception:  # noqa: BLE001 - a flawed example that does not load has no graph
        return False
    return True


_LOADING = [path for path in _EXAMPLES if _loads(path)]


@pytest.mark.parametrize("path", _LOADING, ids=lambda path: str(path.relative_to(_ROOT)))
def test_the_quick_path_builds_the_general_graph_of_every_example(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same(*_both_ways(load(path), monkeypatch))


def test_every_shipped_example_and_menu_is_among_those_compared() -> None:
    assert {path for path in _EXAMPLES if path.parent.name in ("examples", "menus")} <= set(_LOADING)


def test_the_examples_hold_returns_thens_and_other_files() -> None:
    """The examples above exercise what the generated menus do not: returns, `then` and edges between files."""
    kinds, cross = set(), False
    for path in _EXAMPLES:
        try:
            graph = build_call_graph(load(path))
        except Exception:  # noqa: BLE001
            continue
        for _, _, edge in graph.edges:
            kinds.add(edge["kind"])
            cross = cross or edge["cross_file"]
    assert {"option", "global-option", "back", "repeat", "return", "fallback"} <= kinds
    assert cross


_MAIN = """\
ivrkit: 1
name: main
entry: m0
nodes:
  m0:
    type: menu
    say: Welcome.
    options:
      "1": {label: billing, goto: sub.yaml#s0}
      "2": {label: an adviser, goto: t}
  t: {type: transfer, queue: general}
"""

_SUB = """\
ivrkit: 1
name: sub
entry: s0
nodes:
  s0:
    type: menu
    say: Billing.
    options:
      "1": {label: more billing, goto: s1}
      "9": {label: go back, action: back}
  s1:
    type: menu
    say: More billing.
    options:
      "1": {label: the billing menu, goto: s0}
      "2": {label: the billing team, goto: t}
  t: {type: transfer, queue: billing}
"""


def test_the_back_edges_of_one_option_into_this_file_and_another_keep_their_own_cross_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`s0`'s `back` leads to `m0` in main.yaml and to `s1` in its own file: two edges of one route, one across
    files and one not (the quick path shares one edge dict per side)."""
    (tmp_path / "main.yaml").write_text(_MAIN, encoding="utf-8")
    (tmp_path / "sub.yaml").write_text(_SUB, encoding="utf-8")
    quick, general = _both_ways(load(tmp_path / "main.yaml"), monkeypatch)
    _assert_same(quick, general)
    backs = {
        (source, target): edge
        for graph in (quick, general)
        for source, target, edge in graph.edges
        if edge["kind"] == "back"
    }
    assert {(source, target) for source, target in backs} == {("sub.yaml#s0", "sub.yaml#s1"), ("sub.yaml#s0", "m0")}
    for graph in (quick, general):
        edges = {(source, target): edge for source, target, edge in graph.edges if edge["kind"] == "back"}
        assert edges[("sub.yaml#s0", "sub.yaml#s1")]["cross_file"] is False
        assert edges[("sub.yaml#s0", "m0")]["cross_file"] is True
        assert edges[("sub.yaml#s0", "sub.yaml#s1")]["key"] == edges[("sub.yaml#s0", "m0")]["key"] == "9"

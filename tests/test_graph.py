"""The call graph: every edge kind, and the questions asked of the graph."""

from __future__ import annotations

import textwrap
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit import graph
from ivrkit.loader import load, loads

from .strategies import menu_yaml, valid_menus

# One menu with every edge kind that fits in one file. Line numbers matter:
# the tests pin where each edge is written.
EVERY_KIND = """\
ivrkit: 1
name: Every edge kind
entry: start
settings:
  fallback: goodbye
global_options:
  "0": {label: speak with an agent, goto: agent}
  "*": {label: hear these options again, action: repeat}
schedules:
  office:
    timezone: Europe/Helsinki
    hours: {mon-fri: "08:00-16:00"}
nodes:
  start:
    type: branch
    schedule: office
    cases: {open: main}
    default: closed_message
  closed_message:
    type: message
    say: We are closed.
    next: goodbye
  main:
    type: menu
    say: Main menu.
    options:
      "1": {label: pay your bill, goto: pin, share: 0.6}
      "2": {label: more options, goto: more}
    extensions: {min: 3, max: 4, goto: desk}
    no_input: {say: Are you still there?, goto: agent}
    no_match: [{say: Sorry.}]
  more:
    type: menu
    say: More options.
    global_options: false
    options:
      "1": {label: go back, action: back}
      "2": {label: start again, action: top}
    no_match: {goto: main}
    fallback: agent
  pin:
    type: input
    say: Enter your PIN.
    digits: {min: 4, max: 4}
    secret: true
    next: agent
  desk:
    type: transfer
    number: "{extension}"
    person: false
    busy: voicemail
    no_answer: voicemail
  agent:
    type: transfer
    queue: general
    hours: office
    closed: voicemail
    max_wait: 600
    overflow: voicemail
    callback: {offer_after: 120, goto: book}
  book: {type: callback}
  voicemail: {type: voicemail}
  goodbye: {type: hangup, say: Goodbye.}
"""

# (source, target, kind, key, label, share, keypress, line, col); no edge here crosses files.
EVERY_KIND_EDGES = [
    ("start", "main", "case", "open", "open", None, False, 17, 19),
    ("start", "closed_message", "default", None, "default", None, False, 18, 14),
    ("closed_message", "goodbye", "next", None, None, None, False, 22, 11),
    ("main", "pin", "option", "1", "pay your bill", 0.6, True, 27, 12),
    ("main", "more", "option", "2", "more options", None, True, 28, 12),
    ("main", "desk", "extension", "3-4 digits", None, None, True, 29, 17),
    ("main", "agent", "no-input", None, None, None, False, 30, 15),
    ("main", "agent", "global-option", "0", "speak with an agent", None, True, 7, 8),
    ("main", "main", "repeat", "*", "hear these options again", None, True, 8, 8),
    ("main", "goodbye", "fallback", None, None, None, False, 5, 13),
    ("more", "start", "top", "2", "start again", None, True, 38, 12),
    ("more", "main", "no-match", None, None, None, False, 39, 15),
    ("more", "main", "back", "1", "go back", None, True, 37, 12),
    ("more", "agent", "fallback", None, None, None, False, 40, 15),
    ("pin", "agent", "next", None, None, None, False, 46, 11),
    ("pin", "goodbye", "fallback", None, None, None, False, 5, 13),
    ("desk", "voicemail", "busy", None, None, None, False, 51, 11),
    ("desk", "voicemail", "no-answer", None, None, None, False, 52, 16),
    ("agent", "voicemail", "closed", None, None, None, False, 57, 13),
    ("agent", "voicemail", "overflow", None, None, None, False, 59, 15),
    ("agent", "book", "callback", None, None, None, False, 60, 40),
]

MAIN = """\
ivrkit: 1
name: Northwind
entry: main
global_options:
  "0": {label: speak with an agent, goto: agent}
nodes:
  main:
    type: menu
    say: Main menu.
    options:
      "1": {label: pay your bill, goto: blocks/account.yaml, then: pay}
  pay: {type: transfer, queue: payments}
  agent: {type: transfer, queue: general}
"""

ACCOUNT = """\
ivrkit: 1
name: Account number
entry: intro
nodes:
  intro:
    type: message
    say: We need your account number.
    next: ask
  ask:
    type: input
    say: Enter your account number.
    digits: {min: 6, max: 8}
    next: check
  check:
    type: menu
    say: Is that right?
    options:
      "1": {label: confirm, goto: return}
      "2": {label: enter it again, goto: ask}
"""


def _menu(nodes: str, entry: str = "main", extra: str = "") -> str:
    """A menu file around `nodes` (YAML indented under ``nodes:``)."""
    header = f"ivrkit: 1\nname: Test\nentry: {entry}\n{extra}nodes:\n"
    return header + textwrap.indent(textwrap.dedent(nodes), "  ")


def _edges(G: nx.MultiDiGraph) -> list[tuple]:
    return [
        (u, v, d["kind"], d["key"], d["label"], d["share"], d["keypress"], d["line"], d["col"])
        for u, v, d in G.edges(data=True)
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project root holding main.yaml, which enters blocks/account.yaml."""
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "account.yaml").write_text(ACCOUNT)
    (tmp_path / "main.yaml").write_text(MAIN)
    return tmp_path


# --- build ------------------------------------------------------------------


def test_every_edge_kind_of_one_file():
    G = graph.build(loads(EVERY_KIND))
    assert sorted(_edges(G)) == sorted(EVERY_KIND_EDGES)
    assert not any(cross for _, _, cross in G.edges(data="cross_file"))
    assert G.graph["entry"] == "start"


def test_node_attributes():
    G = graph.build(loads(EVERY_KIND, "menu.yaml"))
    assert G.nodes["main"] == {
        "type": "menu",
        "id": "main",
        "file": "menu.yaml",
        "label": "main",
        "terminal": False,
        "person": False,
        "line": 23,
        "col": 3,
    }
    assert G.nodes["agent"]["person"] is True
    assert G.nodes["desk"]["person"] is False
    assert graph.destinations(G) == {"desk", "agent", "book", "voicemail", "goodbye"}


def test_reprompt_handlers_add_no_edge():
    G = graph.build(loads(EVERY_KIND))
    assert [d["kind"] for _, _, d in G.edges("main", data=True)].count("no-match") == 0


def test_cross_file_call_and_return(project: Path):
    G = graph.build(load(project / "main.yaml"))
    check = "blocks/account.yaml#check"
    assert G.nodes[check]["label"] == "account#check"
    assert G.nodes[check]["file"] == "blocks/account.yaml"
    call = G.get_edge_data("main", "blocks/account.yaml#intro")[0]
    assert (call["kind"], call["key"], call["cross_file"]) == ("option", "1", True)
    (back,) = G.get_edge_data(check, "pay").values()
    assert back == {
        "kind": "return",
        "key": "1",
        "label": "confirm",
        "share": None,
        "keypress": True,
        "cross_file": True,
        "line": 18,
        "col": 12,
    }
    assert not G.has_edge("main", "pay")


def test_every_kind_is_covered(project: Path):
    kinds = {kind for _, _, kind in graph.build(loads(EVERY_KIND)).edges(data="kind")}
    kinds |= {kind for _, _, kind in graph.build(load(project / "main.yaml")).edges(data="kind")}
    assert kinds == set(graph.EDGE_KINDS)


def test_return_goes_to_every_callers_then(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "block.yaml").write_text(
        _menu(
            """\
        ask:
          type: message
          say: One moment.
          next: return
        """,
            entry="ask",
        )
    )
    (tmp_path / "main.yaml").write_text(
        _menu("""\
        main:
          type: menu
          say: Main menu.
          options:
            "1": {label: pay, goto: block.yaml, then: pay}
            "2": {label: move house, goto: block.yaml#ask, then: move}
        pay: {type: transfer, queue: payments}
        move: {type: transfer, queue: moves}
        """)
    )
    G = graph.build(load(tmp_path / "main.yaml"))
    returns = sorted((u, v) for u, v, kind in G.edges(data="kind") if kind == "return")
    assert returns == [("block.yaml#ask", "move"), ("block.yaml#ask", "pay")]
    assert G.get_edge_data("block.yaml#ask", "pay")[0]["keypress"] is False


def test_then_return_passes_on_the_callers_then(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "inner.yaml").write_text(
        _menu(
            """\
        done: {type: message, say: Done., next: return}
        """,
            entry="done",
        )
    )
    (tmp_path / "outer.yaml").write_text(
        _menu(
            """\
        hop: {type: message, say: Hop., next: inner.yaml, then: return}
        """,
            entry="hop",
        )
    )
    (tmp_path / "main.yaml").write_text(
        _menu("""\
        main: {type: message, say: Hi., next: outer.yaml, then: agent}
        agent: {type: transfer, queue: general}
        """)
    )
    G = graph.build(load(tmp_path / "main.yaml"))
    assert G.has_edge("inner.yaml#done", "agent")
    assert graph.cannot_reach_terminal(G) == set()


def test_back_goes_to_every_node_leading_in():
    G = graph.build(
        loads(
            _menu("""\
        main:
          type: menu
          say: Main.
          options:
            "1": {label: billing, goto: billing}
            "2": {label: moving, goto: moving}
        billing: {type: message, say: Billing., next: shared}
        moving: {type: message, say: Moving., next: shared}
        orphan: {type: message, say: Nobody comes here., next: shared}
        shared:
          type: menu
          say: Shared.
          options:
            "1": {label: talk to us, goto: agent}
            "*": {label: go back, action: back}
        agent: {type: transfer, queue: general}
        """)
        )
    )
    backs = sorted(v for _, v, kind in G.edges("shared", data="kind") if kind == "back")
    assert backs == ["billing", "moving", "orphan"]
    assert graph.unreachable(G) == {"orphan"}


# --- questions --------------------------------------------------------------

TRAPS = _menu("""\
    main:
      type: menu
      say: Main.
      options:
        "1": {label: hear the news, goto: news}
        "2": {label: stuck, goto: stuck}
        "3": {label: more, goto: more}
    news: {type: message, say: News., next: weather}
    weather: {type: message, say: Weather., next: news}
    stuck:
      type: menu
      say: Stuck.
      global_options: false
      options:
        "1": {label: hear this again, action: repeat}
    more:
      type: menu
      say: More.
      options:
        "1": {label: main menu, goto: main}
        "0": {label: an agent, goto: agent}
    lead_in: {type: message, say: Lead in., next: news}
    agent: {type: transfer, queue: general}
    """)


def test_reachable_and_unreachable():
    G = graph.build(loads(TRAPS))
    assert graph.reachable(G) == {"main", "news", "weather", "stuck", "more", "agent"}
    assert graph.reachable(G, "news") == {"news", "weather"}
    assert graph.unreachable(G) == {"lead_in"}


def test_cannot_reach_terminal():
    G = graph.build(loads(TRAPS))
    assert graph.cannot_reach_terminal(G) == {"news", "weather", "stuck", "lead_in"}


def test_loops_without_exit():
    G = graph.build(loads(TRAPS))
    assert graph.loops_without_exit(G) == [["news", "weather"], ["stuck"]]


def test_a_loop_with_an_exit_is_fine():
    G = graph.build(loads(EVERY_KIND))
    assert graph.cannot_reach_terminal(G) == set()
    assert graph.loops_without_exit(G) == []


def test_keypress_depth_and_key_sequence():
    G = graph.build(loads(EVERY_KIND))
    assert graph.keypress_depth(G) == {
        "start": 0,
        "main": 0,
        "closed_message": 0,
        "goodbye": 0,
        "agent": 0,
        "voicemail": 0,
        "book": 0,
        "pin": 1,
        "more": 1,
        "desk": 1,
    }
    assert graph.shortest_key_sequence(G) == {
        "start": "",
        "main": "",
        "closed_message": "",
        "goodbye": "",
        "agent": "",
        "voicemail": "",
        "book": "",
        "pin": "1",
        "more": "2",
        "desk": "{extension}",
    }


def test_key_sequence_through_global_options_and_files(project: Path):
    G = graph.build(load(project / "main.yaml"))
    assert graph.shortest_key_sequence(G) == {
        "main": "",
        "agent": "0",
        "blocks/account.yaml#intro": "1",
        "blocks/account.yaml#ask": "1",
        "blocks/account.yaml#check": "1",
        "pay": "11",
    }
    assert graph.keypress_depth(G) == {
        "main": 0,
        "agent": 1,
        "blocks/account.yaml#intro": 1,
        "blocks/account.yaml#ask": 1,
        "blocks/account.yaml#check": 1,
        "pay": 2,
    }


def test_key_sequence_prefers_fewer_keys_then_key_order():
    G = graph.build(
        loads(
            _menu("""\
        main:
          type: menu
          say: Main.
          options:
            "#": {label: the long way, goto: hub}
            "2": {label: the short way, goto: hub}
            "3": {label: a detour, goto: detour}
        detour:
          type: menu
          say: Detour.
          options:
            "1": {label: the target, goto: target}
        hub:
          type: menu
          say: Hub.
          options:
            "9": {label: the target, goto: target}
        target: {type: hangup}
        """)
        )
    )
    sequences = graph.shortest_key_sequence(G)
    assert sequences["hub"] == "2"
    assert sequences["target"] == "29"
    assert graph.keypress_depth(G)["target"] == 2


def test_back_edges_do_not_shorten_paths():
    G = graph.build(
        loads(
            _menu("""\
        main:
          type: menu
          say: Main.
          options:
            "1": {label: one, goto: one}
        one:
          type: menu
          say: One.
          options:
            "1": {label: two, goto: two}
        two:
          type: menu
          say: Two.
          options:
            "1": {label: shared, goto: shared}
        shared:
          type: menu
          say: Shared.
          options:
            "*": {label: go back, action: back}
            "0": {label: an agent, goto: agent}
        agent: {type: transfer, queue: general}
        side: {type: message, say: Side., next: shared}
        """)
        )
    )
    depth = graph.keypress_depth(G)
    assert "side" not in depth
    assert depth["shared"] == 3
    assert graph.shortest_key_sequence(G)["agent"] == "1110"


# --- properties: the answers agree with plain networkx on random menus -------


def _weighted(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The graph without ``back`` edges, one edge per pair weighted by its cheapest keypress."""
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        if d["kind"] != "back":
            weight = min(int(d["keypress"]), D.edges[u, v]["weight"] if D.has_edge(u, v) else 1)
            D.add_edge(u, v, weight=weight)
    return D


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus())
def test_answers_match_networkx(menu):
    menuset = loads(menu_yaml(menu))
    G = graph.build(menuset)
    entry = G.graph["entry"]
    assert set(G) == set(menuset.nodes)
    assert {kind for _, _, kind in G.edges(data="kind")} <= set(graph.EDGE_KINDS) - {"return"}

    D = _weighted(G)
    assert graph.reachable(G) == nx.descendants(D, entry) | {entry}
    assert graph.keypress_depth(G) == nx.single_source_dijkstra_path_length(D, entry)

    terminals = graph.destinations(G)
    stuck = {n for n in G if not (nx.descendants(G, n) | {n}) & terminals}
    assert graph.cannot_reach_terminal(G) == stuck
    loops = [
        sorted(c)
        for c in nx.strongly_connected_components(G)
        if c <= stuck and (len(c) > 1 or G.has_edge(*2 * list(c)))
    ]
    assert graph.loops_without_exit(G) == sorted(loops)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus())
def test_key_sequences_follow_shortest_paths(menu):
    G = graph.build(loads(menu_yaml(menu)))
    depth = graph.keypress_depth(G)
    sequences = graph.shortest_key_sequence(G)
    assert sequences.keys() == depth.keys()
    assert sequences[G.graph["entry"]] == ""
    for node, keys in sequences.items():
        if node == G.graph["entry"]:
            continue
        assert any(
            (d["keypress"] and depth[u] + 1 == depth[node] and sequences[u] + d["key"] == keys)
            or (not d["keypress"] and depth[u] == depth[node] and sequences[u] == keys)
            for u, _, d in G.in_edges(node, data=True)
            if u in depth and d["kind"] != "back"
        ), node
    assert graph.shortest_key_sequence(graph.build(loads(menu_yaml(menu)))) == sequences

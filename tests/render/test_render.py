"""The DOT, Mermaid and JSON renderings of the call graph."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ivrkit import graph
from ivrkit.loader import load, loads
from ivrkit.render import FORMATS, render
from ivrkit.render.dot import quote, to_dot
from ivrkit.render.json import to_json
from ivrkit.render.labels import edge_text, node_text
from ivrkit.render.mermaid import escape, mermaid_ids, to_mermaid

# Finnish, quotes, a backslash, markup characters and a line break in labels;
# a node id with a dash and one that is a Mermaid keyword.
TRICKY = r"""ivrkit: 1
name: Tricky labels
language: fi
entry: main-menu
global_options:
  "0": {label: puhu asiakaspalvelijan kanssa, goto: agent}
nodes:
  main-menu:
    type: menu
    say: Päävalikko.
    options:
      "1": {label: 'maksaa "isot" laskut \ nyt', goto: end}
      "2": {label: "ääni <kova> & hiljainen | `koodi` # risuaita", goto: end, share: 0.5}
      "3": {label: "kaksi\nriviä", goto: check}
    no_match: {goto: main-menu}
  check:
    type: input
    say: Anna numero.
    digits: {min: 4, max: 4}
    next: branch
  branch:
    type: branch
    variable: segment
    cases: {consumer: agent, business: mail}
  agent: {type: transfer, queue: general}
  mail: {type: voicemail}
  end: {type: hangup, say: Näkemiin.}
variables:
  segment: {values: [consumer, business], default: consumer}
"""


@pytest.fixture
def tricky():
    return graph.build(loads(TRICKY))


@pytest.fixture
def two_files(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "pin.yaml").write_text(
        "ivrkit: 1\nname: PIN\nentry: ask\nnodes:\n"
        "  ask: {type: input, say: Enter your PIN., digits: {min: 4, max: 4}, next: return}\n"
    )
    (tmp_path / "main.yaml").write_text(
        "ivrkit: 1\nname: Main\nentry: main\nnodes:\n"
        "  main: {type: message, say: Hello., next: blocks/pin.yaml, then: agent}\n"
        "  agent: {type: transfer, queue: general}\n"
    )
    return graph.build(load(tmp_path / "main.yaml"))


def _edge(kind: str, key: str | None = None, label: str | None = None, share=None) -> dict:
    return {"kind": kind, "key": key, "label": label, "share": share}


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (_edge("option", "1", "pay your bill", 0.45), "1: pay your bill (45%)"),
        (_edge("option", "7"), "7"),
        (_edge("repeat", "*"), "*: repeat"),
        (_edge("extension", "3-4 digits"), "3-4 digits"),
        (_edge("case", "open", "open"), "open"),
        (_edge("default", None, "default"), "default"),
        (_edge("no-match"), "no-match"),
        (_edge("next"), ""),
        (_edge("return"), "return"),
        (_edge("return", "1", "confirm"), "1: confirm (return)"),
    ],
)
def test_edge_text(data, text):
    assert edge_text(data) == text


def test_node_text():
    data = {"label": "desk", "type": "transfer", "person": False}
    assert node_text(data) == ("desk", "transfer (system)")


# --- DOT --------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_dot_renders_with_graphviz(tricky):
    result = subprocess.run(["dot", "-Tsvg"], input=to_dot(tricky), capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "<svg" in result.stdout
    assert "1: maksaa &quot;isot&quot; laskut \\ nyt" in result.stdout
    assert "2: ääni &lt;kova&gt; &amp; hiljainen | `koodi` # risuaita (50%)" in result.stdout


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_dot_clusters_render_with_graphviz(two_files):
    result = subprocess.run(["dot", "-Tsvg"], input=to_dot(two_files), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "<svg" in result.stdout


def test_dot_quote():
    assert quote('say "hi"') == r'"say \"hi\""'
    assert quote("a\\N") == r'"a\\N"'
    assert quote("two\nlines\r\nthree") == r'"two\nlines\nthree"'
    assert quote("ääni") == '"ääni"'


def test_dot_statements(tricky):
    lines = to_dot(tricky).splitlines()
    assert lines[0] == "digraph ivr {" and lines[-1] == "}"
    assert '  "main-menu" [label="main-menu\\nmenu", shape="box", style="rounded,bold"];' in lines
    assert '  "end" [label="end\\nhangup", shape="octagon", fillcolor="#e6e6e6", style="filled"];' in lines
    assert '  "agent" [label="agent\\ntransfer", shape="box3d", fillcolor="#d9f2d9", style="filled"];' in lines
    assert '  "branch" [label="branch\\nbranch", shape="diamond"];' in lines
    assert '  "main-menu" -> "agent" [label="0: puhu asiakaspalvelijan kanssa", style="dashed"];' in lines
    assert '  "main-menu" -> "main-menu" [label="no-match", style="dotted"];' in lines
    assert '  "check" -> "branch";' in lines
    assert '  "branch" -> "mail" [label="business"];' in lines
    assert sum(" -> " in line for line in lines) == tricky.number_of_edges()


def test_dot_clusters_by_file(two_files):
    text = to_dot(two_files)
    assert 'subgraph "cluster_0" {\n    label="main.yaml";' in text
    assert 'subgraph "cluster_1" {\n    label="blocks/pin.yaml";' in text
    assert '"blocks/pin.yaml#ask" -> "agent" [label="return", style="dashed"];' in text


def test_one_file_has_no_cluster(tricky):
    assert "subgraph" not in to_dot(tricky)


# --- Mermaid ----------------------------------------------------------------

_MERMAID_ID = r"n_[A-Za-z0-9_]+"
_MERMAID_LINE = re.compile(
    rf"""\ {{4}}(?:
        {_MERMAID_ID}(?:\(|>|\[/|\{{|\[\[|\[\(|\{{\{{|\(\(|)"[^"]*"\S*    # a node
      | {_MERMAID_ID}\ (?:-->|-\.->)(?:\|"[^"]*"\|)?\ {_MERMAID_ID}        # an edge
      | classDef\ \w+\ \S+
      | class\ {_MERMAID_ID}(?:,{_MERMAID_ID})*\ \w+
    )""",
    re.VERBOSE,
)


def test_mermaid_structure(tricky):
    lines = to_mermaid(tricky).splitlines()
    assert lines[0] == "flowchart TD"
    for line in lines[1:]:
        assert _MERMAID_LINE.fullmatch(line), line
    assert sum("->" in line for line in lines) == tricky.number_of_edges()


def test_mermaid_shapes_and_classes(tricky):
    lines = to_mermaid(tricky).splitlines()
    assert '    n_main_menu("main-menu<br/>menu")' in lines
    assert '    n_check[/"check<br/>input"/]' in lines
    assert '    n_branch{"branch<br/>branch"}' in lines
    assert '    n_agent[["agent<br/>transfer"]]' in lines
    assert '    n_mail[("mail<br/>voicemail")]' in lines
    assert '    n_end(("end<br/>hangup"))' in lines
    assert "    class n_agent person" in lines
    assert "    class n_mail,n_end terminal" in lines
    assert "    class n_main_menu entry" in lines


def test_mermaid_labels_are_escaped(tricky):
    lines = to_mermaid(tricky).splitlines()
    assert '    n_main_menu -->|"1: maksaa #quot;isot#quot; laskut \\ nyt"| n_end' in lines
    assert (
        '    n_main_menu -->|"2: ääni #lt;kova#gt; #amp; hiljainen #124; #96;koodi#96; #35; risuaita (50%)"| n_end'
        in lines
    )
    assert '    n_main_menu -->|"3: kaksi<br/>riviä"| n_check' in lines
    assert '    n_main_menu -.->|"no-match"| n_main_menu' in lines
    assert "    n_check --> n_branch" in lines


def test_mermaid_escape():
    assert escape('a "b" #1') == "a #quot;b#quot; #35;1"


def test_mermaid_ids_are_unique_and_stable():
    keys = ["a_b", "a-b", "menus/x.yaml#a.b", "end", "a.b"]
    ids = mermaid_ids(keys)
    assert ids == {
        "a-b": "n_a_b",
        "a.b": "n_a_b_2",
        "a_b": "n_a_b_3",
        "end": "n_end",
        "menus/x.yaml#a.b": "n_menus_x_yaml_a_b",
    }
    assert mermaid_ids(reversed(keys)) == ids


# --- JSON -------------------------------------------------------------------


def test_json_round_trip(tricky):
    data = json.loads(to_json(tricky))
    assert data["entry"] == "main-menu"
    assert [node["key"] for node in data["nodes"]] == sorted(tricky.nodes)
    assert data["nodes"][0] == {
        "key": "agent",
        "type": "transfer",
        "id": "agent",
        "file": "menu.yaml",
        "label": "agent",
        "terminal": True,
        "person": True,
        "line": 25,
        "col": 3,
    }
    edges = {(e["source"], e["target"], e["kind"], e["key"]) for e in data["edges"]}
    assert edges == {(u, v, d["kind"], d["key"]) for u, v, d in tricky.edges(data=True)}
    assert len(data["edges"]) == tricky.number_of_edges()
    share = next(e for e in data["edges"] if e["key"] == "2")
    assert share == {
        "source": "main-menu",
        "target": "end",
        "kind": "option",
        "key": "2",
        "label": "ääni <kova> & hiljainen | `koodi` # risuaita",
        "share": 0.5,
        "keypress": True,
        "cross_file": False,
        "line": 13,
        "col": 12,
    }


def test_json_is_stable():
    first = to_json(graph.build(loads(TRICKY)))
    assert first == to_json(graph.build(loads(TRICKY)))
    assert "ääni" in first


# --- dispatch ---------------------------------------------------------------


def test_render_by_format_name(tricky):
    assert sorted(FORMATS) == ["dot", "json", "mermaid"]
    assert render(tricky, "mermaid") == to_mermaid(tricky)
    with pytest.raises(KeyError):
        render(tricky, "png")

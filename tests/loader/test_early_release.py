"""A file loaded without a LoadCache has each node's YAML freed as soon as the node is built: nothing read
later may need it; a file with anchors keeps it (an alias elsewhere may read the nodes mapping after the nodes
are built); a file loaded through a LoadCache keeps its YAML (it may be parsed again under another root) and
loads the same."""

from __future__ import annotations

import pytest

from ivrkit.loader import LoadCache, LoadError, load, loads

SHARED = """\
ivrkit: 1
name: Shared
nodes: &all
  m0:
    type: menu
    say: &greeting Welcome
    options:
      "1": &again {label: again, goto: m0}
      "2": {label: leave, goto: m1}
  m1: {type: message, say: *greeting, next: m0}
  m2: {type: menu, options: {"1": *again}}
entry: &first m0
x-copy: *all
x-entry: *first
"""


def _outcome(load_it):
    try:
        return load_it()
    except LoadError as error:
        return [str(problem) for problem in error.diagnostics]


def test_aliases_into_the_nodes_read_the_same_after_their_nodes_are_built():
    menu_set = loads(SHARED, "shared.yaml")
    assert menu_set.nodes["m1"].prompt.text.values == (("en", "Welcome"),)
    shared, own = menu_set.nodes["m2"].options[0], menu_set.nodes["m0"].options[0]
    assert (shared.label, shared.goto, shared.span) == (own.label, own.goto, own.span)
    assert menu_set.root.entry.raw == "m0"


BLOCK = """\
ivrkit: 1
name: Block
entry: b0
nodes:
  b0:
    type: menu
    say: Block
    options:
      "1": {label: shared, goto: shared.yaml#m1}
      "2": {label: other, goto: other.yaml}
"""
OTHER = """\
ivrkit: 1
name: Other
entry: o0
nodes:
  o0:
    type: menu
    say: Other
    options:
      "1": {label: block, goto: block.yaml}
"""


PLAIN = """\
ivrkit: 1
name: Shared
nodes:
  m0:
    type: menu
    say: Welcome
    options:
      "1": {label: again, goto: m0}
      "2": {label: leave, goto: m1}
  m1: {type: message, say: Welcome, next: m0}
  m2: {type: menu, options: {"1": {label: again, goto: m0}}}
entry: m0
"""

ALIASED_NODES = {
    "variables": (
        "nodes: &all\n  m0: {type: branch, variable: m1, cases: {a: m1}}\n  m1: {type: hangup}\n"
        "entry: m0\nvariables: *all\n",
        "there is no variable `m1`",
    ),
    "schedules": (
        'nodes: &all\n  m0: {type: transfer, to: "+358401234567", hours: m1, closed: m1}\n  m1: {type: hangup}\n'
        "entry: m0\nschedules: *all\n",
        "there is no schedule `m1`",
    ),
}


@pytest.mark.parametrize("section", sorted(ALIASED_NODES))
def test_a_section_that_is_an_alias_of_the_nodes_reads_them_after_the_nodes_are_built(section):
    body, freed_symptom = ALIASED_NODES[section]
    problems = _outcome(lambda: loads("ivrkit: 1\nname: A\n" + body, "a.yaml"))
    # the section is read as the nodes mapping it aliases: its entries are reported as that section's
    # (`m1` is declared there), not as missing, which is what an emptied mapping would say
    assert any(f"in {section[:-1]} `m0`" in problem for problem in problems)
    assert not any(freed_symptom in problem for problem in problems)


def test_only_a_file_without_anchors_frees_its_nodes_yaml(tmp_path):
    cache = LoadCache()
    for name, text in (("plain.yaml", PLAIN), ("shared.yaml", SHARED)):
        (tmp_path / name).write_text(text)
        load(tmp_path / name, cache=cache)
    kept = {header.key: len(header.top["nodes"][1].value) for header in cache.opened.values()}
    assert kept == {"plain.yaml": 0, "shared.yaml": 3}


def test_a_cache_keeps_the_yaml_of_files_it_may_parse_again_and_loads_the_same(tmp_path):
    (tmp_path / ".ivrkit.yaml").write_text("")
    for name, text in (("shared.yaml", PLAIN), ("block.yaml", BLOCK), ("other.yaml", OTHER)):
        (tmp_path / name).write_text(text)
    root = PLAIN.replace('"2": {label: leave, goto: m1}', '"2": {label: block, goto: block.yaml}')
    (tmp_path / "shared.yaml").write_text(root)
    cache = LoadCache()
    paths = [tmp_path / name for name in ("shared.yaml", "other.yaml", "shared.yaml", "block.yaml")]
    fresh = [_outcome(lambda path=path: load(path)) for path in paths]
    cached = [_outcome(lambda path=path: load(path, cache=cache)) for path in paths]
    assert cached == fresh
    kept = {(header.key, header.is_root): len(header.top["nodes"][1].value) for header in cache.opened.values()}
    # a root's parse is always reused: its nodes' YAML is freed; a building block may be parsed again under
    # another root (other.yaml's block jumps into shared.yaml, keyed differently when shared.yaml is the root)
    assert kept[("shared.yaml", True)] == 0 and kept[("block.yaml", True)] == 0
    assert kept[("block.yaml", False)] == 1 and kept[("shared.yaml", False)] == 3


def test_problems_after_the_nodes_still_point_into_the_file():
    text = SHARED.replace("entry: &first m0", "entry: &first m9")
    problems = _outcome(lambda: loads(text, "shared.yaml"))
    assert problems == [
        "shared.yaml:12:8: error: the entry `m9` is not a node of this file\n"
        "  hint: set `entry` to the id of the first node"
    ]

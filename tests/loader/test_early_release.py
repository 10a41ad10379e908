"""A file loaded without a LoadCache has each node's YAML freed as soon as the node is built: nothing read
later may need it, anchors and aliases included; a file loaded through a LoadCache keeps its YAML (it may be
parsed again under another root) and loads the same."""

from __future__ import annotations

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


def test_a_cached_load_keeps_the_yaml_and_gives_the_same_menu_set(tmp_path):
    (tmp_path / ".ivrkit.yaml").write_text("")
    path = tmp_path / "shared.yaml"
    path.write_text(SHARED)
    cache = LoadCache()
    fresh, first, again = (_outcome(lambda c=c: load(path, cache=c)) for c in (None, cache, cache))
    assert fresh == first == again
    (header,) = cache.opened.values()
    assert len(header.top["nodes"][1].value) == 3  # kept for another root's parse


def test_problems_after_the_nodes_still_point_into_the_file():
    text = SHARED.replace("entry: &first m0", "entry: &first m9")
    problems = _outcome(lambda: loads(text, "shared.yaml"))
    assert problems == [
        "shared.yaml:12:8: error: the entry `m9` is not a node of this file\n"
        "  hint: set `entry` to the id of the first node"
    ]

"""A LoadCache shared by the loads of one batch gives each root the menu set a fresh load gives.

The root file's nodes are keyed by their bare ids and other files' as `file.yaml#id`, so the parse
of a building block that jumps into a root file depends on which file is the root. Found by the
parallel lint property (a serial batch loaded `m4.yaml` with a building block parsed under `m1.yaml`:
wrong entry names, and once a KeyError in the call graph).
"""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from ivrkit.loader import LoadCache, LoadError, load
from tests.lint.test_jobs import menu_folders

CHAIN = {
    # m2 (a building block) jumps back into m1; m4 reaches m1 only through m2
    "m1.yaml": "ivrkit: 1\nname: One\nlanguage: en\nentry: n1\nnodes:\n"
    "  n0: {type: hangup, say: Goodbye.}\n"
    "  n1:\n    type: menu\n    say: Welcome to one.\n"
    "    options: {'1': {label: two, goto: m2.yaml#n0}}\n",
    "m2.yaml": "ivrkit: 1\nname: Two\nlanguage: en\nentry: n0\nnodes:\n"
    "  n0:\n    type: menu\n    say: Welcome to two.\n"
    "    options: {'1': {label: one, goto: m1.yaml#n0}}\n",
    "m4.yaml": "ivrkit: 1\nname: Four\nlanguage: en\nentry: n2\nnodes:\n"
    "  n0: {type: hangup, say: Goodbye from four.}\n"
    "  n2:\n    type: menu\n    say: Welcome to four.\n"
    "    options: {'1': {label: two, goto: m2.yaml#n0}}\n",
}


def _outcome(path, cache=None):
    try:
        return load(path, cache=cache)
    except LoadError as error:
        return [str(problem) for problem in error.diagnostics]


def _write(folder, files):
    (folder / ".git").mkdir()
    for name, text in files.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files if not name.endswith(".ivrkit.yaml")]


def test_a_building_block_that_jumps_into_the_root_is_parsed_again_under_another_root(tmp_path):
    paths = _write(tmp_path, CHAIN)
    cache = LoadCache()
    first = load(tmp_path / "m1.yaml", cache=cache)
    assert first.nodes["m2.yaml#n0"].options[0].goto.node_key == "n0"  # m1 is the root: its n0 is bare
    fourth = load(tmp_path / "m4.yaml", cache=cache)
    assert fourth.nodes["m2.yaml#n0"].options[0].goto.node_key == "m1.yaml#n0"
    assert fourth == load(tmp_path / "m4.yaml")
    assert [_outcome(path, cache) for path in paths] == [_outcome(path) for path in paths]


@given(menu_folders(), st.randoms(use_true_random=False))
def test_any_order_of_roots_through_one_cache_loads_what_fresh_loads_give(tmp_path_factory, files, random):
    paths = _write(tmp_path_factory.mktemp("menus"), files)
    fresh = {path: _outcome(path) for path in paths}
    order = list(itertools.chain(paths, paths))
    random.shuffle(order)
    cache = LoadCache()
    for path in order:
        assert _outcome(path, cache) == fresh[path], path.name

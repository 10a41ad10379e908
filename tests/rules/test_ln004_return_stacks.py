"""LN004's search ends on blocks that lead back into the flows that use them.

Six menus each sending callers into one block with six different places to return to, the block leading back
to the first menu: every `then` stacks another return, 8 deep, so the states were 6**8 per node and a lint of
these two files ran for minutes in gigabytes. A node is now searched with at most `MAX_STACKS_PER_NODE` return
stacks per language.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from ivrkit.lint.config import LintConfig
from ivrkit.lint.runner import lint
from ivrkit.loader import load
from ivrkit.rules import ln004_time_to_destination as ln004


def _write(tmp_path, menus: int):
    options = ", ".join(f'"{k + 1}": {{label: option {k}, goto: part.yaml, then: m{k}}}' for k in range(menus))
    lines = ["ivrkit: 1", "name: main", "language: en", "entry: m0", "nodes:"]
    lines += [f"  m{i}: {{type: menu, say: Menu {i}., options: {{{options}}}}}" for i in range(menus)]
    (tmp_path / "main.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "part.yaml").write_text(
        "ivrkit: 1\nname: part\nlanguage: en\nentry: p0\nnodes:\n"
        '  p0: {type: menu, say: Part., options: {"1": {label: back, goto: return}, "2": {label: main, goto: main.yaml}}}\n',
        encoding="utf-8",
    )
    return tmp_path / "main.yaml"


def test_a_node_is_searched_with_a_bounded_number_of_return_stacks(tmp_path, monkeypatch):
    monkeypatch.setattr(ln004, "MAX_STACKS_PER_NODE", 16)
    stacks = defaultdict(set)

    class Counting:
        heappop = staticmethod(heapq.heappop)

        @staticmethod
        def heappush(queue, item):
            node, language, stack = item[2]
            stacks[(node, language)].add(stack)
            heapq.heappush(queue, item)

    monkeypatch.setattr(ln004, "heapq", Counting)
    menuset = load(_write(tmp_path, 4))  # 4**8 stacks a node without the bound
    lint(menuset, LintConfig(select=("LN004",)))
    assert stacks, "the search pushed nothing: the test tests nothing"
    assert max(len(kept - {()}) for kept in stacks.values()) == 16


def test_the_bound_changes_no_time_where_the_stacks_stay_under_it(tmp_path, monkeypatch):
    """Three places to return to, 8 deep: 3**8 stacks a node unbounded, and the same times with the bound."""
    menuset = load(_write(tmp_path, 3))
    bounded = ln004.TimeToDestination({}).times(_context(menuset))
    monkeypatch.setattr(ln004, "MAX_STACKS_PER_NODE", 10**9)
    assert ln004.TimeToDestination({}).times(_context(menuset)) == bounded
    assert sorted(bounded) == sorted(menuset.nodes)


def _context(menuset):
    from ivrkit.lint.context import Context

    return Context(menuset, config=LintConfig())

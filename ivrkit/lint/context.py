"""What a rule sees: the menu, its call graph, shared analyses computed once, and its own options.

The graph facts come from `ivrkit.analysis` (plain dicts, computed once per
menu set on first use); networkx is never needed to lint.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Iterable, Iterator

from ..analysis import MenuFacts, analyse
from ..model import MenuNode, MenuSet, Node
from ..prompts import Segment, node_segments
from .config import LintConfig

__all__ = ["Context"]


class Context:
    """Shared state of one lint run. The runner sets `rule` before calling each rule's `check`."""

    def __init__(self, menuset: MenuSet, graph: Any = None, config: LintConfig | None = None,
                 *, facts: MenuFacts | None = None):
        self.menuset = menuset
        self.facts = facts if facts is not None else analyse(menuset)
        # `graph` is what `in_edges(node, data=True)` is asked of: the analysis call graph, or a networkx
        # graph of the same menu set handed in by an older caller (it gives the same answers).
        self.graph = graph if graph is not None else self.facts.graph
        self.config = config if config is not None else LintConfig()
        self.rule = None
        self.memo: dict = {}  # analyses rules share within one run, keyed by the rule module's own names

    @property
    def locale(self) -> str | None:
        """The configured locale (`us`, `eu`, `fi`), or None when neither the config nor `--locale` sets it."""
        return self.config.locale

    def option(self, name: str) -> Any:
        """The configured value of an option of the running rule."""
        return self.config.option(self.rule, name)

    # -- the menu ----------------------------------------------------------

    def nodes(self, *types: str) -> Iterator[tuple[str, Node]]:
        """Every node (of the given types), in file order."""
        if not types:
            return iter(self.menuset.nodes.items())
        if len(types) == 1:
            return iter(self._by_type.get(types[0], ()))
        return ((key, node) for key, node in self.menuset.nodes.items() if node.type in types)

    @cached_property
    def _by_type(self) -> dict[str, list[tuple[str, Node]]]:
        by_type: dict[str, list[tuple[str, Node]]] = {}
        for key, node in self.menuset.nodes.items():
            by_type.setdefault(node.type, []).append((key, node))
        return by_type

    def menus(self) -> Iterator[tuple[str, MenuNode]]:
        return self.nodes("menu")  # type: ignore[return-value]

    def languages(self, node: Node | str) -> tuple[str, ...]:
        return self.menuset.file_of(node).languages

    def segments(self, node: Node | str, language: str | None = None) -> list[Segment]:
        """What is said on arriving at `node` in `language` (the file's default if None)."""
        return node_segments(self.menuset, node, language)

    def name(self, key: str) -> str:
        """How a message names a node: its id, or ``stem#id`` for a node of another file."""
        return self.facts.graph.label(key)

    def names(self, keys: Iterable[str]) -> str:
        """``"`a`, `b` and `c`"``: node names for a message."""
        ids = [f"`{self.name(key)}`" for key in keys]
        if len(ids) <= 1:
            return "".join(ids)
        return ", ".join(ids[:-1]) + " and " + ids[-1]

    # -- analyses shared by several rules (computed once, in ivrkit.analysis) --

    @cached_property
    def reachable(self) -> set[str]:
        return self.facts.reachable

    @cached_property
    def keypress_depth(self) -> dict[str, int]:
        return self.facts.keypress_depth

    @cached_property
    def key_sequences(self) -> dict[str, str]:
        return self.facts.key_sequences

    @cached_property
    def cannot_reach_terminal(self) -> set[str]:
        return self.facts.cannot_reach_terminal

    @cached_property
    def loops_without_exit(self) -> list[list[str]]:
        return self.facts.loops_without_exit

    @cached_property
    def people(self) -> set[str]:
        """Transfers that reach a person."""
        return self.facts.people

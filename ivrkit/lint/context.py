"""What a rule sees: the menu, its call graph, shared analyses computed once, and its own options."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Iterator

import networkx as nx

from .. import graph as graphs
from ..model import MenuNode, MenuSet, Node
from ..prompts import Segment, node_segments
from .config import LintConfig

__all__ = ["Context"]


class Context:
    """Shared state of one lint run. The runner sets `rule` before calling each rule's `check`."""

    def __init__(self, menuset: MenuSet, graph: nx.MultiDiGraph, config: LintConfig):
        self.menuset = menuset
        self.graph = graph
        self.config = config
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

    # -- analyses shared by several rules ------------------------------------

    @cached_property
    def reachable(self) -> set[str]:
        return graphs.reachable(self.graph)

    @cached_property
    def keypress_depth(self) -> dict[str, int]:
        return graphs.keypress_depth(self.graph)

    @cached_property
    def key_sequences(self) -> dict[str, str]:
        return graphs.shortest_key_sequence(self.graph)

    @cached_property
    def cannot_reach_terminal(self) -> set[str]:
        return graphs.cannot_reach_terminal(self.graph)

    @cached_property
    def loops_without_exit(self) -> list[list[str]]:
        return graphs.loops_without_exit(self.graph, trapped=self.cannot_reach_terminal)

    @cached_property
    def people(self) -> set[str]:
        """Transfers that reach a person."""
        return {key for key, person in self.graph.nodes(data="person") if person}

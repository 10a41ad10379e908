"""What a rule sees: the menu, its call graph, and the analyses every rule shares, computed once per run.

The graph facts come from `ivrkit.analysis` (plain dicts, computed once per
menu set on first use); networkx is never needed to lint. What several
rules derive from them is computed once per run too: the line's key
profile and option meanings here, anything else through `once(build)`,
keyed by the building function itself. A rule's options are its own
(`Rule.option`), not the context's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import Any, TypeVar

from ..analysis import MenuFacts, analyse
from ..analysis.heard import Heard, heard
from ..analysis.option_meanings import OptionMeanings
from ..language.key_profiles import PROFILES, KeyProfile, locale_named_by, profile_of
from ..model import MenuNode, MenuSet, Node
from ..prompts import Segment
from .config import LintConfig

__all__ = ["Context"]

T = TypeVar("T")


class Context:
    """Shared state of one lint run: the menu set, its facts and the configuration (each rule holds its own options)."""

    def __init__(
        self, menuset: MenuSet, graph: Any = None, config: LintConfig | None = None, *, facts: MenuFacts | None = None
    ):
        self.menuset = menuset
        self.facts = facts if facts is not None else analyse(menuset)
        # `graph` is what `in_edges(node, data=True)` is asked of: the analysis call graph, or a networkx
        # graph of the same menu set handed in by an older caller (it gives the same answers).
        self.graph = graph if graph is not None else self.facts.graph
        self.config = config if config is not None else LintConfig()
        self._once: dict[Callable[[Context], Any], Any] = {}

    @property
    def locale(self) -> str | None:
        """The configured locale (`us`, `eu`, `fi`), or None when neither the config nor `--locale` sets it."""
        return self.config.locale

    def once(self, build: Callable[[Context], T]) -> T:
        """`build(self)`, computed on the first call and kept for the run: what several rules derive alike."""
        try:
            return self._once[build]
        except KeyError:
            value = self._once[build] = build(self)
            return value

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

    def setting(self, node: Node, name: str) -> Any:
        """A node's setting (`retries`, `timeout`, `rate`, ...): its own, else its file's `settings`."""
        return node.setting(name, self.menuset.settings_of(node))

    def languages(self, node: Node | str) -> tuple[str, ...]:
        return self.menuset.file_of(node).languages

    def segments(self, node: Node | str, language: str | None = None) -> list[Segment]:
        """What is said on arriving at `node` in `language` (the file's default if None)."""
        return list(self.heard.segments(node, language))

    @cached_property
    def heard(self) -> Heard:
        """What a caller hears at each node and for how long (`ivrkit.analysis.heard`), once per menu set."""
        return heard(self.menuset)

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

    # -- the line's key conventions ----------------------------------------

    @cached_property
    def known_locale(self) -> str | None:
        """The run's locale: the configured one (`locale` in the config, `--locale`); else the one the
        menus' language tags name (`en-US`, `fi`); else the one their schedules' time zones name; None
        (unknown) when nothing names one, or the files disagree."""
        if self.locale in PROFILES:
            return self.locale
        files = self.menuset.files.values()
        return locale_named_by(
            (tag for menu_file in files for tag in (menu_file.language, *menu_file.languages)),
            (schedule.timezone for menu_file in files for schedule in menu_file.schedules.values()),
        )

    @cached_property
    def key_profile(self) -> KeyProfile:
        """The locale profile of the run, or `UNKNOWN` (the conventions every profile shares) when the
        locale is neither configured nor named by the menus."""
        return profile_of(self.known_locale)

    @cached_property
    def option_meanings(self) -> OptionMeanings:
        """What each option's key does for the caller (`ivrkit.analysis.option_meanings`)."""
        return OptionMeanings(self.menuset, self.facts, self.key_profile.person)

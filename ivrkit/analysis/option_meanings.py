"""What pressing each option's key does for the caller, computed once per menu set and person key.

An option means ``person``, ``navigation``, ``end``, ``language`` or
``business``. The answer reads the graph (where the option leads without
another keypress, which menus lie above which) and one convention: the
key that is meant for a person (0 in every locale ivrkit knows), which the
caller passes in. The key rules and HD005/ST007 ask it of many options, so
each answer is kept.
"""

from __future__ import annotations

from functools import cached_property

from ..model import InputNode, MenuNode, MenuSet, Option, Span
from .facts import MenuFacts

__all__ = ["CONVENTION_KEYS", "OptionMeanings"]

# The keys with a convention of their own (a person, navigation): never a business option's key.
CONVENTION_KEYS = frozenset({"0", "*", "#"})
# Node types at which a call waits for the caller or a person: a route through none of them only ends.
_WAITING = frozenset({"menu", "input", "transfer", "voicemail", "callback"})


class OptionMeanings:
    """What options mean in one menu set, for a line whose person key is `person_key`."""

    def __init__(self, menuset: MenuSet, facts: MenuFacts, person_key: str):
        self.menuset = menuset
        self.facts = facts
        self.person_key = person_key
        self._meanings: dict[tuple[str | None, Span | None], str] = {}

    @cached_property
    def top_menus(self) -> set[str]:
        """The nodes a call reaches from the entry without pressing a key (inputs passed through)."""
        return set(self.facts.free_closure(self.menuset.entry, through_inputs=True))

    @cached_property
    def parent_menus(self) -> dict[str, set[str]]:
        """For each menu, the menus with a business option leading to it (through messages, branches, inputs)."""
        parents: dict[str, set[str]] = {}
        nodes = self.menuset.nodes
        for key, menu in self.menuset.nodes.items():
            if not isinstance(menu, MenuNode):
                continue
            for option in menu.options:
                if option.key in CONVENTION_KEYS or option.action or option.goto is None or option.language:
                    continue
                target = option.goto.node_key
                if target is None:
                    continue
                for reached in self.facts.free_closure(target, through_inputs=True):
                    if nodes[reached].type == "menu" and reached != key:
                        parents.setdefault(reached, set()).add(key)
        return parents

    @cached_property
    def general_people(self) -> set[str]:
        """The line's people for anyone: what the person key, global options and fallbacks lead to.

        A business option that happens to end with a team ("make a complaint")
        is a business option; one that leads where 0 or the fallback leads
        ("speak to a member of our team") is the person key's meaning.
        """
        starts: list[str] = []
        for menu_file in self.menuset.files.values():
            if menu_file.settings.fallback is not None and menu_file.settings.fallback.node_key:
                starts.append(menu_file.settings.fallback.node_key)
            for option in menu_file.global_options:  # any key offered in every menu is a general route
                if option.goto is not None and option.goto.node_key:
                    starts.append(option.goto.node_key)
        for node in self.menuset.nodes.values():
            if not isinstance(node, (MenuNode, InputNode)):
                continue
            if node.fallback is not None and node.fallback.node_key:
                starts.append(node.fallback.node_key)
            for option in node.options if isinstance(node, MenuNode) else ():
                if option.key == self.person_key and option.goto is not None and option.goto.node_key:
                    starts.append(option.goto.node_key)
        nodes = self.menuset.nodes
        return {
            key
            for start in starts
            for key in self.facts.free_closure(start)
            if (nodes[key].type == "transfer" and getattr(nodes[key], "person", False)) or nodes[key].type == "callback"
        }

    def meaning(self, menu_key: str | None, option: Option) -> str:
        """``person``, ``navigation``, ``end``, ``language`` or ``business``: what pressing the key does.

        `menu_key` is the menu it is pressed in (None for a global option judged once).
        """
        ident = (menu_key, option.key_span)
        found = self._meanings.get(ident)
        if found is None:
            found = self._meanings[ident] = self._meaning(menu_key, option)
        return found

    def _meaning(self, menu_key: str | None, option: Option) -> str:
        if option.language:
            return "language"
        if option.action is not None:
            return "navigation"
        if option.goto is None or option.goto.node_key is None:
            return "navigation"  # `return`: back to the calling flow
        target = option.goto.node_key
        nodes = self.menuset.nodes
        closure = self.facts.free_closure(target)
        if option.key == self.person_key:
            if self.facts.leads_to_person(target, origin=menu_key):
                return "person"
        elif any(key in self.general_people for key in closure):
            return "person"
        if nodes[target].type == "menu" and (target == menu_key or target in self.top_menus):
            return "navigation"
        if menu_key is not None and target in self.parent_menus.get(menu_key, ()):
            return "navigation"
        kinds = {nodes[key].type for key in closure}
        if "hangup" in kinds and not kinds & _WAITING:
            return "end"
        return "business"

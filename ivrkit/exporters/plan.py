"""Which copies of each node a one-file export holds, and the id each copy gets.

A target file has one flat set of states; an ivrkit menu set has files,
building blocks that `return` to whoever entered them (`then`), and option
languages. So a node may be exported more than once (an *instance*):

- once per `then` stack a building block is entered with (a node of
  `menus/account-number.yaml` entered with `then: billing` is another state than
  the same node entered with `then: meter_reading`: its `return` leads
  elsewhere);
- once per language the call can be in when it gets there (a language option
  switches every later prompt).

Ids: a node of the root file keeps its id in the call's default language
(`main`); a node of another file is `<file stem>__<id>` (`account-number__ask`);
a `then` stack adds `__then_<id>` per level; another language adds `__<lang>`
(`main__en`). Ids use letters, digits, `_` and `-` only, so they are XML
NCNames and ivrkit node ids alike. Every root-file node is exported (reached or
not), then whatever they lead to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Interactive, MenuNode, MenuSet, Node, Option, Target

__all__ = ["Instance", "Plan"]


@dataclass(frozen=True)
class Instance:
    """One exported copy of a node: its key, where `return` goes (innermost last) and the call's language."""

    key: str
    returns: tuple[str, ...]
    language: str


class Plan:
    """Every instance of an export, in output order (the entry first), with its id and where its routes lead."""

    def __init__(self, menuset: MenuSet):
        self.menuset = menuset
        self.language = menuset.root.language
        self.ids: dict[Instance, str] = {}
        self._taken: set[str] = set()
        self.entry = Instance(menuset.entry, (), self.language)
        pending = [self.entry] + [
            Instance(key, (), self.language) for key, node in menuset.nodes.items() if node.file == menuset.root.key
        ]
        index = 0
        for instance in pending:
            self._add(instance)
        while index < len(pending):
            instance = pending[index]
            index += 1
            for target in self.successors(instance):
                if target not in self.ids:
                    self._add(target)
                    pending.append(target)
        self.predecessors: dict[Instance, list[Instance]] = {}
        for instance in self.ids:
            for target in self.successors(instance):
                self.predecessors.setdefault(target, []).append(instance)

    # -- ids -----------------------------------------------------------------------------------------

    def _add(self, instance: Instance) -> None:
        if instance in self.ids:
            return
        node = self.menuset.nodes[instance.key]
        base = node.id
        if node.file != self.menuset.root.key:
            stem = re.sub(r"\.ya?ml\Z", "", node.file.rsplit("/", 1)[-1])
            base = f"{stem}__{node.id}"
        for then in instance.returns:
            base += f"__then_{self.menuset.nodes[then].id}"
        if instance.language != self.language:
            base += f"__{instance.language}"
        clean = re.sub(r"[^A-Za-z0-9_-]+", "_", base)
        if not re.match(r"[A-Za-z_]", clean):
            clean = "n" + clean
        candidate, number = clean, 2
        while candidate in self._taken:
            candidate, number = f"{clean}_{number}", number + 1
        self._taken.add(candidate)
        self.ids[instance] = candidate

    def extra_id(self, base: str) -> str:
        """A new id beside the instances' (a dialog an exporter adds, such as a confirmation)."""
        candidate, number = base, 2
        while candidate in self._taken:
            candidate, number = f"{base}_{number}", number + 1
        self._taken.add(candidate)
        return candidate

    def id(self, instance: Instance) -> str:
        return self.ids[instance]

    def node(self, instance: Instance) -> Node:
        return self.menuset.nodes[instance.key]

    def ids_by_key(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for instance, name in self.ids.items():
            found.setdefault(instance.key, []).append(name)
        return found

    # -- routes --------------------------------------------------------------------------------------

    def go(
        self, instance: Instance, target: Target | None, then: Target | None = None, language: str | None = None
    ) -> Instance | None:
        """The instance `target` leads to from `instance` (None: a `return` with nobody to return to)."""
        if target is None:
            return None
        language = language or instance.language
        if target.is_return:
            if not instance.returns:
                return None
            return Instance(instance.returns[-1], instance.returns[:-1], language)
        returns = instance.returns
        if then is not None:
            if then.is_return:
                pass  # continue where the caller of this block continues: the stack stays as it is
            elif then.node_key is not None:
                returns = returns + (then.node_key,)
        assert target.node_key is not None
        return Instance(target.node_key, returns, language)

    def option_target(self, instance: Instance, option: Option) -> Instance | None:
        """Where an option leads: its goto (in its language), or for an action the instance it stands for."""
        if option.action == "repeat":
            return instance
        if option.action == "top":
            return Instance(self.entry.key, (), option.language or instance.language)
        if option.action == "back":
            return self.back(instance)
        return self.go(instance, option.goto, option.then, option.language)

    def back(self, instance: Instance) -> Instance:
        """`action: back` as a fixed state: the nearest menu a call comes here from, through the nodes that are
        no menus (the target has no call history); the menu itself when no other menu leads here."""
        seen = {instance}
        layer = [instance]
        while layer:
            following: list[Instance] = []
            for current in layer:
                for before in self.predecessors.get(current, ()):
                    if before in seen:
                        continue
                    if isinstance(self.node(before), MenuNode):
                        return before
                    seen.add(before)
                    following.append(before)
            layer = following
        return instance

    def options(self, instance: Instance) -> tuple[Option, ...]:
        node = self.node(instance)
        assert isinstance(node, MenuNode)
        return self.menuset.file_of(node).options_of(node)

    def fallback(self, instance: Instance) -> Target | None:
        node = self.node(instance)
        assert isinstance(node, Interactive)
        return node.fallback if node.fallback is not None else self.menuset.settings_of(node).fallback

    def successors(self, instance: Instance) -> Iterator[Instance]:
        """Every instance a call can go to from `instance` (actions other than `back`, which needs the whole
        plan, included)."""
        node = self.node(instance)
        if isinstance(node, MenuNode):
            for option in self.options(instance):
                if option.action in ("repeat", "back"):
                    continue
                found = self.option_target(instance, option)
                if found is not None:
                    yield found
        for route in node.routes():
            if route.kind in ("option", "action"):
                continue
            found = self.go(instance, route.target, route.then)
            if found is not None:
                yield found
        if isinstance(node, Interactive) and node.fallback is None:
            found = self.go(instance, self.fallback(instance))
            if found is not None:
                yield found

"""Which node of the new version is which node of the old one.

Node keys (`MenuSet.nodes`) name a node of the root file by its id and any
other node as ``file#id`` with the file relative to the project root. Two
versions of a menu may sit under different project roots (a worktree of the
base branch, a copy in a temporary folder), so nodes are matched by an
identity that does not depend on the root: the id for the root file's nodes,
and ``path#id`` with the path relative to the root file's folder for the
others (``../menus/callback-booking.yaml#agent``). The same menu, laid out
the same way, gives the same identities wherever it is checked out.

A node missing from one version may have been renamed: an old and a new
node of the same file and type whose content is the same (the words they
say, the queue, number or mailbox they reach, the labels of their options)
are taken as one node renamed, when that content names exactly one node on
each side. Anything else is a node removed and a node added.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import MenuNode, MenuSet, Node, Text

__all__ = ["NodeMatch", "identities", "match_nodes"]


def identities(menuset: MenuSet) -> dict[str, str]:
    """Node key -> identity (independent of the project root); see the module docstring."""
    root_folder = posixpath.dirname(menuset.root.key)
    result = {}
    for key, node in menuset.nodes.items():
        if node.file == menuset.root.key:
            result[key] = node.id
        else:
            result[key] = f"{_relative(node.file, root_folder)}#{node.id}"
    return result


def _relative(file_key: str, root_folder: str) -> str:
    """`file_key` relative to the root file's folder (both are project-root-relative, or both absolute)."""
    if posixpath.isabs(file_key) != posixpath.isabs(root_folder or "."):
        return file_key
    return posixpath.relpath(file_key, root_folder or ".")


@dataclass(frozen=True)
class NodeMatch:
    """The nodes of two versions paired: `pairs` maps an old node key to its new key."""

    pairs: Mapping[str, str]  # old key -> new key (same identity, or renamed)
    renamed: Mapping[str, str]  # old key -> new key, only the renamed ones
    removed: tuple[str, ...]  # old keys with no new node
    added: tuple[str, ...]  # new keys with no old node
    reverse: Mapping[str, str]  # new key -> old key

    def new_key(self, old_key: str) -> str | None:
        return self.pairs.get(old_key)

    def old_key(self, new_key: str) -> str | None:
        return self.reverse.get(new_key)


def match_nodes(old: MenuSet, new: MenuSet) -> NodeMatch:
    """Pair the nodes of `old` and `new` by identity, then the rest by content (renames)."""
    old_ids, new_ids = identities(old), identities(new)
    by_identity = {identity: key for key, identity in new_ids.items()}
    pairs = {key: by_identity[identity] for key, identity in old_ids.items() if identity in by_identity}
    paired_new = set(pairs.values())
    lost = [key for key in old.nodes if key not in pairs]
    found = [key for key in new.nodes if key not in paired_new]
    renamed = _renames(old, new, lost, found, old_ids, new_ids)
    pairs.update(renamed)
    renamed_to = set(renamed.values())
    return NodeMatch(
        pairs=pairs,
        renamed=renamed,
        removed=tuple(key for key in lost if key not in renamed),
        added=tuple(key for key in found if key not in renamed_to),
        reverse={new_key: old_key for old_key, new_key in pairs.items()},
    )


def _renames(old: MenuSet, new: MenuSet, lost, found, old_ids, new_ids) -> dict[str, str]:
    """Old key -> new key for the nodes whose content names exactly one lost and one found node."""

    def folder(identity: str) -> str:
        return identity.rpartition("#")[0]

    lost_by: dict[tuple, list[str]] = defaultdict(list)
    found_by: dict[tuple, list[str]] = defaultdict(list)
    for key in lost:
        lost_by[(folder(old_ids[key]), content(old, old.nodes[key]))].append(key)
    for key in found:
        found_by[(folder(new_ids[key]), content(new, new.nodes[key]))].append(key)
    return {
        keys[0]: found_by[signature][0]
        for signature, keys in lost_by.items()
        if len(keys) == 1 and len(found_by.get(signature, ())) == 1
    }


def _words(text: Text | None) -> tuple:
    return text.values if text is not None else ()


def content(menuset: MenuSet, node: Node) -> tuple:
    """What a node says and does, without its id or position: equal for a node that was only renamed."""
    prompt = node.prompt
    spoken = (_words(prompt.text), _words(prompt.audio)) if prompt is not None else ()
    extra: tuple = tuple(
        getattr(node, name, None) for name in ("queue", "number", "mailbox", "store", "schedule", "variable")
    )
    if isinstance(node, MenuNode):
        extra += tuple((option.key, _words(option.label), _words(option.say), option.action) for option in node.options)
    return (node.type, spoken, extra)

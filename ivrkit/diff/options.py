"""Options added, removed, reworded, moved, rerouted or reordered between two versions of a menu.

Each option is compared by the menu it is in (global options: a menu of
their own per file), its key, its wording (label, else `say`, in every
language) and where it leads (node, `then`, or action), with nodes named as
in the new version (renamed nodes followed). Pairs are taken in passes, the
surest first, so one option is reported once:

1. same menu, key, wording and target: unchanged;
2. the same wording (and target, then any target) under another key or in
   another menu: ``moved``;
3. the same menu and key: new wording, same target ``reworded``; same
   wording, new target ``rerouted``; both ``replaced``;
4. the same menu and target under another key, with new wording: ``moved``
   (and reworded);
5. the rest: ``removed`` and ``added``.

Options unchanged in a menu whose order changed (a caller hears them in
another order: announcement time moves) are ``reordered``: those outside the
longest run kept in order.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from ..model import MenuNode, MenuSet, Option, Target
from .nodes import NodeMatch, identities
from .result import OptionChange

__all__ = ["option_changes", "GLOBAL"]

GLOBAL = "global options"


@dataclass
class _Entry:
    menu: str  # comparable menu name (new-version key space)
    shown_menu: str  # node key (or global-options name) in its own version
    key: str
    wording: tuple
    target: str  # comparable target (new-version key space)
    shown_target: str
    position: int


def option_changes(old: MenuSet, new: MenuSet, match: NodeMatch) -> list[OptionChange]:
    """Every option change between `old` and `new`, by menu and position."""

    def in_new(key: str) -> str:
        return match.new_key(key) or f"(old) {key}"

    olds = _entries(old, in_new)
    news = _entries(new, lambda key: key)
    changes: list[OptionChange] = []
    kept: list[tuple[_Entry, _Entry]] = []
    taken: set[int] = set()  # ids of the entries already paired, on either side

    def take(
        key: Callable[[_Entry], tuple | None],
        make: Callable[[_Entry, _Entry], OptionChange | None],
        elsewhere: bool = False,
    ) -> None:
        """Pair each unpaired old entry with an unpaired new one of the same `key` (None: not paired in this pass),
        preferring one in the same menu; with `elsewhere`, never one at the same menu and key."""
        buckets: dict[tuple, list[_Entry]] = {}
        for after in news:
            if id(after) not in taken and (found := key(after)) is not None:
                buckets.setdefault(found, []).append(after)
        for before in olds:
            found = key(before) if id(before) not in taken else None
            if found is None or found not in buckets:
                continue
            candidates = [
                after
                for after in buckets[found]
                if id(after) not in taken and not (elsewhere and (after.menu, after.key) == (before.menu, before.key))
            ]
            if not candidates:
                continue
            after = next((c for c in candidates if c.menu == before.menu), candidates[0])
            taken.update((id(before), id(after)))
            change = make(before, after)
            if change is None:
                kept.append((before, after))
            else:
                changes.append(change)

    def worded(entry: _Entry, *rest) -> tuple | None:
        return (entry.wording, *rest) if entry.wording else None

    take(lambda e: (e.menu, e.key, e.wording, e.target), lambda a, b: None)
    take(lambda e: worded(e, e.target), _kind("moved"))
    take(lambda e: worded(e), _kind("moved"), elsewhere=True)
    take(
        lambda e: (e.menu, e.key),
        lambda a, b: _change(
            "reworded" if a.target == b.target else "rerouted" if a.wording == b.wording else "replaced", a, b
        ),
    )
    take(lambda e: (e.menu, e.target), _kind("moved"))
    olds = [entry for entry in olds if id(entry) not in taken]
    news = [entry for entry in news if id(entry) not in taken]
    changes += [_change("removed", entry, None) for entry in olds]
    changes += [_change("added", None, entry) for entry in news]
    changes += _reordered(kept)
    return sorted(changes, key=lambda change: change.order)


def _kind(kind: str) -> Callable[[_Entry, _Entry], OptionChange]:
    return lambda before, after: _change(kind, before, after)


def _change(kind: str, before: _Entry | None, after: _Entry | None) -> OptionChange:
    return OptionChange(
        kind=kind,
        menu_before=before.shown_menu if before else None,
        menu_after=after.shown_menu if after else None,
        key_before=before.key if before else None,
        key_after=after.key if after else None,
        wording_before=dict(before.wording) if before else None,
        wording_after=dict(after.wording) if after else None,
        target_before=before.shown_target if before else None,
        target_after=after.shown_target if after else None,
        position_before=before.position if before else None,
        position_after=after.position if after else None,
    )


def _reordered(kept: list[tuple[_Entry, _Entry]]) -> list[OptionChange]:
    """The unchanged options of each menu that a caller now hears in another order."""
    by_menu: dict[str, list[tuple[_Entry, _Entry]]] = {}
    for pair in kept:
        by_menu.setdefault(pair[0].menu, []).append(pair)
    changes = []
    for pairs in by_menu.values():
        before = [a.key for a, _ in sorted(pairs, key=lambda pair: pair[0].position)]
        after = [b.key for _, b in sorted(pairs, key=lambda pair: pair[1].position)]
        if before == after:
            continue
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        in_order = {key for block in matcher.get_matching_blocks() for key in before[block.a : block.a + block.size]}
        changes += [_change("reordered", a, b) for a, b in pairs if a.key not in in_order]
    return changes


def _entries(menuset: MenuSet, comparable: Callable[[str], str]) -> list[_Entry]:
    """Every option of `menuset`: each menu's own (positions as heard), then each file's global options."""
    entries = []
    for key, node in menuset.nodes.items():
        if not isinstance(node, MenuNode):
            continue
        heard = menuset.file_of(node).options_of(node)
        for option in node.options:
            entries.append(_entry(option, comparable(key), key, heard.index(option), comparable))
    file_names = _file_names(menuset)
    for file_key, menu_file in menuset.files.items():
        name = GLOBAL if file_key == menuset.root.key else f"{file_names[file_key]}: {GLOBAL}"
        for position, option in enumerate(menu_file.global_options):
            entries.append(_entry(option, name, name, position, comparable))
    return entries


def _file_names(menuset: MenuSet) -> dict[str, str]:
    """File key -> the file as the root file's folder names it (the same in both versions)."""
    names: dict[str, str] = {}
    ids = identities(menuset)
    for key, identity in ids.items():
        names.setdefault(menuset.nodes[key].file, identity.rpartition("#")[0])
    for file_key in menuset.files:
        names.setdefault(file_key, file_key)
    return names


def _entry(option: Option, menu: str, shown_menu: str, position: int, comparable: Callable[[str], str]) -> _Entry:
    text = option.label if option.label is not None else option.say
    wording = tuple(text.values) if text is not None else ()
    return _Entry(
        menu=menu,
        shown_menu=shown_menu,
        key=option.key,
        wording=wording,
        target=_target(option, comparable),
        shown_target=_target(option, lambda key: key),
        position=position,
    )


def _target(option: Option, name: Callable[[str], str]) -> str:
    if option.action is not None:
        return f"action: {option.action}"

    def one(target: Target | None) -> str:
        if target is None:
            return ""
        return "return" if target.is_return or target.node_key is None else name(target.node_key)

    text = one(option.goto)
    return f"{text} then {one(option.then)}" if option.then is not None else text

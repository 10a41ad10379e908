"""Values computed once per menu set and shared by every reader, without keeping menu sets alive.

`per_menuset(menuset, name, build)` returns ``build(menuset)``, computed on the
first call for that menu set and `name` and kept while the menu set lives. A
`MenuSet` is immutable, so an answer about it never goes stale; a reloaded
file is a new menu set with answers of its own.

The cache is keyed by the menu set's identity (`MenuSet` is not hashable: its
mappings are not). When the menu set accepts weak references its entry goes
when it does; otherwise the last `STRONG_KEPT` menu sets are kept (a bounded
number, never all of them). A shared value must not hold its menu set
strongly, or the menu set would never go: it keeps `reference(menuset)`.
"""

from __future__ import annotations

import weakref
from _thread import RLock  # what threading.RLock() makes, without importing threading on the lint path
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from ..model import MenuSet

__all__ = ["per_menuset", "reference", "STRONG_KEPT"]

T = TypeVar("T")

STRONG_KEPT = 8
"""How many menu sets without weak-reference support keep their shared values (the most recently used)."""

# id(menuset) -> (the menu set, or None once a finalizer watches it; its values by name)
_VALUES: dict[int, tuple[MenuSet | None, dict[str, Any]]] = {}
_STRONG: OrderedDict[int, None] = OrderedDict()  # ids kept by a strong reference, oldest first
_LOCK = RLock()  # re-entrant: a finalizer may run (garbage collection) while it is held


def per_menuset(menuset: MenuSet, name: str, build: Callable[[MenuSet], T]) -> T:
    """``build(menuset)``, computed once per menu set and `name` (a module's own name for the value)."""
    found = _VALUES.get(id(menuset))
    if found is not None:
        value = found[1].get(name, _VALUES)
        if value is not _VALUES:
            return value
    value = build(menuset)
    with _LOCK:
        values = _values_of(menuset)
        return values.setdefault(name, value)


def _values_of(menuset: MenuSet) -> dict[str, Any]:
    key = id(menuset)
    found = _VALUES.get(key)
    if found is not None:
        if key in _STRONG:
            _STRONG.move_to_end(key)
        return found[1]
    values: dict[str, Any] = {}
    try:
        weakref.finalize(menuset, _forget, key)
    except TypeError:  # no weak references to this menu set: keep it, but only among the last few
        _VALUES[key] = (menuset, values)
        _STRONG[key] = None
        while len(_STRONG) > STRONG_KEPT:
            oldest, _ = _STRONG.popitem(last=False)
            _VALUES.pop(oldest, None)
        return values
    _VALUES[key] = (None, values)
    return values


def _forget(key: int) -> None:
    with _LOCK:
        _VALUES.pop(key, None)


def reference(menuset: MenuSet) -> Callable[[], MenuSet]:
    """A way back to `menuset` for a value shared through `per_menuset`: a weak reference where the menu set
    takes one (a strong one would keep it alive through the cache), else the menu set itself."""
    try:
        return weakref.ref(menuset)  # type: ignore[return-value]
    except TypeError:
        return lambda: menuset

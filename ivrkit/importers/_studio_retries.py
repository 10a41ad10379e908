"""The retry pattern `ivrkit export --to studio` writes, found in a Studio flow so the importer can fold it back.

For a gather `G` (see ivrkit/exporters/studio.py): its timeout leads to the
`set-variables` `G__no_input`, which adds 1 to `flow.variables.ivrkit_tries`
and leads to the split `G__no_input_check` on that counter; the split key
`noMatch` of `G__keys` leads to `G__no_match` likewise. In each check the first
`match` (`greater_than R`) is the fallback after R retries, the next ones
(`greater_than N-1`, highest first) the N-th handler, `noMatch` the first. A
handler is a `say-play` `G__no_input_N` then its goto (or `G`: re-prompt), or
just its goto. Only this exact shape is folded, so flows from elsewhere read as
before. The `set-variables` `G__enter` (zeroing the counter) is a helper too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ._jsonflow import as_dict, as_list, as_str

__all__ = ["COUNTER", "Handler", "Retries", "find_retries"]

COUNTER = "ivrkit_tries"
_COUNT = re.compile(r"\{\{\s*flow\.variables\." + COUNTER + r"\s*\}\}\Z")


@dataclass
class Handler:
    say: str | None = None
    goto: str | None = None  # a widget name; None: back to the gather


@dataclass
class Retries:
    retries: int
    fallback: str | None
    no_input: list[Handler] = field(default_factory=list)
    no_match: list[Handler] = field(default_factory=list)


def _next(state: Any, event: str) -> str | None:
    for event_name, target, _, _ in state.transitions:
        if event_name == event:
            return target
    return None


def _counter_value(state: Any, value: str) -> bool:
    variables = as_list(state.props.get("variables"))
    return (
        len(variables) == 1
        and as_str(as_dict(variables[0]).get("key")) == COUNTER
        and (as_str(as_dict(variables[0]).get("value")) or "").replace(" ", "") == value
    )


def _greater_than(conditions: list) -> int | None:
    if len(conditions) != 1:
        return None
    condition = as_dict(conditions[0])
    value = as_str(condition.get("value"))
    if as_str(condition.get("type")) != "greater_than" or value is None or not value.isdigit():
        return None
    return int(value)


def _check(gather: str, kind: str, by_name: dict, helpers: set[str]) -> tuple[int, str | None, list[Handler]] | None:
    """(retries, fallback, handlers) of one counting chain, or None when it is not the exporter's shape."""
    count = by_name.get(f"{gather}__{kind}")
    if count is None or count.type != "set-variables":
        return None
    if not _counter_value(count, "{{flow.variables." + COUNTER + "|plus:1}}"):
        return None
    check = by_name.get(_next(count, "next") or "")
    if check is None or check.type != "split-based-on" or check.name != f"{gather}__{kind}_check":
        return None
    if not _COUNT.match(as_str(check.props.get("input")) or ""):
        return None
    matches = [
        (target, _greater_than(conditions)) for event, target, conditions, _ in check.transitions if event == "match"
    ]
    first = next((target for event, target, _, _ in check.transitions if event == "noMatch"), None)
    if not matches or any(value is None for _, value in matches):
        return None
    retries, fallback = matches[0][1], matches[0][0]
    assert retries is not None
    found = [first] + [target for target, _ in reversed(matches[1:])]
    handlers = []
    for target in found:
        state = by_name.get(target or "")
        if state is not None and state.type == "say-play" and state.name.startswith(f"{gather}__{kind}_"):
            helpers.add(state.name)
            after = _next(state, "audioComplete")
            handlers.append(Handler(as_str(state.props.get("say")), None if after == gather else after))
        else:
            handlers.append(Handler(None, None if target == gather else target))
    helpers.update((count.name, check.name))
    return retries, fallback, handlers


def find_retries(states: list, by_name: dict) -> tuple[dict[str, Retries], set[str]]:
    """Each gather written with the exporter's retry pattern, and the helper widgets of those patterns."""
    found: dict[str, Retries] = {}
    helpers: set[str] = set()
    for state in states:
        if state.type != "gather-input-on-call" or _next(state, "timeout") != f"{state.name}__no_input":
            continue
        mine: set[str] = set()
        silence = _check(state.name, "no_input", by_name, mine)
        if silence is None:
            continue
        retry = Retries(silence[0], silence[1], silence[2])
        keys = by_name.get(_next(state, "keypress") or "")
        if (
            keys is not None
            and keys.name == f"{state.name}__keys"
            and _next(keys, "noMatch") == f"{state.name}__no_match"
        ):
            wrong = _check(state.name, "no_match", by_name, mine)
            if wrong is None:
                continue
            retry.no_match = wrong[2]
        enter = by_name.get(f"{state.name}__enter")
        if enter is not None and enter.type == "set-variables" and _counter_value(enter, "0"):
            mine.add(enter.name)
        found[state.name] = retry
        helpers |= mine
    for name in list(found):
        confirm = by_name.get(f"{name}__confirm")
        if confirm is not None and confirm.name in found and _next(by_name[name], "keypress") == confirm.name:
            helpers.add(confirm.name)  # the read-back of an input: `confirm: true` of the input itself
    return found, helpers

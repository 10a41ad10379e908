"""KY006 reads the moving actions (repeat, back, top) of a menu from its options with an action only: it reports
what the plain reading (every option asked of every action, as 0805337 did) reports."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.lint.finding import Violation
from ivrkit.loader import loads
from ivrkit.model import ACTIONS, MenuNode, Option
from ivrkit.rules._keys_common import menu_keys, spoken_key
from ivrkit.rules.ky006_key_consistency import _ACTION_WORDS, KeyConsistency, _heard_action

from ..strategies import menu_yaml, valid_menus


def plain_moving_actions(ctx: Context) -> Iterator[Violation]:
    """Repeat, back and top on different keys in different menus of one line, as callers hear them:
    `top` in the main menu itself says the menu again, so it is a repeat there."""
    per_action: dict[str, list[tuple[str, MenuNode, set[str], list[Option]]]] = {}
    for key, menu, _file, options in menu_keys(ctx):
        for action in ACTIONS:
            doing = [option for option in options if _heard_action(ctx, key, option) == action]
            if doing:
                per_action.setdefault(action, []).append((key, menu, {o.key for o in doing}, doing))
    for action, menus in per_action.items():
        counts: dict[str, int] = {}
        for _, _, keys, _ in menus:
            for pressed in keys:
                counts[pressed] = counts.get(pressed, 0) + 1
        if len(counts) < 2:
            continue
        order = [pressed for _, _, keys, _ in menus for pressed in sorted(keys)]
        usual = max(counts, key=lambda k: (counts[k], -order.index(k)))
        where = next(key for key, _, keys, _ in menus if usual in keys)
        for key, menu, keys, doing in menus:
            if usual in keys:
                continue
            for option in doing:
                if option.is_global:
                    continue  # a global key is where the usual one would be; judged in the menus that override it
                yield Violation(
                    option.key_span,
                    f"`{menu.id}` {_ACTION_WORDS[action][0]} on {spoken_key(option.key)}, but "
                    f"`{ctx.name(where)}` does it on {spoken_key(usual)}: callers learn one key for it",
                    node=key,
                    hint=f"use {spoken_key(usual)} to {_ACTION_WORDS[action][1]} in every menu, or make it a global option",
                )


@settings(max_examples=200, deadline=None)
@given(valid_menus())
def test_the_moving_actions_are_those_of_the_plain_reading(menu):
    ctx = Context(loads(menu_yaml(menu)), config=LintConfig())
    found = [(v.span, v.message, v.node) for v in KeyConsistency()._moving_actions(ctx)]
    assert found == [(v.span, v.message, v.node) for v in plain_moving_actions(ctx)]

"""KY009's `_replays` keeps what each target reaches (its free closure and the menus in it) for the rest of the
check: its answer for every option and menu is that of the plain definition, which walks the closure each time."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.model import MenuNode
from ivrkit.rules._menu_shape_common import closure_of, menu_options
from ivrkit.rules.ky009_repeat_available import _an_option_replays, _choices, _replays

from ..strategies import menu_yaml, valid_menus


def _plain_replays(ctx, target, menu_key) -> bool:
    closure = closure_of(ctx, target)
    if menu_key in closure:
        return True
    nodes = ctx.menuset.nodes
    mine = _choices(ctx, nodes[menu_key], {})
    if not mine[0]:
        return False
    return any(isinstance(nodes[key], MenuNode) and _choices(ctx, nodes[key], {}) == mine for key in closure)


@st.composite
def menus_with_retries(draw) -> str:
    """`valid_menus`, and when it has a menu, a copy of it (a retry menu with the same keys) behind a message
    some option leads to."""
    menu = draw(valid_menus(max_nodes=8))
    nodes = menu["nodes"]
    menus = [name for name, node in nodes.items() if node["type"] == "menu"]
    if menus:
        for name in menus:
            for option in nodes[name]["options"].values():
                if "goto" in option and draw(st.integers(0, 2)) == 0:
                    option["goto"] = "intro"
        nodes["retry"] = copy.deepcopy(nodes[draw(st.sampled_from(menus))])
        nodes["intro"] = {"type": "message", "say": "again", "next": "retry"}
    return menu_yaml(menu)


@settings(max_examples=150, deadline=None)
@given(menus_with_retries())
def test_replays_answers_as_the_plain_definition(source):
    ctx = Context(loads(source))
    choices: dict = {}
    reached: dict = {}
    for key, menu in ctx.menus():
        targets = [option.goto for option in menu_options(ctx, menu)] + [h.goto for h in menu.no_input] + [None]
        for target in targets:
            assert _replays(ctx, target, key, choices, reached) is _plain_replays(ctx, target, key)


@settings(max_examples=150, deadline=None)
@given(menus_with_retries())
def test_an_option_replays_answers_as_any_option_by_the_plain_definition(source):
    ctx = Context(loads(source))
    choices: dict = {}
    reached: dict = {}
    for key, menu in ctx.menus():
        options = menu_options(ctx, menu)
        plain = any(
            option.action == "repeat" or (option.action is None and _plain_replays(ctx, option.goto, key))
            for option in options
        )
        assert _an_option_replays(ctx, key, menu, options, choices, reached) is plain

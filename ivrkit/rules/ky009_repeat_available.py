"""KY009 `repeat-available`: A menu's options can never be heard again."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode, Option, Target
from ._menu_shape_common import closure_of, menu_options

__all__ = ["RepeatAvailable"]


def _choices(ctx: Context, menu: MenuNode, memo: dict[str, tuple]) -> tuple:
    """What each key of a menu does (own and global options, extensions), to compare two menus by
    (computed once per menu in one check, kept in `memo`)."""
    if menu.key not in memo:
        memo[menu.key] = _compute_choices(ctx, menu)
    return memo[menu.key]


def _compute_choices(ctx: Context, menu: MenuNode) -> tuple:
    options = sorted(
        (o.key, o.action, o.goto.node_key if o.goto else None, o.then.node_key if o.then else None, o.language)
        for o in menu_options(ctx, menu)
    )
    # only a menu's `extensions` make an extension route: a menu without them has no routes to walk
    extensions = (
        sorted(
            (str(route.key), route.target.node_key if route.target else None)
            for route in menu.routes()
            if route.kind == "extension"
        )
        if menu.extensions is not None
        else ()
    )
    return tuple(options), tuple(extensions)


_Reached = tuple[frozenset[str], list[MenuNode]]


def _replays(
    ctx: Context, target: Target | None, menu_key: str, choices: dict[str, tuple], reached: dict[str | None, _Reached]
) -> bool:
    """Whether a call sent to `target` hears `menu_key`'s options again without pressing a key: it
    comes back to the menu, or to a menu with the same keys and destinations (a retry menu, as
    importers make of FreeSWITCH's greet-short, which says the options in fewer words).

    What a target reaches (`closure_of`: the nodes, and the menus among them) depends on its node only: it is
    read once per node in one check and kept in `reached`, as each menu's choices are in `choices`."""
    found = reached.get(target.node_key if target is not None else None)
    closure_nodes, menus = found if found is not None else _reach(ctx, target, reached)
    if menu_key in closure_nodes:
        return True
    if not menus:
        return False  # no menu on the way to hear the options of
    menu = ctx.menuset.nodes[menu_key]
    assert isinstance(menu, MenuNode)
    mine = _choices(ctx, menu, choices)
    if not mine[0]:
        return False  # a menu without options is like no other
    for other in menus:
        if _choices(ctx, other, choices) == mine:
            return True
    return False


def _reach(ctx: Context, target: Target | None, reached: dict[str | None, _Reached]) -> _Reached:
    """What `target` reaches without a keypress (its free closure, and the menus in it), kept in `reached`."""
    closure = closure_of(ctx, target)
    nodes = ctx.menuset.nodes
    found = reached[target.node_key if target is not None else None] = (
        frozenset(closure),
        [n for n in map(nodes.__getitem__, closure) if isinstance(n, MenuNode)],
    )
    return found


def _an_option_replays(
    ctx: Context,
    key: str,
    menu: MenuNode,
    options: tuple[Option, ...],
    choices: dict[str, tuple],
    reached: dict[str | None, _Reached],
) -> bool:
    """``any(option.action == "repeat" or (option.action is None and _replays(ctx, option.goto, key, ...))
    for option in options)``, with the menu's own choices read once, not per option: the hottest loop
    of the rule (every option of every reachable menu)."""
    mine = None
    for option in options:
        action = option.action
        if action is not None:
            if action == "repeat":
                return True
            continue
        target = option.goto
        found = reached.get(target.node_key if target is not None else None)
        closure_nodes, menus = found if found is not None else _reach(ctx, target, reached)
        if key in closure_nodes:
            return True
        if not menus:
            continue
        if mine is None:
            mine = _choices(ctx, menu, choices)
        if not mine[0]:
            continue
        for other in menus:
            if _choices(ctx, other, choices) == mine:
                return True
    return False


@register
class RepeatAvailable(Rule):
    """
    ## What it does
    Finds menus whose options a caller can never hear again: no option (of
    the menu or global) repeats it (`action: repeat`, or a `goto` that comes
    back to the menu without a keypress), and silence does not replay it
    either — there are no retries (`retries: 0`), or the first `no_input`
    handler sends the call somewhere other than back to the menu. A menu
    with the same keys leading to the same places counts as the menu
    again: importers turn FreeSWITCH's `greet-short`, the shorter greeting
    played on every later round of a menu [FS], into such a retry menu,
    which says the options once more.

    ## Why is this bad?
    A caller who missed an option has to guess or hang up and call again.
    Repeat is one of the standard commands of ISO/IEC 13714 (beside help,
    back and end) [ISO]; AT&T's guidelines reserve a key for it [ATT], and
    Genesys replays a menu on silence by default [GEN].

    ## Example
    ```yaml
    main:
      type: menu
      retries: 0
      fallback: agent
      options:
        "1": {label: pay a bill, goto: billing}
        "2": {label: report a fault, goto: faults}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      fallback: agent
      options:
        "1": {label: pay a bill, goto: billing}
        "2": {label: report a fault, goto: faults}
        "*": {label: hear these options again, action: repeat}
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [ATT] https://manualsdump.com/en/manuals/at-and-t-3model/258383/317
    - [GEN] https://help.mypurecloud.com/articles/calculating-timeout-behavior/
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    """

    code = "KY009"
    name = "repeat-available"
    summary = "A menu's options can never be heard again"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        choices: dict[str, tuple] = {}
        reached: dict[str | None, _Reached] = {}
        for key, menu in ctx.menus():
            if key not in ctx.reachable or not (menu.options or menu.extensions):
                continue
            if _an_option_replays(ctx, key, menu, menu_options(ctx, menu), choices, reached):
                continue
            retries = ctx.setting(menu, "retries")
            first = menu.no_input[0] if menu.no_input else None
            if retries > 0 and (
                first is None or first.goto is None or _replays(ctx, first.goto, key, choices, reached)
            ):
                continue  # silence replays the menu (or a retry menu with the same keys)
            why = (
                "silence does not replay it (retries: 0)"
                if retries == 0
                else "silence does not replay it (the first `no_input` handler leads away)"
            )
            yield Violation(
                menu.span,
                f"callers cannot hear the options of `{menu.id}` again: no option repeats the menu and {why}",
                node=key,
                hint='add a repeat option (e.g. `"*": {label: hear these options again, action: repeat}`)'
                " or let silence replay the menu",
            )

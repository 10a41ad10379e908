"""KY004 `star-conventions`: Star must go back, cancel or repeat, and every submenu needs a way back."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import Option
from ._keys_common import menu_keys, misused

__all__ = ["StarConventions"]


@register
class StarConventions(Rule):
    """
    ## What it does
    Checks that star is only used to go back, cancel, repeat or return to the
    main menu (an action, or a jump to the main menu or to the menu the
    caller came from), never for a business option; and that every submenu
    (a menu reached by a business option of another menu) offers a way back:
    a `back` or `top` action, or a key that jumps to a parent menu or to the
    main menu. A global option is checked once.

    ## Why is this bad?
    Callers use star to step back or start over; a business option there
    surprises them, and a submenu with no way back traps a caller who took a
    wrong turn, who then hangs up and calls again. The ISO/IEC 13714
    summaries, Lewis (via ACIxD) and users of real IVRs all expect star to go
    back [ISO], [ACX-dtmf], [FUTEL].

    ## Example
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "*": {label: place a wholesale order, goto: wholesale_team}
    ```

    ## Use instead
    ```yaml
    global_options:
      "*": {label: go back to the previous menu, action: back}
    ```

    ## Options
    - `require_back` (default `true`): also report submenus that offer no
      way back.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [ACX-dtmf] http://acixd.org/wiki/doku.php?id=dtmf_keys_common_usage
    - [FUTEL] https://github.com/futel/asteriskserver/issues/11
    """

    code = "KY004"
    name = "star-conventions"
    summary = "Star must go back, cancel or repeat, and every submenu needs a way back"
    level = Level.WARNING
    aliases = ("star-back",)
    options = {
        "require_back": RuleOption(bool, True, "also report submenus with no way back"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from misused(ctx, "*", "go back, cancel or repeat")
        if not self.option("require_back"):
            return
        parents = ctx.option_meanings.parent_menus
        top = ctx.option_meanings.top_menus
        for key, menu, _menu_file, options in menu_keys(ctx):
            above = parents.get(key)
            if not above or key in top:
                continue
            # a back or top action first (most submenus have one): the same answer as asking every option in turn
            if any(option.action in _BACK_ACTIONS for option in options) or any(
                _goes_back(ctx, key, option, above, top) for option in options
            ):
                continue
            yield Violation(
                menu.span,
                f"`{menu.id}` offers no way back to {ctx.names(sorted(above))} or to the main menu",
                node=key,
                hint='add "*": {label: go back to the previous menu, action: back}, best as a global option',
            )


_BACK_ACTIONS = ("back", "top")


def _goes_back(ctx: Context, key: str, option: Option, above: set[str], top: set[str]) -> bool:
    if option.action in _BACK_ACTIONS:
        return True
    if option.goto is None:
        return False
    target = option.goto.node_key
    if target is None:
        return True  # `return` to the calling flow
    return (
        target in above
        or (target in top and ctx.menuset.nodes[target].type == "menu")
        or any(reached in above for reached in ctx.facts.free_closure(target) if reached != key)
    )

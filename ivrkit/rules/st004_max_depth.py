"""ST004 `max-depth`: A destination needs too many keypresses from the entry."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis import EXTENSION_KEYS
from ..analysis.search import pressed_keys
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import MenuNode, Span
from ._node_order import file_order

__all__ = ["MaxDepth"]


@register
class MaxDepth(Rule):
    """
    ## What it does
    Counts the fewest keypresses (menu choices) a caller needs from the entry
    to each destination (transfer, voicemail, call-back or hang-up), and
    reports the deepest destination when it needs more than `max_depth`. The
    finding gives the key sequence and the menus on the way, and is anchored
    on the last key of that sequence. Dialling a whole extension counts as one
    choice; routes taken only when the caller fails (no-input, no-match,
    fallback) and routes out of a destination (closed, busy, overflow) do not
    count as ways of reaching a destination.

    ## Why is this bad?
    Each level adds about ten seconds of listening and one more chance to
    guess wrong. Practitioner guidance asks for at most three menu levels
    [ATT], with a person reachable by the third menu [SA14]; the best results
    reach a person within two keypresses [DUN98], and broad menus beat deep
    ones [COM08].

    ## Example
    ```yaml
    nodes:
      main:
        type: menu
        options:
          "1": {label: get technical support, goto: support}
      support:
        type: menu
        options:
          "1": {label: get help with your internet connection, goto: internet}
      internet:
        type: menu
        options:
          "1": {label: get help with your router, goto: router}
      router:
        type: menu
        options:
          "1": {label: reset your Wi-Fi password, goto: router_team}   # 4th keypress
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: get help with your internet, goto: router_team}
          "2": {label: get help with your TV service, goto: tv_team}
    ```

    ## Options
    - `max_depth` (default `3`): the most keypresses allowed from the entry
      to a destination.

    ## References
    - [ATT] https://manualsdump.com/en/manuals/at-and-t-3model/258383/317
    - [SA14] https://www.softwareadvice.com/voip/industryview/ivr-design-tips-report-2014/
    - [DUN98] Dunlap 1998 (dissertation), https://www.globethesis.com/?t=1465390014478806
    - [COM08] Commarford, Lewis, Smither & Gentzler 2008, Human Factors 50(1):77–89, doi 10.1518/001872008X250665; https://stars.library.ucf.edu/scopus2000/10692
    """

    code = "ST004"
    name = "max-depth"
    summary = "A destination needs too many keypresses from the entry"
    level = Level.WARNING
    options = {
        "max_depth": RuleOption(int, 3, "the most keypresses allowed from the entry to a destination"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        limit = self.option("max_depth")
        depth, parent = ctx.facts.choice_paths
        order = file_order(ctx)
        deep = sorted(
            (-presses, order(key), key)
            for key, presses in depth.items()
            if presses > limit and ctx.menuset.nodes[key].terminal
        )
        if not deep:
            return
        dest = deep[0][2]
        keys = _choice_path(ctx, parent, dest)
        depth_of = len(keys)
        last_key, last_menu, last_span = keys[-1]
        menus = [ctx.name(menu) for _, menu, _ in keys]
        pressed = ", ".join("an extension" if k == EXTENSION_KEYS else k for k, _, _ in keys)
        message = (
            f"`{ctx.name(dest)}` needs {depth_of} keypresses from the entry "
            f"(press {pressed} in {' → '.join(menus)}): more than {limit}"
        )
        if len(deep) > 1:
            message += f"; {len(deep) - 1} other destination{'s' if len(deep) > 2 else ''} also take more than {limit}"
        yield Violation(
            last_span,
            message,
            node=last_menu,
            hint="flatten the tree: route from a broader top menu straight to the teams, "
            "and let people ask the details",
        )


def _choice_path(ctx: Context, parent: dict, key: str) -> list[tuple[str, str, Span]]:
    """The keypresses on the way to `key`: (key pressed, menu, span of the key)."""
    steps = []
    seen = set()
    while parent.get(key) is not None and key not in seen:
        seen.add(key)
        source, data = parent[key]
        if data["keypress"]:
            steps.append((pressed_keys(data), source, _key_span(ctx, source, data)))
        key = source
    return steps[::-1]


def _key_span(ctx: Context, menu_key: str, data: dict) -> Span:
    """The span of the key written for a keypress edge out of `menu_key`."""
    menu = ctx.menuset.nodes[menu_key]
    if isinstance(menu, MenuNode):
        if data["kind"] == "extension" and menu.extensions_span is not None:
            return menu.extensions_span
        for option in ctx.heard.options(menu):
            if option.key == data["key"]:
                return option.key_span
    return menu.span

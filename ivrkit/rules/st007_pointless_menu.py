"""ST007 `pointless-menu`: A menu offers one option, or only ways to repeat or go back."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Option
from ._menu_shape_common import few_keys, menu_options

__all__ = ["PointlessMenu"]


def _navigation_only(ctx: Context, key: str, option: Option) -> bool:
    """An option that only repeats the menu or goes back (to the main menu or another menu above)."""

    if option.action is not None:
        return True
    if option.language or option.goto is None:
        return option.goto is not None and option.goto.is_return
    return ctx.option_meanings.meaning(key, option) == "navigation"


@register
class PointlessMenu(Rule):
    """
    ## What it does
    Finds menus that offer no real choice: a single option (its own and the
    global ones it keeps, with no `extensions`), or options that only
    repeat the menu or go back (to a menu above or to the main menu).

    ## Why is this bad?
    Every menu costs the caller the time to hear it and one more keypress
    before a destination; broad, shallow menus beat deep ones [COM08], and
    first-time callers do best with few keyed responses [DUN98]. A menu of
    one choice is a message that makes the caller press a key; a menu of
    only "repeat" and "back" leads nowhere.

    ## Example
    ```yaml
    support:
      type: menu
      options:
        "1": {label: speak to technical support, goto: support_team}
    ```

    ## Use instead
    ```yaml
    support:
      type: message
      say: Connecting you to technical support.
      next: support_team
    ```

    ## Options
    None.

    ## References
    - [COM08] Commarford, Lewis, Smither & Gentzler 2008, Human Factors 50(1):77–89, doi 10.1518/001872008X250665; https://stars.library.ucf.edu/scopus2000/10692
    - [DUN98] Dunlap 1998 (dissertation), https://www.globethesis.com/?t=1465390014478806
    """

    code = "ST007"
    name = "pointless-menu"
    summary = "A menu offers one option, or only ways to repeat or go back"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu in ctx.menus():
            if key not in ctx.reachable or menu.extensions is not None:
                continue
            options = menu_options(ctx, menu)
            if not options:
                continue  # no options at all is a dead end or a prompt-key problem, reported elsewhere
            if len(options) == 1:
                message = f"`{menu.id}` offers a single option ({options[0].key}): it is a message with a keypress"
            elif all(_navigation_only(ctx, key, option) for option in options):
                keys = few_keys([option.key for option in options])
                message = f"`{menu.id}` only offers ways to repeat or go back ({keys}): it leads nowhere new"
            else:
                continue
            yield Violation(
                menu.span,
                message,
                node=key,
                hint="merge the menu into the one before it, or make it a message that goes straight on",
            )

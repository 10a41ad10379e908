"""LN005 `menu-barge-in`: a menu whose prompt callers cannot interrupt with a key."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register

__all__ = ["MenuBargeIn"]


@register
class MenuBargeIn(Rule):
    """
    ## What it does
    Finds reachable menus whose prompt cannot be cut short by a key
    (`barge_in: false` on the menu, or in the file's `settings` for a menu
    that does not set it): a caller who knows their option must listen to
    the whole menu before pressing it. Messages, confirmations and error
    messages may keep barge-in off; only menus are judged. With the setting
    in `settings`, the finding is on the settings, once per file.

    ## Why is this bad?
    Experienced callers shorten the call by pressing their key during the
    prompt, and a menu should encourage it [AVAYA-dt]; a menu that ignores
    keys while it plays makes every caller hear every option, the longer
    the menu the worse [IVRSW]. Avaya keeps barge-in off only for the first
    words of error messages [AVAYA-dt].

    ## Example
    ```yaml
    main:
      type: menu
      barge_in: false
      options:
        "1": {label: pay a bill, goto: billing}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
    ```

    ## Options
    None.

    ## References
    - [AVAYA-dt] Avaya IR 2.0, "Dial through and barge-in", https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15531.htm
    - [IVRSW] "Frequently overlooked problems in IVR applications" (3: rejection of key pressing during prompt playing), http://www.ivrsworld.com/advanced-ivrs/frequently-overlooked-problems-in-ivr-applications/
    """

    code = "LN005"
    name = "menu-barge-in"
    summary = "A menu's prompt cannot be interrupted with a key"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        reported: set[str] = set()
        for key, menu in ctx.menus():
            if key not in ctx.reachable:
                continue
            settings = ctx.menuset.settings_of(menu)
            if menu.setting("barge_in", settings):
                continue
            if menu.barge_in is None and settings.span is not None:
                if menu.file in reported:
                    continue
                reported.add(menu.file)
                yield Violation(
                    settings.span,
                    "the file's settings stop callers from pressing a key while a menu "
                    "speaks (barge_in: false): they must hear every option first",
                    hint="remove `barge_in: false` from the settings; set it only on messages",
                )
                continue
            yield Violation(
                menu.span,
                f"`{menu.id}` ignores keys until its prompt ends (barge_in: false): callers who know their "
                f"option must hear every option first",
                node=key,
                hint="remove `barge_in: false` from the menu",
            )

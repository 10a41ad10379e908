"""WD013 `navigation-label-mismatch`: a "repeat" or "go back" label on an option that does neither.

It judges a label against where it leads, so tests/rules/test_advice.py,
which puts every documented label on an option leading to a transfer, leaves
it out as it leaves out WD001.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode
from ._label_promises import LabelPromises, OptionRoutes, text_in_language

__all__ = ["NavigationLabelMismatch"]


@register
class NavigationLabelMismatch(Rule):
    """
    ## What it does
    Finds options whose label offers to repeat the menu ("hear these
    options again", "kuuntele vaihtoehdot uudelleen") but that do not
    repeat it, and options whose label offers to go back ("go back to the
    previous menu", "palaa edelliseen valikkoon", "takaisin
    päävalikkoon") but that lead to no menu above (nor the main menu).
    A repeat is `action: repeat` or a `goto` that comes back to the menu
    without a keypress; going back is `action: back` or `top`, a `return`,
    or a `goto` that reaches the main menu or a menu with an option leading
    to this one.
    Global options, labels in other languages and "repeat prescription"
    style business labels are not judged.

    ## Why is this bad?
    Repeat and back are standard commands of ISO/IEC 13714 with fixed
    meanings [ISO]; callers press them to recover, and options must mean
    what they say [ACX-phr]. A "repeat" key that transfers the call, or a
    "back" key that starts something new, loses the caller at the moment
    they were trying to find their way.

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
        "*": {label: hear these options again, goto: agent}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
        "*": {label: hear these options again, action: repeat}
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    """

    code = "WD013"
    name = "navigation-label-mismatch"
    summary = "A repeat or back label on an option that does not repeat or go back"
    level = Level.WARNING
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        reader = ctx.once(OptionRoutes)
        promises = ctx.once(LabelPromises)  # what options lead to: one reader per run, shared by WD011 and WD013
        reachable = ctx.reachable
        for key, menu in ctx.menus():
            if key not in reachable:
                continue
            assert isinstance(menu, MenuNode)
            file_language = ctx.menuset.file_of(menu).language
            for option in menu.options:  # global options are judged by the key rules
                text = option.label or option.say
                if text is None or option.language is not None:
                    continue
                label, language = text_in_language(text, file_language)
                navigation = promises.navigation(label, language)
                if navigation is None:
                    continue
                where = f"key {option.key} in `{menu.id}`"
                if navigation == "repeat":
                    if reader.repeats(key, option):
                        continue
                    message = f'{where} says "{label}" but does not repeat the menu'
                else:
                    if reader.goes_back(key, option):
                        continue
                    message = f'{where} says "{label}" but leads to no menu above `{menu.id}`'
                yield Violation(
                    text.span,
                    message,
                    node=key,
                    hint="use `action: repeat` or `action: back` for this key, or change the label",
                )

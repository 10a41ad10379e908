"""WD006 `goal-then-action`: A hand-written prompt names the key before the goal."""

from __future__ import annotations

from collections.abc import Iterator

from ..language import (
    announced_keys,
)
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import MenuFile, MenuNode, Option, Text
from ._wording_common import language_tag, languages_of, option_language, quote

__all__ = ["GoalThenAction"]


def _hand_written(ctx: Context) -> Iterator[tuple[str, MenuNode, MenuFile, Option | None, Text]]:
    """Hand-written prompts that announce keys: a menu's `say` with `announce_options: false`, and
    every announced option's own `say` (in menus that announce their options)."""
    for key, menu in ctx.menus():
        menu_file = ctx.menuset.file_of(menu)
        if not menu.announce_options:
            if menu.prompt is not None and menu.prompt.text is not None:
                yield key, menu, menu_file, None, menu.prompt.text
            continue
        for option in menu_file.options_of(menu):
            if option.say is not None and option.announce:
                yield key, menu, menu_file, option, option.say


@register
class GoalThenAction(Rule):
    """
    ## What it does
    Checks the word order of hand-written key announcements (a menu's `say`
    with `announce_options: false`, and options' own `say`): the goal must
    come before the key, "For billing, press 1" or "Laskutusasiat: paina 1",
    not "Press 1 for billing" or "Paina 1, jos haluat maksaa laskun".
    Menus with fewer than `min_options` (3) options of their own, such as a
    yes/no confirmation, are exempt. Composed announcements follow the
    option template and are not checked.

    ## Why is this bad?
    A caller who hears the key first has to hold "1" in mind until they
    learn whether the goal is theirs; with the goal first they listen for
    their goal and then only need the key that follows it. Front-loading the
    goal with the number at the end is the advice of [ISO] (as summarised),
    [NNG], [ALP] and [WB]; action-first is fine for a two-option yes/no
    question [WB].

    ## Example
    ```yaml
    main:
      type: menu
      announce_options: false
      say: Press 1 for billing. Press 2 to report a fault. Press 3 to move home.
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      announce_options: false
      say: For billing, press 1. To report a fault, press 2. To move home, press 3.
    ```

    ## Options
    - `min_options` (default `3`): menus with fewer options of their own are
      exempt.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    - [ALP] http://www.alpines.com/VrMistakes.htm
    - [WB] Weinschenk & Barker 2000, *Designing Effective Speech Interfaces*, ch. 10, https://www.oreilly.com/library/view/designing-effective-speech/9780471375456/chap10-sec010.html
    """

    code = "WD006"
    name = "goal-then-action"
    summary = "A hand-written prompt names the key before the goal"
    level = Level.WARNING
    uses_text = True
    options = {"min_options": RuleOption(int, 3, "menus with fewer options of their own are exempt")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        least = self.option("min_options")
        for key, menu, _file, option, text in _hand_written(ctx):
            if len(menu.options) < least:
                continue
            for language, value in languages_of(text):
                first = next(
                    (m for m in announced_keys(value, option_language(option, language)) if m.action_first), None
                )
                if first is not None:
                    yield Violation(
                        text.span,
                        f"the prompt{language_tag(text, language)} names key {first.key} before the goal "
                        f"({quote(value[max(0, first.start - 12) : first.end + 24].strip())}…)",
                        node=key,
                        hint='say the goal first: "For billing, press 1." / "Laskutusasiat: paina 1."',
                    )

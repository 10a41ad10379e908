"""KY002 `key-order`: Options announced out of ascending order, or with gaps."""

from __future__ import annotations

from collections.abc import Iterator

from ..keypatterns import PatternProblem, compile_pattern
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode

__all__ = ["KeyOrder"]

_ONE_TO_NINE = frozenset("123456789")  # the keys `[1-9]` matches in full: one digit, not 0


@register
class KeyOrder(Rule):
    """
    ## What it does
    Checks the single-digit business options of each menu (keys 1 to 9,
    without the global keys 0, star and hash, language switches, actions and
    unannounced keys): they should be announced in ascending order, and
    numbered 1, 2, 3, ... without gaps. The order is only checked when ivrkit
    composes the option list (`announce_options` is true); gaps always. A
    digit that starts the menu's direct-dial numbers (its multi-digit keys,
    or an extension pattern such as `7XXX`) is not a gap: Asterisk's demo
    offers 2 and 3 because 1000 and 1234 are dialled from the same menu.

    ## Why is this bad?
    Callers follow the list by its numbers; an option out of order, or a gap
    (1, 2, 4), makes them wonder what they missed and whether they heard the
    key right. The ISO/IEC 13714 summaries ask for ascending keys without
    gaps, as does Avaya's menu guidance [ISO], [AVAYA-M].

    ## Example
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "2": {label: manage your subscription, goto: subscription}
          "4": {label: track a delivery, goto: delivery_info}
    ```

    ## Use instead
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "2": {label: manage your subscription, goto: subscription}
          "3": {label: track a delivery, goto: delivery_info}
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html , http://www.itams.co.uk/ivr-standards.htm
    - [AVAYA-M] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15577.htm
    """

    code = "KY002"
    name = "key-order"
    summary = "Options announced out of ascending order, or with gaps"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu in ctx.menus():
            listed = [
                option
                for option in menu.options
                if option.key in _ONE_TO_NINE
                and option.announce
                and option.action is None
                and not option.language
                and not (option.key == "9" and ctx.option_meanings.meaning(key, option) != "business")
            ]
            if not listed:
                continue
            numbers = [int(option.key) for option in listed]
            if menu.announce_options:
                for previous, option in zip(listed, listed[1:]):
                    if int(option.key) < int(previous.key):
                        yield Violation(
                            option.key_span,
                            f"key {option.key} is announced after key {previous.key} in `{menu.id}` "
                            f"(order {', '.join(map(str, numbers))})",
                            node=key,
                            hint="list the options in ascending key order",
                        )
                        break
            missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers) - _dialling_starts(menu))
            if missing:
                first_after = min((o for o in listed if int(o.key) > missing[0]), key=lambda o: int(o.key))
                skipped = ", ".join(map(str, missing))
                yield Violation(
                    first_after.key_span,
                    f"the keys of `{menu.id}` ({', '.join(map(str, sorted(numbers)))}) skip {skipped}",
                    node=key,
                    hint="number the options 1, 2, 3, ... without gaps",
                )


def _dialling_starts(menu: MenuNode) -> set[int]:
    """Digits a menu keeps as the first digit of numbers to dial: of its multi-digit keys (direct-dial
    numbers such as Asterisk's 1000 and 1234) and of extension patterns that start with one fixed digit
    (7XXX). Such a digit is not a gap in the option keys: callers use it to dial."""
    starts = {int(option.key[0]) for option in menu.options if len(option.key) > 1 and option.key[0] in "123456789"}
    for text in menu.extension_patterns:
        try:
            first = compile_pattern(text).fixed[:1]
        except PatternProblem:
            continue  # the loader reports it
        if first and len(first[0]) == 1 and next(iter(first[0])) in "123456789":
            starts.add(int(next(iter(first[0]))))
    return starts

"""KY007 `prefix-collision`: A key is also the start of a longer key, so callers wait."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from ..keypatterns import prefix_waits
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode, Option
from ._keys_common import menu_keys, spoken_key

__all__ = ["PrefixCollision"]


@register
class PrefixCollision(Rule):
    """
    ## What it does
    Finds the option keys of a menu after which callers wait: the menu
    cannot tell whether more digits will follow, so it waits the
    inter-digit timeout before acting on the key. It reports exactly the
    keys the simulation waits after, and for how long
    (`ivrkit.keypatterns.prefix_waits`, the rule the engine follows):

    - a key that is also the first digits of a longer option key ("1" and
      "12", "3" and "300"); direct-dial numbers listed as keys (unlabelled
      multi-digit keys) count like any other key;
    - a key that is also the start of numbers an extension pattern takes
      (`extensions: {patterns: ["10[01]X"]}` beside option 1, as
      FreeSWITCH's regex entries and Asterisk's `_10XX` give them);
    - every key shorter than `max_digits` (FreeSWITCH's `digit-len`, after
      which the menu waits for more keys whatever they are), reported once
      per menu with the keys it affects.

    Plain `extensions` without patterns do not collide: an extension can
    never start with the first digit of an option, so a menu may offer 0
    beside `extensions`.

    ## Why is this bad?
    Every caller who presses that key hears nothing for the inter-digit
    timeout (3 s by default; 5 s in Asterisk) and often presses it again.
    The timeout guidance in the ISO/IEC 13714 summaries, Genesys and Asterisk
    assumes the inter-digit wait only happens inside a multi-digit entry
    [ISO], [GEN], [AST]. FreeSWITCH's menu collects digits until it has
    `digit-len` of them or no digit arrives within the inter-digit timeout
    [FS]; Asterisk's patterns (`_10XX`, `_7.`) stand for such direct-dial
    numbers [AST-pat].

    ## Example
    ```yaml
      main:
        type: menu
        options:
          "1": {label: pay a bill, goto: billing}
          "100": {label: reach the director, goto: director, announce: false}
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: pay a bill, goto: billing}
          "7": {label: reach the director, goto: director, announce: false}
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [GEN] https://help.mypurecloud.com/articles/calculating-timeout-behavior/
    - [AST] http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-62.html
    - [FS] https://developer.signalwire.com/freeswitch/applications/ivr-menus/ (IVR menu model)
    - [AST-pat] https://docs.asterisk.org/Configuration/Dialplan/Pattern-Matching/
    """

    code = "KY007"
    name = "prefix-collision"
    summary = "A key is also the start of a longer key, so callers wait"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu, menu_file, options in menu_keys(ctx):
            if not _may_wait(menu, options):
                continue
            waits = prefix_waits(menu, menu_file)
            if not waits:
                continue
            direct = {o.key for o in options if len(o.key) > 1 and o.label is None and o.say is None}
            counted = [option for option in options if option.key in waits]
            by_length = [option for option in counted if waits[option.key].because == "max_digits"]
            if by_length:
                seconds = waits[by_length[0].key].seconds
                keys = [spoken_key(option.key) for option in by_length]
                yield Violation(
                    menu.span,
                    f"`{menu.id}` listens for {menu.max_digits} keys (max_digits): callers who press "
                    f"{_key_list(keys)} wait out the inter-digit timeout ({seconds:g} s) before anything happens",
                    node=key,
                    hint="set max_digits to the length of the longest key, and give direct-dial numbers "
                    "a first digit that no option uses",
                )
            for option in counted:
                wait = waits[option.key]
                if wait.because == "max_digits":
                    continue
                digits = "digits" if len(option.key) > 1 else "digit"
                if wait.because == "option":
                    longer = wait.detail.removeprefix("option ")
                    what = f"{'the direct-dial number' if longer in direct else 'key'} {longer}"
                else:
                    pattern = wait.detail.removeprefix("extension pattern ")
                    what = (
                        f"extension numbers it takes (pattern {pattern})"
                        if pattern != wait.detail
                        else "extension numbers it takes"
                    )
                span = menu.span if option.is_global else option.key_span
                yield Violation(
                    span,
                    f"key {option.key} in `{menu.id}` is also the first {digits} of {what}: callers who press "
                    f"{option.key} wait out the inter-digit timeout ({wait.seconds:g} s) before anything happens",
                    node=key,
                    hint="give multi-digit keys and extensions first digits that no single key uses",
                )


def _may_wait(menu: MenuNode, options: tuple[Option, ...]) -> bool:
    """A cheap necessary condition for `prefix_waits` to find a key (which compares every pair of keys):
    the menu counts keys (max_digits), takes extension patterns, or one key starts another."""
    if menu.max_digits is not None or menu.extension_patterns:
        return True
    keys = [option.key for option in options]
    if all(len(key) == 1 for key in keys):
        return False  # no key is longer than another (most menus): none starts a longer one
    first_longer = _first_longer(keys)
    return any(first_longer(k) is not None for k in keys)


def _key_list(keys: list[str], most: int = 12) -> str:
    """``1, 2, 3 or 9``; past `most` keys, the first ones and how many more (huge menus)."""
    if len(keys) <= most:
        return ", ".join(keys[:-1]) + (" or " if len(keys) > 1 else "") + keys[-1]
    return f"{', '.join(keys[: most - 1])} or any of {len(keys) - most + 1} more keys"


def _first_longer(keys: list[str]):
    """A function: key -> the first key in `keys` (in their order) that is longer and starts with it, or None.

    The keys that start with a key follow it in sorted order, so each lookup is two binary searches and
    the smallest original position in that stretch (a sparse table answers it), not a scan of every key.
    """
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ordered = [keys[i] for i in order]
    table = [order]  # table[level][p]: the smallest original position among sorted positions p .. p + 2**level - 1
    while 2 ** len(table) <= len(order):
        last, step = table[-1], 2 ** (len(table) - 1)
        table.append([min(last[p], last[p + step]) for p in range(len(order) - 2 * step + 1)])

    def first(key: str) -> str | None:
        low = bisect_right(ordered, key)
        high = bisect_left(ordered, key + "\x7f", low)  # keys are digits, "*" and "#": all below \x7f
        if low >= high:
            return None
        level = (high - low).bit_length() - 1
        return keys[min(table[level][low], table[level][high - 2**level])]

    return first

"""KY001 `duplicate-destination`: Several keys of one menu lead to the same place under different labels."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Option
from ._keys_common import CONVENTION_KEYS, menu_keys, option_label, spoken_key

__all__ = ["DuplicateDestination"]


@register
class DuplicateDestination(Rule):
    """
    ## What it does
    Finds menus where several announced business options lead to the same
    place (the same node, with the same `then` and language) under different
    labels. It is a warning when every business option of the menu leads to
    the same place (the choice changes nothing), and information otherwise.
    The convention keys 0, star and hash, unannounced keys and actions are
    left out, and so are multi-digit keys with no label (direct-dial
    numbers). Options with no label at all (a menu imported from a platform
    whose prompt is a recording) are compared by destination alone.

    ## Why is this bad?
    Two labels that lead to one place make callers weigh a difference that
    does not exist; often the labels overlap too, and the options can be
    merged. Options must be "clear and distinct" and mutually exclusive
    [ACX-phr]. Splitting one
    destination's tasks into options can still help callers recognise their
    task [ACX-phr], so a partial duplicate is only information, while a menu
    whose every answer goes to one place only adds a level (`max-depth`).

    ## Example
    ```yaml
      main:
        type: menu
        options:
          "1": {label: pay a bill, goto: payment_line}
          "2": {label: make a payment, goto: payment_line}
          "3": {label: report a leak, goto: leaks_team}
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: pay a bill, goto: payment_line}
          "2": {label: report a leak, goto: leaks_team}
    ```

    ## Options
    None.

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    """

    code = "KY001"
    name = "duplicate-destination"
    summary = "Several keys of one menu lead to the same place under different labels"
    level = Level.INFO

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu, menu_file, options in menu_keys(ctx):
            groups: dict[tuple, list[Option]] = {}
            business = []
            for option in options:
                if option.key in CONVENTION_KEYS or option.action or option.goto is None or not option.announce:
                    continue
                if len(option.key) > 1 and option.label is None and option.say is None:
                    continue  # a direct-dial number, not an option callers choose between
                business.append(option)
                ident = (
                    option.goto.node_key or option.goto.raw,
                    option.then.node_key if option.then else None,
                    option.language,
                )
                groups.setdefault(ident, []).append(option)
            for ident, group in groups.items():
                if len(group) < 2:
                    continue  # most places one key leads to: their labels are not read
                labels = [option_label(menu_file, option) for option in group]
                # Without labels (an imported menu whose words are in a recording) the keys are still
                # compared: two keys to one place are a duplicate whatever the recording calls them.
                unlabelled = not any(labels)
                if len(set(labels)) < 2 and not unlabelled:
                    continue
                place = _place(ctx, ident)
                keys = [option.key for option in group]
                quoted = "no labels" if unlabelled else " / ".join(f"'{label}'" for label in labels)
                if len(group) == len(business):
                    yield Violation(
                        menu.span,
                        f"every option of `{menu.id}` ({_and(keys, 'key')}) leads to {place} ({quoted}): "
                        "the choice changes nothing",
                        node=key,
                        hint=f"drop the menu and route straight to {place}",
                        level=Level.WARNING,
                    )
                else:
                    yield Violation(
                        group[1].key_span,
                        f"{_and(keys, 'key')} {'both' if len(keys) == 2 else 'all'} lead to {place} ({quoted})",
                        node=key,
                        hint="merge the options into one label, unless callers really look for both tasks",
                    )


def _place(ctx: Context, ident: tuple) -> str:
    target, then, _ = ident
    place = f"`{ctx.name(target)}`" if target in ctx.menuset.nodes else f"`{target}`"
    if then is not None and then in ctx.menuset.nodes:
        place += f" then `{ctx.name(then)}`"
    return place


def _and(keys: list[str], word: str) -> str:
    spoken = [spoken_key(k) for k in keys]
    if len(spoken) == 1:
        return f"{word} {spoken[0]}"
    return (
        f"{word}s " + ", ".join(spoken[:-1]) + " and " + spoken[-1]
        if len(spoken) > 2
        else (f"{word} {spoken[0]} and {word} {spoken[1]}")
    )

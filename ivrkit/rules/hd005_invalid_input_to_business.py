"""HD005 `invalid-input-to-business`: A no-input or no-match handler sends the caller to a business option."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Handler, Interactive, MenuNode, Node, Target
from ._handlers_common import interactive_nodes
from ._label_promises import LabelPromises

__all__ = ["InvalidInputToBusiness"]


def _target_node(ctx: Context, target: Target | None) -> Node | None:
    if target is None or target.node_key is None:
        return None
    return ctx.menuset.nodes.get(target.node_key)


@register
class InvalidInputToBusiness(Rule):
    """
    ## What it does
    Finds `no_input` and `no_match` handlers that send the caller on to a
    business choice (a destination one of the menu's own options leads to,
    or an automated transfer) instead of re-prompting or going to a person.
    A destination that an option for a person leads to ("be put in queue
    for an agent", or where 0 and the fallbacks lead) is a person, not a
    business choice. A transfer to people behind a business option is
    accepted when the handler tells the caller where they are going ("Let's
    put you through to our power cut team"); a silent handler that drops
    the caller into a business option is reported, whatever is behind it
    (Amazon Connect's sample sends a wrong key straight to its option 6,
    "set call recording behavior").

    ## Why is this bad?
    Silence or a wrong key means the caller has not chosen. Routing them to
    a business option chooses for them, so they land in a queue or service
    they did not want and must start again. On failure, callers should be
    re-prompted with more help and then passed to an attendant [AVAYA-E],
    [ACX-fail].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay your bill, goto: payments}
        "2": {label: report a power cut, goto: faults}
      no_match:
        goto: payments
    ```

    ## Use instead
    ```yaml
      no_match:
        - say: Sorry, that key isn't one of the options.
        - say: If you're not sure which option you need, press 0 to speak to an adviser.
      fallback: agent
    ```

    ## Options
    None.

    ## References
    - [AVAYA-E] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15497.htm
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    """

    code = "HD005"
    name = "invalid-input-to-business"
    summary = "A no-input or no-match handler sends the caller to a business option"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        promises = ctx.once(LabelPromises)
        for key, node in interactive_nodes(ctx):
            sent: list[tuple[str, Handler, Target, Node]] = []  # each handler sending the caller elsewhere
            for field in ("no_input", "no_match"):
                for handler in getattr(node, field):
                    target = _target_node(ctx, handler.goto)
                    if target is None or target.key == key or handler.goto is None:
                        continue
                    sent.append((field, handler, handler.goto, target))
            if not sent:
                continue
            business = _business_options(ctx, promises, key, node, {target.key for *_, target in sent})
            for field, handler, goto, target in sent:
                person = target.type == "transfer" and target.person  # type: ignore[attr-defined]
                if target.key in business and not (person and handler.prompt is not None):
                    why = f"the destination of option {business[target.key]}"
                    if handler.prompt is None:
                        why += ", without a word"
                elif person:
                    continue
                elif target.type == "transfer":
                    why = "an automated transfer"
                else:
                    continue
                yield Violation(
                    goto.span,
                    f"the `{field}` handler of `{node.id}` sends callers who have not chosen to `{target.id}`, {why}",
                    node=key,
                    hint="re-prompt with more help, then fall back to a person",
                )


def _business_options(
    ctx: Context, promises: LabelPromises, key: str, node: Interactive, targets: set[str]
) -> dict[str, str]:
    """Of the `targets`, those a business option of the menu leads to, each with the first such option's key.
    Only options leading to a target are read (for a person or not): no other answer is needed."""
    business: dict[str, str] = {}
    if isinstance(node, MenuNode):
        for option in node.options:
            goto = option.goto
            if goto is None or not goto.node_key or goto.node_key not in targets or goto.node_key in business:
                continue
            if option.key not in ("0", "*", "#") and not _person_option(ctx, promises, key, option):
                business[goto.node_key] = option.key
    return business


def _person_option(ctx: Context, promises: LabelPromises, menu_key: str, option) -> bool:
    """An option for a person (its label promises one, or it leads where the line's people are): sending
    callers who keep failing there is the advice, not a choice made for them."""
    text = option.label or option.say
    if text is not None and any(promises.person(value, language) for language, value in text.values):
        return True
    return ctx.option_meanings.meaning(menu_key, option) == "person"

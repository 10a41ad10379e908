"""KY003 `zero-is-agent`: The person key (0) must lead to a person in every menu."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import MenuFile, Option
from ._keys_common import is_global_once, menu_keys, option_label, spoken_key

__all__ = ["ZeroIsAgent"]


@register
class ZeroIsAgent(Rule):
    """
    ## What it does
    Checks the person key (0 in the `us`, `eu` and `fi` profiles, or
    `agent_key`) in every menu. It is an error when the key is used for
    anything that does not lead to a person (a transfer to people, a
    call-back, or a help menu that offers one directly), and a warning when a
    menu does not handle the key at all. A global option is checked once.

    ## Why is this bad?
    Callers everywhere press 0 to reach a person; ETSI ETR 096 names 0 the
    preferred way to reach an operator, the ISO/IEC 13714 summaries reserve it
    for operator or help, and ACIxD calls any other use "virtually
    inconceivable" in the US [ETR096], [ISO], [ACX-dtmf]. A business option on
    0 sends the callers who need help most somewhere else. Finnish lines
    follow the same convention (`fi` profile); India uses 9 instead, hence
    `agent_key`.

    ## Example
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "0": {label: hear about our loyalty scheme, goto: loyalty_info}
    ```

    ## Use instead
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "2": {label: hear about our loyalty scheme, goto: loyalty_info}
          "0": {label: speak to a person, goto: agent}
    ```

    ## Options
    - `agent_key` (default `""`: the locale profile's person key, `0` in
      `us`, `eu` and `fi`): the key that must lead to a person.

    ## References
    - [ETR096] ETSI ETR 096 (1993), quoted at http://lists.w3.org/Archives/Public/public-cognitive-a11y-tf/2016Apr/0031.html
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [ACX-dtmf] http://acixd.org/wiki/doku.php?id=dtmf_keys_common_usage
    """

    code = "KY003"
    name = "zero-is-agent"
    summary = "The person key (0) must lead to a person in every menu"
    level = Level.ERROR
    options = {
        "agent_key": RuleOption(str, "", "the key that must lead to a person (default: the locale profile's)"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        wanted = self.option("agent_key") or ctx.key_profile.person
        seen: set = set()
        for key, menu, menu_file, options in menu_keys(ctx):
            option = next((o for o in options if o.key == wanted), None)
            if option is None:
                yield Violation(
                    menu.span,
                    f"`{menu.id}` does not handle {spoken_key(wanted)}: callers who press it for a person "
                    "hear that it is not an option",
                    node=key,
                    hint=f'add "{wanted}": {{label: speak to a person, goto: agent}} here, or as a global option',
                    level=Level.WARNING,
                )
                continue
            if option.is_global and not is_global_once(option, seen):
                continue
            origin = None if option.is_global else key
            target = option.goto.node_key if option.goto is not None and option.action is None else None
            if target is not None and ctx.facts.leads_to_person(target, origin=origin):
                continue
            what = _describe(ctx, menu_file, option)
            where = "every menu" if option.is_global else f"`{menu.id}`"
            yield Violation(
                option.key_span,
                f"key {spoken_key(wanted)} in {where} {what}: it does not lead to a person, and callers "
                f"press {spoken_key(wanted)} to reach one",
                node=None if option.is_global else key,
                hint=f"move this option to a free key and let {spoken_key(wanted)} lead to a person "
                "(a transfer, or a call-back when nobody is available)",
            )


def _describe(ctx: Context, menu_file: MenuFile, option: Option) -> str:
    label = option_label(menu_file, option)
    said = f" ('{label}')" if label else ""
    if option.action is not None:
        return f"is the action `{option.action}`{said}"
    if option.goto is None or option.goto.node_key is None:
        return f"returns to the calling flow{said}"
    return f"leads to `{ctx.name(option.goto.node_key)}`{said}"

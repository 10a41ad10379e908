"""ST002 `unreachable-node`: No call can reach this node."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ._node_order import file_order

__all__ = ["UnreachableNode"]


@register
class UnreachableNode(Rule):
    """
    ## What it does
    Finds nodes that no call can reach: nothing leads to them from the entry
    of the IVR (or, for a node of a building block in another file, from that
    file's entry). It reports the first node of each unreachable part once,
    and names the nodes that only it leads to.

    ## Why is this bad?
    An unreachable node is dead weight: it is usually a forgotten option, a
    renamed target or a left-over from an old version, and nobody tests it.
    Amazon Bedrock's flow validation reports it as `UnreachableNode`, and
    Rasa warns about unused checkpoints and intents [BEDROCK], [RASA].

    ## Example
    ```yaml
    entry: main
    nodes:
      main:
        type: menu
        options:
          "0": {label: speak with an agent, goto: agent}
      opening_hours:          # no option leads here
        type: message
        say: We are open from 8 to 6.
        next: main
      agent:
        type: transfer
        queue: general
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: hear our opening hours, goto: opening_hours}
          "0": {label: speak with an agent, goto: agent}
    ```

    ## Options
    None.

    ## References
    - [BEDROCK] https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_FlowValidation.md
    - [RASA] https://rasa.com/docs/rasa/reference/rasa/validator
    """

    code = "ST002"
    name = "unreachable-node"
    summary = "No call can reach this node"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        reached = set(ctx.reachable)
        for menu_file in ctx.menuset.files.values():
            start = menu_file.entry.node_key
            if start is not None and start not in reached and start in ctx.facts.graph:
                reached |= ctx.facts.reachable_from(start)
        lost = [key for key, _ in ctx.nodes() if key not in reached]
        if not lost:
            return
        lost_set = set(lost)
        covered: set[str] = set()
        # Nodes that another unreachable node leads to are reported with it, not on their own.
        led_to = {
            target
            for key in lost
            for target, data in ctx.facts.graph.forward(key)
            if target in lost_set and target != key
        }
        heads = [key for key in lost if key not in led_to]
        # What is left is unreachable cycles with no head: report their first node.
        order = heads + [key for key in lost if key in led_to]
        for key in order:
            if key in covered:
                continue
            below = ctx.facts.reach_within(key, lost_set) - {key}
            covered |= below | {key}
            node = ctx.menuset.nodes[key]
            message = f"no call can reach `{node.id}`: nothing leads to it from the entry `{_entry_id(ctx)}`"
            own_entry = ctx.menuset.files[node.file].entry.node_key
            if node.file != ctx.menuset.root.key and own_entry is not None:
                message += f" or from `{ctx.name(own_entry)}`, the entry of its file"
            if below:
                verb = "is" if len(below) == 1 else "are"
                message += (
                    f"; {ctx.names(sorted(below, key=file_order(ctx)))}, which it leads to, {verb} unreachable too"
                )
            yield Violation(
                node.span,
                message,
                node=key,
                hint="route an option or a `next` to it, or delete it if it is left over",
            )


def _entry_id(ctx: Context) -> str:
    return ctx.name(ctx.menuset.entry)

"""ST003 `loop-without-exit`: A loop that a call can never leave for a destination."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ._node_order import file_order

__all__ = ["LoopWithoutExit"]


@register
class LoopWithoutExit(Rule):
    """
    ## What it does
    Finds loops that a call can enter but never leave for a destination: every
    way out of the nodes of the loop leads back into it. It reports each loop
    once, at its first node in the file, and names its nodes. Nodes that only
    lead into such a loop are named with it (they are not reported again by
    `dead-end`).

    ## Why is this bad?
    A caller in such a loop hears the same prompts again and again and can
    only end the call by hanging up: "the call can go on forever". The
    Asterisk tutorial's invalid and timeout extensions that jump back with no
    counter are the classic case; FusionPBX and Bedrock (`CyclicConnection`)
    check for it [AST-ex], [FPBX-1432], [RPRO-728], [BEDROCK].

    ## Example
    ```yaml
    nodes:
      order_help:
        type: menu
        global_options: false
        fallback: order_help_again
        options:
          "1": {label: hear our delivery times, goto: order_times}
      order_times:
        type: message
        say: We deliver within three working days.
        next: order_help
      order_help_again:
        type: message
        say: Let's try that again.
        next: order_help
    ```

    ## Use instead
    ```yaml
      order_help:
        type: menu
        fallback: agent          # when the tries run out, a person
        options:
          "1": {label: hear our delivery times, goto: order_times}
          "0": {label: speak to an adviser, goto: agent}
    ```

    ## Options
    None.

    ## References
    - [AST-ex] https://docs.asterisk.org/Deployment/Basic-PBX-Functionality/Auto-attendant-and-IVR-Menus/Handling-Special-Extensions/
    - [FPBX-1432] https://github.com/fusionpbx/fusionpbx/pull/1432
    - [RPRO-728] https://github.com/rapidpro/rapidpro/issues/728
    - [BEDROCK] https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_FlowValidation.md
    """

    code = "ST003"
    name = "loop-without-exit"
    summary = "A loop that a call can never leave for a destination"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        reachable = ctx.reachable
        stuck = ctx.facts.stuck & reachable
        order = file_order(ctx)
        feeders = ctx.facts.loop_feeders
        for loop in ctx.facts.stuck_loops:
            members = [key for key in loop if key in reachable]
            if not members:
                continue  # an unreachable loop is left to unreachable-node
            members.sort(key=order)
            first = ctx.menuset.nodes[members[0]]
            if len(members) == 1:
                message = f"`{first.id}` only ever leads back to itself: a call there never reaches a destination"
            else:
                message = (
                    f"{ctx.names(members)} form a loop a call can never leave: none of them leads "
                    "to a transfer, voicemail, call-back or hang-up"
                )
            entered = sorted((feeders.get(tuple(loop), set()) & stuck) - set(loop), key=order)
            if entered:
                message += f"; {ctx.names(entered)} only lead{'s' if len(entered) == 1 else ''} into it"
            yield Violation(
                first.span,
                message,
                node=members[0],
                hint="give one node of the loop a way out, e.g. 0 for an agent, or a `fallback` to a person",
            )

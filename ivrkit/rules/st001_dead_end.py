"""ST001 `dead-end`: A call from this node can never reach a destination."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register

__all__ = ["DeadEnd"]


@register
class DeadEnd(Rule):
    """
    ## What it does
    Finds nodes from which a call can never reach a destination (a transfer,
    voicemail, call-back or hang-up) and that are not part of a loop: a node
    with no way on at all, such as a menu whose only key goes `back` when
    there is nothing to go back to, and the nodes that only lead to one.
    Loops that a call can never leave are reported once, by
    `loop-without-exit` (ST003), not node by node here. A `return` in a
    building block linted on its own counts as a way on: the flow that
    entered the file carries on.

    ## Why is this bad?
    A caller who reaches such a node can only hang up in frustration. Flow
    validators reject dangling transitions (Twilio error 81022), FusionPBX
    checks exit destinations, and Cyara's call-flow model only allows agent,
    transfer and disconnect as ends [TW-81022], [FPBX-5316], [CY-el].

    ## Example
    ```yaml
    entry: main
    nodes:
      main:
        type: menu
        global_options: false
        options:
          "*": {label: go back to the previous menu, action: back}   # back to nothing
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: hear our opening hours, goto: hours}
          "0": {label: speak with an agent, goto: agent}
    ```

    ## Options
    None.

    ## References
    - [TW-81022] https://twilio.com/fr/docs/api/errors/81022
    - [FPBX-5316] https://github.com/fusionpbx/fusionpbx/pull/5316
    - [CY-el] https://support.cyara.com/hc/en-us/articles/6050869240847-CX-Model-Elements
    """

    code = "ST001"
    name = "dead-end"
    summary = "A call from this node can never reach a destination"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        stuck = ctx.facts.stuck & ctx.reachable
        if not stuck:
            return
        owned_by_loops = ctx.facts.leading_into_loops
        for key, node in ctx.nodes():
            if key in stuck and key not in owned_by_loops:
                yield Violation(
                    node.span,
                    f"a call at `{node.id}` can never reach a transfer, voicemail, call-back or hang-up",
                    node=key,
                    hint="give the caller a way on to a destination, e.g. 0 for an agent",
                )

"""Structure rules (ST): where calls can go in the graph, and whether they can get anywhere."""

from __future__ import annotations

from typing import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register


@register
class DeadEnd(Rule):
    """
    ## What it does
    Finds nodes from which a call can never reach a destination (a transfer,
    voicemail, call-back or hang-up): every way on leads back into the same
    nodes, or nowhere.

    ## Why is this bad?
    A caller who reaches such a node can only hang up in frustration. Flow
    validators reject dangling transitions (Twilio error 81022), FusionPBX
    checks exit destinations, and Cyara's call-flow model only allows agent,
    transfer and disconnect as ends [TW-81022], [FPBX-5316], [CY-el]
    (clarity-guidelines.md, `dead-end`).

    ## Example
    ```yaml
    nodes:
      main:
        type: menu
        options:
          "1": {label: hear our opening hours, goto: hours}
      hours:
        type: message
        say: We are open from 8 to 6.
        next: main
    ```

    ## Use instead
    ```yaml
          "0": {label: speak with an agent, goto: agent}
      agent:
        type: transfer
        queue: general
    ```

    ## Options
    None.

    ## References
    - clarity-guidelines.md, rule `dead-end`
    - [TW-81022] https://twilio.com/fr/docs/api/errors/81022
    - [FPBX-5316] https://github.com/fusionpbx/fusionpbx/pull/5316
    - [CY-el] https://support.cyara.com/hc/en-us/articles/6050869240847-CX-Model-Elements
    """

    code = "ST001"
    name = "dead-end"
    summary = "A call from this node can never reach a destination"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        stuck = ctx.cannot_reach_terminal & ctx.reachable
        for key, node in ctx.nodes():
            if key in stuck:
                yield Violation(
                    node.span,
                    f"a call at `{node.id}` can never reach a transfer, voicemail, call-back or hang-up",
                    node=key,
                    hint="give the caller a way on to a destination, e.g. 0 for an agent",
                )

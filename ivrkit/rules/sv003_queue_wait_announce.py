"""SV003 `queue-wait-announce`: A queue does not tell callers how long they will wait."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import TransferNode

__all__ = ["QueueWaitAnnounce"]


@register
class QueueWaitAnnounce(Rule):
    """
    ## What it does
    Finds transfers to a `queue` without `announce_wait: true`: callers wait
    without being told how long.

    ## Why is this bad?
    Callers tolerate waiting much better when told the expected wait, and
    can decide to ask for a call back instead (Kortum & Peres 2007, cited
    by [ACX-xfer]). A queue
    with no wait information is one of the trust problems the essays this
    project grew from describe.

    ## Example
    ```yaml
    agent:
      type: transfer
      queue: general
    ```

    ## Use instead
    ```yaml
    agent:
      type: transfer
      queue: general
      announce_wait: true
    ```

    ## Options
    None.

    ## References
    - ivrkit issue "Clarity linter", Service: a queue without a wait-time announcement
    - [ACX-xfer] http://acixd.org/wiki/doku.php?id=transfers
    """

    code = "SV003"
    name = "queue-wait-announce"
    summary = "A queue does not tell callers how long they will wait"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("transfer"):
            assert isinstance(node, TransferNode)
            if node.queue is not None and not node.announce_wait:
                yield Violation(
                    node.span,
                    f"`{node.id}` puts callers in the `{node.queue}` queue without telling them the expected wait",
                    node=key,
                    hint="set `announce_wait: true`",
                )

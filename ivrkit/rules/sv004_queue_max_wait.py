"""SV004 `queue-max-wait`: A queue has no maximum wait and overflow, or no call-back offer."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import TransferNode

__all__ = ["QueueMaxWait"]


@register
class QueueMaxWait(Rule):
    """
    ## What it does
    Finds transfers to a `queue` with no `max_wait` (and so no `overflow`):
    a caller can wait forever. Queues without a `callback` offer are
    reported too, as info.

    ## Why is this bad?
    A queue with no limit and no way out is where callers give up and the
    company loses them: the essays this project grew from name a queue
    without a maximum wait and overflow as a trust problem. After hours or
    when the wait is long, offer a call back (Lewis 2011, cited by
    [ACX-fail]; [MINDFUL]).

    ## Example
    ```yaml
    agent:
      type: transfer
      queue: general
      announce_wait: true
    ```

    ## Use instead
    ```yaml
    agent:
      type: transfer
      queue: general
      announce_wait: true
      max_wait: 900
      overflow: voicemail
      callback: {offer_after: 120, goto: book_callback}
    ```

    ## Options
    - `require_callback` (default `true`): also report (as info) queues without a `callback` offer.

    ## References
    - ivrkit issue "Clarity linter", Service: a queue without a maximum wait and overflow
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    - [MINDFUL] https://docs.medallia.com/en/mindful/on-premise-solutions/on-premise-callback/user-guides/configuration-ui/voice-experience/9.0-invalid-responses
    """

    code = "SV004"
    name = "queue-max-wait"
    summary = "A queue has no maximum wait and overflow, or no call-back offer"
    level = Level.WARNING
    options = {"require_callback": RuleOption(bool, True, "also report queues without a call-back offer")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("transfer"):
            assert isinstance(node, TransferNode)
            if node.queue is None:
                continue
            if node.max_wait is None:
                yield Violation(
                    node.span,
                    f"callers can wait in the `{node.queue}` queue of `{node.id}` forever: no `max_wait` and `overflow`",
                    node=key,
                    hint="set `max_wait` and an `overflow` (voicemail or a call back)",
                )
            elif node.callback is None and self.option("require_callback"):
                yield Violation(
                    node.span,
                    f"`{node.id}` never offers callers in the `{node.queue}` queue a call back",
                    node=key,
                    hint="add `callback: {offer_after: 120, goto: ...}`",
                    level=Level.INFO,
                )

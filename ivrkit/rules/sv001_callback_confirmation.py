"""SV001 `callback-confirmation`: A call back is booked without a confirmation to the caller."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register

__all__ = ["CallbackConfirmation"]


@register
class CallbackConfirmation(Rule):
    """
    ## What it does
    Finds `callback` nodes with `confirm: none`: a call back is booked but
    the caller gets no text message, call or email to confirm it.

    ## Why is this bad?
    The essays this project grew from name it first among the trust
    problems of phone lines: a call back booked with nothing to show for it
    leaves the caller unsure whether the booking worked, so many stay on
    hold anyway or call again. Offer call backs with number confirmation
    [ACX-fail], [MINDFUL].

    ## Example
    ```yaml
    book_callback:
      type: callback
      number: caller
      say: We'll call you back.
    ```

    ## Use instead
    ```yaml
    book_callback:
      type: callback
      number: caller
      confirm: sms
      say: We'll call you back on this number today, within two hours. We'll send you a text message to confirm.
    ```

    ## Options
    None.

    ## References
    - ivrkit issue "Clarity linter", Service: a call-back booked without a confirmation to the caller
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    - [MINDFUL] https://docs.medallia.com/en/mindful/on-premise-solutions/on-premise-callback/user-guides/configuration-ui/voice-experience/9.0-invalid-responses
    """

    code = "SV001"
    name = "callback-confirmation"
    summary = "A call back is booked without a confirmation to the caller"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("callback"):
            if node.confirm == "none":  # type: ignore[attr-defined]
                yield Violation(
                    node.span,
                    f"`{node.id}` books a call back without confirming it to the caller (confirm: none)",
                    node=key,
                    hint="set `confirm: sms` (or `call`, `email`) and say so in the prompt",
                )

"""SV007 `unanswered-transfer`: a transfer to a person's number with nowhere to go when nobody answers.

Queues are left to SV004 (`queue-max-wait`), which asks for a maximum wait
and an overflow; this rule judges transfers that ring a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import TransferNode

__all__ = ["UnansweredTransfer"]


# What rings a line directly: a phone number of 7 or more digits, or a channel dial string
# of a known telephony technology ("SIP/reception", "PJSIP/101", "user/1001"; not a page
# such as "InputTests/menu.jsp"). Short internal extensions, dialplan targets
# ("custom-menu-split,s,1") and numbers filled in at call time ("{extension}", "${EXTEN}") are
# not judged: the PBX's own per-extension settings (voicemail, follow-me) usually answer for
# them, which the menu file cannot show. Compiled when a transfer first names a number (cached, thread-safe).
_phone = compiled_on_first_need(r"\+?[0-9][0-9 ().-]*\Z")


@cache
def _channel() -> re.Pattern[str]:
    return re.compile(
        r"(?:sip|pjsip|iax2?|dahdi|zap|console|h323|ooh323|mgcp|skinny|unistim|sofia/[\w.-]+|user)/[^{}$,\s/]+\Z",
        re.IGNORECASE,
    )


def _rings_directly(number: str) -> bool:
    if _phone().match(number):
        return sum(ch.isdigit() for ch in number) >= 7
    return bool(_channel().match(number))


@register
class UnansweredTransfer(Rule):
    """
    ## What it does
    Finds transfers that ring a person's `number` (not a `queue`) with no
    route for when the line is busy or nobody answers: no `busy`, no
    `no_answer`, no `overflow` and no `callback`. Queues are judged by
    `queue-max-wait` (SV004). Only what rings a line directly is judged: a
    phone number of seven or more digits, or a channel dial string such as
    `SIP/reception`. Short internal extensions, dialplan targets and
    numbers filled in at call time (`{extension}`) are skipped, since the
    PBX's own per-extension voicemail usually answers for them.

    ## Why is this bad?
    A transfer that rings out or meets a busy line leaves the caller with
    silence, an endless ring or a dropped call after they have already
    worked through the menus. Callers should get voicemail or a call back
    when nobody is available [ACX-xfer], [ACX-fail]; the GetHuman standard
    asks for a call-back offer [GH]. Asterisk's own demo routes a `Dial`
    to voicemail "unless busy" [AST-ex].

    ## Example
    ```yaml
    reception:
      type: transfer
      number: "+358 9 123 4567"
    ```

    ## Use instead
    ```yaml
    reception:
      type: transfer
      number: "+358 9 123 4567"
      busy: voicemail
      no_answer: voicemail
    ```

    ## Options
    None.

    ## References
    - [ACX-xfer] http://acixd.org/wiki/doku.php?id=transfers
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    - [GH] GetHuman standard 1.0, http://gethuman.com/standard/v1.0.html
    - [AST-ex] https://docs.asterisk.org/Deployment/Basic-PBX-Functionality/Auto-attendant-and-IVR-Menus/Handling-Special-Extensions/
    """

    code = "SV007"
    name = "unanswered-transfer"
    summary = "A transfer to a person has no route for a busy line or no answer"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("transfer"):
            assert isinstance(node, TransferNode)
            if key not in ctx.reachable or not node.person or node.queue is not None or node.number is None:
                continue
            if not _rings_directly(node.number):
                continue
            if node.busy or node.no_answer or node.overflow or node.callback:
                continue
            yield Violation(
                node.span,
                f"`{node.id}` rings {node.number} with nowhere to go when the line is busy or nobody answers",
                node=key,
                hint="add `busy:` and `no_answer:` leading to voicemail or a call-back booking",
            )

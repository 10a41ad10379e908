"""SV002 `callback-when`: A call-back or voicemail never says when the company will call back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import MessageNode, VoicemailNode
from ..prompts import text_in

__all__ = ["CallbackWhen"]


_WHEN = [
    # English
    r"\bwithin\b",
    r"\btoday\b",
    r"\btonight\b",
    r"\btomorrow\b",
    r"\bnoon\b",
    r"\bmidday\b",
    r"\b(?:by|before|after|from|at|between) (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)",
    r"\d\s*(?:am|pm|a\.m\.|p\.m\.)\b",
    r"\bo'clock\b",
    r"\b(?:working|business) days?\b",
    r"\b(?:hours?|minutes?|days?)\b",
    r"\b(?:morning|afternoon|evening)\b",
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"\byour turn\b",
    r"\bas soon as (?!possible)\w",
    # Finnish
    r"\btänään\b",
    r"\bhuomenna\b",
    r"\barki\w*",
    r"\btunni\w*",
    r"\bminuuti\w*",
    r"\bpäivän\b",
    r"\bmennessä\b",
    r"\bklo\b",
    r"\bkello\b",
    r"\bkuluessa\b",
    r"\baamu\w*",
    r"\biltapäiv\w*",
    r"\b(?:maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai)\w*",
    r"\bvuorosi\b",
    r"\bheti\b",
]


@cache
def _built_in_patterns() -> tuple[re.Pattern[str], ...]:
    """`_WHEN` compiled, once per process, when the first call-back or voicemail is checked."""
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in _WHEN)


def _lead_ins(ctx: Context) -> dict[str, list]:
    """For each node, the message nodes whose `next` leads straight to it."""
    found: dict[str, list] = {}
    for _, node in ctx.nodes("message"):
        assert isinstance(node, MessageNode)
        target = node.next.node_key
        if target is not None:
            found.setdefault(target, []).append(node)
    return found


@register
class CallbackWhen(Rule):
    """
    ## What it does
    Finds `callback` and `voicemail` prompts that never say when the
    company will call back: no time expression such as "within two hours",
    "today", "tomorrow", "by 6 pm", "on the next working day", "when it's
    your turn" (English) or "tänään", "huomenna", "arkipäivän", "tunnin
    kuluessa", "klo 12 mennessä" (Finnish), in each language of the file.
    A destination with no prompt reads the message that leads straight into
    it (a "Sorry we can't take your call, please leave a message" said just
    before a record step); with neither, it says nothing, unless it is a
    voicemail with a `mailbox`, whose own greeting plays (recorded on the
    mailbox, its words unknown). Audio-only prompts are skipped (AU001
    reports them): unknown words are not missing words.

    ## Why is this bad?
    A call back or a message with no time attached is a promise the caller
    cannot check: they do not know whether to wait by the phone, so they
    call again. The essays this project grew from list it among the trust
    problems; wait and call-back information is what callers value most
    [ACX-xfer], [ACX-fail].

    ## Example
    ```yaml
    voicemail:
      type: voicemail
      say: Please leave a message after the tone and we'll get back to you.
    ```

    ## Use instead
    ```yaml
    voicemail:
      type: voicemail
      say: Please leave a message after the tone. We'll call you back by noon on the next working day.
    ```

    ## Options
    - `phrases` (default `[]`): more regular expressions that count as saying when, besides the built-in English and Finnish ones.

    ## References
    - ivrkit issue "Clarity linter", Service: a call-back or voicemail that never says when the company will call back
    - [ACX-xfer] http://acixd.org/wiki/doku.php?id=transfers
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    """

    code = "SV002"
    name = "callback-when"
    summary = "A call-back or voicemail never says when the company will call back"
    level = Level.WARNING
    uses_text = True
    options = {"phrases": RuleOption(list, [], "more regular expressions that count as saying when", patterns=True)}

    def check(self, ctx: Context) -> Iterator[Violation]:
        patterns: list[re.Pattern[str]] = []
        lead_ins: dict[str, list] = {}
        for key, node in ctx.nodes("callback", "voicemail"):
            if not patterns:  # the first node that needs them: most menus have none
                patterns = [*_built_in_patterns(), *(re.compile(p, re.IGNORECASE) for p in self.option("phrases"))]
                lead_ins = _lead_ins(ctx)
            if node.prompt is not None and node.prompt.text is None:
                continue  # audio only: the words are unknown (AU001)
            texts = [node.prompt.text] if node.prompt is not None else []
            if not texts:
                before = lead_ins.get(key, [])
                if any(m.prompt is None or m.prompt.text is None for m in before):
                    continue  # a message with unknown words comes first: unknown is not missing
                texts = [m.prompt.text for m in before]
                if not texts and isinstance(node, VoicemailNode) and node.mailbox:
                    continue  # the mailbox plays its own greeting, recorded outside the menu: words unknown
            own = node.prompt.text if node.prompt is not None else None
            before = lead_ins.get(key, [])
            said_before = (
                ""
                if own is not None or not texts
                else (
                    f" (nor does `{before[0].id}` before it)"
                    if len(before) == 1
                    else " (nor do " + ", ".join(f"`{m.id}`" for m in before[:-1]) + f" or `{before[-1].id}` before it)"
                )
            )
            default = ctx.menuset.file_of(node).language
            missing = [
                lang
                for lang in ctx.languages(node)
                if not texts or not any(p.search(text_in(t, lang, default)[0] or "") for t in texts for p in patterns)
            ]
            if not missing:
                continue
            what = "call back" if node.type == "callback" else "message"
            where = "" if len(ctx.languages(node)) == 1 else f" (in {', '.join(missing)})"
            yield Violation(
                own.span if own is not None else node.span,
                f"`{node.id}` never tells the caller when we will call back after this {what}{where}{said_before}",
                node=key,
                hint='say when: "within two hours", "by noon on the next working day"',
            )

"""HD001 `no-input-handler`: A menu or input does not say what happens when the caller presses nothing."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ._handlers_common import missing_handler

__all__ = ["NoInputHandler"]


@register
class NoInputHandler(Rule):
    """
    ## What it does
    Finds menus and inputs with no `no_input` handler: nothing says what
    happens when the caller presses nothing before the timeout. A handler
    that only plays the node's own prompt recording again counts as none. Without a
    handler ivrkit simply repeats the prompt; without a `fallback` as well,
    the call ends when the tries run out. That case is an error; a missing
    handler with a fallback is a warning. A node with `retries: 0` is left
    out: its first silence goes straight to the fallback (or ends the
    call; docs/format.md, "No-input and no-match handlers"), so the caller
    never hears the prompt again and a handler would never be played;
    `retry-limit` reports the single try, `timeout-alert` a fallback that
    hangs up.

    ## Why is this bad?
    Every input state should define what happens on timeout: VoiceXML's
    `<noinput>`, FreeSWITCH's `max-timeouts`; an Asterisk menu without a `t`
    extension ends the call [VXML], [AST], [FS]. Callers who hesitate are
    often the ones who need help most; hearing the same prompt again and then
    being cut off tells them nothing.

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay your bill, goto: billing}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      fallback: agent
      options:
        "1": {label: pay your bill, goto: billing}
      no_input:
        - say: Sorry, I didn't hear a choice.
        - say: If you're not sure which option you need, press 0 to speak to an adviser.
    ```

    ## Options
    None.

    ## References
    - [VXML] https://www.w3.org/TR/voicexml20/ (§5.2 events)
    - [AST] http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-62.html
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    """

    code = "HD001"
    name = "no-input-handler"
    summary = "A menu or input does not say what happens when the caller presses nothing"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from missing_handler(ctx, "no_input", "silence")

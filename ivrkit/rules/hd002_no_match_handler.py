"""HD002 `no-match-handler`: A menu or input does not say what happens when the caller presses a wrong key."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ._handlers_common import missing_handler

__all__ = ["NoMatchHandler"]


@register
class NoMatchHandler(Rule):
    """
    ## What it does
    Finds menus and inputs with no `no_match` handler: nothing says what
    happens when the caller presses a key that is not an option (or enters
    the wrong number of digits). A handler that only plays the node's own
    prompt recording again (a FreeSWITCH `invalid-sound` that is the
    greeting file) counts as none. Without a handler ivrkit repeats the prompt;
    without a `fallback` as well, the call ends when the tries run out. That
    case is an error; a missing handler with a fallback is a warning. A node
    with `retries: 0` is left out: its first wrong key goes straight to the
    fallback (or ends the call; docs/format.md, "No-input and no-match
    handlers"), so the caller never hears the prompt again and a handler
    would never be played; `retry-limit` reports the single try,
    `wrong-key-hangup` a fallback that hangs up.

    ## Why is this bad?
    Every input state should define what happens on an invalid key: VoiceXML's
    `<nomatch>`, Asterisk's `i` extension, FreeSWITCH's `invalid-sound` and
    `max-failures` [VXML], [AST], [FS]. A caller who pressed a wrong key and
    hears the same prompt again does not learn what went wrong.

    ## Example
    ```yaml
    card_digits:
      type: input
      say: Please enter the last four digits of your card number.
      digits: {min: 4, max: 4}
      next: card_menu
    ```

    ## Use instead
    ```yaml
    card_digits:
      type: input
      say: Please enter the last four digits of your card number.
      digits: {min: 4, max: 4}
      fallback: agent
      no_match:
        - say: Sorry, that wasn't four digits.
        - say: Sorry, that still wasn't four digits. Enter the last four digits on the front of your card.
      next: card_menu
    ```

    ## Options
    None.

    ## References
    - [VXML] https://www.w3.org/TR/voicexml20/ (§5.2 events)
    - [AST] http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-62.html
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    """

    code = "HD002"
    name = "no-match-handler"
    summary = "A menu or input does not say what happens when the caller presses a wrong key"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from missing_handler(ctx, "no_match", "a wrong key")

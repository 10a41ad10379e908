"""KY005 `hash-conventions`: Hash must not be a business option, and variable-length entry must end with hash."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import InputNode
from ._keys_common import misused

__all__ = ["HashConventions"]


@register
class HashConventions(Rule):
    """
    ## What it does
    Checks that hash is not a business option in a menu (it may repeat, go
    back or go to the main menu), and that every input of variable length
    (`digits` with `min` below `max`) accepts hash as its terminator.

    ## Why is this bad?
    Hash ends an entry: the ISO/IEC 13714 summaries and Kortum's guidance
    make it the terminator, VoiceXML's `termchar` and Twilio's `finishOnKey`
    default to it [ISO], [KOR], [VXML-def], [TW]. Callers who finish a
    variable-length number with hash, and it is not the terminator, get an
    error or wait out the inter-digit timeout; a business option on hash
    is found by nobody.

    ## Example
    ```yaml
      meter_reading:
        type: input
        say: Please enter your meter reading.
        digits: {min: 4, max: 6, terminator: null}
        next: saved
    ```

    ## Use instead
    ```yaml
      meter_reading:
        type: input
        say: Please enter your meter reading, then press hash.
        digits: {min: 4, max: 6, terminator: "#"}
        next: saved
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [KOR] Kortum (ed.) 2008, *HCI Beyond the GUI*, ch. 7, https://www.studmed.ru/view/kortum-p-ed-hci-beyond-the-gui-design-for-haptic-speech-olfactory-and-other-nontraditional-interfaces_a42f0e761cf.html?page=28
    - [VXML-def] https://docs.plumvoice.com/dev/voicexml/properties/termtimeout
    - [TW] https://www.twilio.com/docs/api_reference/TwiML/gather
    """

    code = "KY005"
    name = "hash-conventions"
    summary = "Hash must not be a business option, and variable-length entry must end with hash"
    level = Level.WARNING
    aliases = ("hash-terminator",)

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from misused(ctx, "#", "end an entry, repeat or go back")
        for key, node in ctx.nodes("input"):
            assert isinstance(node, InputNode)
            if node.min_digits < node.max_digits and node.terminator != "#":
                ends = "no terminator" if node.terminator is None else f"`{node.terminator}` as its terminator"
                yield Violation(
                    node.span,
                    f"`{node.id}` takes {node.min_digits} to {node.max_digits} digits but has {ends}: "
                    "callers cannot finish a shorter entry with hash and wait out the timeout",
                    node=key,
                    hint='set digits: {terminator: "#"} and say "then press hash"',
                )

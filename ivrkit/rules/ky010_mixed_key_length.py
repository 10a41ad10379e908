"""KY010 `mixed-key-length`: One menu mixes keys of different lengths."""

from __future__ import annotations

from collections.abc import Iterator

from ..language import announced_keys
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode, Option
from ..prompts import text_in
from ._menu_shape_common import few_keys, menu_options

__all__ = ["MixedKeyLength"]


@register
class MixedKeyLength(Rule):
    """
    ## What it does
    Finds menus whose announced option keys (its own and the global ones it
    keeps) have different numbers of digits, such as 1, 2 and 10. It
    reports the first key whose length differs from the menu's shortest
    keys. Unannounced direct-dial numbers (`announce: false`) and dialling
    an extension (`extensions`) are not counted; with `announce_options:
    false` the keys the prompt's words name are counted, and an audio-only
    prompt is not judged;
    when a short key is also the start of a longer one, `prefix-collision`
    (KY007) reports the wait on that key as well.

    ## Why is this bad?
    A platform that collects up to the longest key's length waits the
    inter-digit timeout after every shorter key (FreeSWITCH's `digit-len`,
    VoiceXML's `interdigittimeout`), so callers hear nothing after the
    one-digit options and press again [FS], [VXML]. Mixed lengths also break
    the one-key-per-choice pattern callers learn from the rest of the line
    [ACX-dtmf].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
        "2": {label: report a fault, goto: faults}
        "10": {label: hear about our new tariffs, goto: tariffs}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
        "2": {label: report a fault, goto: faults}
        "3": {label: hear about our new tariffs, goto: tariffs}
    ```

    ## Options
    None.

    ## References
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    - [VXML] https://www.w3.org/TR/voicexml20/ (§6.3.3 DTMF properties)
    - [ACX-dtmf] http://acixd.org/wiki/doku.php?id=dtmf_keys_common_usage
    """

    code = "KY010"
    name = "mixed-key-length"
    summary = "One menu mixes keys of different lengths"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu in ctx.menus():
            if key not in ctx.reachable:
                continue
            options = _announced_digit_keys(ctx, menu)
            lengths = sorted({len(option.key) for option in options})
            if len(lengths) < 2:
                continue
            short = [option.key for option in options if len(option.key) == lengths[0]]
            odd = next(option for option in options if len(option.key) != lengths[0])
            long_keys = [option.key for option in options if len(option.key) != lengths[0]]
            span = odd.key_span if not odd.is_global else menu.span
            yield Violation(
                span,
                f"`{menu.id}` mixes {lengths[0]}-digit keys ({few_keys(short)}) with longer keys "
                f"({few_keys(long_keys)}): callers who press a short key may wait out the inter-digit timeout",
                node=key,
                hint="give every option of the menu the same number of digits (usually one)",
            )


def _announced_digit_keys(ctx: Context, menu: MenuNode) -> list[Option]:
    """The digit options a caller is told about; unannounced direct-dial numbers are left out.

    With `announce_options: false` the hand-written prompt says which keys are offered; when its
    words are unknown (audio only), nothing is judged.
    """
    options = [option for option in menu_options(ctx, menu) if option.key.isdigit()]
    if menu.announce_options:
        return [option for option in options if option.announce]
    text = menu.prompt.text if menu.prompt is not None else None
    if text is None:
        return []
    language = ctx.menuset.file_of(menu).language
    value = text_in(text, language, language)[0] or ""
    said = {mention.key for mention in announced_keys(value, language)}
    return [option for option in options if option.key in said]

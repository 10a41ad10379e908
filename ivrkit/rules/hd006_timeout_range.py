"""HD006 `timeout-range`: A no-input or inter-digit timeout is outside the usual range."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import InputNode, Interactive, MenuNode
from ._handlers_common import interactive_nodes

__all__ = ["TimeoutRange"]


def _multi_digit(ctx: Context, node: Interactive) -> bool:
    if isinstance(node, InputNode):
        return node.max_digits > 1
    if isinstance(node, MenuNode):
        if node.extensions is not None or any(len(o.key) > 1 for o in node.options):
            return True
        globals_ = ctx.menuset.file_of(node).global_options
        return any(len(o.key) > 1 and node.uses_global(o.key) for o in globals_)
    return False


@register
class TimeoutRange(Rule):
    """
    ## What it does
    Checks the timeouts of each menu and input: the no-input `timeout` must
    be within `min_timeout`–`max_timeout` seconds; where callers enter more
    than one digit (inputs, extensions, multi-digit keys), the
    `inter_digit_timeout` must be within `min_inter_digit`–`max_inter_digit`
    seconds and shorter than the no-input timeout.

    It also checks the timeout against the prompt before it: after a menu
    prompt longer than `long_prompt` seconds (estimated as `prompt-duration`
    does; audio-only prompts are not judged), the no-input timeout must be at
    least `min_after_long_prompt` seconds. Precisely: the timeout starts when
    the prompt ends, so a caller who waited for the last option (or who
    needs a moment to recall the key of an earlier one) has only the
    timeout to press it.

    ## Why is this bad?
    ISO/IEC 13714 (as summarised) gives 3–10 s; Twilio and Genesys wait 5 s
    for input and Genesys 3 s between digits, Asterisk 10 s and 5 s, with
    the no-entry timeout longer than the inter-digit one [ISO], [TW], [GEN],
    [AST]. Too short and callers
    are cut off while finding a bill; too long and they sit in silence
    wondering whether the line is dead. An inter-digit timeout as long as
    the no-input one makes a caller who has finished wait before anything
    happens.

    The no-input timeout counts from the end of the prompt [VXML], and
    Nuance advises raising it "for prompts that cause users to pause and
    think" (its default is 7 s) [NUA]. A prompt longer than Plum's 20 s for
    instructional prompts [PLUM] is such a prompt, so ivrkit asks for at
    least the 5 s that Twilio and Genesys give a single response by default
    [TW], [GEN] rather than the bare 3 s minimum.

    ## Example
    ```yaml
    account:
      type: input
      timeout: 2
      inter_digit_timeout: 6
      digits: {min: 8, max: 8}
    ```

    ## Use instead
    ```yaml
    account:
      type: input
      timeout: 8
      inter_digit_timeout: 4
      digits: {min: 8, max: 8}
    ```

    ## Options
    - `min_timeout` (default `3`): the shortest no-input timeout, in seconds.
    - `max_timeout` (default `10`): the longest no-input timeout, in seconds.
    - `min_inter_digit` (default `1`): the shortest inter-digit timeout, in seconds.
    - `max_inter_digit` (default `5`): the longest inter-digit timeout, in seconds.
    - `long_prompt` (default `20`): a menu prompt longer than this, in seconds, is long.
    - `min_after_long_prompt` (default `5`): the shortest no-input timeout after a long prompt, in seconds.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [GEN] https://help.mypurecloud.com/articles/calculating-timeout-behavior/
    - [TW] https://www.twilio.com/docs/api_reference/TwiML/gather
    - [AST] http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-62.html
    - [VXML] W3C VoiceXML 2.0, https://www.w3.org/TR/voicexml20/ (§6.3.2, the `timeout` property)
    - [NUA] Nuance Speech Suite, `timeout`, https://docs.nuance.com/speech-suite/nr-config/cfg-timeout.html
    - [PLUM] Plum Voice, "IVR prompt guidelines", http://www.plumvoice.com/blog/ivr-prompt-guidelines
    """

    code = "HD006"
    name = "timeout-range"
    summary = "A no-input or inter-digit timeout is outside the usual range"
    level = Level.WARNING
    options = {
        "min_timeout": RuleOption(float, 3.0, "the shortest no-input timeout, in seconds"),
        "max_timeout": RuleOption(float, 10.0, "the longest no-input timeout, in seconds"),
        "min_inter_digit": RuleOption(float, 1.0, "the shortest inter-digit timeout, in seconds"),
        "max_inter_digit": RuleOption(float, 5.0, "the longest inter-digit timeout, in seconds"),
        "long_prompt": RuleOption(float, 20.0, "a menu prompt longer than this, in seconds, is long"),
        "min_after_long_prompt": RuleOption(float, 5.0, "the shortest no-input timeout after a long prompt"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        low, high = self.option("min_timeout"), self.option("max_timeout")
        digit_low, digit_high = self.option("min_inter_digit"), self.option("max_inter_digit")
        reported: set = set()
        for key, node in interactive_nodes(ctx):
            settings = ctx.menuset.settings_of(node)
            timeout = ctx.setting(node, "timeout")
            problems = []
            if not low <= timeout <= high:
                problems.append(("timeout", f"a no-input timeout of {timeout:g} s (usual: {low:g}–{high:g} s)"))
            elif timeout < self.option("min_after_long_prompt") and isinstance(node, MenuNode):
                said = _prompt_seconds(ctx, node)
                if said is not None and said > self.option("long_prompt"):
                    yield Violation(
                        node.span,
                        f"`{node.id}` gives callers {timeout:g} s after a prompt of about {said:.0f} s: too little "
                        f"time to recall the key of their option (at least {self.option('min_after_long_prompt'):g} s)",
                        node=key,
                        hint=f"raise `timeout` to {self.option('min_after_long_prompt'):g} s or more, or shorten the prompt",
                    )
            if _multi_digit(ctx, node):
                digit = ctx.setting(node, "inter_digit_timeout")
                if not digit_low <= digit <= digit_high:
                    problems.append(
                        (
                            "inter_digit_timeout",
                            f"an inter-digit timeout of {digit:g} s (usual: {digit_low:g}–{digit_high:g} s)",
                        )
                    )
                if digit >= timeout and digit_low <= digit <= digit_high:  # else already reported as too long
                    problems.append(
                        (
                            "inter_digit_timeout+timeout",
                            f"an inter-digit timeout of {digit:g} s, not shorter than its no-input "
                            f"timeout of {timeout:g} s",
                        )
                    )
            for fields, problem in problems:
                inherited = all(getattr(node, f) is None for f in fields.split("+"))
                if inherited and settings.span is not None:
                    if (node.file, fields, problem) in reported:
                        continue
                    reported.add((node.file, fields, problem))
                    yield Violation(
                        settings.span,
                        f"the file's settings give {problem}",
                        hint="set the timeout in `settings` within the usual range",
                    )
                else:
                    yield Violation(
                        node.span,
                        f"`{node.id}` has {problem}",
                        node=key,
                        hint="keep the no-input timeout at 3–10 s and the inter-digit timeout shorter",
                    )


def _prompt_seconds(ctx: Context, node: MenuNode) -> float | None:
    """The longest estimated prompt of a menu over its languages (None when a part is audio only)."""
    longest = None
    for language in ctx.languages(node):
        total, known = ctx.heard.spoken(node, language)
        if not known or not ctx.heard.segments(node, language):
            return None
        longest = total if longest is None else max(longest, total)
    return longest

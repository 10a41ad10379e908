"""AU001 `unknown-prompt-text`: A recorded prompt has no transcript, so its words cannot be checked."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Interactive, Prompt

__all__ = ["UnknownPromptText"]


@register
class UnknownPromptText(Rule):
    """
    ## What it does
    Reports, once per prompt, every prompt that is a recording (`audio:`)
    with no `say:` transcript: its words are unknown, so the text rules
    (wording, key mentions, placeholders, timing, time-outs, call-back
    promises) cannot check it. Their silence about it is not a pass.

    ## Why is this bad?
    A recording drifts from the menu behind it: it still names an option
    that moved, or never says "press 0". Nobody reviewing the file can
    tell, and no tool can check it. Storm's menu documentation asks that the
    recorded introduction mention each option [STORM]; without the words,
    neither that check (WD007) nor the prompt's spoken time with its pauses
    between options (LN002, [IBM-t]) can be worked out, and the linter must
    say that it could not check.

    ## Example
    ```yaml
    main:
      type: menu
      audio: prompts/main-menu-final-FINAL.wav
      announce_options: false
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      audio: prompts/main-menu.wav
      say: To book a flight, press 1. To change or cancel a booking, press 2.
      announce_options: false
    ```

    ## Options
    None.

    ## References
    - [STORM] Storm (Rakuten) flow reference, Menu action: https://connectstorm.comm.rakuten.net/assets/jaJP/flow/FLOW_action_cell_reference/Menu.htm
    - [IBM-t] http://docs.blueworx.com/BVR/InfoCenter/V6.1/help/topic/com.ibm.wvraix.vxmlpg.doc/gsrecorded.html
    - docs/format.md, "Audio prompts"
    """

    code = "AU001"
    name = "unknown-prompt-text"
    summary = "A recorded prompt has no transcript, so its words cannot be checked"
    level = Level.INFO

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes():
            prompts: list[tuple[str, Prompt | None]] = [("prompt", node.prompt)]
            if isinstance(node, Interactive):
                prompts += [("no_input message", h.prompt) for h in node.no_input]
                prompts += [("no_match message", h.prompt) for h in node.no_match]
            for what, prompt in prompts:
                if prompt is None or prompt.known:
                    continue
                files = ", ".join(path for _, path in prompt.audio.values) if prompt.audio else "a recording"
                yield Violation(
                    prompt.span,
                    f"the {what} of `{node.id}` is audio only ({files}): its words are unknown and were not checked",
                    node=key,
                    hint="add the recording's script as `say:` beside `audio:`",
                )

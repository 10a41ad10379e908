"""Audio rules (AU): prompts that exist only as recordings, whose words are unknown."""

from __future__ import annotations

from typing import Iterator

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
    recorded introduction mention each option, and the linter must say when
    it could not check (clarity-guidelines.md, `prompt-key-mismatch` and
    `prompt-duration` [IBM-t]).

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
    - clarity-guidelines.md, rules `prompt-key-mismatch`, `prompt-duration`
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

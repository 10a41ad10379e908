"""HD004 `escalating-reprompt`: Re-prompts repeat the same words instead of adding help."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Text
from ._handlers_common import heard_handlers, interactive_nodes

__all__ = ["EscalatingReprompt"]


def _same_text(a: Text | None, b: Text | None) -> bool:
    if a is None or b is None:
        return False
    return {lang: " ".join(t.split()).lower() for lang, t in a.values} == {
        lang: " ".join(t.split()).lower() for lang, t in b.values
    }


@register
class EscalatingReprompt(Rule):
    """
    ## What it does
    Finds no-input and no-match handlers that add nothing: a handler that
    says the node's own prompt again word for word, or handlers that give
    the caller the same message on every retry (one message, or a list whose
    messages are all the same), so the help never escalates.

    ## Why is this bad?
    Retry prompts should add guidance, not repeat the first prompt: Avaya and
    Microsoft advise escalating help, VoiceXML counts events so that each try
    can say more, and Google asks for prompts "escalating in clarity"
    [AVAYA-E], [VXML], [DF], [MS-QA]. A caller who did not understand the
    prompt the first time will not understand it the third time.

    ## Example
    ```yaml
    no_match:
      say: Sorry, that key isn't one of the options.   # heard on every retry
    ```

    ## Use instead
    ```yaml
    no_match:
      - say: Sorry, that key isn't one of the options.
      - say: Sorry. Press 1 to pay a bill, 2 to report a power cut, or 0 for an adviser.
    ```

    ## Options
    None.

    ## References
    - [AVAYA-E] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15497.htm
    - [VXML] https://www.w3.org/TR/voicexml20/ (§5.2.2 `count`)
    - [DF] https://developers.google.com/assistant/df-asdk/dialogflow/tips
    - [MS-QA] https://learn.microsoft.com/en-us/previous-versions/office/developer/communication-server-2007/bb857165(v=office.12)
    """

    code = "HD004"
    name = "escalating-reprompt"
    summary = "Re-prompts repeat the same words instead of adding help"
    level = Level.INFO
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in interactive_nodes(ctx):
            retries = ctx.setting(node, "retries")
            own = node.prompt.text if node.prompt is not None else None
            for field in ("no_input", "no_match"):
                handlers = getattr(node, field)
                repeats = set()
                for handler in handlers:
                    text = handler.prompt.text if handler.prompt is not None else None
                    if _same_text(text, own):
                        repeats.add(id(handler))
                        yield Violation(
                            handler.span,
                            f"this `{field}` handler of `{node.id}` repeats the prompt word for word",
                            node=key,
                            hint='say what went wrong and add help, e.g. the keys or "press 0 for an adviser"',
                        )
                heard = heard_handlers(handlers, retries)
                texts = [h.prompt.text if h.prompt is not None else None for h in heard]
                if len(heard) < 2 or any(t is None for t in texts) or id(heard[0]) in repeats:
                    continue
                if all(_same_text(texts[0], t) for t in texts[1:]):
                    yield Violation(
                        heard[0].span,
                        f"`{node.id}` says the same `{field}` message on all {len(heard)} retries",
                        node=key,
                        hint="make each retry add help: a list of handlers, the later ones naming the keys or 0",
                    )

"""What a VoiceXML `<choice>` (or a field's `<option>`) says: its label, and its words under `<enumerate>`.

The text of a `<choice>` is no announcement by itself: VoiceXML speaks it only
through `<enumerate>` (VoiceXML 2.0 2.2.4), and uses it to build the choice's
speech grammar (2.2.5). So the text gives the option's `label` — the goal,
read with the key-phrase reader when the text names its key ("Press 1 to
create or join a conference" → "create or join a conference"), as written
when it does not ("Sports") — and, only when the menu's prompt holds an
`<enumerate>`, the option's `say`: what the platform says for that choice.

`<enumerate/>` without content uses the platform's default list, which
speaks each choice's text (the specification's example: "Say one of:
sports; weather; Stargazer astrophysics news"), so the `say` is the text as
written. `<enumerate>` with content is a template rendered once per choice,
`<value expr="_prompt"/>` being the choice's text and `<value
expr="_dtmf"/>` its key (2.2.4); the rendered words are the `say`.
"""

from __future__ import annotations

import re

from ..language.keyphrases import labels_from_prompt
from ._xml import XNode

__all__ = ["choice_label", "choice_text", "enumerate_element", "enumerated_say", "text_after_enumerate"]


def choice_text(choice: XNode) -> str:
    """The words of a `<choice>` or `<option>`: its text, without a `<grammar>` it holds (2.2.2: a grammar
    there replaces the one built from the text, and is no words the caller hears)."""
    parts: list[str] = []
    stack: list = [choice]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item.tag != "grammar":
            stack.extend(reversed(item.content))
    return " ".join("".join(parts).split())


def choice_label(text: str, key: str, language: str) -> str | None:
    """The label a choice's text gives, or None when its goal cannot be read ("unknown", never a guess).

    Text that announces its key ("Press 1 to pay", "For sales press 1") gives the goal the key-phrase
    reader finds for that key; text that names no key ("Sports") is the label as written; text that names
    the key in a way the reader does not understand (another language, "1: sales") gives None.
    """
    text = " ".join(text.split())
    if not text:
        return None
    labels = labels_from_prompt(text, language)
    if labels:
        return labels.get(key)
    if re.search(rf"(?<![\w]){re.escape(key)}(?![\w])", text):
        return None  # the text names a key the reader could not read: its goal is not known
    return text


def enumerate_element(prompts: list[XNode]) -> XNode | None:
    """The first `<enumerate>` in a dialog's prompts (None: the options are not spoken by the platform)."""
    for prompt in prompts:
        for element in prompt.iter("enumerate"):
            return element
    return None


def enumerated_say(template: XNode, text: str, key: str) -> str | None:
    """What `<enumerate>` says for one choice: its text for an empty element, else the template rendered
    with `_prompt` and `_dtmf`. None when the template holds something whose words are unknown (a
    recording or another computed value)."""
    if not template.children and not template.all_text():
        return " ".join(text.split()) or None
    parts: list[str] = []

    def walk(node: XNode) -> bool:
        for item in node.content:
            if isinstance(item, str):
                parts.append(item)
            elif item.tag == "value":
                expr = (item.get("expr") or "").strip()
                if expr == "_prompt":
                    parts.append(f" {text} ")
                elif expr == "_dtmf":
                    parts.append(f" {key} ")
                else:
                    return False
            elif item.tag in ("audio", "enumerate") or not walk(item):
                return False
        return True

    if not walk(template):
        return None
    spoken = " ".join("".join(parts).split())
    return re.sub(r"\s+([,.;:!?])", r"\1", spoken) or None


def text_after_enumerate(prompts: list[XNode], found: XNode) -> bool:
    """True when prompt words or recordings follow the `<enumerate>`: the platform says them after the
    options, ivrkit's composition before them."""
    seen = False
    for prompt in prompts:
        stack: list = [prompt]
        order: list = []
        while stack:  # document order, without recursion
            item = stack.pop()
            order.append(item)
            if isinstance(item, XNode) and item is not found:
                stack.extend(reversed(item.content))
        for item in order:
            if item is found:
                seen = True
            elif seen and (
                (isinstance(item, str) and item.strip()) or (isinstance(item, XNode) and item.tag in ("audio", "value"))
            ):
                return True
    return False

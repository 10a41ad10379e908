"""What a caller hears at a node, as segments: the node's own prompt and the composed option list.

Designers write labels; this module turns them into spoken sentences with the
file's option template ("To {label}, press {key}.") and key names, in the
caller's language. The linter, the simulator and the timing figures all read
prompts through here, so they agree on what is said.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import MenuNode, MenuSet, Node, Option, Prompt, Settings, Span, Text

__all__ = ["Segment", "node_segments", "option_sentence", "spoken_key", "text_in"]


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of speech. `text` is None when only a recording is known (the words are unknown).

    `kind` is ``prompt`` (the node's `say`/`audio`), ``option`` (an announced
    option, with its `key`) or ``handler`` (a no-input or no-match message).
    `translated` is False when the text fell back to the file's default
    language because the caller's language was missing.
    """

    kind: str
    text: str | None
    language: str
    span: Span
    key: str | None = None
    audio: str | None = None
    translated: bool = True


def text_in(text: Text | None, language: str, default: str) -> tuple[str | None, str, bool]:
    """The text in `language`, else in `default`, else its first language: (text, language, translated)."""
    if text is None:
        return None, language, True
    value = text.get(language)
    if value is not None:
        return value, language, True
    value = text.get(default)
    if value is not None:
        return value, default, False
    lang, value = text.values[0]
    return value, lang, False


def spoken_key(key: str, language: str, settings: Settings) -> str:
    """How a key is said: `*` and `#` by name ("star", "tähteä"), digits as written."""
    names = settings.key_names.get(language) or settings.key_names.get(language.split("-")[0]) or {}
    return names.get(key, key)


def option_sentence(option: Option, language: str, settings: Settings, default: str) -> tuple[str, str, bool]:
    """The announcement of one option: its own `say`, or the template filled with its label.

    An option with `language` (a language menu) is announced in that language.
    Returns (sentence, language, translated).
    """
    language = option.language or language
    if option.say is not None:
        return text_in(option.say, language, default)  # type: ignore[return-value]
    label, used, translated = text_in(option.label, language, default)
    template = settings.option_templates.get(used) or settings.option_templates.get(used.split("-")[0], "{label} {key}")
    label = label or ""
    sentence = template.format(
        label=label, Label=label[:1].upper() + label[1:], key=spoken_key(option.key, used, settings)
    )
    return sentence, used, translated


def _prompt_segment(prompt: Prompt, kind: str, language: str, default: str) -> Segment:
    text, used, translated = text_in(prompt.text, language, default)
    audio, _, _ = text_in(prompt.audio, language, default)
    return Segment(kind, text, used if text is not None else language, prompt.span, audio=audio, translated=translated)


def node_segments(menuset: MenuSet, node: Node | str, language: str | None = None) -> list[Segment]:
    """What is said on arriving at `node`: its prompt, then (for menus) the announced options."""
    if isinstance(node, str):
        node = menuset.nodes[node]
    menu_file = menuset.file_of(node)
    default = menu_file.language
    language = language or default
    segments = []
    if node.prompt is not None:
        segments.append(_prompt_segment(node.prompt, "prompt", language, default))
    if isinstance(node, MenuNode) and node.announce_options:
        for option in menu_file.options_of(node):
            if not option.announce:
                continue
            sentence, used, translated = option_sentence(option, language, menu_file.settings, default)
            words = option.say or option.label
            span = words.span if words is not None else option.span
            segments.append(Segment("option", sentence, used, span, key=option.key, translated=translated))
    return segments

"""What a caller hears at a node, as segments: the node's own prompt and the composed option list.

Designers write labels; this module turns them into spoken sentences with the
file's option template ("To {label}, press {key}.") and key names, in the
caller's language. The linter, the simulator and the timing figures all read
prompts through here, so they agree on what is said.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter

from .model import MenuNode, MenuSet, Node, Option, Prompt, Settings, Span, Text, model_class

__all__ = [
    "Announcer",
    "Segment",
    "node_segments",
    "option_sentence",
    "prompt_segment",
    "spoken_key",
    "text_in",
]


@model_class
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


def _set_fields(
    self: Segment,
    kind: str,
    text: str | None,
    language: str,
    span: Span,
    key: str | None = None,
    audio: str | None = None,
    translated: bool = True,
) -> None:
    """`Segment.__init__`, written out: setting the slots through their descriptors takes two thirds of the time
    of a frozen dataclass's `object.__setattr__` (0.98 -> 0.62 us; a menu of eight options makes nine), and
    `model_class` would compile the same on the first construction."""
    _set_kind(self, kind)
    _set_text(self, text)
    _set_language(self, language)
    _set_span(self, span)
    _set_key(self, key)
    _set_audio(self, audio)
    _set_translated(self, translated)


_set_kind, _set_text, _set_language, _set_span, _set_key, _set_audio, _set_translated = (
    vars(Segment)[name].__set__ for name in ("kind", "text", "language", "span", "key", "audio", "translated")
)
_set_fields.__qualname__ = "Segment.__init__"
Segment.__init__ = _set_fields  # type: ignore[method-assign]


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
    return _key_names(language, settings).get(key, key)


def _key_names(language: str, settings: Settings) -> Mapping[str, str]:
    return settings.key_names.get(language) or settings.key_names.get(language.split("-")[0]) or {}


_Forms = dict[str, tuple[str, Mapping[str, str], str | None, bool]]


def option_sentence(
    option: Option, language: str, settings: Settings, default: str, forms: _Forms | None = None
) -> tuple[str, str, bool]:
    """The announcement of one option: its own `say`, or the template filled with its label.

    An option with `language` (a language menu) is announced in that language.
    Returns (sentence, language, translated). `forms` (optional) keeps what it looks up for each language,
    for a caller announcing many options (the options of one menu, or of one file, share them; see
    `Announcer`): the template, the key names, and the template as a %-format when it is a plain label (or
    Label) then key (see `_as_percent`).
    """
    if forms is None:
        forms = {}
    language = option.language or language
    if option.say is not None:
        return text_in(option.say, language, default)  # type: ignore[return-value]
    words = option.label
    label: str | None
    first = words.values[0] if words is not None and words.values else None
    if first is not None and first[0] == language and first[1] is not None:
        label, used, translated = first[1], language, True  # the usual label: what `text_in` finds first
    else:
        label, used, translated = text_in(words, language, default)
    found = forms.get(used)
    if found is None:
        templates = settings.option_templates
        template = templates.get(used) or templates.get(used.split("-")[0], "{label} {key}")
        found = forms[used] = (template, _key_names(used, settings), *_as_percent(template))
    template, names, percent, capital = found
    label = label or ""
    key = option.key
    if percent is None:
        sentence = template.format(label=label, Label=label[:1].upper() + label[1:], key=names.get(key, key))
    else:
        sentence = percent % (label[:1].upper() + label[1:] if capital else label, names.get(key, key))
    return sentence, used, translated


def _as_percent(template: str) -> tuple[str | None, bool]:
    """A template whose only fields are `{label}` or `{Label}`, then `{key}`, each plain (no conversion, no
    format spec), as a %-format taking (label, key), which fills it as `str.format` does (a plain field of a
    string is the string) in a fifth of the time; and whether the label is capitalised. (None, False) for any
    other template: `str.format` fills it."""
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError:
        return None, False
    fields = [(name, spec, conversion) for _, name, spec, conversion in parsed if name is not None]
    if (
        len(fields) != 2
        or fields[1] != ("key", "", None)
        or fields[0] not in (("label", "", None), ("Label", "", None))
    ):
        return None, False
    percent = "".join(literal.replace("%", "%%") + ("%s" if name is not None else "") for literal, name, _, _ in parsed)
    return percent, fields[0][0] == "Label"


_FORMATTER = Formatter()


def prompt_segment(prompt: Prompt, kind: str, language: str, default: str) -> Segment:
    """The segment of a node's prompt (or a message) in `language`, else in the file's `default`."""
    text, used, translated = text_in(prompt.text, language, default)
    audio, _, _ = text_in(prompt.audio, language, default)
    return Segment(kind, text, used if text is not None else language, prompt.span, None, audio, translated)


class Announcer:
    """What `node_segments` keeps between the menus of one file in one language (`ivrkit.analysis.heard` keeps
    one per file and language): each language's option template and key names, and the segment of each
    global option, which every menu keeping it announces alike."""

    __slots__ = ("forms", "global_segments")

    def __init__(self) -> None:
        self.forms: _Forms = {}
        self.global_segments: dict[int, tuple[Option, Segment]] = {}  # id(option) -> (option, its segment)


def node_segments(
    menuset: MenuSet,
    node: Node | str,
    language: str | None = None,
    *,
    options: tuple[Option, ...] | None = None,
    announcer: Announcer | None = None,
) -> list[Segment]:
    """What is said on arriving at `node`: its prompt, then (for menus) the announced options.

    A caller reading many menus may pass a menu's `options` if it has them (as `MenuFile.options_of` gives
    them) and an `announcer` it keeps for the node's file and `language`."""
    if isinstance(node, str):
        node = menuset.nodes[node]
    menu_file = menuset.file_of(node)
    default = menu_file.language
    language = language or default
    segments = []
    if node.prompt is not None:
        segments.append(prompt_segment(node.prompt, "prompt", language, default))
    if isinstance(node, MenuNode) and node.announce_options:
        settings = menu_file.settings
        if announcer is None:
            announcer = Announcer()
        forms = announcer.forms
        kept = announcer.global_segments
        for option in menu_file.options_of(node) if options is None else options:
            if not option.announce:
                continue
            if option.is_global:
                found = kept.get(id(option))
                if found is not None and found[0] is option:
                    segments.append(found[1])
                    continue
            sentence, used, translated = option_sentence(option, language, settings, default, forms)
            words = option.say or option.label
            span = words.span if words is not None else option.span
            # (the fields by position: keywords take a Python `__init__` twice as long)
            segment = Segment("option", sentence, used, span, option.key, None, translated)
            if option.is_global:
                kept[id(option)] = (option, segment)
            segments.append(segment)
    return segments

"""The words of a menu set as the wording rules read them, walked once per menu set instead of once per rule.

`Wording(menuset)` (reached as ``analyse(menuset).wording``, a lint's
``ctx.facts.wording``) holds two flat lists, each in file order:

- `labels`: one `LabelReading` per language in which an announced option's
  label says something: each file's global options (once, before the first
  node of that file), then every menu's own options;
- `spoken`: one `SpokenReading` per language in which a spoken text says
  something (prompts, labels, option announcements, no-input and no-match
  prompts).

Each reading carries the value's lower case and whether it is ASCII, which
several rules would otherwise compute again for the same text. A reading is
a plain tuple (quicker to make and unpack than a named one), fields in the
order `LabelReading` and `SpokenReading` give.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from ..model import Interactive, MenuNode, MenuSet, Option, Text

__all__ = [
    "LabelReading",
    "SpokenReading",
    "Wording",
    "label_texts",
    "options_in_file_order",
    "said_in",
    "spoken_texts",
]


LabelReading = tuple[str | None, Option, Text, str, str, str, bool]
"""One language of an announced option's label: (the menu's key, None for a file's global option; the option;
its label; the language; the value; the value's lower case; whether the value is ASCII)."""

SpokenReading = tuple[str | None, Text, str, str, str, bool]
"""One language of a spoken text: (the key of its node, None for a file's global option; the text; the language;
the value; the value's lower case; whether the value is ASCII)."""


def said_in(text: Text) -> tuple[tuple[str, str], ...]:
    """(language, value) of each language in which `text` says something (not only spaces)."""
    values = text.values
    if len(values) == 1:  # most texts: the text's own pairs, no generator to step through
        value = values[0][1]
        return values if value and value.strip() else ()
    return tuple((language, value) for language, value in values if value and value.strip())


class Wording:
    """The labels and spoken texts of one menu set, one reading per language, built on first use."""

    def __init__(self, menuset: MenuSet):
        self._menuset = menuset

    @cached_property
    def labels(self) -> list[LabelReading]:
        """One reading per language of each announced option's label, in file order."""
        readings: list[LabelReading] = []
        append = readings.append
        for key, option, text in label_texts(self._menuset):
            if not option.announce:
                continue
            for language, value in said_in(text):
                append((key, option, text, language, value, value.lower(), value.isascii()))
        return readings

    @cached_property
    def spoken(self) -> list[SpokenReading]:
        """One reading per language of each spoken text, in file order."""
        readings: list[SpokenReading] = []
        append = readings.append
        for key, text in spoken_texts(self._menuset):
            for language, value in said_in(text):
                append((key, text, language, value, value.lower(), value.isascii()))
        return readings


def options_in_file_order(menuset: MenuSet) -> Iterator[tuple[str | None, Option]]:
    """Every option with its menu's key, in file order: each file's global options (key None) once, before
    the first node of that file, and every menu's own options."""
    seen_files: set[str] = set()
    files = menuset.files
    for key, node in menuset.nodes.items():
        if node.file not in seen_files:
            seen_files.add(node.file)
            for option in files[node.file].global_options:
                yield None, option
        if isinstance(node, MenuNode):
            for option in node.options:
                yield key, option


def label_texts(menuset: MenuSet) -> Iterator[tuple[str | None, Option, Text]]:
    """Every option label with its menu's key, in file order (`options_in_file_order`)."""
    for key, option in options_in_file_order(menuset):
        if option.label is not None:
            yield key, option, option.label


def spoken_texts(menuset: MenuSet) -> Iterator[tuple[str | None, Text]]:
    """Every known spoken text with the key of its node (None for a file's global options), in file order."""
    seen_files: set[str] = set()
    files = menuset.files
    for key, node in menuset.nodes.items():
        if node.file not in seen_files:
            seen_files.add(node.file)
            for option in files[node.file].global_options:
                for text in (option.label, option.say):
                    if text is not None:
                        yield None, text
        if node.prompt is not None and node.prompt.text is not None:
            yield key, node.prompt.text
        if isinstance(node, MenuNode):
            for option in node.options:
                for text in (option.label, option.say):
                    if text is not None:
                        yield key, text
        if isinstance(node, Interactive):
            for handler in node.no_input + node.no_match:
                if handler.prompt is not None and handler.prompt.text is not None:
                    yield key, handler.prompt.text

"""What the wording rules (WD001-WD010) share: the texts and labels a caller hears, in each language, read
once per run."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lint.context import Context
from ..model import Interactive, MenuNode, Option, Text

__all__ = [
    "PLACEHOLDER_WORDS",
    "heard_labels",
    "is_placeholder_word",
    "language_tag",
    "languages_of",
    "option_language",
    "quote",
    "spoken_texts",
]


def languages_of(text: Text) -> tuple[tuple[str, str], ...]:
    """(language, value) of each language in which `text` says something (not only spaces)."""
    values = text.values
    if len(values) == 1:  # most texts: the text's own pairs, no generator to step through
        value = values[0][1]
        return values if value and value.strip() else ()
    return tuple((language, value) for language, value in values if value and value.strip())


def language_tag(text: Text, language: str) -> str:
    """` (fi)` when a text has several languages, so a message says which one it is about."""
    return f" ({language})" if len(text.values) > 1 else ""


def spoken_texts(ctx: Context) -> list[tuple[str | None, Text]]:
    """Every known spoken text with the key of its node (None for a file's global options), in file order."""
    return ctx.once(_all_texts)


def _labels(ctx: Context) -> list[tuple[str | None, Option, Text]]:
    """Every option label: each file's global options (once), and every menu's own options, in file order."""
    return ctx.once(_all_labels)


def heard_labels(ctx: Context) -> Iterator[tuple[str | None, Option, Text]]:
    """The labels callers hear: those of announced options."""
    return ((key, option, label) for key, option, label in _labels(ctx) if option.announce)


def _all_texts(ctx: Context) -> list[tuple[str | None, Text]]:
    return list(_walk_texts(ctx))


def _all_labels(ctx: Context) -> list[tuple[str | None, Option, Text]]:
    return list(_walk_labels(ctx))


def _walk_texts(ctx: Context) -> Iterator[tuple[str | None, Text]]:
    seen_files: set[str] = set()
    for key, node in ctx.nodes():
        if node.file not in seen_files:
            seen_files.add(node.file)
            for option in ctx.menuset.files[node.file].global_options:
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


def _walk_labels(ctx: Context) -> Iterator[tuple[str | None, Option, Text]]:
    seen_files: set[str] = set()
    for key, node in ctx.nodes():
        if node.file not in seen_files:
            seen_files.add(node.file)
            for option in ctx.menuset.files[node.file].global_options:
                if option.label is not None:
                    yield None, option, option.label
        if isinstance(node, MenuNode):
            for option in node.options:
                if option.label is not None:
                    yield key, option, option.label


def quote(text: str) -> str:
    return f'"{text.strip()}"'


PLACEHOLDER_WORDS = frozenset({"TODO", "TBD", "TBA", "FIXME", "TKTK", "PLACEHOLDER"})


def is_placeholder_word(word: str) -> bool:
    return word in PLACEHOLDER_WORDS or re.fullmatch(r"[Xx]{3,}", word) is not None


def option_language(option: Option | None, language: str) -> str:
    return option.language if option is not None and option.language else language

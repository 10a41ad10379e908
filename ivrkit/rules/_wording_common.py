"""What the wording rules (WD001-WD010) share: the texts and labels a caller hears, in each language, read
once per run."""

from __future__ import annotations

import re

from ..analysis.wording import LabelReading, SpokenReading, said_in
from ..analysis.wording import spoken_texts as walk_spoken_texts
from ..lint.context import Context
from ..model import Option, Text

__all__ = [
    "PLACEHOLDER_WORDS",
    "is_placeholder_word",
    "label_readings",
    "language_tag",
    "languages_of",
    "option_language",
    "quote",
    "spoken_readings",
    "spoken_texts",
]


languages_of = said_in
"""(language, value) of each language in which a text says something (not only spaces)."""


def label_readings(ctx: Context) -> list[LabelReading]:
    """One reading per language of each heard label (an announced option's), in file order: (key, option, label,
    language, value, lower case, is ASCII), read once per menu set for every rule."""
    return ctx.facts.wording.labels


def spoken_readings(ctx: Context) -> list[SpokenReading]:
    """One reading per language of each spoken text, in file order: (key, text, language, value, lower case,
    is ASCII), read once per menu set for every rule."""
    return ctx.facts.wording.spoken


def language_tag(text: Text, language: str) -> str:
    """` (fi)` when a text has several languages, so a message says which one it is about."""
    return f" ({language})" if len(text.values) > 1 else ""


def spoken_texts(ctx: Context) -> list[tuple[str | None, Text]]:
    """Every known spoken text with the key of its node (None for a file's global options), in file order."""
    return ctx.once(_all_texts)


def _all_texts(ctx: Context) -> list[tuple[str | None, Text]]:
    return list(walk_spoken_texts(ctx.menuset))


def quote(text: str) -> str:
    return f'"{text.strip()}"'


PLACEHOLDER_WORDS = frozenset({"TODO", "TBD", "TBA", "FIXME", "TKTK", "PLACEHOLDER"})


def is_placeholder_word(word: str) -> bool:
    return word in PLACEHOLDER_WORDS or re.fullmatch(r"[Xx]{3,}", word) is not None


def option_language(option: Option | None, language: str) -> str:
    return option.language if option is not None and option.language else language

"""The synonym lexicon: words and phrases a caller hears as the same goal, mapped to one concept.

The lexicon is package data (`data/synonyms.yaml`). Its terms are normalised
with the same backend as the text they are matched against, and stop words
are dropped from them, so "member of our team" matches "a member of the team".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

import yaml

from .normalise import cleared_with_backend, normaliser
from .stopwords import is_stop_word
from .tokens import words

__all__ = ["raw_lexicon", "phrase_table"]


@functools.lru_cache(maxsize=1)
def raw_lexicon() -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """language -> concept -> terms, as written in the data file."""
    text = resources.files("ivrkit.language").joinpath("data/synonyms.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return MappingProxyType(
        {lang: MappingProxyType({c: tuple(terms) for c, terms in concepts.items()}) for lang, concepts in data.items()}
    )


@cleared_with_backend
@functools.lru_cache(maxsize=64)
def phrase_table(language: str, backend: str = "auto") -> tuple[Mapping[tuple[str, ...], str], int]:
    """Normalised term (a tuple of normal forms) -> concept, and the longest term's length."""
    base = language.split("-")[0].lower()
    norm = normaliser(language, backend)
    table: dict[tuple[str, ...], str] = {}
    for concept, terms in raw_lexicon().get(base, {}).items():
        for term in terms:
            key = tuple(norm(w) for w in words(term) if not is_stop_word(w, base))
            if key:
                table.setdefault(key, concept)
    longest = max((len(k) for k in table), default=0)
    return MappingProxyType(table), longest

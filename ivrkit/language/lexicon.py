"""The synonym lexicon: words and phrases a caller hears as the same goal, mapped to one concept.

The lexicon is package data (`data/synonyms.yaml`). Its terms are normalised
with the same backend as the text they are matched against, and stop words
are dropped from them, so "member of our team" matches "a member of the team".

`data/caller-words.yaml` adds the everyday words callers use for their goals
and the filler around them, for the information-scent model only
(`caller_phrase_table`, `caller_filler`): the label-overlap rule reads
`phrase_table`, which never includes them.
"""

from __future__ import annotations

import functools
import marshal
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import yaml

from ..lazyregex import UNUSABLE_SNAPSHOT
from .normalise import cleared_with_backend, normaliser
from .stopwords import is_stop_word
from .tokens import words

__all__ = [
    "raw_lexicon",
    "phrase_table",
    "raw_caller_words",
    "caller_filler",
    "caller_negation",
    "caller_broader",
    "caller_phrase_table",
]


@functools.lru_cache(maxsize=1)
def raw_lexicon() -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """language -> concept -> terms, as written in the data file."""
    return _read_concepts(_read_data("synonyms.yaml"))


@functools.lru_cache(maxsize=1)
def raw_caller_words() -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """language -> concept -> terms of `data/caller-words.yaml`, as written (without its filler)."""
    data = _read_data("caller-words.yaml")
    for section in ("filler", "broader", "negation"):
        data.pop(section, None)
    return _read_concepts(data)


@functools.lru_cache(maxsize=16)
def caller_negation(language: str) -> frozenset[str]:
    """Stop words the scent keeps ("no", "ei"): "no power" is not "power" (`negation` in caller-words.yaml)."""
    negation = _read_data("caller-words.yaml").get("negation") or {}
    return frozenset(str(word).lower() for word in negation.get(language.split("-")[0].lower(), ()))


@functools.lru_cache(maxsize=1)
def caller_broader() -> Mapping[str, str]:
    """concept -> the wider concept it is a kind of (`broader` in caller-words.yaml: parking_fine -> parking)."""
    broader = _read_data("caller-words.yaml").get("broader") or {}
    return MappingProxyType({str(narrow): str(wide) for narrow, wide in broader.items()})


_DATA = Path(__file__).resolve().parent / "data"  # package data, installed as plain files beside the module


DATA_FILES = ("synonyms.yaml", "caller-words.yaml")
SNAPSHOT = _DATA / "snapshot.marshal"
"""`DATA_FILES` as read: file name -> (its text, `marshal` of what the YAML loader makes of it).

Written by `scripts/build_lexicon_snapshot.py` (`snapshot_bytes()`). A file is taken from it only while its
text is the one held, so an edited data file is read as YAML until the snapshot is written again: reading
the synonyms this way costs a lint about a tenth of loading them (the first YAML load of a process pays
for PyYAML's constructor machinery)."""


def _read_data(name: str) -> dict:
    # read by path, not through importlib.resources: importing that costs a lint's start-up about 10 ms
    text = (_DATA / name).read_text(encoding="utf-8")
    held = _snapshot().get(name)
    if held is not None:
        try:
            if held[0] == text:
                data = marshal.loads(held[1])  # new objects on every read, as a YAML load gives
                if isinstance(data, dict):
                    return data
        except UNUSABLE_SNAPSHOT:  # a damaged entry (not a pair, its data cut short): the YAML is read
            pass
    return _load_yaml(text)


def _load_yaml(text: str) -> dict:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


@functools.cache
def _snapshot() -> dict[str, tuple[str, bytes]]:
    try:
        held = marshal.loads(SNAPSHOT.read_bytes())
    except UNUSABLE_SNAPSHOT:
        return {}
    return held if isinstance(held, dict) else {}


def snapshot_bytes() -> bytes:
    """The snapshot of the data files as they are now (what `SNAPSHOT` should hold)."""
    held = {}
    for name in DATA_FILES:
        text = (_DATA / name).read_text(encoding="utf-8")
        held[name] = (text, marshal.dumps(_load_yaml(text)))
    return marshal.dumps(held)


def _read_concepts(data: dict) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    return MappingProxyType(
        {lang: MappingProxyType({c: tuple(terms) for c, terms in concepts.items()}) for lang, concepts in data.items()}
    )


@functools.lru_cache(maxsize=16)
def caller_filler(language: str) -> frozenset[str]:
    """Words a caller says around a goal that say nothing about it ("ask", "kysyä"), lower case as written."""
    filler = _read_data("caller-words.yaml").get("filler") or {}
    return frozenset(str(word).lower() for word in filler.get(language.split("-")[0].lower(), ()))


@cleared_with_backend
@functools.lru_cache(maxsize=64)
def phrase_table(language: str, backend: str = "auto") -> tuple[Mapping[tuple[str, ...], str], int]:
    """Normalised term (a tuple of normal forms) -> concept, and the longest term's length."""
    return _table(language, backend, (raw_lexicon(),))


@cleared_with_backend
@functools.lru_cache(maxsize=64)
def caller_phrase_table(language: str, backend: str = "auto") -> tuple[Mapping[tuple[str, ...], str], int]:
    """`phrase_table` with the caller words added (a term in both files takes its concept in caller-words.yaml,
    which may split a broad synonyms.yaml concept for callers: "power" alone is the supply, not a power cut)."""
    return _table(
        language, backend, (raw_caller_words(), raw_lexicon()), caller_filler(language), caller_negation(language)
    )


def _table(
    language: str, backend: str, lexicons, skip: frozenset[str] = frozenset(), keep: frozenset[str] = frozenset()
) -> tuple[Mapping[tuple[str, ...], str], int]:
    """The terms of `lexicons` as tuples of normal forms, without stop words (but those in `keep`) and the
    words in `skip`."""
    base = language.split("-")[0].lower()
    norm = normaliser(language, backend)
    table: dict[tuple[str, ...], str] = {}
    for lexicon in lexicons:
        for concept, terms in lexicon.get(base, {}).items():
            for term in terms:
                key = tuple(norm(w) for w in words(term) if (w in keep or not is_stop_word(w, base)) and w not in skip)
                if key:
                    table.setdefault(key, concept)
    longest = max((len(k) for k in table), default=0)
    return MappingProxyType(table), longest

"""Normalising words so that inflected forms match: Voikko lemmas for Finnish, snowball stems otherwise.

`normaliser(language)` returns a function word -> normal form (lower case).
For Finnish it uses the Voikko analyser (real lemmas: "laskun" -> "lasku",
"maksaminen" -> "maksaa") when the libvoikko binding and a Finnish dictionary
are installed, and falls back to the snowball Finnish stemmer ("laskut",
"laskun" -> "lasku") when they are not. Other languages use their snowball
stemmer, or lower case when snowball has none.

Both heavy libraries are imported lazily, once.
"""

from __future__ import annotations

import _thread  # threading.Lock is _thread.allocate_lock; importing `threading` costs every start-up
import functools
from collections.abc import Callable

__all__ = [
    "normaliser",
    "voikko",
    "voikko_available",
    "backend_name",
    "lemma_info",
    "BACKENDS",
    "disable_voikko",
    "cleared_with_backend",
]

BACKENDS = ("auto", "voikko", "snowball")

_SNOWBALL = {
    "en": "english",
    "fi": "finnish",
    "sv": "swedish",
    "da": "danish",
    "nb": "norwegian",
    "no": "norwegian",
    "nn": "norwegian",
    "de": "german",
    "nl": "dutch",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "et": "estonian",
    "ru": "russian",
}

_lock = _thread.allocate_lock()
_voikko_handle: object | None = None
_voikko_tried = False
# Caches built from normal forms in the modules above this one (lexicon, matching, spelling):
# they register here, so this module never imports them.
_dependent_caches: list = []


def cleared_with_backend(cached):
    """Decorator for an lru_cached function built from normal forms: `disable_voikko` clears it too."""
    _dependent_caches.append(cached)
    return cached


def _base(language: str) -> str:
    return language.split("-")[0].lower()


class _SerialisedVoikko:
    """A Voikko handle whose calls never overlap: libvoikko's handle is not safe to use from two threads at
    once, and `ivrkit sim` lints and predicts in two worker threads at the same time (the heap was corrupted
    and the process crashed). Only the calls ivrkit makes are offered."""

    __slots__ = ("_handle", "_calls")

    def __init__(self, handle) -> None:
        self._handle = handle
        self._calls = _thread.allocate_lock()

    def analyze(self, word: str) -> list[dict[str, str]]:
        with self._calls:
            return self._handle.analyze(word)

    def spell(self, word: str) -> bool:
        with self._calls:
            return bool(self._handle.spell(word))


def voikko():
    """The shared Finnish Voikko handle, or None when libvoikko or its Finnish dictionary is missing.

    Its `analyze` and `spell` may be called from any thread."""
    global _voikko_handle, _voikko_tried
    if _voikko_tried:
        return _voikko_handle
    with _lock:
        if not _voikko_tried:
            try:
                import libvoikko

                _voikko_handle = _SerialisedVoikko(libvoikko.Voikko("fi"))
            except Exception:  # ImportError, OSError (no libvoikko.so), VoikkoException (no dictionary)
                _voikko_handle = None
            _voikko_tried = True
    return _voikko_handle


def disable_voikko(disabled: bool = True) -> None:
    """Stop (or resume) using Voikko, so Finnish falls back to snowball; clears every cache.

    For tests of the fallback and for reproducible runs on machines with and
    without Voikko.
    """
    global _voikko_handle, _voikko_tried
    with _lock:
        _voikko_handle = None
        _voikko_tried = disabled
    for cached in (normaliser, lemma_info, _snowball, *_dependent_caches):
        cached.cache_clear()


def voikko_available() -> bool:
    """Whether Finnish text is analysed with Voikko (else with the snowball stemmer)."""
    return voikko() is not None


def backend_name(language: str, backend: str = "auto") -> str:
    """Which backend `normaliser(language, backend)` uses: ``voikko``, ``snowball`` or ``lower``.

    ``voikko`` applies to Finnish only (other languages use snowball); asking
    for it when it is not installed raises LookupError.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    base = _base(language)
    if base == "fi" and backend in ("auto", "voikko") and voikko_available():
        return "voikko"
    if backend == "voikko" and base == "fi":
        raise LookupError("Voikko is not available (pip install libvoikko; apt-get install libvoikko1 voikko-fi)")
    return "snowball" if base in _SNOWBALL else "lower"


@functools.lru_cache(maxsize=200_000)
def lemma_info(word: str) -> tuple[str, ...]:
    """Voikko's reading of a Finnish word: (lemma, word class, compound parts...); empty if unknown.

    The first analysis is used, preferring a noun. Compound parts are the
    base forms of the compound's words ("maksusuunnitelma" -> "maksu",
    "suunnitelma").
    """
    handle = voikko()
    if handle is None:
        return ()
    analyses = handle.analyze(word)
    if not analyses:
        return ()
    best = next((a for a in analyses if a.get("CLASS") == "nimisana"), analyses[0])
    lemma = (best.get("BASEFORM") or word).lower()
    parts = []
    for piece in (best.get("WORDBASES") or "").split("+"):
        if "(" in piece and not piece.startswith("("):
            base = piece[piece.index("(") + 1 : piece.rindex(")")] if ")" in piece else ""
            if base and not base.startswith("+"):
                parts.append(base.lower())
    return (lemma, best.get("CLASS") or "", *parts)


@functools.lru_cache(maxsize=64)
def normaliser(language: str, backend: str = "auto") -> Callable[[str], str]:
    """A cached function from a word to its normal form (lemma or stem) in `language`."""
    kind = backend_name(language, backend)
    if kind == "voikko":

        @functools.lru_cache(maxsize=200_000)
        def by_voikko(word: str) -> str:
            word = word.lower().rstrip("-")
            info = lemma_info(word)
            if not info and "-" in word:
                info = lemma_info(word.rsplit("-", 1)[1])
            if info:
                return info[0]
            return _snowball("fi")(word)

        return by_voikko
    if kind == "snowball":
        return _snowball(_base(language))
    return lambda word: word.lower().rstrip("-")


@functools.lru_cache(maxsize=32)
def _snowball(base: str) -> Callable[[str], str]:
    try:
        # PyStemmer's class is what snowballstemmer.stemmer is when PyStemmer is installed (both are declared
        # dependencies); taken directly, a lint does not import snowballstemmer as well (~0.4 ms of start-up)
        from Stemmer import Stemmer as make_stemmer
    except ImportError:
        try:
            from snowballstemmer import stemmer as make_stemmer
        except ImportError:  # a declared dependency; degrade to lower case rather than fail
            return lambda word: word.lower().rstrip("-").replace("’", "'")
    stemmer = make_stemmer(_SNOWBALL[base])

    @functools.lru_cache(maxsize=200_000)
    def stem(word: str) -> str:
        return stemmer.stemWord(word.lower().rstrip("-").replace("’", "'"))

    return stem

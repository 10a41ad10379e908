"""Language tools for the wording rules: tokens, stop words, lemmas/stems, synonyms, spelling.

English and Finnish are supported fully (stop words, synonym lexicon); other
languages get tokenising and a snowball stemmer where one exists. Finnish
uses the Voikko analyser for real lemmas when it is installed
(``pip install libvoikko`` plus the ``libvoikko1 voikko-fi`` system packages),
and the snowball Finnish stemmer when it is not. Nothing here imports
textual, pyttsx3 or rich.
"""

from __future__ import annotations

from .keyphrases import KeyMention, announced_keys, labels_from_prompt
from .matching import DEFAULT_THRESHOLD, LabelConcepts, Overlap, candidate_pairs, compare, concepts, overlap, similarity
from .normalise import backend_name, normaliser, voikko_available
from .spelling import Dictionary, dictionary
from .stopwords import is_stop_word, stop_words
from .tokens import Token, sentences, tokenize, words

__all__ = [
    "Token",
    "tokenize",
    "words",
    "sentences",
    "stop_words",
    "is_stop_word",
    "normaliser",
    "backend_name",
    "voikko_available",
    "LabelConcepts",
    "Overlap",
    "concepts",
    "similarity",
    "compare",
    "candidate_pairs",
    "overlap",
    "DEFAULT_THRESHOLD",
    "Dictionary",
    "dictionary",
    "announced_keys",
    "KeyMention",
    "labels_from_prompt",
]

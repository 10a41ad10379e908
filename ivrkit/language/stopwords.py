"""Stop words: function words (and IVR filler such as "please") that say nothing about a caller's goal.

Small curated lists, matched against the lower-cased word and its lemma.
"""

from __future__ import annotations

__all__ = ["STOP_WORDS", "stop_words", "is_stop_word"]

_EN = """
a an the and or but nor so if then than as at by for from in into of on onto to with without about
over under up out via per tell
i me my mine we us our ours you your yours you're you've you'll you'd he him his she her it its
they them their this that these those there here what which who whom whose when where why how
is are was were be been being am do does did done doing have has had having will would shall should
can could may might must let let's
not no yes all any some each every both either neither one ones more most other
please just now also only already still very really
want wants wanted wish like would need needs make get speak talk chat
i'd i'm i'll we'll we're it's that's
"""

_FI = """
ja tai sekä eli vai mutta että jos kun kuin niin koska vaikka joten sekä myös vielä jo nyt
on ovat olla oli olivat ole olen olet olemme olette ei en et emme ette eivät
se ne tämä tuo nämä nuo joka jotka mikä mitkä mitä missä mistä mihin kuka ketkä
minä sinä hän me te he minun sinun hänen meidän teidän heidän minua sinua meitä teitä
oma omat oman omaa kanssa koskien koskeva liittyvä liittyvät liittyen liittyä varten kautta
muu muut muun muuta muita kaikki kaikkien jokin jotain joku mikään mitään
voi voit voimme haluan haluat haluaa haluamme haluta voida
keskustelu keskustella puhua puhelu
tässä tähän siitä siihen sitä sen niitä niiden
asia asiat asiaa asiassa asiaan asioita asioissa
"""

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_EN.split()),
    "fi": frozenset(_FI.split()),
}


def stop_words(language: str) -> frozenset[str]:
    """The stop words of `language` (`en-GB` uses `en`); empty for a language without a list."""
    return STOP_WORDS.get(language.split("-")[0].lower(), frozenset())


def is_stop_word(word: str, language: str, lemma: str | None = None) -> bool:
    """Whether `word` (or its `lemma`) is a stop word of `language`."""
    stops = stop_words(language)
    word = word.lower()
    return word in stops or (lemma is not None and lemma in stops)

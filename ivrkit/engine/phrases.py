"""The few sentences the IVR itself says, in each built-in language: read-backs, wait times, offers."""

from __future__ import annotations

__all__ = ["read_back", "expected_wait", "callback_offer"]

_READ_BACK = {
    "en": "You entered {digits}. If this is correct, press 1. To enter it again, press 2.",
    "fi": "Näppäilit {digits}. Jos tämä on oikein, paina 1. Jos haluat näppäillä uudelleen, paina 2.",
    "sv": "Du angav {digits}. Om det stämmer, tryck 1. För att ange det igen, tryck 2.",
}
_WAIT = {
    "en": ("The expected waiting time is less than a minute.", "The expected waiting time is about {n} minutes."),
    "fi": ("Arvioitu jonotusaika on alle minuutin.", "Arvioitu jonotusaika on noin {n} minuuttia."),
    "sv": ("Den beräknade väntetiden är under en minut.", "Den beräknade väntetiden är cirka {n} minuter."),
}
_OFFER = {
    "en": "To be called back instead of waiting, press 1.",
    "fi": "Jos haluat, että soitamme sinulle takaisin, paina 1.",
    "sv": "Om du vill bli uppringd i stället för att vänta, tryck 1.",
}


def _pick(table: dict, language: str):
    return table.get(language) or table.get(language.split("-")[0]) or table["en"]


def read_back(digits: str, language: str) -> str:
    """The confirmation of an entry, digits read one by one ("1 2 3 4")."""
    return _pick(_READ_BACK, language).format(digits=" ".join(digits))


def expected_wait(seconds: float, language: str) -> str:
    short, long = _pick(_WAIT, language)
    minutes = round(seconds / 60)
    return short if minutes < 1 else long.format(n=minutes)


def callback_offer(language: str) -> str:
    return _pick(_OFFER, language)

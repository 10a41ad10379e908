"""The key conventions callers of a locale expect (`KeyProfile`), and the locale a menu's language tags or
time zones name.

The profiles are `us`, `eu` and `fi`; `UNKNOWN` holds what they all agree
on (0 for a person, star and hash for navigation), used when no locale is
configured or named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ..model import model_class

__all__ = [
    "KeyProfile",
    "PROFILES",
    "UNKNOWN",
    "locale_of_language",
    "locale_of_timezone",
    "locale_named_by",
    "profile_of",
]


@model_class  # a frozen dataclass, made without dataclasses' start-up cost
class KeyProfile:
    """The key conventions callers of one locale expect.

    `meanings` maps a key to the meanings it may have when it is used for a
    convention at all (a business option on 9 is allowed; a business option
    on 0, star or hash is not). `person` is the key for a person.
    """

    name: str
    person: str
    meanings: Mapping[str, frozenset[str]]
    note: str


_NAV = frozenset({"navigation"})


PROFILES: Mapping[str, KeyProfile] = MappingProxyType(
    {
        "us": KeyProfile(
            "us",
            person="0",
            meanings=MappingProxyType({"0": frozenset({"person"}), "*": _NAV, "#": _NAV}),
            note="0 = operator (ACIxD: 'virtually inconceivable' to use it for anything else in the US); "
            "* = back or cancel; # = end of input; 9 has no convention ('no real standards').",
        ),
        "eu": KeyProfile(
            "eu",
            person="0",
            meanings=MappingProxyType({"0": frozenset({"person"}), "*": _NAV, "#": _NAV, "9": frozenset({"end"})}),
            note="ISO/IEC 13714 (as summarised) and ETSI ETR 096: 0 = operator or help, * = back or cancel, "
            "# = end of input or skip, 9 = end the call (AS/NZS 4263 too).",
        ),
        "fi": KeyProfile(
            "fi",
            person="0",
            meanings=MappingProxyType({"0": frozenset({"person"}), "*": _NAV, "#": _NAV}),
            note="Finnish lines follow the European 0 = person, * = back, # (risuaita) = end of input; no "
            "source was found for a Finnish convention on 9, so 9 is left free (unverified).",
        ),
    }
)


# The keys every profile agrees on: what callers expect wherever the line is.
UNKNOWN = KeyProfile(
    "unknown",
    person="0",
    meanings=MappingProxyType({"0": frozenset({"person"}), "*": _NAV, "#": _NAV}),
    note="the locale is not known: only the conventions every profile shares (0, star, hash).",
)


# Region subtags of a BCP 47 language tag that name a profile; a Finnish tag with no region is `fi`.
_US_REGIONS = frozenset({"US", "CA"})


_EU_REGIONS = frozenset(
    "AT BE BG HR CY CZ DK EE FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH GB".split()
)


def locale_of_language(tag: str) -> str | None:
    """The profile a menu's language tag names (``en-US`` → us, ``fi``/``fi-FI`` → fi, ``en-GB`` → eu), or None.

    A bare language (``en``, ``es``, ``sv``) is spoken on several continents and names none; Finnish
    is the exception, as it is spoken as a first language essentially only in Finland.
    """
    parts = tag.replace("_", "-").split("-")
    language = parts[0].lower()
    region = next((part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()), None)
    if region == "FI" or (region is None and language == "fi"):
        return "fi"
    if region in _US_REGIONS:
        return "us"
    if region in _EU_REGIONS:
        return "eu"
    return None


# IANA zones of the United States and Canada outside the `US/` and `Canada/` aliases.
_US_ZONES = frozenset(
    "New_York Chicago Denver Los_Angeles Phoenix Anchorage Juneau Adak Boise Detroit Honolulu Toronto "
    "Vancouver Edmonton Winnipeg Regina Halifax St_Johns Moncton Montreal".split()
)


def locale_of_timezone(zone: str) -> str | None:
    """The profile a schedule's time zone names (``Europe/Helsinki`` → fi, ``Europe/London`` → eu,
    ``America/Chicago`` → us), or None."""
    area, _, place = zone.partition("/")
    if zone in ("Europe/Helsinki", "Europe/Mariehamn"):
        return "fi"
    if area == "Europe":
        return "eu"
    if area in ("US", "Canada") or (area in ("America", "Pacific") and place.split("/")[0] in _US_ZONES):
        return "us"
    if area == "America" and place.startswith(("Indiana/", "Kentucky/", "North_Dakota/")):
        return "us"
    return None


def locale_named_by(language_tags: Iterable[str], time_zones: Iterable[str]) -> str | None:
    """The one locale the menus' language tags name (``en-US``, ``fi``); else the one their schedules' time
    zones name; None when nothing names one, or they disagree."""
    named = {locale for tag in language_tags if (locale := locale_of_language(tag)) is not None} or {
        locale for zone in time_zones if (locale := locale_of_timezone(zone)) is not None
    }
    return named.pop() if len(named) == 1 else None


def profile_of(locale: str | None) -> KeyProfile:
    """The profile of a locale, or `UNKNOWN` (the conventions every profile shares) for None."""
    return PROFILES[locale] if locale is not None else UNKNOWN

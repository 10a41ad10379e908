"""What the key rules (KY001-KY008) share: the locale key profiles, what each option of a menu means, the menus above a menu, and the keys a menu handles."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..lint.context import Context
from ..lint.finding import Violation
from ..model import MenuFile, MenuNode, Option
from ..prompts import text_in

__all__ = ["KeyProfile", "PROFILES", "UNKNOWN", "locale_of_language", "locale_of_timezone", "known_locale", "profile", "run_memo", "top_menus", "CONVENTION_KEYS", "parent_menus", "option_meaning", "option_label", "spoken_key", "menu_keys", "is_global_once", "misused"]


@dataclass(frozen=True)
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
            meanings=MappingProxyType(
                {"0": frozenset({"person"}), "*": _NAV, "#": _NAV, "9": frozenset({"end"})}
            ),
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


def known_locale(ctx: Context) -> str | None:
    """The run's locale: the configured one (`locale` in the config, `--locale`); else the one the
    menus' language tags name (`en-US`, `fi`); else the one their schedules' time zones name; None
    (unknown) when nothing names one, or the files disagree."""
    if ctx.locale in PROFILES:
        return ctx.locale
    memo = run_memo(ctx, "keys:locale")
    if "locale" not in memo:
        files = ctx.menuset.files.values()
        named = {
            locale
            for menu_file in files
            for tag in (menu_file.language, *menu_file.languages)
            if (locale := locale_of_language(tag)) is not None
        } or {
            locale
            for menu_file in files
            for schedule in menu_file.schedules.values()
            if (locale := locale_of_timezone(schedule.timezone)) is not None
        }
        memo["locale"] = named.pop() if len(named) == 1 else None
    return memo["locale"]


def profile(ctx: Context) -> KeyProfile:
    """The locale profile of the run, or `UNKNOWN` (the conventions every profile shares) when the
    locale is neither configured nor named by the menus' language tags."""
    locale = known_locale(ctx)
    return PROFILES[locale] if locale is not None else UNKNOWN


def run_memo(ctx: Context, name: str) -> dict:
    store = ctx.memo
    return store.setdefault(name, {})


def top_menus(ctx: Context) -> set[str]:
    memo = run_memo(ctx, "keys:top")
    if "top" not in memo:
        memo["top"] = set(ctx.facts.free_closure(ctx.menuset.entry, through_inputs=True))
    return memo["top"]


CONVENTION_KEYS = frozenset({"0", "*", "#"})


def parent_menus(ctx: Context) -> dict[str, set[str]]:
    """For each menu, the menus with a business option leading to it (through messages, branches, inputs)."""
    memo = run_memo(ctx, "keys:parents")
    if "parents" in memo:
        return memo["parents"]
    parents: dict[str, set[str]] = {}
    nodes = ctx.menuset.nodes
    for key, menu in ctx.menus():
        for option in menu.options:
            if option.key in CONVENTION_KEYS or option.action or option.goto is None or option.language:
                continue
            target = option.goto.node_key
            if target is None:
                continue
            for reached in ctx.facts.free_closure(target, through_inputs=True):
                if nodes[reached].type == "menu" and reached != key:
                    parents.setdefault(reached, set()).add(key)
    memo["parents"] = parents
    return parents


def _general_people(ctx: Context) -> set[str]:
    """The line's people for anyone: what the person key, global options and fallbacks lead to.

    A business option that happens to end with a team ("make a complaint")
    is a business option; one that leads where 0 or the fallback leads
    ("speak to a member of our team") is the person key's meaning.
    """
    memo = run_memo(ctx, "keys:general")
    if "people" in memo:
        return memo["people"]
    person_key = profile(ctx).person
    starts: list[str] = []
    for menu_file in ctx.menuset.files.values():
        if menu_file.settings.fallback is not None and menu_file.settings.fallback.node_key:
            starts.append(menu_file.settings.fallback.node_key)
        for option in menu_file.global_options:  # any key offered in every menu is a general route
            if option.goto is not None and option.goto.node_key:
                starts.append(option.goto.node_key)
    for _, node in ctx.nodes("menu", "input"):
        if node.fallback is not None and node.fallback.node_key:
            starts.append(node.fallback.node_key)
        for option in getattr(node, "options", ()):
            if option.key == person_key and option.goto is not None and option.goto.node_key:
                starts.append(option.goto.node_key)
    nodes = ctx.menuset.nodes
    people = {
        key
        for start in starts
        for key in ctx.facts.free_closure(start)
        if (nodes[key].type == "transfer" and getattr(nodes[key], "person", False)) or nodes[key].type == "callback"
    }
    memo["people"] = people
    return people


def option_meaning(ctx: Context, menu_key: str | None, option: Option) -> str:
    """``person``, ``navigation``, ``end``, ``language`` or ``business``: what pressing the key does.

    `menu_key` is the menu it is pressed in (None for a global option judged once).
    """
    memo = run_memo(ctx, "keys:meaning")
    ident = (menu_key, option.key_span)
    meaning = memo.get(ident)
    if meaning is None:
        memo[ident] = meaning = _meaning(ctx, menu_key, option, _facts(ctx))
    return meaning


def _facts(ctx: Context) -> tuple[str, set[str], set[str], dict[str, set[str]]]:
    memo = run_memo(ctx, "keys:facts")
    if "facts" not in memo:
        memo["facts"] = (profile(ctx).person, _general_people(ctx), top_menus(ctx), parent_menus(ctx))
    return memo["facts"]


def _meaning(ctx: Context, menu_key: str | None, option: Option, facts) -> str:
    if option.language:
        return "language"
    if option.action is not None:
        return "navigation"
    if option.goto is None or option.goto.node_key is None:
        return "navigation"  # `return`: back to the calling flow
    person_key, general, top, parents = facts
    target = option.goto.node_key
    nodes = ctx.menuset.nodes
    closure = ctx.facts.free_closure(target)
    if option.key == person_key:
        if ctx.facts.leads_to_person(target, origin=menu_key):
            return "person"
    elif any(key in general for key in closure):
        return "person"
    if nodes[target].type == "menu" and (target == menu_key or target in top):
        return "navigation"
    if menu_key is not None and target in parents.get(menu_key, ()):
        return "navigation"
    kinds = {nodes[key].type for key in closure}
    if "hangup" in kinds and not kinds & {"menu", "input", "transfer", "voicemail", "callback"}:
        return "end"
    return "business"


def option_label(menu_file: MenuFile, option: Option) -> str:
    text = option.label or option.say
    if text is None:
        return ""
    value, _, _ = text_in(text, menu_file.language, menu_file.language)
    return value or ""


def spoken_key(key: str) -> str:
    return {"*": "star", "#": "hash"}.get(key, key)


def menu_keys(ctx: Context) -> list[tuple[str, MenuNode, MenuFile, tuple[Option, ...]]]:
    """Every menu with its file and the options a caller can use there (computed once per run)."""
    memo = run_memo(ctx, "keys:menus")
    if "menus" not in memo:
        files = ctx.menuset.files
        memo["menus"] = [
            (key, menu, files[menu.file], files[menu.file].options_of(menu)) for key, menu in ctx.menus()
        ]
    return memo["menus"]


def is_global_once(option: Option, seen: set) -> bool:
    """True the first time a global option is met (so it is judged and reported once)."""
    if option.key_span in seen:
        return False
    seen.add(option.key_span)
    return True


def misused(ctx: Context, wanted: str, expected: str) -> Iterator[Violation]:
    seen: set = set()
    for key, menu, menu_file, options in menu_keys(ctx):
        for option in options:
            if option.key != wanted:
                continue
            if option.is_global and not is_global_once(option, seen):
                continue
            origin = None if option.is_global else key
            meaning = option_meaning(ctx, origin, option)
            if meaning == "navigation":
                continue
            label = option_label(menu_file, option)
            said = f" ('{label}')" if label else ""
            kind = {"person": "leads to a person", "end": "ends the call", "language": "switches the language"}.get(
                meaning, "is a business option"
            )
            where = "every menu" if option.is_global else f"`{menu.id}`"
            yield Violation(
                option.key_span,
                f"{spoken_key(wanted)} in {where} {kind}{said}: callers expect {spoken_key(wanted)} to {expected}",
                node=None if option.is_global else key,
                hint=f"move this option to a digit key and keep {spoken_key(wanted)} to {expected}",
            )

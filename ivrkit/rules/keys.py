"""Key rules (KY): what each DTMF key means, in one menu and across the IVR.

Which rule owns which key problem, so that one problem is reported once:

- KY003 `zero-is-agent` owns every use of the person key (0) that does not
  lead to a person, and menus that do not handle it.
- KY004 `star-conventions` owns star used for anything but navigation, and
  submenus with no way back; KY005 `hash-conventions` owns hash.
- KY006 `key-consistency` owns the other keys: a key with different
  conventional meanings in different menus, and global keys (such as 9)
  that go against the locale profile.

Each option's meaning (`option_meaning`) is one of ``person``,
``navigation`` (repeat, back, top, a jump to the main menu or to a parent
menu, a ``return``), ``end`` (it only leads to a hang-up), ``language`` (it
switches the language) or ``business`` (anything else). On the person key a
``person`` is any transfer to people or call-back reached without another
choice (or offered directly by a help menu there); on other keys it is the
line's general people, those the person key, a global option or a fallback
leads to, so that "make a complaint" on 9 stays a business option.

The locale profiles (`PROFILES`) are data: the person key and the meanings
each conventional key may have, per locale (`us`, `eu`, `fi`). A profile
applies only when the locale is known (configured, or named by the menus'
language tags or schedule time zones: `known_locale`); otherwise `UNKNOWN`
keeps only the conventions every profile shares.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..keypatterns import PatternProblem, compile_pattern, prefix_waits
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import ACTIONS, InputNode, MenuFile, MenuNode, Option
from ..prompts import text_in

__all__ = [
    "KeyProfile",
    "PROFILES",
    "UNKNOWN",
    "profile",
    "known_locale",
    "locale_of_language",
    "option_meaning",
    "DuplicateDestination",
    "KeyOrder",
    "ZeroIsAgent",
    "StarConventions",
    "HashConventions",
    "KeyConsistency",
    "PrefixCollision",
    "YesNoKeys",
]


# --- locale profiles -----------------------------------------------------------


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
    memo = _memo(ctx, "keys:locale")
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


# --- what an option means ---------------------------------------------------------


def _memo(ctx: Context, name: str) -> dict:
    store = ctx.memo
    return store.setdefault(name, {})


def _top(ctx: Context) -> set[str]:
    memo = _memo(ctx, "keys:top")
    if "top" not in memo:
        memo["top"] = set(ctx.facts.free_closure(ctx.menuset.entry, through_inputs=True))
    return memo["top"]


_CONVENTION_KEYS = frozenset({"0", "*", "#"})


def _parents(ctx: Context) -> dict[str, set[str]]:
    """For each menu, the menus with a business option leading to it (through messages, branches, inputs)."""
    memo = _memo(ctx, "keys:parents")
    if "parents" in memo:
        return memo["parents"]
    parents: dict[str, set[str]] = {}
    nodes = ctx.menuset.nodes
    for key, menu in ctx.menus():
        for option in menu.options:
            if option.key in _CONVENTION_KEYS or option.action or option.goto is None or option.language:
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
    memo = _memo(ctx, "keys:general")
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


def _reaches_general_person(ctx: Context, target: str) -> bool:
    people = _general_people(ctx)
    return any(key in people for key in ctx.facts.free_closure(target))


def option_meaning(ctx: Context, menu_key: str | None, option: Option) -> str:
    """``person``, ``navigation``, ``end``, ``language`` or ``business``: what pressing the key does.

    `menu_key` is the menu it is pressed in (None for a global option judged once).
    """
    memo = _memo(ctx, "keys:meaning")
    ident = (menu_key, option.key_span)
    meaning = memo.get(ident)
    if meaning is None:
        memo[ident] = meaning = _meaning(ctx, menu_key, option, _facts(ctx))
    return meaning


def _facts(ctx: Context) -> tuple[str, set[str], set[str], dict[str, set[str]]]:
    memo = _memo(ctx, "keys:facts")
    if "facts" not in memo:
        memo["facts"] = (profile(ctx).person, _general_people(ctx), _top(ctx), _parents(ctx))
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


def _label(menu_file: MenuFile, option: Option) -> str:
    text = option.label or option.say
    if text is None:
        return ""
    value, _, _ = text_in(text, menu_file.language, menu_file.language)
    return value or ""


def _all_labels(option: Option) -> list[str]:
    text = option.label or option.say
    return [value for _, value in text.values] if text is not None else []


def _spoken_key(key: str) -> str:
    return {"*": "star", "#": "hash"}.get(key, key)


def _menu_keys(ctx: Context) -> list[tuple[str, MenuNode, MenuFile, tuple[Option, ...]]]:
    """Every menu with its file and the options a caller can use there (computed once per run)."""
    memo = _memo(ctx, "keys:menus")
    if "menus" not in memo:
        files = ctx.menuset.files
        memo["menus"] = [
            (key, menu, files[menu.file], files[menu.file].options_of(menu)) for key, menu in ctx.menus()
        ]
    return memo["menus"]


def _is_global_once(option: Option, seen: set) -> bool:
    """True the first time a global option is met (so it is judged and reported once)."""
    if option.key_span in seen:
        return False
    seen.add(option.key_span)
    return True


# --- the rules ----------------------------------------------------------------------


@register
class DuplicateDestination(Rule):
    """
    ## What it does
    Finds menus where several announced business options lead to the same
    place (the same node, with the same `then` and language) under different
    labels. It is a warning when every business option of the menu leads to
    the same place (the choice changes nothing), and information otherwise.
    The convention keys 0, star and hash, unannounced keys and actions are
    left out, and so are multi-digit keys with no label (direct-dial
    numbers). Options with no label at all (a menu imported from a platform
    whose prompt is a recording) are compared by destination alone.

    ## Why is this bad?
    Two labels that lead to one place make callers weigh a difference that
    does not exist; often the labels overlap too, and the options can be
    merged. Options must be "clear and distinct" and mutually exclusive
    [ACX-phr]. Splitting one
    destination's tasks into options can still help callers recognise their
    task [ACX-phr], so a partial duplicate is only information, while a menu
    whose every answer goes to one place only adds a level (`max-depth`).

    ## Example
    ```yaml
      main:
        type: menu
        options:
          "1": {label: pay a bill, goto: payment_line}
          "2": {label: make a payment, goto: payment_line}
          "3": {label: report a leak, goto: leaks_team}
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: pay a bill, goto: payment_line}
          "2": {label: report a leak, goto: leaks_team}
    ```

    ## Options
    None.

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    """

    code = "KY001"
    name = "duplicate-destination"
    summary = "Several keys of one menu lead to the same place under different labels"
    level = Level.INFO

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu, menu_file, options in _menu_keys(ctx):
            groups: dict[tuple, list[Option]] = {}
            business = []
            for option in options:
                if option.key in _CONVENTION_KEYS or option.action or option.goto is None or not option.announce:
                    continue
                if len(option.key) > 1 and option.label is None and option.say is None:
                    continue  # a direct-dial number, not an option callers choose between
                business.append(option)
                ident = (
                    option.goto.node_key or option.goto.raw,
                    option.then.node_key if option.then else None,
                    option.language,
                )
                groups.setdefault(ident, []).append(option)
            for ident, group in groups.items():
                labels = [_label(menu_file, option) for option in group]
                # Without labels (an imported menu whose words are in a recording) the keys are still
                # compared: two keys to one place are a duplicate whatever the recording calls them.
                unlabelled = not any(labels)
                if len(group) < 2 or (len(set(labels)) < 2 and not unlabelled):
                    continue
                place = _place(ctx, ident)
                keys = [option.key for option in group]
                quoted = "no labels" if unlabelled else " / ".join(f"'{label}'" for label in labels)
                if len(group) == len(business):
                    yield Violation(
                        menu.span,
                        f"every option of `{menu.id}` ({_and(keys, 'key')}) leads to {place} ({quoted}): "
                        "the choice changes nothing",
                        node=key,
                        hint=f"drop the menu and route straight to {place}",
                        level=Level.WARNING,
                    )
                else:
                    yield Violation(
                        group[1].key_span,
                        f"{_and(keys, 'key')} {'both' if len(keys) == 2 else 'all'} lead to {place} ({quoted})",
                        node=key,
                        hint="merge the options into one label, unless callers really look for both tasks",
                    )


def _place(ctx: Context, ident: tuple) -> str:
    target, then, _ = ident
    place = f"`{ctx.name(target)}`" if target in ctx.menuset.nodes else f"`{target}`"
    if then is not None and then in ctx.menuset.nodes:
        place += f" then `{ctx.name(then)}`"
    return place


def _and(keys: list[str], word: str) -> str:
    spoken = [_spoken_key(k) for k in keys]
    if len(spoken) == 1:
        return f"{word} {spoken[0]}"
    return f"{word}s " + ", ".join(spoken[:-1]) + " and " + spoken[-1] if len(spoken) > 2 else (
        f"{word} {spoken[0]} and {word} {spoken[1]}"
    )


@register
class KeyOrder(Rule):
    """
    ## What it does
    Checks the single-digit business options of each menu (keys 1 to 9,
    without the global keys 0, star and hash, language switches, actions and
    unannounced keys): they should be announced in ascending order, and
    numbered 1, 2, 3, ... without gaps. The order is only checked when ivrkit
    composes the option list (`announce_options` is true); gaps always. A
    digit that starts the menu's direct-dial numbers (its multi-digit keys,
    or an extension pattern such as `7XXX`) is not a gap: Asterisk's demo
    offers 2 and 3 because 1000 and 1234 are dialled from the same menu.

    ## Why is this bad?
    Callers follow the list by its numbers; an option out of order, or a gap
    (1, 2, 4), makes them wonder what they missed and whether they heard the
    key right. The ISO/IEC 13714 summaries ask for ascending keys without
    gaps, as does Avaya's menu guidance [ISO], [AVAYA-M].

    ## Example
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "2": {label: manage your subscription, goto: subscription}
          "4": {label: track a delivery, goto: delivery_info}
    ```

    ## Use instead
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "2": {label: manage your subscription, goto: subscription}
          "3": {label: track a delivery, goto: delivery_info}
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html , http://www.itams.co.uk/ivr-standards.htm
    - [AVAYA-M] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15577.htm
    """

    code = "KY002"
    name = "key-order"
    summary = "Options announced out of ascending order, or with gaps"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu in ctx.menus():
            listed = [
                option
                for option in menu.options
                if re.fullmatch(r"[1-9]", option.key)
                and option.announce
                and option.action is None
                and not option.language
                and not (option.key == "9" and option_meaning(ctx, key, option) != "business")
            ]
            if not listed:
                continue
            numbers = [int(option.key) for option in listed]
            if menu.announce_options:
                for previous, option in zip(listed, listed[1:]):
                    if int(option.key) < int(previous.key):
                        yield Violation(
                            option.key_span,
                            f"key {option.key} is announced after key {previous.key} in `{menu.id}` "
                            f"(order {', '.join(map(str, numbers))})",
                            node=key,
                            hint="list the options in ascending key order",
                        )
                        break
            missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers) - _dialling_starts(menu))
            if missing:
                first_after = min((o for o in listed if int(o.key) > missing[0]), key=lambda o: int(o.key))
                skipped = ", ".join(map(str, missing))
                yield Violation(
                    first_after.key_span,
                    f"the keys of `{menu.id}` ({', '.join(map(str, sorted(numbers)))}) skip {skipped}",
                    node=key,
                    hint="number the options 1, 2, 3, ... without gaps",
                )


def _dialling_starts(menu: MenuNode) -> set[int]:
    """Digits a menu keeps as the first digit of numbers to dial: of its multi-digit keys (direct-dial
    numbers such as Asterisk's 1000 and 1234) and of extension patterns that start with one fixed digit
    (7XXX). Such a digit is not a gap in the option keys: callers use it to dial."""
    starts = {int(option.key[0]) for option in menu.options if len(option.key) > 1 and option.key[0] in "123456789"}
    for text in menu.extension_patterns:
        try:
            first = compile_pattern(text).fixed[:1]
        except PatternProblem:
            continue  # the loader reports it
        if first and len(first[0]) == 1 and next(iter(first[0])) in "123456789":
            starts.add(int(next(iter(first[0]))))
    return starts


@register
class ZeroIsAgent(Rule):
    """
    ## What it does
    Checks the person key (0 in the `us`, `eu` and `fi` profiles, or
    `agent_key`) in every menu. It is an error when the key is used for
    anything that does not lead to a person (a transfer to people, a
    call-back, or a help menu that offers one directly), and a warning when a
    menu does not handle the key at all. A global option is checked once.

    ## Why is this bad?
    Callers everywhere press 0 to reach a person; ETSI ETR 096 names 0 the
    preferred way to reach an operator, the ISO/IEC 13714 summaries reserve it
    for operator or help, and ACIxD calls any other use "virtually
    inconceivable" in the US [ETR096], [ISO], [ACX-dtmf]. A business option on
    0 sends the callers who need help most somewhere else. Finnish lines
    follow the same convention (`fi` profile); India uses 9 instead, hence
    `agent_key`.

    ## Example
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "0": {label: hear about our loyalty scheme, goto: loyalty_info}
    ```

    ## Use instead
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "2": {label: hear about our loyalty scheme, goto: loyalty_info}
          "0": {label: speak to a person, goto: agent}
    ```

    ## Options
    - `agent_key` (default `""`: the locale profile's person key, `0` in
      `us`, `eu` and `fi`): the key that must lead to a person.

    ## References
    - [ETR096] ETSI ETR 096 (1993), quoted at http://lists.w3.org/Archives/Public/public-cognitive-a11y-tf/2016Apr/0031.html
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [ACX-dtmf] http://acixd.org/wiki/doku.php?id=dtmf_keys_common_usage
    """

    code = "KY003"
    name = "zero-is-agent"
    summary = "The person key (0) must lead to a person in every menu"
    level = Level.ERROR
    options = {
        "agent_key": RuleOption(str, "", "the key that must lead to a person (default: the locale profile's)"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        wanted = ctx.option("agent_key") or profile(ctx).person
        seen: set = set()
        for key, menu, menu_file, options in _menu_keys(ctx):
            option = next((o for o in options if o.key == wanted), None)
            if option is None:
                yield Violation(
                    menu.span,
                    f"`{menu.id}` does not handle {_spoken_key(wanted)}: callers who press it for a person "
                    "hear that it is not an option",
                    node=key,
                    hint=f'add "{wanted}": {{label: speak to a person, goto: agent}} '
                    "here, or as a global option",
                    level=Level.WARNING,
                )
                continue
            if option.is_global and not _is_global_once(option, seen):
                continue
            origin = None if option.is_global else key
            target = option.goto.node_key if option.goto is not None and option.action is None else None
            if target is not None and ctx.facts.leads_to_person(target, origin=origin):
                continue
            what = _describe(ctx, menu_file, option)
            where = "every menu" if option.is_global else f"`{menu.id}`"
            yield Violation(
                option.key_span,
                f"key {_spoken_key(wanted)} in {where} {what}: it does not lead to a person, and callers "
                f"press {_spoken_key(wanted)} to reach one",
                node=None if option.is_global else key,
                hint=f"move this option to a free key and let {_spoken_key(wanted)} lead to a person "
                "(a transfer, or a call-back when nobody is available)",
            )


def _describe(ctx: Context, menu_file: MenuFile, option: Option) -> str:
    label = _label(menu_file, option)
    said = f" ('{label}')" if label else ""
    if option.action is not None:
        return f"is the action `{option.action}`{said}"
    if option.goto is None or option.goto.node_key is None:
        return f"returns to the calling flow{said}"
    return f"leads to `{ctx.name(option.goto.node_key)}`{said}"


@register
class StarConventions(Rule):
    """
    ## What it does
    Checks that star is only used to go back, cancel, repeat or return to the
    main menu (an action, or a jump to the main menu or to the menu the
    caller came from), never for a business option; and that every submenu
    (a menu reached by a business option of another menu) offers a way back:
    a `back` or `top` action, or a key that jumps to a parent menu or to the
    main menu. A global option is checked once.

    ## Why is this bad?
    Callers use star to step back or start over; a business option there
    surprises them, and a submenu with no way back traps a caller who took a
    wrong turn, who then hangs up and calls again. The ISO/IEC 13714
    summaries, Lewis (via ACIxD) and users of real IVRs all expect star to go
    back [ISO], [ACX-dtmf], [FUTEL].

    ## Example
    ```yaml
        options:
          "1": {label: order coffee, goto: orders_team}
          "*": {label: place a wholesale order, goto: wholesale_team}
    ```

    ## Use instead
    ```yaml
    global_options:
      "*": {label: go back to the previous menu, action: back}
    ```

    ## Options
    - `require_back` (default `true`): also report submenus that offer no
      way back.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [ACX-dtmf] http://acixd.org/wiki/doku.php?id=dtmf_keys_common_usage
    - [FUTEL] https://github.com/futel/asteriskserver/issues/11
    """

    code = "KY004"
    name = "star-conventions"
    summary = "Star must go back, cancel or repeat, and every submenu needs a way back"
    level = Level.WARNING
    aliases = ("star-back",)
    options = {
        "require_back": RuleOption(bool, True, "also report submenus with no way back"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from _misused(ctx, "*", "go back, cancel or repeat")
        if not ctx.option("require_back"):
            return
        parents = _parents(ctx)
        top = _top(ctx)
        for key, menu, menu_file, options in _menu_keys(ctx):
            above = parents.get(key)
            if not above or key in top:
                continue
            if any(_goes_back(ctx, key, option, above, top) for option in options):
                continue
            yield Violation(
                menu.span,
                f"`{menu.id}` offers no way back to {ctx.names(sorted(above))} or to the main menu",
                node=key,
                hint='add "*": {label: go back to the previous menu, action: back}, '
                "best as a global option",
            )


def _goes_back(ctx: Context, key: str, option: Option, above: set[str], top: set[str]) -> bool:
    if option.action in ("back", "top"):
        return True
    if option.goto is None:
        return False
    target = option.goto.node_key
    if target is None:
        return True  # `return` to the calling flow
    return target in above or (target in top and ctx.menuset.nodes[target].type == "menu") or any(
        reached in above for reached in ctx.facts.free_closure(target) if reached != key
    )


def _misused(ctx: Context, wanted: str, expected: str) -> Iterator[Violation]:
    seen: set = set()
    for key, menu, menu_file, options in _menu_keys(ctx):
        for option in options:
            if option.key != wanted:
                continue
            if option.is_global and not _is_global_once(option, seen):
                continue
            origin = None if option.is_global else key
            meaning = option_meaning(ctx, origin, option)
            if meaning == "navigation":
                continue
            label = _label(menu_file, option)
            said = f" ('{label}')" if label else ""
            kind = {"person": "leads to a person", "end": "ends the call", "language": "switches the language"}.get(
                meaning, "is a business option"
            )
            where = "every menu" if option.is_global else f"`{menu.id}`"
            yield Violation(
                option.key_span,
                f"{_spoken_key(wanted)} in {where} {kind}{said}: callers expect {_spoken_key(wanted)} to {expected}",
                node=None if option.is_global else key,
                hint=f"move this option to a digit key and keep {_spoken_key(wanted)} to {expected}",
            )


@register
class HashConventions(Rule):
    """
    ## What it does
    Checks that hash is not a business option in a menu (it may repeat, go
    back or go to the main menu), and that every input of variable length
    (`digits` with `min` below `max`) accepts hash as its terminator.

    ## Why is this bad?
    Hash ends an entry: the ISO/IEC 13714 summaries and Kortum's guidance
    make it the terminator, VoiceXML's `termchar` and Twilio's `finishOnKey`
    default to it [ISO], [KOR], [VXML-def], [TW]. Callers who finish a
    variable-length number with hash, and it is not the terminator, get an
    error or wait out the inter-digit timeout; a business option on hash
    is found by nobody.

    ## Example
    ```yaml
      meter_reading:
        type: input
        say: Please enter your meter reading.
        digits: {min: 4, max: 6, terminator: null}
        next: saved
    ```

    ## Use instead
    ```yaml
      meter_reading:
        type: input
        say: Please enter your meter reading, then press hash.
        digits: {min: 4, max: 6, terminator: "#"}
        next: saved
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [KOR] Kortum (ed.) 2008, *HCI Beyond the GUI*, ch. 7, https://www.studmed.ru/view/kortum-p-ed-hci-beyond-the-gui-design-for-haptic-speech-olfactory-and-other-nontraditional-interfaces_a42f0e761cf.html?page=28
    - [VXML-def] https://docs.plumvoice.com/dev/voicexml/properties/termtimeout
    - [TW] https://www.twilio.com/docs/api_reference/TwiML/gather
    """

    code = "KY005"
    name = "hash-conventions"
    summary = "Hash must not be a business option, and variable-length entry must end with hash"
    level = Level.WARNING
    aliases = ("hash-terminator",)

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from _misused(ctx, "#", "end an entry, repeat or go back")
        for key, node in ctx.nodes("input"):
            assert isinstance(node, InputNode)
            if node.min_digits < node.max_digits and node.terminator != "#":
                ends = "no terminator" if node.terminator is None else f"`{node.terminator}` as its terminator"
                yield Violation(
                    node.span,
                    f"`{node.id}` takes {node.min_digits} to {node.max_digits} digits but has {ends}: "
                    "callers cannot finish a shorter entry with hash and wait out the timeout",
                    node=key,
                    hint='set digits: {terminator: "#"} and say "then press hash"',
                )


@register
class KeyConsistency(Rule):
    """
    ## What it does
    Checks that a key keeps one conventional meaning across the IVR: a key
    that leads to a person in one menu and repeats, goes back, ends the call
    or switches the language in another is reported where it differs from
    its usual meaning. Keys 9 and those offered as global options are judged
    by where they lead; on other keys only an explicit action (`repeat`,
    `back`, `top`) or language switch counts as a convention, since business
    options differ from menu to menu. It also checks the keys the locale
    profile gives a meaning (9 ends the call in `eu`; it is free in `us` and
    `fi`), reporting each deviation once with the number of menus. Misuse of
    0, star and hash is left to `zero-is-agent`, `star-conventions` and
    `hash-conventions`. Last, it checks the other way round: each of the
    actions `repeat`, `back` and `top` should be on one key in every menu
    that offers it (any key, star and hash included); a menu that offers it
    only on another key than the one most menus use is reported. Actions are
    compared as the caller hears them: `top` pressed in the main menu itself
    says that menu again, so it is a repeat there (FreeSWITCH's demo menu
    offers "9 to repeat these options" as `menu-top` [FS]).

    The profile is only applied when the locale is known: the `locale` of
    the configuration or `--locale`, else the region of the menus' language
    tags (`en-US` → `us`, `en-GB`, `de-DE` or `sv-SE` → `eu`, `fi` or
    `fi-FI` → `fi`), else the time zone of their schedules
    (`America/Chicago` → `us`, `Europe/London` → `eu`, `Europe/Helsinki` →
    `fi`). A bare `en` or `es` is spoken on several continents,
    so with no locale only the conventions every profile shares apply
    (those of 0, star and hash), and 9 is judged only for consistency
    between the menus: a US menu is not told off for a European convention.

    ## Why is this bad?
    Callers learn a line's keys as they go: if 9 repeats the menu here and
    reaches a person there, they press the wrong one. ACIxD asks to "be
    consistent within the IVR, the brand, the company, the industry", and
    ISO/IEC 13714 asks for a consistent mode of interaction [ACX-dtmf], [ISO].
    AS/NZS 4263 likewise gives keys fixed uses: its contents list has the
    uses of hash, star and 0 and a "9 key for disconnecting" [ASNZS].

    ## Example
    ```yaml
      main:
        type: menu
        options:
          "9": {label: speak to a person, goto: agent}
      billing:
        type: menu
        options:
          "9": {label: hear these options again, action: repeat}
    ```

    ## Use instead
    ```yaml
    global_options:
      "0": {label: speak to a person, goto: agent}
      "*": {label: hear these options again, action: repeat}
    ```

    ## Options
    None (the profile is the run's `locale`: `us`, `eu` or `fi`, or the
    one the menus' language tags name).

    ## References
    - [ACX-dtmf] http://acixd.org/wiki/doku.php?id=dtmf_keys_common_usage
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [ASNZS] AS/NZS 4263:1997, contents list https://infostore.saiglobal.com/en-us/standards/AS-NZS-4263-1997-116489_SAIG_AS_AS_243579/
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    """

    code = "KY006"
    name = "key-consistency"
    summary = "A key means different things in different menus, or goes against the locale profile"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        prof = profile(ctx)
        # Keys that carry conventions: the profile's, 9, and every key offered as a global option.
        # Other keys are business keys; only an explicit action or language switch there is a convention.
        watched = set(prof.meanings) | {"9"}
        for menu_file in ctx.menuset.files.values():
            watched |= {option.key for option in menu_file.global_options}
        uses: dict[str, list[tuple[str, str, Option, MenuNode]]] = {}
        seen: set = set()
        for key, menu, menu_file, options in _menu_keys(ctx):
            for option in options:
                if option.key in _CONVENTION_KEYS:
                    continue  # owned by zero-is-agent, star-conventions and hash-conventions
                if option.is_global and not _is_global_once(option, seen):
                    continue
                origin = None if option.is_global else key
                if option.key in watched:
                    meaning = option_meaning(ctx, origin, option)
                else:
                    meaning = "language" if option.language else "navigation" if option.action else "business"
                uses.setdefault(option.key, []).append((meaning, key, option, menu))
        for pressed, found in sorted(uses.items()):
            allowed = prof.meanings.get(pressed)
            conventional = [use for use in found if use[0] != "business"]
            if not conventional:
                continue
            reported: set = set()
            if allowed:
                against: dict[str, list] = {}
                for use in conventional:
                    if use[0] not in allowed:
                        against.setdefault(use[0], []).append(use)
                        reported.add(use[2].key_span)
                for meaning, group in against.items():
                    _, key, option, menu = group[0]
                    more = f" (and in {len(group) - 1} more menus)" if len(group) > 1 else ""
                    yield self._finding(
                        ctx, option, menu, key, meaning,
                        f"the `{prof.name}` profile keeps {pressed} to {_meaning_words(sorted(allowed)[0])}{more}",
                    )
            meanings = [use[0] for use in conventional]
            if len(set(meanings)) < 2:
                continue
            usual = _usual(meanings, found, allowed)
            first = next(use for use in conventional if use[0] == usual)
            for meaning, key, option, menu in conventional:
                if meaning == usual or option.key_span in reported:
                    continue
                where = "every menu" if first[2].is_global else f"`{ctx.name(first[1])}`"
                yield self._finding(ctx, option, menu, key, meaning,
                                    f"in {where} {pressed} means {_meaning_words(usual)}")
        yield from self._moving_actions(ctx)

    def _moving_actions(self, ctx: Context) -> Iterator[Violation]:
        """Repeat, back and top on different keys in different menus of one line, as callers hear them:
        `top` in the main menu itself says the menu again, so it is a repeat there."""
        per_action: dict[str, list[tuple[str, MenuNode, set[str], list[Option]]]] = {}
        for key, menu, _file, options in _menu_keys(ctx):
            for action in ACTIONS:
                doing = [option for option in options if _heard_action(ctx, key, option) == action]
                if doing:
                    per_action.setdefault(action, []).append((key, menu, {o.key for o in doing}, doing))
        for action, menus in per_action.items():
            counts: dict[str, int] = {}
            for _, _, keys, _ in menus:
                for pressed in keys:
                    counts[pressed] = counts.get(pressed, 0) + 1
            if len(counts) < 2:
                continue
            order = [pressed for _, _, keys, _ in menus for pressed in sorted(keys)]
            usual = max(counts, key=lambda k: (counts[k], -order.index(k)))
            where = next(key for key, _, keys, _ in menus if usual in keys)
            for key, menu, keys, doing in menus:
                if usual in keys:
                    continue
                for option in doing:
                    if option.is_global:
                        continue  # a global key is where the usual one would be; judged in the menus that override it
                    yield Violation(
                        option.key_span,
                        f"`{menu.id}` {_ACTION_WORDS[action][0]} on {_spoken_key(option.key)}, but "
                        f"`{ctx.name(where)}` does it on {_spoken_key(usual)}: callers learn one key for it",
                        node=key,
                        hint=f"use {_spoken_key(usual)} to {_ACTION_WORDS[action][1]} in every menu, or make it a global option",
                    )

    def _finding(self, ctx, option: Option, menu: MenuNode, key: str, meaning: str, reason: str) -> Violation:
        where = "every menu" if option.is_global else f"`{menu.id}`"
        return Violation(
            option.key_span,
            f"key {option.key} in {where} means {_meaning_words(meaning)}, but {reason}",
            node=None if option.is_global else key,
            hint="give each conventional key one meaning across the line (0 for a person, star to go back)",
        )


def _heard_action(ctx: Context, menu_key: str, option: Option) -> str | None:
    """The action an option is for the caller who presses it in `menu_key`: `top` pressed in the main
    menu (a menu the call reaches from the entry without a keypress) says that menu again, a repeat."""
    if option.action == "top" and menu_key in _main_menus(ctx):
        return "repeat"
    return option.action


def _main_menus(ctx: Context) -> set[str]:
    memo = _memo(ctx, "keys:main")
    if "main" not in memo:
        memo["main"] = set(ctx.facts.free_closure(ctx.menuset.entry))
    return memo["main"]


_ACTION_WORDS = {
    "repeat": ("repeats the menu", "repeat the menu"),
    "back": ("goes back", "go back"),
    "top": ("goes to the main menu", "go to the main menu"),
}


def _usual(meanings: list[str], found: list, allowed) -> str:
    if allowed:
        for meaning in meanings:
            if meaning in allowed:
                return meaning
    for meaning, _, option, _ in found:
        if option.is_global and meaning in meanings:
            return meaning
    counts: dict[str, int] = {}
    for meaning in meanings:
        counts[meaning] = counts.get(meaning, 0) + 1
    return max(counts, key=lambda m: (counts[m], -meanings.index(m)))


def _meaning_words(meaning: str) -> str:
    return {
        "person": "a person",
        "navigation": "repeat or go back",
        "end": "end the call",
        "language": "a change of language",
        "business": "a business option",
    }[meaning]


@register
class PrefixCollision(Rule):
    """
    ## What it does
    Finds the option keys of a menu after which callers wait: the menu
    cannot tell whether more digits will follow, so it waits the
    inter-digit timeout before acting on the key. It reports exactly the
    keys the simulation waits after, and for how long
    (`ivrkit.keypatterns.prefix_waits`, the rule the engine follows):

    - a key that is also the first digits of a longer option key ("1" and
      "12", "3" and "300"); direct-dial numbers listed as keys (unlabelled
      multi-digit keys) count like any other key;
    - a key that is also the start of numbers an extension pattern takes
      (`extensions: {patterns: ["10[01]X"]}` beside option 1, as
      FreeSWITCH's regex entries and Asterisk's `_10XX` give them);
    - every key shorter than `max_digits` (FreeSWITCH's `digit-len`, after
      which the menu waits for more keys whatever they are), reported once
      per menu with the keys it affects.

    Plain `extensions` without patterns do not collide: an extension can
    never start with the first digit of an option, so a menu may offer 0
    beside `extensions`.

    ## Why is this bad?
    Every caller who presses that key hears nothing for the inter-digit
    timeout (3 s by default; 5 s in Asterisk) and often presses it again.
    The timeout guidance in the ISO/IEC 13714 summaries, Genesys and Asterisk
    assumes the inter-digit wait only happens inside a multi-digit entry
    [ISO], [GEN], [AST]. FreeSWITCH's menu collects digits until it has
    `digit-len` of them or no digit arrives within the inter-digit timeout
    [FS]; Asterisk's patterns (`_10XX`, `_7.`) stand for such direct-dial
    numbers [AST-pat].

    ## Example
    ```yaml
      main:
        type: menu
        options:
          "1": {label: pay a bill, goto: billing}
          "100": {label: reach the director, goto: director, announce: false}
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: pay a bill, goto: billing}
          "7": {label: reach the director, goto: director, announce: false}
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [GEN] https://help.mypurecloud.com/articles/calculating-timeout-behavior/
    - [AST] http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-62.html
    - [FS] https://developer.signalwire.com/freeswitch/applications/ivr-menus/ (IVR menu model)
    - [AST-pat] https://docs.asterisk.org/Configuration/Dialplan/Pattern-Matching/
    """

    code = "KY007"
    name = "prefix-collision"
    summary = "A key is also the start of a longer key, so callers wait"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu, menu_file, options in _menu_keys(ctx):
            if not _may_wait(menu, options):
                continue
            waits = prefix_waits(menu, menu_file)
            if not waits:
                continue
            direct = {o.key for o in options if len(o.key) > 1 and o.label is None and o.say is None}
            counted = [option for option in options if option.key in waits]
            by_length = [option for option in counted if waits[option.key].because == "max_digits"]
            if by_length:
                seconds = waits[by_length[0].key].seconds
                keys = [_spoken_key(option.key) for option in by_length]
                yield Violation(
                    menu.span,
                    f"`{menu.id}` listens for {menu.max_digits} keys (max_digits): callers who press "
                    f"{_key_list(keys)} wait out the inter-digit timeout ({seconds:g} s) before anything happens",
                    node=key,
                    hint="set max_digits to the length of the longest key, and give direct-dial numbers "
                    "a first digit that no option uses",
                )
            for option in counted:
                wait = waits[option.key]
                if wait.because == "max_digits":
                    continue
                digits = "digits" if len(option.key) > 1 else "digit"
                if wait.because == "option":
                    longer = wait.detail.removeprefix("option ")
                    what = f"{'the direct-dial number' if longer in direct else 'key'} {longer}"
                else:
                    pattern = wait.detail.removeprefix("extension pattern ")
                    what = (f"extension numbers it takes (pattern {pattern})" if pattern != wait.detail
                            else "extension numbers it takes")
                span = menu.span if option.is_global else option.key_span
                yield Violation(
                    span,
                    f"key {option.key} in `{menu.id}` is also the first {digits} of {what}: callers who press "
                    f"{option.key} wait out the inter-digit timeout ({wait.seconds:g} s) before anything happens",
                    node=key,
                    hint="give multi-digit keys and extensions first digits that no single key uses",
                )


def _may_wait(menu: MenuNode, options: tuple[Option, ...]) -> bool:
    """A cheap necessary condition for `prefix_waits` to find a key (which compares every pair of keys):
    the menu counts keys (max_digits), takes extension patterns, or one key starts another."""
    if menu.max_digits is not None or menu.extension_patterns:
        return True
    keys = [option.key for option in options]
    first_longer = _first_longer(keys)
    return any(first_longer(k) is not None for k in keys)


def _key_list(keys: list[str], most: int = 12) -> str:
    """``1, 2, 3 or 9``; past `most` keys, the first ones and how many more (huge menus)."""
    if len(keys) <= most:
        return ", ".join(keys[:-1]) + (" or " if len(keys) > 1 else "") + keys[-1]
    return f"{', '.join(keys[:most - 1])} or any of {len(keys) - most + 1} more keys"


def _first_longer(keys: list[str]):
    """A function: key -> the first key in `keys` (in their order) that is longer and starts with it, or None.

    The keys that start with a key follow it in sorted order, so each lookup is two binary searches and
    the smallest original position in that stretch (a sparse table answers it), not a scan of every key.
    """
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ordered = [keys[i] for i in order]
    table = [order]  # table[level][p]: the smallest original position among sorted positions p .. p + 2**level - 1
    while 2 ** len(table) <= len(order):
        last, step = table[-1], 2 ** (len(table) - 1)
        table.append([min(last[p], last[p + step]) for p in range(len(order) - 2 * step + 1)])

    def first(key: str) -> str | None:
        low = bisect_right(ordered, key)
        high = bisect_left(ordered, key + "\x7f", low)  # keys are digits, "*" and "#": all below \x7f
        if low >= high:
            return None
        level = (high - low).bit_length() - 1
        return keys[min(table[level][low], table[level][high - 2 ** level])]

    return first


_YES = {
    "yes", "correct", "confirm", "right", "ok", "okay",
    "kyllä", "oikein", "vahvista", "vahvistaa", "vahvistus", "kyllä,", "joo",
}
_NO = {
    "no", "re-enter", "reenter", "change", "wrong", "incorrect", "again",
    "ei", "väärin", "uudelleen", "muuta", "muuttaa", "korjaa",
}
_WORD = re.compile(r"[\w-]+", re.UNICODE)


def _says(labels: list[str], words: set[str]) -> bool:
    return any(token in words for label in labels for token in _WORD.findall(label.lower()))


@register
class YesNoKeys(Rule):
    """
    ## What it does
    Finds confirmation menus (exactly two business options, one whose label
    means yes and one whose label means no, in English or Finnish: "yes",
    "correct", "confirm" / "no", "re-enter", "change"; "kyllä", "oikein",
    "vahvista" / "ei", "väärin", "uudelleen") and checks that yes is key 1
    and no is key 2. Inputs with `confirm: true` already use 1 and 2.

    ## Why is this bad?
    Callers expect 1 for yes and 2 for no; the ISO/IEC 13714 summaries make
    it the rule [ISO]. Swapped keys make callers confirm what they meant to
    correct.

    ## Example
    ```yaml
      confirm_number:
        type: menu
        say: Is that number correct?
        options:
          "1": {label: re-enter the number, goto: ask_number}
          "2": {label: confirm the number, goto: book}
    ```

    ## Use instead
    ```yaml
        options:
          "1": {label: confirm the number, goto: book}
          "2": {label: re-enter the number, goto: ask_number}
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    """

    code = "KY008"
    name = "yes-no-keys"
    summary = "In a confirmation menu yes must be 1 and no must be 2"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu, menu_file, options in _menu_keys(ctx):
            business = [
                option
                for option in options
                if option.key not in _CONVENTION_KEYS and option.action is None and not option.language
            ]
            if len(business) != 2:
                continue
            kinds = []
            for option in business:
                labels = _all_labels(option)
                yes, no = _says(labels, _YES), _says(labels, _NO)
                kinds.append("yes" if yes and not no else "no" if no and not yes else None)
            if sorted(k or "" for k in kinds) != ["no", "yes"]:
                continue
            for option, kind in zip(business, kinds):
                expected = "1" if kind == "yes" else "2"
                if option.key != expected:
                    yield Violation(
                        option.key_span,
                        f"`{menu.id}` asks for a confirmation, but {kind} ('{_label(menu_file, option)}') "
                        f"is key {_spoken_key(option.key)}: callers expect {kind} on {expected}",
                        node=None if option.is_global else key,
                        hint="put yes on 1 and no on 2",
                    )

"""KY006 `key-consistency`: A key means different things in different menus, or goes against the locale profile."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import ACTIONS, MenuNode, Option
from ._keys_common import CONVENTION_KEYS, is_global_once, menu_keys, spoken_key

__all__ = ["KeyConsistency"]


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
        prof = ctx.key_profile
        # Keys that carry conventions: the profile's, 9, and every key offered as a global option.
        # Other keys are business keys; only an explicit action or language switch there is a convention.
        watched = set(prof.meanings) | {"9"}
        for menu_file in ctx.menuset.files.values():
            watched |= {option.key for option in menu_file.global_options}
        uses: dict[str, list[tuple[str, str, Option, MenuNode]]] = {}
        seen: set = set()
        for key, menu, _menu_file, options in menu_keys(ctx):
            for option in options:
                if option.key in CONVENTION_KEYS:
                    continue  # owned by zero-is-agent, star-conventions and hash-conventions
                if option.is_global and not is_global_once(option, seen):
                    continue
                origin = None if option.is_global else key
                if option.key in watched:
                    meaning = ctx.option_meanings.meaning(origin, option)
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
                        ctx,
                        option,
                        menu,
                        key,
                        meaning,
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
                yield self._finding(
                    ctx, option, menu, key, meaning, f"in {where} {pressed} means {_meaning_words(usual)}"
                )
        yield from self._moving_actions(ctx)

    def _moving_actions(self, ctx: Context) -> Iterator[Violation]:
        """Repeat, back and top on different keys in different menus of one line, as callers hear them:
        `top` in the main menu itself says the menu again, so it is a repeat there."""
        per_action: dict[str, list[tuple[str, MenuNode, set[str], list[Option]]]] = {}
        for key, menu, _file, options in menu_keys(ctx):
            # what each option with an action does as callers hear it (an option without one does none of them)
            acting = [(option, _heard_action(ctx, key, option)) for option in options if option.action is not None]
            if not acting:
                continue
            for action in ACTIONS:
                doing = [option for option, heard in acting if heard == action]
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
                        f"`{menu.id}` {_ACTION_WORDS[action][0]} on {spoken_key(option.key)}, but "
                        f"`{ctx.name(where)}` does it on {spoken_key(usual)}: callers learn one key for it",
                        node=key,
                        hint=f"use {spoken_key(usual)} to {_ACTION_WORDS[action][1]} in every menu, or make it a global option",
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
    """The nodes a call reaches from the entry without a keypress (computed once per run)."""
    return ctx.once(_reached_from_entry)


def _reached_from_entry(ctx: Context) -> set[str]:
    return set(ctx.facts.free_closure(ctx.menuset.entry))


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

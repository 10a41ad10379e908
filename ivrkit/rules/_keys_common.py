"""What the key rules (KY001-KY008) share: the keys each menu handles, how a message names them, and the check
of a convention key (star, hash) used for something else.

The locale's key profile is `ctx.key_profile` (`ivrkit.language.key_profiles`), and what each option means,
the menus above a menu and the line's people are `ctx.option_meanings` (`ivrkit.analysis.option_meanings`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis.option_meanings import CONVENTION_KEYS
from ..lint.context import Context
from ..lint.finding import Violation
from ..model import MenuFile, MenuNode, Option
from ..prompts import text_in

__all__ = ["CONVENTION_KEYS", "option_label", "spoken_key", "menu_keys", "is_global_once", "misused"]


def _menu_keys(ctx: Context) -> list[tuple[str, MenuNode, MenuFile, tuple[Option, ...]]]:
    files = ctx.menuset.files
    return [(key, menu, files[menu.file], files[menu.file].options_of(menu)) for key, menu in ctx.menus()]


def menu_keys(ctx: Context) -> list[tuple[str, MenuNode, MenuFile, tuple[Option, ...]]]:
    """Every menu with its file and the options a caller can use there (computed once per run)."""
    return ctx.once(_menu_keys)


def option_label(menu_file: MenuFile, option: Option) -> str:
    text = option.label or option.say
    if text is None:
        return ""
    value, _, _ = text_in(text, menu_file.language, menu_file.language)
    return value or ""


def spoken_key(key: str) -> str:
    return {"*": "star", "#": "hash"}.get(key, key)


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
            meaning = ctx.option_meanings.meaning(origin, option)
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

"""KY008 `yes-no-keys`: In a confirmation menu yes must be 1 and no must be 2."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Option
from ._keys_common import CONVENTION_KEYS, menu_keys, option_label, spoken_key

__all__ = ["YesNoKeys"]


def _all_labels(option: Option) -> list[str]:
    text = option.label or option.say
    return [value for _, value in text.values] if text is not None else []


_YES = {
    "yes",
    "correct",
    "confirm",
    "right",
    "ok",
    "okay",
    "kyllä",
    "oikein",
    "vahvista",
    "vahvistaa",
    "vahvistus",
    "kyllä,",
    "joo",
}


_NO = {
    "no",
    "re-enter",
    "reenter",
    "change",
    "wrong",
    "incorrect",
    "again",
    "ei",
    "väärin",
    "uudelleen",
    "muuta",
    "muuttaa",
    "korjaa",
}


# A word of a label, compiled when a menu first has yes/no keys to judge.
_word = compiled_on_first_need(r"[\w-]+", re.UNICODE)


def _says(labels: list[str], words: set[str]) -> bool:
    return any(token in words for label in labels for token in _word().findall(label.lower()))


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
        for key, menu, menu_file, options in menu_keys(ctx):
            business = [
                option
                for option in options
                if option.key not in CONVENTION_KEYS and option.action is None and not option.language
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
                        f"`{menu.id}` asks for a confirmation, but {kind} ('{option_label(menu_file, option)}') "
                        f"is key {spoken_key(option.key)}: callers expect {kind} on {expected}",
                        node=None if option.is_global else key,
                        hint="put yes on 1 and no on 2",
                    )

"""WD007 `prompt-key-mismatch`: A hand-written prompt announces keys the menu does not handle, or misses some it does."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..language import (
    announced_keys,
)
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode
from ._wording_common import language_tag, languages_of, option_language, quote

__all__ = ["PromptKeyMismatch"]


def _parsable(language: str) -> bool:
    """Whether key announcements can be read in `language` (English and Finnish)."""
    return language.split("-")[0].lower() in ("en", "fi")


def _named_unread(pressed: str, value: str) -> bool:
    """Whether the prompt names the key where the reader did not see an announcement ("Pulse 1",
    "Option 3: billing"): the phrasing is not understood, so whether the key is announced is unknown."""
    return re.search(rf"(?<![\w*#]){re.escape(pressed)}(?![\w*#])", value) is not None


@register
class PromptKeyMismatch(Rule):
    """
    ## What it does
    Compares the keys a hand-written prompt announces with the keys the menu
    handles. It reads a menu's `say` when `announce_options` is false (the
    `say` is then the whole prompt) and each option's own `say`, and finds
    "press 1", "press star", "press the hash key", "press one", lists such as
    "press 1 to pay, 2 to report a fault", and Finnish "paina 1", "paina
    ykköstä", "paina tähteä", "paina risuaitaa".

    - A key announced but not handled (no option, global option or extension
      takes it) is an error: the caller who presses it hears "that key is not
      an option". So is an option's own `say` that names another key.
    - An option of the menu that the prompt never announces is a warning (an
      option's own `say` that does not name its key, likewise). Global options
      and options with `announce: false` are exempt, and so is a key the
      prompt names in words the reader does not understand ("Pulse 1" in a
      prompt marked English, "Option 3: billing"): unknown is not missing.

    ## Why is this bad?
    The recording or script and the key map drift apart when one is edited
    without the other. Vendors only warn about it in their docs: "Ensure
    that the audio file in Introduction Prompt mentions each option"
    (Storm's menu documentation [STORM]).
    ivrkit composes the option list from the labels when
    `announce_options` is true, which keeps the two in step [ISO].

    ## Example
    ```yaml
    subscription:
      type: menu
      announce_options: false
      say: To pause, press 1. To cancel, press 3.
      options:
        "1": {label: pause your subscription, goto: team}
        "2": {label: change your coffee, goto: team}
    ```

    ## Use instead
    ```yaml
    subscription:
      type: menu
      options:
        "1": {label: pause your subscription, goto: team}
        "2": {label: change your coffee, goto: team}
        "3": {label: cancel your subscription, goto: team}
    ```

    ## Options
    None.

    ## References
    - [STORM] Storm (Rakuten) flow reference, Menu action: https://connectstorm.comm.rakuten.net/assets/jaJP/flow/FLOW_action_cell_reference/Menu.htm
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    """

    code = "WD007"
    name = "prompt-key-mismatch"
    summary = "A hand-written prompt announces keys the menu does not handle, or misses some it does"
    level = Level.ERROR
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu in ctx.menus():
            menu_file = ctx.menuset.file_of(menu)
            handled = {o.key for o in menu_file.options_of(menu)}
            if not menu.announce_options:
                prompt = menu.prompt
                if prompt is not None and prompt.text is None:
                    continue  # a recording with unknown words: reported by the audio rules
                text = prompt.text if prompt is not None else None
                texts = list(languages_of(text)) if text is not None else []
                yield from self._unhandled(key, menu, handled, text, texts, None)
                for language in menu_file.languages if texts else ():
                    value = text.get(language) if text is not None else None
                    if not value or not _parsable(language):
                        continue
                    said = {m.key for m in announced_keys(value, language)}
                    for option in menu.options:
                        if option.announce and option.key not in said and not _named_unread(option.key, value):
                            yield self._silent(key, option, text, language)
                if not texts:
                    for option in menu.options:
                        if option.announce:
                            yield Violation(
                                option.key_span,
                                f"key {option.key} is never announced: `{menu.id}` has no prompt and "
                                f"`announce_options: false`",
                                node=key,
                                level=Level.WARNING,
                                hint="let ivrkit announce the options (remove `announce_options: false`)",
                            )
                continue
            for option in menu_file.options_of(menu):
                if option.say is None or not option.announce:
                    continue
                texts = list(languages_of(option.say))
                for language, value in texts:
                    wrong = dict.fromkeys(
                        m.key for m in announced_keys(value, option_language(option, language)) if m.key != option.key
                    )
                    for pressed in wrong:
                        whose = (
                            "no option handles it"
                            if not self._handles(menu, handled, pressed)
                            else (f"{pressed} is another option")
                        )
                        yield Violation(
                            option.say.span,
                            f"the announcement of key {option.key}{language_tag(option.say, language)} says to press "
                            f"{pressed}, but {whose}",
                            node=key,
                            hint=f"announce this option's own key, {option.key}",
                        )
                for language, value in texts:
                    said = {m.key for m in announced_keys(value, option_language(option, language))}
                    if option.key not in said and _parsable(option_language(option, language)):
                        yield Violation(
                            option.say.span,
                            f"the announcement of key {option.key}{language_tag(option.say, language)} never says "
                            f"which key to press",
                            node=key,
                            level=Level.WARNING,
                            hint=f'end it with the key, e.g. "..., press {option.key}."',
                        )

    @staticmethod
    def _handles(menu: MenuNode, handled: set[str], pressed: str) -> bool:
        if pressed in handled:
            return True
        if menu.extensions is not None and pressed.isdigit():
            low, high, _ = menu.extensions
            return low <= len(pressed) <= high
        return False

    def _unhandled(self, key, menu, handled, text, texts, option) -> Iterator[Violation]:
        for language, value in texts:
            reported: set[str] = set()
            for mention in announced_keys(value, option_language(option, language)):
                if mention.key in reported or self._handles(menu, handled, mention.key):
                    continue
                reported.add(mention.key)
                yield Violation(
                    text.span,
                    f"the prompt{language_tag(text, language)} says to press {mention.key}, but no option of "
                    f"`{menu.id}` handles {mention.key}",
                    node=key,
                    hint=f"add an option for {mention.key}, or take it out of the prompt",
                )

    @staticmethod
    def _silent(key, option, text, language) -> Violation:
        return Violation(
            option.key_span,
            f"key {option.key} ({quote(option.label.get(language) or option.label.values[0][1]) if option.label else 'no label'})"
            f" is handled but the prompt{language_tag(text, language)} never announces it",
            node=key,
            level=Level.WARNING,
            hint="announce it in the prompt, or set `announce: false` if it is a deliberate shortcut",
        )

"""WD004 `long-labels`: An option label has too many words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..language.tokens import WORD_RE as _WORD
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ._wording_common import label_readings, language_tag, quote

__all__ = ["LongLabel"]


_WORD_FINDALL = _WORD.findall


# A character other than a word character, a space, an apostrophe or a hyphen. The curly apostrophe is
# read as a straight one (`_has_other_separator`): a class naming it costs ~0.2 ms more to compile.
_OTHER_SEPARATOR = re.compile(r"[^\w\s'-]")


def _has_other_separator(value: str) -> bool:
    """Whether `value` has a character that `[^\\w\\s'’-]` matches (something that may separate words)."""
    return _OTHER_SEPARATOR.search(value.replace("’", "'")) is not None


@register
class LongLabel(Rule):
    """
    ## What it does
    Counts the words of each option label and reports labels longer than
    `max_words` (6).

    ## Why is this bad?
    Callers must keep each option in mind while the next ones play; long
    phrases cut the number of options they can handle to about three [IBM],
    and "be concise" is a basic phone-tree guideline [NNG]. The six-word
    cut-off is ivrkit's own, not taken from a published source, hence an
    option and the info level. The menu-size rule
    also takes long labels into account.

    ## Example
    ```yaml
    options:
      "1": {label: find out about the latest bill that we sent you, goto: billing}
    ```

    ## Use instead
    ```yaml
    options:
      "1": {label: ask about your bill, goto: billing}
    ```

    ## Options
    - `max_words` (default `6`): the most words a label may have.

    ## References
    - [IBM] https://docs.blueworx.com/BVR/InfoCenter/V7/AIX/help/topic/com.ibm.wvraix.vxmlpg.doc/menus.html
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "WD004"
    name = "long-labels"
    summary = "An option label has too many words"
    level = Level.INFO
    uses_text = True
    options = {"max_words": RuleOption(int, 6, "the most words a label may have")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        most = self.option("max_words")
        for key, _option, label, language, value, _lower, _ascii in label_readings(ctx):
            if value.count(" ") < most and not _has_other_separator(value):
                continue  # at most `most` words
            count = len(_WORD_FINDALL(value))
            if count > most:
                yield Violation(
                    label.span,
                    f"{quote(value)}{language_tag(label, language)} has {count} words (more than {most})",
                    node=key,
                    hint="name the goal in a few words",
                )

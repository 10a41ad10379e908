"""LN002 `prompt-duration`: A menu's prompt takes too long to say."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import MenuNode

__all__ = ["PromptDuration"]


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
"""A word as LN002 counts it: letters and digits, joined by inner apostrophes or hyphens."""

_BETWEEN_WORDS = str.maketrans(".,;:!?\t\n", "        ")
"""Characters that only ever separate words (not an apostrophe, a hyphen or an underscore), each turned into
a space."""


def _word_count(value: str) -> int:
    """How many `_WORD`s `value` holds. A text of ASCII letters and digits separated by spaces and punctuation
    that only separates (most prompts) holds as many as it has space-separated parts once that punctuation is
    a space: counted without the pattern."""
    if value.isascii():
        spaced = value.translate(_BETWEEN_WORDS)
        if spaced.replace(" ", "").isalnum():
            return len(spaced.split())
    return len(_WORD.findall(value))


@register
class PromptDuration(Rule):
    """
    ## What it does
    Estimates how long each menu's whole prompt takes to say (its `say` and
    every announced option, at the menu's speaking rate, with 0.5 s between
    options) in each language of the file, and reports a menu longer than
    `max_seconds`. Audio-only prompts are skipped (AU001 reports them). The
    estimate comes from `ivrkit.timing`, calibrated against espeak-ng per
    language: Finnish words take about twice as long as English ones.

    It also counts the words of the menu's own prompt as written (its `say`;
    with `announce_options: false` that is the whole prompt, option list
    included) and reports one of more than `max_words` (40) words, since a
    recording or a synthetic voice may be slower than the estimate.
    Announcements composed from labels are left to the seconds limit and to
    `max-options` and `long-label`.

    ## Why is this bad?
    A caller must hold the whole list in mind while it plays; long prompts
    bury the options and lengthen every call. Pauses of 500 ms between
    options are IBM's guidance [IBM-t] ([ACX-menu]: 500–750 ms); the
    30-second limit is ivrkit's own default, not taken from a published
    source, hence an option. The word limit comes from Plum's guideline
    that instructional prompts (those that ask the caller to do something)
    "should, preferably, not exceed twenty seconds" [PLUM], at the 120
    words a minute DECtalk gives as ideal for information a listener must
    keep, such as numbers [DEC]: 20 s × 120 wpm = 40 words.

    ## Example
    ```yaml
    main:
      type: menu
      say: Now, please listen to the following options and choose the one that best describes the reason for your call today.
      options:
        "1": {label: find out about your latest bill, pay an outstanding balance, or change the way you pay us each month, goto: billing}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      say: How can we help?
      options:
        "1": {label: pay or ask about your bill, goto: billing}
    ```

    ## Options
    - `max_seconds` (default `30`): the longest estimated prompt, in seconds.
    - `max_words` (default `40`): the most words in a menu's own prompt text.

    ## References
    - [IBM-t] http://docs.blueworx.com/BVR/InfoCenter/V6.1/help/topic/com.ibm.wvraix.vxmlpg.doc/gsrecorded.html
    - [ACX-menu] http://acixd.org/wiki/doku.php?id=menu_design
    - [PLUM] Plum Voice, "IVR prompt guidelines", http://www.plumvoice.com/blog/ivr-prompt-guidelines
    - [DEC] DECtalk Software reference, speaking rate, https://dectalk.github.io/dectalk/idh_ref_2_speaking_rate.htm
    """

    code = "LN002"
    name = "prompt-duration"
    summary = "A menu's prompt takes too long to say"
    level = Level.WARNING
    uses_text = True
    options = {
        "max_seconds": RuleOption(float, 30.0, "the longest estimated menu prompt, in seconds"),
        "max_words": RuleOption(int, 40, "the most words in a menu's own prompt text"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        limit = self.option("max_seconds")
        most_words = self.option("max_words")
        for key, node in ctx.menus():
            durations = {}
            for language in ctx.languages(node):
                seconds, complete = ctx.heard.spoken(node, language)
                if complete:
                    durations[language] = seconds
            over = {lang: s for lang, s in durations.items() if s > limit}
            if not over:
                yield from self._words(ctx, key, node, most_words)
                continue
            parts = ", ".join(f"{s:.0f} s in {lang}" for lang, s in over.items())
            if len(durations) == 1:
                parts = f"{next(iter(over.values())):.0f} s"
            yield Violation(
                node.span,
                f"the prompt of `{node.id}` takes about {parts} to say (over {limit:g} s)",
                node=key,
                hint="shorten the introduction and the labels, or split the options over two menus",
            )

    @staticmethod
    def _words(ctx: Context, key: str, node: MenuNode, most: int) -> Iterator[Violation]:
        prompt = node.prompt.text if node.prompt is not None else None
        if prompt is None:
            return
        counts = {}
        for language, value in prompt.values:
            count = _word_count(value) if value else 0
            if count > most:
                counts[language] = count
        if not counts:
            return
        parts = ", ".join(f"{n} words in {lang}" for lang, n in counts.items())
        if len(prompt.values) == 1:
            parts = f"{next(iter(counts.values()))} words"
        yield Violation(
            prompt.span,
            f"the prompt of `{node.id}` has {parts} (over {most}): callers must keep it all in mind",
            node=key,
            hint="say only what the caller needs to choose: shorter goals, no welcome or advertising in the menu",
        )

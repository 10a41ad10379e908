"""WD008 `placeholder-text`: Placeholder text is left in a spoken prompt or a number to dial."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ._wording_common import PLACEHOLDER_WORDS, language_tag, quote, spoken_readings

__all__ = ["PlaceholderText"]


_SSML = r"</?(?:break|emphasis|prosody|say-as|phoneme|sub|speak|p|s|audio|mark|lang|voice|w)\b[^<>]*>"


_PLACEHOLDERS = (
    r"<[^<>\n]{1,80}>"  # <Your Company Name>
    r"|\[[^\[\]\n]{1,80}\]"  # [insert date], [NUMBER]
    r"|\{\{.*?\}\}|\$\{[^}]*\}|\{[^\W\d][\w.]*\}"  # {{ company }}, ${x}, {name}
    r"|\b(?:TODO|TBD|TBA|FIXME|TKTK|PLACEHOLDER)\b"
    r"|\b[Xx]{3,}\b"
    r"|\blorem ipsum\b"
)


# Every alternative starts with a character (class), so the search skips ahead to where one could start
# ("[Xx]{3}" written out: a repeat first would make it try every alternative at every position).
_PLACEHOLDER_HINT = re.compile(r"[<\[{]|TODO|TBD|TBA|FIXME|TKTK|PLACEHOLDER|[Xx][Xx][Xx]|[Ll]orem")


_UPPER_ONLY = r"(?:TODO|TBD|TBA|FIXME|TKTK|PLACEHOLDER)\Z"


def _may_hint(value: str, lower: str) -> bool:
    """Whether `_PLACEHOLDER_HINT` may find something in `value` (`lower`: its lower case), by plain substring
    tests: true wherever it finds something (each of its pieces, lower-cased, is in `lower`). The search itself
    is slow on ordinary words: it tries its words at every x, l, T, F and P."""
    return (
        "<" in value
        or "[" in value
        or "{" in value
        or "xxx" in lower
        or "lorem" in lower
        or "todo" in lower
        or "tbd" in lower
        or "tba" in lower
        or "fixme" in lower
        or "tktk" in lower
        or "placeholder" in lower
    )


@cache
def _placeholder_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(SSML tag, placeholder, capitals-only marker): compiled when a text first holds a hint (most lints never
    see one); cached, which is safe from the TUI's lint and goals workers at once."""
    return re.compile(_SSML, re.IGNORECASE), re.compile(_PLACEHOLDERS, re.IGNORECASE), re.compile(_UPPER_ONLY)


_MARKERS = {w.lower() for w in PLACEHOLDER_WORDS}


def placeholders(value: str) -> list[str]:
    """The placeholder fragments in a spoken text (SSML tags are not placeholders).

    >>> placeholders("Call <Your Company Name> on [NUMBER]. TODO: {{ hours }}")
    ['<Your Company Name>', '[NUMBER]', 'TODO', '{{ hours }}']
    """
    if not _PLACEHOLDER_HINT.search(value):
        return []
    ssml, placeholder, upper_only = _placeholder_patterns()
    value = ssml.sub(lambda m: " " * len(m.group()), value)
    found = []
    for match in placeholder.finditer(value):
        text = match.group()
        if text.isalpha() and text.lower() in _MARKERS and not upper_only.match(text):
            continue  # "todo" is a word in other languages (Spanish); only capitals count
        found.append(text)
    return found


@register
class PlaceholderText(Rule):
    """
    ## What it does
    Finds template placeholders left in any spoken text (prompts, labels,
    option announcements, no-input and no-match messages, every language):
    `<Your Company Name>`, `[insert date]`, `{{ company }}`, `{name}`,
    `TODO`, `TBD`, `FIXME`, `XXX` and "lorem ipsum". SSML tags such as
    `<break time="500ms"/>` are not placeholders. It also reads the number
    each transfer dials: `<Your Call Number>` (Twilio's IVR template),
    `[NUMBER]` or `TODO` there is a placeholder too, while platform
    variables (`${EXTEN}`, `$${domain}`) and ivrkit's `{extension}` are not.

    ## Why is this bad?
    The text-to-speech engine reads a placeholder out loud, and a voice
    artist records it: callers hear "Thank you for calling less-than your
    company name greater-than". It makes the company look careless at the
    moment it asks for trust [ACX-begin], and it is easy to catch before a
    recording session or a go-live. A placeholder number cannot be dialled:
    the transfer fails, and Twilio's `<Dial>` then goes on to the next
    instruction or ends the call [TW-dial].

    ## Example
    ```yaml
    welcome:
      type: message
      say: Thank you for calling <Your Company Name>.
      next: main
    ```

    ## Use instead
    ```yaml
    welcome:
      type: message
      say: Thank you for calling Northwind Energy.
      next: main
    ```

    ## Options
    None.

    ## References
    - [ACX-begin] http://acixd.org/wiki/doku.php?id=what_not_to_include_at_the_beginning
    - [TW-dial] https://www.twilio.com/docs/voice/twiml/dial
    """

    code = "WD008"
    name = "placeholder-text"
    summary = "Placeholder text is left in a spoken prompt or a number to dial"
    level = Level.ERROR
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        hint = _PLACEHOLDER_HINT.search
        for key, text, language, value, lower, _ascii in spoken_readings(ctx):
            if not _may_hint(value, lower) or not hint(value):
                continue  # no placeholder (`placeholders`' first look)
            found = placeholders(value)
            if found:
                listed = ", ".join(quote(f) for f in dict.fromkeys(found))
                yield Violation(
                    text.span,
                    f"placeholder text left in a spoken text{language_tag(text, language)}: {listed}",
                    node=key,
                    hint="write the words callers should hear",
                )
        for key, node in ctx.nodes("transfer"):
            number = getattr(node, "number", None)
            found = [f for f in placeholders(number) if not f.startswith(("{", "$"))] if number else []
            if found:
                listed = ", ".join(quote(f) for f in dict.fromkeys(found))
                yield Violation(
                    node.span,
                    f"`{node.id}` dials a placeholder, not a number: {listed}",
                    node=key,
                    hint="write the number or address the call should go to",
                )

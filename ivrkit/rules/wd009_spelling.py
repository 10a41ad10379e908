"""WD009 `spelling`: A spoken text has a misspelt word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..language import words
from ..language.tokens import WORD_RE as _WORD
from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ._wording_common import is_placeholder_word, language_tag, languages_of, quote, spoken_texts

__all__ = ["Spelling"]


# Compiled when the rule first reads a capitalised word (the rule is off by default, and its module is imported by
# every lint all the same); cached, which is safe from several threads at once.
_sentence_start = compiled_on_first_need(r"(?:^|[.!?:;]\s+|[\"'“(]\s*)\Z")


_HAS_DIGIT = re.compile(r"\d")


@register
class Spelling(Rule):
    """
    ## What it does
    Checks the spelling of every spoken text in languages with a dictionary:
    English with pyspellchecker (British spellings are accepted) and Finnish
    with Voikko when it is installed. Numbers, words with digits, acronyms,
    the words of the menu files' own `name`, capitalised words inside a
    sentence (names of places and products), placeholders, the configured
    glossary and the `words` allowlist are skipped. For a language without
    a dictionary the rule says so once, as info, rather than passing its
    text as correct.

    The rule is off by default. Measured in December 2026: on the shipped
    examples it adds about 0.4 s and 37 MB to a lint run (loading the
    dictionaries; 1.4 s → 1.8 s for seven files) and found nothing, and on
    the third-party menus it was tried on, its only findings were wrong
    (Spanish prompts of an import that lost its language, checked as
    English). A misspelling is cheap to miss in a lint run and costly to
    record, so select it (`select: [WD009]`) in CI or before a recording
    session rather than on every run.

    ## Why is this bad?
    A text-to-speech engine reads a misspelt word as written, or spells it
    out, and a voice artist stumbles over it; callers hear a mistake they
    cannot see. Using terminology familiar to callers starts with words they
    recognise [ACX-lex], [NNG].

    ## Example
    ```yaml
    welcome:
      type: message
      say: Thank you for caling. Your call is importnat to us.
      next: main
    ```

    ## Use instead
    ```yaml
    welcome:
      type: message
      say: Thank you for calling.
      next: main
    ```

    ## Options
    - `words` (default `[]`): words to accept in every language (brand names,
      street names).
    - `proper_nouns` (default `true`): skip capitalised words inside a
      sentence, which are usually names.

    ## References
    - [ACX-lex] http://acixd.org/wiki/doku.php?id=lexical_considerations
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    - pyspellchecker https://pypi.org/project/pyspellchecker/ ; Voikko https://voikko.puimula.org/
    """

    code = "WD009"
    name = "spelling"
    summary = "A spoken text has a misspelt word"
    level = Level.WARNING
    uses_text = True
    default_enabled = False
    options = {
        "words": RuleOption(list, [], "words to accept in every language"),
        "proper_nouns": RuleOption(bool, True, "skip capitalised words inside a sentence"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        from ..language.spelling import dictionary

        accepted = {w.lower() for w in self.option("words")} | {w.lower() for w in ctx.config.glossary}
        for menu_file in ctx.menuset.files.values():
            accepted.update(words(menu_file.name))
        proper = self.option("proper_nouns")
        missing: set[str] = set()
        for key, text in spoken_texts(ctx):
            for language, value in languages_of(text):
                book = dictionary(language)
                if book is None:
                    if language not in missing:
                        missing.add(language)
                        yield Violation(
                            text.span,
                            f"no spelling dictionary for `{language}`: its texts are not spell-checked"
                            + (
                                " (install Voikko: pip install libvoikko; apt-get install libvoikko1 voikko-fi)"
                                if language.split("-")[0] == "fi"
                                else ""
                            ),
                            node=key,
                            level=Level.INFO,
                        )
                    continue
                wrong = [w for w in self._words(value, proper) if w.lower() not in accepted and not book.known(w)]
                if wrong:
                    listed = ", ".join(quote(w) for w in dict.fromkeys(wrong))
                    yield Violation(
                        text.span,
                        f"possible misspelling{language_tag(text, language)}: {listed}",
                        node=key,
                        hint="correct the word, or add it to the rule's `words` or the glossary",
                    )

    @staticmethod
    def _words(value: str, proper: bool) -> Iterator[str]:
        for match in _WORD.finditer(value):
            word = match.group().rstrip("-")
            if not word[:1].isupper():
                if not _HAS_DIGIT.search(word):
                    yield word
                continue
            if _HAS_DIGIT.search(word) or is_placeholder_word(word) or word.isupper() and len(word) > 1:
                continue
            if proper and not _sentence_start().search(value, 0, match.start()):
                continue
            yield word

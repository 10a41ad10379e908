"""SV005 `language-placement`: The language choice comes after the first prompt."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register

__all__ = ["LanguagePlacement"]


@register
class LanguagePlacement(Rule):
    """
    ## What it does
    Finds language choices (options with `language:`) that a caller can
    only reach after pressing a key: the language selection belongs in the
    first prompt (straight after the welcome, or inline in the main menu),
    before any menu in the wrong language.

    ## Why is this bad?
    A caller who does not understand the first menu cannot find a language
    option hidden behind it. Offer languages first, ideally inline ("Para
    español, oprima 9") so that majority-language callers need not choose
    [ACX-lang], [NNG], [AHL].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay your bill, goto: billing}
        "9": {label: other languages, goto: languages}
    languages:
      type: menu
      options:
        "1": {label: palvelu suomeksi, language: fi, goto: main}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay your bill, goto: billing}
        "9": {label: palvelu suomeksi, language: fi, goto: main}
    ```

    ## Options
    None.

    ## References
    - [ACX-lang] http://acixd.org/wiki/doku.php?id=language_selection
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    - [AHL] https://www.speechtechmag.com/Articles/ReadArticle.aspx?ArticleID=50359
    """

    code = "SV005"
    name = "language-placement"
    summary = "The language choice comes after the first prompt"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        depth = ctx.keypress_depth
        for key, node in ctx.menus():
            choice = next((o for o in node.options if o.language is not None), None)
            if choice is None or key not in depth or depth[key] == 0:
                continue
            presses = depth[key]
            yield Violation(
                choice.key_span,
                f"the language choice in `{node.id}` comes only after {presses} "
                f"key{'s' if presses != 1 else ''}: callers who need it cannot understand the menus before it",
                node=key,
                hint="offer the languages in the first prompt, right after the welcome",
            )

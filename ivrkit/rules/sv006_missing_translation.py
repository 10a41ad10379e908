"""SV006 `missing-translation`: A spoken text lacks one of the file's languages."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Handler, Interactive, MenuFile, MenuNode, Text

__all__ = ["MissingTranslation"]


def _texts(menu_file: MenuFile) -> Iterator[tuple[str | None, Text, str | None]]:
    """Every spoken text of a file: (node key or None, text, the one language it needs or None)."""
    for option in menu_file.global_options:
        for text in (option.label, option.say):
            if text is not None:
                yield None, text, option.language
    for node in menu_file.nodes.values():
        if node.prompt is not None and node.prompt.text is not None:
            yield node.key, node.prompt.text, None
        if isinstance(node, MenuNode):
            for option in node.options:
                for text in (option.label, option.say):
                    if text is not None:
                        yield node.key, text, option.language
        if isinstance(node, Interactive):
            handler: Handler
            for handler in node.no_input + node.no_match:
                if handler.prompt is not None and handler.prompt.text is not None:
                    yield node.key, handler.prompt.text, None


@register
class MissingTranslation(Rule):
    """
    ## What it does
    In files with several `languages`, finds spoken texts (`say`, option
    labels, handler messages) that lack one of them. The option of a
    language choice (with `language:`) only needs its own language, since
    it is always announced in it.

    ## Why is this bad?
    A caller who chose Finnish and suddenly hears English (ivrkit falls back
    to the file's `language`) is lost at exactly that step; the essays this
    project grew from list missing translations in multi-language menus
    among the trust problems, and language options should come first and be
    honoured throughout [ACX-lang], [NNG].

    ## Example
    ```yaml
    languages: [en, fi]
    nodes:
      main:
        type: menu
        say: How can we help?
    ```

    ## Use instead
    ```yaml
    languages: [en, fi]
    nodes:
      main:
        type: menu
        say: {en: How can we help?, fi: Miten voimme auttaa?}
    ```

    ## Options
    None.

    ## References
    - ivrkit issue "Clarity linter", Service: missing translations in multi-language menus
    - [ACX-lang] http://acixd.org/wiki/doku.php?id=language_selection
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "SV006"
    name = "missing-translation"
    summary = "A spoken text lacks one of the file's languages"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for menu_file in ctx.menuset.files.values():
            if len(menu_file.languages) < 2:
                continue
            for node_key, text, own in _texts(menu_file):
                needed = (own,) if own is not None else menu_file.languages
                missing = [lang for lang in needed if text.get(lang) is None]
                if missing:
                    yield Violation(
                        text.span,
                        f"this text has no {', '.join(missing)} version; those callers hear "
                        f"{menu_file.language if text.get(menu_file.language) else text.languages[0]} instead",
                        node=node_key,
                        hint=f"add the translation: {{{', '.join(f'{lang}: ...' for lang in menu_file.languages)}}}",
                    )

"""WD012 `foreign-organisation`: a greeting that names another organisation than the IVR's own.

The typical cause is a copied template: "Thank you for calling Acme" left in
the Northwind Energy line. The rule reads the name after a greeting ("thank
you for calling X", "welcome to X", "you have reached X", "kiitos kun soitit
X:lle", "tervetuloa X:n ...") and reports it only when it is clearly a
proper name (capitalised words) and shares no word with the file's `name`
or `description`; whenever it is unsure, it says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..language.normalise import normaliser
from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Interactive, MenuFile, Node, Text

__all__ = ["ForeignOrganisation"]


_GREETINGS = {
    "en": (
        r"\b(?:(?:thank you|thanks) for (?:calling|contacting|choosing|phoning|ringing)"
        r"|welcome to|you(?:'ve| have) (?:reached|called|dialled|dialed)) (?P<org>[^.,!?;:\n]+)"
    ),
    "fi": r"\b(?:kiitos,? (?:kun|että) (?:soitit|soitat|otit yhteyttä|otat yhteyttä)|tervetuloa) (?P<org>[^.,!?;\n]+)",
}


# Compiled per language when a lint first reads a text in it (the word pattern only once a greeting is
# found); cached, which is safe from the TUI's lint and goals workers at once.
@cache
def _greeting(base: str) -> re.Pattern[str] | None:
    pattern = _GREETINGS.get(base)
    return None if pattern is None else re.compile(pattern, re.IGNORECASE)


_word = compiled_on_first_need(r"[^\W\d_]+(?::[^\W\d_]+)?")


_LEADING = frozenset({"the", "a", "an", "our", "to"})


_JOINING = frozenset({"of", "and", "&", "for", "de", "ja"})


# Words that name a service, a department or a platform rather than an organisation.
_GENERIC = frozenset(
    """
    customer customers service services support billing sales team line helpline hotline menu ivr main
    department centre center information info contact automated system voice mail voicemail phone
    telephone call calling line lines desk office city group company inc ltd oy ab plc llc gmbh
    demo sample test template example default inbound outbound flow context module
    asterisk freeswitch freepbx twilio studio connect aws amazon voicexml vxml xml json sql conf
    asiakaspalvelu palvelu neuvonta vaihde valikko puhelinpalvelu your my our us name
    company organisation organization business
    """.split()
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def greeted_names(value: str, language: str) -> list[tuple[int, list[str]]]:
    """(offset, proper-name words) of each organisation a greeting names in `value`."""
    pattern = _greeting(language.split("-")[0].lower())
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(value):
        org = match.group("org")
        if re.search(r"[<\[{$%]", org):
            continue  # a placeholder ("<Your Company Name>", "{company}") is placeholder-text's (WD008)
        tokens = _word().findall(org)
        while tokens and tokens[0].lower() in _LEADING:
            tokens.pop(0)
        run: list[str] = []
        for token in tokens:
            if _capitalised(token):
                run.append(token)
            elif token.lower() in _JOINING and run:
                continue
            else:
                break
        names = [t.split(":")[0] for t in run if len(t) > 1 and t.split(":")[0].lower() not in _GENERIC]
        if names:
            found.append((match.start(), names))
    return found


def _same_word(a: str, b: str, lemma) -> bool:
    """Whether two words are the same name, allowing for Finnish inflection ("Pankki", "Pankin")."""
    a, b = a.lower(), b.lower()
    if a == b or lemma(a) == lemma(b):
        return True
    shorter = min(len(a), len(b))
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return shorter >= 4 and common >= max(4, shorter - 3)


def _own_words(menu_file: MenuFile) -> list[str]:
    text = " ".join(filter(None, (menu_file.name, menu_file.description)))
    return [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1]


def _prompts(node: Node) -> Iterator[Text]:
    if node.prompt is not None and node.prompt.text is not None:
        yield node.prompt.text
    if isinstance(node, Interactive):
        for handler in node.no_input + node.no_match:
            if handler.prompt is not None and handler.prompt.text is not None:
                yield handler.prompt.text


@register
class ForeignOrganisation(Rule):
    """
    ## What it does
    Reads greetings in prompts — "Thank you for calling X", "Welcome to
    X", "You have reached X" (English), "Kiitos kun soitit X:lle",
    "Tervetuloa X:n asiakaspalveluun" (Finnish) — and reports a greeting
    whose X is a proper name (capitalised words, not a department such as
    "Billing") sharing no word with the file's `name` or `description`
    (Finnish inflections such as "Pankin" for "Pankki" count as the same
    word). A file whose name has no distinctive word ("IVR", "Sample
    inbound flow") is not judged, and nor is a greeting in lower case.

    ## Why is this bad?
    A caller greeted with another company's name thinks they dialled the
    wrong number and hangs up, or distrusts everything that follows. The
    welcome is the one thing that belongs before the first option: it
    confirms the caller has reached the right organisation [ACX-begin],
    [NNG]. A wrong name is almost always a template or copied flow that
    was never finished.

    ## Example
    ```yaml
    name: Northwind Energy customer line
    nodes:
      main:
        type: menu
        say: Thank you for calling Acme.
    ```

    ## Use instead
    ```yaml
    name: Northwind Energy customer line
    nodes:
      main:
        type: menu
        say: Thank you for calling Northwind Energy.
    ```

    ## Options
    None.

    ## References
    - [ACX-begin] http://acixd.org/wiki/doku.php?id=what_not_to_include_at_the_beginning
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "WD012"
    name = "foreign-organisation"
    summary = "A greeting names another organisation than the IVR's own"
    level = Level.WARNING
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        for menu_file in ctx.menuset.files.values():
            own = _own_words(menu_file)
            if not any(word.lower() not in _GENERIC for word in own):
                continue  # the name says nothing distinctive: unsure
            for node in menu_file.nodes.values():
                if node.key not in ctx.reachable:
                    continue
                for text in _prompts(node):
                    yield from self._judge(menu_file, node, text, own)

    @staticmethod
    def _judge(menu_file: MenuFile, node: Node, text: Text, own: list[str]) -> Iterator[Violation]:
        for language, value in text.values:
            lemma = normaliser(language.split("-")[0].lower())
            for _, names in greeted_names(value, language):
                if any(_same_word(name, word, lemma) for name in names for word in own):
                    continue
                yield Violation(
                    text.span,
                    f'`{node.id}` greets callers with "{" ".join(names)}", but this IVR is "{menu_file.name}"',
                    node=node.key,
                    hint="name your own organisation in the greeting, or correct the file's `name`",
                )
                return  # one finding per text

"""WD011 `label-contradicts-destination`: an option label that promises something its route does not do.

Two promises are checked, each conservatively (a label it cannot read is
never reported):

- a person ("an adviser", "asiakaspalvelija") on an option that ends in a
  message and a hang-up, with no person reachable without another key;
- a department ("billing", "laskutus") on an option whose destination names
  only other known departments and shares no content word with the label.

The "repeat" / "go back" promise is WD013 (`ivrkit.rules.wd013_navigation_label_mismatch`),
which shares the readers of `_label_promises`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from ..language import stop_words
from ..language.normalise import cleared_with_backend, normaliser
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode, Option
from ._label_promises import (
    LabelPromises,
    OptionRoutes,
    label_words,
    language_base,
    text_in_language,
)

__all__ = ["LabelContradictsDestination"]


# Known departments: English words (compared by stem) and the beginnings of Finnish word forms,
# consonant gradation included (a compound starting with one counts: "laskutusasiat",
# "tukipalvelu"), read from the surface word so that Voikko is not needed.
_DEPARTMENTS = {
    "billing": ("bill billing bills invoice invoices payment payments pay", "lasku maksu"),
    "sales": ("sales buy purchase order orders ordering", "myyn osto tilau"),
    "support": (
        "support technical tech fault faults repair repairs",
        "tuki tuke tuen tekni vika vikoj vikai huolto huollo",
    ),
    "delivery": ("delivery deliveries shipping tracking parcel parcels", "toimitu pakett paketi"),
    "returns": ("refund refunds", "palautu palautus hyvity"),
    "claims": ("claim claims", "vahinko vahingo korvau"),
    "careers": ("career careers job jobs recruitment vacancies", "työpaik rekry"),
    "reception": ("reception switchboard", "vaihde vaihtee"),
}


_FINNISH_BEGINNINGS = tuple((name, tuple(spelled[1].split())) for name, spelled in _DEPARTMENTS.items())


@cleared_with_backend
@lru_cache(maxsize=8)
def _english_stems(base: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each department with the normal forms of its English words."""
    lemma = normaliser(base)
    return tuple((name, frozenset(lemma(w) for w in spelled[0].split())) for name, spelled in _DEPARTMENTS.items())


def _lemmas_of(forms: tuple[str, ...], language: str) -> frozenset[str]:
    """The normal forms of the content words among `forms` (longer than two letters, not stop words)."""
    lemma = normaliser(language_base(language))
    stops = stop_words(language)
    found = set()
    for word in forms:
        if len(word) > 2 and word.lower() not in stops:
            normal = lemma(word)
            if normal not in stops:
                found.add(normal)
    return frozenset(found)


def _departments_of(forms: tuple[str, ...], lemmas: Callable[[], frozenset[str]], language: str) -> frozenset[str]:
    """The known departments named by a text's words (`forms`; `lemmas()` gives their normal forms)."""
    base = language_base(language)
    if base == "fi":
        long_forms = [word for word in forms if len(word) > 2]
        return frozenset(
            name for name, beginnings in _FINNISH_BEGINNINGS if any(word.startswith(beginnings) for word in long_forms)
        )
    if base != "en":
        return frozenset()
    normal = lemmas()
    return frozenset(name for name, stems in _english_stems(base) if not normal.isdisjoint(stems))


_NONE: frozenset[str] = frozenset()


def departments(value: str, language: str) -> frozenset[str]:
    """The known departments a text names ("billing", "tekninen tuki")."""
    forms = label_words(value)
    return _departments_of(forms, lambda: _lemmas_of(forms, language), language)


class _WordReadings:
    """What each word of one language says, read once per run: the normal form of a content word
    (`_lemmas_of` of the word alone: empty or one form) and the departments the word names
    (`_departments_of` of the word alone). Both readings take each word of a text on its own, so a text's
    lemmas and departments are the union of its words', and a big file repeats a small vocabulary.

    Only the words that give something are kept by word (`lemma`, `naming`); `read` holds every word read,
    so a text whose words were all read before is answered with set operations, not a loop over its words."""

    def __init__(self, language: str):
        self.language = language
        self.read: set[str] = set()
        self.lemma: dict[str, str] = {}  # content word -> its normal form
        self.naming: dict[str, frozenset[str]] = {}  # a word naming departments -> those departments

    def read_words(self, forms: tuple[str, ...]) -> None:
        """Reads the words of `forms` not read before."""
        read, language = self.read, self.language
        for word in forms:
            if word in read:
                continue
            read.add(word)
            lemmas = _lemmas_of((word,), language)
            if lemmas:
                (self.lemma[word],) = lemmas
            named = _departments_of((word,), lambda found=lemmas: found, language)  # type: ignore[misc]
            if named:
                self.naming[word] = named

    def lemmas(self, forms: tuple[str, ...]) -> frozenset[str]:
        """The union of the words' normal forms."""
        if not self.read.issuperset(forms):
            self.read_words(forms)
        lemma = self.lemma
        return frozenset([lemma[word] for word in lemma.keys() & forms])

    def departments(self, forms: tuple[str, ...]) -> frozenset[str]:
        """The union of the departments the words name."""
        if not self.read.issuperset(forms):
            self.read_words(forms)
        naming = self.naming
        hits = naming.keys() & forms
        if not hits:
            return _NONE
        if len(hits) == 1:
            return naming[hits.pop()]
        return frozenset().union(*[naming[word] for word in hits])


class _Readings:
    """The departments and content words of texts and of the places options lead, each read once per run
    (`ctx.once(_Readings)`): many options share a label or a destination, and texts share their words."""

    def __init__(self, ctx: Context):
        self.routes = ctx.once(OptionRoutes)
        self.promises = ctx.once(LabelPromises)
        self._lemmas: dict[tuple[str, str], frozenset[str]] = {}
        self._departments: dict[tuple[str, str], frozenset[str]] = {}
        self._named: dict[str, frozenset[str]] = {}
        self._content: dict[str, frozenset[str]] = {}
        self._ends: dict[str, str | None] = {}
        self._words: dict[str, _WordReadings] = {}

    def _of_words(self, language: str) -> _WordReadings:
        found = self._words.get(language)
        if found is None:
            found = self._words[language] = _WordReadings(language)
        return found

    def lemmas(self, value: str, language: str) -> frozenset[str]:
        """The normal forms of the content words of `value`."""
        found = self._lemmas.get((value, language))
        if found is None:
            found = self._lemmas[value, language] = self._of_words(language).lemmas(label_words(value))
        return found

    def departments(self, value: str, language: str) -> frozenset[str]:
        """`departments(value, language)`."""
        found = self._departments.get((value, language))
        if found is None:
            found = self._departments[value, language] = self._of_words(language).departments(label_words(value))
        return found

    def ends_without_person(self, option: Option) -> str | None:
        """`OptionRoutes.ends_without_person`, read once per target node (what it reads depends on that only)."""
        target = option.goto
        key = target.node_key if target is not None else None
        if key is None:
            return self.routes.ends_without_person(option)
        try:
            return self._ends[key]
        except KeyError:
            found = self._ends[key] = self.routes.ends_without_person(option)
            return found

    def destination_departments(self, option: Option) -> frozenset[str]:
        """The departments named where `option` leads (node names, queues, prompts up to the next menu or
        destination)."""
        return self._destination(option, self._named, self.departments)

    def destination_content(self, option: Option) -> frozenset[str]:
        """The content words said where `option` leads (a Finnish text's are read only when asked)."""
        return self._destination(option, self._content, self.lemmas)

    def _destination(
        self,
        option: Option,
        cache: dict[str, frozenset[str]],
        read: Callable[[str, str], frozenset[str]],
    ) -> frozenset[str]:
        # what an option leads to depends on its target node only: read once per target
        target = option.goto
        key = target.node_key if target is not None else None
        found = cache.get(key) if key is not None else None
        if found is None:
            united: set[str] = set()
            for reached in self.routes.closure(option):
                for value, language in self.routes.node_texts(reached):
                    united |= read(value, language)
            found = frozenset(united)
            if key is not None:
                cache[key] = found
        return found


@register
class LabelContradictsDestination(Rule):
    """
    ## What it does
    Finds options whose label promises something the route does not do:
    - a label that promises a person ("speak to an adviser", "an agent",
      "asiakaspalvelija", "virkailija") on an option that ends in a message
      and a hang-up, with no person or other choice on the way;
    - a label that names a department ("billing", "technical support",
      "laskutus") on an option whose destination (node names, queue and
      prompts up to the next menu or destination) names only other known
      departments and shares no content word with the label.
    Labels in other languages, options with no label and navigation
    options (`action`, or a label offering to repeat or go back, which
    `navigation-label-mismatch` judges) are not judged.

    ## Why is this bad?
    Callers choose by the label; when the route does something else they
    are lost, and a promised person who turns out to be a recording is the
    complaint surveys hear most. Options must be clear and mutually
    exclusive, and mean what they say [ACX-phr]; a request for a person must
    be honoured [ACX-zero], [GH].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
        "0": {label: speak to an adviser, goto: website_message}
    website_message:
      type: hangup
      say: Please visit our website. Goodbye.
    ```

    ## Use instead
    ```yaml
        "0": {label: speak to an adviser, goto: agent}
    agent:
      type: transfer
      queue: general
    ```

    ## Options
    None.

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    - [ACX-zero] http://acixd.org/wiki/doku.php?id=zero-outs
    - [GH] GetHuman standard 1.0, http://gethuman.com/standard/v1.0.html
    """

    code = "WD011"
    name = "label-contradicts-destination"
    summary = "An option's label promises something its route does not do"
    level = Level.WARNING
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        readings = ctx.once(_Readings)
        ends_without_person, destination_departments = readings.ends_without_person, readings.destination_departments
        reachable = ctx.reachable
        options_of = ctx.heard.options
        file_of = ctx.menuset.file_of
        seen_globals: set = set()
        for key, menu in ctx.menus():
            if key not in reachable:
                continue
            assert isinstance(menu, MenuNode)
            file_language = file_of(menu).language
            for option in options_of(menu):
                if option.is_global:
                    if option.key_span in seen_globals:
                        continue
                    seen_globals.add(option.key_span)
                text = option.label or option.say
                if text is None or option.language is not None or option.action is not None:
                    continue
                end, named = ends_without_person(option), destination_departments(option)
                if end is None and not named:
                    continue  # (`_problem` finds nothing: the route names no department and ends with no hang-up)
                problem = self._problem(readings, menu, option, *text_in_language(text, file_language), end, named)
                if problem is None:
                    continue
                yield Violation(
                    text.span,
                    problem,
                    node=key,
                    hint="make the label say where the key leads, or route the key where the label promises",
                )

    @staticmethod
    def _problem(
        readings: _Readings,
        menu: MenuNode,
        option: Option,
        label: str,
        language: str,
        end: str | None,
        named: frozenset[str],
    ) -> str | None:
        """What the label of `option` promises that its route does not do, else None (`end`: the hang-up its
        route ends at without a person, `_Readings.ends_without_person`; `named`: the departments its route
        names, `_Readings.destination_departments`).

        Judged in this order: a label offering to repeat or go back, nothing; one promising a person, the
        hang-up its route ends at; else the departments it names. A promised person is only reported on a
        route ending in a hang-up, so on any other route the label's navigation and person promises matter
        only when its departments would be reported: they are read then, not for every label."""
        promises = readings.promises
        if end is not None:
            if promises.navigation(label, language) is not None:
                return None
            if promises.person(label, language):
                where = f"key {option.key} in `{menu.id}`"
                return f'{where} promises a person ("{label}") but ends in a message and the hang-up `{end}`'
            return _department_problem(readings, menu, option, label, language, named)
        problem = _department_problem(readings, menu, option, label, language, named)
        if problem is None or promises.navigation(label, language) is not None or promises.person(label, language):
            return None
        return problem


def _department_problem(
    readings: _Readings, menu: MenuNode, option: Option, label: str, language: str, named: frozenset[str]
) -> str | None:
    """The departments `label` names when the route of `option` names only other ones (`named`), else None.

    The destination's departments come first: they are read once per target node, and where the route names
    none (about half the options) the label's words are not read at all."""
    if not named:
        return None
    wanted = readings.departments(label, language)
    if not wanted or named & wanted or readings.lemmas(label, language) & readings.destination_content(option):
        return None
    where = f"key {option.key} in `{menu.id}`"
    return f'{where} says "{label}" ({", ".join(sorted(wanted))}) but leads to {", ".join(sorted(named))}'

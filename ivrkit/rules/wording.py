"""Wording rules (WD): labels and hand-written prompts a caller can understand on first hearing.

Every rule here reads text, so each sets `uses_text`: a prompt whose words
are unknown (a recording without a `say`) is skipped here and reported once
by the audio rules. Texts in several languages are checked language by
language, with that language's tools (`ivrkit.language`).
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from collections.abc import Iterator

from ..language import (
    announced_keys,
    candidate_pairs,
    compare,
    concepts,
    dictionary,
    labels_from_prompt,
    tokenize,
    words,
)
from ..language.normalise import normaliser
from ..language.tokens import WORD_RE as _WORD
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import Interactive, MenuFile, MenuNode, Option, Text
from ..prompts import spoken_key

_WORD_FINDALL = _WORD.findall

__all__ = [
    "OptionOverlap",
    "VagueLabel",
    "CompoundOption",
    "LongLabel",
    "Jargon",
    "GoalThenAction",
    "PromptKeyMismatch",
    "PlaceholderText",
    "Spelling",
    "VerbConsistency",
]


# -- what the rules read --------------------------------------------------------


def _languages(text: Text) -> Iterator[tuple[str, str]]:
    for language, value in text.values:
        if value and value.strip():
            yield language, value


def _tag(text: Text, language: str) -> str:
    """` (fi)` when a text has several languages, so a message says which one it is about."""
    return f" ({language})" if len(text.values) > 1 else ""


_SHARED: "weakref.WeakKeyDictionary[Context, dict[str, list]]" = weakref.WeakKeyDictionary()


def _shared(ctx: Context, name: str, build) -> list:
    """A list computed once per lint run and shared by the rules of this module."""
    per_run = _SHARED.setdefault(ctx, {})
    if name not in per_run:
        per_run[name] = list(build(ctx))
    return per_run[name]


def _spoken_texts(ctx: Context) -> list[tuple[str | None, Text]]:
    """Every known spoken text with the key of its node (None for a file's global options), in file order."""
    return _shared(ctx, "texts", _walk_texts)


def _labels(ctx: Context) -> list[tuple[str | None, Option, Text]]:
    """Every option label: each file's global options (once), and every menu's own options, in file order."""
    return _shared(ctx, "labels", _walk_labels)


def _heard_labels(ctx: Context) -> Iterator[tuple[str | None, Option, Text]]:
    """The labels callers hear: those of announced options."""
    return ((key, option, label) for key, option, label in _labels(ctx) if option.announce)


def _walk_texts(ctx: Context) -> Iterator[tuple[str | None, Text]]:
    seen_files: set[str] = set()
    for key, node in ctx.nodes():
        if node.file not in seen_files:
            seen_files.add(node.file)
            for option in ctx.menuset.files[node.file].global_options:
                for text in (option.label, option.say):
                    if text is not None:
                        yield None, text
        if node.prompt is not None and node.prompt.text is not None:
            yield key, node.prompt.text
        if isinstance(node, MenuNode):
            for option in node.options:
                for text in (option.label, option.say):
                    if text is not None:
                        yield key, text
        if isinstance(node, Interactive):
            for handler in node.no_input + node.no_match:
                if handler.prompt is not None and handler.prompt.text is not None:
                    yield key, handler.prompt.text


def _walk_labels(ctx: Context) -> Iterator[tuple[str | None, Option, Text]]:
    seen_files: set[str] = set()
    for key, node in ctx.nodes():
        if node.file not in seen_files:
            seen_files.add(node.file)
            for option in ctx.menuset.files[node.file].global_options:
                if option.label is not None:
                    yield None, option, option.label
        if isinstance(node, MenuNode):
            for option in node.options:
                if option.label is not None:
                    yield key, option, option.label


def _quote(text: str) -> str:
    return f'"{text.strip()}"'


# -- WD001 -----------------------------------------------------------------------


@register
class OptionOverlap(Rule):
    """
    ## What it does
    Compares the labels of the options a caller hears in one menu (its own
    options and the global options it keeps) and reports a label that is too
    similar to an earlier one. Labels are compared per language: split into
    words, stop words removed, each word reduced to its lemma (Finnish, with
    Voikko) or stem (snowball), and synonyms merged into one concept with a
    small lexicon ("billing", "payments" and "pay" are all *bill*; "vika",
    "häiriö" and "sähkökatko" are all *outage*). Two labels overlap when

    - they share at least `threshold` of their concepts (Jaccard
      similarity) and what they share matters: a lexicon concept, or their
      head (the last content word: "technical support" and "support"); or
    - their heads are the same lexicon concept and one label adds nothing
      to the other ("laskut" and "perintään siirtynyt lasku"; `same_head`).

    Labels that share words but differ in their head ("the light is red",
    "the light is off") or in their task ("place an order", "hear about your
    order") are not reported; nor are two labels that start with different
    task verbs and share no lexicon concept ("record a message", "play back
    recorded message"; "nauhoita viesti", "kuuntele nauhoitettu viesti"):
    they are two things to do with one object, which callers tell apart. The finding is on the later label (on the
    menu's own option when the other is a global option) and names both
    labels and what they share.

    A Finnish compound is compared as a whole: "maksuajan pidennys" (a due
    date extension) and "maksusuunnitelma" (a payment plan) share only the
    modifier *maksu-*, their heads differ, and they are not reported.

    ## Why is this bad?
    Options must be "clear and distinct… mutually exclusive" so a caller can
    pick one on first hearing; distinct labels matter more than how many
    there are [ACX-phr], [ACX-menu]. A caller who cannot tell "pay a bill"
    from "make a payment" guesses, and a wrong guess costs a transfer or a
    trip back. Dialogflow CX flags training phrases that are too similar for
    the same reason [DF-CX]. The 0.5 threshold is ivrkit's own heuristic,
    not taken from a published source, hence an option.

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: payments}
        "2": {label: make a payment, goto: payments}
        "3": {label: ask about billing, goto: billing}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay or ask about your bill, goto: billing_menu}
        "2": {label: report a leak, goto: leaks}
    ```

    ## Options
    - `threshold` (default `0.5`): the Jaccard similarity of two labels'
      concepts at or above which they are reported.
    - `same_head` (default `true`): also report labels whose last content
      word is the same lexicon concept when one adds nothing to the other,
      whatever their similarity.

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    - [ACX-menu] http://acixd.org/wiki/doku.php?id=menu_design
    - [DF-CX] https://docs.cloud.google.com/dialogflow/cx/docs/concept/validation
    """

    code = "WD001"
    name = "option-overlap"
    summary = "Two option labels in one menu are too similar to tell apart"
    level = Level.WARNING
    uses_text = True
    options = {
        "threshold": RuleOption(float, 0.5, "Jaccard similarity at or above which two labels overlap"),
        "same_head": RuleOption(bool, True, "also report labels with the same head concept"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        threshold = ctx.option("threshold")
        same_head = ctx.option("same_head")
        for key, menu in ctx.menus():
            menu_file = ctx.menuset.file_of(menu)
            heard = [o for o in menu_file.options_of(menu) if o.announce and o.label is not None]
            if len(heard) < 2:
                continue
            for language in menu_file.languages:
                yield from self._menu(key, heard, language, threshold, same_head)

    @staticmethod
    def _menu(key, heard, language, threshold, same_head) -> Iterator[Violation]:
        labelled = []
        for option in heard:
            value = option.label.get(language)
            if value and value.strip():
                labelled.append((option, value, concepts(value, language)))
        # Labels with the same concepts (the same words, or synonyms in the same order) compare alike with
        # every label, so each group is compared once; the pairs are looked up, not tried one by one.
        group_of: dict = {}
        members: list[list[int]] = []
        for index, (_, _, found) in enumerate(labelled):
            group = group_of.setdefault(found, len(members))
            if group == len(members):
                members.append([])
            members[group].append(index)
        reps = [labelled[group[0]][2] for group in members]

        def alike(first, second):
            result = compare(first, second, threshold)
            if result is None or (result.same_head and not same_head and result.score < threshold):
                return None
            return result

        # per group: {similar group: (what they share when its label comes first, ... when it comes second)}
        similar: list[dict[int, tuple[str, str]]] = [{} for _ in members]
        for group, rep in enumerate(reps):
            if len(members[group]) > 1 and (result := alike(rep, rep)) is not None:
                similar[group][group] = (result.describe(), result.describe())
        for g, h in sorted(candidate_pairs(reps, threshold)):
            forward = alike(reps[g], reps[h])
            if forward is not None:
                backward = compare(reps[h], reps[g], threshold)
                similar[g][h] = (backward.describe(), forward.describe())
                similar[h][g] = (forward.describe(), backward.describe())
        is_global = [option.is_global for option, _, _ in labelled]
        merged: dict[int, tuple[list[int], list[int]]] = {}  # group -> labels of its similar groups (all, global)
        for index, (option, value, found) in enumerate(labelled):
            group = group_of[found]
            if not similar[group]:
                continue
            if group not in merged:
                every = sorted(i for other in similar[group] for i in members[other])
                merged[group] = (every, [i for i in every if is_global[i]])
            every, global_ones = merged[group]
            # The finding is on the later label of a pair, unless that one is a global option and the
            # earlier one the menu's own: then it is on the menu's own option.
            if is_global[index]:
                count = bisect_left(global_ones, index)
                shown, after = global_ones[: min(count, _NAMED)], []
            else:
                count = bisect_left(every, index)
                shown = every[: min(count, _NAMED)]
                after = global_ones[bisect_left(global_ones, index + 1):]
                count += len(after)
            if not count:
                continue
            others = (shown + after)[: _NAMED if count <= _NAMED else _NAMED - 1]
            shares = []
            for other in others:
                first, second = similar[group][group_of[labelled[other][2]]]
                shares.append(first if other < index else second)
            names = " and ".join(_quote(labelled[i][1]) for i in others)
            if len(others) < count:
                names += f" and {count - len(others)} more labels"
            shared = ", ".join(dict.fromkeys(s for s in shares if s))
            about = f" ({'both' if count == 1 else 'all'} about: {shared})" if shared else ""
            yield Violation(
                option.label.span,
                f"{_quote(value)}{_tag(option.label, language)} is too similar to {names}{about}",
                node=key,
                hint="merge the options, or reword them so each names a different goal",
            )


_NAMED = 5
"""WD001 names at most this many similar labels in one finding, then says how many more there are."""


# -- WD002 -----------------------------------------------------------------------

_CATCH_ALL = {
    "en": frozenset("other others else general miscellaneous misc more everything anything something".split()),
    "fi": frozenset(
        "muu muut muuta muita muun muihin muista muissa muusta muulla muilla yleinen yleiset yleistä yleisiä "
        "yleisissä lisää lisä".split()
    ),
}
_VAGUE = {
    "en": frozenset(
        """enquiry enquiries inquiry inquiries question questions query queries option options choice choices
        matter matters issue issues thing things service services request requests topic topics reason reasons
        help information info all any the a an for about ask hear with your our of to and or my"""
        .split()
    ),
    "fi": frozenset(
        """asia asiat asiaa asioita asioissa asiassa kysymys kysymykset kysymyksiä vaihtoehto vaihtoehdot
        vaihtoehtoja palvelu palvelut palveluja tiedustelu tiedustelut tieto tiedot kaikki ja tai sekä"""
        .split()
    ),
}


_CATCH_ALL_HINT = {
    "en": re.compile(r"other|else|general|misc|more|thing", re.IGNORECASE),
    "fi": re.compile(r"muu|mui|yleis|lisä", re.IGNORECASE),
}


def _catch_all(value: str, language: str) -> tuple[bool, bool]:
    """(whether the label has a catch-all word, whether everything else in it is vague too)."""
    base = language.split("-")[0].lower()
    if base not in _CATCH_ALL or not _CATCH_ALL_HINT[base].search(value):
        return False, False
    norm = normaliser(language) if base == "fi" else (lambda w: w)
    marker = scoped = False
    for word in words(value):
        lemma = norm(word)
        if word in _CATCH_ALL[base] or lemma in _CATCH_ALL[base]:
            marker = True
        elif word not in _VAGUE[base] and lemma not in _VAGUE[base]:
            scoped = True
    return marker, marker and not scoped


@register
class VagueLabel(Rule):
    """
    ## What it does
    Finds catch-all labels that name no goal: "other", "general enquiries",
    "all other questions", "more options", "muut asiat", "muu asia",
    "yleiset kysymykset". A label counts as a catch-all when it has a
    catch-all word (other, else, general, more; muu, yleinen, lisää) and
    every other word is just as empty (questions, enquiries, matters,
    options; asia, kysymys, vaihtoehto). Besides option labels it reads the
    goals a hand-written prompt gives its keys ("For all other enquiries,
    press 9", "Muissa asioissa paina 9") when the option itself has no
    label, as in menus imported from a platform that only has the prompt.

    A *scoped* catch-all, which names the area it covers ("muu
    maksuvaikeuksiin liittyvä asia", "other questions about your bill"), is
    accepted by default: in a menu about one subject it tells callers which
    calls belong there, and it is the usual way to send the rest of that
    subject to a person. Set `scoped` to report those too.

    ## Why is this bad?
    Options should be "clear and distinct… mutually exclusive" [ACX-phr]. A
    bare "other" overlaps every other option: a caller with a billing
    question cannot tell whether it is "billing" or "other", so they listen
    to the whole menu and then guess [ACX-menu]. Plain, specific wording is
    one of the basic phone-tree guidelines [NNG].

    ## Example
    ```yaml
    options:
      "1": {label: pay your bill, goto: billing}
      "2": {label: all other enquiries, goto: agent}
    ```

    ## Use instead
    ```yaml
    options:
      "1": {label: pay your bill, goto: billing}
      "2": {label: report a fault, goto: faults}
      "0": {label: speak to an adviser, goto: agent}
    ```

    ## Options
    - `scoped` (default `false`): also report catch-alls that name their
      subject ("muu maksuvaikeuksiin liittyvä asia", "other billing questions").

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    - [ACX-menu] http://acixd.org/wiki/doku.php?id=menu_design
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "WD002"
    name = "vague-label"
    summary = "An option label is a catch-all that names no goal"
    level = Level.WARNING
    uses_text = True
    options = {"scoped": RuleOption(bool, False, "also report catch-alls that name their subject")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        scoped = ctx.option("scoped")
        for key, option, label in _heard_labels(ctx):
            for language, value in _languages(label):
                yield from self._judge(key, value, language, label, _tag(label, language), scoped)
        for key, menu in ctx.menus():
            # unlabelled options announced only in a hand-written prompt: read their goals from it
            prompt = menu.prompt.text if menu.prompt is not None else None
            if menu.announce_options or prompt is None:
                continue
            unlabelled = {o.key for o in ctx.menuset.file_of(menu).options_of(menu) if o.label is None}
            for language, value in _languages(prompt):
                for pressed, goal in labels_from_prompt(value, language).items():
                    if goal is not None and pressed in unlabelled:
                        where = f" (the goal of key {pressed} in the prompt{_tag(prompt, language)})"
                        yield from self._judge(key, goal, language, prompt, where, scoped)

    @staticmethod
    def _judge(key, value: str, language: str, text: Text, where: str, scoped: bool) -> Iterator[Violation]:
        marker, bare = _catch_all(value, language)
        if bare or (scoped and marker):
            kind = "a catch-all" if bare else "a scoped catch-all"
            yield Violation(
                text.span,
                f"{_quote(value)}{where} is {kind}: it does not tell callers which calls it is for",
                node=key,
                hint="name the goals it covers, or let 0 (a person) take the calls that fit no option",
            )


# -- WD003 -----------------------------------------------------------------------

_SPLIT = {
    "en": re.compile(r"\s*(?:[,;/]|\band/or\b|\bor\b)\s*", re.IGNORECASE),
    "fi": re.compile(r"\s*(?:[,;/]|\btai\b|\bja\b|\bsekä\b)\s*", re.IGNORECASE),
    "sv": re.compile(r"\s*(?:[,;/]|\beller\b|\boch\b)\s*", re.IGNORECASE),
}
_SERIAL_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_SPLIT_ANY = re.compile(r"\s*[,;/]\s*")
_JOINERS = re.compile(r"[,;/]|\s(?:or|tai|ja|sekä|eller|och)\s", re.IGNORECASE)


def task_count(value: str, language: str) -> int:
    """How many tasks a label lists: parts joined by commas, "or" ("tai", "ja"); English "and" only in a
    serial list ("A, B and C")."""
    base = language.split("-")[0].lower()
    if not _JOINERS.search(value):
        return 1
    pattern = _SPLIT.get(base, _SPLIT_ANY)
    parts = [p for p in pattern.split(value) if re.search(r"[^\W\d_]", p)]
    if base == "en" and "," in value and not re.search(r"\bor\b", value, re.IGNORECASE) and parts:
        parts = parts[:-1] + [p for p in _SERIAL_AND.split(parts[-1]) if p.strip()]
    return len(parts)


@register
class CompoundOption(Rule):
    """
    ## What it does
    Finds option labels that bundle several tasks: `min_tasks` (3) or more
    parts joined by commas or "or" (Finnish "tai", "ja"), such as "find out
    about your bill, pay a balance, or change how you pay".

    ## Why is this bad?
    A caller matches their goal against each label; a label listing three
    tasks is three options in one, harder to hold in memory and to compare
    with the rest. Split the tasks into their own options, even if they go
    to the same place [ACX-phr].

    ## Example
    ```yaml
    options:
      "1": {label: "set up billing, ask about a bill, or pay", goto: billing}
    ```

    ## Use instead
    ```yaml
    options:
      "1": {label: pay your bill, goto: billing}
      "2": {label: ask about your bill, goto: billing}
    ```

    ## Options
    - `min_tasks` (default `3`): the number of joined parts from which a
      label is reported.

    ## References
    - [ACX-phr] http://acixd.org/wiki/doku.php?id=phrasing_menu_options
    """

    code = "WD003"
    name = "compound-option"
    summary = "An option label bundles several tasks"
    level = Level.INFO
    uses_text = True
    options = {"min_tasks": RuleOption(int, 3, "joined parts from which a label is reported")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        least = ctx.option("min_tasks")
        for key, option, label in _heard_labels(ctx):
            for language, value in _languages(label):
                count = task_count(value, language)
                if count >= least:
                    yield Violation(
                        label.span,
                        f"{_quote(value)}{_tag(label, language)} bundles {count} tasks in one option",
                        node=key,
                        hint="give each task its own option (they may lead to the same place)",
                    )


# -- WD004 -----------------------------------------------------------------------

_OTHER_SEPARATOR = re.compile(r"[^\w\s'’-]")


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
        most = ctx.option("max_words")
        for key, option, label in _heard_labels(ctx):
            for language, value in _languages(label):
                if value.count(" ") < most and not _OTHER_SEPARATOR.search(value):
                    continue  # at most `most` words
                count = len(_WORD_FINDALL(value))
                if count > most:
                    yield Violation(
                        label.span,
                        f"{_quote(value)}{_tag(label, language)} has {count} words (more than {most})",
                        node=key,
                        hint="name the goal in a few words",
                    )


# -- WD005 -----------------------------------------------------------------------

_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|h|am|pm|s|min)\Z", re.IGNORECASE)
_CODE_LIKE = re.compile(r"(?=.*\d)(?=.*[^\W\d_])[\w-]+\Z")
_SUSPECT = re.compile(r"[^\W\d_a-zäöå]{2}|\d")  # two capitals in a row, or a digit
PLACEHOLDER_WORDS = frozenset({"TODO", "TBD", "TBA", "FIXME", "TKTK", "PLACEHOLDER"})


def _is_placeholder_word(word: str) -> bool:
    return word in PLACEHOLDER_WORDS or re.fullmatch(r"[Xx]{3,}", word) is not None


@register
class Jargon(Rule):
    """
    ## What it does
    Finds internal words in option labels and hand-written option
    announcements: acronyms not on the `acronyms` allowlist (any word of two
    or more capitals, such as "CSR" or "IBAN"), terms from the `terms`
    blocklist ("tier 2", "back office", "provisioning"), and product or
    department codes that mix letters and digits ("BX-200"). Words in the
    configured glossary (`glossary` in the linter configuration) are
    accepted.

    ## Why is this bad?
    "Avoid industry-specific jargon, use terminology familiar to users"
    [ACX-lex]; callers know their goal, not the company's org chart or
    product codes [NNG].

    ## Example
    ```yaml
    options:
      "1": {label: reach a tier 2 CSR, goto: support}
    ```

    ## Use instead
    ```yaml
    options:
      "1": {label: get help with a technical problem, goto: support}
    ```

    ## Options
    - `acronyms` (default `[PIN, ID, SMS, OK, TV, PC, ATM, VAT, ALV, EU, UK, US,
      USA, SIM, USB, PDF, GP, NHS, 3G, 4G, 5G]`): acronyms callers know.
    - `terms` (default: a short list of contact-centre jargon such as "tier 1",
      "back office", "escalation", "provisioning", "CSR", "IVR", "DTMF",
      "screen pop", "data dip", "tiketti", "eskalointi"): words and phrases
      to report.

    ## References
    - [ACX-lex] http://acixd.org/wiki/doku.php?id=lexical_considerations
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "WD005"
    name = "jargon"
    summary = "An option label uses jargon, an unknown acronym or a code"
    level = Level.WARNING
    uses_text = True
    options = {
        "acronyms": RuleOption(
            list,
            ["PIN", "ID", "SMS", "OK", "TV", "PC", "ATM", "VAT", "ALV", "EU", "UK", "US", "USA", "SIM", "USB", "PDF",
             "GP", "NHS", "3G", "4G", "5G"],
            "acronyms callers know",
        ),
        "terms": RuleOption(
            list,
            ["tier 1", "tier 2", "tier 3", "first line", "second line", "back office", "back-office", "escalation",
             "provisioning", "disposition", "CSR", "ACD", "CRM", "IVR", "DTMF", "SLA", "tiketti", "eskalointi",
             "backoffice", "provisiointi", "screen pop", "data dip", "CTI", "wrap-up", "näyttöponnahdus"],
            "words and phrases to report",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        glossary = {w.lower() for w in ctx.config.glossary}
        allowed = {w.lower() for w in ctx.option("acronyms")} | glossary
        terms = [t for t in ctx.option("terms") if t.lower() not in glossary]
        term_pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)",
                       re.IGNORECASE)
            if terms else None
        )
        for key, option, text in self._texts(ctx):
            for language, value in _languages(text):
                found: list[str] = []
                if not _SUSPECT.search(value) and (term_pattern is None or not term_pattern.search(value)):
                    continue
                if term_pattern is not None:
                    found += [m.group() for m in term_pattern.finditer(value)]
                for token in tokenize(value):
                    word = token.text.rstrip("-")
                    if word.lower() in allowed or _is_placeholder_word(word) or any(word.lower() == f.lower() for f in found):
                        continue
                    if token.is_upper or (_CODE_LIKE.match(word) and not _ORDINAL.match(word) and not word.isdigit()):
                        found.append(word)
                if found:
                    listed = ", ".join(_quote(f) for f in dict.fromkeys(found))
                    yield Violation(
                        text.span,
                        f"{_quote(value)}{_tag(text, language)} uses words callers may not know: {listed}",
                        node=key,
                        hint="use the caller's words for the goal, or add the word to the glossary",
                    )

    @staticmethod
    def _texts(ctx: Context):
        yield from _heard_labels(ctx)
        seen: set[str] = set()
        for key, node in ctx.nodes():
            if node.file not in seen:
                seen.add(node.file)
                for option in ctx.menuset.files[node.file].global_options:
                    if option.say is not None and option.announce:
                        yield None, option, option.say
            if isinstance(node, MenuNode):
                for option in node.options:
                    if option.say is not None and option.announce:
                        yield key, option, option.say


# -- WD006 / WD007: hand-written key announcements ----------------------------------


def _hand_written(ctx: Context) -> Iterator[tuple[str, MenuNode, MenuFile, Option | None, Text]]:
    """Hand-written prompts that announce keys: a menu's `say` with `announce_options: false`, and
    every announced option's own `say` (in menus that announce their options)."""
    for key, menu in ctx.menus():
        menu_file = ctx.menuset.file_of(menu)
        if not menu.announce_options:
            if menu.prompt is not None and menu.prompt.text is not None:
                yield key, menu, menu_file, None, menu.prompt.text
            continue
        for option in menu_file.options_of(menu):
            if option.say is not None and option.announce:
                yield key, menu, menu_file, option, option.say


def _parsable(language: str) -> bool:
    """Whether key announcements can be read in `language` (English and Finnish)."""
    return language.split("-")[0].lower() in ("en", "fi")


def _option_language(option: Option | None, language: str) -> str:
    return option.language if option is not None and option.language else language


@register
class GoalThenAction(Rule):
    """
    ## What it does
    Checks the word order of hand-written key announcements (a menu's `say`
    with `announce_options: false`, and options' own `say`): the goal must
    come before the key, "For billing, press 1" or "Laskutusasiat: paina 1",
    not "Press 1 for billing" or "Paina 1, jos haluat maksaa laskun".
    Menus with fewer than `min_options` (3) options of their own, such as a
    yes/no confirmation, are exempt. Composed announcements follow the
    option template and are not checked.

    ## Why is this bad?
    A caller who hears the key first has to hold "1" in mind until they
    learn whether the goal is theirs; with the goal first they listen for
    their goal and then only need the key that follows it. Front-loading the
    goal with the number at the end is the advice of [ISO] (as summarised),
    [NNG], [ALP] and [WB]; action-first is fine for a two-option yes/no
    question [WB].

    ## Example
    ```yaml
    main:
      type: menu
      announce_options: false
      say: Press 1 for billing. Press 2 to report a fault. Press 3 to move home.
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      announce_options: false
      say: For billing, press 1. To report a fault, press 2. To move home, press 3.
    ```

    ## Options
    - `min_options` (default `3`): menus with fewer options of their own are
      exempt.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    - [ALP] http://www.alpines.com/VrMistakes.htm
    - [WB] Weinschenk & Barker 2000, *Designing Effective Speech Interfaces*, ch. 10, https://www.oreilly.com/library/view/designing-effective-speech/9780471375456/chap10-sec010.html
    """

    code = "WD006"
    name = "goal-then-action"
    summary = "A hand-written prompt names the key before the goal"
    level = Level.WARNING
    uses_text = True
    options = {"min_options": RuleOption(int, 3, "menus with fewer options of their own are exempt")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        least = ctx.option("min_options")
        for key, menu, _file, option, text in _hand_written(ctx):
            if len(menu.options) < least:
                continue
            for language, value in _languages(text):
                first = next(
                    (m for m in announced_keys(value, _option_language(option, language)) if m.action_first), None
                )
                if first is not None:
                    yield Violation(
                        text.span,
                        f"the prompt{_tag(text, language)} names key {first.key} before the goal "
                        f"({_quote(value[max(0, first.start - 12) : first.end + 24].strip())}…)",
                        node=key,
                        hint='say the goal first: "For billing, press 1." / "Laskutusasiat: paina 1."',
                    )


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
                texts = list(_languages(prompt.text)) if prompt is not None else []
                yield from self._unhandled(key, menu, handled, prompt.text if prompt else None, texts, None)
                for language in menu_file.languages if texts else ():
                    value = prompt.text.get(language)
                    if not value or not _parsable(language):
                        continue
                    said = {m.key for m in announced_keys(value, language)}
                    for option in menu.options:
                        if option.announce and option.key not in said and not _named_unread(option.key, value):
                            yield self._silent(key, option, prompt.text, language)
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
                texts = list(_languages(option.say))
                for language, value in texts:
                    wrong = dict.fromkeys(
                        m.key for m in announced_keys(value, _option_language(option, language)) if m.key != option.key
                    )
                    for pressed in wrong:
                        whose = "no option handles it" if not self._handles(menu, handled, pressed) else (
                            f"{pressed} is another option"
                        )
                        yield Violation(
                            option.say.span,
                            f"the announcement of key {option.key}{_tag(option.say, language)} says to press "
                            f"{pressed}, but {whose}",
                            node=key,
                            hint=f"announce this option's own key, {option.key}",
                        )
                for language, value in texts:
                    said = {m.key for m in announced_keys(value, _option_language(option, language))}
                    if option.key not in said and _parsable(_option_language(option, language)):
                        yield Violation(
                            option.say.span,
                            f"the announcement of key {option.key}{_tag(option.say, language)} never says "
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
            for mention in announced_keys(value, _option_language(option, language)):
                if mention.key in reported or self._handles(menu, handled, mention.key):
                    continue
                reported.add(mention.key)
                yield Violation(
                    text.span,
                    f"the prompt{_tag(text, language)} says to press {mention.key}, but no option of "
                    f"`{menu.id}` handles {mention.key}",
                    node=key,
                    hint=f"add an option for {mention.key}, or take it out of the prompt",
                )

    @staticmethod
    def _silent(key, option, text, language) -> Violation:
        return Violation(
            option.key_span,
            f"key {option.key} ({_quote(option.label.get(language) or option.label.values[0][1]) if option.label else 'no label'})"
            f" is handled but the prompt{_tag(text, language)} never announces it",
            node=key,
            level=Level.WARNING,
            hint="announce it in the prompt, or set `announce: false` if it is a deliberate shortcut",
        )


# -- WD008 -----------------------------------------------------------------------

_SSML = re.compile(
    r"</?(?:break|emphasis|prosody|say-as|phoneme|sub|speak|p|s|audio|mark|lang|voice|w)\b[^<>]*>", re.IGNORECASE
)
_PLACEHOLDERS = re.compile(
    r"<[^<>\n]{1,80}>"  # <Your Company Name>
    r"|\[[^\[\]\n]{1,80}\]"  # [insert date], [NUMBER]
    r"|\{\{.*?\}\}|\$\{[^}]*\}|\{[^\W\d][\w.]*\}"  # {{ company }}, ${x}, {name}
    r"|\b(?:TODO|TBD|TBA|FIXME|TKTK|PLACEHOLDER)\b"
    r"|\b[Xx]{3,}\b"
    r"|\blorem ipsum\b",
    re.IGNORECASE,
)
_PLACEHOLDER_HINT = re.compile(r"[<\[{]|TODO|TBD|TBA|FIXME|TKTK|PLACEHOLDER|[Xx]{3}|[Ll]orem")
_UPPER_ONLY = re.compile(r"(?:TODO|TBD|TBA|FIXME|TKTK|PLACEHOLDER)\Z")
_MARKERS = {w.lower() for w in PLACEHOLDER_WORDS}


def placeholders(value: str) -> list[str]:
    """The placeholder fragments in a spoken text (SSML tags are not placeholders).

    >>> placeholders("Call <Your Company Name> on [NUMBER]. TODO: {{ hours }}")
    ['<Your Company Name>', '[NUMBER]', 'TODO', '{{ hours }}']
    """
    if not _PLACEHOLDER_HINT.search(value):
        return []
    value = _SSML.sub(lambda m: " " * len(m.group()), value)
    found = []
    for match in _PLACEHOLDERS.finditer(value):
        text = match.group()
        if text.isalpha() and text.lower() in _MARKERS and not _UPPER_ONLY.match(text):
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
        for key, text in _spoken_texts(ctx):
            for language, value in _languages(text):
                found = placeholders(value)
                if found:
                    listed = ", ".join(_quote(f) for f in dict.fromkeys(found))
                    yield Violation(
                        text.span,
                        f"placeholder text left in a spoken text{_tag(text, language)}: {listed}",
                        node=key,
                        hint="write the words callers should hear",
                    )
        for key, node in ctx.nodes("transfer"):
            number = getattr(node, "number", None)
            found = [f for f in placeholders(number) if not f.startswith(("{", "$"))] if number else []
            if found:
                listed = ", ".join(_quote(f) for f in dict.fromkeys(found))
                yield Violation(
                    node.span,
                    f"`{node.id}` dials a placeholder, not a number: {listed}",
                    node=key,
                    hint="write the number or address the call should go to",
                )


# -- WD009 -----------------------------------------------------------------------

_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"'“(]\s*)\Z")
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
        accepted = {w.lower() for w in ctx.option("words")} | {w.lower() for w in ctx.config.glossary}
        for menu_file in ctx.menuset.files.values():
            accepted.update(words(menu_file.name))
        proper = ctx.option("proper_nouns")
        missing: set[str] = set()
        for key, text in _spoken_texts(ctx):
            for language, value in _languages(text):
                book = dictionary(language)
                if book is None:
                    if language not in missing:
                        missing.add(language)
                        yield Violation(
                            text.span,
                            f"no spelling dictionary for `{language}`: its texts are not spell-checked"
                            + (" (install Voikko: pip install libvoikko; apt-get install libvoikko1 voikko-fi)"
                               if language.split("-")[0] == "fi" else ""),
                            node=key,
                            level=Level.INFO,
                        )
                    continue
                wrong = [w for w in self._words(value, proper) if w.lower() not in accepted and not book.known(w)]
                if wrong:
                    listed = ", ".join(_quote(w) for w in dict.fromkeys(wrong))
                    yield Violation(
                        text.span,
                        f"possible misspelling{_tag(text, language)}: {listed}",
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
            if _HAS_DIGIT.search(word) or _is_placeholder_word(word) or word.isupper() and len(word) > 1:
                continue
            if proper and not _SENTENCE_START.search(value, 0, match.start()):
                continue
            yield word


# -- WD010 -----------------------------------------------------------------------

# Spoken names of the * and # keys, by language: word form -> (key, name).
_KEY_NAMES = {
    "en": {"hash": ("#", "hash"), "pound": ("#", "pound"), "square": ("#", "square"),
           "star": ("*", "star"), "asterisk": ("*", "asterisk")},
    "fi": {"risuaita": ("#", "risuaita"), "risuaitaa": ("#", "risuaita"), "risuaitamerkki": ("#", "risuaita"),
           "risuaitamerkkiä": ("#", "risuaita"), "risuaitanäppäintä": ("#", "risuaita"),
           "ruutu": ("#", "ruutu"), "ruutua": ("#", "ruutu"), "ristikko": ("#", "ristikko"),
           "ristikkoa": ("#", "ristikko"), "tähti": ("*", "tähti"), "tähteä": ("*", "tähti"),
           "tähtimerkki": ("*", "tähti"), "tähtimerkkiä": ("*", "tähti"), "tähtinäppäintä": ("*", "tähti"),
           "asteriski": ("*", "asteriski"), "asteriskia": ("*", "asteriski")},
}
_OTHER_VERBS = {
    "en": re.compile(
        r"\b(push|hit|select|choose|dial)\s+(?:the\s+)?(\d|star|hash|pound"
        r"|(?:one|two|three|four|five|six|seven|eight|nine|zero)(?=\s+(?:for|to|if)\b))\b(?!\d)",
        re.IGNORECASE,
    ),
    "fi": re.compile(r"\b(valitse|näppäile)\s+(\d|nolla|ykkönen|kakkonen|tähti|risuaita)\b(?!\d)", re.IGNORECASE),
}
_HINTS = {
    "en": ("hash", "pound", "square", "star", "asterisk", "push", "hit", "select", "choose", "dial", "disconnect"),
    "fi": ("risuaita", "ruutu", "ruutua", "ristikko", "tähti", "tähte", "asterisk", "valitse", "näppäile"),
}
_DISCONNECT = re.compile(r"\bdisconnect(?:ed|ing|s)?\b", re.IGNORECASE)


@register
class VerbConsistency(Rule):
    """
    ## What it does
    Checks that the IVR uses one set of words for its controls, language by
    language:

    - the `#` and `*` keys have one name each across every prompt, composed
      or hand-written ("hash" or "pound", not both; "star", not also
      "asterisk"; Finnish "risuaita", not also "ruutu");
    - a single-key menu choice is "press" ("paina"), not "push", "hit",
      "select", "choose" or "dial 1" ("valitse 1", "näppäile 1"), which are
      kept for entering data;
    - the end of a call is "end the call" or "hang up", not "disconnect".

    Each mixed name is reported once, at the first hand-written text that
    departs from the name used before (composed announcements count first).

    ## Why is this bad?
    Callers learn the words of an IVR as they go; a second name for the same
    key or action makes them wonder whether it is a different one. The
    iTAMS summary of the standard asks for consistent "words and
    expressions" [ISO].

    ## Example
    ```yaml
    account:
      type: input
      say: Enter your account number, then press the pound key.
    pin:
      type: input
      say: Enter your PIN, then press hash.
    ```

    ## Use instead
    ```yaml
    account:
      type: input
      say: Enter your account number, then press hash.
    pin:
      type: input
      say: Enter your PIN, then press hash.
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at http://www.itams.co.uk/ivr-standards.htm
    """

    code = "WD010"
    name = "verb-consistency"
    summary = "The IVR uses different words for the same key or action"
    level = Level.INFO
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        first_name: dict[tuple[str, str], str] = {}  # (language, key) -> the name used first
        reported: set[tuple[str, str, str]] = set()
        for key, text, language, value in self._texts(ctx):
            base = language.split("-")[0].lower()
            names = _KEY_NAMES.get(base)
            if names is None:
                continue
            lowered = value.lower()
            if not any(hint in lowered for hint in _HINTS[base]):
                continue  # no key name, verb or "disconnect" in this text
            for word in words(value):
                if word not in names:
                    continue
                pressed, name = names[word]
                used = first_name.setdefault((base, pressed), name)
                if used != name and (base, pressed, name) not in reported:
                    reported.add((base, pressed, name))
                    yield Violation(
                        text.span,
                        f'the {pressed} key is called "{name}" here{_tag(text, language)} but "{used}" elsewhere',
                        node=key,
                        hint=f'call it "{used}" everywhere (or set `key_names` to the name you prefer)',
                    )
            match = _OTHER_VERBS[base].search(value)
            if match is not None:
                verb = "press" if base == "en" else "paina"
                yield Violation(
                    text.span,
                    f'"{match.group(0)}"{_tag(text, language)}: use "{verb}" for a menu choice',
                    node=key,
                    hint=f'"{verb} {match.group(2)}"',
                )
            if base == "en" and _DISCONNECT.search(value):
                yield Violation(
                    text.span,
                    f'"disconnect"{_tag(text, language)}: say "end the call" or "hang up"',
                    node=key,
                    hint='"If you are in danger, hang up and call 112."',
                )

    @staticmethod
    def _texts(ctx: Context) -> Iterator[tuple[str | None, Text, str, str]]:
        """The key names of each file's composed announcements of * and #, then the hand-written texts
        (so a hand-written name that differs from the composed one is the one reported)."""
        for menu_file in ctx.menuset.files.values():
            span = menu_file.settings.span or menu_file.span
            if span is None:
                continue
            keys_heard = {o.key for o in menu_file.global_options if o.announce and o.say is None}
            for node in menu_file.nodes.values():
                if isinstance(node, MenuNode) and node.announce_options:
                    keys_heard.update(o.key for o in node.options if o.announce and o.say is None)
            for language in menu_file.languages:
                for pressed in ("*", "#"):
                    if pressed in keys_heard:
                        name = spoken_key(pressed, language, menu_file.settings)
                        yield None, Text(((language, name),), span), language, name
        for key, text in _spoken_texts(ctx):
            for language, value in _languages(text):
                yield key, text, language, value

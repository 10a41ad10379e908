"""WD001 `option-overlap`: Two option labels in one menu are too similar to tell apart."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from ..language import (
    LabelConcepts,
    candidate_pairs,
    compare,
    concepts,
)
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ._wording_common import language_tag, quote

__all__ = ["OptionOverlap"]


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
        threshold = self.option("threshold")
        same_head = self.option("same_head")
        options_of = ctx.heard.options  # shared with the other rules that read a menu's options
        file_of = ctx.menuset.file_of
        for key, menu in ctx.menus():
            heard = [(o, o.label) for o in options_of(menu) if o.announce and o.label is not None]
            if len(heard) < 2:
                continue
            for language in file_of(menu).languages:
                labelled = []
                for option, label in heard:
                    value = label.get(language)
                    if value and value.strip():
                        labelled.append((option, value, concepts(value, language)))
                if len(labelled) < 2:
                    continue  # one label is like no other
                found = [label for _, _, label in labelled]
                if not _may_overlap(found):
                    continue
                yield from self._menu(key, labelled, found, language, threshold, same_head)

    @staticmethod
    def _menu(key, labelled, found, language, threshold, same_head) -> Iterator[Violation]:
        group_at, members = _groups(found)
        reps = [labelled[group[0]][2] for group in members]

        def alike(first, second):
            result = compare(first, second, threshold)
            if result is None or (result.same_head and not same_head and result.score < threshold):
                return None
            return result

        # per group with any: {similar group: (what they share when its label comes first, ... when second)}
        similar: dict[int, dict[int, tuple[str, str]]] = {}
        if len(members) < len(labelled):
            for group, rep in enumerate(reps):
                if len(members[group]) > 1 and (result := alike(rep, rep)) is not None:
                    similar[group] = {group: (result.describe(), result.describe())}
        for g, h in sorted(candidate_pairs(reps, threshold)):
            forward = alike(reps[g], reps[h])
            if forward is not None:
                backward = compare(reps[h], reps[g], threshold)
                assert backward is not None  # labels alike one way round are alike the other way round
                similar.setdefault(g, {})[h] = (backward.describe(), forward.describe())
                similar.setdefault(h, {})[g] = (forward.describe(), backward.describe())
        if not similar:
            return
        is_global = [option.is_global for option, _, _ in labelled]
        merged: dict[int, tuple[list[int], list[int]]] = {}  # group -> labels of its similar groups (all, global)
        for index, (option, value, _) in enumerate(labelled):
            group = group_at[index]
            if group not in similar:
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
                after = global_ones[bisect_left(global_ones, index + 1) :]
                count += len(after)
            if not count:
                continue
            others = (shown + after)[: _NAMED if count <= _NAMED else _NAMED - 1]
            shares = []
            for other in others:
                first, second = similar[group][group_at[other]]
                shares.append(first if other < index else second)
            names = " and ".join(quote(labelled[i][1]) for i in others)
            if len(others) < count:
                names += f" and {count - len(others)} more labels"
            shared = ", ".join(dict.fromkeys(s for s in shares if s))
            about = f" ({'both' if count == 1 else 'all'} about: {shared})" if shared else ""
            yield Violation(
                option.label.span,
                f"{quote(value)}{language_tag(option.label, language)} is too similar to {names}{about}",
                node=key,
                hint="merge the options, or reword them so each names a different goal",
            )


def _may_overlap(found: list[LabelConcepts]) -> bool:
    """Whether any two of a menu's labels share a concept: `compare` reports no pair that shares none, and
    labels with the same concepts share them unless they have none."""
    seen: set[str] = set()
    total = 0
    for label in found:
        seen |= label.concepts
        total += len(label.concepts)
    return len(seen) < total


def _groups(found: list[LabelConcepts]) -> tuple[list[int], list[list[int]]]:
    """Each label's group and each group's labels, in order of first appearance: labels with the same
    concepts (the same words, or synonyms in the same order) compare alike with every label, so WD001
    compares each group once."""
    if len({label.concepts for label in found}) == len(found):
        # no two labels with the same concept set (the common case): each label is a group of its own
        return list(range(len(found))), [[index] for index in range(len(found))]
    group_of: dict[LabelConcepts, int] = {}
    group_at: list[int] = []
    members: list[list[int]] = []
    for index, label in enumerate(found):
        group = group_of.setdefault(label, len(members))
        if group == len(members):
            members.append([])
        members[group].append(index)
        group_at.append(group)
    return group_at, members


_NAMED = 5
"""WD001 names at most this many similar labels in one finding, then says how many more there are."""

"""WD011 reads a label's navigation and person promises only when they can change what is reported (on a
route ending in a hang-up, or when its departments would be reported), the person check of a destination once
per target, and a text's lemmas and departments with set operations over its words. Held here to the rule
written plainly: every option's label read afresh through the plain readers (`promises_repeat`,
`promises_back`, `promises_person`, `departments`, `_lemmas_of`) in the rule's order, and every destination
walked again, on menus hypothesis builds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivrkit.language import words
from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules._label_promises import (
    OptionRoutes,
    label_words,
    promises_back,
    promises_person,
    promises_repeat,
    text_in_language,
)
from ivrkit.rules.wd011_label_contradicts_destination import (
    LabelContradictsDestination,
    _lemmas_of,
    departments,
)
from tests.strategies import worded_texts

_LABELS = {
    "en": """pay a bill|billing|payments|technical support|report a fault|speak to an adviser|talk to an agent|
        leave a message for an agent|sales|order status|track a parcel|refunds|claims|careers|reception|
        hear the options again|go back|main menu|move home|opening hours|support for billing|bill support|
        go back to billing|go back to an agent|hear the billing options again|speak to someone|an operator|
        a real person|chat with a member of our team|billing adviser|speak to a sales agent|sales operator|
        return to the main menu for billing""",
    "fi": """laskutus|laskut|maksut|tekninen tuki|vikailmoitus|asiakaspalvelija|virkailija|myynti|tilaukset|
        paketin seuranta|palautukset|korvaukset|työpaikat|vaihde|vaihtoehdot uudelleen|takaisin|
        laskutusasiat|tukipalvelu|takaisin laskutukseen|takaisin asiakaspalvelijalle|päivystäjä|
        lainaneuvojalle|henkilöstö|laskutuksen asiakaspalvelija|myynnin virkailija|takaisin tukeen""",
}
_QUEUES = ["billing", "tech-support", "sales_team", "general", "reception", "claims", "tuki", "laskutus"]
_SAYS = ["Please visit our website. Goodbye.", "Our sales team can help.", "Billing is closed.", "Kiitos soitosta."]


def _label_text(language: str):
    return st.sampled_from([label.strip() for label in _LABELS[language].split("|")])


@st.composite
def _menus(draw) -> tuple[str, str]:
    language = draw(st.sampled_from(["en", "fi"]))
    count = draw(st.integers(1, 5))
    ends = draw(st.integers(1, 4))
    targets = [f"m{i}" for i in range(count)] + [f"{kind}{j}" for j in range(ends) for kind in "thx"]
    lines = ['global_options:\n  "0": {label: ' + draw(_label_text(language)) + ", goto: t0}", "nodes:"]
    for i in range(count):
        lines += [f"  m{i}:", "    type: menu", "    options:"]
        for key in draw(st.lists(st.sampled_from("123456789"), min_size=1, max_size=5, unique=True)):
            label = draw(_label_text(language))
            if draw(st.integers(0, 9)) == 0:
                lines.append(f'      "{key}": {{label: {label}, action: back}}')
            else:
                lines.append(f'      "{key}": {{label: {label}, goto: {draw(st.sampled_from(targets))}}}')
    for j in range(ends):
        lines.append(f"  t{j}: {{type: transfer, queue: {draw(st.sampled_from(_QUEUES))}}}")
        lines.append(f"  h{j}: {{type: hangup, say: {draw(st.sampled_from(_SAYS))}}}")
        lines.append(f"  x{j}: {{type: message, say: {draw(st.sampled_from(_SAYS))}, next: h{j}}}")
    return language, "\n".join(lines) + "\n"


def _union(texts, read) -> frozenset[str]:
    found: set[str] = set()
    for value, language in texts:
        found |= read(value, language)
    return frozenset(found)


def _plain_findings(ctx: Context) -> list[tuple]:
    routes = OptionRoutes(ctx)
    nodes = ctx.menuset.nodes
    found, seen_globals = [], set()
    for key, menu in ctx.menus():
        if key not in ctx.reachable:
            continue
        file_language = ctx.menuset.file_of(menu).language
        for option in ctx.menuset.file_of(menu).options_of(menu):
            if option.is_global:
                if option.key_span in seen_globals:
                    continue
                seen_globals.add(option.key_span)
            text = option.label or option.say
            if text is None or option.language is not None or option.action is not None:
                continue
            label, language = text_in_language(text, file_language)
            if promises_repeat(label, language) or promises_back(label, language):
                continue
            where = f"key {option.key} in `{menu.id}`"
            if promises_person(label, language):
                end = routes.ends_without_person(option)
                if end is not None:
                    message = f'{where} promises a person ("{label}") but ends in a message and the hang-up `{end}`'
                    found.append((text.span, message, key))
                continue
            wanted = departments(label, language)
            if not wanted:
                continue
            texts = [t for reached in routes.closure(option) for t in routes._read_node_texts(reached)]
            named = _union(texts, departments)
            content = _union(texts, lambda value, language: _lemmas_of(label_words(value), language))
            if not named or named & wanted or _lemmas_of(label_words(label), language) & content:
                continue
            message = f'{where} says "{label}" ({", ".join(sorted(wanted))}) but leads to {", ".join(sorted(named))}'
            found.append((text.span, message, key))
    assert all(key in nodes for _, _, key in found)
    return found


@settings(max_examples=150, deadline=None)
@given(_menus())
def test_the_rule_finds_what_the_plain_rule_finds(menus):
    language, body = menus
    text = f"ivrkit: 1\nname: t\nlanguage: {language}\nentry: m0\n{body}"
    menuset = loads(text, Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))
    ctx = Context(menuset, config=LintConfig())
    found = [(v.span, v.message, v.node) for v in LabelContradictsDestination().check(ctx)]
    assert found == _plain_findings(Context(menuset, config=LintConfig()))


@settings(max_examples=500)
@given(worded_texts(max_parts=6, max_size=20))
@example("you're on line 2, e-lasku - asukas- ja")
def test_a_text_is_split_into_the_words_the_word_pattern_gives(value):
    # `label_words` splits a plain ASCII text at its spaces and separators, without the pattern
    assert label_words.__wrapped__(value) == tuple(words(value))

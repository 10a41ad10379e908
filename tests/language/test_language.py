"""The language tools behind the wording rules, on real Finnish inflection and on English.

Finnish runs twice where it matters: with the Voikko analyser (real lemmas)
and with the snowball fallback that is used when Voikko is not installed.
Tests that need Voikko skip without it locally and fail under CI, which
installs it (see `require_voikko`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ivrkit.language import (
    announced_keys,
    backend_name,
    concepts,
    dictionary,
    is_stop_word,
    labels_from_prompt,
    overlap,
    stop_words,
    tokenize,
    voikko_available,
    words,
)
from ivrkit.language.lexicon import raw_lexicon
from ivrkit.language.normalise import disable_voikko, normaliser
from ivrkit.lint.config import LintConfig
from ivrkit.lint.runner import lint
from ivrkit.loader import loads

CASES = Path(__file__).parents[1] / "rules" / "cases"


def require_voikko() -> None:
    """Skip without the Voikko analyser locally, but fail under CI, which installs it."""
    if not voikko_available():
        if os.environ.get("CI"):
            pytest.fail("Voikko is not installed; .ci/run must install libvoikko1, voikko-fi and libvoikko")
        pytest.skip("Voikko is not installed (pip install libvoikko; apt-get install libvoikko1 voikko-fi)")


@pytest.fixture
def without_voikko():
    """Finnish falls back to the snowball stemmer for the duration of a test."""
    disable_voikko(True)
    try:
        yield
    finally:
        disable_voikko(False)


@pytest.fixture(params=["snowball", "voikko"])
def backend(request):
    if request.param == "voikko":
        require_voikko()
    return request.param


# -- tokens and stop words ---------------------------------------------------------


def test_tokenising_keeps_finnish_letters_hyphens_and_numbers():
    text = "Päivähoito ja asukas- ja yrityspysäköintitunnukset: SIM-only, 24/7, Åland, you're"
    assert [t.text for t in tokenize(text)] == [
        "Päivähoito",
        "ja",
        "asukas-",
        "ja",
        "yrityspysäköintitunnukset",
        "SIM-only",
        "24",
        "7",
        "Åland",
        "you're",
    ]
    assert words("Hyvä, että SOITIT – kello 8–18.") == ["hyvä", "että", "soitit", "kello", "8", "18"]
    token = tokenize("Häiriöt")[0]
    assert (token.start, token.end) == (0, 7)
    assert tokenize("IBAN")[0].is_upper and not tokenize("Iban")[0].is_upper


def test_stop_words_in_english_and_finnish():
    assert {"the", "your", "to", "please"} <= stop_words("en")
    assert {"ja", "tai", "sinun", "kanssa"} <= stop_words("fi")
    assert stop_words("en-GB") == stop_words("en")
    assert stop_words("xx") == frozenset()
    assert is_stop_word("The", "en") and not is_stop_word("bill", "en")
    assert not is_stop_word("lasku", "fi")


# -- lemmas and stems -----------------------------------------------------------------


def test_finnish_inflections_normalise_to_one_form(backend):
    norm = normaliser("fi", backend)
    assert len({norm(w) for w in ("laskut", "laskun", "laskua", "lasku")}) == 1
    assert len({norm(w) for w in ("maksu", "maksut", "maksun")}) == 1
    assert backend_name("fi", backend) == backend


def test_voikko_gives_real_lemmas():
    require_voikko()
    norm = normaliser("fi", "voikko")
    assert norm("laskun") == "lasku"
    assert norm("maksaminen") == "maksaa"
    assert norm("asiakasneuvojan") == "asiakasneuvoja"
    assert norm("tähteä") == "tähti"


def test_english_stems():
    norm = normaliser("en")
    assert norm("payments") == norm("payment")
    assert norm("billing") == norm("bill")


def test_without_voikko_finnish_falls_back_to_snowball(without_voikko):
    assert not voikko_available()
    assert backend_name("fi") == "snowball"
    with pytest.raises(LookupError):
        normaliser("fi", "voikko")
    assert overlap("laskut", "laskun maksaminen", "fi") is not None


def test_lexicon_is_package_data_in_both_languages():
    lexicon = raw_lexicon()
    assert "billing" in lexicon["en"]["bill"] and "payment" in lexicon["en"]["bill"]
    assert {"lasku", "maksu", "laskutus"} <= set(lexicon["fi"]["bill"])
    assert {"vika", "häiriö", "sähkökatko"} <= set(lexicon["fi"]["outage"])


# -- overlap ---------------------------------------------------------------------------


def test_finnish_inflected_labels_overlap(backend):
    found = overlap("laskut", "laskun maksaminen", "fi", backend=backend)
    assert found is not None and found.describe() == "bill"
    assert overlap("laskut", "maksut ja maksusuunnitelmat", "fi", backend=backend) is not None
    for first, second in (("maksu", "maksaminen"), ("maksut", "maksaminen"), ("maksu", "maksut")):
        assert overlap(first, second, "fi", backend=backend) is not None, (first, second)


def test_finnish_synonyms_overlap(backend):
    assert overlap("vika", "sähkökatko", "fi", backend=backend) is not None
    assert overlap("vian ilmoittaminen", "häiriöt", "fi", backend=backend) is not None
    assert overlap("asiakasneuvoja", "asiakaspalvelu", "fi", backend=backend) is not None


def test_finnish_due_date_extension_and_payment_plan_are_distinct(backend):
    # Decision: the compounds share only their modifier (maksu-); their heads differ (aika/pidennys vs
    # suunnitelma) and they are different products, so they must not be reported (Aurora Pankki's menu).
    assert overlap("maksuajan pidennys", "maksusuunnitelma", "fi", backend=backend) is None
    assert overlap("maksuajan pidennys", "maksusuunnitelma tai lyhennysvapaa", "fi", backend=backend) is None


def test_finnish_bill_head_shared_by_a_bare_label(backend):
    found = overlap("laskut", "perintään siirtynyt lasku", "fi", backend=backend)
    assert found is not None and found.same_head


def test_english_synonyms_overlap():
    assert overlap("billing", "payments", "en") is not None
    assert overlap("pay a bill", "make a payment", "en") is not None
    assert overlap("pay a bill", "ask about billing", "en") is not None
    assert overlap("report a power cut", "report a fault", "en") is not None
    assert overlap("speak to an agent", "talk to a person", "en") is not None


def test_english_distinct_labels_do_not_overlap():
    assert overlap("report a power cut", "pay your bill", "en") is None
    assert overlap("pay by card", "ask about your bill", "en") is None
    assert overlap("place an order", "hear about your order", "en") is None
    assert overlap("tell us the light is red", "tell us the light is off", "en") is None
    assert overlap("use this number", "give us a different number", "en") is None


def test_two_tasks_on_one_object_do_not_overlap(backend):
    # Corpus 15 (OPAL): "record a message" and "play back recorded message" are a voicemail's two tasks.
    assert overlap("record a message", "play back recorded message", "en") is None
    assert concepts("play back recorded message", "en").task == concepts("play", "en").head
    assert overlap("nauhoita viesti", "kuuntele nauhoitettu viesti", "fi", backend=backend) is None
    # ... unless the overlap is a lexicon concept: two verbs for one goal are still one goal.
    assert overlap("pay a bill", "check your bill", "en") is not None
    # One task verb is not enough: the other label must start with a different one.
    assert overlap("record a message", "recorded messages", "en") is not None


def test_concepts_and_threshold():
    label = concepts("report a power cut", "en")
    assert label.head == "=outage" and label.words_for("=outage") == "power cut"
    assert overlap("technical support", "support", "en") is not None  # same head, Jaccard 0.5
    assert overlap("technical support", "support", "en", threshold=0.6) is None


# -- keys in prompts ---------------------------------------------------------------


def test_announced_keys_english():
    mentions = announced_keys("Press 1 for billing, 2 to report a fault, or press star to go back.", "en")
    assert [(m.key, m.action_first) for m in mentions] == [("1", True), ("2", None), ("*", True)]
    goal_first = announced_keys("For billing, press one. Then press the hash key.", "en")
    assert [(m.key, m.action_first) for m in goal_first] == [("1", False), ("#", False)]


def test_announced_keys_finnish():
    mentions = announced_keys("Laskutusasiat: paina 1. Paina tähteä, jos haluat palata. Paina risuaitaa.", "fi")
    assert [(m.key, m.action_first) for m in mentions] == [("1", False), ("*", True), ("#", False)]
    words_ = announced_keys("Paina ykköstä, niin soitamme sinulle, tai kakkosta, niin voit jättää viestin.", "fi")
    assert [m.key for m in words_] == ["1", "2"]
    assert announced_keys("Tryck 1.", "sv") == []


def test_announced_keys_read_verbless_list_items_and_other_verbs():
    lines = "Press 1 to pay.\n2 to report a fault. \nOr 7 to create a task."
    assert [(m.key, m.action_first) for m in announced_keys(lines, "en")] == [("1", True), ("2", None), ("7", None)]
    assert [m.key for m in announced_keys("1 for sales, 2 for support", "en")] == ["1", "2"]
    assert [m.key for m in announced_keys("Dial 0 for the operator. Key hash to repeat.", "en")] == ["0", "#"]
    # a hand-wrapped line is still one sentence for word order
    assert [(m.key, m.action_first) for m in announced_keys("Press 1\nfor billing.", "en")] == [("1", True)]
    # a lone number range is not a key list
    assert announced_keys("We are open 9 to 5.", "en") == []
    assert [m.key for m in announced_keys("Valitse 2, jos haluat palata.", "fi")] == ["2"]


@pytest.mark.parametrize(
    ("text", "language", "labels"),
    [
        ("1 for sales, or 2 to report a fault.", "en", {"1": "sales", "2": "report a fault"}),
        ("Sales, press 1. Support, press 2.", "en", {"1": "Sales", "2": "Support"}),
        ("If you are calling about your bill, press 1.", "en", {"1": "your bill"}),
        ("To repeat this menu, press the pound key.", "en", {"#": "repeat this menu"}),
        ("Please enter 1 to 5 or 0.", "en", {"1": None}),  # a range: key known, goal unknown
        ("Laskutusasiat: paina 1. Vikailmoitukset: paina 2.", "fi", {"1": "Laskutusasiat", "2": "Vikailmoitukset"}),
        (
            "Valitse 1, jos haluat maksaa laskun, tai 2, jos haluat tehdä vikailmoituksen.",
            "fi",
            {"1": "maksaa laskun", "2": "tehdä vikailmoituksen"},
        ),
        ("Jos haluat kuulla vaihtoehdot uudelleen, paina tähteä.", "fi", {"*": "kuulla vaihtoehdot uudelleen"}),
        ("Asiakaspalveluun pääset painamalla nollaa.", "fi", {"0": "Asiakaspalveluun"}),
        ("Vikailmoitukset, paina kakkosta. Valitse 3.", "fi", {"2": "Vikailmoitukset", "3": None}),
        ("Key star to go back. Dial hash for the main menu.", "en", {"*": "go back", "#": "the main menu"}),
        ("For billing press 1. Press the pound key to repeat.", "en", {"1": "billing", "#": "repeat"}),
        ("Para ventas, pulse 1.", "es", {}),  # Spanish is not read: nothing rather than a guess
        # the words after an earlier key are that key's goal, never the next key's
        ("Press 1 for sales or 2 for help.", "en", {"1": "sales", "2": "help"}),
        ("Press 1 for billing or press 2 for sales", "en", {"1": "billing", "2": "sales"}),
        (
            "For sales press 1, for support press 2, or press 0 for an operator.",
            "en",
            {"1": "sales", "2": "support", "0": "an operator"},
        ),
        ("Paina 1 jos haluat myyntiin tai 2 jos haluat tukeen.", "fi", {"1": "myyntiin", "2": "tukeen"}),
        ("Myynti paina 1, tuki paina 2.", "fi", {"1": "Myynti", "2": "tuki"}),
    ],
)
def test_labels_from_prompt(text, language, labels):
    assert labels_from_prompt(text, language) == labels


def _corpus_file(name: str):
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    if not folder.is_dir():
        pytest.skip("the corpus folder is not here")
    return folder / name


def test_labels_from_real_connect_prompt():
    import json

    flow = json.loads(_corpus_file("05_aws-connect-sample-inbound-flow.json").read_text(encoding="utf-8"))
    text = next(
        a["Parameters"]["Text"]
        for a in flow["Actions"]
        if a.get("Parameters", {}).get("Text", "").startswith("Press 1")
    )
    labels = labels_from_prompt(text, "en-US")
    assert list(labels) == ["1", "2", "3", "4", "5", "6", "7"]
    assert labels["1"] == "be put in queue for an agent" and labels["7"] == "create a task for an agent"


def test_labels_from_real_studio_and_opal_prompts():
    import json

    flow = json.loads(_corpus_file("18_twilio-studio-default-ivr-template.json").read_text(encoding="utf-8"))
    say = next(s["properties"]["say"] for s in flow["states"] if s.get("properties", {}).get("say"))
    assert labels_from_prompt(say, "en-US") == {"1": "sales", "2": "reach support"}
    opal = _corpus_file("15_vxml-opal-server-main-menu.vxml").read_text(encoding="utf-8")
    assert "Press 3 to say your I P address" in opal
    assert labels_from_prompt("Press 3 to say your I P address", "en") == {"3": "say your I P address"}


# -- spelling ---------------------------------------------------------------------------


def test_english_dictionary_accepts_british_spellings():
    english = dictionary("en")
    assert english is not None
    for word in ("colour", "organise", "recognised", "cheque", "voicemail", "you're", "adviser"):
        assert english.known(word), word
    for word in ("recieve", "importnat", "adress"):
        assert not english.known(word), word


def test_finnish_dictionary_with_voikko():
    require_voikko()
    finnish = dictionary("fi")
    assert finnish is not None
    for word in ("laskut", "maksusuunnitelmat", "takaisinsoitto", "takaisinsoittoa", "asiakasneuvojalle"):
        assert finnish.known(word), word
    for word in ("lsakut", "maksusuunitelma", "asiakasneuvjalle"):
        assert not finnish.known(word), word


def test_no_finnish_dictionary_without_voikko(without_voikko):
    assert dictionary("fi") is None


FINNISH_MENU = """\
ivrkit: 1
name: Aurora Pankki
language: fi
entry: tervetuloa
nodes:
  tervetuloa:
    type: message
    say: Tervetuloa Aurora Pankin palveluun. Hyvä, että soitit.
    next: valikko
  valikko:
    type: menu
    options:
      "1": {label: maksuajan pidenys, goto: neuvoja}
      "2": {label: takaisinsoitto, goto: neuvoja}
  neuvoja:
    type: transfer
    queue: neuvonta
"""


def test_finnish_spelling_rule_with_voikko(tmp_path):
    require_voikko()
    findings = lint(loads(FINNISH_MENU, tmp_path / "m.yaml", root=tmp_path), LintConfig(select=("WD009",)))
    assert [(f.span.line, f.span.col, f.message) for f in findings] == [(13, 20, 'possible misspelling: "pidenys"')]


def test_finnish_spelling_rule_without_voikko_says_so_once(tmp_path, without_voikko):
    findings = lint(loads(FINNISH_MENU, tmp_path / "m.yaml", root=tmp_path), LintConfig(select=("WD009",)))
    assert [(f.span.line, f.span.col, str(f.level)) for f in findings] == [(8, 10, "info")]
    assert "no spelling dictionary for `fi`" in findings[0].message


# -- the wording fixtures also pass with the snowball fallback ------------------------------


def _fixture_cases(code):
    (path,) = CASES.glob(f"{code.lower()}_*.yaml")  # cases/wd001_option_overlap.yaml: named as the rule's module
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for case in data["cases"]:
        yield pytest.param(code, case, id=f"{code}-{case['id']}")


@pytest.mark.parametrize(
    ("code", "case"), [*_fixture_cases("WD001"), *_fixture_cases("WD002"), *_fixture_cases("WD007")]
)
def test_language_aware_fixtures_pass_without_voikko(code, case, tmp_path, without_voikko):
    config = case.get("config") or {}
    menuset = loads(case["menu"], tmp_path / "menu.yaml", root=tmp_path)
    findings = lint(
        menuset,
        LintConfig(
            select=(code,), options={code: config.get("options", {})}, glossary=tuple(config.get("glossary", ()))
        ),
    )
    assert sorted([f.span.line, f.span.col] for f in findings) == sorted(case["expect"])


def test_language_package_imports_no_ui_libraries():
    code = "import sys, ivrkit.language, ivrkit.rules; print(sorted(m for m in ('rich', 'textual', 'pyttsx3') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- robustness -------------------------------------------------------------------------

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ivrkit.diagnostics import LoadError  # noqa: E402

_TEXT = st.text(
    alphabet=st.sampled_from(list("abcdeiklmnoprstuvyäöåÄÖÅABCXZ0123456789 ,.:;!?-'’<>[]{}*#/()–")),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip())
_KEYS = ["0", "1", "2", "3", "4", "9", "*", "#"]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    language=st.sampled_from(["en", "fi", "sv", "en-GB"]),
    prompt=_TEXT,
    labels=st.lists(_TEXT, min_size=1, max_size=6),
    says=st.lists(st.one_of(st.none(), _TEXT), min_size=6, max_size=6),
    announce=st.booleans(),
)
def test_wording_rules_never_raise_on_any_text(tmp_path_factory, language, prompt, labels, says, announce):
    options = {}
    for index, label in enumerate(labels):
        option = {"label": label, "goto": "agent"}
        if says[index] is not None:
            option["say"] = says[index]
        options[_KEYS[index]] = option
    menu = {
        "ivrkit": 1,
        "name": "t",
        "language": language,
        "entry": "main",
        "nodes": {
            "main": {
                "type": "menu",
                "say": prompt,
                "announce_options": announce,
                "options": options,
                "no_match": {"say": prompt},
            },
            "agent": {"type": "transfer", "queue": "general", "say": prompt},
        },
    }
    root = tmp_path_factory.mktemp("menu")
    try:
        menuset = loads(yaml.safe_dump(menu, allow_unicode=True), root / "m.yaml", root=root)
    except LoadError:
        assume(False)
    for finding in lint(menuset, LintConfig(select=("WD",))):
        assert finding.code.startswith("WD") and finding.message


# -- pairs to compare ----------------------------------------------------------------------

from ivrkit.language import candidate_pairs, compare  # noqa: E402

_LABEL_WORDS = (
    "pay bill billing payment invoice account balance agent person adviser outage fault power cut "
    "report leak move meter reading complaint cancel order delivery support technical sales team "
    "the your to about speak with make new a b c d e f g h"
).split()


@given(
    labels=st.lists(
        st.lists(st.sampled_from(_LABEL_WORDS), min_size=1, max_size=11).map(" ".join), min_size=2, max_size=25
    ),
    threshold=st.sampled_from([-0.5, 0.0, 0.2, 0.34, 0.5, 0.6, 0.75, 1.0, 1.5]),
)
def test_candidate_pairs_include_every_pair_compare_reports(labels, threshold):
    found = [concepts(label, "en") for label in labels]
    reported = {
        (i, j) for j in range(len(found)) for i in range(j) if compare(found[i], found[j], threshold) is not None
    }
    candidates = candidate_pairs(found, threshold)
    assert reported <= candidates
    assert all(i < j for i, j in candidates)


def test_labels_that_only_share_a_common_word_are_not_paired():
    # a directory: 2,000 labels, each sharing its department with 199 others, none alike enough to report
    labels = [
        concepts(f"{name} in {dept}", "en")
        for name, dept in (
            (
                f"person{i:04d}",
                (
                    "sales",
                    "billing",
                    "legal",
                    "payroll",
                    "security",
                    "research",
                    "training",
                    "finance",
                    "marketing",
                    "logistics",
                )[i % 10],
            )
            for i in range(2000)
        )
    ]
    assert candidate_pairs(labels, 0.5) == set()  # not 2,000 * 199 / 2 pairs to try
    twins = [concepts("pay your bill", "en"), concepts("pay the bill", "en")]
    assert candidate_pairs(twins, 0.5) == {(0, 1)}


def test_key_reading_is_linear_on_long_texts():
    import time

    started = time.perf_counter()
    for text in ("press 1 for x, " * 4000, "a, press 1 " * 4000, "Press 1 to a.\n2 to b.\n" * 2000):
        assert announced_keys(text, "en")
        labels_from_prompt(text, "en")
    # was quadratic (minutes for 75,000 characters); now well under a second each
    assert time.perf_counter() - started < 10

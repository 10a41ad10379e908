"""SV002 and LN003 compile their built-in patterns when the first node that needs them is met, once per
process, and add the configured `phrases` after them, as written: a menu without call-backs or voicemail
compiles no SV002 pattern, and the phrases still count (and come after the built-in ones in LN003's message).
WD005 compiles its terms' own pattern only for a text the quick ASCII look cannot clear."""

from __future__ import annotations

import pytest

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules import ln003_time_to_first_option as ln003
from ivrkit.rules import sv002_callback_when as sv002
from ivrkit.rules import wd005_jargon as wd005

NO_CALLBACK = """ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      "1": {label: pay a bill, goto: billing}
  billing: {type: transfer, queue: billing}
"""

CALLBACK = """ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      "1": {label: book a call back, goto: book}
  book:
    type: callback
    confirm: sms
    say: We will ring you soonish.
"""

CLUTTER = """ivrkit: 1
name: t
entry: welcome
nodes:
  welcome:
    type: message
    say: Hi. Press star for news. Visit our website at www.example.com.
    next: main
  main:
    type: menu
    say: How can we help?
    options:
      "1": {label: pay your bill, goto: agent}
  agent: {type: transfer, queue: general}
"""


def _messages(rule, menu: str) -> list[str]:
    return [violation.message for violation in rule.check(Context(loads(menu), config=LintConfig()))]


@pytest.fixture
def fresh_patterns():
    getters = (sv002._built_in_patterns, ln003._clutter_pattern, wd005._term_pattern, wd005._ascii_term_pattern)
    for getter in getters:
        getter.cache_clear()
    yield
    for getter in getters:
        getter.cache_clear()


def test_sv002_compiles_nothing_for_a_menu_without_call_backs_or_voicemail(fresh_patterns):
    assert _messages(sv002.CallbackWhen(), NO_CALLBACK) == []
    assert sv002._built_in_patterns.cache_info().currsize == 0


def test_sv002_compiles_its_patterns_once_and_counts_the_configured_phrases(fresh_patterns):
    assert _messages(sv002.CallbackWhen(), CALLBACK) == [
        "`book` never tells the caller when we will call back after this call back"
    ]
    assert _messages(sv002.CallbackWhen({"phrases": [r"\bsoonish\b"]}), CALLBACK) == []
    info = sv002._built_in_patterns.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    assert [pattern.pattern for pattern in sv002._built_in_patterns()] == sv002._WHEN


def test_ln003_finds_the_built_in_clutter_first_then_the_configured_phrases(fresh_patterns):
    found = "'visit our website', 'www.'"
    assert _messages(ln003.TimeToFirstOption(), CLUTTER) == [
        f"before the first option `welcome` says {found}: time callers cannot use"
    ]
    assert _messages(ln003.TimeToFirstOption({"phrases": ["press star for news"]}), CLUTTER) == [
        f"before the first option `welcome` says {found}, 'press star for news': time callers cannot use"
    ]
    # only the patterns whose piece the ASCII text holds: "visit our website" and "www."
    assert ln003._clutter_pattern.cache_info().currsize == 2


def test_wd005_reads_plain_ascii_labels_without_its_terms_own_pattern(fresh_patterns):
    assert _messages(wd005.Jargon(), NO_CALLBACK) == []
    assert wd005._term_pattern.cache_info().currsize == 0
    assert wd005._ascii_term_pattern.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("label", "found"),
    [
        ("open a screen pop", '"screen pop"'),  # ASCII, cleared by neither look
        ("the CTI desk", '"CTI"'),  # two capitals: the terms' own pattern
        ("näyttöponnahdus", '"näyttöponnahdus"'),  # not ASCII: the terms' own pattern
    ],
)
def test_wd005_finds_its_terms_through_the_pattern_compiled_on_need(fresh_patterns, label, found):
    menu = NO_CALLBACK.replace("pay a bill", label)
    assert _messages(wd005.Jargon(), menu) == [f'"{label}" uses words callers may not know: {found}']
    assert wd005._term_pattern.cache_info().currsize == 1


def test_a_lint_of_a_plain_menu_compiles_none_of_the_patterns_kept_for_rarer_texts():
    from ivrkit.language import keyphrases, tokens
    from ivrkit.lint import suppress
    from ivrkit.lint.runner import lint
    from ivrkit.rules import ky008_yes_no_keys, st006_failure_exit

    getters = (
        keyphrases._sentence_end,  # a prompt that names a key
        keyphrases._letters,
        keyphrases._word,
        keyphrases._clause_end,
        tokens._sentence,  # sentences(), which no default rule reads
        ky008_yes_no_keys._word,  # a menu with yes/no keys
        st006_failure_exit._phone_number,  # a hang-up's words
        wd005._ordinal,  # a label word with a digit
        wd005._code_like,
        suppress._ignore,  # an `# ivrkit:` comment
        suppress._code,
    )
    for getter in getters:
        getter.cache_clear()
    findings = lint(loads(NO_CALLBACK))
    assert findings  # the rules did run (the menu has no handlers, for one)
    assert [getter.__name__ for getter in getters if getter.cache_info().currsize] == []

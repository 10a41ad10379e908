"""HD007 searches a text once for all its built-in warnings (`_ALERT`): it matches where any one of them
does. The `phrases` option's patterns are still searched one by one, as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads
from ivrkit.rules.hd007_timeout_alert import _ALERT, _ALERTS, TimeoutAlert

_EACH = [re.compile(pattern, re.IGNORECASE) for pattern in _ALERTS]
_WORDS = sorted({word for pattern in _ALERTS for word in re.findall(r"[a-zäö]+", pattern)} - {"b", "s"})
TEXTS = st.lists(
    st.sampled_from(_WORDS).map(lambda w: w.upper() if len(w) % 3 == 0 else w) | st.text(max_size=5), max_size=10
).map(" ".join)


def _any_of_them(text: str) -> bool:
    return any(pattern.search(text) for pattern in _EACH)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
@example("\u017ftill there")  # a long s is an s when case is ignored
@example("\u212aatkaisemme puhelun")  # and the Kelvin sign a k
@example("PÄÄTÄMME PUHELUN")
def test_the_joined_pattern_matches_where_any_of_the_warnings_does(text):
    assert (_ALERT.search(text) is not None) is _any_of_them(text)


@pytest.mark.parametrize("pattern", _ALERTS)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_text_one_warning_matches_is_matched(pattern, data):
    text = data.draw(st.from_regex(pattern))
    assert _ALERT.search(text)


MENU = """ivrkit: 1
name: t
entry: main
settings:
  fallback: goodbye
nodes:
  main:
    type: menu
    options:
      "1": {label: track a parcel, goto: goodbye}
    no_input:
      - say: Sorry, I didn't hear a choice.
      - say: SAY
  goodbye:
    type: hangup
    say: Goodbye.
"""


def _findings(last_no_input: str, phrases: list[str] | None = None) -> list[str]:
    menuset = loads(MENU.replace("SAY", last_no_input), Path("/nonexistent/menu.yaml"), root=Path("/nonexistent"))
    rule = TimeoutAlert({"phrases": phrases} if phrases is not None else None)
    return [v.message for v in rule.check(Context(menuset, config=LintConfig()))]


def test_a_built_in_warning_in_any_case_warns():
    assert _findings("ARE YOU STILL THERE? Otherwise we will end the call.") == []
    assert _findings("Oletko vielä linjalla?") == []


def test_a_phrase_of_the_option_warns_and_keeps_its_own_groups():
    unwarned = _findings("Hold on, or we ring off.")
    assert unwarned == [
        "silence can end the call at `main`: after 3 silent tries the fallback hangs up (`goodbye`), "
        "and the caller is never warned"
    ]
    assert _findings("Hold on, or we ring off.", [r"(ring) off\b.*|\1 you"]) == []
    assert _findings("Hold on, or we ring off.", ["(?i)RING OFF"]) == []
    assert _findings("Hold on, or we ring off.", ["goodbye forever"]) == unwarned

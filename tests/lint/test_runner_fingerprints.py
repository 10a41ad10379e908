"""The lint runner's fingerprints (each line's words joined once for all its findings, `words_fingerprint`)
are those `baseline.fingerprint` gives each finding on its own, for any menu however its lines are spaced."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.lint.baseline import fingerprint, line_fingerprint, words_fingerprint
from ivrkit.lint.runner import lint
from ivrkit.lint.sources import Sources
from ivrkit.loader import loads
from tests.strategies import menu_yaml, valid_menus

_SPACES = st.sampled_from([" ", "  ", "\t", " \t "])


def _respaced(text: str, spaces: list[str]) -> str:
    """Each line with extra blanks after its value: the same YAML, other line texts."""
    lines = text.splitlines()
    return "".join(
        line + (spaces[index % len(spaces)] if ": " in line else "") + "\n" for index, line in enumerate(lines)
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus(max_nodes=8), st.lists(_SPACES, min_size=1, max_size=4))
def test_each_findings_fingerprint_is_the_general_one(menu: dict, spaces: list[str]) -> None:
    text = _respaced(menu_yaml(menu), spaces)
    menuset = loads(text)
    sources = Sources({"menu.yaml": text})
    findings = lint(menuset, sources=sources)
    assert findings, "every generated menu has some finding"
    for finding in findings:
        assert finding.fingerprint == fingerprint(finding.code, finding.node, finding.span, sources)


@given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=10)), st.text(max_size=40))
def test_words_fingerprint_is_line_fingerprint_of_the_joined_words(code: str, node: str | None, line: str) -> None:
    assert words_fingerprint(code, node, " ".join(line.split())) == line_fingerprint(code, node, line)

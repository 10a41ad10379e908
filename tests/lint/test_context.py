"""The lint context: what rules derive alike is computed once per run, and the line's key conventions."""

from __future__ import annotations

from ivrkit.language.key_profiles import PROFILES, UNKNOWN
from ivrkit.lint.config import LintConfig
from ivrkit.lint.context import Context
from ivrkit.loader import loads

MENU = """\
ivrkit: 1
name: t
entry: main
language: {language}
nodes:
  main:
    type: menu
    options:
      "1": {{label: billing, goto: billing}}
      "9": {{label: end the call, goto: bye}}
      "0": {{label: speak with an agent, goto: agent}}
  billing:
    type: menu
    options:
      "1": {{label: pay a bill, goto: agent}}
      "*": {{label: back to the main menu, goto: main}}
  bye: {{type: hangup, say: Goodbye.}}
  agent: {{type: transfer, queue: general}}
"""


def _context(language: str = "en", locale: str | None = None) -> Context:
    return Context(loads(MENU.format(language=language), "menu.yaml"), config=LintConfig(locale=locale))


def test_once_builds_each_thing_once_per_run():
    calls = []

    def build(ctx: Context) -> list[str]:
        calls.append(ctx)
        return sorted(ctx.menuset.nodes)

    ctx = _context()
    first = ctx.once(build)
    assert ctx.once(build) is first and calls == [ctx]
    assert _context().once(build) is not first and len(calls) == 2  # a new run builds it again


def test_once_tells_builders_apart_by_the_function_itself():
    ctx = _context()
    assert ctx.once(lambda c: "a") == "a"
    assert ctx.once(lambda c: "b") == "b"  # another function, not the first one's answer


def test_the_locale_is_the_configured_one_else_the_menus_language_tag():
    assert _context("en-US").known_locale == "us"
    assert _context("en-US", locale="eu").known_locale == "eu"
    assert _context("fi").key_profile is PROFILES["fi"]
    assert _context("en").known_locale is None and _context("en").key_profile is UNKNOWN


def test_option_meanings_are_computed_once_and_read_the_graph():
    ctx = _context("en-GB")
    meanings = ctx.option_meanings
    assert ctx.option_meanings is meanings
    main, billing = ctx.menuset.nodes["main"], ctx.menuset.nodes["billing"]
    by_key = {option.key: meanings.meaning("main", option) for option in main.options}
    assert by_key == {"1": "business", "9": "end", "0": "person"}
    back = next(option for option in billing.options if option.key == "*")
    assert meanings.meaning("billing", back) == "navigation"  # it leads to the menu above
    assert meanings.parent_menus == {"billing": {"main"}}
    assert "main" in meanings.top_menus and "billing" not in meanings.top_menus
    assert meanings.general_people == {"agent"}

"""A rule's options are handed to it when it is made, from the configuration by rule code; nothing hides them."""

from __future__ import annotations

import pytest

from ivrkit.lint.config import LintConfig, is_known_pattern, known_patterns
from ivrkit.lint.finding import FAMILIES, Level, Violation
from ivrkit.lint.registry import Rule, RuleOption
from ivrkit.lint.runner import lint
from ivrkit.loader import loads
from ivrkit.rules import get_rule

DEEP = """\
ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    options:
      "1": {label: billing, goto: second}
      "0": {label: speak with an agent, goto: agent}
  second:
    type: menu
    options:
      "1": {label: pay a bill, goto: third}
      "0": {label: speak with an agent, goto: agent}
  third:
    type: menu
    options:
      "1": {label: pay by card, goto: done}
      "0": {label: speak with an agent, goto: agent}
  done: {type: hangup, say: "Thank you, goodbye."}
  agent: {type: transfer, queue: general}
"""


class Counter(Rule):
    """A rule made only here: its `limit` option decides what it reports."""

    code = "ST991"
    name = "test-only-counter"
    summary = "Too many menus"
    level = Level.INFO
    aliases = ("counting",)
    options = {"limit": RuleOption(int, 2, "menus allowed"), "word": RuleOption(str, "menus", "how they are named")}

    def check(self, ctx):
        menus = list(ctx.menus())
        if len(menus) > self.option("limit"):
            yield Violation(menus[0][1].span, f"{len(menus)} {self.option('word')}")


def test_a_rule_made_without_settings_has_its_defaults():
    assert Counter().settings == {"limit": 2, "word": "menus"}
    assert Counter().option("limit") == 2


def test_settings_override_only_the_options_they_name():
    rule = Counter({"limit": 5})
    assert rule.option("limit") == 5 and rule.option("word") == "menus"
    assert Counter().option("limit") == 2  # one rule's settings are not another's


def test_the_configuration_gives_a_rule_its_own_options_by_code():
    config = LintConfig(options={"ST991": {"word": "screens"}, "ST004": {"max_depth": 1}})
    assert config.settings_of(Counter) == {"word": "screens"}
    assert config.settings_of(get_rule("ST001")) == {}


def test_the_runner_makes_each_rule_with_its_configured_options():
    menuset = loads(DEEP, "menu.yaml")
    depth = get_rule("max-depth")
    assert [f for f in lint(menuset, LintConfig(select=("ST004",))) if f.code == "ST004"] == []
    found = [
        f
        for f in lint(menuset, LintConfig(select=("ST004",), options={"ST004": {"max_depth": 2}}))
        if f.code == "ST004"
    ]
    assert [f.message for f in found] == [
        "`done` needs 3 keypresses from the entry (press 1, 1, 1 in main → second → third): more than 2"
    ]
    assert depth is not None and depth.options["max_depth"].default == 3  # the default let it pass


def test_pattern_checks_are_handed_the_rules_they_know():
    assert is_known_pattern("counting", [Counter]) and is_known_pattern("ST991", [Counter])
    assert not is_known_pattern("counting", [get_rule("ST001")])
    assert is_known_pattern("structure", [])  # a family is known without any rule
    words = known_patterns([Counter])
    assert {"ALL", "ST991", "test-only-counter", "counting"} <= set(words)
    assert set(FAMILIES) <= set(words) and set(FAMILIES.values()) <= set(words)


def test_every_option_that_takes_regular_expressions_says_so():
    from ivrkit.rules import all_rules

    patterned = {
        (rule.code, name)
        for rule in all_rules()
        for name, option in rule.options.items()
        if "regular expressions" in option.description
    }
    marked = {(rule.code, name) for rule in all_rules() for name, option in rule.options.items() if option.patterns}
    assert patterned == marked == {("HD007", "phrases"), ("LN003", "phrases"), ("SV002", "phrases")}


@pytest.mark.parametrize("code", ["HD007", "LN003", "SV002"])
def test_a_phrase_that_is_not_a_regular_expression_is_a_positioned_configuration_error(tmp_path, capsys, code):
    from ivrkit.cli import main

    (tmp_path / ".ivrkit.yaml").write_text(
        f'lint:\n  rules:\n    {code}:\n      phrases: ["in the morning", "(unclosed"]\n', encoding="utf-8"
    )
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP, encoding="utf-8")
    assert main(["lint", str(path), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    assert (
        f".ivrkit.yaml:4:7: error: {code} `phrases` must be a list of regular expressions: '(unclosed' is not one"
        in err
    )


def test_a_configuration_key_that_is_a_list_is_a_positioned_error(tmp_path, capsys):
    from ivrkit.cli import main

    (tmp_path / ".ivrkit.yaml").write_text("lint:\n  rules:\n    ? !!str [HD007]\n    : {level: off}\n")
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP, encoding="utf-8")
    assert main(["lint", str(path), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert ".ivrkit.yaml:3:7: error: a key of the configuration must be plain text" in err and "ScalarNode" not in err

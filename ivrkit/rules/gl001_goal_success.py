"""GL001 `goal-success`: Few first-time callers with one of the menu's goals would reach it without a wrong turn."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.predictor import Confusable, GoalPrediction, given_goals, goal_predictor
from ..lint.registry import Rule, RuleOption, register
from ..model import MenuNode, Span, model_class
from ._wording_common import quote

__all__ = ["GoalSuccess", "ShareOption", "percent", "below_threshold", "threshold_percent"]

WAIT = "wait"
"""The key of a confusable that is silence: the callers pressed nothing and let the menu time out."""


def percent(share: float) -> str:
    """A probability as `ivrkit predict` prints it: a whole percentage (`0.314` -> `31%`)."""
    return f"{100 * share:.0f}%"


def threshold_percent(threshold: float) -> str:
    """The threshold as a percentage with as many decimals as it has (`0.5` -> `50%`, `0.925` -> `92.5%`)."""
    return f"{round(100 * threshold, 9):.12g}%"


def below_threshold(p_success: float, threshold: float) -> bool:
    """Whether a goal is reported: the success as `ivrkit predict` prints it (`percent`) is below the threshold.

    Compared as printed, so that a message never says "predicted success 93%, below 93%" (0.926 against 0.93):
    the rule, `ivrkit predict` and the `ivrkit sim` goals panel agree on what a reader sees.
    """
    return float(percent(p_success)[:-1]) < round(100 * threshold, 9)


@model_class  # a frozen dataclass, made without dataclasses' start-up cost
class ShareOption(RuleOption):
    """A rule option that is a share of callers: a number from 0 to 1."""

    def check(self, value: Any) -> Any:
        share = RuleOption.check(self, value)  # not super(): model_class makes the class anew
        if share > 1:
            raise ValueError(f"must be a share from 0 to 1, not {value!r}")
        return share


@register
class GoalSuccess(Rule):
    """
    ## What it does
    Reads the caller goals file beside the menu (`<menu>.goals.yaml`,
    docs/goals.md) and predicts, for each goal, how a first-time caller who
    says the goal in their own words goes through the menu: the model of
    `ivrkit predict` (docs/caller-model.md: its parameters and their
    sources), which listens option by option and weighs each option's words
    against the goal's. A goal whose predicted success (reaching a node it
    `reaches` without a wrong turn) is below `threshold` is reported at the
    option that misleads most: the option that pulls the largest share of
    those callers off their route, with the goal's words, the option's key
    and label, that share and the predicted success. The success is the
    very figure `ivrkit predict` prints for the goal. When most of those
    callers go wrong by pressing nothing (no option fits), the finding is
    at the menu where they fall silent; a goal that few callers reach
    although nothing draws them away is reported at the goal in the goals
    file.

    The findings are info: they are the estimates of a model of callers,
    not defects of the menu's structure (as LN004's seconds are). A team
    that keeps its goals files up to date can make them fail a CI run with
    `rules: {GL001: {level: warning}}` and `--fail-on warning`.

    Silent for a menu without a goals file, and in a program that uses
    ivrkit as a library without handing a predictor down
    (`ivrkit.lint.predictor.predict_goals_with`); the `ivrkit` command
    always hands it down. A goals file that does not load (bad YAML, a goal
    that `reaches` no node, a language the menu does not speak) is reported
    as error findings of this rule at each problem's place in the goals
    file, as ruff and yamllint report a file they cannot parse: the menu's
    other findings still come, and ignoring GL001 ignores the goals file
    altogether.

    ## Why is this bad?
    A wrong first turn rarely ends well: in first-click tests, 87% of the
    users whose first click was right completed the task, against 46% of
    those whose first click was wrong [BW09]. People choose by *information
    scent*, the promise of the goal they find in each option's words
    [PC99], judging the options one after the other and taking a good
    enough one as they go [FP07]. On the phone that order is forced: the
    options are heard once, one at a time, and each is kept or discarded as
    it is heard [ACIXD], so an earlier option that shares the caller's
    words wins before the right one is said. Such a *competing* option is
    one of the navigation problems the Cognitive Walkthrough for the Web
    predicts from the words alone, and rewording it is a repair that
    measurably helps [BKP05].

    ## Example
    ```yaml
    # northwind.goals.yaml: "my electricity is off" reaches `outage`
    main:
      type: menu
      options:
        "1": {label: pay your electricity bill, goto: billing}
        "2": {label: report a fault, goto: outage}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: report a power cut, goto: outage}
        "2": {label: pay your bill, goto: billing}
    ```

    ## Options
    - `threshold` (default `0.5`): report a goal whose predicted success is below this share of its callers (0 to 1; 0 reports none). The success is compared as `ivrkit predict` prints it, a whole percentage: with `0.93`, a goal predicted at 92.6% (printed 93%) is not reported.

    ## References
    - [BW09] Bailey & Wolfson 2009, "FirstClick Usability Testing", https://www.usability.gov/get-involved/blog/2009/09/first-click-usability-testing.html
    - [PC99] Pirolli & Card 1999, "Information foraging", Psychological Review 106(4):643–675, doi 10.1037/0033-295X.106.4.643
    - [FP07] Fu & Pirolli 2007, "SNIF-ACT: a cognitive model of user navigation on the World Wide Web", Human–Computer Interaction 22(4):355–412, doi 10.1080/07370020701638806
    - [BKP05] Blackmon, Kitajima & Polson 2005, "Tool for accurately predicting website navigation problems, non-problems, problem severity, and effectiveness of repairs", CHI 2005, doi 10.1145/1054972.1054975
    - [ACIXD] The ACIxD wiki, "Menu design", https://acixd.org/wiki
    - docs/caller-model.md: the caller model, every parameter with its source, its limits and how to calibrate it
    """

    code = "GL001"
    name = "goal-success"
    summary = "Few first-time callers with one of the menu's goals would reach it without a wrong turn"
    level = Level.INFO
    options = {
        "threshold": ShareOption(float, 0.5, "report a goal whose predicted success is below this share (0 to 1)"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        given = given_goals()
        predictor = given.predictor if given is not None else goal_predictor()
        if predictor is None:
            return
        if given is not None:  # goals chosen by the caller of the lint (`ivrkit diff`), already checked
            goalset = given.goals
        else:
            from ..goals.naming import goals_file_for

            if not goals_file_for(ctx.menuset.root.path).is_file():
                return  # load_goals_for's first question, asked without importing the goals loader
            from ..goals import load_goals_for
            from ..loader import LoadError

            try:
                goalset = load_goals_for(ctx.menuset)
            except LoadError as problem:
                for diagnostic in problem.diagnostics:
                    yield Violation(
                        diagnostic.span,
                        f"the goals file does not load: {diagnostic.message}",
                        hint=diagnostic.hint or "fix the goals file, or remove it",
                        level=Level.ERROR,
                    )
                return
        if goalset is None or not goalset.goals:
            return
        threshold = self.option("threshold")
        for prediction in predictor(ctx.menuset, goalset).goals:
            if below_threshold(prediction.p_success, threshold):
                yield self._violation(ctx, prediction, threshold)

    def _violation(self, ctx: Context, prediction: GoalPrediction, threshold: float) -> Violation:
        goal = prediction.goal
        success = f"predicted success {percent(prediction.p_success)}, below {threshold_percent(threshold)}"
        reaches = ctx.names(key for key in goal.reaches if key in ctx.menuset.nodes) or "its destination"
        culprit = max(prediction.confusables, key=lambda confusable: confusable.probability, default=None)
        if culprit is None or culprit.probability <= 0:
            return Violation(
                goal.span or _entry_span(ctx),
                f"no option draws callers who say {quote(goal.say)}: most wait or ask for a person; {success}",
                hint=f"put the words callers use ({quote(goal.say)}) in the label of the option that leads to "
                f"{reaches}, or say it earlier",
            )
        if culprit.key == WAIT:
            node = ctx.menuset.nodes.get(culprit.node)
            return Violation(
                node.span if node is not None else _entry_span(ctx),
                f"callers who say {quote(goal.say)} hear no option that fits{_at(ctx, culprit.node)}: "
                f"{percent(culprit.probability)} of them press nothing; {success}",
                node=culprit.node if node is not None else None,
                hint=f"put the words callers use ({quote(goal.say)}) in the label of the option that leads to "
                f"{reaches}",
            )
        words = f" (the words {', '.join(quote(word) for word in culprit.words)})" if culprit.words else ""
        label = f" {quote(culprit.label)}" if culprit.label.strip() else ""
        return Violation(
            _option_span(ctx, culprit),
            f"callers who say {quote(goal.say)} press {culprit.key}{label}{_at(ctx, culprit.node)}: "
            f"{percent(culprit.probability)} of them{words}; {success}",
            node=culprit.node if culprit.node in ctx.menuset.nodes else None,
            hint=f"reword option {culprit.key}, or the option that leads to {reaches}, so that the goal's "
            f"words point one way; or put the right option before it",
        )


def _at(ctx: Context, node: str) -> str:
    """`` at `menu` ``: where the callers went wrong, for a message (nothing for a node the menu set lacks)."""
    return f" at `{ctx.name(node)}`" if node in ctx.menuset.nodes else ""


def _option_span(ctx: Context, confusable: Confusable) -> Span:
    """The key of the option a confusable names, else its node, else the menu's entry."""
    node = ctx.menuset.nodes.get(confusable.node)
    if node is None:
        return _entry_span(ctx)
    if isinstance(node, MenuNode):
        for option in ctx.menuset.file_of(node).options_of(node):
            if option.key == confusable.key:
                return option.key_span
    return node.span


def _entry_span(ctx: Context) -> Span:
    return ctx.menuset.nodes[ctx.menuset.entry].span

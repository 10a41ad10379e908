"""HD003 `retry-limit`: A menu or input gives the caller too many tries, or only one."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ._handlers_common import fallback_of, interactive_nodes
from ._menu_shape_common import goes_on

__all__ = ["RetryLimit"]


@register
class RetryLimit(Rule):
    """
    ## What it does
    Checks how many tries a caller gets in each menu and input: `retries`
    plus one. More than `max_attempts` tries, or a single try (`retries: 0`),
    is reported. (The format has no unbounded retries: `retries` is at most
    10, and the tries always run out.) A single try is not reported for an
    input whose failure goes on to its own `next`, as Asterisk's `Read()`
    goes on with an empty entry [AST-read]: what follows is the flow's
    choice (it often asks again).

    ## Why is this bad?
    Two or three tries, with escalating help, then a person, is the consistent
    advice: Avaya's "two or three tries", Google's at most three combined,
    FreeSWITCH and Genesys default to 3, and Microsoft sends the third error
    to an operator [AVAYA-E], [DF], [FS], [GEN], [MS-QA]. More tries keep a
    struggling caller in a loop; a single try gives up on anyone who missed
    the prompt once.

    ## Example
    ```yaml
    settings:
      retries: 5        # six tries
    ```

    ## Use instead
    ```yaml
    settings:
      retries: 2        # three tries, then the fallback
      fallback: agent
    ```

    ## Options
    - `max_attempts` (default `3`): the most tries (retries + 1) before a finding.
    - `min_attempts` (default `2`): the fewest tries; fewer is reported.

    ## References
    - [AVAYA-E] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15497.htm
    - [DF] https://developers.google.com/assistant/df-asdk/dialogflow/tips
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    - [GEN] https://help.mypurecloud.com/articles/calculating-timeout-behavior/ ; https://jp-help.mypurecloud.com/blog/article/configure-default-menu-settings/
    - [MS-QA] https://learn.microsoft.com/en-us/previous-versions/office/developer/communication-server-2007/bb857165(v=office.12)
    - [AST-read] https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/Read/
    """

    code = "HD003"
    name = "retry-limit"
    summary = "A menu or input gives the caller too many tries, or only one"
    level = Level.WARNING
    options = {
        "max_attempts": RuleOption(int, 3, "the most tries (retries + 1) a caller should get"),
        "min_attempts": RuleOption(int, 2, "the fewest tries a caller should get"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        most, fewest = self.option("max_attempts"), self.option("min_attempts")
        reported: set = set()
        for key, node in interactive_nodes(ctx):
            retries = ctx.setting(node, "retries")
            attempts = retries + 1
            if fewest <= attempts <= most:
                continue
            if attempts < fewest and goes_on(node, fallback_of(ctx, node)):
                continue  # a failure goes on like an entry (Asterisk's Read()): the flow decides what follows
            problem = (
                f"{attempts} tries (retries: {retries}); at most {most} keep a struggling caller out of a loop"
                if attempts > most
                else f"only {attempts} {'try' if attempts == 1 else 'tries'} (retries: {retries}); "
                f"a caller who misses the prompt once should get another"
            )
            settings = ctx.menuset.settings_of(node)
            if node.retries is None and settings.span is not None:
                if node.file in reported:
                    continue
                reported.add(node.file)
                yield Violation(
                    settings.span,
                    f"the file's settings give each menu and input {problem}",
                    hint=f"set `retries` so callers get {fewest} to {most} tries",
                )
            else:
                yield Violation(
                    node.span,
                    f"`{node.id}` gives callers {problem}",
                    node=key,
                    hint=f"set `retries` so callers get {fewest} to {most} tries",
                )

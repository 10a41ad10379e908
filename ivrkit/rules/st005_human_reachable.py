"""ST005 `human-reachable`: Callers cannot reach a person, or only through too many menus."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis import is_person
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register

__all__ = ["HumanReachable"]


@register
class HumanReachable(Rule):
    """
    ## What it does
    Checks that callers can reach a person. It is an error when no call can
    reach a transfer to a person (`person: true`, the default) or a call-back
    at all, unless the line declares that it has no people
    (`no_person_ok`). It is a warning for each menu from which a person (or
    a call-back) is more than `max_menus` menus away: each key pressed, and
    each time a caller gives up in a menu and the fallback takes over, counts
    as one menu. In a building block linted on its own, a `return` counts
    as a way to a person: the flow that entered the file takes over.

    ## Why is this bad?
    Callers who cannot reach a person abandon the call or call back angrier.
    Software Advice's survey asks for an agent by the third menu [SA14]; the
    best results reach a person within two keypresses [DUN98]; every request
    for an agent should be acknowledged [ACX-zero].

    ## Example
    ```yaml
    nodes:
      main:
        type: menu
        options:
          "1": {label: track a parcel, goto: tracking}
          "0": {label: hear other ways to contact us, goto: contact_us}
      contact_us:
        type: message
        say: Please use the chat on our website.
        next: goodbye
    ```

    ## Use instead
    ```yaml
          "0": {label: speak to a person, goto: agent}
      agent:
        type: transfer
        queue: general
    ```

    ## Options
    - `max_menus` (default `3`): the most menus between any menu and a person.
    - `no_person_ok` (default `false`): the line deliberately has no people;
      no error for the missing person (make sure its endings name another
      channel, which `failure-exit` checks).

    ## References
    - [SA14] https://www.softwareadvice.com/voip/industryview/ivr-design-tips-report-2014/
    - [DUN98] Dunlap 1998 (dissertation), https://www.globethesis.com/?t=1465390014478806
    - [ACX-zero] http://acixd.org/wiki/doku.php?id=zero-outs
    """

    code = "ST005"
    name = "human-reachable"
    summary = "Callers cannot reach a person, or only through too many menus"
    level = Level.ERROR
    options = {
        "max_menus": RuleOption(int, 3, "the most menus between any menu and a person"),
        "no_person_ok": RuleOption(bool, False, "the line deliberately has no people"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        people = {key for key in ctx.reachable if is_person(ctx.menuset.nodes[key])}
        exits = people | (ctx.facts.open_returns & ctx.reachable)  # a building block hands back to its caller
        if not exits:
            if self.option("no_person_ok"):
                return
            entry = ctx.menuset.nodes[ctx.menuset.entry]
            yield Violation(
                entry.span,
                f"no call from `{entry.id}` can reach a person: there is no reachable transfer to a person "
                "(`person: true`) and no call-back",
                node=ctx.menuset.entry,
                hint="add a transfer to a person and offer it with 0 in every menu; if the line really has "
                "no people, set `no_person_ok` and make every ending name another channel",
            )
            return
        limit = self.option("max_menus")
        distance = ctx.facts.menus_to(exits)
        stuck = ctx.facts.stuck
        for key, menu in ctx.menus():
            if key not in ctx.reachable or key in stuck:
                continue
            far = distance.get(key)
            if far is None:
                message = f"no person can be reached from `{menu.id}`"
            elif far > limit:
                message = f"the nearest person is {far} menus away from `{menu.id}`: more than {limit}"
            else:
                continue
            yield Violation(
                menu.span,
                message,
                node=key,
                hint="offer 0 for a person in this menu (a global option does it everywhere)",
                level=Level.WARNING,
            )

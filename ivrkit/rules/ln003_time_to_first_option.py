"""LN003 `time-to-first-option`: Callers wait too long, or hear clutter, before the first option."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import BranchNode, InputNode, MenuNode, MessageNode, Node, Target, Text
from ..timing import OPTION_PAUSE
from ._prompt_timing import timed_segments, total_seconds

__all__ = ["TimeToFirstOption"]


# Each built-in pattern with a piece of text every match of it holds, in lower case. Ignoring case in ASCII
# is comparing lower case, so an ASCII text whose lower case lacks the piece cannot match and is not searched
# (nor the pattern compiled); "tiesitkö" is never in ASCII text. tests/rules/test_ln003_clutter_pieces.py
_CLUTTER = [
    (r"\b(?:menu |our )?options have changed\b", "options have changed"),
    (r"\bmenu has changed\b", "menu has changed"),
    (r"\bvisit our website\b", "visit our website"),
    (r"\bwww\.", "www."),
    (r"\bdid you know\b", "did you know"),
    (r"\bdot com\b", "dot com"),
    (r"\bdownload (?:our|the) app\b", "download "),
    (r"\bvalikko on muuttunut\b", "valikko on muuttunut"),
    (r"\bvaihtoehdot (?:ovat )?muuttuneet\b", "muuttuneet"),
    (r"\bverkkosivuillamme\b", "verkkosivuillamme"),
    (r"\bverkkosivuiltamme\b", "verkkosivuiltamme"),
    (r"\btiesitkö\b", "tiesitkö"),
    (r"\bpiste fi\b", "piste fi"),
]


@cache
def _clutter_pattern(index: int) -> re.Pattern[str]:
    """`_CLUTTER[index]`'s pattern, compiled when a text may first match it, once per process."""
    return re.compile(_CLUTTER[index][0], re.IGNORECASE)


def _clutter_in(value: str, phrases: list[re.Pattern[str]], found: list[str]) -> None:
    """Add to `found` what the built-in patterns, then the configured `phrases`, first match in `value`
    (lower-cased, each once)."""
    lowered = value.lower() if value.isascii() else None
    for index, (_, piece) in enumerate(_CLUTTER):
        if lowered is not None and piece not in lowered:
            continue
        match = _clutter_pattern(index).search(value)
        if match and match.group(0).lower() not in found:
            found.append(match.group(0).lower())
    for pattern in phrases:
        match = pattern.search(value)
        if match and match.group(0).lower() not in found:
            found.append(match.group(0).lower())


def _case(node: BranchNode, ctx: Context, value: str) -> Target | None:
    for case, target in node.cases:
        if case == value:
            return target
    return node.default


def _typical(ctx: Context, node: BranchNode) -> list[Target]:
    """The case a call takes at a normal time: a variable's default, or `open`."""
    if node.variable is not None:
        variable = ctx.menuset.file_of(node).variables.get(node.variable)
        target = _case(node, ctx, variable.default) if variable is not None else node.default
    else:
        target = _case(node, ctx, "open")
    return [target] if target is not None else []


def _next_nodes(ctx: Context, node: Node, typical: bool) -> list[Node] | None:
    """Where a message or branch leads without a keypress (None for any other node)."""
    if isinstance(node, MessageNode):
        targets = [node.next]
    elif isinstance(node, BranchNode):
        targets = (
            _typical(ctx, node)
            if typical
            else [t for _, t in node.cases] + ([node.default] if node.default is not None else [])
        )
    else:
        return None
    nodes = ctx.menuset.nodes
    return [nodes[t.node_key] for t in targets if t.node_key is not None and t.node_key in nodes]


def _lead_in(ctx: Context, typical: bool) -> Iterator[list[Node]]:
    """Ways from the entry to a first menu or input, as the nodes passed (the last is the menu or input).

    With `typical` there is one way (each branch takes its normal case);
    otherwise the ways through every case of every branch, each node being
    passed on at most a few ways, so that chains of branches cannot explode.
    """
    ms = ctx.menuset
    entry = ms.nodes[ms.entry]
    if typical:
        path: list[Node] = []
        node: Node | None = entry
        while node is not None and node not in path:
            path.append(node)
            following = _next_nodes(ctx, node, True)
            if following is None:
                yield path
                return
            node = following[0] if following else None
        return
    stack: list[tuple[Node, list[Node]]] = [(entry, [])]
    expanded: dict[str, int] = {}
    while stack:
        node, path = stack.pop()
        if node in path:
            continue
        path = path + [node]
        following = _next_nodes(ctx, node, False)
        if following is None:
            yield path
            continue
        # a node is expanded at most a few times, so branch diamonds cannot explode
        expanded[node.key] = expanded.get(node.key, 0) + 1
        if expanded[node.key] > 4:
            continue
        stack.extend((nxt, path) for nxt in reversed(following))


def _until_first_option(ctx: Context, node: Node, language: str) -> tuple[float, bool]:
    """Seconds from arriving at a menu or input until its first option (or its instruction) starts."""
    if isinstance(node, MenuNode) and node.announce_options:
        timed = timed_segments(ctx, node, language)
        before = [(s, t) for s, t in timed if s.kind == "prompt"]
        if len(before) == len(timed):  # nothing announced
            return 0.0, True
        seconds, complete = total_seconds(before)
        return seconds + (OPTION_PAUSE if seconds else 0.0), complete
    return 0.0, True


@register
class TimeToFirstOption(Rule):
    """
    ## What it does
    Estimates the seconds from the start of a call until the caller hears
    the first option (or the first instruction of an input), on the path a
    call takes at a normal time (each `branch` by a variable takes its
    default, each schedule `open`), and reports more than `max_seconds`.
    It also flags clutter in anything said before the first option, on any
    path: adverts and "did you know", "our options have changed",
    web-address deflection ("visit our website", "www.", "dot com"), in
    English and Finnish ("valikko on muuttunut", "verkkosivuillamme").

    ## Why is this bad?
    Callers call to do something; everything before the first option is
    time they cannot use. Balentine recommends only a welcome before the
    menu, and Kotelly found a web message costs 6 cents a call; "options
    have changed" is ignored by callers who have heard it for years
    [ACX-begin], [DIG], [NNG]. The 10-second limit is ivrkit's own default,
    not taken from a published source, hence an option.

    ## Example
    ```yaml
    welcome:
      type: message
      say: Thank you for calling. Please listen carefully, as our menu options have changed. Did you know you can manage your account online? Visit our website at www.example.com.
      next: main
    ```

    ## Use instead
    ```yaml
    welcome:
      type: message
      say: Thank you for calling Proseware Mobile.
      next: main
    ```

    ## Options
    - `max_seconds` (default `10`): the longest time before the first option, in seconds.
    - `worst_case` (default `false`): time every path through the branches, not only the normal one.
    - `phrases` (default `[]`): more regular expressions that count as clutter, besides the built-in ones.

    ## References
    - [ACX-begin] http://acixd.org/wiki/doku.php?id=what_not_to_include_at_the_beginning
    - [DIG] http://www.digium.com/blog/2010/06/14/the-ivr-clinic-with-allison-smith-2/
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "LN003"
    name = "time-to-first-option"
    summary = "Callers wait too long, or hear clutter, before the first option"
    level = Level.WARNING
    uses_text = True
    options = {
        "max_seconds": RuleOption(float, 10.0, "the longest time before the first option, in seconds"),
        "worst_case": RuleOption(bool, False, "time every path through the branches, not only the normal one"),
        "phrases": RuleOption(list, [], "more regular expressions that count as clutter", patterns=True),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        limit = self.option("max_seconds")
        language = ctx.menuset.root.language
        slowest: dict[str, tuple[float, bool, list[str], Node]] = {}
        for path in _lead_in(ctx, typical=not self.option("worst_case")):
            first = path[-1]
            if not isinstance(first, (MenuNode, InputNode)):
                continue
            total, complete, parts = 0.0, True, []
            for node in path[:-1]:
                seconds, known = ctx.heard.spoken(node, language)
                complete &= known
                if seconds:
                    total += seconds
                    parts.append(f"`{node.id}` {seconds:.0f} s")
            seconds, known = _until_first_option(ctx, first, language)
            complete &= known
            if seconds:
                total += seconds
                parts.append(f"`{first.id}` {seconds:.0f} s")
            if first.key not in slowest or total > slowest[first.key][0]:
                slowest[first.key] = (total, complete, parts, first)
        for total, complete, parts, first in slowest.values():
            if total <= limit:
                continue
            yield Violation(
                first.span,
                f"callers hear the first option of `{first.id}` after {'at least ' if not complete else ''}"
                f"about {total:.0f} s ({', '.join(parts)}; over {limit:g} s)",
                node=first.key,
                hint="keep the welcome to one short sentence and move everything else after the menu",
            )
        yield from self._clutter(ctx)

    def _clutter(self, ctx: Context) -> Iterator[Violation]:
        phrases: list[re.Pattern[str]] | None = None
        seen: set = set()
        for path in _lead_in(ctx, typical=False):
            for node in path:
                if node.key in seen:
                    continue
                seen.add(node.key)
                if node.prompt is None or node.prompt.text is None:
                    continue
                text: Text = node.prompt.text
                if phrases is None:  # the first prompt read
                    phrases = [re.compile(p, re.IGNORECASE) for p in self.option("phrases")]
                found: list[str] = []
                for _, value in text.values:
                    _clutter_in(value, phrases, found)
                if found:
                    yield Violation(
                        text.span,
                        f"before the first option `{node.id}` says {', '.join(repr(f) for f in found)}: "
                        f"time callers cannot use",
                        node=node.key,
                        hint='drop adverts and "options have changed"; give a web address only where it helps the task',
                    )

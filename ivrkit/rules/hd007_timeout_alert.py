"""HD007 `timeout-alert`: Silence can end the call without a warning first."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import MenuSet, Node, Target
from ..prompts import text_in
from ._handlers_common import fallback_of, heard_handlers, interactive_nodes
from ._menu_shape_common import goes_on

__all__ = ["TimeoutAlert"]


_ALERTS = [
    r"\bare you still there\b",
    r"\bstill there\b",
    r"\bend (?:this|the|your) call\b",
    r"\bcall will end\b",
    r"\bending (?:this|the) call\b",
    r"\bhang up\b",
    r"\bdisconnect",
    r"\boletko (?:vielä|yhä|edelleen) (?:linjalla|siellä)\b",
    r"\bpuhelu katkaistaan\b",
    r"\bkatkaisemme puhelun\b",
    r"\blopetamme puhelun\b",
    r"\bpuhelu päättyy\b",
    r"\bpäätämme puhelun\b",
]

# One search for all of them (a text warns when any matches); the `phrases` option's own patterns are
# searched one by one, as written (a user's pattern may carry its own groups or flags). Each alternative
# starts with a word boundary, which gives the search no first character to skip ahead to: the look-ahead
# class of their first letters (matched under the same IGNORECASE) does, so the 13 branches are tried only
# where one can start.
_FIRST = "".join(sorted({pattern.removeprefix(r"\b")[0] for pattern in _ALERTS}))
_ALERT = re.compile(f"(?=[{_FIRST}])(?:" + "|".join(f"(?:{pattern})" for pattern in _ALERTS) + ")", re.IGNORECASE)

# Words one of which each alternative of `_ALERTS` holds as written: an ASCII text whose lower case holds none
# cannot match, and is not searched (most prompts). A pattern added above must hold one of them
# (tests/rules/test_hd007_alert_cues.py).
_ALERT_CUES = ("still there", "call", "hang up", "disconnect", "oletko", "puhelu")


def _may_alert(said: str) -> bool:
    """Whether `_ALERT` may match `said`: always for a text that is not ASCII (case folding beyond ASCII is
    the pattern's own), else when its lower case holds a cue."""
    if not said.isascii():
        return True
    lower = said.lower()
    for cue in _ALERT_CUES:
        if cue in lower:
            return True
    return False


def _tries(count: int) -> str:
    return "1 silent try" if count == 1 else f"{count} silent tries"


def _ends_call(ms: MenuSet, target: Target | None) -> Node | None:
    """The hang-up a target leads to without the caller pressing anything, if it does."""
    seen = set()
    node = ms.nodes.get(target.node_key) if target is not None and target.node_key else None
    while node is not None and node.key not in seen:
        seen.add(node.key)
        if node.type == "hangup":
            return node
        if node.type != "message":
            return None
        nxt = node.next  # type: ignore[attr-defined]
        node = ms.nodes.get(nxt.node_key) if nxt.node_key else None
    return None


@register
class TimeoutAlert(Rule):
    """
    ## What it does
    Finds menus and inputs where silence can end the call (the tries run out
    with no fallback, or the fallback or a `no_input` handler leads to a
    hang-up) without warning the caller first: the last `no_input` message
    before the call ends must say so ("Are you still there? If you need more
    time, press 1", "we will end the call", "puhelu katkaistaan"), in every
    language of the file. An input whose silence goes on to its own `next`
    (Asterisk's `Read()` goes on with an empty entry [AST-read]) is left
    out: silence leads where an entry does.

    ## Why is this bad?
    Section 508 requires that when a timed response is required, the user
    is alerted and given sufficient time to indicate more time is needed
    (36 CFR 1194.23(d)) [508]; Asterisk's own example plays
    "are-you-still-there" [AST-ex].
    Callers who are slow to find a number, or who use a relay service, are
    otherwise cut off without knowing why.

    ## Example
    ```yaml
    settings:
      fallback: goodbye
    nodes:
      main:
        type: menu
        no_input:
          - say: Sorry, I didn't hear a choice.
    ```

    ## Use instead
    ```yaml
        no_input:
          - say: Sorry, I didn't hear a choice.
          - say: Are you still there? If we don't hear from you, we will end the call.
    ```

    ## Options
    - `phrases` (default `[]`): more regular expressions that count as a warning, besides the built-in English and Finnish ones.

    ## References
    - [508] 36 CFR 1194.23(d), http://edocket.access.gpo.gov/cfr_2001/julqtr/36cfr1194.23.htm
    - [AST-ex] https://docs.asterisk.org/Deployment/Basic-PBX-Functionality/Auto-attendant-and-IVR-Menus/Handling-Special-Extensions/
    - [AST-read] https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/Read/
    """

    code = "HD007"
    name = "timeout-alert"
    summary = "Silence can end the call without a warning first"
    level = Level.WARNING
    uses_text = True
    options = {"phrases": RuleOption(list, [], "more regular expressions that count as a warning", patterns=True)}

    def check(self, ctx: Context) -> Iterator[Violation]:
        patterns = [re.compile(p, re.IGNORECASE) for p in self.option("phrases")]
        ms = ctx.menuset
        for key, node in interactive_nodes(ctx):
            retries = ctx.setting(node, "retries")
            heard = heard_handlers(node.no_input, retries)
            leaving = heard[-1] if heard and heard[-1].goto is not None else None
            if leaving is not None and leaving.goto is not None:
                if goes_on(node, leaving.goto):
                    continue  # silence is taken as an empty entry: the flow goes on as after any other
                end = _ends_call(ms, leaving.goto)
                if end is None:
                    continue  # silence leads somewhere that is not a hang-up
                warned_by = heard[:-1]  # the leaving handler's own message comes too late to answer
                nth = {1: "first", 2: "second", 3: "third"}.get(len(heard), f"{len(heard)}th")
                anchor, how = leaving.goto.span, f"on the {nth} silence its `no_input` handler hangs up (`{end.id}`)"
            else:
                fallback = fallback_of(ctx, node)
                if goes_on(node, fallback):
                    continue
                if fallback is None:
                    anchor, how = node.span, f"after {_tries(retries + 1)} the call ends (no fallback)"
                else:
                    end = _ends_call(ms, fallback)
                    if end is None:
                        continue
                    anchor = fallback.span if node.fallback is not None else node.span
                    how = f"after {_tries(retries + 1)} the fallback hangs up (`{end.id}`)"
                warned_by = heard
            last = warned_by[-1] if warned_by else None
            text = last.prompt.text if last is not None and last.prompt is not None else None
            if last is not None and last.prompt is not None and text is None:
                continue  # audio only: the words are unknown (AU001)
            languages = ctx.languages(node)
            default = ms.file_of(node).language
            own = node.prompt.text if node.prompt is not None else None  # "if you press nothing, we hang up"

            def warns(words, lang: str, default: str = default) -> bool:
                if words is None:
                    return False
                said = text_in(words, lang, default)[0] or ""
                if _may_alert(said) and _ALERT.search(said):
                    return True
                return any(p.search(said) for p in patterns)

            missing = [lang for lang in languages if not warns(text, lang) and not warns(own, lang)]
            if not missing:
                continue
            where = "" if len(languages) == 1 else f" (not in: {', '.join(missing)})"
            unknown_prompt = node.prompt is not None and own is None
            warned = (
                "and no `no_input` message warns first (the prompt is a recording: its words are unknown)"
                if unknown_prompt
                else "and the caller is never warned"
            )
            yield Violation(
                anchor,
                f"silence can end the call at `{node.id}`: {how}, {warned}{where}",
                node=key,
                hint='make the last `no_input` message warn: "Are you still there? … we will end the call"',
            )

"""ST008 `silent-hangup`: the call ends without a word after a choice, a check or a failed transfer.

Hang-ups after silence or wrong keys are left to HD007 (`timeout-alert`),
HD008 (`wrong-key-hangup`) and ST006 (`failure-fallback`); this rule judges
the other ways into a hang-up that says nothing.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from functools import cache

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import MenuNode, Option

__all__ = ["SilentHangup"]


# Edges into a hang-up that other rules judge (failures) or that never end a call by themselves.
_SKIPPED = frozenset({"no-input", "no-match", "fallback", "back", "repeat", "top"})


# Nodes that say nothing and pass the call on: walk back through them to what the caller last did.
_SILENT_PASSING = frozenset({"branch"})


_WHEN = {"busy": "is busy", "no-answer": "is not answered", "closed": "is closed", "overflow": "overflows"}


# An option meant to end the call ("to disconnect, press 0"): its silent hang-up is what was asked for. Compiled
# when a silent hang-up is first met (most lints meet none); cached, safe from several threads at once.
@cache
def _ends() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:hang(?:ing)? up|hang-up|end(?: (?:the|this|your))?(?: call)?|(?:finish|close|leave|stop)(?: (?:the|this|your|our))? (?:call|line)"
        r"|disconnect|exit|goodbye|good bye|bye|quit"
        r"|lopet\w*|katkais\w*|puhelun lopetus|avsluta\w*|lägg på)\b",
        re.IGNORECASE,
    )


def _asks_to_end(ctx: Context, menu_key: str, option: Option | None) -> bool:
    """The option asks to end the call, or may: it has no words and the menu's prompt is a recording,
    which may well say "press 2 to end the call" (unknown words are not judged)."""
    text = option.label or option.say if option is not None else None
    if text is not None:
        ends = _ends()
        return any(ends.search(value) for _, value in text.values)
    prompt = getattr(ctx.menuset.nodes[menu_key], "prompt", None)
    return prompt is not None and prompt.text is None


def _option(ctx: Context, menu_key: str, key: str | None) -> Option | None:
    menu = ctx.menuset.nodes[menu_key]
    if not isinstance(menu, MenuNode) or key is None:
        return None
    return next((o for o in ctx.heard.options(menu) if o.key == key), None)


def _silent(node) -> bool:
    return getattr(node, "prompt", None) is None


@register
class SilentHangup(Rule):
    """
    ## What it does
    Finds hang-ups that say nothing (no `say`, no `audio`) and that a call
    reaches without hearing anything first: straight after a key (an option
    whose label does not ask to end the call; an option with no words in a
    menu whose prompt is a recording is not judged), after an entry, when a
    transfer to a person is busy, unanswered or closed (an automated
    system, such as a voicemail box, says its own goodbye), or through
    checks the caller does not hear (`branch` nodes) from one of these or
    from the start of the call. Hang-ups after silence or a wrong key are left to
    `timeout-alert`, `wrong-key-hangup` and `failure-fallback`; a message
    just before the hang-up ("We're sorry, an error occurred. Goodbye.") is
    a goodbye, and so is the end of a recorded message.

    ## Why is this bad?
    A conversation ends with both sides saying goodbye; a line that goes
    dead without a word feels rude, or broken, and callers ring again
    [CLARK], [VUID]. When the system ends the call because of a processing
    problem it should apologise; after a completed task it should say it is
    done [VUID]. Callers who pressed a key and hear the line drop cannot
    tell whether their request (a task, a call-back) went through.

    ## Example
    ```yaml
    check_hours:
      type: branch
      schedule: office
      cases: {open: main}
      default: end
    end:
      type: hangup
    ```

    ## Use instead
    ```yaml
    end:
      type: hangup
      say: Sorry, we're closed. Our lines open at 8 am on weekdays. Goodbye.
    ```

    ## Options
    None.

    ## References
    - [CLARK] Clark 1996, *Using Language* (Cambridge University Press), on how conversations close (as cited by [VUID])
    - [VUID] VUI design wiki, "Hang-ups and Goodbyes", http://videsign.wikispaces.com/Hang-ups%20and%20Goodbyes
    """

    code = "ST008"
    name = "silent-hangup"
    summary = "The call ends without a word after a choice, a check or a failed transfer"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("hangup"):
            if key not in ctx.reachable or not _silent(node):
                continue
            how = self._reached(ctx, key)
            if how is None:
                continue
            yield Violation(
                node.span,
                f"`{node.id}` ends the call without a word {how}",
                node=key,
                hint="say goodbye first: what happened, and what the caller can do next",
            )

    @staticmethod
    def _reached(ctx: Context, target: str) -> str | None:
        """How a call gets to the silent hang-up `target` with nothing said since the caller's last move."""
        graph = ctx.graph
        nodes = ctx.menuset.nodes
        entry = ctx.menuset.entry
        seen = {target}
        queue: deque[tuple[str, str | None]] = deque([(target, None)])  # (node, the check it passed through)
        while queue:
            current, through = queue.popleft()
            if current == entry:
                return "at the start of the call" + (f", when `{ctx.name(through)}` sends it there" if through else "")
            for source, _, data in graph.in_edges(current, data=True):
                kind = data["kind"]
                if kind in _SKIPPED or source not in ctx.reachable:
                    continue
                before = nodes[source]
                via = through if through is not None else (current if current != target else None)
                after = f" (through `{ctx.name(via)}`)" if via is not None else ""
                if before.type == "menu" and kind in ("option", "global-option", "extension"):
                    if kind != "extension" and _asks_to_end(ctx, source, _option(ctx, source, data.get("key"))):
                        continue
                    pressed = "an extension" if kind == "extension" else f"key {data.get('key')}"
                    return f"after {pressed} in `{ctx.name(source)}`{after}"
                if before.type == "input" and kind == "next":
                    return f"after the entry in `{ctx.name(source)}`{after}"
                if before.type == "transfer" and kind in _WHEN and getattr(before, "person", False):
                    return f"when `{ctx.name(source)}` {_WHEN[kind]}{after}"
                if (
                    before.type in _SILENT_PASSING or (before.type == "message" and _silent(before))
                ) and source not in seen:
                    seen.add(source)
                    queue.append((source, via if via is not None else source))
        return None

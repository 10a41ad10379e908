"""ST006 `failure-exit`: Callers who run out of tries are hung up on or sent round again."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from ..lazyregex import compiled_on_first_need
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import BranchNode, HangupNode, Interactive, MessageNode, Node, Target, TransferNode

__all__ = ["FailureExit"]


@register
class FailureExit(Rule):
    """
    ## What it does
    Follows a caller who keeps failing in a menu or an input (pressing
    nothing, or wrong keys) until the tries run out: the first no-input or
    no-match handler with a `goto` that is used, else the `fallback`. That
    route must end with a person, a call-back, voicemail, a `return` to the
    calling flow, or a closing message that names another channel (a website,
    an app, a chat, an email, a text message or a phone number) before
    hanging up. It reports a
    menu or input with no fallback at all (the call ends without a word), a
    route that ends in a silent hang-up or one that names no other channel,
    one that ends at an automated line (`person: false`), and one that leads
    back into a menu where the tries start over (round forever).

    ## Why is this bad?
    The callers who run out of tries are the ones who struggle most; hanging
    up on them, silently or with a bare "goodbye", loses them. Avaya's
    guidance is to tell callers to hold for an attendant and transfer them;
    ACIxD and Alpine say the same, with a call-back or another channel when
    nobody is available [AVAYA-E], [ACX-fail], [ALP].

    ## Example
    ```yaml
    settings:
      retries: 2
      fallback: goodbye
    nodes:
      goodbye:
        type: hangup
        say: Thank you for calling. Goodbye.
    ```

    ## Use instead
    ```yaml
    settings:
      retries: 2
      fallback: agent       # or a call-back, or voicemail
    ```

    ## Options
    - `channel_words` (default `[]`): more words or phrases that name
      another channel in a closing message, besides the built-in English and
      Finnish ones (website, chat, email, verkkosivu, sähköposti, ...).

    ## References
    - [AVAYA-E] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15497.htm
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    - [ALP] http://www.alpines.com/VrMistakes.htm
    """

    code = "ST006"
    name = "failure-exit"
    summary = "Callers who run out of tries are hung up on or sent round again"
    level = Level.WARNING
    options = {
        "channel_words": RuleOption(list, [], "more words that name another channel in a closing message"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        words = tuple(word.lower() for word in self.option("channel_words"))
        walker = _FailureWalker(ctx, words)
        stuck = ctx.facts.stuck
        for key, node in ctx.nodes("menu", "input"):
            if key not in ctx.reachable or key in stuck:
                continue
            for route, target in walker.routes(key):
                if target is None:
                    yield Violation(
                        node.span,
                        f"when the tries run out in `{node.id}` the call ends without a word: "
                        "there is no `fallback` on the node or in `settings`",
                        node=key,
                        hint="add `fallback:` leading to a person, a call-back or voicemail",
                    )
                    continue
                verdict = walker.verdict(target, start=key)
                if verdict is None:
                    continue
                what, where = verdict
                yield Violation(
                    target.span,
                    _failure_message(ctx, what, where, route, node),
                    node=key if not _is_setting(ctx, target) else None,
                    hint="send callers who run out of tries to a person, a call-back or voicemail; "
                    "if nobody can take the call, name another channel before hanging up",
                )


_CHANNEL_WORDS = (
    # English
    "website",
    "web site",
    "online",
    "on line",
    "dot com",
    "dot co",
    "www",
    "http",
    ".com",
    ".fi",
    "app",
    "chat",
    "email",
    "e-mail",
    "text us",
    "message us",
    "write to",
    "call us",
    "phone us",
    "ring us",
    "call back",
    "call you back",
    "branch",
    "visit",
    # Finnish
    "verkko",
    "sivu",
    "nettisivu",
    "kotisivu",
    "piste fi",
    "piste com",
    "sovellu",
    "chat",
    "sähköpost",
    "tekstiviest",
    "soita",
    "soitamme",
    "asioi",
    "toimipist",
    "osoittee",
)


# A phone number in a hang-up's words, compiled when a hang-up's words are first read.
_phone_number = compiled_on_first_need(r"\d[\d ]{4,}\d")


def _names_channel(text: str, extra: tuple[str, ...]) -> bool:
    lowered = " " + text.lower() + " "
    if _phone_number().search(lowered):
        return True
    for word in _CHANNEL_WORDS + extra:
        if word == "app":
            if re.search(r"\bapp\b", lowered):
                return True
        elif word in lowered:
            return True
    return False


def _is_setting(ctx: Context, target: Target | None) -> bool:
    return target is not None and any(
        menu_file.settings.fallback is not None and menu_file.settings.fallback.span == target.span
        for menu_file in ctx.menuset.files.values()
    )


class _FailureWalker:
    """Where a caller who never presses a valid key ends up."""

    def __init__(self, ctx: Context, words: tuple[str, ...]):
        self.ctx = ctx
        self.words = words
        self.done: dict[str, tuple[str, str] | None] = {}
        self.active: set[str] = set()

    def routes(self, key: str) -> list[tuple[str, Target | None]]:
        """One (what, target) per failure kind: a handler's goto used before the tries run out, else the fallback."""
        node = self.ctx.menuset.nodes[key]
        assert isinstance(node, Interactive)
        settings = self.ctx.menuset.settings_of(node)
        retries = node.setting("retries", settings)
        fallback = node.fallback or settings.fallback
        result: list[tuple[str, Target | None]] = []
        seen: set = set()
        for kind, handlers in (("no-input", node.no_input), ("no-match", node.no_match)):
            chosen: tuple[str, Target | None] = ("fallback", fallback)
            used = handlers[: min(retries, len(handlers))]
            for handler in used:
                if handler.goto is not None:
                    chosen = (f"{kind} handler", handler.goto)
                    break
            ident = (chosen[0] if chosen[0] == "fallback" else "handler", chosen[1].span if chosen[1] else None)
            if ident not in seen:
                seen.add(ident)
                result.append(chosen)
        return result

    def verdict(self, target: Target, start: str) -> tuple[str, str] | None:
        """None when the route ends well; else (problem, node key)."""
        if target.node_key is None:
            return None  # `return`: the calling flow carries on
        self.active = {start}
        return self._walk(target.node_key, [])

    def _walk(self, key: str, texts: list[str | None]) -> tuple[str, str] | None:
        """Where the failure route from `key` ends up: `_steps` run with a stack of their own rather than
        Python's, so that a route through thousands of menus (each failing into the next) is no crash."""
        stack = [self._steps(key, texts, frozenset())]
        value: tuple[str, str] | None = None
        while stack:
            try:
                wanted = stack[-1].send(value)
            except StopIteration as finished:
                stack.pop()
                value = finished.value
                continue
            stack.append(self._steps(*wanted))
            value = None
        return value

    def _steps(
        self, key: str, texts: list[str | None], passing: frozenset[str]
    ) -> Generator[tuple[str, list[str | None], frozenset[str]], tuple[str, str] | None, tuple[str, str] | None]:
        """`_walk` of one node: yields (key, texts, passing) for each route it follows on, is sent where that
        ends up, and returns where its own route ends up. `passing`: the messages and branches on the way since
        the last menu or input, which never wait for the caller; a route that comes back to one goes round them
        forever, a loop ST003 `loop-without-exit` reports, so it is no failure exit's problem here."""
        ctx = self.ctx
        node = ctx.menuset.nodes[key]
        while isinstance(node, MessageNode):  # (a loop, not a call per message: a long chain of them is no crash)
            if key in passing or node.next.node_key is None:
                return None
            passing |= {key}
            texts = texts + [self._text(node)]
            key = node.next.node_key
            node = ctx.menuset.nodes[key]
        if isinstance(node, TransferNode):
            return None if node.person else ("automated", key)
        if node.type in ("voicemail", "callback"):
            return None
        if isinstance(node, HangupNode):
            return self._closing(node, key, texts)
        if isinstance(node, BranchNode):
            if key in passing:
                return None
            passing |= {key}
            for _, target in list(node.cases) + ([("default", node.default)] if node.default else []):
                if target.node_key is None:
                    continue
                found = yield (target.node_key, texts, passing)
                if found is not None:
                    return found
            return None
        # A menu or an input: a caller who keeps failing fails there too.
        if key in self.active:
            return ("loop", key)
        if key in self.done:
            return self.done[key]
        self.active.add(key)
        result = None
        for _, failure_target in self.routes(key):
            if failure_target is None:
                result = ("silent-end", key)
            elif failure_target.node_key is not None:
                result = yield (failure_target.node_key, [], frozenset())
            if result is not None:
                break
        self.active.discard(key)
        if result is None or result[0] != "loop":
            self.done[key] = result
        return result

    def _text(self, node: Node) -> str | None:
        """Everything the node says, in every language; None when only a recording is known."""
        if node.prompt is None:
            return ""
        if node.prompt.text is None:
            return None
        return " ".join(text for _, text in node.prompt.text.values)

    def _closing(self, node: HangupNode, key: str, texts: list[str | None]) -> tuple[str, str] | None:
        spoken = texts + [self._text(node)]
        if any(text is None for text in spoken):
            return None  # a recording with unknown words: the audio rule reports it
        if not any(text.strip() for text in spoken if text):
            return ("silent-hangup", key)
        if any(_names_channel(text, self.words) for text in spoken if text):
            return None
        return ("no-channel", key)


def _failure_message(ctx: Context, what: str, where: str, route: str, node: Node) -> str:
    assert isinstance(node, Interactive)  # failure routes leave menus and inputs
    place = ctx.name(where)
    if route == "fallback":
        if _is_setting(ctx, node.fallback or ctx.menuset.settings_of(node).fallback):
            lead = "callers who run out of tries go to the `settings.fallback`"
        else:
            lead = f"callers who run out of tries in `{node.id}` go to its fallback"
    else:
        handlers = node.no_input if route.startswith("no-input") else node.no_match
        jump = next((h.goto for h in handlers if h.goto is not None), None)
        to = f" to `{ctx.name(jump.node_key)}`" if jump is not None and jump.node_key else ""
        lead = f"the {route} of `{node.id}` sends callers who keep failing{to}"
    if what == "silent-hangup":
        return f"{lead}, which ends at `{place}`: a hang-up without a word"
    if what == "no-channel":
        return f"{lead}, which hangs up at `{place}` without offering a person or naming another way to get help"
    if what == "automated":
        return f"{lead}, which ends at `{place}`, an automated line (`person: false`), not a person"
    if what == "silent-end":
        return f"{lead}, which leads to `{place}`, where the call ends without a word when its tries run out"
    return f"{lead}, which leads back into `{place}`, where the tries start over: callers can go round forever"

"""What the handler rules (HD001-HD007) share: the nodes that wait for keys, their settings and fallbacks,
and the handlers a caller hears."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..model import Handler, Interactive, Target

__all__ = ["interactive_nodes", "fallback_of", "heard_handlers", "missing_handler"]


def interactive_nodes(ctx: Context) -> Iterator[tuple[str, Interactive]]:
    for key, node in ctx.nodes("menu", "input"):
        assert isinstance(node, Interactive)
        yield key, node


def fallback_of(ctx: Context, node: Interactive) -> Target | None:
    return node.fallback if node.fallback is not None else ctx.menuset.settings_of(node).fallback


def heard_handlers(handlers: tuple[Handler, ...], retries: int) -> list[Handler]:
    """The handlers a caller hears on failures 1..retries, up to the first that leaves (has a goto)."""
    heard = []
    for attempt in range(retries):
        if not handlers:
            break
        handler = handlers[min(attempt, len(handlers) - 1)]
        heard.append(handler)
        if handler.goto is not None:
            break
    return heard


def _replays_the_prompt(node, handlers) -> bool:
    """Every handler only plays the node's own prompt recording again (FreeSWITCH menus whose invalid-sound is
    the greeting file): to the caller that is no handler at all."""
    prompt = node.prompt
    if prompt is None or prompt.audio is None or prompt.text is not None:
        return False
    return all(
        h.goto is None
        and h.prompt is not None
        and h.prompt.text is None
        and h.prompt.audio is not None
        and h.prompt.audio.values == prompt.audio.values
        for h in handlers
    )


def missing_handler(ctx: Context, field: str, what: str) -> Iterator[Violation]:
    for key, node in interactive_nodes(ctx):
        handlers = getattr(node, field)
        if handlers and not _replays_the_prompt(node, handlers):
            continue
        retries = ctx.setting(node, "retries")
        if retries == 0:
            # No re-prompt: the first failure goes straight to the fallback (or ends the call), so the
            # caller never hears the prompt again and a handler would never be heard either. The single
            # try is retry-limit's; a fallback that hangs up is timeout-alert's and wrong-key-hangup's.
            continue
        fallback = fallback_of(ctx, node)
        if fallback is None:
            yield Violation(
                node.span,
                (
                    f"`{node.id}` answers {what} with its own prompt recording again and has no fallback"
                    if handlers
                    else f"`{node.id}` has no `{field}` handler and no fallback"
                )
                + f": after {what} the caller hears the same prompt with no help, and after {retries + 1} tries the "
                "call ends",
                node=key,
                hint=f'add `{field}` handlers that add help ("press 0 for an adviser") and a `fallback` to a person',
                level=Level.ERROR,
            )
        else:
            yield Violation(
                node.span,
                (
                    f"`{node.id}` answers {what} with its own prompt recording again: the caller gets no help"
                    if handlers
                    else f"`{node.id}` has no `{field}` handler: after {what} the caller hears the same prompt again with no help"
                ),
                node=key,
                hint=f'add `{field}` handlers: first a short "Sorry", then real help',
                level=Level.WARNING,
            )

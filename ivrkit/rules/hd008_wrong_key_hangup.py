"""HD008 `wrong-key-hangup`: The first wrong key ends the call."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import Interactive, Target
from ._menu_shape_common import closure_of, goes_on

__all__ = ["WrongKeyHangup"]


_WAITING = frozenset({"menu", "input", "transfer", "voicemail", "callback"})


def _hangs_up(ctx: Context, target: Target | None) -> str | None:
    """The hang-up a call sent to `target` ends at without a keypress, if nothing else can happen."""
    closure = closure_of(ctx, target)
    nodes = ctx.menuset.nodes
    kinds = {nodes[key].type for key in closure}
    if "hangup" not in kinds or kinds & _WAITING:
        return None
    return next(nodes[key].id for key in closure if nodes[key].type == "hangup")


@register
class WrongKeyHangup(Rule):
    """
    ## What it does
    Finds menus and inputs where the first wrong key ends the call: the
    first `no_match` handler leads (without a keypress) only to a hang-up,
    or there are no retries (`retries: 0`) and the fallback hangs up or
    there is none. An input whose wrong entry goes on to its own `next`
    (as Asterisk's `Read()` goes on with whatever was entered [AST-read])
    is left out: a wrong entry goes where a right one does, so the end of
    the call there is not the wrong key's doing.

    ## Why is this bad?
    Anyone can mistype one key. The GetHuman standard asks never to
    disconnect a caller for their errors [GH]; Avaya's and ACIxD's guidance
    is two or three tries with help, then a person [AVAYA-E], [ACX-fail].

    ## Example
    ```yaml
    main:
      type: menu
      no_match:
        - say: That is not a valid choice. Goodbye.
          goto: goodbye
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      fallback: agent
      no_match:
        - say: Sorry, that is not one of the options.
        - say: Sorry, that still isn't an option. For an adviser, press 0.
    ```

    ## Options
    None.

    ## References
    - [GH] GetHuman standard 1.0, http://gethuman.com/standard/v1.0.html
    - [AVAYA-E] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15497.htm
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    - [AST-read] https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/Read/
    """

    code = "HD008"
    name = "wrong-key-hangup"
    summary = "The first wrong key ends the call"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("menu", "input"):
            if key not in ctx.reachable:
                continue
            assert isinstance(node, Interactive)
            first = node.no_match[0] if node.no_match else None
            if first is not None and first.goto is not None:
                if goes_on(node, first.goto):
                    continue
                end = _hangs_up(ctx, first.goto)
                if end is not None:
                    yield Violation(
                        first.span,
                        f"the first wrong key in `{node.id}` ends the call: its `no_match` handler "
                        f"leads to the hang-up `{end}`",
                        node=key,
                        hint="re-prompt after a wrong key (a `no_match` message without `goto`), "
                        "and send callers who keep failing to a person",
                    )
                continue
            if ctx.setting(node, "retries") != 0:
                continue
            fallback = node.fallback if node.fallback is not None else ctx.menuset.settings_of(node).fallback
            if goes_on(node, fallback):
                continue
            if fallback is None:
                how = "there are no retries and no fallback"
            else:
                end = _hangs_up(ctx, fallback)
                if end is None:
                    continue
                how = f"there are no retries and the fallback hangs up (`{end}`)"
            yield Violation(
                node.span,
                f"the first wrong key in `{node.id}` ends the call: {how}",
                node=key,
                hint="set `retries: 2` and a fallback to a person",
            )

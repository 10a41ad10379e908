"""Menu-shape rules: what a caller can do in one menu, and what one wrong key costs.

- KY009 `repeat-available`: a menu whose options can never be heard again.
- KY010 `mixed-key-length`: one menu mixing 1-digit and longer keys.
- ST007 `pointless-menu`: a menu with one option, or only back/repeat options.
- HD008 `wrong-key-hangup`: the first wrong key ends the call.

Each is judged on reachable menus only (an unreachable one is ST002's).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..language import announced_keys
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, register
from ..model import InputNode, Interactive, MenuNode, Option, Target
from ..prompts import text_in

__all__ = ["RepeatAvailable", "MixedKeyLength", "PointlessMenu", "WrongKeyHangup"]

_WAITING = frozenset({"menu", "input", "transfer", "voicemail", "callback"})


def _closure(ctx: Context, target: Target | None) -> list[str]:
    if target is None or target.node_key is None or target.node_key not in ctx.menuset.nodes:
        return []
    return ctx.facts.free_closure(target.node_key)


def _comes_back(ctx: Context, target: Target | None, menu_key: str) -> bool:
    """Whether a call sent to `target` is back at `menu_key` without pressing a key."""
    return menu_key in _closure(ctx, target)


def _choices(ctx: Context, menu: MenuNode) -> tuple:
    """What each key of a menu does (own and global options, extensions), to compare two menus by
    (computed once per menu and run)."""
    memo = ctx.memo.setdefault("menu_shape:choices", {})
    if menu.key not in memo:
        memo[menu.key] = _compute_choices(ctx, menu)
    return memo[menu.key]


def _compute_choices(ctx: Context, menu: MenuNode) -> tuple:
    options = sorted(
        (o.key, o.action, o.goto.node_key if o.goto else None, o.then.node_key if o.then else None, o.language)
        for o in _options(ctx, menu)
    )
    extensions = sorted(
        (str(route.key), route.target.node_key if route.target else None)
        for route in menu.routes() if route.kind == "extension"
    )
    return tuple(options), tuple(extensions)


def _replays(ctx: Context, target: Target | None, menu_key: str) -> bool:
    """Whether a call sent to `target` hears `menu_key`'s options again without pressing a key: it
    comes back to the menu, or to a menu with the same keys and destinations (a retry menu, as
    importers make of FreeSWITCH's greet-short, which says the options in fewer words)."""
    closure = _closure(ctx, target)
    if menu_key in closure:
        return True
    nodes = ctx.menuset.nodes
    menu = nodes[menu_key]
    assert isinstance(menu, MenuNode)
    for key in closure:
        other = nodes[key]
        if isinstance(other, MenuNode) and _choices(ctx, other) == _choices(ctx, menu) and _choices(ctx, menu)[0]:
            return True
    return False


def _hangs_up(ctx: Context, target: Target | None) -> str | None:
    """The hang-up a call sent to `target` ends at without a keypress, if nothing else can happen."""
    closure = _closure(ctx, target)
    nodes = ctx.menuset.nodes
    kinds = {nodes[key].type for key in closure}
    if "hangup" not in kinds or kinds & _WAITING:
        return None
    return next(nodes[key].id for key in closure if nodes[key].type == "hangup")


def goes_on(node: Interactive, target: Target | None) -> bool:
    """Whether failing at `node` leads where an entry does: an input whose failure path is its own
    `next` (Asterisk's Read() goes on with whatever was entered, even nothing). What happens there is the
    flow's, not the failure's doing."""
    return (
        isinstance(node, InputNode)
        and target is not None
        and target.node_key is not None
        and target.node_key == node.next.node_key
        and target.raw == node.next.raw
    )


def _few(keys: list[str], most: int = 5) -> str:
    """``1, 2, 3, 4 and 6 more``: keys for a message, kept short for huge menus."""
    if len(keys) <= most:
        return ", ".join(keys)
    return f"{', '.join(keys[:most - 1])} and {len(keys) - most + 1} more"


def _options(ctx: Context, menu: MenuNode) -> tuple[Option, ...]:
    return ctx.menuset.file_of(menu).options_of(menu)


def _setting(ctx: Context, node: Interactive, name: str):
    return node.setting(name, ctx.menuset.settings_of(node))


@register
class RepeatAvailable(Rule):
    """
    ## What it does
    Finds menus whose options a caller can never hear again: no option (of
    the menu or global) repeats it (`action: repeat`, or a `goto` that comes
    back to the menu without a keypress), and silence does not replay it
    either — there are no retries (`retries: 0`), or the first `no_input`
    handler sends the call somewhere other than back to the menu. A menu
    with the same keys leading to the same places counts as the menu
    again: importers turn FreeSWITCH's `greet-short`, the shorter greeting
    played on every later round of a menu [FS], into such a retry menu,
    which says the options once more.

    ## Why is this bad?
    A caller who missed an option has to guess or hang up and call again.
    Repeat is one of the standard commands of ISO/IEC 13714 (beside help,
    back and end) [ISO]; AT&T's guidelines reserve a key for it [ATT], and
    Genesys replays a menu on silence by default [GEN].

    ## Example
    ```yaml
    main:
      type: menu
      retries: 0
      fallback: agent
      options:
        "1": {label: pay a bill, goto: billing}
        "2": {label: report a fault, goto: faults}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      fallback: agent
      options:
        "1": {label: pay a bill, goto: billing}
        "2": {label: report a fault, goto: faults}
        "*": {label: hear these options again, action: repeat}
    ```

    ## Options
    None.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [ATT] https://manualsdump.com/en/manuals/at-and-t-3model/258383/317
    - [GEN] https://help.mypurecloud.com/articles/calculating-timeout-behavior/
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    """

    code = "KY009"
    name = "repeat-available"
    summary = "A menu's options can never be heard again"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu in ctx.menus():
            if key not in ctx.reachable or not (menu.options or menu.extensions):
                continue
            if any(
                option.action == "repeat" or (option.action is None and _replays(ctx, option.goto, key))
                for option in _options(ctx, menu)
            ):
                continue
            retries = _setting(ctx, menu, "retries")
            first = menu.no_input[0] if menu.no_input else None
            if retries > 0 and (first is None or first.goto is None or _replays(ctx, first.goto, key)):
                continue  # silence replays the menu (or a retry menu with the same keys)
            why = (
                "silence does not replay it (retries: 0)"
                if retries == 0
                else "silence does not replay it (the first `no_input` handler leads away)"
            )
            yield Violation(
                menu.span,
                f"callers cannot hear the options of `{menu.id}` again: no option repeats the menu and {why}",
                node=key,
                hint="add a repeat option (e.g. `\"*\": {label: hear these options again, action: repeat}`)"
                " or let silence replay the menu",
            )


@register
class MixedKeyLength(Rule):
    """
    ## What it does
    Finds menus whose announced option keys (its own and the global ones it
    keeps) have different numbers of digits, such as 1, 2 and 10. It
    reports the first key whose length differs from the menu's shortest
    keys. Unannounced direct-dial numbers (`announce: false`) and dialling
    an extension (`extensions`) are not counted; with `announce_options:
    false` the keys the prompt's words name are counted, and an audio-only
    prompt is not judged;
    when a short key is also the start of a longer one, `prefix-collision`
    (KY007) reports the wait on that key as well.

    ## Why is this bad?
    A platform that collects up to the longest key's length waits the
    inter-digit timeout after every shorter key (FreeSWITCH's `digit-len`,
    VoiceXML's `interdigittimeout`), so callers hear nothing after the
    one-digit options and press again [FS], [VXML]. Mixed lengths also break
    the one-key-per-choice pattern callers learn from the rest of the line
    [ACX-dtmf].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
        "2": {label: report a fault, goto: faults}
        "10": {label: hear about our new tariffs, goto: tariffs}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay a bill, goto: billing}
        "2": {label: report a fault, goto: faults}
        "3": {label: hear about our new tariffs, goto: tariffs}
    ```

    ## Options
    None.

    ## References
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    - [VXML] https://www.w3.org/TR/voicexml20/ (§6.3.3 DTMF properties)
    - [ACX-dtmf] http://acixd.org/wiki/doku.php?id=dtmf_keys_common_usage
    """

    code = "KY010"
    name = "mixed-key-length"
    summary = "One menu mixes keys of different lengths"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu in ctx.menus():
            if key not in ctx.reachable:
                continue
            options = _announced_digit_keys(ctx, menu)
            lengths = sorted({len(option.key) for option in options})
            if len(lengths) < 2:
                continue
            short = [option.key for option in options if len(option.key) == lengths[0]]
            odd = next(option for option in options if len(option.key) != lengths[0])
            long_keys = [option.key for option in options if len(option.key) != lengths[0]]
            span = odd.key_span if not odd.is_global else menu.span
            yield Violation(
                span,
                f"`{menu.id}` mixes {lengths[0]}-digit keys ({_few(short)}) with longer keys "
                f"({_few(long_keys)}): callers who press a short key may wait out the inter-digit timeout",
                node=key,
                hint="give every option of the menu the same number of digits (usually one)",
            )


def _announced_digit_keys(ctx: Context, menu: MenuNode) -> list[Option]:
    """The digit options a caller is told about; unannounced direct-dial numbers are left out.

    With `announce_options: false` the hand-written prompt says which keys are offered; when its
    words are unknown (audio only), nothing is judged.
    """
    options = [option for option in _options(ctx, menu) if option.key.isdigit()]
    if menu.announce_options:
        return [option for option in options if option.announce]
    text = menu.prompt.text if menu.prompt is not None else None
    if text is None:
        return []
    language = ctx.menuset.file_of(menu).language
    value = text_in(text, language, language)[0] or ""
    said = {mention.key for mention in announced_keys(value, language)}
    return [option for option in options if option.key in said]


def _navigation_only(ctx: Context, key: str, option: Option) -> bool:
    """An option that only repeats the menu or goes back (to the main menu or another menu above)."""
    from .keys import option_meaning

    if option.action is not None:
        return True
    if option.language or option.goto is None:
        return option.goto is not None and option.goto.is_return
    return option_meaning(ctx, key, option) == "navigation"


@register
class PointlessMenu(Rule):
    """
    ## What it does
    Finds menus that offer no real choice: a single option (its own and the
    global ones it keeps, with no `extensions`), or options that only
    repeat the menu or go back (to a menu above or to the main menu).

    ## Why is this bad?
    Every menu costs the caller the time to hear it and one more keypress
    before a destination; broad, shallow menus beat deep ones [COM08], and
    first-time callers do best with few keyed responses [DUN98]. A menu of
    one choice is a message that makes the caller press a key; a menu of
    only "repeat" and "back" leads nowhere.

    ## Example
    ```yaml
    support:
      type: menu
      options:
        "1": {label: speak to technical support, goto: support_team}
    ```

    ## Use instead
    ```yaml
    support:
      type: message
      say: Connecting you to technical support.
      next: support_team
    ```

    ## Options
    None.

    ## References
    - [COM08] Commarford, Lewis, Smither & Gentzler 2008, Human Factors 50(1):77–89, doi 10.1518/001872008X250665; https://stars.library.ucf.edu/scopus2000/10692
    - [DUN98] Dunlap 1998 (dissertation), https://www.globethesis.com/?t=1465390014478806
    """

    code = "ST007"
    name = "pointless-menu"
    summary = "A menu offers one option, or only ways to repeat or go back"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, menu in ctx.menus():
            if key not in ctx.reachable or menu.extensions is not None:
                continue
            options = _options(ctx, menu)
            if not options:
                continue  # no options at all is a dead end or a prompt-key problem, reported elsewhere
            if len(options) == 1:
                message = f"`{menu.id}` offers a single option ({options[0].key}): it is a message with a keypress"
            elif all(_navigation_only(ctx, key, option) for option in options):
                keys = _few([option.key for option in options])
                message = f"`{menu.id}` only offers ways to repeat or go back ({keys}): it leads nowhere new"
            else:
                continue
            yield Violation(
                menu.span,
                message,
                node=key,
                hint="merge the menu into the one before it, or make it a message that goes straight on",
            )


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
            if _setting(ctx, node, "retries") != 0:
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

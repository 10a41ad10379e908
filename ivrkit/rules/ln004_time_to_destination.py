"""LN004 `time-to-destination`: A first-time caller needs a long time to reach a destination."""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import InputNode, MenuNode, MessageNode, Node, Target
from ..timing import OPTION_PAUSE, speech_seconds

__all__ = ["TimeToDestination"]


_CONFIRM = {
    "en": "You entered {digits}. If that is right, press 1. To enter it again, press 2.",
    "fi": "Näppäilit {digits}. Jos numero on oikein, paina 1. Jos haluat näppäillä sen uudelleen, paina 2.",
}


_FOLLOWED = frozenset({"option", "global-option", "extension", "next", "case", "default", "closed"})


def _menu_costs(ctx: Context, node: MenuNode, language: str) -> tuple[dict[str, float], float, bool]:
    """Seconds until each announced key's option has been said, the whole prompt, and whether all is known."""
    heard = ctx.heard
    costs: dict[str, float] = {}
    elapsed, count, complete = 0.0, 0, True
    for segment, seconds in zip(heard.segments(node, language), heard.seconds(node, language)):
        if seconds is None:
            complete = False
            seconds = 0.0
        if seconds:
            elapsed += seconds + (OPTION_PAUSE if count else 0.0)
            count += 1
        if segment.key is not None:
            costs.setdefault(segment.key, elapsed)
    return costs, elapsed, complete


def _node_cost(ctx: Context, node: Node, language: str, seconds_per_digit: float) -> tuple[float, bool]:
    if isinstance(node, (MessageNode, InputNode)):
        seconds, complete = ctx.heard.spoken(node, language)
        if isinstance(node, InputNode):
            digits = seconds_per_digit * node.min_digits
            seconds += digits
            if node.confirm:
                template = _CONFIRM.get(language.split("-")[0], _CONFIRM["en"])
                seconds += speech_seconds(
                    template.format(digits=" ".join("5" * node.min_digits)), language, ctx.heard.rate(node)
                )
        return seconds, complete
    return 0.0, True


_Move = tuple[float, str | None, str, str | None, str | None]
"""One way on from a node: (seconds before it is taken, the key pressed or None, the language after it,
the target node key or None for ``return``, the node a later ``return`` continues to or None)."""


def _menu_routes(ctx: Context, menu: MenuNode) -> Iterator[tuple[str | None, Target, Target | None]]:
    """(key, target, then) of the routes out of `menu` a caller follows, in `MenuSet.routes` order, read from
    its options without building the routes: its own options that lead somewhere, its extensions (key None),
    then the global options it keeps (`ctx.heard.options`, shared with other rules). No other route of a menu
    is in `_FOLLOWED` (no-input, no-match and fallback are failures, an action has no target)."""
    own = menu.options
    for option in own:
        if option.action is None and option.goto is not None:
            yield option.key, option.goto, option.then
    if menu.extensions is not None:
        yield None, menu.extensions[2], None
    for option in ctx.heard.options(menu)[len(own) :]:
        if option.action is None and option.goto is not None:
            yield option.key, option.goto, option.then


def _moves(ctx: Context, node: Node, language: str, seconds_per_digit: float) -> tuple[bool, list[_Move]]:
    """Whether all said at `node` in `language` is known, and the ways a first-time caller goes on from it
    (the routes of `MenuSet.routes` in `_FOLLOWED`, in their order), each with what it costs."""
    moves: list[_Move] = []
    if isinstance(node, MenuNode):
        costs, whole, known = _menu_costs(ctx, node, language)
        languages = {o.key: o.language for o in ctx.heard.options(node) if o.language}
        for key, target, then in _menu_routes(ctx, node):
            if key is None:
                step, pressed = whole, "{extension}"
                new_language = language
            else:
                step, pressed = costs.get(key, whole), key
                new_language = languages.get(key, language) if languages else language
            moves.append((step, pressed, new_language, target.node_key, then.node_key if then is not None else None))
        return known, moves
    cost, known = _node_cost(ctx, node, language, seconds_per_digit)
    step = 0.0 if node.terminal else cost
    for route in ctx.menuset.routes(node):
        if route.kind in _FOLLOWED and route.target is not None:
            after = route.then.node_key if route.then is not None else None
            moves.append((step, None, language, route.target.node_key, after))
    return known, moves


_SHOWN = 12
"""LN004 shows the first and the last this many keys of a longer key sequence, and how many there are."""


_NO_KEYS: tuple = (None, None, 0, ())


_State = tuple[str, str, tuple]  # (node key, language, return stack)

MAX_STACKS_PER_NODE = 256
"""Return stacks a node is searched with, per language. A block used from many places, nested a few deep, has far
fewer ways back; only blocks that lead back into the flows that use them stack returns without end. Beyond the
bound the first (fastest) stacks to reach a node stand for the rest, so a node reached only by returning through
a stack beyond it may go untimed (and unreported): the price of a search that ends."""


def _press(keys: tuple, key: str) -> tuple:
    """`keys` followed by `key`: a link (key, previous link, count, the first `_SHOWN` keys)."""
    _, _, count, head = keys
    return (key, keys, count + 1, head + (key,) if count < _SHOWN else head)


def _pressed(keys: tuple) -> list[str]:
    """Every key of a chain of links, first to last."""
    found = []
    while keys[2]:
        found.append(keys[0])
        keys = keys[1]
    return found[::-1]


def _shown(keys: tuple) -> str:
    """The keys as a finding shows them: all of them, or the first and last `_SHOWN` and how many."""
    _, _, count, head = keys
    if count <= 2 * _SHOWN:
        return " ".join(_pressed(keys))
    tail: list[str] = []
    while len(tail) < _SHOWN:
        tail.append(keys[0])
        keys = keys[1]
    return f"{' '.join(head)} … {' '.join(reversed(tail))}; {count} keys"


@register
class TimeToDestination(Rule):
    """
    ## What it does
    Estimates how many seconds a first-time caller needs to reach each
    destination (transfer, voicemail, call-back, hang-up): everything said
    on the way, listening at each menu until their option has been said
    (no barge-in), entering digits (`seconds_per_digit` each, plus the
    read-back of a confirmed entry). The fastest path is used, through any
    branch. Destinations slower than `max_seconds` are reported as info,
    slower than `warn_seconds` (when set) as warnings.

    ## Why is this bad?
    Every second of listening is a second a caller spends before being
    helped, and every level adds a chance to guess wrong. Best results reach
    a person within two keypresses, menus should be broad rather than deep,
    and an agent should be reachable by the third menu [DUN98], [COM08],
    [SA14]; pauses between options follow [IBM-t].

    ## Example
    ```yaml
    main:
      type: menu
      say: Please listen to all of the following options before making your choice.
      options:
        "1": {label: get technical support for your internet, phone or TV service, goto: technical_support}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: fix a problem with your internet, goto: internet_team}
    ```

    ## Options
    - `max_seconds` (default `60`): report destinations slower than this, in seconds, as info.
    - `warn_seconds` (default `0`): report destinations slower than this as warnings; 0 turns warnings off.
    - `seconds_per_digit` (default `0.5`): time to press one digit of an entry, in seconds.

    ## References
    - [DUN98] Dunlap 1998 (dissertation), https://www.globethesis.com/?t=1465390014478806
    - [COM08] Commarford, Lewis, Smither & Gentzler 2008, Human Factors 50(1):77–89, doi 10.1518/001872008X250665; https://stars.library.ucf.edu/scopus2000/10692
    - [SA14] https://www.softwareadvice.com/voip/industryview/ivr-design-tips-report-2014/
    - [IBM-t] http://docs.blueworx.com/BVR/InfoCenter/V6.1/help/topic/com.ibm.wvraix.vxmlpg.doc/gsrecorded.html
    """

    code = "LN004"
    name = "time-to-destination"
    summary = "A first-time caller needs a long time to reach a destination"
    level = Level.INFO
    uses_text = True
    options = {
        "max_seconds": RuleOption(float, 60.0, "report destinations slower than this, in seconds, as info"),
        "warn_seconds": RuleOption(float, 0.0, "report destinations slower than this as warnings; 0 turns them off"),
        "seconds_per_digit": RuleOption(float, 0.5, "time to press one digit of an entry, in seconds"),
    }

    def times(self, ctx: Context) -> dict[str, tuple[float, bool, str]]:
        """For each reachable node: (seconds, every prompt on the way known, keys pressed, space-separated)."""
        return {
            key: (seconds, complete, " ".join(_pressed(keys)))
            for key, (seconds, complete, keys) in self._fastest(ctx).items()
        }

    def _fastest(self, ctx: Context) -> dict[str, tuple[float, bool, tuple]]:
        """For each reachable node: (seconds, every prompt on the way known, the keys pressed as a `_press` chain).

        A shortest-path search over (node, language, where blocks return to):
        a target with `then` remembers where a ``return`` continues, so a
        building block used by several options returns to the right one.
        The keys are a chain of links, so a deep menu costs no copying per step.
        Blocks that lead back into the flows that use them could stack returns
        in ways without number (k places to return to, 8 deep: k**8 states);
        a node is searched with at most `MAX_STACKS_PER_NODE` of them per
        language, the first (fastest) to reach it, so the search ends.
        Each node's ways on (`_moves`) are read once per language.
        """
        ms = ctx.menuset
        nodes = ms.nodes
        first_language = ms.root.language
        start: _State = (ms.entry, first_language, ())
        # The best seconds of each state, kept under the node key alone for a state in the first language with
        # nothing to return to (most states: a key's hash is kept, a state tuple's is computed at every look).
        best: dict[_State | str, float] = {ms.entry: 0.0}
        result: dict[str, tuple[float, bool, tuple]] = {}
        queue: list = [(0.0, 0, start, True, _NO_KEYS)]
        order = 0
        cache: dict[tuple[str, str], tuple[bool, list[_Move]]] = {}
        stacks_at: dict[tuple[str, str], int] = {}  # how many return stacks each (node, language) has been reached with
        seconds_per_digit = self.option("seconds_per_digit")
        infinity = float("inf")
        best_of = best.get
        push, pop = heapq.heappush, heapq.heappop
        while queue:
            seconds, _, state, complete, keys = pop(queue)
            key, lang, stack = state
            if best_of(key if not stack and lang == first_language else state, infinity) < seconds:
                continue
            if key not in result:
                result[key] = (seconds, complete, keys)
            moved = cache.get((key, lang))
            if moved is None:
                moved = cache[(key, lang)] = _moves(ctx, nodes[key], lang, seconds_per_digit)
            known, moves = moved
            complete_after = complete and known
            for step, pressed_key, new_lang, target, then in moves:
                if target is None:  # return
                    if not stack:
                        continue
                    target, new_stack = stack[-1], stack[:-1]
                else:
                    new_stack = stack
                    # a `then` of `return` continues where the caller's own return goes: the stack as it is
                    if then is not None and len(stack) < 8:
                        new_stack = stack + (then,)
                state = (target, new_lang, new_stack)
                kept = target if not new_stack and new_lang == first_language else state
                total = seconds + step
                if total < best_of(kept, infinity):
                    if new_stack and kept not in best:
                        place = (target, new_lang)
                        stacks = stacks_at.get(place, 0)
                        if stacks >= MAX_STACKS_PER_NODE:
                            continue
                        stacks_at[place] = stacks + 1
                    best[kept] = total
                    order += 1
                    pressed = keys if pressed_key is None else _press(keys, pressed_key)  # only for a step taken
                    push(queue, (total, order, state, complete_after, pressed))
        return result

    def check(self, ctx: Context) -> Iterator[Violation]:
        info_limit, warn_limit = self.option("max_seconds"), self.option("warn_seconds")
        for key, (seconds, complete, keys) in sorted(self._fastest(ctx).items()):
            node = ctx.menuset.nodes[key]
            if not node.terminal or seconds <= info_limit:
                continue
            level = Level.WARNING if warn_limit and seconds > warn_limit else Level.INFO
            pressed = _shown(keys) or "none"
            yield Violation(
                node.span,
                f"a first-time caller needs {'at least ' if not complete else ''}about {seconds:.0f} s "
                f"to reach `{node.id}` (keys: {pressed})",
                node=key,
                hint="put frequent goals first, shorten the prompts on the way, or flatten the menus",
                level=level,
            )

"""Structure rules (ST): where calls can go in the graph, and whether they can get anywhere.

Which rule owns which problem, so that one problem is reported once:

- ST003 `loop-without-exit` owns every loop a call can never leave for a
  destination (one finding per loop, at its first node), and the nodes that
  can only lead into such a loop.
- ST001 `dead-end` owns the other stuck nodes: those whose every way on ends
  nowhere (a node with no way on at all, such as a ``return`` that nothing
  returns to, and the nodes that only lead there).
- ST002 `unreachable-node` owns nodes no call reaches; ST001 and ST003 only
  judge reachable nodes.
- ST005 `human-reachable` and ST006 `failure-exit` skip nodes that ST001 or
  ST003 already report, since a node that reaches no destination reaches no
  person either.

The graph questions (reachability, the stuck nodes and loops, keypress paths,
distances to a person) are answered once per menu set by `ivrkit.analysis`
and read here through ``ctx.facts``.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis import EXTENSION_KEYS, is_person
from ..analysis.search import pressed_keys
from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import BranchNode, HangupNode, Interactive, MenuNode, MessageNode, Node, Target, TransferNode

__all__ = [
    "DeadEnd",
    "UnreachableNode",
    "LoopWithoutExit",
    "MaxDepth",
    "HumanReachable",
    "FailureExit",
]


@register
class DeadEnd(Rule):
    """
    ## What it does
    Finds nodes from which a call can never reach a destination (a transfer,
    voicemail, call-back or hang-up) and that are not part of a loop: a node
    with no way on at all, such as a menu whose only key goes `back` when
    there is nothing to go back to, and the nodes that only lead to one.
    Loops that a call can never leave are reported once, by
    `loop-without-exit` (ST003), not node by node here. A `return` in a
    building block linted on its own counts as a way on: the flow that
    entered the file carries on.

    ## Why is this bad?
    A caller who reaches such a node can only hang up in frustration. Flow
    validators reject dangling transitions (Twilio error 81022), FusionPBX
    checks exit destinations, and Cyara's call-flow model only allows agent,
    transfer and disconnect as ends [TW-81022], [FPBX-5316], [CY-el].

    ## Example
    ```yaml
    entry: main
    nodes:
      main:
        type: menu
        global_options: false
        options:
          "*": {label: go back to the previous menu, action: back}   # back to nothing
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: hear our opening hours, goto: hours}
          "0": {label: speak with an agent, goto: agent}
    ```

    ## Options
    None.

    ## References
    - [TW-81022] https://twilio.com/fr/docs/api/errors/81022
    - [FPBX-5316] https://github.com/fusionpbx/fusionpbx/pull/5316
    - [CY-el] https://support.cyara.com/hc/en-us/articles/6050869240847-CX-Model-Elements
    """

    code = "ST001"
    name = "dead-end"
    summary = "A call from this node can never reach a destination"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        stuck = ctx.facts.stuck & ctx.reachable
        if not stuck:
            return
        owned_by_loops = ctx.facts.leading_into_loops
        for key, node in ctx.nodes():
            if key in stuck and key not in owned_by_loops:
                yield Violation(
                    node.span,
                    f"a call at `{node.id}` can never reach a transfer, voicemail, call-back or hang-up",
                    node=key,
                    hint="give the caller a way on to a destination, e.g. 0 for an agent",
                )


@register
class UnreachableNode(Rule):
    """
    ## What it does
    Finds nodes that no call can reach: nothing leads to them from the entry
    of the IVR (or, for a node of a building block in another file, from that
    file's entry). It reports the first node of each unreachable part once,
    and names the nodes that only it leads to.

    ## Why is this bad?
    An unreachable node is dead weight: it is usually a forgotten option, a
    renamed target or a left-over from an old version, and nobody tests it.
    Amazon Bedrock's flow validation reports it as `UnreachableNode`, and
    Rasa warns about unused checkpoints and intents [BEDROCK], [RASA].

    ## Example
    ```yaml
    entry: main
    nodes:
      main:
        type: menu
        options:
          "0": {label: speak with an agent, goto: agent}
      opening_hours:          # no option leads here
        type: message
        say: We are open from 8 to 6.
        next: main
      agent:
        type: transfer
        queue: general
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: hear our opening hours, goto: opening_hours}
          "0": {label: speak with an agent, goto: agent}
    ```

    ## Options
    None.

    ## References
    - [BEDROCK] https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_FlowValidation.md
    - [RASA] https://rasa.com/docs/rasa/reference/rasa/validator
    """

    code = "ST002"
    name = "unreachable-node"
    summary = "No call can reach this node"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        reached = set(ctx.reachable)
        for menu_file in ctx.menuset.files.values():
            start = menu_file.entry.node_key
            if start is not None and start not in reached and start in ctx.facts.graph:
                reached |= ctx.facts.reachable_from(start)
        lost = [key for key, _ in ctx.nodes() if key not in reached]
        if not lost:
            return
        lost_set = set(lost)
        covered: set[str] = set()
        # Nodes that another unreachable node leads to are reported with it, not on their own.
        led_to = {
            target
            for key in lost
            for target, data in ctx.facts.graph.forward(key)
            if target in lost_set and target != key
        }
        heads = [key for key in lost if key not in led_to]
        # What is left is unreachable cycles with no head: report their first node.
        order = heads + [key for key in lost if key in led_to]
        for key in order:
            if key in covered:
                continue
            below = ctx.facts.reach_within(key, lost_set) - {key}
            covered |= below | {key}
            node = ctx.menuset.nodes[key]
            message = f"no call can reach `{node.id}`: nothing leads to it from the entry `{_entry_id(ctx)}`"
            own_entry = ctx.menuset.files[node.file].entry.node_key
            if node.file != ctx.menuset.root.key and own_entry is not None:
                message += f" or from `{ctx.name(own_entry)}`, the entry of its file"
            if below:
                verb = "is" if len(below) == 1 else "are"
                message += (
                    f"; {ctx.names(sorted(below, key=_file_order(ctx)))}, which it leads to, {verb} unreachable too"
                )
            yield Violation(
                node.span,
                message,
                node=key,
                hint="route an option or a `next` to it, or delete it if it is left over",
            )


@register
class LoopWithoutExit(Rule):
    """
    ## What it does
    Finds loops that a call can enter but never leave for a destination: every
    way out of the nodes of the loop leads back into it. It reports each loop
    once, at its first node in the file, and names its nodes. Nodes that only
    lead into such a loop are named with it (they are not reported again by
    `dead-end`).

    ## Why is this bad?
    A caller in such a loop hears the same prompts again and again and can
    only end the call by hanging up: "the call can go on forever". The
    Asterisk tutorial's invalid and timeout extensions that jump back with no
    counter are the classic case; FusionPBX and Bedrock (`CyclicConnection`)
    check for it [AST-ex], [FPBX-1432], [RPRO-728], [BEDROCK].

    ## Example
    ```yaml
    nodes:
      order_help:
        type: menu
        global_options: false
        fallback: order_help_again
        options:
          "1": {label: hear our delivery times, goto: order_times}
      order_times:
        type: message
        say: We deliver within three working days.
        next: order_help
      order_help_again:
        type: message
        say: Let's try that again.
        next: order_help
    ```

    ## Use instead
    ```yaml
      order_help:
        type: menu
        fallback: agent          # when the tries run out, a person
        options:
          "1": {label: hear our delivery times, goto: order_times}
          "0": {label: speak to an adviser, goto: agent}
    ```

    ## Options
    None.

    ## References
    - [AST-ex] https://docs.asterisk.org/Deployment/Basic-PBX-Functionality/Auto-attendant-and-IVR-Menus/Handling-Special-Extensions/
    - [FPBX-1432] https://github.com/fusionpbx/fusionpbx/pull/1432
    - [RPRO-728] https://github.com/rapidpro/rapidpro/issues/728
    - [BEDROCK] https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_FlowValidation.md
    """

    code = "ST003"
    name = "loop-without-exit"
    summary = "A loop that a call can never leave for a destination"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        reachable = ctx.reachable
        stuck = ctx.facts.stuck & reachable
        order = _file_order(ctx)
        feeders = ctx.facts.loop_feeders
        for loop in ctx.facts.stuck_loops:
            members = [key for key in loop if key in reachable]
            if not members:
                continue  # an unreachable loop is left to unreachable-node
            members.sort(key=order)
            first = ctx.menuset.nodes[members[0]]
            if len(members) == 1:
                message = f"`{first.id}` only ever leads back to itself: a call there never reaches a destination"
            else:
                message = (
                    f"{ctx.names(members)} form a loop a call can never leave: none of them leads "
                    "to a transfer, voicemail, call-back or hang-up"
                )
            entered = sorted((feeders.get(tuple(loop), set()) & stuck) - set(loop), key=order)
            if entered:
                message += f"; {ctx.names(entered)} only lead{'s' if len(entered) == 1 else ''} into it"
            yield Violation(
                first.span,
                message,
                node=members[0],
                hint="give one node of the loop a way out, e.g. 0 for an agent, or a `fallback` to a person",
            )


@register
class MaxDepth(Rule):
    """
    ## What it does
    Counts the fewest keypresses (menu choices) a caller needs from the entry
    to each destination (transfer, voicemail, call-back or hang-up), and
    reports the deepest destination when it needs more than `max_depth`. The
    finding gives the key sequence and the menus on the way, and is anchored
    on the last key of that sequence. Dialling a whole extension counts as one
    choice; routes taken only when the caller fails (no-input, no-match,
    fallback) and routes out of a destination (closed, busy, overflow) do not
    count as ways of reaching a destination.

    ## Why is this bad?
    Each level adds about ten seconds of listening and one more chance to
    guess wrong. Practitioner guidance asks for at most three menu levels
    [ATT], with a person reachable by the third menu [SA14]; the best results
    reach a person within two keypresses [DUN98], and broad menus beat deep
    ones [COM08].

    ## Example
    ```yaml
    nodes:
      main:
        type: menu
        options:
          "1": {label: get technical support, goto: support}
      support:
        type: menu
        options:
          "1": {label: get help with your internet connection, goto: internet}
      internet:
        type: menu
        options:
          "1": {label: get help with your router, goto: router}
      router:
        type: menu
        options:
          "1": {label: reset your Wi-Fi password, goto: router_team}   # 4th keypress
    ```

    ## Use instead
    ```yaml
      main:
        type: menu
        options:
          "1": {label: get help with your internet, goto: router_team}
          "2": {label: get help with your TV service, goto: tv_team}
    ```

    ## Options
    - `max_depth` (default `3`): the most keypresses allowed from the entry
      to a destination.

    ## References
    - [ATT] https://manualsdump.com/en/manuals/at-and-t-3model/258383/317
    - [SA14] https://www.softwareadvice.com/voip/industryview/ivr-design-tips-report-2014/
    - [DUN98] Dunlap 1998 (dissertation), https://www.globethesis.com/?t=1465390014478806
    - [COM08] Commarford, Lewis, Smither & Gentzler 2008, Human Factors 50(1):77–89, doi 10.1518/001872008X250665; https://stars.library.ucf.edu/scopus2000/10692
    """

    code = "ST004"
    name = "max-depth"
    summary = "A destination needs too many keypresses from the entry"
    level = Level.WARNING
    options = {
        "max_depth": RuleOption(int, 3, "the most keypresses allowed from the entry to a destination"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        limit = ctx.option("max_depth")
        depth, parent = ctx.facts.choice_paths
        order = _file_order(ctx)
        deep = sorted(
            (-presses, order(key), key)
            for key, presses in depth.items()
            if presses > limit and ctx.menuset.nodes[key].terminal
        )
        if not deep:
            return
        dest = deep[0][2]
        keys = _choice_path(ctx, parent, dest)
        depth_of = len(keys)
        last_key, last_menu, last_span = keys[-1]
        menus = [ctx.name(menu) for _, menu, _ in keys]
        pressed = ", ".join("an extension" if k == EXTENSION_KEYS else k for k, _, _ in keys)
        message = (
            f"`{ctx.name(dest)}` needs {depth_of} keypresses from the entry "
            f"(press {pressed} in {' → '.join(menus)}): more than {limit}"
        )
        if len(deep) > 1:
            message += f"; {len(deep) - 1} other destination{'s' if len(deep) > 2 else ''} also take more than {limit}"
        yield Violation(
            last_span,
            message,
            node=last_menu,
            hint="flatten the tree: route from a broader top menu straight to the teams, "
            "and let people ask the details",
        )


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
            if ctx.option("no_person_ok"):
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
        limit = ctx.option("max_menus")
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
        words = tuple(word.lower() for word in ctx.option("channel_words"))
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
                    _failure_message(ctx, what, where, route, node),  # type: ignore[arg-type]
                    node=key if not _is_setting(ctx, target) else None,
                    hint="send callers who run out of tries to a person, a call-back or voicemail; "
                    "if nobody can take the call, name another channel before hanging up",
                )


# --- helpers shared with the other rules ---------------------------------------
# The graph questions themselves are answered once per menu set by ivrkit.analysis (ctx.facts).


def _file_order(ctx: Context):
    position = {key: index for index, key in enumerate(ctx.menuset.nodes)}
    return lambda key: position.get(key, len(position))


def _entry_id(ctx: Context) -> str:
    return ctx.name(ctx.menuset.entry)


def _choice_path(ctx: Context, parent: dict, key: str) -> list[tuple[str, str, object]]:
    """The keypresses on the way to `key`: (key pressed, menu, span of the key)."""
    steps = []
    seen = set()
    while parent.get(key) is not None and key not in seen:
        seen.add(key)
        source, data = parent[key]
        if data["keypress"]:
            steps.append((pressed_keys(data), source, _key_span(ctx, source, data)))
        key = source
    return steps[::-1]


def _key_span(ctx: Context, menu_key: str, data: dict):
    """The span of the key written for a keypress edge out of `menu_key`."""
    menu = ctx.menuset.nodes[menu_key]
    if isinstance(menu, MenuNode):
        if data["kind"] == "extension" and menu.extensions_span is not None:
            return menu.extensions_span
        for option in ctx.menuset.file_of(menu).options_of(menu):
            if option.key == data["key"]:
                return option.key_span
    return menu.span


# --- failure-exit ------------------------------------------------------------

_CHANNEL_WORDS = (
    # English
    "website", "web site", "online", "on line", "dot com", "dot co", "www", "http", ".com", ".fi",
    "app", "chat", "email", "e-mail", "text us", "message us", "write to", "call us", "phone us",
    "ring us", "call back", "call you back", "branch", "visit",
    # Finnish
    "verkko", "sivu", "nettisivu", "kotisivu", "piste fi", "piste com", "sovellu", "chat",
    "sähköpost", "tekstiviest", "soita", "soitamme", "asioi", "toimipist", "osoittee",
)
_PHONE_NUMBER = re.compile(r"\d[\d ]{4,}\d")


def _names_channel(text: str, extra: tuple[str, ...]) -> bool:
    lowered = " " + text.lower() + " "
    if _PHONE_NUMBER.search(lowered):
        return True
    for word in _CHANNEL_WORDS + extra:
        if word == "app":
            if re.search(r"\bapp\b", lowered):
                return True
        elif word in lowered:
            return True
    return False


def _is_setting(ctx: Context, target: Target) -> bool:
    return any(
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
        ctx = self.ctx
        node = ctx.menuset.nodes[key]
        if isinstance(node, TransferNode):
            return None if node.person else ("automated", key)
        if node.type in ("voicemail", "callback"):
            return None
        if isinstance(node, HangupNode):
            return self._closing(node, key, texts)
        if isinstance(node, MessageNode):
            if node.next.node_key is None:
                return None
            return self._walk(node.next.node_key, texts + [self._text(node)])
        if isinstance(node, BranchNode):
            for _, target in list(node.cases) + ([("default", node.default)] if node.default else []):
                if target.node_key is None:
                    continue
                found = self._walk(target.node_key, texts)
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
        for _, target in self.routes(key):
            if target is None:
                result = ("silent-end", key)
            elif target.node_key is not None:
                result = self._walk(target.node_key, [])
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
    place = ctx.name(where)
    if route == "fallback":
        if _is_setting(ctx, node.fallback or ctx.menuset.settings_of(node).fallback):  # type: ignore[arg-type]
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

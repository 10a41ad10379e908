"""Length and time rules (LN): how much a caller must listen to before they can act."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from weakref import WeakKeyDictionary

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import BranchNode, InputNode, MenuNode, MessageNode, Node, Option, Target, Text
from ..prompts import Segment, node_segments, text_in
from ..timing import OPTION_PAUSE, speech_seconds

__all__ = ["MaxOptions", "PromptDuration", "TimeToFirstOption", "TimeToDestination"]

GLOBAL_KEYS = frozenset({"0", "*", "#"})


def _rate(ctx: Context, node: Node) -> float:
    return node.setting("rate", ctx.menuset.settings_of(node))


# Per lint run (per Context) memo of `_timed`: LN002, LN003 and LN004 time the same prompts.
_TIMED: "WeakKeyDictionary[Context, dict]" = WeakKeyDictionary()


def _timed(ctx: Context, node: Node, language: str | None = None) -> list[tuple[Segment, float | None]]:
    """Each segment said on arriving at `node`, with its seconds (None: an audio-only prompt)."""
    memo = _TIMED.setdefault(ctx, {})
    found = memo.get((node.key, language))
    if found is None:
        rate = _rate(ctx, node)
        found = memo[(node.key, language)] = [
            (s, None if s.text is None else speech_seconds(s.text, s.language, rate))
            for s in node_segments(ctx.menuset, node, language)
        ]
    return found


def _total(timed: list[tuple[Segment, float | None]]) -> tuple[float, bool]:
    """(seconds of the known segments with the pauses between them, whether every segment is known)."""
    known = [seconds for _, seconds in timed if seconds is not None]
    spoken = [seconds for seconds in known if seconds > 0]
    return sum(spoken) + OPTION_PAUSE * max(len(spoken) - 1, 0), len(known) == len(timed)


def _label_words(option: Option, language: str, default: str) -> int:
    text, _, _ = text_in(option.label or option.say, language, default)
    return len((text or "").split())


def _direct_dial(option: Option) -> bool:
    """A multi-digit key nobody announces: a direct-dial number, not a menu option."""
    return len(option.key) > 1 and option.label is None and option.say is None


@register
class MaxOptions(Rule):
    """
    ## What it does
    Counts the business options of each menu: announced options with a
    `goto` (or a language switch) on keys other than the global keys 0, *
    and #. Multi-digit keys with no label and no `say` are direct-dial
    numbers (extensions listed one by one, as imported dialplans have them),
    not options a caller is told about, and are not counted. More than `info_above` is info, more than `warn_above` a warning,
    more than `warn_above_long` a warning when any label is longer than
    `long_label_words`, and more than `error_above` an error.

    ## Why is this bad?
    The classic advice is four or five options per menu (ISO/IEC 13714 as
    summarised, Avaya, AT&T), about three, or four or five when grouped
    (Microsoft), three for long phrases (IBM), and single-digit keys run out
    after 9 (VoiceXML numbers only the first nine choices) [ISO], [AVAYA-M],
    [ATT], [MS], [IBM], [VXML]. Studies favouring broad menus exist [COM08],
    so most levels are warnings; distinct labels matter more than the count
    [ACX-menu].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: make a new claim, goto: claims}
        "2": {label: check on a claim, goto: claims}
        "3": {label: get a quote, goto: sales}
        "4": {label: change your address or your car, goto: policy}
        "5": {label: renew your policy, goto: policy}
        "6": {label: ask about a payment, goto: payments}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: make or check on a claim, goto: claims}
        "2": {label: get a quote, goto: sales}
        "3": {label: change or renew your policy, goto: policy}
        "4": {label: ask about a payment, goto: payments}
    ```

    ## Options
    - `info_above` (default `4`): more business options than this is info.
    - `warn_above` (default `5`): more than this is a warning.
    - `warn_above_long` (default `3`): more than this is a warning when any label is long.
    - `long_label_words` (default `6`): a label with more words than this is long.
    - `error_above` (default `9`): more than this is an error.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [AVAYA-M] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15577.htm
    - [ATT] AT&T product manual, as mirrored at https://manualsdump.com/en/manuals/at-and-t-3model/258383/317
    - [MS] Microsoft speech technologies guidelines (previous versions), https://learn.microsoft.com/en-us/previous-versions/office/developer/speech-technologies/ms991159(v=msdn.10)
    - [IBM] https://docs.blueworx.com/BVR/InfoCenter/V7/AIX/help/topic/com.ibm.wvraix.vxmlpg.doc/menus.html
    - [VXML] W3C VoiceXML 2.0, https://www.w3.org/TR/voicexml20/ (§2.2 menus)
    - [COM08] Commarford, Lewis, Smither & Gentzler 2008, Human Factors 50(1):77–89, doi 10.1518/001872008X250665; https://stars.library.ucf.edu/scopus2000/10692
    - [ACX-menu] http://acixd.org/wiki/doku.php?id=menu_design
    """

    code = "LN001"
    name = "max-options"
    summary = "A menu offers too many options to remember"
    level = Level.WARNING
    options = {
        "info_above": RuleOption(int, 4, "more business options than this is info"),
        "warn_above": RuleOption(int, 5, "more business options than this is a warning"),
        "warn_above_long": RuleOption(int, 3, "more than this is a warning when any label is long"),
        "long_label_words": RuleOption(int, 6, "a label with more words than this is long"),
        "error_above": RuleOption(int, 9, "more business options than this is an error"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        long_words = ctx.option("long_label_words")
        for key, node in ctx.menus():
            default = ctx.menuset.file_of(node).language
            business = [
                o for o in node.options
                if o.key not in GLOBAL_KEYS and o.action is None and o.announce and not _direct_dial(o)
            ]
            count = len(business)
            longest = max((_label_words(o, default, default) for o in business), default=0)
            if count > ctx.option("error_above"):
                level, why = Level.ERROR, f"more than {ctx.option('error_above')}: single keys run out"
            elif count > ctx.option("warn_above"):
                level, why = Level.WARNING, f"more than {ctx.option('warn_above')}"
            elif count > ctx.option("warn_above_long") and longest > long_words:
                level, why = Level.WARNING, (
                    f"more than {ctx.option('warn_above_long')} with a label of {longest} words"
                )
            elif count > ctx.option("info_above"):
                level, why = Level.INFO, f"more than {ctx.option('info_above')}"
            else:
                continue
            yield Violation(
                node.span,
                f"`{node.id}` offers {count} options ({why}); callers forget the first ones by the last",
                node=key,
                hint="group the tasks into at most four or five goals, or move the rare ones a level down",
                level=level,
            )


@register
class PromptDuration(Rule):
    """
    ## What it does
    Estimates how long each menu's whole prompt takes to say (its `say` and
    every announced option, at the menu's speaking rate, with 0.5 s between
    options) in each language of the file, and reports a menu longer than
    `max_seconds`. Audio-only prompts are skipped (AU001 reports them). The
    estimate comes from `ivrkit.timing`, calibrated against espeak-ng per
    language: Finnish words take about twice as long as English ones.

    It also counts the words of the menu's own prompt as written (its `say`;
    with `announce_options: false` that is the whole prompt, option list
    included) and reports one of more than `max_words` (40) words, since a
    recording or a synthetic voice may be slower than the estimate.
    Announcements composed from labels are left to the seconds limit and to
    `max-options` and `long-label`.

    ## Why is this bad?
    A caller must hold the whole list in mind while it plays; long prompts
    bury the options and lengthen every call. Pauses of 500 ms between
    options are IBM's guidance [IBM-t] ([ACX-menu]: 500–750 ms); the
    30-second limit is ivrkit's own default, not taken from a published
    source, hence an option. The word limit comes from Plum's guideline
    that instructional prompts (those that ask the caller to do something)
    "should, preferably, not exceed twenty seconds" [PLUM], at the 120
    words a minute DECtalk gives as ideal for information a listener must
    keep, such as numbers [DEC]: 20 s × 120 wpm = 40 words.

    ## Example
    ```yaml
    main:
      type: menu
      say: Now, please listen to the following options and choose the one that best describes the reason for your call today.
      options:
        "1": {label: find out about your latest bill, pay an outstanding balance, or change the way you pay us each month, goto: billing}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      say: How can we help?
      options:
        "1": {label: pay or ask about your bill, goto: billing}
    ```

    ## Options
    - `max_seconds` (default `30`): the longest estimated prompt, in seconds.
    - `max_words` (default `40`): the most words in a menu's own prompt text.

    ## References
    - [IBM-t] http://docs.blueworx.com/BVR/InfoCenter/V6.1/help/topic/com.ibm.wvraix.vxmlpg.doc/gsrecorded.html
    - [ACX-menu] http://acixd.org/wiki/doku.php?id=menu_design
    - [PLUM] Plum Voice, "IVR prompt guidelines", http://www.plumvoice.com/blog/ivr-prompt-guidelines
    - [DEC] DECtalk Software reference, speaking rate, https://dectalk.github.io/dectalk/idh_ref_2_speaking_rate.htm
    """

    code = "LN002"
    name = "prompt-duration"
    summary = "A menu's prompt takes too long to say"
    level = Level.WARNING
    uses_text = True
    options = {
        "max_seconds": RuleOption(float, 30.0, "the longest estimated menu prompt, in seconds"),
        "max_words": RuleOption(int, 40, "the most words in a menu's own prompt text"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        limit = ctx.option("max_seconds")
        most_words = ctx.option("max_words")
        for key, node in ctx.menus():
            durations = {}
            for language in ctx.languages(node):
                seconds, complete = _total(_timed(ctx, node, language))
                if complete:
                    durations[language] = seconds
            over = {lang: s for lang, s in durations.items() if s > limit}
            if not over:
                yield from self._words(ctx, key, node, most_words)
                continue
            parts = ", ".join(f"{s:.0f} s in {lang}" for lang, s in over.items())
            if len(durations) == 1:
                parts = f"{next(iter(over.values())):.0f} s"
            yield Violation(
                node.span,
                f"the prompt of `{node.id}` takes about {parts} to say (over {limit:g} s)",
                node=key,
                hint="shorten the introduction and the labels, or split the options over two menus",
            )

    @staticmethod
    def _words(ctx: Context, key: str, node: MenuNode, most: int) -> Iterator[Violation]:
        prompt = node.prompt.text if node.prompt is not None else None
        if prompt is None:
            return
        counts = {}
        for language, value in prompt.values:
            count = len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", value or ""))
            if count > most:
                counts[language] = count
        if not counts:
            return
        parts = ", ".join(f"{n} words in {lang}" for lang, n in counts.items())
        if len(prompt.values) == 1:
            parts = f"{next(iter(counts.values()))} words"
        yield Violation(
            prompt.span,
            f"the prompt of `{node.id}` has {parts} (over {most}): callers must keep it all in mind",
            node=key,
            hint="say only what the caller needs to choose: shorter goals, no welcome or advertising in the menu",
        )


_CLUTTER = [
    r"\b(?:menu |our )?options have changed\b",
    r"\bmenu has changed\b",
    r"\bvisit our website\b",
    r"\bwww\.",
    r"\bdid you know\b",
    r"\bdot com\b",
    r"\bdownload (?:our|the) app\b",
    r"\bvalikko on muuttunut\b",
    r"\bvaihtoehdot (?:ovat )?muuttuneet\b",
    r"\bverkkosivuillamme\b",
    r"\bverkkosivuiltamme\b",
    r"\btiesitkö\b",
    r"\bpiste fi\b",
]


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
        targets = _typical(ctx, node) if typical else [t for _, t in node.cases] + (
            [node.default] if node.default is not None else [])
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
        timed = _timed(ctx, node, language)
        before = [(s, t) for s, t in timed if s.kind == "prompt"]
        if len(before) == len(timed):  # nothing announced
            return 0.0, True
        seconds, complete = _total(before)
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
        "phrases": RuleOption(list, [], "more regular expressions that count as clutter"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        limit = ctx.option("max_seconds")
        language = ctx.menuset.root.language
        slowest: dict[str, tuple[float, bool, list[str], Node]] = {}
        for path in _lead_in(ctx, typical=not ctx.option("worst_case")):
            first = path[-1]
            if not isinstance(first, (MenuNode, InputNode)):
                continue
            total, complete, parts = 0.0, True, []
            for node in path[:-1]:
                seconds, known = _total(_timed(ctx, node, language))
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
        patterns = [re.compile(p, re.IGNORECASE) for p in _CLUTTER + list(ctx.option("phrases"))]
        seen: set = set()
        for path in _lead_in(ctx, typical=False):
            for node in path:
                if node.key in seen:
                    continue
                seen.add(node.key)
                if node.prompt is None or node.prompt.text is None:
                    continue
                text: Text = node.prompt.text
                found = []
                for _, value in text.values:
                    for pattern in patterns:
                        match = pattern.search(value)
                        if match and match.group(0).lower() not in found:
                            found.append(match.group(0).lower())
                if found:
                    yield Violation(
                        text.span,
                        f"before the first option `{node.id}` says {', '.join(repr(f) for f in found)}: "
                        f"time callers cannot use",
                        node=node.key,
                        hint="drop adverts and \"options have changed\"; give a web address only where it helps the task",
                    )


_CONFIRM = {
    "en": "You entered {digits}. If that is right, press 1. To enter it again, press 2.",
    "fi": "Näppäilit {digits}. Jos numero on oikein, paina 1. Jos haluat näppäillä sen uudelleen, paina 2.",
}
_FOLLOWED = frozenset({"option", "global-option", "extension", "next", "case", "default", "closed"})


def _menu_costs(ctx: Context, node: MenuNode, language: str) -> tuple[dict[str, float], float, bool]:
    """Seconds until each announced key's option has been said, the whole prompt, and whether all is known."""
    timed = _timed(ctx, node, language)
    costs: dict[str, float] = {}
    elapsed, count, complete = 0.0, 0, True
    for segment, seconds in timed:
        if seconds is None:
            complete = False
            seconds = 0.0
        if seconds:
            elapsed += seconds + (OPTION_PAUSE if count else 0.0)
            count += 1
        if segment.key is not None:
            costs.setdefault(segment.key, elapsed)
    return costs, elapsed, complete


def _node_cost(ctx: Context, node: Node, language: str) -> tuple[float, bool]:
    if isinstance(node, (MessageNode, InputNode)):
        seconds, complete = _total(_timed(ctx, node, language))
        if isinstance(node, InputNode):
            digits = ctx.option("seconds_per_digit") * node.min_digits
            seconds += digits
            if node.confirm:
                template = _CONFIRM.get(language.split("-")[0], _CONFIRM["en"])
                seconds += speech_seconds(template.format(digits=" ".join("5" * node.min_digits)),
                                          language, _rate(ctx, node))
        return seconds, complete
    return 0.0, True


_SHOWN = 12
"""LN004 shows the first and the last this many keys of a longer key sequence, and how many there are."""

_NO_KEYS: tuple = (None, None, 0, ())


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
    tail = []
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
        return {key: (seconds, complete, " ".join(_pressed(keys)))
                for key, (seconds, complete, keys) in self._fastest(ctx).items()}

    def _fastest(self, ctx: Context) -> dict[str, tuple[float, bool, tuple]]:
        """For each reachable node: (seconds, every prompt on the way known, the keys pressed as a `_press` chain).

        A shortest-path search over (node, language, where blocks return to):
        a target with `then` remembers where a ``return`` continues, so a
        building block used by several options returns to the right one.
        The keys are a chain of links, so a deep menu costs no copying per step.
        """
        ms = ctx.menuset
        State = tuple  # (node key, language, return stack)
        start: State = (ms.entry, ms.root.language, ())
        best: dict[State, float] = {start: 0.0}
        result: dict[str, tuple[float, bool, tuple]] = {}
        queue: list = [(0.0, 0, start, True, _NO_KEYS)]
        order = 0
        cache: dict[tuple[str, str], tuple] = {}
        while queue:
            seconds, _, state, complete, keys = heapq.heappop(queue)
            if best.get(state, float("inf")) < seconds:
                continue
            key, lang, stack = state
            if key not in result:
                result[key] = (seconds, complete, keys)
            node = ms.nodes[key]
            if (key, lang) not in cache:
                if isinstance(node, MenuNode):
                    cache[(key, lang)] = (*_menu_costs(ctx, node, lang), {
                        o.key: o.language for o in ms.file_of(node).options_of(node) if o.language})
                else:
                    cache[(key, lang)] = _node_cost(ctx, node, lang)
            if isinstance(node, MenuNode):
                costs, whole, known, languages = cache[(key, lang)]
            else:
                cost, known = cache[(key, lang)]
            for route in ms.routes(node):
                if route.kind not in _FOLLOWED or route.target is None:
                    continue
                new_lang, pressed, step = lang, keys, 0.0
                if isinstance(node, MenuNode):
                    if route.kind == "extension":
                        step, pressed = whole, _press(keys, "{extension}")
                    else:
                        step, pressed = costs.get(route.key, whole), _press(keys, route.key)
                        new_lang = languages.get(route.key, lang)
                elif not node.terminal:
                    step = cost
                if route.target.node_key is None:  # return
                    if not stack:
                        continue
                    target, new_stack = stack[-1], stack[:-1]
                else:
                    target, new_stack = route.target.node_key, stack
                    if route.then is not None and len(stack) < 8:
                        then = route.then.node_key or (stack[-1] if stack else None)
                        if then is not None:
                            new_stack = (stack[:-1] if route.then.node_key is None else stack) + (then,)
                state = (target, new_lang, new_stack)
                total = seconds + step
                if total < best.get(state, float("inf")):
                    best[state] = total
                    order += 1
                    heapq.heappush(queue, (total, order, state, complete and known, pressed))
        return result

    def check(self, ctx: Context) -> Iterator[Violation]:
        info_limit, warn_limit = ctx.option("max_seconds"), ctx.option("warn_seconds")
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

"""Handler rules (HD): what happens when the caller is silent or presses a wrong key."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import Handler, InputNode, Interactive, MenuNode, MenuSet, Node, Target, Text
from ..prompts import node_segments, text_in
from ..timing import OPTION_PAUSE, speech_seconds
from ._menu_shape_common import goes_on

__all__ = [
    "NoInputHandler",
    "NoMatchHandler",
    "RetryLimit",
    "EscalatingReprompt",
    "InvalidInputToBusiness",
    "TimeoutRange",
    "TimeoutAlert",
]

_KIND = {"no_input": "no-input", "no_match": "no-match"}


def _interactive(ctx: Context) -> Iterator[tuple[str, Interactive]]:
    for key, node in ctx.nodes("menu", "input"):
        yield key, node  # type: ignore[misc]


def _setting(ctx: Context, node: Node, name: str):
    return node.setting(name, ctx.menuset.settings_of(node))


def _fallback(ctx: Context, node: Interactive) -> Target | None:
    return node.fallback if node.fallback is not None else ctx.menuset.settings_of(node).fallback


def _heard(handlers: tuple[Handler, ...], retries: int) -> list[Handler]:
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
    return all(h.goto is None and h.prompt is not None and h.prompt.text is None
               and h.prompt.audio is not None and h.prompt.audio.values == prompt.audio.values for h in handlers)


def _missing_handler(ctx: Context, field: str, what: str) -> Iterator[Violation]:
    for key, node in _interactive(ctx):
        handlers = getattr(node, field)
        if handlers and not _replays_the_prompt(node, handlers):
            continue
        retries = _setting(ctx, node, "retries")
        if retries == 0:
            # No re-prompt: the first failure goes straight to the fallback (or ends the call), so the
            # caller never hears the prompt again and a handler would never be heard either. The single
            # try is retry-limit's; a fallback that hangs up is timeout-alert's and wrong-key-hangup's.
            continue
        fallback = _fallback(ctx, node)
        if fallback is None:
            yield Violation(
                node.span,
                (f"`{node.id}` answers {what} with its own prompt recording again and has no fallback"
                 if handlers else f"`{node.id}` has no `{field}` handler and no fallback")
                + f": after {what} the caller hears the same prompt with no help, and after {retries + 1} tries the "
                "call ends",
                node=key,
                hint=f"add `{field}` handlers that add help (\"press 0 for an adviser\") and a `fallback` to a person",
                level=Level.ERROR,
            )
        else:
            yield Violation(
                node.span,
                (f"`{node.id}` answers {what} with its own prompt recording again: the caller gets no help"
                 if handlers else
                 f"`{node.id}` has no `{field}` handler: after {what} the caller hears the same prompt again with no help"),
                node=key,
                hint=f"add `{field}` handlers: first a short \"Sorry\", then real help",
                level=Level.WARNING,
            )


@register
class NoInputHandler(Rule):
    """
    ## What it does
    Finds menus and inputs with no `no_input` handler: nothing says what
    happens when the caller presses nothing before the timeout. A handler
    that only plays the node's own prompt recording again counts as none. Without a
    handler ivrkit simply repeats the prompt; without a `fallback` as well,
    the call ends when the tries run out. That case is an error; a missing
    handler with a fallback is a warning. A node with `retries: 0` is left
    out: its first silence goes straight to the fallback (or ends the
    call; docs/format.md, "No-input and no-match handlers"), so the caller
    never hears the prompt again and a handler would never be played;
    `retry-limit` reports the single try, `timeout-alert` a fallback that
    hangs up.

    ## Why is this bad?
    Every input state should define what happens on timeout: VoiceXML's
    `<noinput>`, FreeSWITCH's `max-timeouts`; an Asterisk menu without a `t`
    extension ends the call [VXML], [AST], [FS]. Callers who hesitate are
    often the ones who need help most; hearing the same prompt again and then
    being cut off tells them nothing.

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay your bill, goto: billing}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      fallback: agent
      options:
        "1": {label: pay your bill, goto: billing}
      no_input:
        - say: Sorry, I didn't hear a choice.
        - say: If you're not sure which option you need, press 0 to speak to an adviser.
    ```

    ## Options
    None.

    ## References
    - [VXML] https://www.w3.org/TR/voicexml20/ (§5.2 events)
    - [AST] http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-62.html
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    """

    code = "HD001"
    name = "no-input-handler"
    summary = "A menu or input does not say what happens when the caller presses nothing"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from _missing_handler(ctx, "no_input", "silence")


@register
class NoMatchHandler(Rule):
    """
    ## What it does
    Finds menus and inputs with no `no_match` handler: nothing says what
    happens when the caller presses a key that is not an option (or enters
    the wrong number of digits). A handler that only plays the node's own
    prompt recording again (a FreeSWITCH `invalid-sound` that is the
    greeting file) counts as none. Without a handler ivrkit repeats the prompt;
    without a `fallback` as well, the call ends when the tries run out. That
    case is an error; a missing handler with a fallback is a warning. A node
    with `retries: 0` is left out: its first wrong key goes straight to the
    fallback (or ends the call; docs/format.md, "No-input and no-match
    handlers"), so the caller never hears the prompt again and a handler
    would never be played; `retry-limit` reports the single try,
    `wrong-key-hangup` a fallback that hangs up.

    ## Why is this bad?
    Every input state should define what happens on an invalid key: VoiceXML's
    `<nomatch>`, Asterisk's `i` extension, FreeSWITCH's `invalid-sound` and
    `max-failures` [VXML], [AST], [FS]. A caller who pressed a wrong key and
    hears the same prompt again does not learn what went wrong.

    ## Example
    ```yaml
    card_digits:
      type: input
      say: Please enter the last four digits of your card number.
      digits: {min: 4, max: 4}
      next: card_menu
    ```

    ## Use instead
    ```yaml
    card_digits:
      type: input
      say: Please enter the last four digits of your card number.
      digits: {min: 4, max: 4}
      fallback: agent
      no_match:
        - say: Sorry, that wasn't four digits.
        - say: Sorry, that still wasn't four digits. Enter the last four digits on the front of your card.
      next: card_menu
    ```

    ## Options
    None.

    ## References
    - [VXML] https://www.w3.org/TR/voicexml20/ (§5.2 events)
    - [AST] http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-62.html
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    """

    code = "HD002"
    name = "no-match-handler"
    summary = "A menu or input does not say what happens when the caller presses a wrong key"
    level = Level.ERROR

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from _missing_handler(ctx, "no_match", "a wrong key")


@register
class RetryLimit(Rule):
    """
    ## What it does
    Checks how many tries a caller gets in each menu and input: `retries`
    plus one. More than `max_attempts` tries, or a single try (`retries: 0`),
    is reported. (The format has no unbounded retries: `retries` is at most
    10, and the tries always run out.) A single try is not reported for an
    input whose failure goes on to its own `next`, as Asterisk's `Read()`
    goes on with an empty entry [AST-read]: what follows is the flow's
    choice (it often asks again).

    ## Why is this bad?
    Two or three tries, with escalating help, then a person, is the consistent
    advice: Avaya's "two or three tries", Google's at most three combined,
    FreeSWITCH and Genesys default to 3, and Microsoft sends the third error
    to an operator [AVAYA-E], [DF], [FS], [GEN], [MS-QA]. More tries keep a
    struggling caller in a loop; a single try gives up on anyone who missed
    the prompt once.

    ## Example
    ```yaml
    settings:
      retries: 5        # six tries
    ```

    ## Use instead
    ```yaml
    settings:
      retries: 2        # three tries, then the fallback
      fallback: agent
    ```

    ## Options
    - `max_attempts` (default `3`): the most tries (retries + 1) before a finding.
    - `min_attempts` (default `2`): the fewest tries; fewer is reported.

    ## References
    - [AVAYA-E] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15497.htm
    - [DF] https://developers.google.com/assistant/df-asdk/dialogflow/tips
    - [FS] https://developer.signalwire.com/freeswitch/FreeSWITCH-Explained/Modules/mod-dptools/6586989
    - [GEN] https://help.mypurecloud.com/articles/calculating-timeout-behavior/ ; https://jp-help.mypurecloud.com/blog/article/configure-default-menu-settings/
    - [MS-QA] https://learn.microsoft.com/en-us/previous-versions/office/developer/communication-server-2007/bb857165(v=office.12)
    - [AST-read] https://docs.asterisk.org/Latest_API/API_Documentation/Dialplan_Applications/Read/
    """

    code = "HD003"
    name = "retry-limit"
    summary = "A menu or input gives the caller too many tries, or only one"
    level = Level.WARNING
    options = {
        "max_attempts": RuleOption(int, 3, "the most tries (retries + 1) a caller should get"),
        "min_attempts": RuleOption(int, 2, "the fewest tries a caller should get"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        most, fewest = ctx.option("max_attempts"), ctx.option("min_attempts")
        reported: set = set()
        for key, node in _interactive(ctx):
            retries = _setting(ctx, node, "retries")
            attempts = retries + 1
            if fewest <= attempts <= most:
                continue
            if attempts < fewest and goes_on(node, _fallback(ctx, node)):
                continue  # a failure goes on like an entry (Asterisk's Read()): the flow decides what follows
            problem = (
                f"{attempts} tries (retries: {retries}); at most {most} keep a struggling caller out of a loop"
                if attempts > most
                else f"only {attempts} {'try' if attempts == 1 else 'tries'} (retries: {retries}); "
                f"a caller who misses the prompt once should get another"
            )
            settings = ctx.menuset.settings_of(node)
            if node.retries is None and settings.span is not None:
                if node.file in reported:
                    continue
                reported.add(node.file)
                yield Violation(settings.span, f"the file's settings give each menu and input {problem}",
                                hint=f"set `retries` so callers get {fewest} to {most} tries")
            else:
                yield Violation(node.span, f"`{node.id}` gives callers {problem}", node=key,
                                hint=f"set `retries` so callers get {fewest} to {most} tries")


def _same_text(a: Text | None, b: Text | None) -> bool:
    if a is None or b is None:
        return False
    return {lang: " ".join(t.split()).lower() for lang, t in a.values} == {
        lang: " ".join(t.split()).lower() for lang, t in b.values
    }


@register
class EscalatingReprompt(Rule):
    """
    ## What it does
    Finds no-input and no-match handlers that add nothing: a handler that
    says the node's own prompt again word for word, or handlers that give
    the caller the same message on every retry (one message, or a list whose
    messages are all the same), so the help never escalates.

    ## Why is this bad?
    Retry prompts should add guidance, not repeat the first prompt: Avaya and
    Microsoft advise escalating help, VoiceXML counts events so that each try
    can say more, and Google asks for prompts "escalating in clarity"
    [AVAYA-E], [VXML], [DF], [MS-QA]. A caller who did not understand the
    prompt the first time will not understand it the third time.

    ## Example
    ```yaml
    no_match:
      say: Sorry, that key isn't one of the options.   # heard on every retry
    ```

    ## Use instead
    ```yaml
    no_match:
      - say: Sorry, that key isn't one of the options.
      - say: Sorry. Press 1 to pay a bill, 2 to report a power cut, or 0 for an adviser.
    ```

    ## Options
    None.

    ## References
    - [AVAYA-E] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15497.htm
    - [VXML] https://www.w3.org/TR/voicexml20/ (§5.2.2 `count`)
    - [DF] https://developers.google.com/assistant/df-asdk/dialogflow/tips
    - [MS-QA] https://learn.microsoft.com/en-us/previous-versions/office/developer/communication-server-2007/bb857165(v=office.12)
    """

    code = "HD004"
    name = "escalating-reprompt"
    summary = "Re-prompts repeat the same words instead of adding help"
    level = Level.INFO
    uses_text = True

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in _interactive(ctx):
            retries = _setting(ctx, node, "retries")
            own = node.prompt.text if node.prompt is not None else None
            for field in ("no_input", "no_match"):
                handlers = getattr(node, field)
                repeats = set()
                for handler in handlers:
                    text = handler.prompt.text if handler.prompt is not None else None
                    if _same_text(text, own):
                        repeats.add(id(handler))
                        yield Violation(
                            handler.span,
                            f"this `{field}` handler of `{node.id}` repeats the prompt word for word",
                            node=key,
                            hint="say what went wrong and add help, e.g. the keys or \"press 0 for an adviser\"",
                        )
                heard = _heard(handlers, retries)
                texts = [h.prompt.text if h.prompt is not None else None for h in heard]
                if len(heard) < 2 or any(t is None for t in texts) or id(heard[0]) in repeats:
                    continue
                if all(_same_text(texts[0], t) for t in texts[1:]):
                    yield Violation(
                        heard[0].span,
                        f"`{node.id}` says the same `{field}` message on all {len(heard)} retries",
                        node=key,
                        hint="make each retry add help: a list of handlers, the later ones naming the keys or 0",
                    )


def _target_node(ctx: Context, target: Target | None) -> Node | None:
    if target is None or target.node_key is None:
        return None
    return ctx.menuset.nodes.get(target.node_key)


@register
class InvalidInputToBusiness(Rule):
    """
    ## What it does
    Finds `no_input` and `no_match` handlers that send the caller on to a
    business choice (a destination one of the menu's own options leads to,
    or an automated transfer) instead of re-prompting or going to a person.
    A destination that an option for a person leads to ("be put in queue
    for an agent", or where 0 and the fallbacks lead) is a person, not a
    business choice. A transfer to people behind a business option is
    accepted when the handler tells the caller where they are going ("Let's
    put you through to our power cut team"); a silent handler that drops
    the caller into a business option is reported, whatever is behind it
    (Amazon Connect's sample sends a wrong key straight to its option 6,
    "set call recording behavior").

    ## Why is this bad?
    Silence or a wrong key means the caller has not chosen. Routing them to
    a business option chooses for them, so they land in a queue or service
    they did not want and must start again. On failure, callers should be
    re-prompted with more help and then passed to an attendant [AVAYA-E],
    [ACX-fail].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay your bill, goto: payments}
        "2": {label: report a power cut, goto: faults}
      no_match:
        goto: payments
    ```

    ## Use instead
    ```yaml
      no_match:
        - say: Sorry, that key isn't one of the options.
        - say: If you're not sure which option you need, press 0 to speak to an adviser.
      fallback: agent
    ```

    ## Options
    None.

    ## References
    - [AVAYA-E] https://support.avaya.com/elmodocs2/ir/r2_0/IR_R2_0_Doc_CD/CD/html/15497.htm
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    """

    code = "HD005"
    name = "invalid-input-to-business"
    summary = "A no-input or no-match handler sends the caller to a business option"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in _interactive(ctx):
            business = {}
            if isinstance(node, MenuNode):
                for option in node.options:
                    if option.goto is not None and option.goto.node_key and option.key not in ("0", "*", "#"):
                        if not _person_option(ctx, key, option):
                            business.setdefault(option.goto.node_key, option.key)
            for field in ("no_input", "no_match"):
                for handler in getattr(node, field):
                    target = _target_node(ctx, handler.goto)
                    if target is None or target.key == key or handler.goto is None:
                        continue
                    person = target.type == "transfer" and target.person  # type: ignore[attr-defined]
                    if target.key in business and not (person and handler.prompt is not None):
                        why = f"the destination of option {business[target.key]}"
                        if handler.prompt is None:
                            why += ", without a word"
                    elif person:
                        continue
                    elif target.type == "transfer":
                        why = "an automated transfer"
                    else:
                        continue
                    yield Violation(
                        handler.goto.span,
                        f"the `{field}` handler of `{node.id}` sends callers who have not chosen to "
                        f"`{target.id}`, {why}",
                        node=key,
                        hint="re-prompt with more help, then fall back to a person",
                    )


def _person_option(ctx: Context, menu_key: str, option) -> bool:
    """An option for a person (its label promises one, or it leads where the line's people are): sending
    callers who keep failing there is the advice, not a choice made for them."""
    from ._label_promises import promises_person
    from .keys import option_meaning

    text = option.label or option.say
    if text is not None and any(promises_person(value, language) for language, value in text.values):
        return True
    return option_meaning(ctx, menu_key, option) == "person"


def _multi_digit(ctx: Context, node: Interactive) -> bool:
    if isinstance(node, InputNode):
        return node.max_digits > 1
    if isinstance(node, MenuNode):
        if node.extensions is not None or any(len(o.key) > 1 for o in node.options):
            return True
        globals_ = ctx.menuset.file_of(node).global_options
        return any(len(o.key) > 1 and node.uses_global(o.key) for o in globals_)
    return False


@register
class TimeoutRange(Rule):
    """
    ## What it does
    Checks the timeouts of each menu and input: the no-input `timeout` must
    be within `min_timeout`–`max_timeout` seconds; where callers enter more
    than one digit (inputs, extensions, multi-digit keys), the
    `inter_digit_timeout` must be within `min_inter_digit`–`max_inter_digit`
    seconds and shorter than the no-input timeout.

    It also checks the timeout against the prompt before it: after a menu
    prompt longer than `long_prompt` seconds (estimated as `prompt-duration`
    does; audio-only prompts are not judged), the no-input timeout must be at
    least `min_after_long_prompt` seconds. Precisely: the timeout starts when
    the prompt ends, so a caller who waited for the last option (or who
    needs a moment to recall the key of an earlier one) has only the
    timeout to press it.

    ## Why is this bad?
    ISO/IEC 13714 (as summarised) gives 3–10 s; Twilio and Genesys wait 5 s
    for input and Genesys 3 s between digits, Asterisk 10 s and 5 s, with
    the no-entry timeout longer than the inter-digit one [ISO], [TW], [GEN],
    [AST]. Too short and callers
    are cut off while finding a bill; too long and they sit in silence
    wondering whether the line is dead. An inter-digit timeout as long as
    the no-input one makes a caller who has finished wait before anything
    happens.

    The no-input timeout counts from the end of the prompt [VXML], and
    Nuance advises raising it "for prompts that cause users to pause and
    think" (its default is 7 s) [NUA]. A prompt longer than Plum's 20 s for
    instructional prompts [PLUM] is such a prompt, so ivrkit asks for at
    least the 5 s that Twilio and Genesys give a single response by default
    [TW], [GEN] rather than the bare 3 s minimum.

    ## Example
    ```yaml
    account:
      type: input
      timeout: 2
      inter_digit_timeout: 6
      digits: {min: 8, max: 8}
    ```

    ## Use instead
    ```yaml
    account:
      type: input
      timeout: 8
      inter_digit_timeout: 4
      digits: {min: 8, max: 8}
    ```

    ## Options
    - `min_timeout` (default `3`): the shortest no-input timeout, in seconds.
    - `max_timeout` (default `10`): the longest no-input timeout, in seconds.
    - `min_inter_digit` (default `1`): the shortest inter-digit timeout, in seconds.
    - `max_inter_digit` (default `5`): the longest inter-digit timeout, in seconds.
    - `long_prompt` (default `20`): a menu prompt longer than this, in seconds, is long.
    - `min_after_long_prompt` (default `5`): the shortest no-input timeout after a long prompt, in seconds.

    ## References
    - [ISO] ISO/IEC 13714:1995, as summarised at https://www.nch.com.au/ivm/iso13714.html
    - [GEN] https://help.mypurecloud.com/articles/calculating-timeout-behavior/
    - [TW] https://www.twilio.com/docs/api_reference/TwiML/gather
    - [AST] http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-62.html
    - [VXML] W3C VoiceXML 2.0, https://www.w3.org/TR/voicexml20/ (§6.3.2, the `timeout` property)
    - [NUA] Nuance Speech Suite, `timeout`, https://docs.nuance.com/speech-suite/nr-config/cfg-timeout.html
    - [PLUM] Plum Voice, "IVR prompt guidelines", http://www.plumvoice.com/blog/ivr-prompt-guidelines
    """

    code = "HD006"
    name = "timeout-range"
    summary = "A no-input or inter-digit timeout is outside the usual range"
    level = Level.WARNING
    options = {
        "min_timeout": RuleOption(float, 3.0, "the shortest no-input timeout, in seconds"),
        "max_timeout": RuleOption(float, 10.0, "the longest no-input timeout, in seconds"),
        "min_inter_digit": RuleOption(float, 1.0, "the shortest inter-digit timeout, in seconds"),
        "max_inter_digit": RuleOption(float, 5.0, "the longest inter-digit timeout, in seconds"),
        "long_prompt": RuleOption(float, 20.0, "a menu prompt longer than this, in seconds, is long"),
        "min_after_long_prompt": RuleOption(float, 5.0, "the shortest no-input timeout after a long prompt"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        low, high = ctx.option("min_timeout"), ctx.option("max_timeout")
        digit_low, digit_high = ctx.option("min_inter_digit"), ctx.option("max_inter_digit")
        reported: set = set()
        for key, node in _interactive(ctx):
            settings = ctx.menuset.settings_of(node)
            timeout = _setting(ctx, node, "timeout")
            problems = []
            if not low <= timeout <= high:
                problems.append(("timeout", f"a no-input timeout of {timeout:g} s (usual: {low:g}–{high:g} s)"))
            elif timeout < ctx.option("min_after_long_prompt") and isinstance(node, MenuNode):
                said = _prompt_seconds(ctx, node)
                if said is not None and said > ctx.option("long_prompt"):
                    yield Violation(
                        node.span,
                        f"`{node.id}` gives callers {timeout:g} s after a prompt of about {said:.0f} s: too little "
                        f"time to recall the key of their option (at least {ctx.option('min_after_long_prompt'):g} s)",
                        node=key,
                        hint=f"raise `timeout` to {ctx.option('min_after_long_prompt'):g} s or more, or shorten the prompt",
                    )
            if _multi_digit(ctx, node):
                digit = _setting(ctx, node, "inter_digit_timeout")
                if not digit_low <= digit <= digit_high:
                    problems.append(("inter_digit_timeout",
                                     f"an inter-digit timeout of {digit:g} s (usual: {digit_low:g}–{digit_high:g} s)"))
                if digit >= timeout and digit_low <= digit <= digit_high:  # else already reported as too long
                    problems.append(("inter_digit_timeout+timeout",
                                     f"an inter-digit timeout of {digit:g} s, not shorter than its no-input "
                                     f"timeout of {timeout:g} s"))
            for fields, problem in problems:
                inherited = all(getattr(node, f) is None for f in fields.split("+"))
                if inherited and settings.span is not None:
                    if (node.file, fields, problem) in reported:
                        continue
                    reported.add((node.file, fields, problem))
                    yield Violation(settings.span, f"the file's settings give {problem}",
                                    hint="set the timeout in `settings` within the usual range")
                else:
                    yield Violation(node.span, f"`{node.id}` has {problem}", node=key,
                                    hint="keep the no-input timeout at 3–10 s and the inter-digit timeout shorter")


def _prompt_seconds(ctx: Context, node: MenuNode) -> float | None:
    """The longest estimated prompt of a menu over its languages (None when a part is audio only)."""
    rate = node.setting("rate", ctx.menuset.settings_of(node))
    longest = None
    for language in ctx.languages(node):
        segments = node_segments(ctx.menuset, node, language)
        if not segments or any(s.text is None for s in segments):
            return None
        spoken = [speech_seconds(s.text, s.language, rate) for s in segments]
        spoken = [t for t in spoken if t > 0]
        total = sum(spoken) + OPTION_PAUSE * max(len(spoken) - 1, 0)
        longest = total if longest is None else max(longest, total)
    return longest


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
    options = {"phrases": RuleOption(list, [], "more regular expressions that count as a warning")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        patterns = [re.compile(p, re.IGNORECASE) for p in _ALERTS + list(ctx.option("phrases"))]
        ms = ctx.menuset
        for key, node in _interactive(ctx):
            retries = _setting(ctx, node, "retries")
            heard = _heard(node.no_input, retries)
            leaving = heard[-1] if heard and heard[-1].goto is not None else None
            if leaving is not None:
                if goes_on(node, leaving.goto):
                    continue  # silence is taken as an empty entry: the flow goes on as after any other
                end = _ends_call(ms, leaving.goto)
                if end is None:
                    continue  # silence leads somewhere that is not a hang-up
                warned_by = heard[:-1]  # the leaving handler's own message comes too late to answer
                nth = {1: "first", 2: "second", 3: "third"}.get(len(heard), f"{len(heard)}th")
                anchor, how = leaving.goto.span, f"on the {nth} silence its `no_input` handler hangs up (`{end.id}`)"
            else:
                fallback = _fallback(ctx, node)
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

            def warns(words, lang: str) -> bool:
                return words is not None and any(p.search(text_in(words, lang, default)[0] or "") for p in patterns)

            missing = [lang for lang in languages if not warns(text, lang) and not warns(own, lang)]
            if not missing:
                continue
            where = "" if len(languages) == 1 else f" (not in: {', '.join(missing)})"
            unknown_prompt = node.prompt is not None and own is None
            warned = ("and no `no_input` message warns first (the prompt is a recording: its words are unknown)"
                      if unknown_prompt else "and the caller is never warned")
            yield Violation(
                anchor,
                f"silence can end the call at `{node.id}`: {how}, {warned}{where}",
                node=key,
                hint="make the last `no_input` message warn: \"Are you still there? … we will end the call\"",
            )

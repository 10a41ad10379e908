"""Service rules (SV): promises, queues and languages, where callers lose trust."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lint.context import Context
from ..lint.finding import Level, Violation
from ..lint.registry import Rule, RuleOption, register
from ..model import Handler, Interactive, MenuNode, Text, TransferNode
from ..prompts import text_in

__all__ = [
    "CallbackConfirmation",
    "CallbackWhen",
    "QueueWaitAnnounce",
    "QueueMaxWait",
    "LanguagePlacement",
    "MissingTranslation",
]


@register
class CallbackConfirmation(Rule):
    """
    ## What it does
    Finds `callback` nodes with `confirm: none`: a call back is booked but
    the caller gets no text message, call or email to confirm it.

    ## Why is this bad?
    The essays this project grew from name it first among the trust
    problems of phone lines: a call back booked with nothing to show for it
    leaves the caller unsure whether the booking worked, so many stay on
    hold anyway or call again. Offer call backs with number confirmation
    [ACX-fail], [MINDFUL].

    ## Example
    ```yaml
    book_callback:
      type: callback
      number: caller
      say: We'll call you back.
    ```

    ## Use instead
    ```yaml
    book_callback:
      type: callback
      number: caller
      confirm: sms
      say: We'll call you back on this number today, within two hours. We'll send you a text message to confirm.
    ```

    ## Options
    None.

    ## References
    - ivrkit issue "Clarity linter", Service: a call-back booked without a confirmation to the caller
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    - [MINDFUL] https://docs.medallia.com/en/mindful/on-premise-solutions/on-premise-callback/user-guides/configuration-ui/voice-experience/9.0-invalid-responses
    """

    code = "SV001"
    name = "callback-confirmation"
    summary = "A call back is booked without a confirmation to the caller"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("callback"):
            if node.confirm == "none":  # type: ignore[attr-defined]
                yield Violation(
                    node.span,
                    f"`{node.id}` books a call back without confirming it to the caller (confirm: none)",
                    node=key,
                    hint="set `confirm: sms` (or `call`, `email`) and say so in the prompt",
                )


_WHEN = [
    # English
    r"\bwithin\b", r"\btoday\b", r"\btonight\b", r"\btomorrow\b", r"\bnoon\b", r"\bmidday\b",
    r"\b(?:by|before|after|from|at|between) (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)",
    r"\d\s*(?:am|pm|a\.m\.|p\.m\.)\b", r"\bo'clock\b", r"\b(?:working|business) days?\b",
    r"\b(?:hours?|minutes?|days?)\b", r"\b(?:morning|afternoon|evening)\b",
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"\byour turn\b", r"\bas soon as (?!possible)\w",
    # Finnish
    r"\btänään\b", r"\bhuomenna\b", r"\barki\w*", r"\btunni\w*", r"\bminuuti\w*", r"\bpäivän\b",
    r"\bmennessä\b", r"\bklo\b", r"\bkello\b", r"\bkuluessa\b", r"\baamu\w*", r"\biltapäiv\w*",
    r"\b(?:maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai)\w*",
    r"\bvuorosi\b", r"\bheti\b",
]


def _lead_ins(ctx: Context) -> dict[str, list]:
    """For each node, the message nodes whose `next` leads straight to it."""
    found: dict[str, list] = {}
    for _, node in ctx.nodes("message"):
        target = node.next.node_key
        if target is not None:
            found.setdefault(target, []).append(node)
    return found


@register
class CallbackWhen(Rule):
    """
    ## What it does
    Finds `callback` and `voicemail` prompts that never say when the
    company will call back: no time expression such as "within two hours",
    "today", "tomorrow", "by 6 pm", "on the next working day", "when it's
    your turn" (English) or "tänään", "huomenna", "arkipäivän", "tunnin
    kuluessa", "klo 12 mennessä" (Finnish), in each language of the file.
    A destination with no prompt reads the message that leads straight into
    it (a "Sorry we can't take your call, please leave a message" said just
    before a record step); with neither, it says nothing, unless it is a
    voicemail with a `mailbox`, whose own greeting plays (recorded on the
    mailbox, its words unknown). Audio-only prompts are skipped (AU001
    reports them): unknown words are not missing words.

    ## Why is this bad?
    A call back or a message with no time attached is a promise the caller
    cannot check: they do not know whether to wait by the phone, so they
    call again. The essays this project grew from list it among the trust
    problems; wait and call-back information is what callers value most
    [ACX-xfer], [ACX-fail].

    ## Example
    ```yaml
    voicemail:
      type: voicemail
      say: Please leave a message after the tone and we'll get back to you.
    ```

    ## Use instead
    ```yaml
    voicemail:
      type: voicemail
      say: Please leave a message after the tone. We'll call you back by noon on the next working day.
    ```

    ## Options
    - `phrases` (default `[]`): more regular expressions that count as saying when, besides the built-in English and Finnish ones.

    ## References
    - ivrkit issue "Clarity linter", Service: a call-back or voicemail that never says when the company will call back
    - [ACX-xfer] http://acixd.org/wiki/doku.php?id=transfers
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    """

    code = "SV002"
    name = "callback-when"
    summary = "A call-back or voicemail never says when the company will call back"
    level = Level.WARNING
    uses_text = True
    options = {"phrases": RuleOption(list, [], "more regular expressions that count as saying when")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        patterns = [re.compile(p, re.IGNORECASE) for p in _WHEN + list(ctx.option("phrases"))]
        lead_ins = _lead_ins(ctx)
        for key, node in ctx.nodes("callback", "voicemail"):
            if node.prompt is not None and node.prompt.text is None:
                continue  # audio only: the words are unknown (AU001)
            texts = [node.prompt.text] if node.prompt is not None else []
            if not texts:
                before = lead_ins.get(key, [])
                if any(m.prompt is None or m.prompt.text is None for m in before):
                    continue  # a message with unknown words comes first: unknown is not missing
                texts = [m.prompt.text for m in before]
                if not texts and node.type == "voicemail" and node.mailbox:
                    continue  # the mailbox plays its own greeting, recorded outside the menu: words unknown
            own = node.prompt.text if node.prompt is not None else None
            before = lead_ins.get(key, [])
            said_before = "" if own is not None or not texts else (
                f" (nor does `{before[0].id}` before it)" if len(before) == 1
                else " (nor do " + ", ".join(f"`{m.id}`" for m in before[:-1]) + f" or `{before[-1].id}` before it)"
            )
            default = ctx.menuset.file_of(node).language
            missing = [
                lang for lang in ctx.languages(node)
                if not texts or not any(
                    p.search(text_in(t, lang, default)[0] or "") for t in texts for p in patterns
                )
            ]
            if not missing:
                continue
            what = "call back" if node.type == "callback" else "message"
            where = "" if len(ctx.languages(node)) == 1 else f" (in {', '.join(missing)})"
            yield Violation(
                own.span if own is not None else node.span,
                f"`{node.id}` never tells the caller when we will call back after this {what}{where}{said_before}",
                node=key,
                hint="say when: \"within two hours\", \"by noon on the next working day\"",
            )


@register
class QueueWaitAnnounce(Rule):
    """
    ## What it does
    Finds transfers to a `queue` without `announce_wait: true`: callers wait
    without being told how long.

    ## Why is this bad?
    Callers tolerate waiting much better when told the expected wait, and
    can decide to ask for a call back instead (Kortum & Peres 2007, cited
    by [ACX-xfer]). A queue
    with no wait information is one of the trust problems the essays this
    project grew from describe.

    ## Example
    ```yaml
    agent:
      type: transfer
      queue: general
    ```

    ## Use instead
    ```yaml
    agent:
      type: transfer
      queue: general
      announce_wait: true
    ```

    ## Options
    None.

    ## References
    - ivrkit issue "Clarity linter", Service: a queue without a wait-time announcement
    - [ACX-xfer] http://acixd.org/wiki/doku.php?id=transfers
    """

    code = "SV003"
    name = "queue-wait-announce"
    summary = "A queue does not tell callers how long they will wait"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("transfer"):
            assert isinstance(node, TransferNode)
            if node.queue is not None and not node.announce_wait:
                yield Violation(
                    node.span,
                    f"`{node.id}` puts callers in the `{node.queue}` queue without telling them the expected wait",
                    node=key,
                    hint="set `announce_wait: true`",
                )


@register
class QueueMaxWait(Rule):
    """
    ## What it does
    Finds transfers to a `queue` with no `max_wait` (and so no `overflow`):
    a caller can wait forever. Queues without a `callback` offer are
    reported too, as info.

    ## Why is this bad?
    A queue with no limit and no way out is where callers give up and the
    company loses them: the essays this project grew from name a queue
    without a maximum wait and overflow as a trust problem. After hours or
    when the wait is long, offer a call back (Lewis 2011, cited by
    [ACX-fail]; [MINDFUL]).

    ## Example
    ```yaml
    agent:
      type: transfer
      queue: general
      announce_wait: true
    ```

    ## Use instead
    ```yaml
    agent:
      type: transfer
      queue: general
      announce_wait: true
      max_wait: 900
      overflow: voicemail
      callback: {offer_after: 120, goto: book_callback}
    ```

    ## Options
    - `require_callback` (default `true`): also report (as info) queues without a `callback` offer.

    ## References
    - ivrkit issue "Clarity linter", Service: a queue without a maximum wait and overflow
    - [ACX-fail] http://acixd.org/wiki/doku.php?id=what_to_do_on_failure
    - [MINDFUL] https://docs.medallia.com/en/mindful/on-premise-solutions/on-premise-callback/user-guides/configuration-ui/voice-experience/9.0-invalid-responses
    """

    code = "SV004"
    name = "queue-max-wait"
    summary = "A queue has no maximum wait and overflow, or no call-back offer"
    level = Level.WARNING
    options = {"require_callback": RuleOption(bool, True, "also report queues without a call-back offer")}

    def check(self, ctx: Context) -> Iterator[Violation]:
        for key, node in ctx.nodes("transfer"):
            assert isinstance(node, TransferNode)
            if node.queue is None:
                continue
            if node.max_wait is None:
                yield Violation(
                    node.span,
                    f"callers can wait in the `{node.queue}` queue of `{node.id}` forever: no `max_wait` and `overflow`",
                    node=key,
                    hint="set `max_wait` and an `overflow` (voicemail or a call back)",
                )
            elif node.callback is None and ctx.option("require_callback"):
                yield Violation(
                    node.span,
                    f"`{node.id}` never offers callers in the `{node.queue}` queue a call back",
                    node=key,
                    hint="add `callback: {offer_after: 120, goto: ...}`",
                    level=Level.INFO,
                )


@register
class LanguagePlacement(Rule):
    """
    ## What it does
    Finds language choices (options with `language:`) that a caller can
    only reach after pressing a key: the language selection belongs in the
    first prompt (straight after the welcome, or inline in the main menu),
    before any menu in the wrong language.

    ## Why is this bad?
    A caller who does not understand the first menu cannot find a language
    option hidden behind it. Offer languages first, ideally inline ("Para
    español, oprima 9") so that majority-language callers need not choose
    [ACX-lang], [NNG], [AHL].

    ## Example
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay your bill, goto: billing}
        "9": {label: other languages, goto: languages}
    languages:
      type: menu
      options:
        "1": {label: palvelu suomeksi, language: fi, goto: main}
    ```

    ## Use instead
    ```yaml
    main:
      type: menu
      options:
        "1": {label: pay your bill, goto: billing}
        "9": {label: palvelu suomeksi, language: fi, goto: main}
    ```

    ## Options
    None.

    ## References
    - [ACX-lang] http://acixd.org/wiki/doku.php?id=language_selection
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    - [AHL] https://www.speechtechmag.com/Articles/ReadArticle.aspx?ArticleID=50359
    """

    code = "SV005"
    name = "language-placement"
    summary = "The language choice comes after the first prompt"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        depth = ctx.keypress_depth
        for key, node in ctx.menus():
            choice = next((o for o in node.options if o.language is not None), None)
            if choice is None or key not in depth or depth[key] == 0:
                continue
            presses = depth[key]
            yield Violation(
                choice.key_span,
                f"the language choice in `{node.id}` comes only after {presses} "
                f"key{'s' if presses != 1 else ''}: callers who need it cannot understand the menus before it",
                node=key,
                hint="offer the languages in the first prompt, right after the welcome",
            )


def _texts(menu_file) -> Iterator[tuple[str, Text, str | None]]:
    """Every spoken text of a file: (node key or None, text, the one language it needs or None)."""
    for option in menu_file.global_options:
        for text in (option.label, option.say):
            if text is not None:
                yield None, text, option.language
    for node in menu_file.nodes.values():
        if node.prompt is not None and node.prompt.text is not None:
            yield node.key, node.prompt.text, None
        if isinstance(node, MenuNode):
            for option in node.options:
                for text in (option.label, option.say):
                    if text is not None:
                        yield node.key, text, option.language
        if isinstance(node, Interactive):
            handler: Handler
            for handler in node.no_input + node.no_match:
                if handler.prompt is not None and handler.prompt.text is not None:
                    yield node.key, handler.prompt.text, None


@register
class MissingTranslation(Rule):
    """
    ## What it does
    In files with several `languages`, finds spoken texts (`say`, option
    labels, handler messages) that lack one of them. The option of a
    language choice (with `language:`) only needs its own language, since
    it is always announced in it.

    ## Why is this bad?
    A caller who chose Finnish and suddenly hears English (ivrkit falls back
    to the file's `language`) is lost at exactly that step; the essays this
    project grew from list missing translations in multi-language menus
    among the trust problems, and language options should come first and be
    honoured throughout [ACX-lang], [NNG].

    ## Example
    ```yaml
    languages: [en, fi]
    nodes:
      main:
        type: menu
        say: How can we help?
    ```

    ## Use instead
    ```yaml
    languages: [en, fi]
    nodes:
      main:
        type: menu
        say: {en: How can we help?, fi: Miten voimme auttaa?}
    ```

    ## Options
    None.

    ## References
    - ivrkit issue "Clarity linter", Service: missing translations in multi-language menus
    - [ACX-lang] http://acixd.org/wiki/doku.php?id=language_selection
    - [NNG] Kohler 2022, "The UX of Phone-Tree Systems: 16 Usability Guidelines" (Nielsen Norman Group), mirror https://www.scien.cx/2022/08/14/the-ux-of-phone-tree-systems-16-usability-guidelines
    """

    code = "SV006"
    name = "missing-translation"
    summary = "A spoken text lacks one of the file's languages"
    level = Level.WARNING

    def check(self, ctx: Context) -> Iterator[Violation]:
        for menu_file in ctx.menuset.files.values():
            if len(menu_file.languages) < 2:
                continue
            for node_key, text, own in _texts(menu_file):
                needed = (own,) if own is not None else menu_file.languages
                missing = [lang for lang in needed if text.get(lang) is None]
                if missing:
                    yield Violation(
                        text.span,
                        f"this text has no {', '.join(missing)} version; those callers hear "
                        f"{menu_file.language if text.get(menu_file.language) else text.languages[0]} instead",
                        node=node_key,
                        hint=f"add the translation: {{{', '.join(f'{lang}: ...' for lang in menu_file.languages)}}}",
                    )

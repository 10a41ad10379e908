"""VoiceXML 2.0/2.1 documents: `<menu>`s with DTMF `<choice>`s and `<form>`s, one node or a few per dialog.

Mapping (the first dialog is the entry). Sections are those of VoiceXML 2.0
(https://www.w3.org/TR/voicexml20/) unless marked 2.1.

- `xml:lang` on `<vxml>` → `language`. A language ivrkit has no option
  template for (`es-ES`) is still kept as the file's language, so that the
  rules do not read Spanish prompts by English word rules, when no option is
  announced from its label (every menu's prompt names its keys, or the
  `<enumerate>` words are each option's `say`): a wordless template is set
  (the loader wants one per language) and never spoken, with a remark.
  Otherwise the tag is kept under `x-unmapped` with a remark.
- `<menu id>` → a `menu` node. `<choice dtmf next="#id">` → an option to
  that dialog (`<menu dtmf="true">` gives the first nine choices without a
  `dtmf` of their own the keys 1-9 in order, 2.2.1 and 2.2.3).
  The choice's text is the option's `label` — "Press 1 to create or join a
  conference" gives "create or join a conference" (read by
  `ivrkit.language.keyphrases`), "Sports" stays "Sports"; a text naming its
  key in a form the reader does not know gives no label (unknown, the text
  in the option's `note`). A choice's text is spoken only through
  `<enumerate>` (2.2.4): without one in the prompt, `announce_options:
  false` and the labels are labels only. With one, the options are
  announced and each option's `say` is what the platform says for it, so
  that ivrkit's composition is the platform's words: the text as written
  for an empty `<enumerate/>` (the default list speaks each choice's text),
  the template rendered with `_prompt` (the text) and `_dtmf` (the key) for
  one with content. ivrkit speaks the options after the prompt's `say`;
  prompt words after `<enumerate>` are moved before them, with a remark. An
  `<enumerate>` inside a handler is spelt out in the handler's text.
  A field's `<option dtmf>`s (2.3.1.3) are read the same way.
- `<prompt>` → `say` for its synthesised text (`<value expr>` is computed
  when the call runs: its quoted strings stay and the rest appears as `…`,
  never as a placeholder the linter would report, the expressions kept
  under `x-unmapped` with a remark). `<audio src>` → `audio` (further ones
  and `<audio expr>` kept under `x-unmapped`; an expr ending in a quoted
  file name gives that name). The content of `<audio src|expr>` is played
  only when the recording cannot be fetched (4.1.3): it is no transcript,
  so a prompt with a recording has unknown words — `audio` and no `say` —
  and its fallback text goes to the node's `note` (where a designer reads
  it) and under `x-unmapped` (`<where> audio fallback text`), with one
  remark. A prompt mixing synthesised text with a recording is imported
  the same way: `say` beside `audio` means the transcript of the whole
  prompt, and the format cannot say "partly known", so the known text must
  not pretend to be all of it; it is kept in the `note` and under
  `x-unmapped` (`<where> text beside the recording`) with a remark.
  `<goto nextitem>` naming a dialog is taken as a goto to it, with a remark
  (nextitem names a form item, 5.3.7).
- `<noinput count>`/`<nomatch count>` → one handler per failure: the n-th
  runs the handler with the highest count not above n (5.2.4), so counts 1
  and 3 give three handlers, and `retries` grows so that the last is
  reached (the last repeats, as in VoiceXML). Document-level handlers
  answer in every menu and field where the dialog has none for that count
  (5.2.4: every enclosing scope is searched, the innermost first). Their
  `<goto next>` → `goto`; `<disconnect/>`/`<exit/>` → `goto` a `hangup`
  node, which says the handler's prompt when it has one (its words are the
  call's last).
- A fallback after `retries` re-prompts, as `ivrkit export` writes it: when
  both the no-input and the no-match handling end, at the same count, in a
  handler that only jumps (`<goto next="#agent"/>` or `<disconnect/>`) to
  the same place, that count is `retries + 1` and the jump is `fallback`;
  handlers that only `<reprompt/>` before it are ivrkit's "no handler".
  A field's `termchar` property gives its `terminator` (empty: none) when
  its digits type names none.
- `<property name="timeout|interdigittimeout">` → `timeout` /
  `inter_digit_timeout` (document level → `settings`); `<prompt timeout>`
  (4.1.7) → the node's `timeout`.
- `<form id>`: its items in order become a chain of nodes, the first one
  taking the form's id. Prompts in `<block>`s → a `message` (or, at the end
  of the form or before `<disconnect/>`, a `hangup`); `<goto>` → its `next`.
  A DTMF `<field>` → an `input` node (`digits` from `type="digits?minlength=
  ..;maxlength=.."` or a grammar's min/max digits), `store:` the field name,
  continued by what its `<filled>` does. `<record>` → a `voicemail` node
  (`maxtime` → `max_length`) whose `next` is what the form does after the
  recording (its `<filled>` prompts and jump); with nothing after it the call
  ends, as the document does. A field with
  DTMF `<option dtmf value>`s is a `menu`: the `<if cond="f == 'value'">
  <goto next=...>` branches of its `<filled>` give each option's target
  (`<else>` the rest; no branch → what follows in the form). So is a
  one-digit field (`digits?length=1`) whose `<filled>` tests its value
  against keys: each tested key is an option. So is a field with an inline
  DTMF grammar whose alternatives are single keys (`<one-of><item>1</item>
  ...`, SRGS 1.0; VoiceXML 2.0 3.1) and whose `<filled>` (in the field or
  the form) tests its value, the key or the `<tag>` value: every
  alternative is an option (see `_vxml_grammar`). A `type="boolean"`
  field branching on its value is a menu of 1 (true) and 2 (false)
  (appendix P).
- A menu whose prompt names its keys in words ("For billing, press 1",
  read by `ivrkit.language.keyphrases`) gives each option it names a label
  where the source gives none; a key whose goal cannot be read stays
  unlabelled.
- `<link dtmf next>` (or with an inline DTMF grammar, 2.5) at document level
  → a `global_options` entry, in a `<menu>` → an option of that menu; not
  announced (nothing speaks a link), with a note. Event and expression
  links are kept under `x-unmapped`.
- `<prompt count="n">` with n > 1 plays from the n-th visit on (4.1.6): it
  is no part of the first prompt and is kept under `x-unmapped`.
- `<submit next>` (5.3.8) leads to the document it names, like a `<goto>`.
  `<goto expr>`/`<submit expr>` lead to a destination computed when the
  call runs: a transfer whose note says it is unknown (never a hang-up).
- VoiceXML never stops re-prompting on its own (the default noinput and
  nomatch handlers reprompt, VoiceXML 2.0 5.2.5): a menu or field with no
  fallback of its own falls back to itself.
- `<transfer dest>` → a `transfer` (`tel:` dropped; `destexpr="'p'+var"` →
  `p{var}`). Its `<filled>` testing the result (`busy`, `network_busy`,
  `noanswer`, 2.3.7) gives `busy` and `no_answer`; a jump there outside any
  `<if>` follows every result.
- An `<if>` in a form that jumps (5.3.4) → a `branch` on a variable made
  for it (`variables`), one case per condition as written plus `else`
  (the default: the way on when none holds); a way that speaks first says
  it in a message (or a hang-up before `<disconnect/>`). An `<if>` that
  does not jump is kept under `x-unmapped`.
- A target in another document (`next="other.vxml#x"`) becomes a
  `transfer` node whose note says the destination is unknown (never a
  hang-up, never surely "no person"), with a remark; an undefined `#id`
  becomes a `hangup` node saying so. Other conditional logic, scripts,
  variables, `<subdialog>`, `<help>`/`<error>` handlers and other
  properties are kept under `x-unmapped`. An element that is not VoiceXML
  at all is an error.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..language.keyphrases import labels_from_prompt
from ._build import DTMF_KEY, Builder, language_code, seconds
from ._vxml_choices import (
    choice_label,
    choice_text,
    enumerate_element,
    enumerated_say,
    text_after_enumerate,
)
from ._vxml_common import (
    _COMPUTED,
    _count,
    _describe,
    _first_line,
    _language_tag,
    _spoken_value,
)
from ._vxml_forms import FormsMixin
from ._vxml_grammar import grammar_keys
from ._xml import XNode, parse_xml
from .base import Imported, ImportProblem

__all__ = ["IMPORTER", "VoiceXmlImporter"]

_VXML_ELEMENTS = frozenset(
    "assign audio block break catch choice clear data disconnect else elseif enumerate error exit field "
    "filled form foreach goto grammar help if initial link log menu meta metadata noinput nomatch object "
    "option param prompt property record reprompt return script subdialog submit throw transfer value var "
    "vxml mark emphasis p s say-as sub voice lexicon phoneme prosody desc rule item one-of ruleref tag "
    "token example".split()
)


class VoiceXmlImporter:
    name = "vxml"
    description = "VoiceXML 2.x"

    def detect(self, text: str, path: Path) -> bool:
        return bool(re.search(r"<vxml[\s>]", text[:200_000]))

    def convert(self, text: str, path: Path) -> Imported:
        root = parse_xml(text, what="VoiceXML")
        if root.tag != "vxml":
            raise ImportProblem(
                f"the root element is <{root.tag}>, not <vxml>",
                root.line,
                root.col,
                'a VoiceXML document starts with <vxml version="2.1" ...>',
            )
        return _Converter(path, root).run()


class _Converter(FormsMixin):
    def __init__(self, path: Path, root: XNode):
        self.b = Builder("vxml", path)
        self.root = root
        self.dialogs: dict[str, XNode] = {}
        self.hangup_id: str | None = None
        self.elsewhere: dict[str, str] = {}  # another document's URI -> its node
        self.continuations: set[str] = set()  # nodes made for the steps after a form's first
        self.language = language_code(root.get("lang"))
        self.text_language = _language_tag(root.get("lang")) or "en"  # how choice texts are read
        self.notes: dict[str, list[str]] = {}  # node -> the texts of its prompts whose words are not `say`
        self.fallback_lines: list[int] = []  # where recordings with fallback text were found
        self.variables: dict[str, dict] = {}  # the branch variables made for <if>s
        self.beside: dict[str, str] = {}  # node -> the synthesised text of its prompt beside a recording
        self.document_handlers: list[XNode] = []  # <noinput>/<nomatch>/<catch> at document level

    def run(self) -> Imported:
        b, root = self.b, self.root
        for element in root.iter():
            if element.tag not in _VXML_ELEMENTS:
                raise ImportProblem(
                    f"<{element.tag}> is not a VoiceXML element",
                    element.line,
                    element.col,
                    "check the spelling; VoiceXML 2.1 elements are menu, form, field, block, ...",
                )
        dialogs = [child for child in root.children if child.tag in ("menu", "form")]
        if not dialogs:
            raise ImportProblem("the document has no <menu> or <form>", root.line, root.col)
        for index, dialog in enumerate(dialogs):
            name = dialog.get("id") or f"{dialog.tag}{index + 1}"
            self.dialogs[name] = dialog
            b.node_id(name)
        settings: dict = {}
        global_options: dict = {}
        if root.get("application"):
            b.keep("(document)", "application", root.get("application"))
            b.remark(
                root.line,
                f"the application root document `{root.get('application')}` is not in this file: "
                f"its links, handlers and properties, which apply here too (VoiceXML 2.0 1.5.2), "
                f"are unknown",
            )
        for child in root.children:
            if child.tag == "property":
                self.property(child, settings, "(document)")
            elif child.tag in ("noinput", "nomatch") or (
                child.tag == "catch" and set((child.get("event") or "").split()) & {"noinput", "nomatch"}
            ):
                self.document_handlers.append(child)  # read by every menu and field (see `handlers`)
                b.keep("(document)", child.tag, _describe(child))
            elif child.tag == "link":
                if self.link(child, global_options, "(document)"):
                    b.remark(
                        child.line,
                        f"the document's <link> for {', '.join(self.link_keys(child))} is "
                        "active in every dialog (VoiceXML 2.0 2.5): imported as a global option, which ivrkit "
                        "honours in menus only (not while a field collects digits)",
                    )
            elif child.tag not in ("menu", "form", "meta", "metadata"):
                b.keep("(document)", child.tag, _describe(child))
        for name, dialog in self.dialogs.items():
            if dialog.tag == "menu":
                self.menu(name, dialog)
            else:
                self.form(name, dialog)
        tag = _language_tag(root.get("lang"))
        silent = all(
            data.get("announce_options") is False
            or "options" not in data
            or all("say" in option or option.get("announce") is False for option in data["options"].values())
            for data in b.nodes.values()
            if data.get("type") == "menu"
        )
        if root.get("lang") and self.language is None and tag is not None and silent:
            # The rules must not read Spanish prompts as English ones; no menu composes an announcement, so a
            # wordless template (the format needs one per language) is never spoken.
            self.language = tag
            settings["option_template"] = {tag: "{Label}: {key}."}
            b.remark(
                root.line,
                f"the language is `{tag}`, which has no built-in option template; no option is "
                f"announced from its label (the prompts or the <enumerate> words say them), so a "
                f"wordless one is set and never spoken",
            )
        elif root.get("lang") and self.language is None:
            b.keep("(document)", "xml:lang", root.get("lang"))
            b.remark(
                root.line,
                f"ivrkit has no built-in option template for `{root.get('lang')}`; "
                "the language is kept under x-unmapped",
            )
        entry = b.node_id(next(iter(self.dialogs)))
        b.prune([b.node_id(name) for name in self.dialogs], self.continuations)
        self.endless_reprompts(settings)
        self.recording_notes()
        self.labels_from_prompts()
        document = b.unmapped.pop("(document)", None)
        imported = b.finish(
            name=f"VoiceXML {self.b.path.name}",
            entry=entry,
            language=self.language,
            settings=settings or None,
            keep_file=document,
        )
        if global_options or self.variables:  # in the order of docs/format.md: before `nodes`
            menu = dict(imported.menu)
            imported.menu.clear()
            for field, value in menu.items():
                if field == "nodes":
                    if global_options:
                        imported.menu["global_options"] = global_options
                    if self.variables:
                        imported.menu["variables"] = self.variables
                imported.menu[field] = value
        return imported

    # -- links ---------------------------------------------------------------

    @staticmethod
    def link_keys(link: XNode) -> list[str]:
        """The DTMF keys a `<link>` answers to: its `dtmf` attribute, or its inline DTMF grammar's keys."""
        dtmf = link.get("dtmf")
        if dtmf:
            return [dtmf] if DTMF_KEY.match(dtmf) else []
        keys = grammar_keys(link) or []
        return list(dict.fromkeys(key for key, _, _ in keys))

    def link(self, link: XNode, options: dict, owner: str) -> bool:
        """A `<link dtmf next>` (VoiceXML 2.0 2.5) as options of `options` that are not announced (nothing
        speaks a link); False (and kept under x-unmapped) for a link by event, expression or voice only."""
        keys = [key for key in self.link_keys(link) if key not in options]
        destination = link.get("next")
        if not keys or not destination:
            self.b.keep(owner, "link", _describe(link))
            return False
        target = self.target(destination, link)
        for key in keys:
            options[key] = {
                "goto": target,
                "announce": False,
                "note": "a VoiceXML <link>: active here whatever the prompt says, and never announced",
            }
        return True

    def labels_from_prompts(self) -> None:
        """A menu whose prompt names its keys in words ("For billing, press 1") gives the options it names
        their labels, where the source has none of its own (a choice's text comes first); so does the
        synthesised part of a prompt beside a recording, whose words are known. A key whose goal cannot be read
        keeps no label: unknown, never a guess."""
        for node_id, data in self.b.nodes.items():
            text = data.get("say") or self.beside.get(node_id)
            if data.get("type") != "menu" or data.get("announce_options") is not False or not text:
                continue
            labels = labels_from_prompt(text, self.text_language)
            options = data.get("options") or {}
            for key, option in options.items():
                if "label" not in option and labels.get(key):
                    options[key] = {"label": labels[key], **option}

    def recording_notes(self) -> None:
        """Put the text of each node's recordings in its `note`, where a designer reads it (never spoken)."""
        for node_id, texts in self.notes.items():
            data = self.b.nodes.get(node_id)
            if data is None or data.get("type") == "branch":
                continue
            note = (
                "recordings with unknown words (fallback text is played only if a recording cannot be "
                "fetched, VoiceXML 2.0 4.1.3): " + "; ".join(texts)
            )
            data["note"] = f"{data['note']}. {note}" if data.get("note") else note
        if self.fallback_lines:
            self.b.remark(
                self.fallback_lines[0],
                f"{len(self.fallback_lines)} recording{'s' if len(self.fallback_lines) > 1 else ''} "
                f"with text inside <audio>: that text is played only when the recording cannot be "
                f"fetched (VoiceXML 2.0 4.1.3), it is no transcript; imported as audio with unknown "
                f"words, the text kept in the node's note and under x-unmapped",
            )

    def endless_reprompts(self, settings: dict) -> None:
        """VoiceXML has no retry limit: the default noinput and nomatch handlers reprompt (VoiceXML 2.0
        5.2.5), and a handler without a jump goes back to the same item, however often it runs. A menu or
        field with no way out of its own therefore falls back to itself, so that ivrkit's retry count does
        not end a call the platform would keep asking."""
        if "fallback" in settings:
            return
        looping = [
            node_id
            for node_id, data in self.b.nodes.items()
            if data.get("type") in ("menu", "input") and "fallback" not in data
        ]
        for node_id in looping:
            self.b.nodes[node_id]["fallback"] = node_id
        if looping:
            self.b.remark(
                1,
                f"VoiceXML re-prompts without limit after silence or a wrong key: "
                f"{', '.join(f'`{n}`' for n in looping[:5])}{' and others' if len(looping) > 5 else ''} "
                f"fall back to themselves",
            )

    # -- helpers -------------------------------------------------------------

    def target(self, raw: str, element: XNode) -> str:
        if raw.startswith("#"):
            return self.b.target(raw[1:], element.line, element.col)
        document, _, fragment = raw.partition("#")
        if fragment and document == self.b.path.name:
            return self.b.target(fragment, element.line, element.col)
        return self.other_document(raw, element)

    def other_document(self, raw: str, element: XNode) -> str:
        """A dialog in another document: what the caller meets there is unknown. Imported as a transfer whose
        note says so, as the other importers do with destinations outside the file: neither a hang-up nor
        surely a person."""
        made = self.elsewhere.get(raw)
        if made is not None:
            return made
        b = self.b
        node_id = b.fresh_id(re.sub(r"[^A-Za-z0-9_-]+", "_", raw).strip("_") or "document")
        b.add(
            node_id,
            {
                "type": "transfer",
                "number": raw,
                "person": "unknown",
                "note": f"the VoiceXML document {raw}: what callers meet there is unknown (it is not in "
                f"this file); imported as a transfer so it is neither a hang-up nor surely a person",
            },
            element.line,
            element.col,
        )
        b.keep(node_id, "other document", raw)
        b.remark(
            element.line,
            f"`{raw}` is another document; what it does is unknown here, so it is imported as the transfer `{node_id}`",
        )
        self.elsewhere[raw] = node_id
        return node_id

    def computed_destination(self, expr: str, element: XNode) -> str:
        """`<goto expr>` / `<goto expritem>` (VoiceXML 2.0 5.3.7): where the call goes is computed when it runs.
        Unknown, like another document: a transfer whose note says so, never a hang-up."""
        key = f"expr {expr}"
        made = self.elsewhere.get(key)
        if made is not None:
            return made
        b = self.b
        node_id = b.fresh_id("computed_" + (re.sub(r"[^A-Za-z0-9_-]+", "_", expr).strip("_")[:40] or "goto"))
        b.add(
            node_id,
            {
                "type": "transfer",
                "number": f"(computed: {' '.join(expr.split())})",
                "person": "unknown",
                "note": f'a destination computed when the call runs (<goto expr="{expr}">): unknown; '
                f"imported as a transfer so it is neither a hang-up nor surely a person",
            },
            element.line,
            element.col,
        )
        b.remark(
            element.line,
            f'<goto expr="{expr}"> goes where the expression says when the call runs: imported '
            f"as the transfer `{node_id}`, whose destination is unknown",
        )
        self.elsewhere[key] = node_id
        return node_id

    def hangup(self) -> str:
        if self.hangup_id is None:
            self.hangup_id = self.b.fresh_id("disconnect")
            line = self.root.line
            self.b.add(self.hangup_id, {"type": "hangup", "note": "the source disconnects the call here"}, line)
            self.continuations.add(self.hangup_id)  # dropped if only handlers with their own last words used it
        return self.hangup_id

    def prompt_timeout(self, owner: str, prompts: list, data: dict) -> None:
        """`<prompt timeout>`: the no-input timeout after that prompt, over the `timeout` property; of several
        queued prompts the last one's counts (VoiceXML 2.0 4.1.7)."""
        timed = [
            p
            for p in prompts
            if isinstance(p, XNode) and p.tag == "prompt" and p.get("timeout") and _count(p.get("count")) <= 1
        ]
        if timed:
            value = timed[-1].get("timeout")
            self.b.timing(data, owner, "timeout", seconds(value, default_unit="s"), value, timed[-1].line)

    def prompt_bargein(self, owner: str, prompts: list, data: dict) -> None:
        """`<prompt bargein="false">`: a key does not cut the prompt short (VoiceXML 2.0 4.1.5). The format has
        one `barge_in` per node, so any such prompt of the first round makes the node's false, with a remark
        when others of that round do allow it."""
        first = [p for p in prompts if isinstance(p, XNode) and p.tag == "prompt" and _count(p.get("count")) <= 1]
        refused = [p for p in first if (p.get("bargein") or "").strip().lower() == "false"]
        if not refused:
            return
        data["barge_in"] = False
        if len(refused) < len(first):
            self.b.remark(
                refused[0].line,
                "some prompts of this dialog allow barge-in and some do not; ivrkit "
                "has one `barge_in` per node, so none does",
            )

    def property(self, element: XNode, data: dict, owner: str) -> None:
        name, value = element.get("name"), element.get("value")
        if name == "bargein" and (value or "").strip().lower() in ("true", "false"):
            if (value or "").strip().lower() == "false":
                data["barge_in"] = False
            return
        field = {"timeout": "timeout", "interdigittimeout": "inter_digit_timeout"}.get(name or "")
        if field is None or value is None:
            self.b.keep(owner, f"property {name}", value)
            return
        self.b.timing(data, owner, field, seconds(value, default_unit="s"), value, element.line)

    def prompt(
        self, owner: str, elements: list, where: str = "prompt", listed: list[tuple[str, str]] | None = None
    ) -> dict:
        """say/audio for a run of prompt content (prompt, audio, text and value elements).

        The content of `<audio src|expr>` is played only when the recording cannot be fetched (VoiceXML 2.0
        4.1.3): it is no transcript. A prompt with a recording therefore has unknown words (`audio`, no `say`);
        its fallback text is remembered for the node's `note` and kept under x-unmapped, and synthesised text
        beside the recording, which `say` cannot mark as a part, is kept there too. `listed` holds the (key,
        text) of the choices an `<enumerate>` says where ivrkit cannot announce the options itself (a
        handler's text); None drops it (ivrkit announces a dialog's options after its `say`).
        """
        texts: list[str] = []
        fallback: list[str] = []
        audios: list[str] = []
        dynamic: list[str] = []
        values: list[tuple[str, int, bool]] = []  # expression, line, spoken as synthesised text

        def walk(item, sink: list[str]) -> None:
            if isinstance(item, str):
                sink.append(item)
                return
            if item.tag == "audio":
                if item.get("src"):
                    audios.append(item.get("src"))
                elif item.get("expr"):
                    dynamic.append(item.get("expr"))
                if item.get("src") or item.get("expr"):
                    sink = fallback
                    sink.append(" ")
            elif item.tag == "value" and item.get("expr"):
                sink.append(f" {_spoken_value(item.get('expr'))} ")
                values.append((item.get("expr"), item.line, sink is texts))
            elif item.tag == "enumerate":
                # ivrkit announces a dialog's options after `say` itself; a handler says them in its text
                if listed:
                    said = [enumerated_say(item, text, key) for key, text in listed]
                    sink.append(f" {('; ' if not item.children else ' ').join(w for w in said if w)} ")
                else:
                    sink.append(" ")
                return
            for child in item.content:
                walk(child, sink)

        later: list[XNode] = []
        for element in elements:
            if isinstance(element, XNode) and element.tag == "prompt" and _count(element.get("count")) > 1:
                later.append(element)  # VoiceXML 2.0 4.1.6: played from the n-th visit on, not the first
                continue
            walk(element, texts)
            texts.append(" ")  # two <prompt>s are two sentences, not one word across them
            fallback.append(" ")
        for element in later:
            self.b.keep(owner, f"{where} count {_count(element.get('count'))}", _describe(element))
        if later:
            self.b.remark(
                later[0].line,
                f'`{owner}` has <prompt count="{later[0].get("count")}">: played from '
                f"that visit on (VoiceXML 2.0 4.1.6), not on the first; ivrkit has one "
                f"prompt, the first visit's, so it is kept under x-unmapped",
            )
        text = " ".join("".join(texts).split())
        alternative = " ".join("".join(fallback).split())
        result: dict = {}
        if audios:
            result["audio"] = audios[0]
            if len(audios) > 1:
                self.b.keep(owner, f"{where} audio", audios[1:])
        if dynamic:
            self.b.keep(owner, f"{where} audio expr", dynamic)
            # `application.path+'/b5.wav'`: a recording plays whose folder is computed; its name is known.
            named = re.search(r"['\"]/?([^'\"/]+\.(?:wav|mp3|ul|al|gsm|vox|ogg))['\"]\s*\Z", dynamic[0], re.I)
            if named and "audio" not in result:
                result["audio"] = named.group(1)
            elif "audio" not in result:
                # a recording chosen when the call runs (`<audio expr="greetingUri"/>`): words unknown, not
                # silence; the expression stands for its name
                result["audio"] = dynamic[0].strip() or "computed-recording"
                self.notes.setdefault(owner, []).append(
                    f'the {where} recording is computed when the call runs (<audio expr="{dynamic[0]}">)'
                )
        recorded = bool(audios or dynamic)
        if text and not recorded:
            result["say"] = text
        elif text:
            # `say` beside `audio` would be the transcript of the whole prompt; the synthesised part is only a part
            self.b.keep(owner, f"{where} text beside the recording", text)
            if where == "prompt":
                self.beside[owner] = text
            self.b.remark(
                _first_line(elements),
                f"the {where} of `{owner}` mixes synthesised text with a recording whose words are "
                f"unknown: imported as the recording (no `say`), the text kept under x-unmapped",
            )
            self.notes.setdefault(owner, []).append(f'the {where}\'s synthesised text beside its recording: "{text}"')
        if alternative:
            self.b.keep(owner, f"{where} audio fallback text", alternative)
            self.notes.setdefault(owner, []).append(f'the {where} recording\'s fallback text: "{alternative}"')
            self.fallback_lines.append(_first_line(elements))
        if values:
            self.b.keep(owner, f"{where} values", [expr for expr, _, _ in values])
        spoken = [(expr, line) for expr, line, said in values if said]
        if spoken and "say" in result:
            self.b.remark(
                spoken[0][1],
                f'the words of <value expr="{spoken[0][0]}">'
                f"{' and ' + str(len(spoken) - 1) + ' more' if len(spoken) > 1 else ''} "
                f"are computed when the call runs: shown as {_COMPUTED} in the text "
                f"(quoted strings in the expression are kept)",
            )
        return result

    def handlers(
        self, owner: str, dialog: XNode, data: dict, items: list[XNode], listed: list[tuple[str, str]] | None = None
    ) -> None:
        by_kind: dict[str, list[XNode]] = {}
        for kind in ("noinput", "nomatch"):
            found = [item for item in items if item.tag == kind]
            found += [item for item in items if item.tag == "catch" and kind in (item.get("event") or "").split()]
            # the document's own handlers answer where the dialog has none for that count (VoiceXML 2.0 5.2.4:
            # every enclosing scope is searched, the innermost first)
            here = {_count(item.get("count")) for item in found}
            found += [
                item
                for item in self.document_handlers
                if (item.tag == kind or (item.tag == "catch" and kind in (item.get("event") or "").split()))
                and _count(item.get("count")) not in here
            ]
            found.sort(key=lambda item: _count(item.get("count")))
            by_kind[kind] = found
        fallback = self.counted_fallback(owner, by_kind)
        if fallback is not None:
            count, target = fallback
            data["fallback"] = target
            self.b.timing(data, owner, "retries", count - 1, str(count - 1), by_kind["noinput"][-1].line)
            for kind in by_kind:
                by_kind[kind] = by_kind[kind][:-1]
                if all(
                    not item.children and not item.own_text() or [c.tag for c in item.children] == ["reprompt"]
                    for item in by_kind[kind]
                ):
                    by_kind[kind] = []  # only re-prompts before the fallback: ivrkit's "no handler"
        for kind in ("noinput", "nomatch"):
            found = by_kind[kind]
            if not found:
                continue
            counts = [_count(item.get("count")) for item in found]
            made: list[tuple[int, dict | None]] = []
            for item in found:
                elements = [
                    c
                    for c in item.content
                    if (isinstance(c, str) and c.strip())
                    or (isinstance(c, XNode) and c.tag in ("prompt", "audio", "value", "enumerate"))
                ]
                goto = self.jump(owner, item)
                if goto and goto == self.hangup_id and elements:
                    # <audio/><disconnect/>: the words are the call's last, as in a form's block before
                    # <disconnect/> (the hang-up says them, its note keeps their text; the handler leads there)
                    end = self.b.fresh_id(f"{owner}_{kind}_end")
                    said = self.prompt(end, elements, kind, listed)
                    if said:
                        self.b.add(end, {"type": "hangup", **said}, item.line, item.col)
                        goto = end
                    handler = {"goto": goto}
                else:
                    handler = self.prompt(owner, elements, kind, listed)
                    if goto:
                        handler["goto"] = goto
                if not handler:
                    self.b.keep(owner, kind, _describe(item))
                made.append((_count(item.get("count")), handler or None))
            handlers = self.by_count(owner, kind, made, found[0].line)
            if counts != list(range(1, len(counts) + 1)):
                self.b.keep(owner, f"{kind} counts", counts)
            if handlers:
                data["no_input" if kind == "noinput" else "no_match"] = handlers[0] if len(handlers) == 1 else handlers
                if fallback is None and len(handlers) > 2 and len(handlers) > data.get("retries", 2):
                    data["retries"] = len(handlers)  # every handler is reached before ivrkit's fallback
        for item in items:
            if item.tag in ("help", "error") or (
                item.tag == "catch" and not set((item.get("event") or "").split()) & {"noinput", "nomatch"}
            ):
                self.b.keep(owner, item.tag if item.tag != "catch" else f"catch {item.get('event')}", _describe(item))

    def counted_fallback(self, owner: str, by_kind: dict[str, list[XNode]]) -> tuple[int, str] | None:
        """(count, target) when both the no-input and the no-match handling end, at the same count, in a handler
        that only jumps to the same dialog (`<noinput count="3"><goto next="#agent"/></noinput>` and the same
        for nomatch, as `ivrkit export` writes a fallback after `retries` re-prompts): that is ivrkit's
        `fallback` with `retries` = count - 1, not one more handler. Anything else: None."""
        tails = []
        for kind in ("noinput", "nomatch"):
            found = by_kind.get(kind) or []
            if not found or found[-1] in self.document_handlers:
                return None
            last = found[-1]
            count = _count(last.get("count"))
            if any(_count(item.get("count")) >= count for item in found[:-1]) or last.own_text():
                return None
            if [child.tag for child in last.children] not in (["goto"], ["disconnect"]):
                return None
            jump = last.children[0]
            if jump.tag == "goto" and (not (jump.get("next") or "").startswith("#") or len(jump.attrib) != 1):
                return None
            tails.append((count, jump.get("next") or "" if jump.tag == "goto" else "disconnect"))
        if tails[0] != tails[1] or not 1 <= tails[0][0] <= 11:
            return None
        count, raw = tails[0]
        last = by_kind["noinput"][-1]
        target = self.hangup() if raw == "disconnect" else self.target(raw, last.children[0])
        return count, target

    def by_count(self, owner: str, kind: str, made: list[tuple[int, dict | None]], line: int) -> list[dict]:
        """Handlers by `count` as ivrkit lists them, one for the 1st, 2nd, ... failure: the n-th failure runs
        the handler with the highest count not above n (VoiceXML 2.0 5.2.4), so `count` 1 and 3 give
        [h1, h1, h3] (at most 10, ivrkit's most retries). A handler that only re-prompts (`<reprompt/>`, or
        the platform's default before the lowest count) has no ivrkit form: the next one is used in its
        place, with a remark."""
        top = min(max(count for count, _ in made), 10)
        listed: list[dict | None] = []
        for failure in range(1, top + 1):
            eligible = [count for count, _ in made if count <= failure]
            # the highest count not above n; of several with it, the first (inner scope, then document order)
            listed.append(next(h for c, h in made if c == max(eligible)) if eligible else None)
        while listed and listed[-1] is None:
            listed.pop()
        silent = [index + 1 for index, handler in enumerate(listed) if handler is None]
        if silent:
            self.b.remark(
                line,
                f"the {kind} handling of `{owner}` only re-prompts on failure "
                f"{', '.join(map(str, silent))} (VoiceXML 2.0 5.2.5), which an ivrkit handler "
                f"cannot say; the next handler is used there",
            )
        elif sorted({count for count, _ in made}) != list(range(1, len({count for count, _ in made}) + 1)):
            self.b.remark(
                line,
                f"the {kind} counts {sorted({count for count, _ in made})}: each handler runs from its "
                f"count until the next (VoiceXML 2.0 5.2.4), imported as one handler per failure",
            )
        return [handler for handler in listed if handler is not None]

    def jump(self, owner: str, container: XNode) -> str | None:
        """Where executable content leads: the first goto, disconnect or exit (conditions kept unmapped)."""
        for item in container.children:
            if item.tag == "goto":
                raw = item.get("next") or item.get("nextitem")
                computed = item.get("expr") or item.get("expritem")
                if raw is None and computed:
                    self.b.keep(owner, "goto", dict(item.attrib))
                    return self.computed_destination(computed, item)
                if raw is None:
                    self.b.keep(owner, "goto", dict(item.attrib))
                    continue
                if item.get("nextitem") and raw not in self.dialogs:
                    self.b.keep(owner, "goto nextitem", raw)
                    continue
                if item.get("nextitem"):
                    # VoiceXML 2.0 §5.3.7: nextitem names a form item of the current form, not a dialog.
                    self.b.keep(owner, "goto nextitem", raw)
                    self.b.remark(
                        item.line,
                        f'<goto nextitem="{raw}"> names the dialog `{raw}`, but nextitem '
                        f"names a form item of the current form (VoiceXML 2.0 5.3.7): imported "
                        f"as a goto to that dialog, which a strict interpreter would refuse",
                    )
                    return self.b.target(raw, item.line, item.col)
                return self.target(raw, item)
            submitted, computed = item.get("next"), item.get("expr")
            if item.tag == "submit" and not submitted and computed:
                self.b.keep(owner, "submit", dict(item.attrib))
                return self.computed_destination(computed, item)
            if item.tag == "submit" and submitted:
                # VoiceXML 2.0 5.3.8: <submit> sends values to a URI and goes on to the document it returns
                for name in ("namelist", "method", "enctype"):
                    if item.get(name):
                        self.b.keep(owner, f"submit {name}", item.get(name))
                return self.target(submitted, item)
            if item.tag in ("disconnect", "exit"):
                return self.hangup()
            if item.tag in ("if", "submit", "throw", "return", "script", "assign", "var", "subdialog"):
                self.b.keep(owner, item.tag, _describe(item))
        return None

    # -- options ---------------------------------------------------------------

    def option(self, node_id: str, key: str, choice: XNode, template: XNode | None) -> dict:
        """An option's label (and, under `<enumerate>`, its `say`) from a `<choice>`'s or `<option>`'s text."""
        text = choice_text(choice)
        option: dict = {}
        label = choice_label(text, key, self.text_language)
        if label:
            option["label"] = label
        if template is not None:
            spoken = enumerated_say(template, text, key)
            if spoken:
                option["say"] = spoken  # what the platform says for this choice, in place of ivrkit's template
            elif template.children:
                self.b.keep(node_id, f"choice {key} enumerate", _describe(template))
                self.b.remark(
                    template.line,
                    "the <enumerate> template holds a recording or a computed "
                    "value: what it says for each choice is unknown",
                )
            if "say" not in option and "label" not in option:
                option["announce"] = False  # nothing known to say: ivrkit must not compose words for it
        if text and label != text and "say" not in option:
            self.b.keep(node_id, f"choice {key} text", text)
        if text and label is None:
            option["note"] = f"choice text (its goal could not be read): {text}"
        return option

    def announcement(
        self, node_id: str, data: dict, options: dict, prompts: list[XNode], template: XNode | None
    ) -> None:
        """Whether ivrkit announces the options: only where the prompt has an `<enumerate>` (VoiceXML 2.0
        2.2.4); the choices' text is never spoken otherwise."""
        if template is None:
            data["announce_options"] = False
            return
        if text_after_enumerate(prompts, template):
            self.b.remark(
                template.line,
                f"in `{node_id}`, prompt words follow <enumerate>: the platform says "
                "them after the options, ivrkit before them",
            )

    # -- menus ---------------------------------------------------------------

    def menu(self, name: str, menu: XNode) -> None:
        b = self.b
        node_id = b.node_id(name)
        data: dict = {"type": "menu"}
        b.add(node_id, data, menu.line, menu.col)
        prompts = [child for child in menu.children if child.tag in ("prompt", "audio")]
        data.update(self.prompt(node_id, prompts + [s for s in menu.content if isinstance(s, str)]))
        template = enumerate_element(prompts)
        listed: list[tuple[str, str]] = []  # (key, text) of the choices an <enumerate> in a handler lists
        options: dict = {}
        auto = (menu.get("dtmf") or "").lower() == "true"
        implicit = 0  # VoiceXML 2.0 2.2.3: the first nine choices without a `dtmf` of their own get 1-9
        for number, choice in enumerate(menu.findall("choice"), 1):
            key = choice.get("dtmf")
            if key is None and auto:
                implicit += 1
                key = str(implicit) if implicit <= 9 else None
            raw = choice.get("next")
            if raw is None:
                if choice.get("expr") or choice.get("event"):
                    b.keep(node_id, f"choice {key or number}", dict(choice.attrib))
                    b.remark(choice.line, "a choice with `expr` or `event` has no fixed target; kept under x-unmapped")
                    continue
                raise ImportProblem(
                    "a <choice> without `next`", choice.line, choice.col, 'write <choice dtmf="1" next="#dialog">'
                )
            if key is None or not DTMF_KEY.match(key):
                b.keep(node_id, f"choice {choice_text(choice) or raw}", dict(choice.attrib))
                b.remark(choice.line, "a choice without a DTMF key (speech only); kept under x-unmapped")
                continue
            if key in options:
                b.keep(node_id, f"choice {key} (again)", dict(choice.attrib))
                b.remark(choice.line, f"a second choice for `{key}`; the first one counts")
                continue
            option = self.option(node_id, key, choice, template)
            listed.append((key, choice_text(choice)))
            option["goto"] = self.target(raw, choice)
            options[key] = option
            b.option_at(node_id, key, choice.line, choice.col)
        self.announcement(node_id, data, options, prompts, template)
        for child in menu.children:
            if child.tag == "property":
                self.property(child, data, node_id)
        self.prompt_timeout(node_id, prompts, data)
        self.prompt_bargein(node_id, prompts, data)
        for link in menu.findall("link"):
            if self.link(link, options, node_id):
                for key in self.link_keys(link):
                    b.option_at(node_id, key, link.line, link.col)
        self.handlers(node_id, menu, data, menu.children, listed)
        if not options:
            raise ImportProblem(
                f"the menu `{name}` has no DTMF choices", menu.line, menu.col, 'add <choice dtmf="1" next="#dialog">'
            )
        data["options"] = options


IMPORTER = VoiceXmlImporter()

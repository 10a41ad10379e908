"""FreeSWITCH mod_dptools IVR menus (`ivr.conf` / `ivr_menus/*.xml`), with phrase macros for prompt text.

Mapping, per `<menu name=...>` (the first menu is the entry; menus may sit
under `<include>`, `<configuration><menus>` or anywhere else):

- `greet-long` → the menu's prompt. `say:TEXT` is text; `phrase:NAME` is the
  text of the phrase macro when the macro only speaks text (`speak-text`),
  else `audio: phrase:NAME` with the text unknown (the macro's sound files
  are kept under `x-unmapped`); a sound file → `audio:` with the text unknown.
  The menu has `announce_options: false`: the greeting names the keys.
- `greet-short` (played instead of greet-long on every later round,
  switch_ivr_menu.c) with known words → a `<menu>_retry` menu node with the
  same keys, where the first node's `no_input` and `no_match` lead; the tries
  still add up to max-failures. An audio-only greet-short is kept under
  `x-unmapped` with a remark (a second node would only repeat every finding).
- `invalid-sound` → the `no_match` handler's prompt; `exit-sound` → the
  prompt of a `<menu>_exit` hangup node, which is the menu's `fallback` (the
  menu gives up after max-failures and plays it) and where `menu-exit` leads.
  A sub-menu entered by `menu-sub` from one menu falls back to that menu
  instead: FreeSWITCH plays exit-sound only at the top level.
  `exec-on-max-failures` (or `-timeouts`) is the application run when the
  tries run out: imported like an entry's application, as the `fallback`.
- `timeout` and `inter-digit-timeout` (milliseconds) → seconds;
  `max-failures` → `retries` = max-failures − 1 (FreeSWITCH counts tries);
  `max-timeouts` is kept under `x-unmapped` when it differs. Attributes the
  menu does not set take ivrkit's defaults, not FreeSWITCH's.
- `<entry action digits param>`: `menu-sub` → goto the menu, `menu-top` →
  `action: top` (in the top menu itself `action: repeat`:
  switch_ivr_menu_execute catches the fall to the top there and runs the
  menu's loop again), `menu-back` → `action: back`, `menu-exit` → the exit node,
  `menu-play-sound` → a message node that returns to the menu,
  `menu-exec-app` → by application: `transfer`/`bridge` → a transfer node
  (`number` is the destination as written), `voicemail` → a voicemail node
  (`voicemail check ...` → a transfer to that system, `person: false`),
  `playback` → a message node back to the menu, `hangup` → a hangup node,
  `ivr NAME` → goto that menu, anything else → a message node noting the
  application, back to the menu. The raw `param` is the node's `note`.
- A regex `digits="/^(10[01][0-9])$/"` made of digits, sets, groups,
  alternatives and counts → `extensions.patterns` accepting exactly the
  same keys (`10[01]X`; `^(\\d{4})$` → `XXXX`); `$1` in the parameter
  becomes `{extension}`. FreeSWITCH searches the collected keys with the
  regex (PCRE), so a side without `^` or `$` lets further keys through: up to
  the keys the menu collects, `^(4\\d\\d)` with digit-len 4 is `4XX`, `4XXX`,
  `4XX*`. Later regex entries with the same action and parameter join the
  list; one leading elsewhere is kept under `x-unmapped`. Counts past 16
  digits are given up at once. Any other regex → `extensions` with the
  lengths it allows, and the regex, the numbers it accepts (up to 4 digits)
  and the option keys its numbers start with (options win for plain
  extensions) are kept under `x-unmapped` with remarks. A regex no keypad
  input can match (`/d` for `\\d`, a literal `{name}`) is kept with a remark
  naming the characters, and a menu left with no reachable entry becomes its
  greeting followed by the exit.
- `digit-len` → `max_digits` (raised to the longest entry, as
  switch_ivr_menu_bind_action does; regex entries do not raise it):
  play_and_collect waits inter-digit-timeout after each key until it has
  that many or # is pressed, then matches the entries. A pattern longer than
  that is said to be unreachable.
- `transfer NAME` (or `execute_extension`) naming a menu of the file is
  that menu again, not a transfer to a person.
- Everything else (`confirm-*`, `tts-*`, `pin`, ...) is kept
  under `x-unmapped`. A `menu-sub` to an undefined menu becomes a hangup node
  saying so. An unknown entry action is an error.

A document with a `dialplan` section, as `ivrkit export --to freeswitch`
writes it, is read whole (`_freeswitch_dialplan`): one node per extension
destination, the entry its first extension, routes `transfer ID XML ctx`,
`menu-top` is `repeat` in every menu (each is run by its own `ivr` call), the
`exec-on-max-*` transfers are fallbacks without a remark, and `max-timeouts="1"`
with its own `exec-on-max-timeouts` is a first no-input handler's `goto`.
Files without a dialplan section are read as described above.

Phrase macros come from `phrases=` (the `--phrases` option) or, failing
that, from `*phrase*.xml` files beside the menu file that define a macro the
menu uses.
"""

from __future__ import annotations

import re
import warnings
from itertools import islice, product
from pathlib import Path

from ..keypatterns import MAX_EXTENSION_DIGITS, PatternProblem, compile_pattern
from ._build import DTMF_KEY, Builder, seconds, whole_number
from ._freeswitch_dialplan import Dialplan, DialplanNodes
from ._xml import XNode, parse_xml
from .base import Imported, ImportProblem

__all__ = ["IMPORTER", "FreeSwitchImporter"]

_ENTRY_ACTIONS = (
    "menu-sub",
    "menu-top",
    "menu-back",
    "menu-exit",
    "menu-play-sound",
    "menu-exec-app",
    "menu-call-transfer",
)
_MAPPED_ATTRIBUTES = (
    "name",
    "greet-long",
    "invalid-sound",
    "exit-sound",
    "timeout",
    "inter-digit-timeout",
    "max-failures",
)


class _Macro:
    def __init__(self, name: str, line: int):
        self.name = name
        self.line = line
        self.texts: list[str] = []
        self.files: list[str] = []
        self.other = False  # `say` of a variable, `execute`, ...

    @property
    def text(self) -> str | None:
        if self.texts and not self.files and not self.other:
            return " ".join(self.texts)
        return None


def parse_phrases(text: str) -> dict[str, _Macro]:
    """Phrase macros by name: the texts and sound files of their first `<match>`."""
    root = parse_xml(text, what="phrase XML")
    macros: dict[str, _Macro] = {}
    for element in root.iter("macro"):
        name = element.get("name")
        if not name or name in macros:
            continue
        macro = _Macro(name, element.line)
        match = next(element.iter("match"), None)
        for action in match.iter("action") if match is not None else ():
            function, data = action.get("function", ""), action.get("data", "")
            if function == "speak-text":
                macro.texts.append(data)
            elif function == "play-file":
                if not data.startswith("silence_stream://"):
                    macro.files.append(data)
            elif function != "break":
                macro.other = True
        macros[name] = macro
    return macros


class FreeSwitchImporter:
    name = "freeswitch"
    description = "FreeSWITCH IVR menu XML"

    def detect(self, text: str, path: Path) -> bool:
        head = text[:200_000]
        if "<vxml" in head:
            return False
        menus = bool(re.search(r"<menu\s[^>]*\bname\s*=", head)) and "<entry" in head
        menus = menus or ('<section name="dialplan"' in head and "<extension" in head)  # an ivrkit export
        # A phrase-macro file on its own is claimed too, so that converting it explains what to do instead.
        return menus or bool(re.search(r"<macro\s[^>]*\bname\s*=", head))

    def convert(self, text: str, path: Path, *, phrases: str | Path | None = None) -> Imported:
        root = parse_xml(text, what="FreeSWITCH XML")
        menus = [element for element in root.iter("menu")]
        dialplan = Dialplan(root)
        if not menus and not dialplan:
            hint = (
                "this looks like a phrase-macro file: import the menu file and pass it with --phrases"
                if next(root.iter("macro"), None) is not None
                else "a FreeSWITCH IVR file has <menu name=...> elements"
            )
            raise ImportProblem("no <menu> elements", root.line, root.col, hint)
        for menu in menus:
            if not menu.get("name"):
                raise ImportProblem("a <menu> without a `name`", menu.line, menu.col, 'write <menu name="main" ...>')
        macros, used = self._macros(menus, path, phrases)
        return _Converter(path, menus, macros, used, dialplan).run()

    def _macros(self, menus: list[XNode], path: Path, phrases) -> tuple[dict[str, _Macro], list[str]]:
        from . import read_text

        if phrases is not None:
            phrase_path = Path(phrases)
            try:
                return parse_phrases(read_text(phrase_path)), [phrase_path.name]
            except ImportProblem as problem:
                problem.path = str(phrase_path)
                raise
        wanted = {
            sound.split(":", 2)[1]
            for menu in menus
            for name, sound in menu.attrib.items()
            if sound.startswith("phrase:") and sound.count(":") >= 1
        }
        found: dict[str, _Macro] = {}
        used: list[str] = []
        if not wanted:
            return found, used
        try:
            candidates = sorted(
                p
                for p in path.resolve().parent.iterdir()
                if p != path.resolve() and p.suffix.lower() == ".xml" and "phrase" in p.name.lower()
            )
        except OSError:
            return found, used
        for candidate in candidates:
            try:
                macros = parse_phrases(read_text(candidate))
            except ImportProblem:
                continue  # an unreadable neighbour is not this file's problem
            if wanted & set(macros):
                for name, macro in macros.items():
                    found.setdefault(name, macro)
                used.append(candidate.name)
        return found, used


class _Converter:
    def __init__(
        self,
        path: Path,
        menus: list[XNode],
        macros: dict[str, _Macro],
        phrase_files: list[str],
        dialplan: Dialplan | None = None,
    ):
        self.b = Builder("freeswitch", path)
        # The dialplan section of an `ivrkit export` document (empty for any other file): each menu is run by
        # the `ivr` application from an extension, and routes are `transfer ID XML ctx` to extensions.
        self.dialplan = dialplan or Dialplan(XNode("document", {}, 1, 1))
        self.phrase_files = phrase_files
        self.menus = menus
        self.macros = macros
        self.exit_nodes: dict[str, str] = {}
        self.names = {menu.get("name") for menu in menus} | self.dialplan.names
        self.parents = _sub_menu_parents(menus)
        self.dead_patterns: dict[str, list[str]] = {}  # menu id -> patterns that match no keys
        self.extension_entries: dict[str, tuple[str, str]] = {}  # menu id -> action, param of its extensions

    def run(self) -> Imported:
        b = self.b
        seen: dict[str, XNode] = {}
        for menu in self.menus:
            name = menu.get("name")
            if name in seen:
                raise ImportProblem(
                    f"the menu `{name}` is defined twice (first on line {seen[name].line})",
                    menu.line,
                    menu.col,
                    "rename one of them",
                )
            seen[name] = menu
            b.node_id(name)
        for menu in self.menus:
            self.menu(menu)
        if self.dialplan:
            return self.finish_with_dialplan()
        entry = b.node_id(self.menus[0].get("name"))
        if len(self.menus) > 1:
            b.remark(self.menus[0].line, f"the entry is the first menu, `{self.menus[0].get('name')}`")
        for name in self.phrase_files:
            b.remark(1, f"phrase macros read from {name}")
        return b.finish(
            name=f"FreeSWITCH IVR {self.menus[0].get('name')}",
            entry=entry,
            keep_file={"phrase files": self.phrase_files} if self.phrase_files else None,
        )

    def finish_with_dialplan(self) -> Imported:
        """An `ivrkit export` document: the other nodes from its dialplan, the entry its first extension."""
        b = self.b
        nodes = DialplanNodes(b, self.dialplan, {menu.get("name") for menu in self.menus})
        nodes.run()
        entry = b.node_id(self.dialplan.entry or self.menus[0].get("name"))
        imported = b.finish(name=f"FreeSWITCH IVR {entry}", entry=entry, language=self.dialplan.language)
        if nodes.variables or nodes.schedules:  # in the order of docs/format.md: before `nodes`
            menu = dict(imported.menu)
            imported.menu.clear()
            for field, value in menu.items():
                if field == "nodes":
                    if nodes.schedules:
                        imported.menu["schedules"] = nodes.schedules
                    if nodes.variables:
                        imported.menu["variables"] = nodes.variables
                imported.menu[field] = value
        return imported

    # -- prompts -------------------------------------------------------------

    def sound(self, owner: str, field: str, value: str, line: int) -> dict:
        """A say/audio pair for a FreeSWITCH sound string."""
        if value.startswith("say:"):
            return {"say": value[4:]}
        if value.startswith("phrase:"):
            name = value.split(":", 2)[1]
            macro = self.macros.get(name)
            if macro is None:
                return {"audio": value}
            if macro.text is not None:
                return {"say": macro.text}
            if macro.files:
                self.b.keep(owner, f"{field} files", list(macro.files))
            if macro.texts:
                self.b.keep(owner, f"{field} texts", list(macro.texts))
            return {"audio": value}
        return {"audio": value}

    def exit_node(self, menu: XNode) -> str:
        name = menu.get("name")
        if name not in self.exit_nodes:
            node_id = self.b.fresh_id(f"{self.b.node_id(name)}_exit")
            data: dict = {"type": "hangup"}
            sound = menu.get("exit-sound")
            if sound:
                data.update(self.sound(node_id, "exit-sound", sound, menu.line))
            data["note"] = f"leaving the FreeSWITCH menu {name}"
            self.b.add(node_id, data, menu.line, menu.col)
            self.exit_nodes[name] = node_id
        return self.exit_nodes[name]

    # -- menus ---------------------------------------------------------------

    def menu(self, menu: XNode) -> None:
        b = self.b
        name = menu.get("name")
        node_id = b.node_id(name)
        data: dict = {"type": "menu"}
        b.add(node_id, data, menu.line, menu.col)
        greeting = menu.get("greet-long")
        if greeting:
            data.update(self.sound(node_id, "greet-long", greeting, menu.line))
        elif menu.get("greet-short"):
            b.remark(menu.line, f"menu `{name}` has no greet-long; its greet-short is kept under x-unmapped")
        data["announce_options"] = False
        timeout = menu.get("timeout")
        if timeout:
            b.timing(data, node_id, "timeout", seconds(timeout, default_unit="ms"), timeout, menu.line)
        inter = menu.get("inter-digit-timeout")
        if inter:
            b.timing(data, node_id, "inter_digit_timeout", seconds(inter, default_unit="ms"), inter, menu.line)
        failures = menu.get("max-failures")
        if failures:
            tries = whole_number(failures)
            b.timing(data, node_id, "retries", tries - 1 if tries else None, failures, menu.line)
        timeouts = menu.get("max-timeouts")
        if self.dialplan and timeouts == "1" and timeouts != failures:
            # an export whose first silence leads elsewhere: exec-on-max-timeouts is that handler's goto
            app, _, args = (menu.get("exec-on-max-timeouts") or "").strip().partition(" ")
            if app == "transfer" and args.split() and args.split()[0] in self.dialplan.names:
                data["no_input"] = {"goto": b.target(args.split()[0], menu.line, menu.col)}
        elif timeouts and timeouts != failures:
            b.keep(node_id, "max-timeouts", timeouts)
            b.remark(
                menu.line,
                f"menu `{name}`: max-timeouts ({timeouts}) differs from max-failures "
                f"({failures}); ivrkit has one retry count, taken from max-failures",
            )
        for attribute, value in menu.attrib.items():
            if (
                attribute in _MAPPED_ATTRIBUTES
                or value == ""
                or attribute in ("max-timeouts", "digit-len", "exec-on-max-failures", "exec-on-max-timeouts")
            ):
                continue
            if attribute == "greet-short" and _short_greeting_used(menu, self.macros):
                continue  # the greeting of the retry node (short_greeting)
            if attribute == "greet-short":
                b.keep(node_id, attribute, value)
                if value != menu.get("greet-long") and menu.get("greet-long"):
                    b.remark(
                        menu.line,
                        f"menu `{name}`: after a wrong key or silence FreeSWITCH plays greet-short "
                        f"({value}) instead of greet-long; its words are unknown, so it is kept "
                        f"under x-unmapped and the imported menu repeats greet-long",
                    )
                self.sound(node_id, attribute, value, menu.line)  # keeps its macro's files
                continue
            b.keep(node_id, attribute, value)
        invalid = menu.get("invalid-sound")
        if invalid:
            data["no_match"] = self.sound(node_id, "invalid-sound", invalid, menu.line)
        runs_app = (menu.get("exec-on-max-failures") or menu.get("exec-on-max-timeouts") or "").strip()
        if menu.get("exit-sound") and self.parent_of(menu) is None and not runs_app:
            data["fallback"] = self.exit_node(menu)
        options: dict = {}
        for entry in menu.findall("entry"):
            self.entry(menu, node_id, entry, options, data)
        for child in menu.children:
            if child.tag != "entry":
                raise ImportProblem(
                    f"unknown element <{child.tag}> in a FreeSWITCH menu",
                    child.line,
                    child.col,
                    "a <menu> holds <entry action=... digits=... param=...> elements",
                )
        if options:
            data["options"] = options
        elif "extensions" not in data and node_id in self.dead_patterns:
            self.digit_len(menu, node_id, data)
            self.dead_menu(menu, node_id, data)
            return
        elif "extensions" not in data:
            raise ImportProblem(
                f"menu `{name}` has no entries",
                menu.line,
                menu.col,
                'add <entry action="menu-top" digits="9"/> or similar',
            )
        self.digit_len(menu, node_id, data)
        self.sub_menu_fallback(menu, node_id, data)
        self.exec_on_max(menu, node_id, data)
        self.short_greeting(menu, node_id, data)

    def dead_menu(self, menu: XNode, node_id: str, data: dict) -> None:
        """A menu whose every entry is a pattern no key sequence matches: every caller's input is invalid,
        and after max-failures the menu plays exit-sound and leaves. Imported as its greeting, then the exit."""
        prompt = {field: data[field] for field in ("say", "audio") if field in data}
        patterns = ", ".join(f"`{pattern}`" for pattern in self.dead_patterns[node_id])
        data.clear()
        data.update(
            {
                "type": "message",
                **prompt,
                "next": self.exit_node(menu),
                "note": f"FreeSWITCH menu {menu.get('name')}: no entry can match ({patterns}), so every "
                f"key is invalid and the menu gives up after max-failures",
            }
        )
        self.b.remark(
            menu.line,
            f"menu `{menu.get('name')}` has no entry a caller can reach: imported as its greeting followed by the exit",
        )

    def digit_len(self, menu: XNode, node_id: str, data: dict) -> None:
        """`digit-len` → `max_digits`: FreeSWITCH collects up to that many keys, or as many as its longest key
        (switch_ivr_menu_bind_action raises the length to it), waiting inter-digit-timeout after each until
        it has them all or # is pressed (play_and_collect, switch_ivr_collect_digits_count); only then does it
        match the entries. Regex entries do not raise the length."""
        raw = menu.get("digit-len")
        b = self.b
        name = menu.get("name")
        length = whole_number(raw) if raw else 0
        if length is None:
            b.keep(node_id, "digit-len", raw)
            b.remark(
                menu.line,
                f"menu `{name}`: digit-len `{raw}` is set outside this file; how many digits "
                f"a caller may enter is unknown",
            )
            return
        keys = [key for key in data.get("options", {})]
        collected = max([length, 1, *(len(key) for key in keys)])
        extensions = data.get("extensions")
        if collected > 1 or extensions:
            data["max_digits"] = collected
        if extensions:
            self.within_collected(menu, node_id, data, collected)

    def within_collected(self, menu: XNode, node_id: str, data: dict, collected: int) -> None:
        """Extensions needing more keys than the menu collects never match in FreeSWITCH: those patterns (or
        lengths) are kept under x-unmapped with a remark, and the menu keeps what it can match."""
        b, name = self.b, menu.get("name")
        extensions = data["extensions"]
        too_long = (
            f"needs more keys than menu `{name}` collects ({collected}: digit-len and its longest key), "
            f"so FreeSWITCH never matches it; kept under x-unmapped"
        )
        if "patterns" in extensions:
            kept = [text for text in extensions["patterns"] if compile_pattern(text).shortest <= collected]
            for text in extensions["patterns"]:
                if text not in kept:
                    b.keep(node_id, f"extensions pattern {text}", text)
                    b.remark(menu.line, f"the digit pattern `{text}` {too_long}")
            extensions["patterns"] = kept
            if kept:
                return
        elif extensions["min"] <= collected:
            if extensions["max"] > collected:
                b.remark(
                    menu.line,
                    f"extensions of more than {collected} digits are never matched in menu "
                    f"`{name}` (it collects {collected} keys): max lowered to {collected}",
                )
                extensions["max"] = collected
            return
        else:
            b.remark(menu.line, f"the extensions of {extensions['min']}+ digits {too_long}")
            b.keep(node_id, "extensions", dict(extensions))
        del data["extensions"]

    def exec_on_max(self, menu: XNode, node_id: str, data: dict) -> None:
        """`exec-on-max-failures` / `exec-on-max-timeouts` (newer switch_ivr_menu.c): the application run when
        the tries run out, i.e. the menu's fallback. ivrkit has one fallback; failures win when both differ."""
        failures, timeouts = menu.get("exec-on-max-failures"), menu.get("exec-on-max-timeouts")
        chosen = failures or timeouts
        if not chosen or not chosen.strip():
            return
        b = self.b
        data["fallback"] = self.application(node_id, "max_tries", chosen, menu, False)
        if self.dialplan:
            return  # an export: the fallback of each menu, as written
        b.remark(
            menu.line,
            f"menu `{menu.get('name')}`: when the tries run out FreeSWITCH runs `{chosen.strip()}`; "
            f"imported as the fallback",
        )
        if failures and timeouts and failures.strip() != timeouts.strip():
            b.keep(node_id, "exec-on-max-timeouts", timeouts)
            b.remark(
                menu.line,
                f"menu `{menu.get('name')}`: exec-on-max-timeouts (`{timeouts.strip()}`) differs "
                f"from exec-on-max-failures; ivrkit has one fallback, taken from max-failures",
            )

    def parent_of(self, menu: XNode) -> str | None:
        """The one menu that enters `menu` with menu-sub (None for the entry, or several or no parents)."""
        parents = self.parents.get(menu.get("name"), set()) - {menu.get("name")}
        return next(iter(parents)) if menu is not self.menus[0] and len(parents) == 1 else None

    def sub_menu_fallback(self, menu: XNode, node_id: str, data: dict) -> None:
        """A sub-menu that gives up returns to the menu that entered it: switch_ivr_menu.c plays exit-sound
        and leaves the IVR only at the top level (stack count 1)."""
        parent = self.parent_of(menu)
        if parent is None:
            return
        data["fallback"] = self.b.node_id(parent)
        self.b.remark(
            menu.line,
            f"menu `{menu.get('name')}` is a sub-menu of `{parent}`: when its tries run "
            f"out FreeSWITCH returns to `{parent}` (exit-sound plays only at the top level)",
        )

    def short_greeting(self, menu: XNode, node_id: str, data: dict) -> None:
        """`greet-short` replaces greet-long on every later round of the menu: after a wrong key or silence
        the caller hears it, not greet-long. Imported as a retry node with the same keys, which the first
        node's no_input and no_match lead to; the tries add up to max-failures."""
        if not _short_greeting_used(menu, self.macros):
            return
        b = self.b
        retry_id = b.fresh_id(f"{node_id}_retry")
        retry: dict = {
            "type": "menu",
            **self.sound(retry_id, "greet-short", menu.get("greet-short"), menu.line),
            "announce_options": False,
        }
        for field in ("timeout", "inter_digit_timeout", "max_digits"):
            if field in data:
                retry[field] = data[field]
        retries = data.get("retries", 2)
        retry["retries"] = max(retries - 1, 0)
        if "no_match" in data:
            retry["no_match"] = dict(data["no_match"])
        if "fallback" in data:
            retry["fallback"] = data["fallback"]
        if "options" in data:
            retry["options"] = {key: dict(option) for key, option in data["options"].items()}
        if "extensions" in data:
            retry["extensions"] = {
                field: list(value) if isinstance(value, list) else value for field, value in data["extensions"].items()
            }
        retry["note"] = f"FreeSWITCH menu {menu.get('name')} after a wrong key or silence: greet-short"
        b.add(retry_id, retry, menu.line, menu.col)
        for key in retry.get("options", {}):
            position = b.source_map.positions.get(f"{node_id} options {key}")
            if position is not None:
                b.option_at(retry_id, key, *position)
        data["no_input"] = {"goto": retry_id}
        data["no_match"] = {**data.get("no_match", {}), "goto": retry_id}

    def entry(self, menu: XNode, menu_id: str, entry: XNode, options: dict, data: dict) -> None:
        b = self.b
        action = entry.get("action")
        digits = entry.get("digits")
        param = entry.get("param", "")
        if not action:
            raise ImportProblem(
                "an <entry> without an `action`", entry.line, entry.col, f"one of: {', '.join(_ENTRY_ACTIONS)}"
            )
        if action not in _ENTRY_ACTIONS:
            raise ImportProblem(
                f"unknown entry action `{action}`",
                entry.line,
                entry.col,
                f"the actions are: {', '.join(_ENTRY_ACTIONS)}",
            )
        if digits is None or digits == "":
            raise ImportProblem("an <entry> without `digits`", entry.line, entry.col, 'write digits="1"')
        is_regex = len(digits) > 1 and digits.startswith("/") and digits.endswith("/")
        unsendable = _unsendable(digits[1:-1]) if is_regex else []
        if unsendable:
            b.keep(menu_id, f"entry {digits}", dict(entry.attrib))
            self.dead_patterns.setdefault(menu_id, []).append(digits)
            chars = ", ".join(f"`{char}`" for char in unsendable[:5]) + (", ..." if len(unsendable) > 5 else "")
            slash_d = " (`/d` is a slash and a d; a digit is `\\d`)" if "/d" in digits[1:-1] else ""
            b.remark(
                entry.line,
                f"the digit pattern `{digits}` matches no digits as written: every match needs "
                f"{chars}, which a phone keypad cannot send{slash_d}, so no caller reaches it; "
                f"kept under x-unmapped",
            )
            return
        if not is_regex and not DTMF_KEY.match(digits):
            b.keep(menu_id, f"entry {digits}", dict(entry.attrib))
            b.remark(entry.line, f"the digits `{digits}` are not DTMF keys ivrkit knows; kept under x-unmapped")
            return
        if not is_regex and digits in options:
            b.keep(menu_id, f"entry {digits}", dict(entry.attrib))
            b.remark(entry.line, f"a second entry for `{digits}` (FreeSWITCH takes the first); kept under x-unmapped")
            return
        if is_regex and "extensions" in data:
            self.second_pattern(menu, menu_id, entry, digits, data)
            return
        plan = self.regex_plan(menu, menu_id, entry, digits) if is_regex else None
        if is_regex and plan is None:
            return
        key_name = "ext" if is_regex else {"*": "star", "#": "hash"}.get(digits, digits)
        if action in ("menu-sub",):
            if not param:
                raise ImportProblem("menu-sub needs `param`: the menu to go to", entry.line, entry.col)
            option: dict = {"goto": b.target(param, entry.line, entry.col)}
        elif action == "menu-top" and (menu is self.menus[0] or self.dialplan):
            # In the top menu itself, switch_ivr_menu_execute catches the fall to the top and runs the menu's
            # loop again: the menu is said again (greet-short when it has one), it does not restart the call.
            option = {"action": "repeat"}
        elif action == "menu-top":
            option = {"action": "top"}
        elif action == "menu-back":
            option = {"action": "back"}
        elif action == "menu-exit":
            option = {"goto": self.exit_node(menu)}
        elif action == "menu-play-sound":
            if not param:
                raise ImportProblem("menu-play-sound needs `param`: the sound to play", entry.line, entry.col)
            node_id = b.fresh_id(f"{menu_id}_{key_name}")
            b.add(
                node_id,
                {"type": "message", **self.sound(node_id, "param", param, entry.line), "next": menu_id},
                entry.line,
                entry.col,
            )
            option = {"goto": node_id}
        else:  # menu-exec-app, menu-call-transfer
            if action == "menu-call-transfer":
                param = f"transfer {param}"
            if not param.strip():
                raise ImportProblem(f"{action} needs `param`: the application to run", entry.line, entry.col)
            option = {"goto": self.application(menu_id, key_name, param, entry, is_regex)}
        if is_regex:
            self.extensions(menu, menu_id, entry, digits, option, data, plan)
            return
        options[digits] = option
        b.option_at(menu_id, digits, entry.line, entry.col)

    def application(self, menu_id: str, key_name: str, param: str, entry: XNode, is_regex: bool) -> str:
        b = self.b
        app, _, args = param.strip().partition(" ")
        args = args.strip()
        words = args.split()
        node_id = b.fresh_id(f"{menu_id}_{key_name}")
        note = f"FreeSWITCH: {param.strip()}"
        if self.dialplan and app == "transfer" and words:
            destination = words[0][: -len("__$1")] if is_regex and words[0].endswith("__$1") else words[0]
            if destination in self.dialplan.names:  # an extension of this document: the node it is
                return b.target(destination, entry.line, entry.col)
        if app in ("transfer", "execute_extension") and words and words[0] in self.names:
            b.remark(
                entry.line,
                f"`{param.strip()}` names the menu `{words[0]}`: imported as going to that "
                f"menu again, not as a transfer to a person",
            )
            return b.target(words[0], entry.line, entry.col)
        if app in ("transfer", "bridge", "execute_extension") and words:
            destination = words[0] if app != "bridge" else args
            if is_regex:
                destination = destination.replace("$1", "{extension}")
            data = {"type": "transfer", "number": destination, "note": note}
        elif app == "voicemail" and words:
            if words[0] == "check":
                data = {
                    "type": "transfer",
                    "number": args,
                    "person": False,
                    "note": note + " (the caller checks their voicemail)",
                }
            else:
                data = {"type": "voicemail", "mailbox": words[-1].replace("$1", "{extension}"), "note": note}
        elif app in ("playback", "play_and_get_digits", "speak") and words:
            data = {
                "type": "message",
                **self.sound(node_id, "param", words[0] if app == "playback" else args, entry.line),
                "next": menu_id,
                "note": note,
            }
        elif app == "hangup":
            data = {"type": "hangup", "note": note}
        elif app == "ivr" and words:
            return b.target(words[0], entry.line, entry.col)
        else:
            data = {"type": "message", "next": menu_id, "note": note + " (then back to the menu)"}
            b.keep(node_id, "menu-exec-app", param.strip())
            b.remark(
                entry.line,
                f"the application `{app}` has no ivrkit equivalent; imported as a silent "
                f"message that returns to the menu",
            )
        b.add(node_id, data, entry.line, entry.col)
        return node_id

    def regex_plan(self, menu: XNode, menu_id: str, entry: XNode, digits: str):
        """How the menu's first reachable regex entry becomes `extensions`: a _Translation (exact patterns),
        the (min, max) lengths it allows, or None when it cannot be either: then it is kept under x-unmapped
        with a remark, before any node is made for it (a node nothing leads to would be a finding)."""
        b = self.b
        pattern = digits[1:-1]
        leads = entry.get("action") not in ("menu-top", "menu-back")  # the others have a `goto`
        if leads:
            translated = _to_patterns(pattern, self.collected(menu))
            if translated is not None:
                return translated
        width = _regex_width(pattern)
        digit_len = menu.get("digit-len")
        if width is not None and width[1] is None and whole_number(digit_len) is not None:
            width = (width[0], whole_number(digit_len))
        if leads and width is not None and width[1] is not None and 1 <= width[0] <= width[1] <= MAX_EXTENSION_DIGITS:
            return width
        b.keep(menu_id, f"entry {digits}", dict(entry.attrib))
        if leads and width is not None and width[1] is not None and width[1] > MAX_EXTENSION_DIGITS:
            why = (
                f"takes up to {width[1]} keys, more than an extension can have ({MAX_EXTENSION_DIGITS}), "
                f"so ivrkit cannot express it"
            )
        else:
            why = "is a pattern ivrkit cannot express"
        b.remark(entry.line, f"the digit pattern `{digits}` {why}; kept under x-unmapped")
        return None

    def extensions(self, menu: XNode, menu_id: str, entry: XNode, digits: str, option: dict, data: dict, plan) -> None:
        """The menu's first reachable regex entry → `extensions`: exact patterns when the regex translates,
        else the lengths it allows, with the regex kept and remarks on where they differ."""
        self.extension_entries[menu_id] = _entry_action(entry)
        if isinstance(plan, _Translation):
            data["extensions"] = {"patterns": plan.patterns, "goto": option["goto"]}
            self.translation_remarks(entry, digits, plan)
            return
        data["extensions"] = {"min": plan[0], "max": plan[1], "goto": option["goto"]}
        self.b.keep(menu_id, "extensions pattern", digits)
        self.pattern_remarks(menu, menu_id, entry, digits, plan)

    def second_pattern(self, menu: XNode, menu_id: str, entry: XNode, digits: str, data: dict) -> None:
        """A later regex entry of a menu that has `extensions`: its patterns join the list when it runs the
        same action with the same parameter (FreeSWITCH tries the entries in order; either match leads to
        the same place), else it is kept under x-unmapped (a menu has one extensions destination)."""
        b = self.b
        same = self.extension_entries.get(menu_id) == _entry_action(entry)
        patterns = data["extensions"].get("patterns")
        translated = _to_patterns(digits[1:-1], self.collected(menu)) if same and patterns is not None else None
        if translated is not None:
            patterns.extend(text for text in translated.patterns if text not in patterns)
            self.translation_remarks(entry, digits, translated)
            return
        b.keep(menu_id, f"entry {digits}", dict(entry.attrib))
        if not same:
            why = "a second pattern with another action or parameter (a menu has one extensions destination)"
        elif patterns is None:
            why = "a second pattern with the same action, but the first could only be imported as lengths"
        else:
            why = "a second pattern that ivrkit cannot add to the first one's exact patterns"
        b.remark(entry.line, f"the digit pattern `{digits}` is {why}; kept under x-unmapped")

    def collected(self, menu: XNode) -> int | None:
        """How many keys FreeSWITCH collects before it matches (digit-len, raised to the longest key; see
        digit_len), or None when digit-len is set outside the file."""
        raw = menu.get("digit-len")
        length = whole_number(raw) if raw else 0
        if length is None:
            return None
        keys = [key for key in self.menu_options(menu) if DTMF_KEY.match(key)]
        return max([length, 1, *(len(key) for key in keys)])

    def translation_remarks(self, entry: XNode, digits: str, translated: _Translation) -> None:
        b = self.b
        if translated.padded:
            dropped = (
                "; FreeSWITCH also matches when `*` is among those further keys, the import does not"
                if translated.star_dropped
                else ""
            )
            b.remark(
                entry.line,
                f"the digit pattern `{digits}` is not anchored at both ends: FreeSWITCH searches "
                f"the keys with it, so it also matches with more keys around it, up to the "
                f"number the menu collects; imported as the patterns "
                f"{', '.join(translated.patterns)}{dropped}",
            )
        if "$1" not in (entry.get("param") or ""):
            return
        if translated.groups == 0:
            b.remark(
                entry.line,
                f"`{digits}` has no group, so FreeSWITCH's `$1` is empty; the imported "
                f"`{{extension}}` is all the digits the caller dials",
            )
        elif not translated.whole_group:
            b.remark(
                entry.line,
                f"`$1` of `{digits}` is only part of the digits the caller dials; "
                f"the imported `{{extension}}` is all of them",
            )
        elif translated.padded:
            b.remark(
                entry.line,
                f"`$1` of `{digits}` is the part of the keys the pattern matches, which can be "
                f"fewer than the caller dials; the imported `{{extension}}` is all of them",
            )

    def pattern_remarks(self, menu: XNode, menu_id: str, entry: XNode, digits: str, width: tuple[int, int]) -> None:
        """Say where `extensions` (any min-max digits, options win) differs from the FreeSWITCH pattern."""
        b = self.b
        compiled = _compile(digits[1:-1])
        if compiled is None:
            return
        lengths = f"{width[0]}" if width[0] == width[1] else f"{width[0]}-{width[1]}"
        examples = _examples(compiled, width)
        if examples is not None and not examples["all"]:
            sample = ", ".join(examples["some"][:3])
            b.keep(menu_id, "extensions accepted", examples["some"][:20])
            b.remark(
                entry.line,
                f"the digit pattern `{digits}` accepts only some {lengths}-digit numbers "
                f"(such as {sample}); ivrkit's extensions take any {lengths} digits, so the "
                f"others reach the destination instead of being invalid",
            )
        options = [key for key in self.menu_options(menu) if key.isdigit()]
        shadowed = sorted(
            key for key in options if examples is None or any(number.startswith(key) for number in examples["some"])
        )
        if shadowed:
            b.keep(menu_id, "extensions shadowed by", shadowed)
            b.remark(
                entry.line,
                f"numbers the pattern `{digits}` accepts start with the key(s) "
                f"{', '.join(shadowed)}, which are options too: FreeSWITCH tells them apart by "
                f"waiting the inter-digit timeout after the first digit, but in ivrkit options "
                f"win, so these numbers cannot be dialled in a simulation",
            )

    def menu_options(self, menu: XNode) -> list[str]:
        return [
            entry.get("digits") or ""
            for entry in menu.findall("entry")
            if not (entry.get("digits") or "").startswith("/")
        ]


def _sub_menu_parents(menus: list[XNode]) -> dict[str, set[str]]:
    """Menu name -> the menus that enter it with `menu-sub`."""
    parents: dict[str, set[str]] = {}
    for menu in menus:
        for entry in menu.findall("entry"):
            if entry.get("action") == "menu-sub" and entry.get("param"):
                parents.setdefault(entry.get("param"), set()).add(menu.get("name"))
    return parents


def _entry_action(entry: XNode) -> tuple[str, str]:
    return entry.get("action") or "", (entry.get("param") or "").strip()


def _short_greeting_used(menu: XNode, macros: dict[str, _Macro]) -> bool:
    """Whether greet-short becomes a retry node: it differs from greet-long, there is a later round, and its
    words are known. An audio-only greet-short gives the rules nothing to read, and a second node with the
    same keys would only repeat every finding about them; it is kept under x-unmapped with a remark."""
    short, long = menu.get("greet-short"), menu.get("greet-long")
    tries = whole_number(menu.get("max-failures") or "3")  # FreeSWITCH's default is 3 tries
    if not short or not long or short == long or (tries is not None and tries < 2):
        return False
    if short.startswith("say:"):
        return True
    macro = macros.get(short.split(":", 2)[1]) if short.startswith("phrase:") and ":" in short else None
    return macro is not None and macro.text is not None


def _compile(pattern: str):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return re.compile(pattern)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None


_KEYS = "0123456789*#"


def _unsendable(pattern: str) -> list[str]:
    """The characters a keypad cannot send that every match of `pattern` needs (`/` and `d` of `/d`, `{` of
    `{name}`), in order; empty when some keypad input may match."""
    tree, _ = _regex_tree(pattern)
    if tree is None:
        return []
    found: list[str] = []

    def mandatory_bad(items) -> None:
        for op, arg in items:
            name = str(op)
            if name == "LITERAL" and chr(arg) not in _KEYS and chr(arg) not in found:
                found.append(chr(arg))
            elif name == "SUBPATTERN":
                mandatory_bad(arg[-1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
                mandatory_bad(arg[2])

    mandatory_bad(tree)
    return found


def _examples(compiled, width: tuple[int, int]) -> dict | None:
    """For patterns of at most 4 digits: the numbers they accept, and whether that is every such number."""
    if width[1] > 4:
        return None
    some, total, accepted = [], 0, 0
    for length in range(width[0], width[1] + 1):
        for number in range(10**length):
            text = f"{number:0{length}d}"
            total += 1
            if compiled.search(text) is not None:  # FreeSWITCH searches (PCRE, unanchored) the whole entry
                accepted += 1
                some.append(text)
    return {"some": some, "all": accepted == total}


_MAX_PATTERNS = 20
# A key FreeSWITCH may hold where an unanchored regex matches nothing: any key but `#`, which ends the keys.
_FREE_KEYS = ("X", "*")


class _Translation:
    """An entry's regex as ivrkit patterns: `patterns`, whether the regex leaves keys around its match
    (`padded`: FreeSWITCH searches, so `^(4\\d\\d)` also takes 4001), whether `*` in those places was left out
    (`star_dropped`), and whether group 1 is all of the regex (`whole_group`)."""

    def __init__(self, patterns: list[str], padded: bool, star_dropped: bool, whole_group: bool, groups: int):
        self.patterns = patterns
        self.padded = padded
        self.star_dropped = star_dropped
        self.whole_group = whole_group
        self.groups = groups


def _to_patterns(pattern: str, collected: int | None) -> _Translation | None:
    """A digit regex (`^(10[01][0-9])$`, `^\\d{4}$`, `^(1|2)\\d{2}$`, `^(4\\d\\d)`) as ivrkit extension patterns
    accepting exactly the key strings FreeSWITCH matches, or None when it uses anything else.

    switch_ivr_menu_execute searches the collected keys with the regex (switch_regex_perform: PCRE, so
    unanchored where the regex has no `^` or `$`); the keys are at most `collected` long (digit-len, raised
    to the longest key), so an unanchored side becomes the patterns with one more key there, up to that
    length. Counts and lengths beyond MAX_EXTENSION_DIGITS give up at once (a `\\d{1,20000}` must not be
    spelled out)."""
    tree, constants = _regex_tree(pattern)
    if tree is None:
        return None
    items = list(tree)
    at = constants.AT
    begins = bool(items) and items[0] in ((at, constants.AT_BEGINNING), (at, constants.AT_BEGINNING_STRING))
    ends = bool(items) and items[-1] in ((at, constants.AT_END), (at, constants.AT_END_STRING))
    core = items[1 if begins else 0 : len(items) - 1 if ends else len(items)]
    if not core:
        return None
    found = _sequence(core, constants)
    if not found:
        return None
    if not (begins and ends):
        if collected is None or collected > MAX_EXTENSION_DIGITS:
            return None  # how many keys FreeSWITCH collects is unknown (or more than an extension has)
        found, star_dropped = _padded(found, begins, ends, max(collected, 1))
        if found is None:
            return None
    else:
        star_dropped = False
    result: list[str] = []
    for text in ("".join(tokens) for tokens in found):
        try:
            compile_pattern(text)
        except PatternProblem:
            return None
        if text not in result:
            result.append(text)
    whole = len(core) == 1 and core[0][0] == constants.SUBPATTERN and core[0][1][0] == 1
    groups = tree.state.groups - 1
    return _Translation(result, not (begins and ends), star_dropped, whole, groups)


def _padded(found: list[tuple[str, ...]], begins: bool, ends: bool, collected: int):
    """The patterns with the keys an unanchored side lets through, for every length up to `collected`:
    each such key is a digit or `*`; when that makes too many patterns, a digit only (star_dropped)."""
    for free in (_FREE_KEYS, ("X",)):
        result = list(islice(_with_free_keys(found, begins, ends, collected, free), _MAX_PATTERNS + 1))
        if len(result) <= _MAX_PATTERNS:
            return result, free != _FREE_KEYS
    return None, False


def _with_free_keys(found, begins: bool, ends: bool, collected: int, free: tuple[str, ...]):
    for tokens in found:
        tail = bool(tokens) and tokens[-1] in (".", "!")
        if tail and not ends:  # a search for `9\d+` finds `9\d` in 90*: the keys after it may be any
            tokens, tail = tokens[:-1] + (("X",) if tokens[-1] == "." else ()), False
        size = len(tokens) - (1 if tail and tokens[-1] == "!" else 0)
        for extra in range(max(collected - size, 0) + 1):
            for before in range(extra + 1):
                after = extra - before
                if (begins and before) or ((ends or tail) and after):
                    continue
                for head in product(free, repeat=before):
                    for end in product(free, repeat=after):
                        yield head + tokens + end


def _sequence(items, c) -> list[tuple[str, ...]] | None:
    """The regex items as token sequences (one token per key, a last `.` or `!` for "more digits"), or None
    when they are not all keys or would spell out more than _MAX_PATTERNS or MAX_EXTENSION_DIGITS keys."""
    result: list[tuple[str, ...]] = [()]
    for index, (op, arg) in enumerate(items):
        last = index == len(items) - 1
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, inner = arg
            if low > MAX_EXTENSION_DIGITS or (high != c.MAXREPEAT and high > MAX_EXTENSION_DIGITS):
                return None  # longer than any extension: give up before building anything
            parts = _sequence(list(inner), c)
            if parts is None:
                return None
            if high == c.MAXREPEAT:
                if not last or parts != [("X",)]:
                    return None  # only "any digits" at the end has a wildcard: X{2,} → X.
                choice = [("X",) * (low - 1) + (".",) if low else ("!",)]
            else:
                choice = []
                for count in range(low, high + 1):
                    combos: list[tuple[str, ...]] = [()]
                    for _ in range(count):
                        combos = [a + b for a in combos for b in parts]
                        if len(combos) > _MAX_PATTERNS or any(len(combo) > MAX_EXTENSION_DIGITS for combo in combos):
                            return None
                    choice += combos
                    if len(choice) > _MAX_PATTERNS:
                        return None
        else:
            choice = _element(op, arg, c)
            if choice is None:
                return None
        result = [a + b for a in result for b in choice]
        if len(result) > _MAX_PATTERNS or any(len(tokens) > MAX_EXTENSION_DIGITS + 1 for tokens in result):
            return None
    return result


def _element(op, arg, c) -> list[tuple[str, ...]] | None:
    if op == c.LITERAL:
        char = chr(arg)
        return [(char,)] if char in _KEYS else None
    if op == c.SUBPATTERN:
        return _sequence(list(arg[-1]), c)
    if op == c.BRANCH:
        found: list[tuple[str, ...]] = []
        for branch in arg[1]:
            part = _sequence(list(branch), c)
            if part is None:
                return None
            found += part
            if len(found) > _MAX_PATTERNS:
                return None
        return found
    if op == c.CATEGORY and arg == c.CATEGORY_DIGIT:
        return [("X",)]
    if op == c.IN:
        keys: set[str] = set()
        for inner_op, inner in arg:
            if inner_op == c.LITERAL:
                keys.add(chr(inner))
            elif inner_op == c.RANGE:
                if inner[1] - inner[0] > 9:
                    return None  # wider than the digits: not keys (and not worth spelling out)
                keys.update(chr(code) for code in range(inner[0], inner[1] + 1))
            elif inner_op == c.CATEGORY and inner == c.CATEGORY_DIGIT:
                keys.update("0123456789")
            else:
                return None  # a negated set, \\D, ...: not digits
        if not keys or not keys <= set(_KEYS):
            return None
        digits = "".join(sorted(keys & set("0123456789")))
        named = {"0123456789": "X", "123456789": "Z", "23456789": "N"}
        symbols = sorted(keys - set(digits))
        return ([(named.get(digits, digits if len(digits) == 1 else f"[{_ranges(digits)}]"),)] if digits else []) + [
            (symbol,) for symbol in symbols
        ]
    return None


def _ranges(digits: str) -> str:
    """Sorted digits with runs of three or more written as ranges: 012357 → 0-357."""
    runs: list[list[str]] = []
    for digit in digits:
        if runs and int(digit) == int(runs[-1][-1]) + 1:
            runs[-1].append(digit)
        else:
            runs.append([digit])
    return "".join(f"{run[0]}-{run[-1]}" if len(run) >= 3 else "".join(run) for run in runs)


def _regex_width(pattern: str) -> tuple[int, int | None] | None:
    """The (min, max) lengths a digit pattern matches (max None when unbounded), or None when invalid."""
    tree, constants = _regex_tree(pattern)
    if tree is None:
        return None
    low, high = tree.getwidth()
    return low, (None if high >= constants.MAXREPEAT else high)


def _regex_tree(pattern: str):
    """Python's own parse tree of a source regex (None when it does not parse), and the parser's constants."""
    try:
        import re._constants as constants
        import re._parser as parser  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_constants as constants  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        with warnings.catch_warnings():  # "possible nested set" and the like: the pattern is the user's
            warnings.simplefilter("ignore")
            return parser.parse(pattern), constants
    except (re.error, OverflowError, RecursionError, ValueError):  # ValueError: a count of 4,301+ digits
        return None, constants


IMPORTER = FreeSwitchImporter()

"""FreeSWITCH: one XML document with the `ivr.conf` menus (configuration section) and the dialplan that runs them.

Layout (conf/vanilla/freeswitch.xml): `<document type="freeswitch/xml">` with
`<section name="configuration"><configuration name="ivr.conf"><menus>` and
`<section name="dialplan"><context name="ivrkit">`. Every exported node
instance (`ivrkit.exporters.plan`) is a dialplan extension named by its id and
matching `destination_number` `^ID$`, the entry first; a menu is also a
`<menu name="ID">` that its extension runs with the `ivr` application. Routes
are `transfer ID XML ivrkit`: an ivrkit goto is a jump, so menus are not nested
with `menu-sub` (which returns and stops at 12 levels, switch_ivr_menu.c).

- `menu` → `<menu>`: `greet-long` = `say:` + the prompt and the announced
  option sentences as ivrkit says them; `invalid-sound` = the first no-match
  message; `timeout`, `inter-digit-timeout` (ms), `max-failures` =
  `max-timeouts` = retries + 1, `digit-len`, `tts-engine`/`tts-voice`;
  `exec-on-max-failures`/`-timeouts` = the fallback (`transfer ID XML ivrkit`,
  or `hangup`). Options: `menu-exec-app` `transfer ID XML ivrkit`;
  `action: repeat` → `menu-top` (each menu is the top of its own `ivr` call);
  `top`/`back` → a transfer to the entry / the nearest menu that leads here.
  `extensions` → a regex entry per pattern whose `$1` is passed on:
  `transfer ID__$1 XML ivrkit`, the target extension matching `^ID(?:__(\\d+))?$`
  and setting `extension=$1`.
- `message` → `playback say:...` then `transfer`; `hangup` (and `callback`,
  lost) → `playback` then `hangup`.
- `input` → `play_and_get_digits` (min, max, tries, timeout, terminator, the
  prompt, the first no-match message, the variable, digit timeout, the
  fallback as failure extension), then a transfer; `confirm` → a menu
  `ID__confirm` (1 goes on, 2 enters the digits again).
- a menu's first no-input handler with a `goto` → `max-timeouts="1"` and
  `exec-on-max-timeouts` to an extension `ID__no_input` saying its words;
  other no-input words are lost (FreeSWITCH replays the greeting).
- `branch` on a schedule → extensions tried in order: `ID__tz_NAME`
  (`continue="true"`, sets `timezone` inline), `ID__holiday_N`
  (`year`/`mon`/`mday`), `ID__open_N` (`wday` + `minute-of-day`), then `ID`
  (closed). On a variable → `ID__VALUE` with `condition field="${var}"`, the
  default value also matching an unset variable.
- `transfer` → `bridge loopback/NUMBER/default` (with `continue_on_fail` and
  `ID__busy`/`ID__no_answer` extensions on `${originate_disposition}`), or
  `callcenter QUEUE@${domain_name}` (mod_callcenter) then the overflow;
  `hours` → the schedule extensions before it.
- `voicemail` → `voicemail default ${domain_name} MAILBOX`, then `next`.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..model import (
    BranchNode,
    CallbackNode,
    HangupNode,
    InputNode,
    Interactive,
    MenuNode,
    MenuSet,
    MessageNode,
    Node,
    Target,
    TransferNode,
    VoicemailNode,
)
from ..prompts import node_segments, text_in
from .base import APPROXIMATED, LOST, ExportOptions, ExportResult, NoteTaker
from .plan import Instance, Plan

__all__ = ["EXPORTER", "FreeSwitchExporter", "CONTEXT", "END"]

CONTEXT = "ivrkit"
END = "ivrkit_end"  # the extension that ends the call where a route leads nowhere
TTS_ENGINE = "flite"
DEFAULT_VOICE = "slt"
_ONE_LINE = str.maketrans({"\n": " "})
_QUOTE_FREE = str.maketrans({"'": "’", "\n": " "})  # an argument of play_and_get_digits is quoted with '…'


def _ms(seconds: float) -> str:
    return str(int(round(seconds * 1000)))


def _comment(text: str) -> Any:
    return ET.Comment(" " + " ".join(text.split()).replace("--", "- -") + " ")


def pattern_regex(pattern: str) -> str:
    """An ivrkit extension pattern (`10XX`, `Z.`, `[1-3]XX`) as the regex body FreeSWITCH matches."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "[":
            end = pattern.index("]", index)
            out.append(pattern[index : end + 1])
            index = end + 1
            continue
        out.append(
            {"X": r"\d", "Z": "[1-9]", "N": "[2-9]", ".": r"\d+", "!": r"\d*", "*": r"\*"}.get(char, re.escape(char))
        )
        index += 1
    return "".join(out)


class FreeSwitchExporter:
    name = "freeswitch"
    description = "FreeSWITCH ivr.conf menus and XML dialplan"
    suffix = ".xml"

    def export(self, menuset: MenuSet, options: ExportOptions) -> ExportResult:
        return _Writer(menuset, options).run()


class _Writer(NoteTaker):
    def __init__(self, menuset: MenuSet, options: ExportOptions):
        super().__init__()
        self.menuset = menuset
        self.options = options
        self.plan = Plan(menuset)
        self.menus: list[ET.Element] = []
        self.extensions: list[ET.Element] = []
        self.end: str | None = None  # the id of the extension that ends the call, once a route needs it
        self.pattern_targets: set[Instance] = set()  # instances reached by an extensions entry (`$1`)
        self.pattern_ids: set[str] = set()  # and their ids

    def expression(self, destination: str) -> str:
        """The `destination_number` regex of `destination`'s extensions: `^ID$`, or for a node an extensions
        entry leads to (`transfer ID__$1`) `^ID(?:__(\\d+))?$`, the digits in group 1."""
        suffix = r"(?:__(\d+))?" if destination in self.pattern_ids else ""
        return f"^{re.escape(destination)}{suffix}$"

    # -- the document --------------------------------------------------------------------------------

    def run(self) -> ExportResult:
        for instance in self.plan.ids:
            node = self.plan.node(instance)
            if isinstance(node, MenuNode) and node.extensions is not None:
                found = self.plan.go(instance, node.extensions[2])
                if found is not None:
                    self.pattern_targets.add(found)
                    self.pattern_ids.add(self.plan.id(found))
        self.speech_settings()
        entry = self.plan.id(self.plan.entry)
        language = ET.Element("extension", {"name": f"{entry}__language", "continue": "true"})
        ET.SubElement(language, "condition", field="destination_number", expression=self.expression(entry))
        # the call's language (mod_say, phrases); ivrkit import reads it as the menu's language
        self.action(language[0], "set", f"default_language={self.plan.language}", inline="true")
        self.extensions.append(language)
        for instance in self.plan.ids:
            self.node(instance)
        if self.end is not None:
            self.action(self.extension(self.end), "hangup")
        root = ET.Element("document", type="freeswitch/xml")
        described = self.menuset.root.name + (
            f": {self.menuset.root.description}" if self.menuset.root.description else ""
        )
        root.append(_comment(f"generated by ivrkit export: {described}"))
        configuration = ET.SubElement(
            ET.SubElement(root, "section", name="configuration", description="ivrkit menus"),
            "configuration",
            name="ivr.conf",
            description="IVR menus",
        )
        ET.SubElement(configuration, "menus").extend(self.menus)
        context = ET.SubElement(
            ET.SubElement(root, "section", name="dialplan", description="ivrkit dialplan"), "context", name=CONTEXT
        )
        context.extend(self.extensions)
        ET.indent(root, space="  ")
        text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
        return ExportResult("freeswitch", text, self.notes, self.plan.ids_by_key(), {})

    def speech_settings(self) -> None:
        languages = sorted({instance.language for instance in self.plan.ids})
        root = self.menuset.root
        self.note(
            root.settings.span or root.entry.span,
            APPROXIMATED,
            f"prompts are TTS (`say:` with tts-engine `{TTS_ENGINE}`): FreeSWITCH has no prompt language, "
            f"so give each language ({', '.join(languages)}) a voice that speaks it (`voice` in the menu)",
        )
        for menu_file in self.menuset.files.values():
            if menu_file.settings.rate != 165.0:
                self.note(menu_file.settings.span, LOST, "`rate` is not written: the TTS engine speaks at its own")
            if not menu_file.settings.barge_in:
                self.note(
                    menu_file.settings.span, LOST, "`barge_in: false`: a FreeSWITCH menu greeting always takes keys"
                )

    # -- dialplan helpers ----------------------------------------------------------------------------

    def extension(self, name: str, destination: str | None = None, **extra: str) -> ET.Element:
        """A new extension matching `destination` (default: its name); the condition to put actions in."""
        element = ET.Element("extension", {"name": name, **extra})
        self.extensions.append(element)
        expression = self.expression(destination or name)
        return ET.SubElement(element, "condition", field="destination_number", expression=expression)

    @staticmethod
    def action(condition: ET.Element, application: str, data: str | None = None, **extra: str) -> None:
        attributes = {"application": application, **({"data": data} if data is not None else {}), **extra}
        ET.SubElement(condition, "action", attributes)

    def route(self, found: Instance | None) -> str:
        """The `transfer` data that goes to `found` (the end when None)."""
        if found is None:
            self.end = self.end or self.plan.extra_id(END)
            return f"{self.end} XML {CONTEXT}"
        return f"{self.plan.id(found)} XML {CONTEXT}"

    def go(self, instance: Instance, target: Target | None, then: Target | None = None) -> Instance | None:
        found = self.plan.go(instance, target, then)
        if found is None and target is not None:
            self.note(target.span, LOST, "`return` with no file that entered this one: the call ends here")
        return found

    def transfer_to(self, condition: ET.Element, found: Instance | None) -> None:
        self.action(condition, "transfer", self.route(found))

    # -- speech --------------------------------------------------------------------------------------

    def voice(self, node: Node, language: str) -> str:
        voice = node.voice or self.menuset.settings_of(node).voice
        if voice is None:
            return DEFAULT_VOICE
        text, _, _ = text_in(voice, language, self.menuset.file_of(node).language)
        return text or DEFAULT_VOICE

    def sound(self, instance: Instance, node: Node, kinds: tuple[str, ...] = ("prompt", "option")) -> str | None:
        """What FreeSWITCH plays on arriving at `node`: `say:TEXT`, a WAV, or None when nothing is said."""
        segments = [s for s in node_segments(self.menuset, node, instance.language) if s.kind in kinds]
        if not segments:
            return None
        rendered = self.options.audio
        if rendered is not None:
            files: list[str] = []
            for segment in segments:
                kind = "option" if segment.kind == "option" else "prompt"
                found = rendered.find(instance.key, kind, segment.key, segment.language, segment.text)
                if found is None:
                    files = []
                    self.note(
                        segment.span,
                        APPROXIMATED,
                        f"no WAV in {rendered.folder} for this {kind} [{segment.language}]: spoken by TTS",
                    )
                    break
                files.append(self.relative(found))
            if files:
                return files[0] if len(files) == 1 else "file_string://" + "!".join(files)
        if all(segment.text is None for segment in segments):
            audio = [segment.audio for segment in segments if segment.audio]
            if audio:
                return self.relative(Path(self.menuset.project_root) / Path(node.file).parent / audio[0])
            return None
        for segment in segments:
            if segment.audio and segment.text:
                self.note(
                    segment.span,
                    APPROXIMATED,
                    "a recording with a transcript is spoken as TTS from the transcript (FreeSWITCH plays "
                    "one or the other; `--audio DIR` plays the WAVs `ivrkit audio` rendered)",
                )
        return "say:" + " ".join(segment.text for segment in segments if segment.text).translate(_ONE_LINE)

    def relative(self, path: Path) -> str:
        base = self.options.output_dir or Path(self.menuset.project_root) / Path(self.menuset.root.key).parent
        return Path(os.path.relpath(path, base)).as_posix()

    @staticmethod
    def leaves_at_first_silence(node: Interactive) -> bool:
        """A menu whose first no-input handler leads elsewhere: `max-timeouts="1"` and an extension that says
        the handler's words and goes there (`exec-on-max-timeouts`)."""
        return isinstance(node, MenuNode) and bool(node.no_input) and node.no_input[0].goto is not None

    def handler_sound(self, instance: Instance, node: Interactive) -> str | None:
        """The first no-match message as `invalid-sound`; what FreeSWITCH cannot say is noted."""
        default = self.menuset.file_of(node).language
        silence = node.no_input[1:] if self.leaves_at_first_silence(node) else node.no_input
        if any(handler.prompt is not None for handler in silence):
            self.note(
                node.no_input[0].span,
                LOST,
                f"the no-input messages of `{node.id}`: FreeSWITCH says nothing after a silence, "
                f"it plays the greeting again",
            )
        if len(node.no_match) > 1:
            self.note(
                node.no_match[1].span,
                APPROXIMATED,
                f"escalating no-match messages of `{node.id}`: FreeSWITCH has one invalid-sound, the first",
            )
        for handler in silence + node.no_match:
            if handler.goto is not None:
                self.note(
                    handler.span,
                    LOST,
                    f"a handler of `{node.id}` that leads elsewhere: FreeSWITCH re-prompts until the tries "
                    f"run out, then goes to the fallback",
                )
        if not node.no_match or node.no_match[0].prompt is None:
            return None
        text, used, _ = text_in(node.no_match[0].prompt.text, instance.language, default)
        rendered = self.options.audio
        if rendered is not None and text is not None:
            # the key `ivrkit audio` gives the first no-match message's WAV (ivrkit.engine.measured)
            found = rendered.find(instance.key, "handler", "no-match-1", used, text)
            if found is not None:
                return self.relative(found)
            self.note(
                node.no_match[0].span,
                APPROXIMATED,
                f"no WAV in {rendered.folder} for this handler [{used}]: spoken by TTS",
            )
        return "say:" + text.translate(_ONE_LINE) if text else None

    def counting(self, node: Interactive) -> int:
        retries = int(node.setting("retries", self.menuset.settings_of(node)))
        if retries:
            self.note(
                node.span,
                APPROXIMATED,
                f"FreeSWITCH counts silences (max-timeouts) and wrong keys (max-failures) apart: a caller who "
                f"mixes them in `{node.id}` gets up to {2 * retries + 1} tries instead of {retries + 1}",
            )
        return retries

    # -- nodes ---------------------------------------------------------------------------------------

    def node(self, instance: Instance) -> None:
        node = self.plan.node(instance)
        name = self.plan.id(instance)
        if node.note:
            self.extensions.append(_comment(node.note))
        conditional = isinstance(node, BranchNode) or (
            isinstance(node, TransferNode) and node.hours is not None and node.closed is not None
        )
        if instance in self.pattern_targets and conditional:  # the digits first, then the conditions
            digits = ET.Element("extension", {"name": f"{name}__digits", "continue": "true"})
            self.extensions.append(digits)
            when = ET.SubElement(digits, "condition", field="destination_number", expression=self.expression(name))
            self.action(when, "set", "extension=$1", inline="true")
        if isinstance(node, BranchNode):
            self.branch(instance, node)
            return
        if isinstance(node, TransferNode) and node.hours is not None and node.closed is not None:
            closed = self.go(instance, node.closed)
            self.schedule_check(instance, node, node.hours, closed, lambda when: self.transfer(instance, node, when))
            return
        condition = self.extension(name)
        if instance in self.pattern_targets:  # reached by an extensions entry: `transfer ID__$1`
            self.action(condition, "set", "extension=$1")
        if isinstance(node, MenuNode):
            self.menu(instance, node)
            self.action(condition, "answer")
            self.action(condition, "ivr", name)
            self.action(condition, "hangup")
        elif isinstance(node, MessageNode):
            self.speak(condition, instance, node)
            self.transfer_to(condition, self.go(instance, node.next, node.then))
        elif isinstance(node, InputNode):
            self.input(condition, instance, node)
        elif isinstance(node, TransferNode):
            self.transfer(instance, node, condition)
        elif isinstance(node, VoicemailNode):
            self.voicemail(condition, instance, node)
        elif isinstance(node, (HangupNode, CallbackNode)):
            self.speak(condition, instance, node)
            self.action(condition, "hangup")
            if isinstance(node, CallbackNode):
                self.note(
                    node.span,
                    LOST,
                    "FreeSWITCH cannot book a call back: the caller hears the message and the call ends "
                    "(ivrkit import reads it back as a hang-up)",
                )

    def speak(self, condition: ET.Element, instance: Instance, node: Node) -> bool:
        """Play what `node` says (after `answer`); whether it says anything."""
        sound = self.sound(instance, node)
        if sound is None:
            return False
        self.action(condition, "answer")  # media needs an answered call; a no-op when it is
        if sound.startswith("say:"):
            self.action(condition, "set", f"tts_engine={TTS_ENGINE}")
            self.action(condition, "set", f"tts_voice={self.voice(node, instance.language)}")
        self.action(condition, "playback", sound)
        return True

    def menu(self, instance: Instance, node: MenuNode) -> None:
        name = self.plan.id(instance)
        settings = self.menuset.settings_of(node)
        retries = self.counting(node)
        attributes = {"name": name}
        greeting = self.sound(instance, node)
        if greeting is not None:
            attributes["greet-long"] = greeting
        invalid = self.handler_sound(instance, node)
        if invalid is not None:
            attributes["invalid-sound"] = invalid
        attributes["timeout"] = _ms(node.setting("timeout", settings))
        attributes["inter-digit-timeout"] = _ms(node.setting("inter_digit_timeout", settings))
        attributes["max-failures"] = attributes["max-timeouts"] = str(retries + 1)
        fallback = self.plan.fallback(instance)
        found = self.go(instance, fallback) if fallback is not None else None
        exit_app = f"transfer {self.route(found)}" if found is not None else "hangup"
        attributes["exec-on-max-failures"] = attributes["exec-on-max-timeouts"] = exit_app
        if self.leaves_at_first_silence(node):
            attributes["max-timeouts"] = "1"
            attributes["exec-on-max-timeouts"] = f"transfer {self.first_silence(instance, node)} XML {CONTEXT}"
        attributes["tts-engine"] = TTS_ENGINE
        attributes["tts-voice"] = self.voice(node, instance.language)
        options = self.plan.options(instance)
        longest = max([len(option.key) for option in options] + [1])
        if node.extensions is not None:
            longest = max(longest, node.extensions[1])
        if node.max_digits is not None:
            longest = max(longest, node.max_digits)
        attributes["digit-len"] = str(longest)
        if not node.setting("barge_in", settings):
            self.note(node.span, LOST, f"`barge_in: false` of `{node.id}`: a FreeSWITCH greeting always takes keys")
        menu = ET.Element("menu", attributes)
        self.menus.append(menu)
        for option in options:
            target = self.plan.option_target(instance, option)
            entry = {"digits": option.key}
            if option.action == "repeat":
                entry["action"] = "menu-top"
            else:
                if option.action == "back" and target is not None:
                    self.note(
                        option.span,
                        APPROXIMATED,
                        f"`action: back` in `{node.id}` goes to `{self.plan.id(target)}` (the nearest menu that "
                        f"leads here): each menu is its own `ivr` call, with no history to go back in",
                    )
                if target is None:
                    self.note(option.span, LOST, "`return` with no file that entered this one: the call ends here")
                entry.update({"action": "menu-exec-app", "param": f"transfer {self.route(target)}"})
            ET.SubElement(menu, "entry", entry)
        if node.extensions is not None:
            self.menu_extensions(menu, instance, node)

    def first_silence(self, instance: Instance, node: MenuNode) -> str:
        """The extension `ID__no_input`: the first no-input handler's words, then where it leads."""
        handler = node.no_input[0]
        name = self.plan.extra_id(f"{self.plan.id(instance)}__no_input")
        condition = self.extension(name)
        if handler.prompt is not None:
            text, _, _ = text_in(handler.prompt.text, instance.language, self.menuset.file_of(node).language)
            if text:
                self.action(condition, "set", f"tts_engine={TTS_ENGINE}")
                self.action(condition, "set", f"tts_voice={self.voice(node, instance.language)}")
                self.action(condition, "playback", "say:" + text.translate(_ONE_LINE))
        self.transfer_to(condition, self.go(instance, handler.goto, handler.then))
        return name

    def menu_extensions(self, menu: ET.Element, instance: Instance, node: MenuNode) -> None:
        assert node.extensions is not None
        low, high, target = node.extensions
        found = self.plan.go(instance, target)
        param = f"transfer {self.plan.id(found)}__$1 XML {CONTEXT}" if found is not None else "hangup"
        bodies = [pattern_regex(pattern) for pattern in node.extension_patterns] or [rf"\d{{{low},{high}}}"]
        for body in bodies:
            ET.SubElement(menu, "entry", action="menu-exec-app", digits=f"/^({body})$/", param=param)
        if any(len(option.key) < high and option.key.isdigit() for option in self.plan.options(instance)):
            self.note(
                node.extensions_span or node.span,
                APPROXIMATED,
                f"the extensions of `{node.id}`: FreeSWITCH collects up to digit-len keys, waiting "
                f"inter-digit-timeout after each, before it matches an option (ivrkit: options win at once)",
            )

    def input(self, condition: ET.Element, instance: Instance, node: InputNode) -> None:
        name = self.plan.id(instance)
        settings = self.menuset.settings_of(node)
        retries = int(node.setting("retries", settings))
        variable = re.sub(r"[^A-Za-z0-9_]", "_", node.store) if node.store else f"{name}_digits".replace("-", "_")
        invalid = self.handler_sound(instance, node) or "silence_stream://250"
        prompt = self.sound(instance, node) or "silence_stream://250"
        self.action(condition, "answer")
        if prompt.startswith("say:"):
            self.action(condition, "set", f"tts_engine={TTS_ENGINE}")
            self.action(condition, "set", f"tts_voice={self.voice(node, instance.language)}")
        if "'" in prompt + invalid:
            self.note(
                node.span,
                APPROXIMATED,
                f"the words of `{node.id}` are quoted arguments of play_and_get_digits: each ' is written as ’",
            )
        prompt, invalid = prompt.translate(_QUOTE_FREE), invalid.translate(_QUOTE_FREE)
        fallback = self.plan.fallback(instance)
        failure = self.route(self.go(instance, fallback) if fallback is not None else None)
        data = " ".join(
            [
                str(node.min_digits),
                str(node.max_digits),
                str(retries + 1),
                _ms(node.setting("timeout", settings)),
                node.terminator or "none",
                f"'{prompt}'",
                f"'{invalid}'",
                variable,
                r"\d+",
                _ms(node.setting("inter_digit_timeout", settings)),
                failure,
            ]
        )
        self.action(condition, "play_and_get_digits", data)
        if node.secret:
            self.note(
                node.span,
                APPROXIMATED,
                f"`secret`: the digits are in the channel variable `{variable}`, which FreeSWITCH may log",
            )
        following = self.go(instance, node.next, node.then)
        if node.confirm:
            confirm = self.confirmation(instance, node, variable, following)
            self.action(condition, "transfer", f"{confirm} XML {CONTEXT}")
        else:
            self.transfer_to(condition, following)

    def confirmation(self, instance: Instance, node: InputNode, variable: str, following: Instance | None) -> str:
        """The read-back of `confirm: true` as a menu of its own (1 goes on, 2 enters the digits again); its id."""
        from ..engine.phrases import read_back

        name = self.plan.extra_id(f"{self.plan.id(instance)}__confirm")
        settings = self.menuset.settings_of(node)
        retries = int(node.setting("retries", settings))
        words = read_back("\x00", instance.language).replace("\x00", "${" + variable + "}")
        menu = ET.Element(
            "menu",
            {
                "name": name,
                "greet-long": "say:" + words.translate(_ONE_LINE),
                "timeout": _ms(node.setting("timeout", settings)),
                "inter-digit-timeout": _ms(node.setting("inter_digit_timeout", settings)),
                "max-failures": str(retries + 1),
                "max-timeouts": str(retries + 1),
                "tts-engine": TTS_ENGINE,
                "tts-voice": self.voice(node, instance.language),
                "digit-len": "1",
            },
        )
        fallback = self.plan.fallback(instance)
        found = self.go(instance, fallback) if fallback is not None else None
        menu.set("exec-on-max-failures", f"transfer {self.route(found)}" if found is not None else "hangup")
        menu.set("exec-on-max-timeouts", menu.get("exec-on-max-failures", "hangup"))
        ET.SubElement(menu, "entry", action="menu-exec-app", digits="1", param=f"transfer {self.route(following)}")
        ET.SubElement(
            menu, "entry", action="menu-exec-app", digits="2", param=f"transfer {self.plan.id(instance)} XML {CONTEXT}"
        )
        self.menus.append(menu)
        condition = self.extension(name)
        self.action(condition, "ivr", name)
        self.action(condition, "hangup")
        self.note(
            node.span,
            APPROXIMATED,
            f"`confirm` is the menu `{name}`: its greeting says `${{{variable}}}`, which the TTS engine may read "
            f"as one number rather than digit by digit (ivrkit import reads the menu back as `confirm: true`)",
        )
        return name

    # -- branches, schedules, transfers, voicemail ---------------------------------------------------

    def schedule_check(self, instance: Instance, node: Node, name: str, closed: Instance | None, open_actions) -> None:
        """Extensions that send the call to `closed` outside the schedule's hours and on its holidays, and
        run `open_actions` (a function of a condition) within them; the last one (`ID`) is the closed case."""
        self.schedule_cases(instance, node, name, {"closed": closed, "holiday": closed}, open_actions)

    def schedule_cases(
        self, instance: Instance, node: Node, name: str, ways: dict[str, Instance | None], open_actions
    ) -> None:
        schedule = self.menuset.file_of(node).schedules[name]
        base = self.plan.id(instance)
        tz = ET.Element("extension", name=f"{base}__tz_{name}", attrib={"continue": "true"})
        self.extensions.append(tz)
        condition = ET.SubElement(tz, "condition", field="destination_number", expression=self.expression(base))
        self.action(condition, "set", f"timezone={schedule.timezone}", inline="true")
        for number, day in enumerate(schedule.closed_on, 1):
            element = ET.Element("extension", name=f"{base}__holiday_{number}")
            self.extensions.append(element)
            ET.SubElement(element, "condition", field="destination_number", expression=self.expression(base))
            when = ET.SubElement(element, "condition", year=str(day.year), mon=str(day.month), mday=str(day.day))
            self.transfer_to(when, ways.get("holiday", ways.get("closed")))
        number = 0
        for weekday, ranges in enumerate(schedule.hours):
            for start, end in ranges:
                number += 1
                element = ET.Element("extension", name=f"{base}__open_{number}")
                self.extensions.append(element)
                ET.SubElement(element, "condition", field="destination_number", expression=self.expression(base))
                # wday 1 is Sunday; minute-of-day counts from 1 at midnight (switch_xml.c)
                when = ET.SubElement(
                    element, "condition", {"wday": str((weekday + 1) % 7 + 1), "minute-of-day": f"{start + 1}-{end}"}
                )
                open_actions(when)
        self.transfer_to(self.extension(base), ways.get("closed"))

    def branch(self, instance: Instance, node: BranchNode) -> None:
        cases = dict(node.cases)
        if node.schedule is not None:
            ways = {value: self.go(instance, cases.get(value, node.default)) for value in ("open", "closed", "holiday")}
            if "holiday" not in cases and node.default is None:
                ways["holiday"] = ways["closed"]
            self.schedule_cases(instance, node, node.schedule, ways, lambda c: self.transfer_to(c, ways["open"]))
            return
        assert node.variable is not None
        variable = self.menuset.file_of(node).variables[node.variable]
        field = "${" + re.sub(r"[^A-Za-z0-9_]", "_", variable.name) + "}"
        base = self.plan.id(instance)
        for value in variable.values:
            element = ET.Element("extension", name=f"{base}__{re.sub(r'[^A-Za-z0-9_-]', '_', value)}")
            self.extensions.append(element)
            ET.SubElement(element, "condition", field="destination_number", expression=self.expression(base))
            body = re.escape(value)
            expression = f"^({body})?$" if value == variable.default else f"^{body}$"
            when = ET.SubElement(element, "condition", field=field, expression=expression)
            self.transfer_to(when, self.go(instance, cases.get(value, node.default)))
        self.transfer_to(self.extension(base), self.go(instance, cases.get(variable.default, node.default)))
        self.note(
            variable.span,
            APPROXIMATED,
            f"the variable `{variable.name}` is the channel variable `{field}` (unset: '{variable.default}'); "
            f"set it before the call reaches the IVR",
        )

    def transfer(self, instance: Instance, node: TransferNode, condition: ET.Element) -> None:
        spoke = self.speak(condition, instance, node)
        name = self.plan.id(instance)
        if node.queue is not None:
            if not spoke:
                self.action(condition, "answer")
            overflow = self.go(instance, node.overflow) if node.overflow is not None else None
            if node.max_wait is not None and node.overflow is not None:
                # the wait limit of this call: moved to the overflow after max_wait seconds in the queue
                self.action(condition, "sched_transfer", f"+{int(round(node.max_wait))} {self.route(overflow)}")
            self.action(condition, "callcenter", f"{node.queue}@${{domain_name}}")
            if node.max_wait is not None and node.overflow is None:
                self.note(
                    node.span,
                    APPROXIMATED,
                    f"`max_wait: {node.max_wait:g}` of `{node.id}` is the queue's `max-wait-time` in "
                    f"callcenter.conf (mod_callcenter has no per-call wait), not in this file",
                )
            if node.announce_wait:
                self.note(node.span, LOST, f"`announce_wait` of `{node.id}`: configure the queue's announcements")
            if node.callback is not None:
                self.note(node.span, LOST, f"the call-back offer of `{node.id}`: mod_callcenter has no call-back")
            if node.overflow is not None:
                self.transfer_to(condition, overflow)
            else:
                self.action(condition, "hangup")
            return
        number = (node.number or "").replace("{extension}", "${extension}")
        if node.busy is not None or node.no_answer is not None:
            self.action(condition, "set", "continue_on_fail=true")
            self.action(condition, "set", "hangup_after_bridge=true")
            self.action(condition, "bridge", f"loopback/{number}/default")
            self.action(condition, "transfer", f"{name}__after XML {CONTEXT}")
            for suffix, causes, target in (
                ("busy", "USER_BUSY", node.busy),
                ("no_answer", "NO_ANSWER|NO_USER_RESPONSE", node.no_answer),
            ):
                if target is None:
                    continue
                element = ET.Element("extension", name=f"{name}__{suffix}")
                self.extensions.append(element)
                ET.SubElement(
                    element, "condition", field="destination_number", expression=f"^{re.escape(name)}__after$"
                )
                when = ET.SubElement(element, "condition", field="${originate_disposition}", expression=f"^({causes})$")
                self.transfer_to(when, self.go(instance, target))
            after = self.extension(f"{name}__after")
            self.action(after, "hangup")
        else:
            self.action(condition, "set", "hangup_after_bridge=true")
            self.action(condition, "bridge", f"loopback/{number}/default")

    def voicemail(self, condition: ET.Element, instance: Instance, node: VoicemailNode) -> None:
        if not self.speak(condition, instance, node):
            self.action(condition, "answer")
        mailbox = node.mailbox or "${destination_number}"
        self.action(condition, "voicemail", f"default ${{domain_name}} {mailbox}")
        if node.max_length is not None:
            self.note(
                node.span,
                APPROXIMATED,
                f"`max_length: {node.max_length:g}` of `{node.id}` is the voicemail profile's `max-record-len`, "
                f"not in this file",
            )
        if node.next is not None:
            self.transfer_to(condition, self.go(instance, node.next, node.then))


EXPORTER = FreeSwitchExporter()

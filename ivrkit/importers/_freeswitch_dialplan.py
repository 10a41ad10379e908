"""The dialplan section of a FreeSWITCH document as `ivrkit export --to freeswitch` writes it: one node per
extension named by its node id.

`ivrkit export` writes every node as extensions matching `destination_number`
`^ID$` (see ivrkit/exporters/freeswitch.py); routes are `transfer ID XML ctx`.
This module reads that form back, grouped by destination:

- an extension running `ivr NAME` is the menu of the configuration section;
- `playback` + `transfer` → message, `playback` + `hangup` → hangup,
  `play_and_get_digits` → input, `bridge loopback/N/...` → transfer to N (busy
  and no-answer from the `ID__after` extensions on `${originate_disposition}`),
  `callcenter Q@domain` → transfer to the queue Q (a transfer after it is the
  overflow), `voicemail PROFILE DOMAIN BOX` → voicemail;
- extensions before `ID` tried in order: `ID__tz_NAME` sets `timezone`,
  `ID__holiday_N` (`year`/`mon`/`mday`), `ID__open_N` (`wday`,
  `minute-of-day`) → the schedule NAME and a branch on it (or a transfer with
  `hours` when the open case bridges); conditions on `${var}` → a branch on the
  variable var (the value that also matches an unset variable is its default);
- an input followed by its `ID__confirm` menu (1 goes on, 2 enters again) → `confirm: true`;
- `ID__language` on the entry sets `default_language`: the file's language.

Documents without a dialplan section (every FreeSWITCH file but an export) are
not touched by any of this.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from ._build import Builder, seconds, whole_number
from ._xml import XNode

__all__ = ["Dialplan", "DialplanNodes"]

_DESTINATION = re.compile(r"\^(?P<name>.+?)(?P<pattern>\(\?:__\(\\d\+\)\)\?)?\$\Z")
_QUIET = ("answer",)
_QUIET_SETS = ("tts_engine=", "tts_voice=", "hangup_after_bridge=", "continue_on_fail=", "extension=")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@dataclass
class Extension:
    name: str
    destination: str
    line: int
    col: int
    conditions: list[dict[str, str]] = field(default_factory=list)  # the conditions after destination_number
    actions: list[tuple[str, str]] = field(default_factory=list)


class Dialplan:
    """The extensions of a document's dialplan section, grouped by the destination they match, in order."""

    def __init__(self, root: XNode):
        self.groups: dict[str, list[Extension]] = {}
        self.language: str | None = None
        for section in root.iter("section"):
            if section.get("name") != "dialplan":
                continue
            for element in section.iter("extension"):
                extension = self.read(element)
                if extension is None:
                    continue
                if extension.name == f"{extension.destination}__language":
                    for app, data in extension.actions:
                        if app == "set" and data.startswith("default_language="):
                            self.language = data.split("=", 1)[1] or None
                    continue
                self.groups.setdefault(extension.destination, []).append(extension)

    @staticmethod
    def read(element: XNode) -> Extension | None:
        conditions = element.findall("condition")
        if not conditions or conditions[0].get("field") != "destination_number":
            return None
        found = _DESTINATION.match(conditions[0].get("expression") or "")
        if found is None:
            return None
        extension = Extension(element.get("name") or "", _unescape(found.group("name")), element.line, element.col)
        for condition in conditions[1:]:
            extension.conditions.append(dict(condition.attrib))
        for condition in conditions:
            for action in condition.findall("action"):
                extension.actions.append((action.get("application") or "", action.get("data") or ""))
        return extension

    @property
    def names(self) -> set[str]:
        return set(self.groups)

    @property
    def entry(self) -> str | None:
        return next(iter(self.groups), None)

    def __bool__(self) -> bool:
        return bool(self.groups)


def _transfer_target(data: str) -> str:
    return data.split()[0] if data.split() else ""


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


class DialplanNodes:
    """Builds the nodes of a Dialplan (menus excepted: the configuration section has them)."""

    def __init__(self, b: Builder, dialplan: Dialplan, menus: set[str]):
        self.b = b
        self.dialplan = dialplan
        self.menus = menus
        self.variables: dict[str, dict] = {}
        self.schedules: dict[str, dict] = {}
        self.consumed: set[str] = set()

    def run(self) -> None:
        for destination, extensions in self.dialplan.groups.items():
            if destination in self.consumed:
                continue
            main = extensions[-1]
            if any(app == "ivr" for app, _ in main.actions) or destination in self.menus:
                continue
            self.node(destination, extensions)

    def confirmation(self, destination: str, following: str) -> str | None:
        """Where an input goes on when its next is its `ID__confirm` menu (1 goes on, 2 enters the digits
        again, the greeting reads them back): it is an input with `confirm: true`, and the menu, with the
        hang-up its tries end in, no node of its own. None for any other next."""
        from ._build import targets_of

        confirm = _transfer_target(following)
        menu = self.b.nodes.get(confirm) if confirm == f"{destination}__confirm" else None
        options = menu.get("options", {}) if menu is not None and menu.get("type") == "menu" else {}
        if set(options) != {"1", "2"} or options["2"] != {"goto": self.b.node_id(destination)}:
            return None
        if "goto" not in options["1"]:
            return None
        assert menu is not None
        for leftover in [confirm] + [target for target in targets_of(menu) if target.startswith(f"{confirm}_")]:
            self.b.nodes.pop(leftover, None)
            self.b.unmapped.pop(leftover, None)
            self.b.source_map.positions.pop(leftover, None)
        return options["1"]["goto"]

    def target(self, data: str, extension: Extension) -> str:
        return self.b.target(_transfer_target(data), extension.line, extension.col)

    @staticmethod
    def actions(extension: Extension) -> list[tuple[str, str]]:
        return [
            (app, data)
            for app, data in extension.actions
            if app not in _QUIET and not (app == "set" and data.startswith(_QUIET_SETS))
        ]

    def node(self, destination: str, extensions: list[Extension]) -> None:
        main = extensions[-1]
        node_id = self.b.node_id(destination)
        before = extensions[:-1]
        if any(e.name.startswith(f"{destination}__tz_") for e in before):
            data = self.schedule(destination, extensions)
        elif before and any(c.get("field", "").startswith("${") for e in before for c in e.conditions):
            data = self.variable_branch(destination, extensions)
        else:
            data = self.plain(destination, self.actions(main), main)
        self.b.add(node_id, data, main.line, main.col)

    def plain(self, destination: str, actions: list[tuple[str, str]], at: Extension) -> dict:
        data: dict = {}
        rest: list[tuple[str, str]] = []
        for app, value in actions:
            if app == "playback" and "say" not in data and "audio" not in data:
                data.update({"say": value[4:]} if value.startswith("say:") else {"audio": value})
            else:
                rest.append((app, value))
        apps = [app for app, _ in rest]
        following = next((value for app, value in rest if app == "transfer"), None)
        if "play_and_get_digits" in apps:
            return self.input(destination, dict(rest)["play_and_get_digits"], following, data, at)
        if "bridge" in apps:
            number = dict(rest)["bridge"]
            if number.startswith("loopback/"):
                number = number[len("loopback/") :].rsplit("/", 1)[0]
            data = {"type": "transfer", "number": number.replace("${extension}", "{extension}"), **data}
            if following is not None and _transfer_target(following) == f"{destination}__after":
                self.after(destination, data)
            return data
        if "callcenter" in apps:
            queue = dict(rest)["callcenter"].split("@", 1)[0]
            data = {"type": "transfer", "queue": queue, **data}
            scheduled = dict(rest).get("sched_transfer", "").split()
            if len(scheduled) >= 2 and whole_number(scheduled[0].lstrip("+")) is not None:
                data["max_wait"] = whole_number(scheduled[0].lstrip("+"))
            if following is not None:
                data["overflow"] = self.target(following, at)
            return data
        if "voicemail" in apps:
            words = dict(rest)["voicemail"].split()
            data = {"type": "voicemail", **data}
            if words and words[-1] != "${destination_number}":
                data["mailbox"] = words[-1]
            if following is not None:
                data["next"] = self.target(following, at)
            return data
        if following is not None:
            return {"type": "message", **data, "next": self.target(following, at)}
        return {"type": "hangup", **data}

    def after(self, destination: str, data: dict) -> None:
        """busy / no_answer of a bridge: the extensions of `ID__after` on `${originate_disposition}`."""
        name = f"{destination}__after"
        self.consumed.add(name)
        for extension in self.dialplan.groups.get(name, [])[:-1]:
            transfer = next((value for app, value in extension.actions if app == "transfer"), None)
            if transfer is None:
                continue
            if extension.name == f"{destination}__busy":
                data["busy"] = self.target(transfer, extension)
            elif extension.name == f"{destination}__no_answer":
                data["no_answer"] = self.target(transfer, extension)

    def input(self, destination: str, raw: str, following: str | None, data: dict, at: Extension) -> dict:
        try:
            words = shlex.split(raw.replace("\\", "\\\\"))
        except ValueError:
            words = raw.split()
        words += [""] * (11 - len(words))
        low, high, tries, timeout, terminator, prompt, invalid, variable, _, digit_timeout, failure = words[:11]
        node: dict = {"type": "input"}
        if prompt.startswith("say:"):
            node["say"] = prompt[4:]
        elif prompt and not prompt.startswith("silence_stream://"):
            node["audio"] = prompt
        node["digits"] = {
            "min": whole_number(low) or 1,
            "max": whole_number(high) or 1,
            "terminator": None if terminator in ("none", "") else terminator,
        }
        if variable and variable != f"{destination}_digits".replace("-", "_"):
            node["store"] = variable
        if whole_number(tries):
            node["retries"] = (whole_number(tries) or 1) - 1
        for field_name, value in (("timeout", timeout), ("inter_digit_timeout", digit_timeout)):
            converted = seconds(value, default_unit="ms") if value else None
            if converted is not None:
                node[field_name] = converted
        if invalid.startswith("say:"):
            node["no_match"] = {"say": invalid[4:]}
        if failure:
            node["fallback"] = self.target(failure, at)
        confirmed = self.confirmation(destination, following) if following is not None else None
        if confirmed is not None:
            node["confirm"] = True
            node["next"] = confirmed
        elif following is not None:
            node["next"] = self.target(following, at)
        return node

    def schedule(self, destination: str, extensions: list[Extension]) -> dict:
        main = extensions[-1]
        name = ""
        timezone = "UTC"
        hours: dict[str, list[str]] = {}
        closed_on: list[str] = []
        holiday: str | None = None
        open_actions: list[tuple[str, str]] | None = None
        open_at = main
        for extension in extensions[:-1]:
            if extension.name.startswith(f"{destination}__tz_"):
                name = extension.name[len(f"{destination}__tz_") :]
                for app, value in extension.actions:
                    if app == "set" and value.startswith("timezone="):
                        timezone = value.split("=", 1)[1]
                continue
            condition = extension.conditions[0] if extension.conditions else {}
            transfer = next((value for app, value in extension.actions if app == "transfer"), None)
            if extension.name.startswith(f"{destination}__holiday_"):
                year, month, day = (whole_number(condition.get(k)) for k in ("year", "mon", "mday"))
                if year and month and day:
                    closed_on.append(f"{year:04d}-{month:02d}-{day:02d}")
                if transfer is not None:
                    holiday = transfer
            elif extension.name.startswith(f"{destination}__open_"):
                wday = whole_number(condition.get("wday"))
                span = (condition.get("minute-of-day") or "").split("-")
                if wday and len(span) == 2 and all(whole_number(part) is not None for part in span):
                    start, end = (whole_number(part) or 0 for part in span)
                    day_name = _WEEKDAYS[(wday - 2) % 7]
                    hours.setdefault(day_name, []).append(f"{_hhmm(start - 1)}-{_hhmm(end)}")
                open_actions = self.actions(extension)
                open_at = extension
        self.schedules[name] = {
            "timezone": timezone,
            "hours": {day: ", ".join(ranges) for day, ranges in hours.items()},
        }
        if closed_on:
            self.schedules[name]["closed_on"] = closed_on
        closed = next((value for app, value in self.actions(main) if app == "transfer"), None)
        open_plain = open_actions is not None and [app for app, _ in open_actions] == ["transfer"]
        if open_actions is not None and not open_plain:  # the open case transfers the call: a transfer with hours
            data = self.plain(destination, open_actions, open_at)
            data["hours"] = name
            if closed is not None:
                data["closed"] = self.target(closed, main)
            return data
        cases: dict[str, str] = {}
        if open_actions is not None:
            cases["open"] = self.target(open_actions[0][1], open_at)
        if closed is not None:
            cases["closed"] = self.target(closed, main)
        if holiday is not None:
            cases["holiday"] = self.target(holiday, main)
        return {"type": "branch", "schedule": name, "cases": cases}

    def variable_branch(self, destination: str, extensions: list[Extension]) -> dict:
        variable = ""
        values: list[str] = []
        default: str | None = None
        cases: dict[str, str] = {}
        for extension in extensions[:-1]:
            condition = next((c for c in extension.conditions if c.get("field", "").startswith("${")), None)
            transfer = next((value for app, value in extension.actions if app == "transfer"), None)
            if condition is None or transfer is None:
                continue
            variable = condition["field"][2:-1]
            expression = condition.get("expression", "")
            optional = re.fullmatch(r"\^\((.*)\)\?\$", expression)
            value = _unescape(optional.group(1) if optional else expression[1:-1])
            if optional:
                default = value
            values.append(value)
            cases[value] = self.target(transfer, extension)
        self.variables[variable] = {"values": values, "default": default or (values[0] if values else "")}
        return {"type": "branch", "variable": variable, "cases": cases}

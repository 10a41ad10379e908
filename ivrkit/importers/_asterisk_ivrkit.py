"""ivrkit's own Asterisk export read back: one context per node, the context name as the node id.

A file whose first line is `; ivrkit export` (ivrkit.exporters.asterisk) holds
one context per node, entered at `s,1`, the entry first after `[general]` and
`[globals]`. Each context is read by the applications in it, in the forms the
exporter writes: `Background`/`Playback` (the words from the `; say:` comment
on the same line, else the sound as `audio`), `WaitExten` with `i`/`t` counted
in FreePBX's form (`Set(IVR_TRIES=...)`, `GotoIf(...?final)`, the handler's
sound, `Goto(s,prompt)`, `n(final),...`), `Read` with its `GotoIf` on the
length, `SayDigits` (a confirmation), `GotoIfTime` (a schedule: the
`; schedule: NAME open|holiday|closed` comments name it, a holiday comment
keeps the year Asterisk has no field for), `GotoIf` on a `[globals]`
variable, `Queue`, `Dial`, `VoiceMail`, `Hangup` and `Goto(ID,s,1)`.

Anything else (a hand-edited file) raises `NotOurs`, and the general
importer reads the file as any other dialplan.
"""

from __future__ import annotations

import re
from pathlib import Path

from ._asterisk_parse import Context, Step, parse_dialplan, split_args, split_gotoif
from ._build import Builder
from .base import Imported

__all__ = ["MARKER", "NotOurs", "read_ivrkit_export"]

MARKER = "; ivrkit export"  # the first line ivrkit.exporters.asterisk writes (importers do not import exporters)
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_GOTO = re.compile(r"([A-Za-z0-9_-]+),s,1\Z")
_SET_TIMEOUT = re.compile(r"TIMEOUT\((response|digit)\)=([0-9.]+)\Z")
_OVER = re.compile(r"\$\[\$\{IVR_TRIES\} > ([0-9]+)\]\?final\Z")
_TRY = re.compile(r"\$\[\$\{IVR_TRIES\} >= [0-9]+\]\?try[0-9]+\Z")
_LENGTH = re.compile(r"\$\[\$\{LEN\(\$\{([A-Za-z0-9_]+)\}\)\} (=|<) ([0-9]+)\]\?([it]),1\Z")
_COMPARE = re.compile(r'\$\["\$\{([A-Za-z0-9_]+)\}" = "([^"]*)"\]\Z')


class NotOurs(Exception):
    """The file carries ivrkit's marker but a context is not in the form ivrkit writes."""


def _expect(condition: bool, why: str) -> None:
    if not condition:
        raise NotOurs(why)


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


class _Reader:
    def __init__(self, text: str, path: Path):
        self.lines = text.split("\n")
        self.path = path
        self.b = Builder("asterisk", path)
        self.contexts = [c for c in parse_dialplan(text) if c.name not in ("general", "globals")]
        self.by_name = {c.name: c for c in self.contexts}
        self.globals = {}
        for context in parse_dialplan(text):
            if context.name == "globals":
                for _, line in context.other:
                    name, _, value = line.partition("=")
                    self.globals[name.strip()] = value.strip()
        self.confirms = {c.name for c in self.contexts if any(s.app == "SayDigits" for s in c.extensions.get("s", []))}
        self.schedules: dict[str, dict] = {}
        self.read_schedules: set[str] = set()
        self.variables: dict[str, dict] = {}
        header = "\n".join(self.lines[:5])
        found = re.search(r"^; language: (\S+)$", header, re.MULTILINE)
        self.language = found.group(1) if found else None
        found = re.search(r"^; ivrkit export of \S+: (.*)$", header, re.MULTILINE)
        self.name = found.group(1).strip() if found else "Asterisk export"

    def comment(self, step: Step) -> str:
        line = self.lines[step.line - 1]
        return line.partition(";")[2].strip() if ";" in line else ""

    def target(self, args: str) -> str:
        found = _GOTO.fullmatch(args.strip())
        _expect(found is not None and found.group(1) in self.by_name, f"Goto({args}) leads outside the file")
        assert found is not None
        return found.group(1)

    def sound(self, data: dict, step: Step) -> None:
        words = self.comment(step)
        if words.startswith("say: "):
            data["say"] = words[len("say: ") :]
        else:
            data["audio"] = split_args(step.args)[0]
        if step.app == "Playback":
            data["barge_in"] = False

    # -- the file ------------------------------------------------------------------------------------

    def run(self) -> Imported:
        _expect(bool(self.contexts), "no contexts")
        nodes = [c for c in self.contexts if c.name not in self.confirms]
        for context in nodes:
            data = self.node(context)
            self.b.add(context.name, data, context.line)
        imported = self.b.finish(name=self.name, entry=nodes[0].name, language=self.language)
        menu = imported.menu
        extra = {}
        if self.variables:
            extra["variables"] = self.variables
        if self.schedules:
            extra["schedules"] = {name: self.schedule(found) for name, found in self.schedules.items()}
        if extra:
            items = list(menu.items())
            menu.clear()
            for key, value in items:
                if key == "nodes":
                    menu.update(extra)
                menu[key] = value
        return imported

    def node(self, context: Context) -> dict:
        steps = context.extensions.get("s")
        _expect(bool(steps), f"[{context.name}] has no s extension")
        assert steps is not None
        apps = [step.app for step in steps]
        if "WaitExten" in apps:
            return self.menu(context, steps)
        if "Read" in apps:
            return self.input(context, steps)
        if "Queue" in apps or "Dial" in apps:
            return self.transfer(context, steps)
        if "VoiceMail" in apps:
            return self.voicemail(steps)
        if apps[0] in ("GotoIf", "GotoIfTime"):
            return self.branch(context, steps)
        data: dict = {}
        for step in steps:
            if step.app in ("Background", "Playback"):
                self.sound(data, step)
            elif step.app == "Goto":
                return {"type": "message", **data, "next": self.target(step.args)}
            elif step.app == "Hangup":
                return {"type": "hangup", **data}
            else:
                raise NotOurs(f"{step.app} in [{context.name}]")
        raise NotOurs(f"[{context.name}] does not end")

    # -- menus and inputs ----------------------------------------------------------------------------

    def timing(self, data: dict, steps: list[Step]) -> None:
        for step in steps:
            found = _SET_TIMEOUT.fullmatch(step.args) if step.app == "Set" else None
            if found:
                data["timeout" if found.group(1) == "response" else "inter_digit_timeout"] = _number(found.group(2))

    def handlers(self, data: dict, context: Context) -> None:
        fallback = None
        for extension, kind in (("t", "no_input"), ("i", "no_match")):
            steps = context.extensions.get(extension)
            _expect(steps is not None and len(steps) >= 4, f"[{context.name}] has no counted {extension}")
            assert steps is not None
            over = _OVER.fullmatch(steps[1].args)
            _expect(steps[0].args == "IVR_TRIES=$[${IVR_TRIES}+1]" and over is not None, "not a counted retry")
            assert over is not None
            data["retries"] = int(over.group(1))
            handlers: list[dict] = []
            handler: dict = {}
            for step in steps[2:]:
                if step.app == "GotoIf" and _TRY.fullmatch(step.args):
                    continue  # which handler a count plays: the handlers follow in order
                if step.label == "final":
                    fallback = self.end(context, step) if step.app == "Hangup" else self.target(step.args)
                elif step.app == "Background":
                    self.sound(handler, step)
                elif step.app == "Goto":
                    if step.args != "s,prompt":
                        handler["goto"] = self.target(step.args)
                    handlers.append(handler)
                    handler = {}
                else:
                    raise NotOurs(f"{step.app} in the {extension} of [{context.name}]")
            handlers = [h for h in handlers if h] if len(handlers) == 1 else handlers
            if handlers:
                data[kind] = handlers if len(handlers) > 1 else handlers[0]
        _expect(fallback is not None, f"[{context.name}] has no final priority")
        data["fallback"] = fallback

    def end(self, context: Context, step: Step) -> str:
        """A silent hang-up for a `Hangup()` fallback (the menu had none: the call ends)."""
        node_id = self.b.fresh_id(f"{context.name}_end")
        self.b.add(node_id, {"type": "hangup"}, step.line, step.col)
        return node_id

    def options(self, data: dict, context: Context) -> None:
        options: dict = {}
        patterns: list[str] = []
        goto = None
        for extension, steps in context.extensions.items():
            if extension in ("s", "i", "t"):
                continue
            last = steps[-1]
            _expect(last.app == "Goto", f"the extension {extension} of [{context.name}] does not end with a Goto")
            if extension.startswith("_"):
                patterns.append(extension[1:])
                goto = self.target(last.args)
            else:
                options[extension] = {"goto": self.target(last.args)}
        if options:
            data["options"] = options
        if patterns:
            if all(set(pattern) == {"X"} for pattern in patterns):
                lengths = sorted(len(pattern) for pattern in patterns)
                data["extensions"] = {"min": lengths[0], "max": lengths[-1], "goto": goto}
            else:
                data["extensions"] = {"patterns": patterns, "goto": goto}

    def menu(self, context: Context, steps: list[Step]) -> dict:
        data: dict = {"type": "menu"}
        for step in steps:
            if step.app in ("Background", "Playback"):
                self.sound(data, step)
        data["announce_options"] = False
        self.timing(data, steps)
        self.options(data, context)
        self.handlers(data, context)
        return data

    def input(self, context: Context, steps: list[Step]) -> dict:
        data: dict = {"type": "input"}
        minimum = 1
        variable = ""
        following = None
        for step in steps:
            if step.app == "Read":
                args = split_args(step.args)
                variable = args[0]
                self.sound(data, step)
                maximum = int(args[2])
            elif step.app == "GotoIf":
                found = _LENGTH.fullmatch(step.args)
                _expect(found is not None, f"GotoIf({step.args}) in [{context.name}]")
                assert found is not None
                if found.group(2) == "<":
                    minimum = int(found.group(3))
            elif step.app == "Goto":
                following = self.target(step.args)
        _expect(following is not None, f"[{context.name}] does not go on")
        assert following is not None
        data["digits"] = {"min": minimum, "max": maximum, "terminator": "#"}
        if variable != re.sub(r"[^A-Za-z0-9_]", "_", context.name) + "_digits":
            data["store"] = variable
        self.timing(data, steps)
        self.handlers(data, context)
        if following in self.confirms:
            data["confirm"] = True
            yes = self.by_name[following].extensions.get("1")
            _expect(yes is not None, f"[{following}] has no 1")
            assert yes is not None
            following = self.target(yes[-1].args)
        data["next"] = following
        order = (
            "type",
            "say",
            "audio",
            "barge_in",
            "digits",
            "store",
            "confirm",
            "timeout",
            "inter_digit_timeout",
            "retries",
            "no_input",
            "no_match",
            "fallback",
            "next",
        )
        return {key: data[key] for key in order if key in data}

    # -- branches, transfers, voicemail --------------------------------------------------------------

    def schedule_check(self, context: Context, steps: list[Step]) -> tuple[str, dict[str, str], int]:
        """(schedule name, way per state, index of the first step after the check) of GotoIfTime lines."""
        name = None
        ways: dict[str, str] = {}
        for index, step in enumerate(steps):
            found = re.fullmatch(r"schedule: (\S+) (open|holiday|closed)(?: (\d{4}-\d\d-\d\d))?", self.comment(step))
            if found is None:
                self.read_schedules.add(self.named(name))
                return self.named(name), ways, index
            name, state = found.group(1), found.group(2)
            entry = self.schedules.setdefault(name, {"open": [], "holiday": [], "timezone": None})
            if name in self.read_schedules:  # checked in an earlier context: the same specifications again
                entry = {"open": [], "holiday": [], "timezone": None}
            if step.app == "GotoIfTime":
                condition, yes, _ = split_gotoif(step.args)
                fields = split_args(condition)
                _expect(len(fields) == 5, f"GotoIfTime({step.args})")
                entry["timezone"] = fields[4]
                if state == "open":
                    entry["open"].append((fields[0], fields[1]))
                elif found.group(3):
                    entry["holiday"].append(found.group(3))
                ways.setdefault(state, yes if _GOTO.fullmatch(yes) is None else self.target(yes))
            else:
                _expect(step.app == "Goto", f"{step.app} in the schedule check of [{context.name}]")
                ways["closed"] = self.target(step.args)
        self.read_schedules.add(self.named(name))
        return self.named(name), ways, len(steps)

    @staticmethod
    def named(name: str | None) -> str:
        _expect(name is not None, "no schedule")
        assert name is not None
        return name

    def schedule(self, found: dict) -> dict:
        days: dict[int, list[str]] = {}
        for times, weekdays in found["open"]:
            start, _, end = times.partition("-")
            end = "24:00" if end == "23:59" else end
            for part in weekdays.split("&"):
                first, _, last = part.partition("-")
                low, high = _DAYS.index(first), _DAYS.index(last or first)
                for day in range(low, high + 1):
                    days.setdefault(day, []).append(f"{start}-{end}")
        schedule: dict = {
            "timezone": found["timezone"] or "UTC",
            "hours": {_DAYS[day]: ", ".join(spans) for day, spans in sorted(days.items())} or {"mon": "closed"},
        }
        if found["holiday"]:
            schedule["closed_on"] = sorted(set(found["holiday"]))
        return schedule

    def branch(self, context: Context, steps: list[Step]) -> dict:
        if steps[0].app == "GotoIfTime":
            name, ways, _ = self.schedule_check(context, steps)
            cases = {"open": ways["open"], "closed": ways["closed"]}
            if ways.get("holiday", ways["closed"]) != ways["closed"]:
                cases["holiday"] = ways["holiday"]
            return {"type": "branch", "schedule": name, "cases": cases}
        cases: dict[str, str] = {}
        variable = None
        for step in steps:
            if step.app == "GotoIf":
                condition, yes, _ = split_gotoif(step.args)
                found = _COMPARE.fullmatch(condition)
                _expect(found is not None, f"GotoIf({step.args}) in [{context.name}]")
                assert found is not None
                written = self.comment(step).removeprefix("variable: ")
                variable = written or found.group(1)
                cases[found.group(2)] = self.target(yes)
                default = self.globals.get(found.group(1), "")
            elif step.app == "Goto":
                _expect(variable is not None, f"[{context.name}] is no branch")
                assert variable is not None
                cases[default] = self.target(step.args)
                declared = self.variables.setdefault(variable, {"values": [], "default": default})
                for value in cases:
                    if value not in declared["values"]:
                        declared["values"].append(value)
                return {"type": "branch", "variable": variable, "cases": cases}
        raise NotOurs(f"[{context.name}] is no branch")

    def transfer(self, context: Context, steps: list[Step]) -> dict:
        data: dict = {"type": "transfer"}
        start = 0
        if steps[0].app == "GotoIfTime":
            name, ways, start = self.schedule_check(context, steps)
            data["hours"] = name
            data["closed"] = ways["closed"]
        for index in range(start, len(steps)):
            step = steps[index]
            following = steps[index + 1] if index + 1 < len(steps) else None
            if step.app in ("Background", "Playback"):
                self.sound(data, step)
            elif step.app == "Queue":
                args = split_args(step.args)
                written = self.comment(step).removeprefix("queue: ")
                data["queue"] = written or args[0]
                if len(args) > 4 and args[4]:
                    data["max_wait"] = _number(args[4])
                if following is not None and following.app == "Goto":
                    data["overflow"] = self.target(following.args)
                return data
            elif step.app == "Dial":
                written = self.comment(step).removeprefix("number: ")
                number = re.sub(r"\A[A-Z]+/|@\$\{IVRKIT_TRUNK\}\Z", "", split_args(step.args)[0])
                data["number"] = written or re.sub(r"\$\{([A-Za-z0-9_]+)\}", r"{\1}", number)
                args = split_args(step.args)
                if len(args) > 1 and args[1]:
                    data["max_wait"] = _number(args[1])
                for later in steps[index + 1 :]:
                    if later.app == "Goto" and "max_wait" in data:
                        data["overflow"] = self.target(later.args)
                    elif later.app == "GotoIf":
                        condition, yes, _ = split_gotoif(later.args)
                        status = _COMPARE.fullmatch(condition)
                        _expect(status is not None and status.group(1) == "DIALSTATUS", f"GotoIf({later.args})")
                        assert status is not None
                        data["busy" if status.group(2) == "BUSY" else "no_answer"] = self.target(yes)
                return data
        raise NotOurs(f"[{context.name}] transfers nowhere")

    def voicemail(self, steps: list[Step]) -> dict:
        data: dict = {"type": "voicemail"}
        for index, step in enumerate(steps):
            if step.app in ("Background", "Playback"):
                self.sound(data, step)
            elif step.app == "VoiceMail":
                box = split_args(step.args)[0].split("@")[0]
                if box != "${IVRKIT_MAILBOX}":
                    data["mailbox"] = box
                following = steps[index + 1] if index + 1 < len(steps) else None
                if following is not None and following.app == "Goto":
                    data["next"] = self.target(following.args)
                return data
        raise NotOurs("no VoiceMail")


def read_ivrkit_export(text: str, path: Path) -> Imported:
    """The menu of a file ivrkit exported; NotOurs when it is not in ivrkit's form."""
    return _Reader(text, path).run()

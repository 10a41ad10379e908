"""Asterisk dialplans (extensions.conf): one context with the `Background`/`WaitExten` menu pattern.

A file `ivrkit export --to asterisk` wrote (its first line `; ivrkit export`) is
read back whole by `_asterisk_ivrkit` (one node per context, the context name as
the node id) unless `--context` names one, or a context is not in ivrkit's form.

The entry context is `context=` (the `--context` option), else the first
context with an `s` extension and key extensions, else the first with `s`.
Its `include => other` contexts in the file are searched after its own
extensions, as Asterisk does (docs.asterisk.org, Include Statements Basics):
their extensions are imported as part of the menu, at their own positions
(an extension found earlier hides a later one; `_asterisk_parse.with_includes`).
Mapping:

- The `s` extension runs until `WaitExten()` or, in FreePBX's generated
  IVRs, `Read(VAR,prompt,1,,,timeout)` (its prompt `${IVR_MSG}` resolved
  from the `Set` before it): each `Background`/`Playback` becomes a node
  (`audio:` the sound name, text unknown), the last one before the wait is
  the menu's own prompt, the ones before it are `message` nodes leading to
  it. The menu node has `announce_options: false`. On a response timeout
  WaitExten goes on with the next priority when the extension has one
  (main/pbx_builtins.c), so the priorities after it are the menu's
  `no_input`; a second `WaitExten` there is a prompt variant: a menu with
  its own prompt and the first menu's keys and handlers. A
  `GotoIf`/`GotoIfTime` before any sound makes the entry a `branch` between
  the variants.
- `Set(TIMEOUT(response)=N)` and `WaitExten(N)` → `timeout`;
  `Set(TIMEOUT(digit)=N)` → `inter_digit_timeout`; unset, Asterisk's
  defaults (10 s and 5 s).
- Every other extension of the context that is a key (`1`, `#`, `1000`) →
  an option; a pattern such as `_7XXX`, `_1NXX`, `_[1-5]XX`, `_X.` →
  `extensions.patterns` (exact extensions win and keys that could still
  become a longer extension wait the inter-digit timeout, as in Asterisk);
  a second pattern with the same priorities joins it, one leading elsewhere
  is kept unmapped. A `-` outside `[...]` is ignored, as Asterisk does
  (`555-1212` is the key 5551212, `_7-XX` the pattern `7XX`; Gotos alike).
  Its priorities become a chain of nodes:
  `Background`/`Playback` → message, `Goto(...)` → where the chain leads,
  `Dial(...)` → a `transfer` (`number` = the dial string; the priorities
  after it become its `busy` and `no_answer`), `Gosub(...)`/`Macro(...)` → a
  transfer whose destination is unknown (`person: unknown`; the subroutine is
  not imported), continuing the same way, `GotoIf(c?a:b)` → a `branch` on a
  declared true/false variable `if_line_N` (an empty side goes on to the
  next priority; a comparison `$[${VAR} = 1]` on digits a `Read` stored
  branches on `VAR` itself), `Read(VAR,sounds,max,,attempts,timeout)` → an
  `input` storing `VAR` that goes on with the next priority whether or not
  digits came (`next` and `fallback`), `VoiceMail(box,...)` → `voicemail`
  (with `next` when priorities other than `Hangup()` follow: it returns
  once the message is left), `Page(...)` → a transfer to the paged phones,
  `VoiceMailMain()` → a transfer to that system (`person: false`; the priorities after it, run
  when the caller leaves it, are its `busy`/`no_answer`), `Hangup()` or the
  end of the priorities → `hangup` (Asterisk hangs up when an extension runs
  out of priorities). Labelled priorities after a `Goto` or a hang-up stay
  `Goto` targets.
- A wrong key goes to a catch-all `_.`/`_!`/`_.!` (the digits are looked up
  as an extension first), else `i`, else `e`, else the call hangs up; a
  timeout goes to `t`, else a catch-all (which matches `t` too), else `e`,
  else the call hangs up (see `_Converter.handlers`). FreePBX's counted
  `i`/`t` (`Set(N=$[${N}+1])`, `GotoIf($[${N} > K]?final)`,
  `Set(IVR_MSG=sound)`, `Goto(s,...)`) → `retries`, one re-prompt per loop
  and the `final` priorities (as a last handler, or `fallback` for the kind
  with more loops).
- `Goto` with labels or numeric priorities (`Goto(s,instruct)`,
  `Goto(s,6)`, `Goto(#,1)`, `Goto(label)`) resolves to the node of that
  priority (or the first node after it); Gotos that come back make loops.
  Targets in other contexts that are FreePBX destinations (`ext-group`,
  `ext-queues`, `ext-local`, `app-blackhole`) are mapped by meaning (see
  `freepbx.map_destination`); a context not in the file is an unknown
  destination (a transfer with `person` unset and a note naming it); a
  context in the file that is not imported stays a stub naming the
  `--context` that imports it. `Set(...)` counters and any other
  application are kept under `x-unmapped` (with a remark when they change
  the call flow; FreePBX's bookkeeping quietly).
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass
from pathlib import Path

from ..keypatterns import PatternProblem, compile_pattern
from ._asterisk_ivrkit import MARKER as IVRKIT_MARKER
from ._asterisk_ivrkit import NotOurs, read_ivrkit_export
from ._asterisk_parse import KEY as _KEY
from ._asterisk_parse import PRIORITY_NUMBER as _PRIORITY_NUMBER
from ._asterisk_parse import Context as _Context
from ._asterisk_parse import Step as _Step
from ._asterisk_parse import (
    extension_name,
    keyed_contexts,
    parse_dialplan,
    with_includes,
)
from ._asterisk_parse import number as _number
from ._asterisk_parse import short as _short
from ._asterisk_parse import split_args as _args
from ._asterisk_parse import split_gotoif as _split_gotoif
from ._build import Builder, whole_number
from .base import Imported, ImportProblem

__all__ = ["IMPORTER", "AsteriskImporter", "parse_dialplan"]

_AUDIO_APPS = {"background", "playback", "controlplayback"}
_QUIET_APPS = {"answer", "wait", "noop", "ringing", "progress", "verbose", "log"}


class AsteriskImporter:
    name = "asterisk"
    description = "Asterisk extensions.conf"

    def detect(self, text: str, path: Path) -> bool:
        head = text[:200_000]
        return bool(re.search(r"^\s*\[[^\]\s]+\]", head, re.MULTILINE)) and bool(
            re.search(r"^\s*exten\s*=>", head, re.MULTILINE | re.IGNORECASE)
        )

    def convert(self, text: str, path: Path, *, context: str | None = None) -> Imported:
        if context is None and text.startswith(IVRKIT_MARKER):
            try:
                return read_ivrkit_export(text, path)
            except NotOurs:
                pass  # edited by hand: read as any dialplan
        contexts = parse_dialplan(text)
        if not contexts:
            raise ImportProblem("the file has no [context]", 1, 1, "an extensions.conf has contexts such as [demo]")
        if context is not None:
            chosen = next((c for c in contexts if c.name == context), None)
            if chosen is None:
                raise ImportProblem(
                    f"there is no context [{context}]", 1, 1, f"the contexts are: {', '.join(c.name for c in contexts)}"
                )
        else:
            # A menu context has keys: prefer the first `s` context with key extensions (a FreePBX file
            # starts with a direct-dial-only IVR), else the first with `s`.
            keyed = keyed_contexts(contexts)
            chosen = (
                next((c for c in contexts if "s" in c.extensions and any(_KEY.match(e) for e in c.extensions)), None)
                or next((c for c in contexts if "s" in c.extensions and c.name in keyed), None)
                or next((c for c in contexts if "s" in c.extensions), None)
            )
            if chosen is None:
                raise ImportProblem(
                    "no context has an `s` extension, so the menu's start is unknown",
                    1,
                    1,
                    "name the context with --context NAME",
                )
        merged, include_remarks = with_includes(chosen, contexts)
        converter = _Converter(path, merged, contexts)
        for line, remark in include_remarks:
            converter.b.remark(line, remark)
        return converter.run()


@dataclass(frozen=True)
class _Ref:
    """A Goto not resolved yet: (extension, priority or label) in this context, or `context` elsewhere."""

    ext: str
    priority: str
    line: int
    col: int
    context: str | None = None


class _Converter:
    def __init__(self, path: Path, context: _Context, contexts: list[_Context]):
        self.b = Builder("asterisk", path)
        self.context = context
        self.name = context.name
        self.points: dict[tuple[str, str], str | _Ref] = {}  # (ext, priority or label) → node id or Goto
        self.menu_id = ""
        self.resolved: dict[_Ref, str] = {}  # Goto -> the node it finally leads to
        self.numbered: dict[str, list[tuple[int, str | _Ref]]] | None = None
        self.variables: dict[str, dict] = {}  # GotoIf conditions, as branch variables
        self.contexts = contexts
        self.externals: dict[str, str] = {}  # "context,ext,priority" -> the node made for it
        self.hinted: set[str] = set()
        self.quiet = False
        self.channel_timeouts: tuple[float, float] = (10, 5)  # TIMEOUT(response), TIMEOUT(digit) set in `s`
        self.pattern_steps: list[tuple[str, str]] = []  # the priorities of the first pattern extension
        self.variant_ids: list[dict] = []  # menu data of prompt variants (a second WaitExten in `s`)
        # FreePBX generates its IVRs with Read() in the `s` extension (corpus 32), not Background/WaitExten.
        self.generated = any(step.app.lower() == "read" for step in context.extensions.get("s", []))
        # variables that a Read() stores (outside FreePBX's generated `s`): GotoIfs on them branch on the digits
        self.read_vars = (
            {
                _args(step.args)[0]
                for steps in context.extensions.values()
                for step in steps
                if step.app.lower() == "read" and step.args
            }
            if not self.generated
            else set()
        )

    def run(self) -> Imported:
        b, ctx = self.b, self.context
        for number, line in ctx.other:
            b.keep("(file)", f"line {number}", line)
        self.menu_id = b.fresh_id(f"{self.name}_menu")
        first = self.start_chain()
        menu = b.nodes[self.menu_id]
        options: dict = {}
        loops: dict[str, tuple[int, str | None, _Ref]] = {}  # i/t written as FreePBX's counted retries
        special: dict[str, tuple[str | _Ref, int, str]] = {}  # i, t, e, catch-all: (start, line, extension)
        for ext, steps in ctx.extensions.items():
            if ext == "s":
                continue
            line, col = ctx.ext_lines[ext]
            if ext in ctx.written:
                b.remark(
                    line,
                    f"the extension `{_short(ctx.written[ext])}` is `{_short(ext)}`: Asterisk ignores "
                    f"`-` outside `[...]` in extension names and patterns",
                )
            if ext in ("i", "t"):
                counted = _counted_retry(ext, steps)
                self.quiet = counted is not None  # its GotoIf is the retry count, not a branch worth a remark
                start = self.chain(ext, steps)
                self.quiet = False
                if counted is not None:
                    loops[ext] = counted
                else:
                    special[ext] = (start, line, ext)
            elif ext == "e" and not self.generated:
                special["e"] = (self.chain(ext, steps), line, ext)
            elif self.generated and ext in ("h", "hang", "return", "fax"):
                b.keep(self.menu_id, f"exten {ext}", [f"{s.priority}: {s.app}({s.args})" for s in steps])
                self.chain(ext, steps)  # still a Goto target
            elif self.generated and ext.endswith("#") and _KEY.match(ext[:-1]):
                # FreePBX writes `N#` for "N then #" (accept_pound_key); it leads where N leads.
                b.keep(self.menu_id, f"exten {ext}", [f"{s.priority}: {s.app}({s.args})" for s in steps])
                self.chain(ext, steps)
            elif _KEY.match(ext):
                options[ext] = {"goto": self.chain(ext, steps)}
                b.option_at(self.menu_id, ext, line, col)
            elif re.fullmatch(r"_[.!]+", ext) and "catch-all" not in special:
                special["catch-all"] = (self.chain(ext, steps), line, ext)
            elif ext.startswith("_") and self.pattern(menu, ext, steps, line):
                pass
            else:
                b.keep(self.menu_id, f"exten {ext}", [f"{s.priority}: {s.app}({s.args})" for s in steps])
                b.remark(line, f"the extension `{ext}` is not a key ivrkit can model; kept under x-unmapped")
                self.chain(ext, steps)  # still a Goto target
        if loops:
            self.counted_handlers(menu, loops)
        else:
            self.handlers(menu, special)
        if (
            not options
            and "extensions" not in menu
            and self.generated
            and any("from-did-direct" in step.args for step in ctx.extensions["s"])
        ):
            # FreePBX's direct dial: the digits read are tried as a local extension (`from-did-direct-ivr`).
            at = ctx.ext_lines["s"]
            dial = b.fresh_id(f"{self.name}_direct_dial")
            b.add(
                dial,
                {
                    "type": "transfer",
                    "number": "{extension}",
                    "note": "FreePBX direct dial: the extension the caller dials",
                },
                at[0],
                at[1],
            )
            menu["extensions"] = {"min": 1, "max": 16, "goto": dial}
            b.remark(
                at[0],
                "the IVR only takes direct dial (from-did-direct-ivr); extension lengths are not in "
                "the dialplan, so any 1-16 digits are taken",
            )
        if options:
            menu["options"] = options
        elif "extensions" not in menu:
            raise ImportProblem(
                f"the context [{ctx.name}] has no key extensions, so it is not a menu",
                ctx.line,
                1,
                "a menu context has extensions such as `exten => 1,1,...`",
            )
        self.resolve_all()
        for variant in self.variant_ids:
            for key in ("inter_digit_timeout", "retries", "no_input", "no_match", "fallback", "extensions", "options"):
                if key in menu:
                    variant.setdefault(key, copy.deepcopy(menu[key]))
            if "timeout" in menu:
                variant.setdefault("timeout", menu["timeout"])
        entry = self.resolve(first)
        self.drop_unreached(entry)
        order = (
            "type",
            "say",
            "audio",
            "announce_options",
            "timeout",
            "inter_digit_timeout",
            "retries",
            "no_input",
            "no_match",
            "extensions",
            "options",
        )
        items = {key: menu[key] for key in order if key in menu}
        items.update({key: value for key, value in menu.items() if key not in items})
        menu.clear()
        menu.update(items)
        imported = b.finish(name=f"Asterisk context {ctx.name}", entry=entry)
        used = {data.get("variable") for data in imported.menu["nodes"].values() if data.get("type") == "branch"}
        variables = {name: value for name, value in self.variables.items() if name in used}
        if variables:
            menu_data = imported.menu
            items = list(menu_data.items())
            menu_data.clear()
            for key, value in items:
                if key == "nodes":
                    menu_data["variables"] = variables
                menu_data[key] = value
        return imported

    def pattern(self, menu: dict, ext: str, steps: list[_Step], line: int) -> bool:
        """A pattern extension (`_7XXX`, `_1NXX`, `_[1-5]XX`, `_X.`) as `extensions.patterns`; False if it cannot be one.

        Asterisk waits TIMEOUT(digit) after a key while the digits could still match a longer extension or
        pattern, and an exact extension wins over a pattern (docs.asterisk.org, Pattern Matching); ivrkit's
        patterns behave the same (ivrkit/keypatterns.py). A menu has one `extensions.goto`: a second pattern
        joins the first when its priorities are the same (`Dial(SIP/${EXTEN})`), else it is kept unmapped.
        """
        b = self.b
        try:
            compile_pattern(ext[1:])
        except PatternProblem as problem:
            b.remark(
                line,
                f"the pattern `{_short(ext)}` is not one ivrkit can model ({problem.message}); kept under x-unmapped",
            )
            return False
        written = [(step.app.lower(), step.args) for step in steps]
        if "extensions" not in menu:
            menu["extensions"] = {"patterns": [ext[1:]], "goto": self.chain(ext, steps)}
            self.pattern_steps = written
            b.remark(
                line,
                f"the pattern `{_short(ext)}` is imported as the extension pattern `{_short(ext[1:])}`: "
                "exact extensions win over it, and a key that could still become one waits the "
                "inter-digit timeout, as in Asterisk",
            )
            return True
        if written == self.pattern_steps:
            menu["extensions"]["patterns"].append(ext[1:])
            self.chain(ext, steps)  # still a Goto target
            return True
        b.remark(
            line,
            f"the pattern `{_short(ext)}` leads elsewhere than `_{_short(menu['extensions']['patterns'][0])}`"
            ", and an ivrkit menu has one extensions destination; kept under x-unmapped",
        )
        return False

    def handlers(self, menu: dict, special: dict[str, tuple[str | _Ref, int, str]]) -> None:
        """Where a wrong key and silence go, in the order Asterisk looks (main/pbx.c, main/pbx_builtins.c).

        A wrong key is first matched as an extension, so a catch-all (`_.`, `_!`, `_.!`) takes it before
        `i` is looked up; then `i`, then `e` (exception INVALID), else the call hangs up. On a response
        timeout WaitExten goes on with the next priority of `s` when there is one (set in start_chain),
        else to `t`, which a catch-all also matches (`.` matches any character, so `_.` swallows `t`, `i`
        and `h`: pbx_config warns "The use of '_.' for an extension is strongly discouraged"), then `e`
        (RESPONSETIMEOUT), else the call hangs up.
        """
        b, ctx = self.b, self.context
        at = ctx.ext_lines.get("s", (ctx.line, 1))
        catch = special.get("catch-all")
        if catch is not None:
            menu["no_match"] = {"goto": catch[0]}
            b.remark(
                catch[1],
                f"the catch-all `{catch[2]}` matches every key that is not an option, so a wrong key "
                "goes there"
                + (" (the `i` extension is never reached by one)" if "i" in special else "")
                + "; imported as the menu's no_match handler",
            )
            if "." in catch[2]:
                # pbx.c's default matcher: `.` matches "even with more digits", so every key could still grow
                b.remark(
                    catch[1],
                    f"`{catch[2]}` could match a longer number after any key, so Asterisk waits "
                    "TIMEOUT(digit) after every key before acting; ivrkit acts on a complete option "
                    "key at once, so this wait is not simulated",
                )
        elif "i" in special:
            menu["no_match"] = {"goto": special["i"][0]}
        elif "e" in special:
            menu["no_match"] = {"goto": special["e"][0]}
            b.remark(
                special["e"][1],
                "no `i` extension: a wrong key raises the INVALID exception, which the `e` extension takes",
            )
        else:
            end = b.fresh_id(f"{self.name}_no_i")
            b.add(
                end, {"type": "hangup", "note": "no `i` extension: Asterisk hangs up on an invalid entry"}, at[0], at[1]
            )
            menu["no_match"] = {"goto": end}
            b.remark(at[0], "the context has no `i` extension: Asterisk hangs up when the caller dials a wrong key")
        if "no_input" in menu:  # WaitExten goes on with the next priority
            return
        if "t" in special:
            menu["no_input"] = {"goto": special["t"][0]}
        elif catch is not None:
            menu["no_input"] = {"goto": catch[0]}
            b.remark(
                catch[1],
                f"no `t` extension: on a response timeout Asterisk looks up `t` like any extension, "
                f"and the catch-all `{catch[2]}` matches it, so silence goes there too",
            )
        elif "e" in special:
            menu["no_input"] = {"goto": special["e"][0]}
            b.remark(
                special["e"][1],
                "no `t` extension: a response timeout raises the RESPONSETIMEOUT exception, "
                "which the `e` extension takes",
            )
        else:
            end = b.fresh_id(f"{self.name}_no_t")
            b.add(
                end,
                {"type": "hangup", "note": "no `t` extension: Asterisk hangs up on a response timeout"},
                at[0],
                at[1],
            )
            menu["no_input"] = {"goto": end}
            b.remark(at[0], "the context has no `t` extension: Asterisk hangs up when the caller presses nothing")

    def counted_handlers(self, menu: dict, loops: dict[str, tuple[int, str | None, _Ref]]) -> None:
        """FreePBX's i/t idiom (count, `GotoIf(count > N?final)`, re-prompt) as retries, handlers and fallback.

        ivrkit counts wrong keys and silences together; the kind with more loops reaches its final
        priorities through `fallback`, the other through a handler after its own re-prompts.
        """
        retries = min(max(count for count, _, _ in loops.values()), 10)
        menu["retries"] = retries
        larger = max(loops, key=lambda ext: (loops[ext][0], ext == "t"))
        for ext, (count, sound, final) in loops.items():
            kind = "no_match" if ext == "i" else "no_input"
            handlers: list[dict] = [{"audio": sound} for _ in range(min(count, 10))] if sound else []
            if ext == larger:
                menu["fallback"] = final
            else:
                if not sound:
                    handlers = [{"audio": "beep"}] * 0
                handlers.append({"goto": final})
            if handlers:
                menu[kind] = handlers if len(handlers) > 1 else handlers[0]
        counts = {ext: loops[ext][0] for ext in loops}
        self.b.remark(
            self.context.ext_lines[next(iter(loops))][0],
            f"the i/t extensions count retries by hand ({', '.join(f'{e}: {n}' for e, n in counts.items())}); "
            "imported as retries and handlers (ivrkit counts wrong keys and silences together)",
        )

    # -- the s extension -----------------------------------------------------

    def start_chain(self) -> str:
        """Nodes of `s` up to the menu: message nodes for early sounds, then the menu node."""
        b = self.b
        steps = self.context.extensions["s"]
        menu: dict = {"type": "menu"}
        sounds: list[tuple[_Step, str]] = []
        waited = False
        variables: dict[str, str] = {}  # Set(NAME=value) seen so far, for Read(VAR,${NAME},...)
        after_wait: list[_Step] = []  # reached only by a Goto (a timeout goes to `t` or hangs up)
        branch_step: _Step | None = None
        branch: dict | None = None
        written: set[str] = set()  # the timeouts the dialplan sets
        channel: dict[str, float] = {}  # the channel's TIMEOUT(response) and TIMEOUT(digit), for Read
        for step in steps:
            app = step.app.lower()
            args = _args(step.args)
            if waited:
                if self.generated:  # FreePBX's dispatch of the digits read: modelled by the options
                    b.keep(self.menu_id, f"s,{step.priority} (after the menu waits)", f"{step.app}({step.args})")
                else:
                    after_wait.append(step)
                continue
            if app in _AUDIO_APPS and args[0]:
                sounds.extend((step, sound) for sound in args[0].split("&"))
            elif app == "read":
                # Read(VAR,prompt,maxdigits,options,attempts,timeout): FreePBX's generated IVRs wait for the key
                # this way (in a While loop that then jumps to the extension of the digits read).
                prompt = args[1] if len(args) > 1 else ""
                named = re.fullmatch(r"\$\{([A-Za-z0-9_]+)\}", prompt)
                if named:
                    prompt = variables.get(named.group(1), "")
                if prompt:
                    sounds.extend((step, sound) for sound in prompt.split("&"))
                if len(args) > 5 and args[5]:
                    b.timing(menu, self.menu_id, "timeout", _number(args[5]), args[5], step.line)
                waited = True
            elif (
                app == "set"
                and re.fullmatch(r"_{0,2}[A-Za-z][A-Za-z0-9_]*=[^$]*", step.args)
                and not step.args.upper().startswith("TIMEOUT")
            ):
                name, _, value = step.args.partition("=")
                variables[name.lstrip("_")] = value.strip()
                b.keep(self.menu_id, f"s,{step.priority}", f"{step.app}({step.args})")
            elif app in ("set", "gotoif", "execif", "while", "endwhile") and self.generated:
                # The bookkeeping of FreePBX's generated IVR (loop counters, the While around Read): kept, and
                # modelled by the menu itself, so no remark for each line.
                b.keep(self.menu_id, f"s,{step.priority}", f"{step.app}({step.args})")
            elif (
                app in ("gotoif", "gotoiftime")
                and "?" in step.args
                and not self.generated
                and not sounds
                and branch_step is None
            ):
                # A prompt variant chosen before anything is played (open/closed, by time or a variable): the
                # call starts with a branch; the side without a label goes on with the next priority.
                branch_step = step
                branch = self.gotoif("s", step)
                position = steps.index(step)
                for case, target in branch["cases"].items():
                    if target is None:
                        following = steps[position + 1] if position + 1 < len(steps) else None
                        branch["cases"][case] = (
                            _Ref("s", str(following.priority), step.line, step.col) if following else self.menu_id
                        )
            elif app == "waitexten":
                if args[0]:
                    b.timing(menu, self.menu_id, "timeout", _number(args[0]), args[0], step.line)
                    written.add("timeout")
                waited = True
            elif app == "set" and re.match(r"TIMEOUT\((digit|response)\)\s*=", step.args, re.IGNORECASE):
                which, _, value = step.args.partition("=")
                field_name = "inter_digit_timeout" if "digit" in which.lower() else "timeout"
                b.timing(menu, self.menu_id, field_name, _number(value), value.strip(), step.line)
                written.add(field_name)
                if field_name in menu:
                    channel[field_name] = menu[field_name]
            elif app not in _QUIET_APPS:
                b.keep(self.menu_id, f"s,{step.priority}", f"{step.app}({step.args})")
                b.remark(
                    step.line,
                    f"{step.app}({step.args}) in the `s` extension has no ivrkit equivalent; kept under x-unmapped",
                )
        self.channel_timeouts = (channel.get("timeout", 10), channel.get("inter_digit_timeout", 5))
        if not self.generated:
            # TIMEOUT(): "The default timeout is 5 seconds" (digit), "10 seconds" (response); WaitExten() with no
            # seconds waits TIMEOUT(response) (docs.asterisk.org, Dialplan Functions TIMEOUT and WaitExten).
            for field_name, default in (("timeout", 10), ("inter_digit_timeout", 5)):
                if field_name not in written:
                    menu[field_name] = default
        ids: list[str] = []
        for index, (step, sound) in enumerate(sounds[:-1]):
            node_id = b.fresh_id(self.name if index == 0 else f"{self.name}_{step.label or step.priority}")
            ids.append(node_id)
            b.add(node_id, {"type": "message", "audio": sound, **_keys_heard(step)}, step.line, step.col)
        if sounds:
            menu["audio"] = sounds[-1][1]
            menu.update(_keys_heard(sounds[-1][0]))
        else:
            b.remark(steps[0].line, "the `s` extension plays nothing before waiting for a key")
        menu["announce_options"] = False
        anchor = sounds[-1][0] if sounds else steps[-1]
        b.add(self.menu_id, menu, anchor.line, anchor.col)
        targets = ids + [self.menu_id]
        for index, node_id in enumerate(ids):
            b.nodes[node_id]["next"] = targets[index + 1]
        if ids:
            b.remark(
                sounds[0][0].line,
                "the sounds before the last one are message nodes: a key pressed during a "
                "Background one is kept for the menu, during a Playback one it is ignored "
                "(barge_in: false), as in Asterisk",
            )
        sound_steps = [step for step, _ in sounds]
        if after_wait:
            # On a response timeout WaitExten goes on with the next priority when the extension has one
            # (main/pbx_builtins.c: "Timeout on %s, continuing..."), before looking for `t`.
            menu["no_input"] = {"goto": self.chain("s", after_wait)}
            b.remark(
                after_wait[0].line,
                "on a response timeout WaitExten goes on with this priority (before any "
                "`t` extension); imported as the menu's no_input handler",
            )
        waiting = {id(step) for step in after_wait}
        branch_id = None
        if branch is not None and branch_step is not None:
            branch_id = b.fresh_id(f"{self.name}_{branch_step.label or 'start'}")
            b.add(branch_id, branch, branch_step.line, branch_step.col)
        for step in steps:  # each priority and label of `s` leads to the node made at or after it
            if id(step) in waiting:
                continue
            if branch_id is not None and step.priority <= branch_step.priority:
                self.points.setdefault(("s", str(step.priority)), branch_id)
                if step.label:
                    self.points.setdefault(("s", step.label), branch_id)
                continue
            later = [i for i, sound_step in enumerate(sound_steps) if sound_step.priority >= step.priority]
            target = targets[min(later[0], len(targets) - 1)] if later else self.menu_id
            self.points.setdefault(("s", str(step.priority)), target)
            if step.label:
                self.points.setdefault(("s", step.label), target)
        return branch_id or targets[0]

    # -- other extensions ------------------------------------------------------

    def chain(self, ext: str, steps: list[_Step]) -> str | _Ref:
        """Nodes for one extension's priorities; returns where the extension starts (a node or a Goto).

        The priorities after a `Dial` are the transfer's `busy`/`no_answer` chain, named `EXT@PRIORITY`.
        They are read in a loop, not by recursion, so an extension of thousands of `Dial`s cannot
        exhaust the stack; the nodes are made last segment first, as the ids have always been given.
        """
        segments: list[dict] = []
        name, start_index = ext, 0
        while True:
            segment = self.scan_segment(name, steps, start_index, real=ext)
            segments.append(segment)
            if segment["after"] is None:
                # The chain ended (a Goto, a hang-up): labelled priorities after it are still Goto targets.
                later = segment.get("stopped")
                labelled = (
                    next((i for i in range(later, len(steps)) if steps[i].label), None) if later is not None else None
                )
                if labelled is None:
                    break
                segment["after"] = labelled
                segment["detached"] = True
            start_index = segment["after"]
            name = f"{ext}@{steps[start_index].priority}"
        following: str | _Ref | None = None  # where the next segment starts
        for segment in reversed(segments):
            if segment["after"] is not None and not segment.get("detached"):
                last = segment["specs"][-1]["data"]
                if last["type"] == "menu":  # a WaitExten that times out goes on to the next priority
                    last["no_input"] = {"goto": following}
                elif last["type"] == "voicemail":  # VoiceMail returns when the message is left
                    last["next"] = following
                elif last["type"] == "input":  # Read goes on with the next priority, digits or not
                    last["next"] = last["fallback"] = following
                elif last["type"] == "branch":  # a GotoIf with an empty side goes on to the next priority
                    for case, target in last["cases"].items():
                        if target is None:
                            last["cases"][case] = following
                else:  # after a Dial or a Gosub returns, the call goes on with the next priority
                    last["busy"] = following
                    last["no_answer"] = following
            following = self.emit_segment(segment)
        assert following is not None
        return following

    def scan_segment(self, name: str, steps: list[_Step], first: int, real: str | None = None) -> dict:
        """`steps[first:]` up to the end, a Goto, a terminal step or a Dial (`after`: the index of the next step).

        `name` names the nodes (`EXT@PRIORITY` for a continuation); `real` is the extension itself, which
        relative Gotos and the priorities' labels belong to.
        """
        b = self.b
        key_name = {"#": "hash", "*": "star"}.get(name, name.lstrip("_"))
        owner = f"{self.name}_{key_name}"
        ext = real or name
        specs: list[dict] = []  # each: data, the steps leading to it, the step it was made from
        marks: list[_Step] = []
        jump: _Ref | None = None
        after: int | None = None
        stopped: int | None = None  # after a Goto or the end of the call: where the unreached steps start
        for index in range(first, len(steps)):
            step = steps[index]
            app = step.app.lower()
            args = _args(step.args)
            marks.append(step)
            terminal = None
            if app in _AUDIO_APPS and args[0]:
                sounds = args[0].split("&")
                specs.append(
                    {"data": {"type": "message", "audio": sounds[0], **_keys_heard(step)}, "steps": marks, "step": step}
                )
                marks = []
                if len(sounds) > 1:
                    b.keep(owner, f"{step.priority} sounds", sounds)
            elif app == "goto":
                jump = self.goto(ext, args, step)
                stopped = index + 1
                break
            elif app == "waitexten" and ext == "s" and not self.generated:
                # A second wait in `s` (a prompt variant reached by a Goto): the same menu, its own prompt.
                data = {"type": "menu", "announce_options": False}
                if args[0]:
                    self.b.timing(data, self.menu_id, "timeout", _number(args[0]), args[0], step.line)
                self.variant_ids.append(data)
                specs.append({"data": data, "steps": marks, "step": step})
                marks = []
                after = index + 1 if index + 1 < len(steps) else None  # a timeout goes on there
                stopped = index + 1
                break
            elif app in ("gotoif", "gotoiftime") and "?" in step.args:
                specs.append({"data": self.gotoif(ext, step), "steps": marks, "step": step})
                marks = []
                after = index + 1 if index + 1 < len(steps) else None
                if after is None:
                    self.fill_empty(specs[-1]["data"], ext, step)
                break
            elif app in ("gosub", "macro") and args[0]:
                # A subroutine (often the user's `stdexten`: ring the phone, then voicemail) or a macro (the
                # context `macro-NAME`): what it does is not in this context, so where it leads is unknown, never
                # "no person"; after it returns the call goes on with the next priority.
                called = f"{step.app}({step.args})"
                where = f" (the context [macro-{args[0]}])" if app == "macro" else ""
                data = {
                    "type": "transfer",
                    "number": called,
                    "person": "unknown",
                    "note": f"Asterisk: {called} runs a subroutine{where} this import cannot see; "
                    "where it leads (a person, voicemail, a message) is unknown",
                }
                b.keep(owner, f"{step.priority} unknown destination", called)
                b.remark(
                    step.line,
                    f"{called} calls a subroutine outside this context{where}; imported as a "
                    "transfer whose destination is unknown",
                )
                after = index + 1 if index + 1 < len(steps) else None
                specs.append({"data": data, "steps": marks, "step": step})
                marks = []
                break
            elif app == "read" and args[0]:
                data = self.read(step, args, owner)
                after = index + 1 if index + 1 < len(steps) else None
                if after is None:  # Asterisk hangs up when the extension runs out of priorities
                    end = b.fresh_id(f"{owner}_end")
                    b.add(
                        end,
                        {"type": "hangup", "note": "the extension ends here, so Asterisk hangs up"},
                        step.line,
                        step.col,
                    )
                    data["next"] = data["fallback"] = end
                specs.append({"data": data, "steps": marks, "step": step})
                marks = []
                break
            elif app == "dial" and args[0]:
                number = args[0].replace("${EXTEN}", "{extension}") if ext.startswith("_") else args[0]
                data = {"type": "transfer", "number": number, "note": f"Asterisk: Dial({step.args})"}
                after = index + 1 if index + 1 < len(steps) else None
                specs.append({"data": data, "steps": marks, "step": step})
                marks = []
                break
            elif app == "voicemail":
                # VoiceMail returns when the message is left; the dialplan goes on with the next priority.
                box = args[0].split("@")[0].split("&")[0] if args[0] else ""
                data = {
                    "type": "voicemail",
                    **({"mailbox": box} if box else {}),
                    "note": f"Asterisk: VoiceMail({step.args})",
                }
                if _goes_on(steps, index + 1):
                    after = index + 1
                    specs.append({"data": data, "steps": marks, "step": step})
                    marks = []
                    break
                terminal = data
            elif app == "page" and args[0]:
                # Page calls the listed phones and connects the caller to them (one way, or both with `d`).
                data = {
                    "type": "transfer",
                    "number": f"Page({step.args})",
                    "note": f"Asterisk: Page({step.args}) connects the caller to the paged phones",
                }
                after = index + 1 if _goes_on(steps, index + 1) else None
                specs.append({"data": data, "steps": marks, "step": step})
                marks = []
                stopped = index + 1
                break
            elif app == "voicemailmain":
                # The caller checks their own voicemail; when they leave it (or it fails) the call goes on with the
                # next priority, so the rest of the extension is where the transfer leads after it.
                data = {
                    "type": "transfer",
                    "number": f"VoiceMailMain({step.args})",
                    "person": False,
                    "note": "the caller checks their voicemail",
                }
                after = index + 1 if index + 1 < len(steps) else None
                if after is not None:
                    data["note"] += "; when they leave it, the dialplan goes on (imported as busy and no_answer)"
                specs.append({"data": data, "steps": marks, "step": step})
                marks = []
                break
            elif app == "hangup":
                terminal = {"type": "hangup"}
            elif app == "set" and self.generated:  # FreePBX's bookkeeping (ivrreturn, counters)
                b.keep(owner, str(step.priority), f"{step.app}({step.args})")
            elif app not in _QUIET_APPS:
                b.keep(owner, str(step.priority), f"{step.app}({step.args})")
                b.remark(step.line, f"{step.app}({step.args}) has no ivrkit equivalent; kept under x-unmapped")
            if terminal is not None:
                specs.append({"data": terminal, "steps": marks, "step": step})
                marks = []
                stopped = index + 1
                for later in steps[index + 1 :]:  # once per extension: the call ends here
                    if later.label:
                        break  # a labelled priority is a Goto target: read as its own chain
                    b.keep(owner, f"{later.priority} (after the call ends)", f"{later.app}({later.args})")
                break
        else:
            specs.append(
                {
                    "data": {"type": "hangup", "note": "the extension ends here, so Asterisk hangs up"},
                    "steps": marks,
                    "step": steps[-1],
                }
            )
            marks = []
        return {
            "ext": ext,
            "name": name,
            "owner": owner,
            "specs": specs,
            "marks": marks,
            "jump": jump,
            "after": after,
            "stopped": stopped,
        }

    def read(self, step: _Step, args: list[str], owner: str) -> dict:
        """`Read(VAR,sounds,maxdigits,options,attempts,timeout)` as an `input` storing VAR.

        docs.asterisk.org, Dialplan Applications Read: maxdigits 0 or none waits for `#` (at most 255 digits),
        attempts > 1 re-plays the sounds when nothing is entered, a timeout > 0 overrides the channel's; after
        it (digits or none: READSTATUS) the dialplan goes on with the next priority (`next` and `fallback`).
        """
        b = self.b
        data: dict = {"type": "input"}
        sounds = [sound for sound in (args[1].split("&") if len(args) > 1 else []) if sound]
        if sounds:
            data["audio"] = sounds[0]
            if len(sounds) > 1:
                b.keep(owner, f"{step.priority} sounds", sounds)
        limit = whole_number(args[2]) if len(args) > 2 and args[2] else None
        if limit is None or limit == 0 or limit > 64:
            data["digits"] = {"max": 64, "terminator": "#"}
            b.remark(
                step.line,
                f"Read({_short(step.args)}) takes "
                + ("up to 255 digits ended by #" if not limit else f"up to {limit} digits")
                + "; imported as an input of at most 64 (ivrkit's limit)",
            )
        else:
            data["digits"] = {"max": limit, "terminator": "#"}
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", args[0]):
            data["store"] = args[0]
        attempts = whole_number(args[4]) if len(args) > 4 and args[4] else None
        data["retries"] = min(max((attempts or 1) - 1, 0), 10)
        if len(args) > 5 and args[5] and (_number(args[5]) or 0) > 0:
            b.timing(data, owner, "timeout", _number(args[5]), args[5], step.line)
            b.timing(data, owner, "inter_digit_timeout", _number(args[5]), args[5], step.line)
        else:  # the channel's response and digit timeouts (ast_app_getdata)
            data["timeout"], data["inter_digit_timeout"] = self.channel_timeouts
        return data

    def gotoif(self, ext: str, step: _Step) -> dict:
        """`GotoIf(cond?yes:no)` as a `branch` on a declared true/false variable; an empty side is filled later."""
        condition, yes, no = _split_gotoif(step.args)
        timed = step.app.lower() == "gotoiftime"
        compared = _COMPARED.fullmatch(condition)
        if not timed and compared and compared.group(1) in self.read_vars:
            # `$[${ack} = 1]` on the digits a Read stored: a branch on that variable, which the input sets
            variable, value = compared.group(1), compared.group(2)
            declared = self.variables.setdefault(
                variable,
                {"values": ["other"], "default": "other", "description": f"the digits Read({variable},...) stored"},
            )
            if value not in declared["values"]:
                declared["values"].insert(len(declared["values"]) - 1, value)
            cases = {
                value: self.goto(ext, _args(yes), step) if yes else None,
                "other": self.goto(ext, _args(no), step) if no else None,
            }
            if not self.quiet:
                self.b.remark(
                    step.line,
                    f"{step.app}({_short(step.args)}) is a branch on the digits stored in "
                    f"`{variable}` ({value} or other)",
                )
            return {"type": "branch", "variable": variable, "cases": cases}
        variable = f"{'time' if timed else 'if'}_line_{step.line}"
        self.variables[variable] = {
            "values": ["true", "false"],
            "default": "false",
            "description": f"Asterisk {step.app} condition: {condition}"
            + (" (a time of day, week or year: true inside it)" if timed else ""),
        }
        cases = {}
        for case, side in (("true", yes), ("false", no)):
            cases[case] = self.goto(ext, _args(side), step) if side else None
        if not self.quiet:
            self.b.remark(
                step.line,
                f"{step.app}({_short(step.args)}) is a branch on the variable `{variable}` "
                "(true/false); simulations take false unless --set says otherwise",
            )
        return {"type": "branch", "variable": variable, "cases": cases}

    def fill_empty(self, data: dict, ext: str, step: _Step) -> None:
        """A GotoIf side that falls through at the end of an extension: Asterisk hangs up."""
        for case, target in data["cases"].items():
            if target is None:
                node_id = self.b.fresh_id(f"{self.name}_{ext.lstrip('_')}_end")
                self.b.add(
                    node_id,
                    {"type": "hangup", "note": "the extension ends here, so Asterisk hangs up"},
                    step.line,
                    step.col,
                )
                data["cases"][case] = node_id

    def emit_segment(self, segment: dict) -> str | _Ref:
        """The nodes of one scanned segment; returns where it starts (a node, or the Goto it begins with)."""
        b = self.b
        ext, owner, jump, marks = segment["ext"], segment["owner"], segment["jump"], segment["marks"]
        merged: list[dict] = []
        for spec in segment["specs"]:  # a sound right before a terminal node is that node's prompt
            if (
                merged
                and merged[-1]["data"]["type"] == "message"
                and spec["data"]["type"] in ("hangup", "voicemail", "menu")
                and "audio" not in spec["data"]
            ):
                previous = merged.pop()
                spec["data"]["audio"] = previous["data"]["audio"]  # in place: a menu variant is listed by identity
                if "barge_in" in previous["data"]:
                    spec["data"]["barge_in"] = previous["data"]["barge_in"]
                spec = {"data": spec["data"], "steps": previous["steps"] + spec["steps"], "step": previous["step"]}
            merged.append(spec)
        ids: list[str] = []
        for index, spec in enumerate(merged):
            node_id = b.fresh_id(owner if index == 0 else f"{owner}_{spec['step'].priority}")
            ids.append(node_id)
            b.add(node_id, spec["data"], spec["step"].line, spec["step"].col)
            for step in spec["steps"]:
                self.points.setdefault((ext, str(step.priority)), node_id)
                if step.label:
                    self.points.setdefault((ext, step.label), node_id)
        for index, spec in enumerate(merged):
            if spec["data"]["type"] == "message":
                spec["data"]["next"] = ids[index + 1] if index + 1 < len(ids) else jump
        for step in marks:  # the steps up to a Goto lead where it leads
            self.points.setdefault((ext, str(step.priority)), jump)
            if step.label:
                self.points.setdefault((ext, step.label), jump)
        if not ids and owner in b.unmapped:  # nothing was made: keep the data under the extension's name
            b.unmapped[f"exten {segment['name']}"] = b.unmapped.pop(owner)
        if ids:
            return ids[0]
        assert jump is not None
        return jump

    def goto(self, ext: str, args: list[str], step: _Step) -> _Ref:
        if len(args) == 3:
            context, target_ext, priority = args
            target_ext = extension_name(target_ext)
            if context != self.name:
                return _Ref(target_ext, priority, step.line, step.col, context=context)
            return _Ref(target_ext, priority, step.line, step.col)
        if len(args) == 2:
            return _Ref(extension_name(args[0]), args[1], step.line, step.col)
        if len(args) == 1 and args[0]:
            return _Ref(ext, args[0], step.line, step.col)
        raise ImportProblem(
            f"Goto({step.args}) names no target",
            step.line,
            step.col,
            "write Goto(context,extension,priority), Goto(extension,priority) or Goto(label)",
        )

    # -- resolving Gotos -------------------------------------------------------

    def resolve(self, value) -> str:
        """The node a Goto leads to, following Gotos to Gotos in a loop (chains can be thousands long)."""
        path: list[_Ref] = []
        on_path: set[_Ref] = set()
        while isinstance(value, _Ref):
            known = self.resolved.get(value)
            if known is not None:
                value = known
                break
            if value.context is not None:
                value = self.external(value)
                break
            name = f"{self.name},{value.ext},{value.priority}"
            if value in on_path:
                self.b.remark(value.line, f"the Gotos at {name} loop without playing anything")
                value = self.b.target(name, value.line, value.col)
                break
            path.append(value)
            on_path.add(value)
            found = self.point(value.ext, value.priority)
            if found is None:
                value = self.b.target(name, value.line, value.col)
                break
            value = found
        for ref in path:
            self.resolved[ref] = value
        return value

    def external(self, ref: _Ref) -> str:
        """A Goto into another context: FreePBX's well-known destinations by their meaning, else unknown.

        A context that is not in this file is an unknown destination (a person, voicemail, a message):
        a transfer whose `person` is left unset, never a hang-up. A context in this file that is not
        imported stays the builder's stub, with a remark naming the --context that imports it.
        """
        from .freepbx import map_destination

        b = self.b
        name = f"{ref.context},{ref.ext},{ref.priority}"
        if name in self.externals:
            return self.externals[name]
        kind, data = map_destination(name)
        if kind == "node":
            node_id = b.fresh_id(data.pop("id"))
            data["note"] = data["note"].replace("FreePBX", f"Goto({name}): FreePBX", 1)
            b.add(node_id, data, ref.line, ref.col)
        elif any(c.name == ref.context for c in self.contexts):
            node_id = b.target(name, ref.line, ref.col)
            if ref.context not in self.hinted:
                self.hinted.add(ref.context)
                b.remark(
                    ref.line,
                    f"the context [{ref.context}] is in this file but not imported: import it "
                    f"with --context {ref.context}",
                )
        else:
            why = data.get("why")
            node_id = b.fresh_id(f"{ref.context}_{ref.ext}_{ref.priority}")
            b.add(
                node_id,
                {
                    "type": "transfer",
                    "number": f"Goto({name})",
                    "person": "unknown",
                    "note": f"Asterisk: Goto({name}) leads to the context [{ref.context}], which is not "
                    "in this file; where it leads (a person, voicemail, a message) is unknown"
                    + (f" ({why})" if why else ""),
                },
                ref.line,
                ref.col,
            )
            b.remark(
                ref.line,
                f"the target `{name}` is not defined in this file (Goto({name}) leads to the "
                f"context [{ref.context}]); imported as a transfer whose destination is unknown",
            )
        self.externals[name] = node_id
        return node_id

    def point(self, ext: str, priority: str) -> str | _Ref | None:
        """What (ext, priority or label) leads to; a missing numbered priority leads to the next one that exists."""
        found = self.points.get((ext, priority))
        if found is not None or not _PRIORITY_NUMBER.match(priority):
            return found
        if self.numbered is None:  # built once, after every chain is made: one sorted list per extension
            self.numbered = {}
            for (point_ext, point_priority), target in self.points.items():
                if _PRIORITY_NUMBER.match(point_priority):
                    self.numbered.setdefault(point_ext, []).append((int(point_priority), target))
            for entries in self.numbered.values():
                entries.sort(key=lambda entry: entry[0])
        entries = self.numbered.get(ext, [])
        index = bisect.bisect_left(entries, int(priority), key=lambda entry: entry[0])
        return entries[index][1] if index < len(entries) else None

    def resolve_all(self) -> None:
        for data in list(self.b.nodes.values()):
            for field_name in ("next", "busy", "no_answer", "fallback"):
                if field_name in data:
                    data[field_name] = self.resolve(data[field_name])
            for handler in ("no_input", "no_match"):
                for one in data[handler] if isinstance(data.get(handler), list) else [data.get(handler)]:
                    if isinstance(one, dict) and "goto" in one:
                        one["goto"] = self.resolve(one["goto"])
            if "extensions" in data:
                data["extensions"]["goto"] = self.resolve(data["extensions"]["goto"])
            for option in (data.get("options") or {}).values():
                option["goto"] = self.resolve(option["goto"])
            for case in list(data.get("cases") or {}):
                data["cases"][case] = self.resolve(data["cases"][case])
            if data.get("type") == "branch" and data.get("variable") in self.read_vars:
                data["default"] = data["cases"]["other"]  # any other digits, or none

    def drop_unreached(self, entry: str) -> None:
        """Nodes made only for extensions nothing reaches (unmapped ones) stay as source data only."""
        self.b.prune([entry, self.menu_id], set(self.b.nodes) - {entry, self.menu_id})


_COMPARED = re.compile(r'\$\[\s*"?\$\{([A-Za-z_][A-Za-z0-9_]*)\}"?\s*==?\s*"?([0-9*#]{1,64})"?\s*\]')
_COUNT = re.compile(r"_{0,2}([A-Za-z0-9_]+)=\$\[\$\{\1\}\s*\+\s*1\]\Z")
_OVER = re.compile(r"\$\[\s*\$\{([A-Za-z0-9_]+)\}\s*(>|>=)\s*([0-9]{1,3})\s*\]\?([A-Za-z0-9_-]+)\Z")


def _keys_heard(step: _Step) -> dict:
    """`{"barge_in": False}` for a sound the caller cannot interrupt with a key, else nothing.

    Playback is not interruptible ("See Also: Background -- for playing sound files that are interruptible"),
    nor is Background with its `p` option ("Do not allow playback to be interrupted with digits"):
    docs.asterisk.org, Dialplan Applications Playback and BackGround.
    """
    app = step.app.lower()
    options = _args(step.args)[1] if app == "background" and len(_args(step.args)) > 1 else ""
    return {"barge_in": False} if app == "playback" or "p" in options else {}


def _goes_on(steps: list[_Step], first: int) -> bool:
    """`steps[first:]` do something before the call ends (not just `Hangup()` or nothing)."""
    for index in range(first, len(steps)):
        app = steps[index].app.lower()
        if app == "hangup":
            return False
        if app not in _QUIET_APPS:
            return True
    return False


def _counted_retry(ext: str, steps: list[_Step]) -> tuple[int, str | None, _Ref] | None:
    """(retries, re-prompt sound, the final priorities) for `Set(N=$[${N}+1])`, `GotoIf($[${N} > K]?final)`,
    optionally `Set(IVR_MSG=sound)` or `Background(sound)`, then `Goto(s,...)`: the loop counter FreePBX writes
    for i and t (and ivrkit's Asterisk export, which plays the re-prompt sound in the extension itself)."""
    if len(steps) < 3 or steps[0].app.lower() != "set" or steps[1].app.lower() != "gotoif":
        return None
    count = _COUNT.match(steps[0].args.strip())
    over = _OVER.match(steps[1].args.strip())
    if count is None or over is None or over.group(1) != count.group(1):
        return None
    limit = int(over.group(3)) - (1 if over.group(2) == ">=" else 0)
    sound = None
    for step in steps[2:]:
        if step.app.lower() == "set" and step.args.startswith("IVR_MSG="):
            sound = step.args.partition("=")[2].strip() or None
        elif step.app.lower() == "background" and sound is None and _args(step.args)[0]:
            sound = _args(step.args)[0]  # the re-prompt played right here (ivrkit's export), not by `s`
        elif step.app.lower() == "goto":
            target = _args(step.args)
            if target and target[0] == "s":
                return max(limit, 0), sound, _Ref(ext, over.group(4), steps[1].line, steps[1].col)
            return None
        else:
            return None
    return None


IMPORTER = AsteriskImporter()

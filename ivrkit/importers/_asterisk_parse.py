"""Reading an Asterisk dialplan (extensions.conf): contexts, extensions and their priorities.

Only the syntax is read here (`[context]`, `exten =>`, `same =>`, `include =>`, priorities with labels,
application calls, comments); what the priorities mean for a call is `asterisk.py`'s job.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .base import ImportProblem

__all__ = [
    "KEY",
    "MAX_PRIORITY_DIGITS",
    "PRIORITY_NUMBER",
    "Context",
    "Step",
    "extension_name",
    "keyed_contexts",
    "number",
    "parse_dialplan",
    "short",
    "split_args",
    "split_gotoif",
    "with_includes",
]

_SECTION = re.compile(r"\[([^\]\s]+)\]")
_EXTEN = re.compile(r"(exten|same)\s*=>?\s*(.*)\Z", re.IGNORECASE)
_APP = re.compile(r"([A-Za-z][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*\Z", re.DOTALL)
_PRIORITY = re.compile(r"([0-9]+|n(?:\+([0-9]+))?|hint)(?:\(([A-Za-z0-9_-]+)\))?\Z", re.IGNORECASE)
KEY = re.compile(r"(?:[0-9]+|\*|#)\Z")
MAX_PRIORITY_DIGITS = 10  # Asterisk priorities are C ints; no dialplan needs a longer number
PRIORITY_NUMBER = re.compile(rf"[0-9]{{1,{MAX_PRIORITY_DIGITS}}}\Z")


@dataclass
class Step:
    priority: int
    label: str | None
    app: str
    args: str
    line: int
    col: int


@dataclass
class Context:
    name: str
    line: int
    extensions: dict[str, list[Step]] = field(default_factory=dict)
    ext_lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    other: list[tuple[int, str]] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # extension -> the included context it comes from
    written: dict[str, str] = field(default_factory=dict)  # extension -> as written, where dashes were dropped


_INCLUDE = re.compile(r"include\s*=>?\s*([^,\s]+)\s*(?:,(.*))?\Z", re.IGNORECASE)


def extension_name(text: str) -> str:
    """An extension as Asterisk compares it: a `-` outside `[...]` is only there to be read (docs.asterisk.org,
    Pattern Matching), so `555-1212` is the key 5551212 and `_7-XX` the pattern `_7XX`. Other names keep their
    dashes: they are shown as written and reached by Gotos written the same way."""
    if "-" not in text:
        return text
    if text.startswith("_"):
        kept: list[str] = []
        inside = False
        for char in text:
            if char == "[":
                inside = True
            elif char == "]":
                inside = False
            elif char == "-" and not inside:
                continue
            kept.append(char)
        return "".join(kept)
    plain = text.replace("-", "")
    return plain if KEY.match(plain) else text


def keyed_contexts(contexts: list[Context]) -> set[str]:
    """Names of the contexts with a key extension (`1`, `#`, `1000`) of their own or through their includes.

    One pass over the include graph, backwards from the contexts with keys (linear, include loops included).
    """
    included_by: dict[str, list[str]] = {}
    for context in contexts:
        for _number, line in context.other:
            match = _INCLUDE.fullmatch(line)
            if match:
                included_by.setdefault(match.group(1), []).append(context.name)
    keyed = {c.name for c in contexts if any(KEY.match(ext) for ext in c.extensions)}
    stack = list(keyed)
    while stack:
        for name in included_by.get(stack.pop(), []):
            if name not in keyed:
                keyed.add(name)
                stack.append(name)
    return keyed


def with_includes(context: Context, contexts: list[Context]) -> tuple[Context, list[tuple[int, str]]]:
    """The context as Asterisk searches it for a dialled extension, and remarks (line, text) on its includes.

    `include => other` makes Asterisk look in `other` when the context's own extensions do not match
    (https://docs.asterisk.org/Configuration/Dialplan/Include-Statements/Include-Statements-Basics/):
    own extensions first, then each included context in order, depth first with its own includes.
    An extension found earlier is not replaced; a context is searched once (include loops end there).
    """
    by_name = {c.name: c for c in contexts}
    merged = Context(
        context.name,
        context.line,
        dict(context.extensions),
        dict(context.ext_lines),
        list(context.other),
        written=dict(context.written),
    )
    remarks: list[tuple[int, str]] = []
    seen = {context.name}
    stack = [(context, index) for index in range(len(context.other) - 1, -1, -1)]
    while stack:
        owner, index = stack.pop()
        number, line = owner.other[index]
        match = _INCLUDE.fullmatch(line)
        if match is None:
            continue
        name, times = match.group(1), (match.group(2) or "").strip()
        included = by_name.get(name)
        if included is None:
            remarks.append(
                (
                    number,
                    (
                        f"`{short(line)}` includes [{short(name)}], which is not in this file: keys "
                        "it adds to the menu are unknown"
                    ),
                )
            )
            continue
        if name in seen:
            continue
        seen.add(name)
        hidden = [ext for ext in included.extensions if ext in merged.extensions]
        for ext, steps in included.extensions.items():
            if ext not in merged.extensions:
                merged.extensions[ext] = steps
                merged.ext_lines[ext] = included.ext_lines[ext]
                merged.origin[ext] = name
                if ext in included.written:
                    merged.written[ext] = included.written[ext]
        remarks.append(
            (
                number,
                f"`{short(line)}`: the extensions of [{short(name)}] are matched after "
                f"[{short(owner.name)}]'s own, so they are imported as part of this menu"
                + (f" (Asterisk includes them only at the times `{short(times)}`)" if times else "")
                + (
                    f"; its {', '.join(short(e, 12) for e in hidden[:5])} "
                    f"{'is' if len(hidden) == 1 else 'are'} hidden by extensions found first"
                    if hidden
                    else ""
                ),
            )
        )
        stack.extend((included, later) for later in range(len(included.other) - 1, -1, -1))
    return merged, remarks


def _strip_comment(line: str) -> str:
    out, escaped = [], False
    for char in line:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
            out.append(char)
        elif char == ";":
            break
        else:
            out.append(char)
    return "".join(out).rstrip()


def parse_dialplan(text: str) -> list[Context]:
    """Contexts with their extensions' priorities, or ImportProblem at the first line that is not dialplan."""
    contexts: list[Context] = []
    current: Context | None = None
    last_ext: str | None = None
    in_block_comment = False
    # Lines end at "\n" only (as Asterisk and editors count them); splitlines() would also break at
    # form feeds, vertical tabs and U+2028, and every position after one would be off.
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        if in_block_comment:
            if "--;" in line:
                line = line.split("--;", 1)[1]
                in_block_comment = False
            else:
                continue
        if ";--" in line:
            before, _, after = line.partition(";--")
            if "--;" not in after:
                in_block_comment = True
            line = before + (after.split("--;", 1)[1] if "--;" in after else "")
        line = _strip_comment(line)
        stripped = line.strip()
        if not stripped:
            continue
        col = len(line) - len(line.lstrip()) + 1
        section = _SECTION.match(stripped)
        if section:
            current = Context(section.group(1), number)
            contexts.append(current)
            last_ext = None
            continue
        if current is None:
            raise ImportProblem(
                "a dialplan line before any [context]",
                number,
                col,
                "extensions.conf starts with a context such as [demo]",
            )
        match = _EXTEN.match(stripped)
        if match is None:
            if "=" in stripped:
                current.other.append((number, stripped))
                continue
            raise ImportProblem(
                f"not a dialplan line: `{stripped[:60]}`",
                number,
                col,
                "write `exten => EXT,PRIORITY,Application(args)` or `same => n,Application(args)`",
            )
        kind, rest = match.group(1).lower(), match.group(2)
        if kind == "exten":
            parts = rest.split(",", 2)
            if len(parts) < 3:
                raise ImportProblem(
                    "`exten =>` needs EXTEN,PRIORITY,Application",
                    number,
                    col,
                    "for example: exten => 1,1,Goto(sales,s,1)",
                )
            ext, priority, app = parts[0].strip(), parts[1].strip(), parts[2].strip()
            priority_col = col + match.start(2) + len(parts[0]) + 1 + len(parts[1]) - len(parts[1].lstrip())
            if "/" in ext:  # caller-id match: `exten => 1/100,1,...`
                ext = ext.split("/", 1)[0]
            written, ext = ext, extension_name(ext)
            if written != ext:
                current.written.setdefault(ext, written)
        else:
            if last_ext is None:
                raise ImportProblem("`same =>` without an `exten =>` before it", number, col)
            parts = rest.split(",", 1)
            if len(parts) < 2:
                raise ImportProblem(
                    "`same =>` needs PRIORITY,Application", number, col, "for example: same => n,Hangup()"
                )
            ext, priority, app = last_ext, parts[0].strip(), parts[1].strip()
            priority_col = col + match.start(2) + len(parts[0]) - len(parts[0].lstrip())
        prio = _PRIORITY.match(priority)
        if prio is None:
            raise ImportProblem(
                f"`{short(priority)}` is not a priority",
                number,
                priority_col,
                "priorities are numbers, `n` or `n(label)`",
            )
        digits = prio.group(2) or (prio.group(1) if prio.group(1).isdigit() else "")
        if len(digits) > MAX_PRIORITY_DIGITS:
            raise ImportProblem(
                f"the priority `{short(priority)}` has {len(digits)} digits; Asterisk priorities "
                f"have at most {MAX_PRIORITY_DIGITS}",
                number,
                priority_col,
                "number the priorities 1, 2, 3 ... or write `n` for the next one",
            )
        last_ext = ext
        if prio.group(1).lower() == "hint":
            current.other.append((number, stripped))
            continue
        steps = current.extensions.setdefault(ext, [])
        current.ext_lines.setdefault(ext, (number, col))
        value = prio.group(1).lower()
        if value.isdigit():
            number_value = int(value)
        elif not steps:
            raise ImportProblem(
                f"the first priority of `{short(ext)}` is `{short(priority)}`; it must be a number",
                number,
                priority_col,
            )
        else:
            number_value = steps[-1].priority + (int(prio.group(2)) if prio.group(2) else 1)
        application = _APP.match(app)
        if application is None:
            raise ImportProblem(
                f"`{app[:60]}` is not an application call",
                number,
                col,
                "write Application(arguments), for example Playback(hello-world)",
            )
        steps.append(
            Step(number_value, prio.group(3), application.group(1), (application.group(2) or "").strip(), number, col)
        )
    return contexts


def split_args(text: str) -> list[str]:
    """Split application arguments at top-level commas (parentheses nest, quotes group)."""
    parts, depth, current, quote = [], 0, [], False
    for char in text:
        if char == '"':
            quote = not quote
        if char in "([" and not quote:
            depth += 1
        elif char in ")]" and not quote:
            depth -= 1
        if char == "," and depth == 0 and not quote:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


def number(text: str) -> float | None:
    """A finite number (`10`, `2.5`), else None: `inf`, `nan` and numbers too long for a float are not durations."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def split_gotoif(text: str) -> tuple[str, str, str]:
    """`cond?yes:no` split at the `?` and `:` outside brackets (conditions hold `$[...]` and `${...}`)."""
    depth, question = 0, None
    for index, char in enumerate(text):
        if char in "[({":
            depth += 1
        elif char in "])}":
            depth -= 1
        elif char == "?" and depth == 0 and question is None:
            question = index
        elif char == ":" and depth == 0 and question is not None:
            return text[:question].strip(), text[question + 1 : index].strip(), text[index + 1 :].strip()
    if question is None:
        return text.strip(), "", ""
    return text[:question].strip(), text[question + 1 :].strip(), ""


def short(text: str, limit: int = 40) -> str:
    """Source text quoted in a message, cut to `limit` characters."""
    return text if len(text) <= limit else text[:limit] + "..."

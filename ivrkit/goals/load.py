"""Read a goals file (``*.goals.yaml``) into a `GoalSet`, every problem positioned like a menu's.

`load_goals` checks the file on its own: its fields, the `menu` it names
(a file inside the project root), each goal's `say`, `language`, `reaches`
(written as node keys) and `share` (the shares may add up to 1 at most).
Whether the `reaches` nodes exist and the menu speaks each goal's language is
`check_goals`'s job (ivrkit/goals/check.py), given the loaded menu set.
docs/goals.md is the user's reference.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from .. import yamlsource
from ..diagnostics import Diagnostic, LoadError, did_you_mean, display_path, one_line, shown
from ..loader import find_project_root, load
from ..model import MenuSet, Span
from ..yamlfields import TAG_FLOAT, TAG_INT, TAG_STR, TAG_TIMESTAMP, FieldReader
from .fields import FILE_FIELDS, GOAL_FIELDS, LANGUAGE, NODE_KEY, SHARE_HIGH, SHARE_LOW
from .model import Goal, GoalSet
from .naming import GOALS_SUFFIX, goals_file_for

__all__ = ["load_goals", "goals_file_for", "looks_like_goals", "GOALS_SUFFIX", "SHARE_TOLERANCE"]

SHARE_TOLERANCE = 1e-9  # shares written as decimals (0.1 + 0.2 + 0.7) may add up a hair above 1
# Top-level fields only a menu has; `calls` only a call script has.
_MENU_ONLY = frozenset({"ivrkit", "nodes", "entry", "global_options", "schedules", "settings", "variables"})
_PERCENT = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*\Z")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_NAME_MAX = 255  # bytes in one file name


def looks_like_goals(fields) -> bool:
    """Whether a YAML mapping's top-level field names (a mapping or an iterable) are a goals file's."""
    names = set(fields)
    return "goals" in names and not names & _MENU_ONLY and "calls" not in names


class _Read:
    """What reading one goals file gives before goals' languages are settled (filled in as it is read)."""

    __slots__ = ("menu_path", "menu_display", "menu_span", "language", "language_span", "goals")

    def __init__(self) -> None:
        self.menu_path: Path | None = None
        self.menu_display = ""
        self.menu_span: Span | None = None
        self.language: str | None = None
        self.language_span: Span | None = None
        self.goals: list[dict] = []


def load_goals(
    path: str | os.PathLike, *, root: str | os.PathLike | None = None, menuset: MenuSet | None = None
) -> GoalSet:
    """Read and check a goals file; raises `LoadError` with every problem, each with its position.

    `root` is the project root the `menu` must lie in (default: the nearest
    folder above the goals file holding `.ivrkit.yaml`, `pyproject.toml` or
    `.git`). A goal without a `language` takes the file's, else the menu's
    default language: from `menuset` when given, else the named menu is loaded.
    """
    file = Path(path)
    display = display_path(file)
    source, problems = yamlsource.read_source(file, display)
    if source is None:
        raise LoadError([_goals_hint(problem) for problem in problems])
    node, problems = yamlsource.compose(source)
    if node is None:
        raise LoadError([_goals_hint(problem) for problem in problems])
    diagnostics: list[Diagnostic] = []
    reader = FieldReader(display, diagnostics)
    read = _read(reader, node, file, root)
    if diagnostics:
        raise LoadError(diagnostics)
    assert read.menu_path is not None
    default_language = read.language
    if default_language is None and any(goal["language"] is None for goal in read.goals):
        if menuset is None:
            menuset = load(read.menu_path, root=root)  # its LoadError names the menu's own problems
        default_language = menuset.root.language
    duplicates = _duplicates(read.goals, default_language)
    if duplicates:
        raise LoadError(duplicates)
    goals = tuple(
        Goal(
            say=goal["say"],
            language=goal["language"] or default_language or "",
            reaches=goal["reaches"],
            share=goal["share"],
            index=index,
            span=goal["span"],
            reaches_spans=goal["reaches_spans"],
            language_span=goal["language_span"] or (read.language_span if goal["language"] is None else None),
        )
        for index, goal in enumerate(read.goals)
    )
    return GoalSet(
        file=display,
        menu=read.menu_display,
        goals=goals,
        menu_span=read.menu_span,
        menu_file=str(read.menu_path),
    )


_SAME_HINT = "remove one, or give the one goal the share of both"


def _same_words(say: str) -> str:
    return " ".join(say.casefold().split())


def _duplicates(goals: list[dict], default_language: str | None) -> list[Diagnostic]:
    """Goals that say the same in the same language once every goal has its language (the menu's default
    included): `_read` finds those whose language the file itself settles."""
    seen: dict[tuple[str, str | None], int] = {}
    problems = []
    for goal in goals:
        same = (_same_words(goal["say"]), goal["language"] or default_language)
        if same in seen:
            problems.append(
                Diagnostic(goal["span"], f"this goal says the same as the goal at line {seen[same]}", _SAME_HINT)
            )
        else:
            seen[same] = goal["span"].line
    return problems


def _goals_hint(problem: Diagnostic) -> Diagnostic:
    """A problem of reading or composing the file, worded for a goals file where yamlsource words it for menus."""
    if problem.message.endswith("refusing an alias or merge-key bomb"):
        return Diagnostic(
            problem.span,
            problem.message,
            f"a goals file may expand aliases to at most {yamlsource.MAX_EXTRA_NODES:,} extra values; "
            "write the goals out",
        )
    if problem.message.startswith("the file is too large to read"):
        return Diagnostic(
            problem.span, problem.message, "a goals file lists a few dozen goals; is this the right file?"
        )
    if problem.message == "the file is empty":
        return Diagnostic(
            problem.span,
            "the goals file is empty",
            "a goals file needs `menu` (the menu it is about) and `goals` (a list of `say` and `reaches`); "
            "see docs/goals.md",
        )
    return problem


def _read(reader: FieldReader, node: yaml.Node, file: Path, root: str | os.PathLike | None) -> _Read:
    read = _Read()
    top = reader.mapping(node, "the goals file")
    if top is None:
        return read
    if not looks_like_goals(top) and _wrong_kind(reader, node, top, file):
        return read
    reader.unknown_fields(top, tuple(FILE_FIELDS), "the goals file", _elsewhere_in_file)
    if "menu" not in top:
        reader.error(node, "the goals file needs `menu`: the menu file it is about, relative to the goals file")
    else:
        read.menu_path = _menu_path(reader, top["menu"][1], file, root)
        read.menu_span = reader.span(top["menu"][1])
        if read.menu_path is not None:
            read.menu_display = display_path(file.parent / top["menu"][1].value)
    if "language" in top:
        read.language = _language(reader, top["language"][1])
        read.language_span = reader.span(top["language"][1])
    if "goals" not in top:
        reader.error(node, "the goals file needs `goals`: a list of goals, each with `say` and `reaches`")
        return read
    items = reader.sequence(top["goals"][1], "`goals`")
    if items is None:
        return read
    if not items:
        reader.error(
            top["goals"][1],
            "`goals` is empty: with no goals there is nothing to predict",
            "add a goal: `- say: what a caller says` and `reaches: the node that serves it`",
        )
        return read
    seen: dict[tuple[str, str | None], int] = {}
    for item in items:
        goal = _goal(reader, item)
        if goal is None:
            continue
        same = (_same_words(goal["say"]), goal["language"] or read.language)  # None: the menu's, known later
        if same in seen:
            reader.error(item, f"this goal says the same as the goal at line {seen[same]}", _SAME_HINT)
            continue
        seen[same] = item.start_mark.line + 1
        read.goals.append(goal)
    _check_shares(reader, top["goals"][0], read.goals)
    return read


def _elsewhere_in_file(name: str) -> str | None:
    if name in GOAL_FIELDS:
        return f"`{name}` belongs to a goal: write it under an item of `goals`"
    if name == "calls":
        return "`calls` belongs in a call script (`*.calls.yaml`, docs/calls.md)"
    return None


def _wrong_kind(reader: FieldReader, node: yaml.Node, top: dict, file: Path) -> bool:
    """A menu or a call script given where a goals file was expected: say so; True when it is one."""
    names = set(top)
    if names & {"ivrkit", "nodes", "entry"}:
        goals = goals_file_for(file)
        shown_goals = display_path(goals)
        if goals.is_file():
            reader.error(
                node,
                f"this is a menu, not a goals file; its goals file is {shown_goals}",
                f"run `ivrkit predict {display_path(file)}`: it reads {shown_goals} by itself",
            )
        else:
            reader.error(
                node,
                f"this is a menu, not a goals file (its goals file would be {shown_goals})",
                "write the callers' goals there: docs/goals.md describes the format",
            )
        return True
    if "calls" in names:
        reader.error(
            node,
            "this is a call script, not a goals file",
            f"run it with `ivrkit test {display_path(file)}`; goals files (`*.goals.yaml`) are described in docs/goals.md",
        )
        return True
    return False


def _menu_path(reader: FieldReader, node: yaml.Node, file: Path, root: str | os.PathLike | None) -> Path | None:
    """The menu file `menu` names, resolved; it must be a file inside the project root."""
    name = reader.scalar_text(node, "`menu`")
    if name is None:
        return None
    if not name.strip():
        reader.error(node, "`menu` is empty", "name the menu file, relative to the goals file")
        return None
    if _CONTROL.search(name):
        reader.error(node, f"`{shown(name)}` contains a control character, which no file name should")
        return None
    if Path(name).is_absolute() or "\\" in name or re.match(r"[A-Za-z]:", name):
        reader.error(
            node, f"`{shown(name)}` must be a relative path with `/`", "name the menu relative to the goals file"
        )
        return None
    if any(len(part.encode("utf-8", "surrogatepass")) > _NAME_MAX for part in name.split("/")):
        reader.error(node, f"`{shown(name)}` has a name longer than {_NAME_MAX} bytes, more than a file system allows")
        return None
    try:
        project = Path(root).resolve() if root is not None else find_project_root(file)
        resolved = (file.parent / name).resolve()
    except (OSError, ValueError, RuntimeError) as error:  # a symbolic-link loop, a path too long
        reader.error(node, f"`{shown(name)}` cannot be resolved: {getattr(error, 'strerror', None) or error}")
        return None
    try:
        resolved.relative_to(project)
    except ValueError:
        reader.error(
            node,
            f"`{shown(name)}` is outside the project root {one_line(str(project))}",
            "a goals file may only name a menu inside the project; move the file, or pass --root",
        )
        return None
    if resolved.is_dir():
        reader.error(node, f"`{shown(name)}` is a folder; name the menu file")
        return None
    if not resolved.exists():  # a FIFO or a device exists: the menu loader refuses it with its own message
        folder = resolved.parent
        siblings = (
            [p.name for p in folder.glob("*.y*ml") if not p.name.endswith(GOALS_SUFFIX)] if folder.is_dir() else []
        )
        reader.error(node, f"`{shown(name)}` does not exist", did_you_mean(Path(name).name, siblings))
        return None
    return resolved


def _language(reader: FieldReader, node: yaml.Node) -> str | None:
    return reader.string(node, "`language`", pattern=LANGUAGE, expect="a language code such as `en`, `fi` or `en-GB`")


def _goal(reader: FieldReader, node: yaml.Node) -> dict | None:
    fields = reader.mapping(node, "a goal")
    if fields is None:
        return None
    before = len(reader.diagnostics)
    reader.unknown_fields(fields, tuple(GOAL_FIELDS), "a goal", _elsewhere_in_goal)
    say = None
    if "say" not in fields:
        reader.error(node, "a goal needs `say`: what the caller says they want, in their own words")
    else:
        say = reader.scalar_text(fields["say"][1], "`say`")
        if say is not None and fields["say"][1].tag != TAG_STR:  # a number or a date, as the JSON Schema refuses
            kind = "the date" if fields["say"][1].tag == TAG_TIMESTAMP else "the number"
            reader.error(fields["say"][1], f"`say` must be text, not {kind} `{shown(say)}`", f'quote it: "{say}"')
            say = None
        elif say is not None and not say.strip():
            reader.error(fields["say"][1], "`say` is empty", "write what the caller says, e.g. `my power is off`")
    language = _language(reader, fields["language"][1]) if "language" in fields else None
    reaches: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    if "reaches" not in fields:
        reader.error(node, "a goal needs `reaches`: the node that serves it (or a list of nodes)")
    else:
        reaches, spans = _reaches(reader, fields["reaches"][1])
    share = _share(reader, fields["share"][1]) if "share" in fields else None
    if len(reader.diagnostics) != before or say is None:
        return None
    return {
        "say": say.strip(),
        "language": language,
        "language_span": reader.span(fields["language"][1]) if "language" in fields else None,
        "reaches": reaches,
        "reaches_spans": spans,
        "share": share,
        "span": reader.span(node),
    }


def _elsewhere_in_goal(name: str) -> str | None:
    if name == "menu":
        return "`menu` belongs at the top of the goals file, not in a goal"
    if name in ("text", "goal", "says", "said", "utterance", "intent"):
        return "the caller's words go in `say`"
    if name in ("target", "node", "goto", "destination", "expect"):
        return "the node that serves the goal goes in `reaches`"
    if name in ("weight", "percent", "fraction", "frequency"):
        return "the fraction of callers goes in `share` (0.3 for 30%)"
    return None


def _reaches(reader: FieldReader, node: yaml.Node) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    if isinstance(node, yaml.SequenceNode) and not node.value:
        reader.error(node, "`reaches` is empty", "name the node that serves the goal, or a list of nodes")
        return (), ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    names: dict[str, Span] = {}
    for item in items:
        name = reader.scalar_text(item, "`reaches`")
        if name is None:
            continue
        if not NODE_KEY.match(name):
            reader.error(
                item,
                f"`{shown(name)}` is not a node",
                "write a node id (`outage`), or `file.yaml#id` for a node of another file",
            )
            continue
        if name in names:
            reader.error(item, f"`{name}` is named twice in `reaches`")
            continue
        names[name] = reader.span(item)
    return tuple(names), tuple(names.values())


def _share(reader: FieldReader, node: yaml.Node) -> float | None:
    if isinstance(node, yaml.ScalarNode):
        percent = _PERCENT.match(node.value)
        if percent is not None:
            reader.error(
                node,
                f"`share` must be a fraction of callers, not `{shown(node.value)}`",
                f"write {float(percent.group(1)) / 100:g} for {percent.group(1)}%",
            )
            return None
    value = reader.number(node, "`share`", low=SHARE_LOW, high=SHARE_HIGH)
    if value is None:
        return None
    if value <= SHARE_LOW:
        reader.error(
            node,
            "`share` must be above 0: it is the fraction of callers with this goal",
            "remove the goal if no caller has it, or leave `share` out",
        )
        return None
    assert isinstance(node, yaml.ScalarNode) and node.tag in (TAG_INT, TAG_FLOAT)
    return float(value)


def _check_shares(reader: FieldReader, goals_key: yaml.Node, goals: list[dict]) -> None:
    """The shares are fractions of all callers: at most 1 together, and something left for goals without one."""
    shares = [goal["share"] for goal in goals if goal["share"] is not None]
    total = sum(shares)
    if total > SHARE_HIGH + SHARE_TOLERANCE:
        reader.error(
            goals_key,
            f"the shares of the goals add up to {total:.4g}; they are fractions of all callers and may add up to 1 at most",
            "lower some shares, or leave some out: goals without a share split what is left",
        )
        return
    unshared = [goal for goal in goals if goal["share"] is None]
    if shares and unshared and total >= SHARE_HIGH - SHARE_TOLERANCE:
        first = unshared[0]["span"]
        reader.diagnostics.append(
            Diagnostic(
                first,
                "the other goals' shares already add up to 1, leaving no callers for "
                + ("this goal" if len(unshared) == 1 else f"this goal and {len(unshared) - 1} more without a share"),
                "give this goal a share and lower the others, or leave more shares out",
            )
        )

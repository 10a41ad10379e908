"""Save a call made in the simulator as a case of a call script (`<menu>.calls.yaml`); no Textual here.

An existing script is never rewritten wholesale: the new case is inserted as
text after the last call (comments and layout kept), the result is parsed to
check that every earlier call is still there unchanged, and only then is the
file replaced atomically (`ivrkit.atomic`). The script is read within the
loader's limits (`ivrkit.yamlsource`: size, encoding, nesting depth, alias
bombs), so a hostile or broken file is a `SaveError` with its position,
never an exception from the YAML library.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..atomic import write_text_atomic

__all__ = ["CallCase", "script_path", "existing_calls", "add_case", "SaveError", "format_steps"]

DEFAULT_AT = _dt.datetime(2026, 11, 23, 10, 0)


class SaveError(Exception):
    """The case could not be added without risking the calls already in the script."""


@dataclass
class CallCase:
    name: str
    press: str
    reaches: str
    at: _dt.datetime | None = None
    language: str | None = None


def format_steps(steps: list[tuple[str, str, float | None]]) -> str:
    """Steps (action, keys, after) as the step language; keys pressed with no speech between are joined."""
    words: list[str] = []
    joinable = False
    for action, keys, after in steps:
        if action == "press":
            if after is not None:
                words.append(f"{keys}@{after:.2f}".rstrip("0").rstrip("."))
                joinable = False
            elif joinable and words:
                words[-1] += keys
            else:
                words.append(keys)
                joinable = True
        else:
            if action == "hangup" and after is not None:  # hung up during speech: replay it at that moment
                words.append(f"hangup@{after:.2f}".rstrip("0").rstrip("."))
            elif action != "spoken":
                words.append(action)
            joinable = False
    return " ".join(words)


def mark_spoken(steps: list) -> None:
    """Called when the IVR spoke after the last step: the next key starts a new step."""
    if steps and steps[-1][0] == "press":
        steps.append(("spoken", "", None))


def script_path(menu_path: str | Path) -> Path:
    menu = Path(menu_path)
    stem = menu.name.rsplit(".", 1)[0]
    return menu.with_name(f"{stem}.calls.yaml")


def existing_calls(path: Path) -> list[dict] | None:
    """The calls of an existing script (None when there is no file); raises SaveError when unreadable."""
    if not path.exists():
        return None
    if not path.is_file():  # a FIFO would block the app, a folder cannot be extended
        raise SaveError(f"{path.name} is not a regular file")
    return _calls(_parse(path.name, _read(path)), path.name)


def _read(path: Path) -> str:
    """The text of the script, read as the loader reads menus (size limit, UTF-8, regular file)."""
    from ..yamlsource import read_source

    source, problems = read_source(path, path.name)
    if source is not None:
        return source.text
    if _blank(path):
        return ""
    raise SaveError(f"{path.name} cannot be read: {_describe(problems)}")


def _blank(path: Path) -> bool:
    """An empty script, or one of comments only: no calls yet."""
    try:
        if not path.is_file() or path.stat().st_size > 1 << 16:
            return False
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _describe(problems) -> str:
    if not problems:
        return "it is not valid YAML"
    first = problems[0]
    span = first.span
    return f"line {span.line}, column {span.col}: {first.message}"


def _parse(name: str, text: str):
    """The data of a script's text, composed within the loader's limits; SaveError when it cannot be."""
    from ..yamlsource import Source, compose

    if not text.strip():
        return None
    try:
        node, problems = compose(Source(name, text))
    except (yaml.YAMLError, RecursionError, ValueError) as error:  # pragma: no cover - compose reports these
        raise SaveError(f"{name} cannot be read: {type(error).__name__}") from None
    if problems:
        raise SaveError(f"{name} cannot be read: {_describe(problems)}")
    if node is None:
        return None
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:  # e.g. a `!!python/object` tag, which only unsafe loaders take
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise SaveError(
            f"{name} cannot be read: {where}a value here is not plain YAML data "
            "(a tag or key a call script cannot hold)"
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        raise SaveError(f"{name} cannot be read: a value is not plain YAML data") from None
    finally:
        loader.dispose()


def _calls(data, name: str) -> list[dict]:
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("calls", []), list):
        raise SaveError(f"{name} is not a call script (no `calls:` list)")
    return data.get("calls") or []


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _case_lines(case: CallCase, script_at: _dt.datetime | None, indent: str) -> list[str]:
    lines = [f"{indent}- name: {_scalar(case.name)}", f"{indent}  press: {_scalar(case.press)}"]
    if case.at is not None and case.at != (script_at or DEFAULT_AT):
        lines.append(f"{indent}  at: {_scalar(case.at.strftime('%Y-%m-%d %H:%M'))}")
    if case.language:
        lines.append(f"{indent}  language: {case.language}")
    lines.append(f"{indent}  expect: {{reaches: {_scalar(case.reaches)}}}")
    return lines


def add_case(path: Path, menu_path: Path, case: CallCase) -> int:
    """Add `case` to the script at `path` (creating it); returns how many calls it now has."""
    calls = existing_calls(path)
    if calls is None:
        menu_ref = Path(menu_path).name
        lines = [
            "# Caller journeys recorded in `ivrkit sim`. Run: ivrkit test " + path.name,
            f"menu: {_scalar(menu_ref)}",
        ]
        if case.at is not None and case.at != DEFAULT_AT:
            lines.append(f"at: {_scalar(case.at.strftime('%Y-%m-%d %H:%M'))}")
        lines.append("calls:")
        lines += _case_lines(case, case.at, "  ")
        text = "\n".join(lines) + "\n"
        _check(text, [], case)
        write_text_atomic(path, text)
        return 1
    if any(isinstance(call, dict) and call.get("name") == case.name for call in calls):
        raise SaveError(f"{path.name} already has a call named {case.name!r}")
    text = _read(path)
    new_text = _insert(text, case)
    _check(new_text, calls, case)
    write_text_atomic(path, new_text)
    return len(calls) + 1


def _insert(text: str, case: CallCase) -> str:
    from ..yamlsource import Source, compose

    document, problems = compose(Source("the call script", text))
    if problems:
        raise SaveError(f"the call script cannot be parsed: {_describe(problems)}")
    if not isinstance(document, yaml.MappingNode):
        raise SaveError("the call script is not a mapping")
    script_at = None
    calls_node = None
    for key, value in document.value:
        if key.value == "at" and isinstance(value, yaml.ScalarNode):
            from ..engine.callscript import parse_time

            script_at = parse_time(value.value)
        if key.value == "calls":
            calls_node = value
    lines = text.splitlines()
    if calls_node is None or (isinstance(calls_node, yaml.ScalarNode) and calls_node.value in ("", "~", "null")):
        raise SaveError("the call script has no block `calls:` list to add to")
    if not isinstance(calls_node, yaml.SequenceNode) or calls_node.flow_style or not calls_node.value:
        raise SaveError("`calls:` is not a block list; add the call by hand")
    dash_col = calls_node.start_mark.column
    indent = " " * dash_col
    end = calls_node.end_mark
    insert_at = end.line if end.column == 0 else end.line + 1
    while insert_at > 0 and insert_at <= len(lines) and not lines[insert_at - 1].strip():
        insert_at -= 1
    new_lines = lines[:insert_at] + [""] + _case_lines(case, script_at, indent) + lines[insert_at:]
    return "\n".join(new_lines) + "\n"


def _check(text: str, calls: list, case: CallCase) -> None:
    try:
        data = _parse("the call script", text)
    except SaveError as error:
        raise SaveError(f"adding the call would break the script ({error}); nothing was written") from None
    new_calls = (data or {}).get("calls") if isinstance(data, dict) else None
    if (
        not isinstance(new_calls, list)
        or new_calls[:-1] != calls
        or len(new_calls) != len(calls) + 1
        or new_calls[-1].get("name") != case.name
    ):
        raise SaveError("adding the call would change the calls already there; nothing was written")

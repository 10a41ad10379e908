"""Sound names from other platforms, made into `audio:` paths the loader accepts.

The loader confines `audio:` like targets: a relative path with `/`, no
control characters, no name longer than a file system allows, inside the
project root. Platforms name their sounds otherwise: FreeSWITCH with absolute
paths (`/usr/share/freeswitch/sounds/ivr/incoming.wav`), Windows tools with
backslashes, VoiceXML with `../` relative to the page. Such a name becomes a
relative one (`usr/share/freeswitch/sounds/ivr/incoming.wav`: the same words,
no leading `/`, no `..`), the name as written is kept under
`x-unmapped.<node>.audio as written`, and a remark says so. The file is not
looked for: an imported prompt's recording is unknown either way.
"""

from __future__ import annotations

import re

from .base import Imported

__all__ = ["confine_audio", "safe_audio_name"]

_NAME_MAX = 255  # bytes in one path component, as the loader allows
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"[A-Za-z]:\Z")


def safe_audio_name(raw: str) -> str:
    """`raw` when the loader accepts it as an audio path; else a relative name made of its parts."""
    parts = raw.split("/")
    if (
        raw
        and not raw.startswith("/")
        and "\\" not in raw
        and not _CONTROL.search(raw)
        and ".." not in parts
        and all(len(part.encode("utf-8", "surrogatepass")) <= _NAME_MAX for part in parts)
    ):
        return raw  # URLs (`https://host/x.mp3`) and sound names (`ivr/ivr-welcome.wav`) stay as written
    name = _CONTROL.sub("_", raw).replace("\\", "/")
    parts = [part for part in name.split("/") if part not in ("", ".", "..")]
    if parts and _DRIVE.match(parts[0]) and name[len(parts[0]) :].startswith("/"):
        parts = parts[1:]  # C:/sounds/x.wav
    parts = [_shorten(part) for part in parts]
    safe = "/".join(parts) or "unnamed-sound"
    return raw if safe == raw else safe


def _shorten(part: str) -> str:
    data = part.encode("utf-8", "surrogatepass")
    if len(data) <= _NAME_MAX:
        return part
    return data[:_NAME_MAX].decode("utf-8", "ignore")


def confine_audio(imported: Imported) -> Imported:
    """Rewrite every `audio` of the imported nodes the loader would refuse (in place), with a remark each.

    Every importer passes its result through here last; returns it for that.
    """
    menu = imported.menu
    nodes = menu.get("nodes")
    if not isinstance(nodes, dict):
        return imported
    kept: dict[str, list[str]] = {}
    for node_id, data in nodes.items():
        for holder in _audio_holders(data):
            value = holder["audio"]
            if isinstance(value, str):
                holder["audio"] = _confined(value, node_id, kept, imported)
            elif isinstance(value, dict):  # language -> path
                for language, path in value.items():
                    if isinstance(path, str):
                        value[language] = _confined(path, node_id, kept, imported)
    if kept:
        unmapped = menu.setdefault("x-unmapped", {})
        for node_id, names in kept.items():
            bucket = unmapped.setdefault(node_id, {})
            bucket["audio as written"] = names[0] if len(names) == 1 else names
    return imported


def _audio_holders(data) -> list[dict]:
    """The dicts inside one node's data (the node, handlers, options) that have an `audio` field."""
    found, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "audio" in item:
                found.append(item)
            stack.extend(value for key, value in item.items() if isinstance(value, (dict, list)) and key != "audio")
        elif isinstance(item, list):
            stack.extend(value for value in item if isinstance(value, (dict, list)))
    return found


def _confined(raw: str, node_id: str, kept: dict[str, list[str]], imported: Imported) -> str:
    safe = safe_audio_name(raw)
    if safe == raw:
        return raw
    names = kept.setdefault(node_id, [])
    if raw in names:  # the same sound again in this node (its prompt and its handlers): said once
        return safe
    names.append(raw)
    line, col = imported.source_map.positions.get(node_id, (1, 1))
    shown = raw if len(raw) <= 80 else raw[:80] + "..."
    imported.remarks.append(
        f"line {line}, column {col}: the sound `{_CONTROL.sub('?', shown)}` is not a path "
        f"inside the project; imported as `audio: {safe}` (the name as written is under "
        "x-unmapped)"
    )
    return safe

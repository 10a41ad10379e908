"""FreePBX IVRs from a MySQL/MariaDB dump: `ivr_details` + `ivr_entries` (FreePBX 2.11+) or `ivr` + `ivr_dests`.

Every IVR row becomes a `menu` node `ivr-<id>` (FreePBX's own context name):

- `announcement` is a `recordings` id. Its sound file becomes `audio:` (the
  text stays unknown) when the dump, or a `*recordings*.sql` dump beside it,
  has the `recordings` table; its description (known text *about* the audio,
  not the audio's words) becomes the node's `note`. `announce_options: false`:
  the recording is the whole prompt.
- `timeout_time` → `timeout`. FreePBX counts wrong keys and silences
  separately (`invalid_loops`, `timeout_loops`, see the generated dialplan:
  `INVALID_LOOPCOUNT`/`TIMEOUT_LOOPCOUNT`); ivrkit has one `retries`. So
  `retries` is the larger count, each handler list holds one re-prompt per
  loop (`invalid_retry_recording`/`timeout_retry_recording`; `default` is the
  module's own `no-valid-responce-pls-try-again`), and the kind with fewer
  loops ends with a handler that `goto`s its destination, while the other
  reaches its destination through `fallback`. A caller who mixes silences and
  wrong keys is counted once in ivrkit; a remark says so.
- `ivr_entries.selection` → an option; `dest` ("context,exten,priority") is
  mapped: `ext-group,N` → a transfer to ring group N (a person),
  `ext-queues,N` → the queue N, `ext-local,vmbN|vmuN|vmsN|vmiN` → voicemail N,
  `ext-local,N`/`from-did-direct,N` → a transfer to extension N,
  `ivr-N,s` → that IVR's menu node, `app-blackhole,hangup` (and the other
  blackhole kinds) → hangup. A time condition (`timeconditions,N`) or any
  other destination — its definition is not in these tables — becomes a
  transfer whose note says the destination is *unknown*, with a remark;
  never a hang-up, never "no person".
- `directdial` other than `Disabled`/empty lets callers dial an extension
  directly. Its extension lengths are not in the dump: an IVR without
  entries gets `extensions` of 1–16 digits, others keep it under
  `x-unmapped` with a remark.

The entry is `context=` (`--context ivr-3` or `--context Main-Menu-PSTN`:
that IVR and what it reaches), else the IVR no other IVR leads to with the
lowest id; the others are entry points of their own (inbound routes, not in
the dump): a remark names them, their node notes say so, and ST002
("unreachable") is switched off on them. Positions point into the SQL file at the
row (node) or the value (option) they came from.
"""

from __future__ import annotations

import re
from pathlib import Path

from ._build import Builder, whole_number
from ._sqldump import Table, Value, read_dump
from .base import Imported, ImportProblem

__all__ = ["IMPORTER", "FreePBXImporter", "map_destination"]

_TABLES = {"ivr_details", "ivr_entries", "ivr", "ivr_dests", "recordings"}
_DETECT = re.compile(
    r"^\s*(?:INSERT\s+INTO|CREATE\s+TABLE)\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(ivr_details|ivr_entries|ivr_dests)`?",
    re.IGNORECASE | re.MULTILINE,
)
_KEY = re.compile(r"(?:[0-9]{1,16}|\*|#)\Z")
_VOICEMAIL = re.compile(r"vm([busi])([0-9A-Za-z]+)\Z")
DEFAULT_RETRY = "no-valid-responce-pls-try-again"  # the FreePBX ivr module's own sounds (sounds/en/*.wav)
DEFAULT_FINAL = "no-valid-responce-transfering"
_BLACKHOLE = {
    "hangup": "hang up",
    "congestion": "play congestion tones",
    "busy": "play busy tones",
    "zapateller": "play the Zapateller tones",
    "musiconhold": "play music on hold forever",
    "ring": "ring forever",
    "no-service": "say the number is not in service",
}


# Column orders of FreePBX 17 (the CREATE TABLEs of a real dump), for an INSERT whose dump has no CREATE TABLE
# and no column list of its own.
DEFAULT_COLUMNS = {
    "ivr_details": [
        "id",
        "name",
        "description",
        "announcement",
        "directdial",
        "invalid_loops",
        "invalid_retry_recording",
        "invalid_destination",
        "timeout_enabled",
        "invalid_recording",
        "retvm",
        "timeout_time",
        "timeout_recording",
        "timeout_retry_recording",
        "timeout_destination",
        "timeout_loops",
        "timeout_append_announce",
        "invalid_append_announce",
        "timeout_ivr_ret",
        "invalid_ivr_ret",
        "alertinfo",
        "rvolume",
        "strict_dial_timeout",
        "accept_pound_key",
    ],
    "ivr_entries": ["ivr_id", "selection", "dest", "ivr_ret"],
    "recordings": ["id", "displayname", "filename", "description", "fcode", "fcode_pass", "fcode_lang"],
}


class FreePBXImporter:
    name = "freepbx"
    description = "FreePBX IVR tables in a SQL dump (ivr_details/ivr_entries)"

    def detect(self, text: str, path: Path) -> bool:
        return _DETECT.search(text[:2_000_000]) is not None

    def convert(self, text: str, path: Path, *, context: str | None = None) -> Imported:
        tables = read_dump(text, _TABLES)
        for name, table in tables.items():
            if not table.columns and name in DEFAULT_COLUMNS:
                table.columns = list(DEFAULT_COLUMNS[name])
        details, entries = tables.get("ivr_details"), tables.get("ivr_entries")
        if details is None or not details.rows:
            details, entries = tables.get("ivr"), tables.get("ivr_dests")
        if details is None or not details.rows:
            raise ImportProblem(
                "the dump inserts no rows into ivr_details (or the older ivr table)",
                1,
                1,
                "dump the FreePBX database's ivr_details and ivr_entries tables: "
                "mysqldump asterisk ivr_details ivr_entries recordings",
            )
        recordings = tables.get("recordings")
        recordings_from = None
        if recordings is None:
            recordings, recordings_from = _recordings_beside(path)
        return _Converter(path, details, entries, recordings, recordings_from).run(context)


def _recordings_beside(path: Path) -> tuple[Table | None, str | None]:
    """The `recordings` table of the one `*recordings*.sql` dump in the same folder, if there is exactly one."""
    from . import read_text

    try:
        found = [p for p in path.parent.glob("*recordings*.sql") if p.is_file() and p.resolve() != path.resolve()]
    except OSError:
        return None, None
    if len(found) != 1:
        return None, None
    try:
        table = read_dump(read_text(found[0]), {"recordings"}).get("recordings")
        if table is not None and not table.columns:
            table.columns = list(DEFAULT_COLUMNS["recordings"])
    except ImportProblem:
        return None, None  # a broken companion file only costs the descriptions
    return table, found[0].name


def _text(record: dict[str, Value], name: str) -> str | None:
    value = record.get(name)
    return None if value is None or value.text is None else value.text


class _Converter:
    def __init__(
        self, path: Path, details: Table, entries: Table | None, recordings: Table | None, recordings_from: str | None
    ):
        self.b = Builder("freepbx", path)
        self.details = details
        self.entries = entries
        self.recordings: dict[str, dict[str, Value]] = {}
        self.recordings_from = recordings_from
        for record in recordings.records() if recordings else []:
            key = _text(record, "id")
            if key is not None:
                self.recordings.setdefault(key, record)
        self.made: dict[str, str] = {}  # destination string -> node id
        self.ivr_ids: dict[str, str] = {}  # FreePBX IVR id -> node id

    def run(self, context: str | None) -> Imported:
        b = self.b
        if self.recordings_from:
            b.remark(1, f"recording descriptions and file names read from {self.recordings_from} beside the dump")
        rows = []
        for record in self.details.records():
            ident = record.get("id") or record.get("ivr_id")
            if ident is None or ident.text is None or whole_number(ident.text) is None:
                position = ident or next(iter(record.values()), None) or Value(None, 1, 1)
                raise ImportProblem(
                    f"an IVR row whose id is not a number: {_short(ident.text if ident else None)}",
                    position.line,
                    position.col,
                    "ivr_details rows start with a numeric id",
                )
            if ident.text in self.ivr_ids:
                raise ImportProblem(
                    f"two IVR rows have the id {ident.text}",
                    ident.line,
                    ident.col,
                    "each ivr_details id is unique; export the table again",
                )
            self.ivr_ids[ident.text] = b.node_id(f"ivr-{ident.text}")
            rows.append((ident, record))
        by_ivr: dict[str, list[dict[str, Value]]] = {}
        for record in self.entries.records() if self.entries else []:
            owner = _text(record, "ivr_id")
            if owner is None:
                continue
            by_ivr.setdefault(owner, []).append(record)
        referenced: set[str] = set()
        for ident, record in rows:
            self.menu(ident, record, by_ivr.get(ident.text, []), referenced)
        chosen = None
        if context is not None:
            wanted = context.removeprefix("ivr-")
            chosen = next(
                (ident.text for ident, record in rows if ident.text == wanted or _text(record, "name") == context), None
            )
            if chosen is None:
                names = ", ".join(f"ivr-{i.text} ({_text(r, 'name')})" for i, r in rows)
                raise ImportProblem(f"there is no IVR `{context}` in the dump", 1, 1, f"the IVRs are: {names}")
        else:
            roots = [ident.text for ident, _ in rows if self.ivr_ids[ident.text] not in referenced]
            chosen = min(roots or [rows[0][0].text], key=int)
            others = [self.ivr_ids[r] for r in roots if r != chosen]
            for node_id in others:
                b.nodes[node_id]["note"] = (
                    b.nodes[node_id].get("note", "") + " " if b.nodes[node_id].get("note") else ""
                ) + "Reached from an inbound route or another module, not from this IVR."
                # An entry point of its own: "nothing reaches it" would be a wrong finding.
                b.nodes[node_id]["lint"] = {"ignore": ["ST002"]}
            if others:
                b.remark(
                    rows[0][0].line,
                    f"the dump holds {len(rows)} IVRs; the entry is {self.ivr_ids[chosen]}, "
                    f"and {', '.join(others)} are entry points of their own "
                    "(inbound routes are not in these tables)",
                )
        entry = self.ivr_ids[chosen]
        if context is not None:
            b.prune([entry], set(b.nodes) - {entry})
            for node_id in [n for n in b.unmapped if n not in b.nodes]:
                del b.unmapped[node_id]
        return b.finish(name=f"FreePBX IVRs ({b.path.name})", entry=entry)

    # -- one IVR ---------------------------------------------------------------

    def menu(
        self, ident: Value, record: dict[str, Value], entries: list[dict[str, Value]], referenced: set[str]
    ) -> None:
        b = self.b
        node_id = self.ivr_ids[ident.text]
        data: dict = {"type": "menu"}
        notes = []
        name, description = _text(record, "name"), _text(record, "description")
        if name or description:
            notes.append(f"FreePBX IVR {ident.text}: {' - '.join(x for x in (name, description) if x)}.")
        announcement = _text(record, "announcement")
        if announcement not in (None, "", "0"):
            audio, note = self.recording(announcement, node_id, "announcement")
            data["audio"] = audio
            if note:
                notes.append(note)
        else:
            b.remark(ident.line, f"{node_id} plays no announcement before waiting for a key")
        data["announce_options"] = False
        timeout_raw = _text(record, "timeout_time")
        if timeout_raw not in (None, ""):
            b.timing(data, node_id, "timeout", whole_number(timeout_raw), timeout_raw, ident.line)
        self.handlers(node_id, data, record, ident, referenced)
        options: dict = {}
        for entry in entries:
            selection, dest = entry.get("selection"), entry.get("dest")
            if selection is None or selection.text is None:
                continue
            key = selection.text
            if not _KEY.match(key):
                b.keep(node_id, f"selection {key}", _text(entry, "dest"))
                b.remark(
                    selection.line,
                    f"the selection `{_short(key)}` is not a key ivrkit can model; kept under x-unmapped",
                )
                continue
            if key in options:
                b.remark(
                    selection.line,
                    f"{node_id} has the selection {key} twice; the first is kept "
                    "(FreePBX writes both as extensions, and the later one is a duplicate)",
                )
                continue
            target_value = dest if dest is not None and dest.text else selection
            target = self.destination(dest.text if dest is not None else None, target_value, node_id, referenced)
            options[key] = {"goto": target}
            b.option_at(node_id, key, selection.line, selection.col)
            if _text(entry, "ivr_ret") == "1":
                b.keep(node_id, f"selection {key} ivr_ret", "1")
                b.remark(
                    selection.line,
                    f"option {key} of {node_id} returns to the IVR after its destination "
                    "(ivr_ret); ivrkit ends the call there",
                )
        direct = _text(record, "directdial")
        if direct not in (None, "", "Disabled", "0"):
            if options:
                b.keep(node_id, "directdial", direct)
                b.remark(
                    ident.line,
                    f"{node_id} lets callers dial extensions directly (`{_short(direct)}`); "
                    "their lengths are not in the dump, so this is kept under x-unmapped",
                )
            else:
                transfer = b.fresh_id(f"{node_id}_direct_dial")
                b.add(
                    transfer,
                    {
                        "type": "transfer",
                        "number": "{extension}",
                        "note": f"FreePBX direct dial through `{direct}`: any extension the caller dials.",
                    },
                    ident.line,
                    ident.col,
                )
                data["extensions"] = {"min": 1, "max": 16, "goto": transfer}
                b.remark(
                    ident.line,
                    f"{node_id} has no entries, only direct dial (`{_short(direct)}`); the "
                    "extension lengths are not in the dump, so any 1-16 digits are taken",
                )
        if options:
            data["options"] = options
        if notes:
            data["note"] = " ".join(notes)
        if "options" not in data and "extensions" not in data:
            # Nothing to press: every key is invalid, so the call plays the announcement and goes on as
            # the handlers say. Modelled as a message leading where silence leads.
            b.remark(
                ident.line,
                f"{node_id} has no entries and no direct dial: every key is invalid; imported as "
                "a message that leads where the timeout destination leads",
            )
            target = data.get("fallback") or self.unknown("(no destination)", ident, node_id)
            message = {"type": "message", **({"audio": data["audio"]} if "audio" in data else {}), "next": target}
            if "note" in data:
                message["note"] = data["note"]
            b.add(node_id, message, ident.line, ident.col)
            return
        order = (
            "type",
            "audio",
            "announce_options",
            "timeout",
            "retries",
            "no_input",
            "no_match",
            "fallback",
            "extensions",
            "options",
            "note",
        )
        ordered = {key: data[key] for key in order if key in data}
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        b.add(node_id, ordered, ident.line, ident.col)

    def handlers(self, node_id: str, data: dict, record: dict[str, Value], ident: Value, referenced: set[str]) -> None:
        """`no_match`/`no_input` lists, `retries` and `fallback` from the loop counts and destinations."""
        b = self.b
        kinds = {}
        for kind, prefix in (("no_match", "invalid"), ("no_input", "timeout")):
            loops_raw = _text(record, f"{prefix}_loops")
            loops = whole_number(loops_raw) if loops_raw not in (None, "") else 0
            if loops is None:
                b.keep(node_id, f"{prefix}_loops", loops_raw)
                b.remark(ident.line, f"{prefix}_loops `{_short(loops_raw)}` is not a count; taken as 0")
                loops = 0
            if loops > 10:
                b.keep(node_id, f"{prefix}_loops", loops_raw)
                b.remark(ident.line, f"{prefix}_loops {loops} is more than ivrkit's 10 retries; 10 are modelled")
                loops = 10
            dest_value = record.get(f"{prefix}_destination")
            retry = _text(record, f"{prefix}_retry_recording")
            final = _text(record, f"{prefix}_recording")
            kinds[kind] = (loops, dest_value, retry, final, prefix)
        retries = max(loops for loops, *_ in kinds.values())
        data["retries"] = retries
        fallback_kind = "no_input" if kinds["no_input"][0] >= kinds["no_match"][0] else "no_match"
        for kind, (loops, dest_value, retry, final, prefix) in kinds.items():
            handlers: list[dict] = []
            retry_audio = self.sound(retry, DEFAULT_RETRY, node_id, f"{prefix}_retry_recording")
            for _ in range(loops):
                handlers.append({"audio": retry_audio} if retry_audio else {})
            handlers = [h for h in handlers if h]
            if dest_value is None or not dest_value.text:
                target = None
            else:
                target = self.destination(dest_value.text, dest_value, node_id, referenced)
            final_audio = self.sound(final, DEFAULT_FINAL, node_id, f"{prefix}_recording")
            if target is not None and final_audio:
                # FreePBX plays the final recording, then goes to the destination.
                step = b.fresh_id(f"{node_id}_{prefix}_final")
                b.add(step, {"type": "message", "audio": final_audio, "next": target}, dest_value.line, dest_value.col)
                target = step
            if kind == fallback_kind:
                if target is not None:
                    data["fallback"] = target
            elif target is not None:
                if len(handlers) == loops:
                    handlers.append({"goto": target})
                else:  # no re-prompt sound: pad so the goto is still the (loops+1)-th failure
                    handlers = [{"audio": DEFAULT_RETRY}] * loops + [{"goto": target}]
            if handlers:
                data[kind] = handlers if len(handlers) > 1 else handlers[0]
        if kinds["no_input"][0] != kinds["no_match"][0] or (
            (kinds["no_input"][1].text if kinds["no_input"][1] else None)
            != (kinds["no_match"][1].text if kinds["no_match"][1] else None)
        ):
            b.remark(
                ident.line,
                f"{node_id}: FreePBX counts silences ({kinds['no_input'][0]} retries) and wrong keys "
                f"({kinds['no_match'][0]}) separately; ivrkit counts them together, so a caller "
                "who mixes both is modelled with one count",
            )
        for prefix in ("invalid", "timeout"):
            if _text(record, f"{prefix}_append_announce") == "1":
                continue
            if (_text(record, f"{prefix}_retry_recording") or "") not in ("", "none"):
                b.keep(node_id, f"{prefix}_append_announce", _text(record, f"{prefix}_append_announce"))
        if any(_text(record, f"{p}_append_announce") == "0" for p in ("invalid", "timeout")):
            b.remark(
                ident.line,
                f"{node_id}: FreePBX re-prompts with the retry recording alone "
                "(append announcement off); ivrkit plays the menu's prompt after it",
            )

    # -- recordings and destinations --------------------------------------------

    def recording(self, ident: str, node_id: str, field_name: str) -> tuple[str, str | None]:
        """(audio, note) for a recordings id: its file and description when known."""
        record = self.recordings.get(ident)
        if record is None:
            if self.recordings or self.recordings_from:
                self.b.remark(1, f"{node_id}: recording {ident} ({field_name}) is not in the recordings table")
            return f"recording-{ident}", f"FreePBX recording {ident}; its file is not in this dump."
        filename = (_text(record, "filename") or f"recording-{ident}").split("&")[0]
        display = _text(record, "displayname")
        description = _text(record, "description")
        note = f"Recording {display or ident}" + (
            f', described as: "{description}" (not its words).' if description else "."
        )
        return filename, note

    def sound(self, value: str | None, default: str, node_id: str, field_name: str) -> str | None:
        if value in (None, "", "none"):
            return None
        if value == "default":
            return default
        if value.isdigit():
            return self.recording(value, node_id, field_name)[0]
        return value

    def destination(self, dest: str | None, where: Value, owner: str, referenced: set[str]) -> str:
        """The node a FreePBX destination leads to (made once per destination string)."""
        b = self.b
        if not dest:
            return self.unknown("(empty)", where, owner)
        if dest in self.made:
            node = self.made[dest]
            if node in self.ivr_ids.values():
                referenced.add(node)
            return node
        kind, data = map_destination(dest)
        if kind == "ivr":
            ivr = data["ivr"]
            if ivr in self.ivr_ids:
                referenced.add(self.ivr_ids[ivr])
                self.made[dest] = self.ivr_ids[ivr]
                return self.ivr_ids[ivr]
            return self.unknown(dest, where, owner, f"the IVR {ivr} is not in this dump")
        if kind == "unknown":
            return self.unknown(dest, where, owner, data.get("why"))
        node_id = b.fresh_id(data.pop("id"))
        b.add(node_id, data, where.line, where.col)
        self.made[dest] = node_id
        return node_id

    def unknown(self, dest: str, where: Value, owner: str, why: str | None = None) -> str:
        b = self.b
        if dest in self.made:
            return self.made[dest]
        node_id = b.fresh_id("dest_" + dest.split(",")[0])
        b.add(
            node_id,
            {
                "type": "transfer",
                "number": dest,
                "person": "unknown",
                "note": f"FreePBX destination `{dest}`: where it leads is unknown"
                + (f" ({why})" if why else " (its module's settings are not in these tables)")
                + "; imported as a transfer so it is neither a hang-up nor a person for sure.",
            },
            where.line,
            where.col,
        )
        b.keep(node_id, "unknown destination", dest)
        b.remark(
            where.line,
            f"the destination `{_short(dest)}` of {owner} is unknown here"
            + (f" ({why})" if why else "")
            + f"; imported as the transfer `{node_id}`",
        )
        self.made[dest] = node_id
        return node_id


def map_destination(dest: str) -> tuple[str, dict]:
    """(kind, node data with an `id` base) for a FreePBX destination `context,exten,priority`.

    kind is `ivr` (data: {"ivr": id}), `node` (data: the node) or `unknown` (data: {"why": ...}).
    """
    parts = [part.strip() for part in dest.split(",")]
    context = parts[0]
    exten = parts[1] if len(parts) > 1 else ""
    match = re.fullmatch(r"ivr-([0-9]+)", context)
    if match:
        return "ivr", {"ivr": match.group(1)}
    if context == "ext-group" and exten:
        return "node", {
            "id": f"ring_group_{exten}",
            "type": "transfer",
            "number": exten,
            "note": f"FreePBX ring group {exten}.",
        }
    if context == "ext-queues" and exten:
        return "node", {"id": f"queue_{exten}", "type": "transfer", "queue": exten, "note": f"FreePBX queue {exten}."}
    if context == "ext-local" and exten:
        voicemail = _VOICEMAIL.fullmatch(exten)
        if voicemail:
            greeting = {"b": "busy", "u": "unavailable", "s": "no", "i": "instructions only, no"}[voicemail.group(1)]
            return "node", {
                "id": f"voicemail_{voicemail.group(2)}",
                "type": "voicemail",
                "mailbox": voicemail.group(2),
                "note": f"FreePBX voicemail {voicemail.group(2)} ({greeting} greeting).",
            }
        return "node", {
            "id": f"extension_{exten}",
            "type": "transfer",
            "number": exten,
            "note": f"FreePBX extension {exten}.",
        }
    if context == "from-did-direct" and exten:
        return "node", {
            "id": f"extension_{exten}",
            "type": "transfer",
            "number": exten,
            "note": f"FreePBX extension {exten}.",
        }
    if context == "app-blackhole":
        what = _BLACKHOLE.get(exten)
        if exten == "hangup":
            return "node", {"id": "hangup", "type": "hangup", "note": "FreePBX terminate call: hang up."}
        if what:
            return "node", {
                "id": f"blackhole_{exten}",
                "type": "hangup",
                "note": f"FreePBX terminate call: {what} (the caller is not helped further).",
            }
    if context == "timeconditions":
        return "unknown", {
            "why": f"time condition {exten}: its schedule and its two destinations are "
            "in the timeconditions table, not in this dump"
        }
    return "unknown", {}


def _short(text: str | None, limit: int = 40) -> str:
    text = "NULL" if text is None else text
    return text if len(text) <= limit else text[:limit] + "..."


IMPORTER = FreePBXImporter()

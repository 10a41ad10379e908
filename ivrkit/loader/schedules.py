"""The schedule grammar: time zones, opening hours by day (`mon-fri: "08:00-18:00"`) and closed dates.

Each reader takes the file's `FieldReader`, records every problem with its
position and returns None for a value it could not read.
"""

from __future__ import annotations

import datetime as _dt
import re

import yaml

from ..diagnostics import did_you_mean, shown
from ..model import Schedule
from ..yamlfields import FieldReader
from .fields import FIELDS_OF, ID

__all__ = ["read_schedules"]

DAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
DAY_SPEC = re.compile(r"[a-z]{3}(-[a-z]{3})?(,[a-z]{3}(-[a-z]{3})?)*\Z")
TIME_RANGE = re.compile(r"([0-2][0-9]):([0-5][0-9])-([0-2][0-9]):([0-5][0-9])\Z")


def read_schedules(f: FieldReader, top: dict) -> dict[str, Schedule]:
    """The file's `schedules`: the valid ones by name (the others are reported)."""
    schedules: dict[str, Schedule] = {}
    if "schedules" not in top:
        return schedules
    for name, (key_node, node) in (f.mapping(top["schedules"][1], "`schedules`") or {}).items():
        if not ID.match(name):
            f.error(key_node, f"`{name}` is not a valid schedule name", "use letters, digits, `_` and `-`")
            continue
        fields = f.mapping(node, f"schedule `{name}`")
        if fields is None:
            continue
        f.unknown_fields(fields, FIELDS_OF["schedule"], f"schedule `{name}`")
        timezone = None
        if "timezone" not in fields:
            f.error(key_node, f"schedule `{name}` needs a `timezone`", "for example: timezone: Europe/Helsinki")
        else:
            timezone = _timezone(f, fields["timezone"][1])
        hours = _hours(f, fields["hours"][1], name) if "hours" in fields else tuple(() for _ in range(7))
        if "hours" not in fields:
            f.error(key_node, f"schedule `{name}` needs `hours`", 'for example: hours: {mon-fri: "08:00-18:00"}')
        closed_on = _dates(f, fields["closed_on"][1]) if "closed_on" in fields else ()
        if timezone is not None and hours is not None and closed_on is not None:
            schedules[name] = Schedule(name, timezone, hours, closed_on, f.span(key_node))
    return schedules


def _timezone(f: FieldReader, node: yaml.Node) -> str | None:
    from zoneinfo import ZoneInfo, available_timezones

    zone = f.scalar_text(node, "`timezone`")
    if zone is None:
        return None
    try:
        ZoneInfo(zone)
    except (ValueError, KeyError, OSError) as error:
        hint = did_you_mean(zone, available_timezones()) or "use an IANA name such as Europe/Helsinki"
        f.error(node, f"`{shown(zone)}` is not a known time zone", hint)
        del error
        return None
    return zone


def _hours(f: FieldReader, node: yaml.Node, schedule: str):
    fields = f.mapping(node, f"the hours of `{schedule}`")
    if fields is None:
        return None
    days: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    named_at: dict[int, int] = {}
    ok = True
    for spec, (key_node, value_node) in fields.items():
        indices = _day_spec(f, spec, key_node)
        ranges = _time_ranges(f, value_node)
        if indices is None or ranges is None:
            ok = False
            continue
        for index in indices:
            if index in named_at:
                f.error(
                    key_node,
                    f"`{Schedule.weekday_name(index)}` already has hours (line {named_at[index]})",
                    "name each day once",
                )
                ok = False
            named_at[index] = key_node.start_mark.line + 1
            days[index] = ranges
    return tuple(tuple(day) for day in days) if ok else None


def _day_spec(f: FieldReader, spec: str, node: yaml.Node) -> list[int] | None:
    if not DAY_SPEC.match(spec):
        f.error(
            node,
            f"`{spec}` is not a day or a range of days",
            "write lowercase days without spaces, e.g. `mon-fri`, `sat`, or `mon,wed`",
        )
        return None
    result: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        if first not in DAY or (last and last not in DAY):
            bad = first if first not in DAY else last
            f.error(
                node, f"`{bad}` is not a day", did_you_mean(bad, DAY) or "days are mon, tue, wed, thu, fri, sat, sun"
            )
            return None
        start, end = DAY[first], DAY[last or first]
        if end < start:
            f.error(node, f"`{part}` runs backwards", "write ranges from Monday towards Sunday, e.g. `mon-fri`")
            return None
        result.extend(range(start, end + 1))
    return result


def _time_ranges(f: FieldReader, node: yaml.Node) -> list[tuple[int, int]] | None:
    text = f.scalar_text(node, "opening hours")
    if text is None:
        return None
    if text.strip().lower() == "closed":
        return []
    ranges = []
    for part in text.split(","):
        match = TIME_RANGE.match(part.strip())
        if not match:
            f.error(node, f"`{part.strip()}` is not a time range", 'write "08:00-18:00" (24-hour clock, in quotes)')
            return None
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if h1 > 23 or end > 24 * 60 or end <= start:
            f.error(node, f"`{part.strip()}` is not a valid range", "the end must be after the start, at most 24:00")
            return None
        ranges.append((start, end))
    return ranges


def _dates(f: FieldReader, node: yaml.Node) -> tuple[_dt.date, ...] | None:
    items = f.sequence(node, "`closed_on`")
    if items is None:
        return None
    dates = []
    for item in items:
        text = f.scalar_text(item, "a date in `closed_on`")
        if text is None:
            continue
        try:
            dates.append(_dt.date.fromisoformat(text))
        except ValueError:
            f.error(item, f"`{text}` is not a date", 'write dates as "YYYY-MM-DD", e.g. "2026-12-24"')
    return tuple(dates)

"""An ivrkit schedule as Asterisk `GotoIfTime` time specifications.

`GotoIfTime(times,weekdays,mdays,months,timezone?label)` (docs.asterisk.org,
Dialplan Applications GotoIfTime): one specification per span of opening hours
(the weekdays with the same span joined, `mon-fri` or `mon&wed`), and one per
holiday (`*,*,24,dec`: Asterisk has no year, so a holiday recurs every year).
ivrkit's end time `24:00` is written `23:59` (Asterisk's minutes run 0-1439).
"""

from __future__ import annotations

from ..model import Schedule

__all__ = ["DAYS", "MONTHS", "opening_specs", "holiday_specs", "clock"]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def clock(minutes: int) -> str:
    minutes = min(minutes, 23 * 60 + 59)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _days(indexes: list[int]) -> str:
    """`mon-fri` for a run of days, else the days joined by `&`."""
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{DAYS[indexes[0]]}-{DAYS[indexes[-1]]}"
    return "&".join(DAYS[index] for index in indexes)


def opening_specs(schedule: Schedule) -> list[str]:
    """`times,weekdays,*,*,timezone` for each span of opening hours, in the order of the week."""
    spans: dict[tuple[int, int], list[int]] = {}
    for day, day_spans in enumerate(schedule.hours):
        for span in day_spans:
            spans.setdefault(span, []).append(day)
    return [
        f"{clock(start)}-{clock(end)},{_days(days)},*,*,{schedule.timezone}"
        for (start, end), days in sorted(spans.items(), key=lambda item: (item[1][0], item[0]))
    ]


def holiday_specs(schedule: Schedule) -> list[tuple[str, str]]:
    """(`*,*,day,month,timezone`, the date) for each holiday: Asterisk has no year, so it recurs every year."""
    return [
        (f"*,*,{day.day},{MONTHS[day.month - 1]},{schedule.timezone}", day.isoformat()) for day in schedule.closed_on
    ]

"""The ECMAScript a VoiceXML export carries for schedules: opening hours as data and one function that reads the clock.

`ivrkit_schedule('office')` answers `'open'`, `'closed'` or `'holiday'` as
`Schedule.state` does, from the voice browser's clock (`new Date()`): VoiceXML
interpreters run ECMAScript 3 (ECMA-262), which has no time zones by name, so
the schedule's `timezone` is not applied; the export says so in a fidelity note.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..model import Schedule

__all__ = ["schedule_script", "FUNCTION"]

FUNCTION = "ivrkit_schedule"

_BODY = """
function ivrkit_schedule(name) {
  var schedule = ivrkit_schedules[name];
  var now = new Date();
  var today = now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
  for (var i = 0; i < schedule.closed_on.length; i++) {
    if (schedule.closed_on[i] == today) { return 'holiday'; }
  }
  var spans = schedule.hours[(now.getDay() + 6) % 7];
  var minute = now.getHours() * 60 + now.getMinutes();
  for (var j = 0; j < spans.length; j++) {
    if (spans[j][0] <= minute && minute < spans[j][1]) { return 'open'; }
  }
  return 'closed';
}
"""


def schedule_script(schedules: Mapping[str, Schedule]) -> str:
    """The script text: the schedules by the name the checks use (Monday first, minutes after midnight;
    holidays as YYYYMMDD) and the function."""
    data = {
        name: {
            "hours": [[list(span) for span in day] for day in schedule.hours],
            "closed_on": [day.year * 10000 + day.month * 100 + day.day for day in schedule.closed_on],
            "timezone": schedule.timezone,
        }
        for name, schedule in schedules.items()
    }
    return "\nvar ivrkit_schedules = " + json.dumps(data, sort_keys=True) + ";\n" + _BODY

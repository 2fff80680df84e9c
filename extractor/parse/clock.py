"""Times written on a twelve-hour clock without a.m. or p.m. (`2:00 - 2:25`, `5.00 - 6.00`), read as a
reader of the whole page does.

Nobody schedules a talk at two in the morning: on a page that never writes an hour past 12 nor an
a.m./p.m., hours 1 to 6 are afternoon hours, and so is a later hour that follows an afternoon time
closely (`5.00 - 6.00 Drinks`, then `7.00 Dinner`); a morning time after an afternoon one further
away is another track's morning, read column by column.
"""

from __future__ import annotations

import re

from extractor.models import Slot
from extractor.parse.draft import Draft
from extractor.parse.times import minutes_of

LAST_MORNING_HOUR = 6  # 1 to 6 without a.m./p.m. on a twelve-hour page: the afternoon
MAX_EVENING_GAP = 3 * 60  # minutes: "7.00" this soon after an afternoon time is in the evening
_MERIDIEM = re.compile(r"\d\s?[aApP]\.?\s?[mM]\b|\b(?:noon|midi|midnight|minuit)\b", re.I)


def afternoon_hours(drafts: list[Draft]) -> None:
    timed = [d for d in drafts if d.slot.start]
    if not timed or any(_hour(d.slot.start or "") >= 13 or (d.slot.end and _hour(d.slot.end) >= 13)
                        or _MERIDIEM.search(d.slot.raw or "") for d in timed):
        return
    previous: dict[str | None, int] = {}  # day -> the last start read, in minutes
    for draft in timed:
        slot = draft.slot
        assert slot.start is not None
        start = _shifted(slot.start, previous.get(slot.day)) or slot.start
        end = _shifted(slot.end, _minutes(start)) if slot.end else None
        if start != slot.start or end != slot.end:
            draft.slot = Slot(day=slot.day, start=start, end=end, raw=slot.raw)
        previous[slot.day] = _minutes(start)


def _shifted(hhmm: str | None, before: int | None) -> str | None:
    if hhmm is None:
        return None
    hour = _hour(hhmm)
    evening = before is not None and before >= 12 * 60 and _minutes(hhmm) < before \
        and _minutes(hhmm) + 12 * 60 - before <= MAX_EVENING_GAP
    if 1 <= hour <= LAST_MORNING_HOUR or (hour < 12 and evening):
        return f"{hour + 12:02d}{hhmm[2:]}"
    return hhmm


def _hour(hhmm: str) -> int:
    return int(hhmm[:2])


def _minutes(hhmm: str | None) -> int:
    return minutes_of(hhmm) if hhmm else 0

"""Opening hours: a dict of weekday -> time slots, written as OSM-like text in files.

``{"Mo": [["09:00", "12:00"], ["14:00", "16:00"]], "We": [["10:00", "12:00"]]}``
is written ``Mo 09:00-12:00,14:00-16:00; We 10:00-12:00``. ``Mo-Fr`` ranges are read too.
"""

import re
from datetime import datetime

from refugee_map.store.offers import WEEKDAYS as DAYS

_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]|24:00")  # [0-9]: \d takes "١٢"


class HoursError(ValueError):
    """Opening hours that cannot be read or do not make sense."""


def parse(text: str) -> dict[str, list[list[str]]]:
    """Read ``Mo-Fr 09:00-12:00; Sa 10:00-14:00`` into the weekday dict."""
    hours: dict[str, list[list[str]]] = {}
    for rule in filter(None, (part.strip() for part in (text or "").split(";"))):
        days_text, _, slots_text = rule.partition(" ")
        days = _parse_days(days_text)
        slots = [_parse_slot(slot) for slot in slots_text.split(",") if slot.strip()]
        if not slots:
            raise HoursError(f"no times given for {days_text!r}")
        for day in days:
            hours.setdefault(day, []).extend(slots)
    return normalise(hours)


def normalise(hours: dict) -> dict[str, list[list[str]]]:
    """Check every slot, sort them and refuse overlaps; days in week order."""
    result = {}
    for day in DAYS:
        slots = sorted([list(_check_slot(*slot)) for slot in hours.get(day) or []])
        for earlier, later in zip(slots, slots[1:], strict=False):
            if later[0] < earlier[1]:
                raise HoursError(f"{day}: {earlier[0]}-{earlier[1]} overlaps {later[0]}-{later[1]}")
        if slots:
            result[day] = slots
    unknown = set(hours) - set(DAYS)
    if unknown:
        raise HoursError(f"unknown weekday {sorted(unknown)[0]!r}")
    return result


def format(hours: dict) -> str:
    """Write the weekday dict as ``Mo 09:00-12:00,14:00-16:00; We 10:00-12:00``."""
    return "; ".join(
        f"{day} " + ",".join(f"{start}-{end}" for start, end in hours[day])
        for day in DAYS
        if hours.get(day)
    )


def grouped(hours: dict) -> list[tuple[str, str, list[list[str]]]]:
    """Opening hours for reading: following days with the same slots share one row,
    ``(first day, last day, slots)`` ("Mo–Fr 09:00–12:00")."""
    rows: list[tuple[str, str, list[list[str]]]] = []
    day_before = None  # the slots of the day before
    for day in DAYS:
        slots = hours.get(day)
        if slots and slots == day_before:
            rows[-1] = (rows[-1][0], day, slots)
        elif slots:
            rows.append((day, day, slots))
        day_before = slots
    return rows


def is_open(hours: dict, moment: datetime) -> bool:
    """True if ``moment`` (local time) falls in one of the day's slots."""
    now = moment.strftime("%H:%M")
    return any(start <= now < end for start, end in hours.get(DAYS[moment.weekday()], []))


def next_change(hours: dict, moment: datetime) -> tuple[bool, str | None, str | None]:
    """Whether the offer is open at ``moment`` (local time) and when that changes:
    ``(True, day, time)`` it closes then, ``(False, day, time)`` it opens then; day and time
    are None when it never changes (open round the clock, or no hours at all)."""
    now = moment.strftime("%H:%M")
    today = moment.weekday()
    for start, end in hours.get(DAYS[today], []):
        if start <= now < end:
            return (True, *_closing(hours, today, end))
    for ahead in range(8):  # today's later slots, then the next seven days
        day = DAYS[(today + ahead) % 7]
        later = [start for start, _end in hours.get(day, []) if ahead or start > now]
        if later:
            return False, day, later[0]
    return False, None, None


def _closing(hours: dict, weekday: int, end: str) -> tuple[str | None, str | None]:
    """When a slot ending at ``end`` on ``weekday`` really closes: a slot to midnight goes on
    in the next day's slot from midnight."""
    for ahead in range(1, 8):
        slots = hours.get(DAYS[(weekday + ahead) % 7], [])
        if end != "24:00" or not slots or slots[0][0] != "00:00":
            return DAYS[(weekday + ahead - 1) % 7], end
        end = slots[0][1]
    return None, None  # open round the clock


def _parse_days(text: str) -> list[str]:
    days = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise HoursError(f"unknown weekday {part!r} (use {', '.join(DAYS)})")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            raise HoursError(f"weekday range {part!r} runs backwards")
        days.extend(DAYS[start : end + 1])
    return days


def _parse_slot(text: str) -> list[str]:
    start, sep, end = text.strip().partition("-")
    if not sep:
        raise HoursError(f"time slot {text.strip()!r} needs the form HH:MM-HH:MM")
    return list(_check_slot(start.strip(), end.strip()))


def _check_slot(start: str, end: str) -> tuple[str, str]:
    for value in (start, end):
        if not isinstance(value, str) or not _TIME.fullmatch(value):
            raise HoursError(f"{value!r} is not a time of day (HH:MM)")
    if end <= start:
        raise HoursError(f"{start}-{end} ends before it starts")
    return start, end

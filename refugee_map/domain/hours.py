"""Opening hours: a dict of weekday -> time slots, written as OSM-like text in files.

``{"Mo": [["09:00", "12:00"], ["14:00", "16:00"]], "We": [["10:00", "12:00"]]}``
is written ``Mo 09:00-12:00,14:00-16:00; We 10:00-12:00``, the one form files are written
in. Reading takes much more (see :mod:`hours_syntax`): German and English day names, ``9-12``,
``9.00 – 12.00 Uhr``, and OSM ``opening_hours`` as far as a weekly plan can hold it (see
:mod:`hours_osm`).
"""

from datetime import datetime

from refugee_map.domain import hours_osm, hours_syntax
from refugee_map.domain.hours_syntax import HoursError, shown
from refugee_map.domain.messages import gettext as _
from refugee_map.store.offer_filters import WEEKDAYS as DAYS


def parse(text: str) -> dict[str, list[list[str]]]:
    """Read opening hours as people type them (``Mo-Fr 9-12 Uhr; Sa 10-13``), or else as
    OSM ``opening_hours`` (``Mo-Fr 09:00-12:00; Su off``); :class:`HoursError` says what
    was not understood."""
    try:
        week = hours_syntax.read(text or "")
    except hours_syntax.NotUnderstood as not_ours:
        week = hours_osm.read(text)
        if week is None:
            raise not_ours from None
    return normalise(week)


def normalise(hours: dict) -> dict[str, list[list[str]]]:
    """Check every slot, sort them and refuse overlaps; days in week order. Days may be
    named as in text (``Montag``), times written as people do (``9.30``)."""
    week: dict[str, list[list[str]]] = {}
    for name, slots in hours.items():
        week.setdefault(hours_syntax.day_code(name), []).extend(_slots(slots))
    result = {}
    for day in DAYS:
        slots = sorted(week.get(day, []))
        for earlier, later in zip(slots, slots[1:], strict=False):
            if later[0] < earlier[1]:
                raise HoursError(_(
                    "Zeiten überschneiden sich: %(first)s und %(second)s",
                    first="–".join(earlier), second="–".join(later),
                ))  # fmt: skip
        if slots:
            result[day] = slots
    return result


def _slots(slots: object) -> list[list[str]]:
    """A day's ``[[start, end], ...]`` from a form or a file, checked."""
    if not isinstance(slots, list | tuple) or not all(
        isinstance(slot, list | tuple) and len(slot) == 2 for slot in slots
    ):
        raise HoursError(_("Nicht verstanden: '%(what)s'", what=shown(slots)))
    return [hours_syntax.slot(start, end) for start, end in slots]


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

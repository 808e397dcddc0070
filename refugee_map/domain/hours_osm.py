"""OSM ``opening_hours`` (https://wiki.openstreetmap.org/wiki/Key:opening_hours) read into
the weekday dict, with the ``opening-hours-py`` parser.

A weekly plan holds weekdays and times only: ``Mo-Fr 09:00-12:00,14:00-16:00; Sa
10:00-13:00``, ``24/7``, ``Su off``, later rules replacing earlier ones as OSM means them.
Anything else (public or school holidays ``PH``/``SH``, months, dates, weeks, years,
sunrise/sunset, ``unknown``, comments, fallback ``||``, open ends ``+``, times past
midnight) is refused with a message quoting the rule, never dropped without a word.
"""

import re
from datetime import datetime, timedelta

from opening_hours import OpeningHours, ParserError, State

from refugee_map.domain.hours_syntax import HoursError, shown
from refugee_map.domain.messages import gettext as _
from refugee_map.store.offer_filters import WEEKDAYS as DAYS

LONGEST = 1000  # characters: longer text is no opening hours anyone meant
# The words and signs of the rules a weekly plan can hold; times are checked on their own.
_KNOWN = {*(day.casefold() for day in DAYS), "off", "closed", "open", "24/7", "-", ","}
_TOKEN = re.compile(r"24/7|[0-9]{1,2}:[0-9]{2}|[^\W\d_]+|\S")
_RANGE = re.compile(r"([0-9]{1,2}:[0-9]{2})\s*-\s*([0-9]{1,2}:[0-9]{2})")
MONDAY = datetime(2030, 1, 7)  # any Monday: only weekdays and times are read


def read(text: str) -> dict[str, list[list[str]]] | None:
    """The weekday dict of an OSM expression; None if ``text`` is not OSM syntax."""
    if len(text) > LONGEST:
        return None
    try:
        parsed = OpeningHours(text)
    except ParserError:
        return None
    for rule in re.split(r";|\|\|", text):
        _check_rule(rule)
    return _week(parsed)


def _check_rule(rule: str) -> None:
    """Refuse a rule that says more than weekdays and times (holidays, months, ...)."""
    if any(token.casefold() not in _KNOWN for token in _TOKEN.findall(_RANGE.sub("", rule))):
        raise HoursError(
            _("Nicht übernehmbar: '%(what)s' – nur Wochentage und Uhrzeiten", what=shown(rule))
        )
    for start, end in _RANGE.findall(rule):
        if end.zfill(5) <= start.zfill(5):
            raise HoursError(_("Ende vor Beginn: %(start)s–%(end)s", start=start, end=end))


def _week(parsed: OpeningHours) -> dict[str, list[list[str]]]:
    """The open times of one week, cut at midnight (a slot to midnight ends at 24:00)."""
    week: dict[str, list[list[str]]] = {}
    for start, end, state, _comment in parsed.intervals(MONDAY, MONDAY + timedelta(days=7)):
        while state == State.OPEN and start < end:
            midnight = datetime.combine(start.date() + timedelta(days=1), datetime.min.time())
            until = min(end, midnight)
            closing = "24:00" if until == midnight else f"{until:%H:%M}"
            week.setdefault(DAYS[start.weekday()], []).append([f"{start:%H:%M}", closing])
            start = until
    return week

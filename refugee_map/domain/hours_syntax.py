"""Opening hours as people type them, in German or English, read into the weekday dict.

``Mo-Fr 09:00-12:00,14:00-16:00; Sa 10:00-13:00`` (the form files are written in) reads as
well as ``Montag bis Freitag 9.00 – 12.00 Uhr und 14-16 Uhr, Sa. 10-13``: day names and
abbreviations in both languages, any case, with or without a dot; day ranges (``Mo-Fr``,
``Sa-Mo``) and lists (``Mo, Mi, Fr``, ``Mo+Mi``, ``Mo und Mi``); times as ``9``,
``9:30``, ``9.30``, ``9 Uhr`` or ``9am``; any dash or ``bis`` between; ``;``, ``,`` or a new
line between days.
Days named in several rules get the times of all of them; ``Mi geschlossen`` closes a day.
Every error says what was not understood, in the reader's language.
"""

import re

from refugee_map.domain.messages import gettext as _
from refugee_map.store.offer_filters import WEEKDAYS as DAYS

_DAY_NAMES = {
    "Mo": "mo mon montag monday",
    "Tu": "di die dienstag tu tue tues tuesday",
    "We": "mi mit mittwoch we wed wednesday",
    "Th": "do don donnerstag th thu thur thurs thursday",
    "Fr": "fr fre freitag fri friday",
    "Sa": "sa sam samstag sonnabend sat saturday",
    "Su": "so son sonntag su sun sunday",
}
DAY_WORDS = {name: day for day, names in _DAY_NAMES.items() for name in names.split()}
EVERY_DAY = {"täglich", "taeglich", "daily"}
CLOSED = {"geschlossen", "closed", "off"}
DASH_WORDS = {"bis", "to", "till", "until"}
AND_WORDS = {"und", "and"}
FILLER = {"von", "from"}  # "von 9 bis 12 Uhr"

# [0-9], not \d: \d takes "١٢"; a time takes the letters and digits stuck to it ("9am",
# "1٢:00") so its message quotes all of them; a word may end with a dot ("Mo.").
_TOKEN = re.compile(
    r"(?P<always>24/7)|(?P<time>[0-9]\w*(?:[:.]\w+)?(?:\s*(?:uhr|h|am|pm)\b)?)"
    r"|(?P<word>[^\W\d_]+\.?)|(?P<dash>[-‐‑‒–—−])|(?P<list>[,;:+&/])|(?P<space>\s+)|(?P<other>.)",
    re.DOTALL | re.IGNORECASE,
)
_TIME = re.compile(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?(?:\s*(uhr|h|am|pm))?", re.IGNORECASE)
SHOWN = 40  # characters of the input an error message quotes


class HoursError(ValueError):
    """Opening hours that cannot be read or do not make sense; the message says why."""


class NotUnderstood(HoursError):
    """A word or sign this syntax does not know: the text may be OSM ``opening_hours``."""


def shown(text: object) -> str:
    """What an error message quotes of the input: one line, at most :data:`SHOWN` long."""
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= SHOWN else one_line[: SHOWN - 1] + "…"


def time_of_day(text: object) -> str:
    """``9``, ``9:30``, ``9.30``, ``09:30 Uhr``, ``9am`` as ``HH:MM``; 24:00 ends a day."""
    match = _TIME.fullmatch(text) if isinstance(text, str) else None
    hour, minute = _hour_and_minute(match) if match else (-1, 0)
    if not 0 <= hour <= 24 or minute > 59 or (hour == 24 and minute):
        raise HoursError(_("Uhrzeit '%(what)s' gibt es nicht", what=shown(text)))
    return f"{hour:02d}:{minute:02d}"


def _hour_and_minute(match: re.Match) -> tuple[int, int]:
    """The hour (-1 for none) and minute of a time; with am/pm 12am is midnight."""
    hour, minute, suffix = int(match[1]), int(match[2] or 0), (match[3] or "").casefold()
    if suffix in ("am", "pm"):
        hour = hour % 12 + (12 if suffix == "pm" else 0) if 1 <= hour <= 12 else -1
    return hour, minute


def slot(start: object, end: object) -> list[str]:
    """A time slot ``[start, end]`` in ``HH:MM``; it must end after it starts."""
    first, last = time_of_day(start), time_of_day(end)
    if last <= first:
        raise HoursError(_("Ende vor Beginn: %(start)s–%(end)s", start=first, end=last))
    return [first, last]


def day_code(name: object) -> str:
    """The weekday code (``Mo`` … ``Su``) of a day name or abbreviation in any case."""
    code = DAY_WORDS.get(name.casefold().rstrip(".")) if isinstance(name, str) else None
    if code is None:
        raise NotUnderstood(_("Unbekannter Wochentag: '%(what)s'", what=shown(name)))
    return code


def read(text: str) -> dict[str, list[list[str]]]:
    """The weekday dict of ``text`` (slots not yet sorted or checked for overlaps)."""
    return _Reader(text).week()


class _Reader:
    """Reads the tokens left to right: days, then their time slots, again and again."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = [
            (match.lastgroup, match.group(), match.start())
            for match in _TOKEN.finditer(text)
            if match.lastgroup != "space" and match.group().casefold() not in FILLER
        ]
        self.at = 0

    def week(self) -> dict[str, list[list[str]]]:
        week: dict[str, list[list[str]]] = {}
        closed: set[str] = set()
        while self._skip("list") or self.at < len(self.tokens):
            start = self._offset()
            days = self._days()
            if self._word() in CLOSED:
                self.at += 1
                closed.update(days)
                continue
            slots = self._slots()
            if not slots and self._kind() not in (None, "list", "word"):
                raise self._not_understood()  # "Mo[1]": maybe OSM
            if not slots:
                said = shown(self.text[start : self._offset()])
                raise HoursError(_("Keine Uhrzeit nach '%(what)s'", what=said))
            for day in days:
                week.setdefault(day, []).extend(slots)
        return {day: slots for day, slots in week.items() if day not in closed}

    def _days(self) -> list[str]:
        """Day names, ranges and lists, up to the first time (or "geschlossen")."""
        days: list[str] = []
        while self._kind() == "word" and self._word() not in CLOSED:
            days.extend(self._day_range())
            if not self._skip("list"):
                self._skip_and()
        if days:
            return days
        if self._kind() == "time":
            said = shown(self.text[self._offset() :])
            raise HoursError(_("Wochentag fehlt vor '%(what)s'", what=said))
        raise self._not_understood()

    def _day_range(self) -> list[str]:
        if self._word() in EVERY_DAY:
            self.at += 1
            return list(DAYS)
        first = DAYS.index(self._day())
        last = DAYS.index(self._day()) if self._skip("dash") else first
        return [DAYS[(first + step) % 7] for step in range((last - first) % 7 + 1)]

    def _slots(self) -> list[list[str]]:
        slots = []
        while self._kind() == "time":
            start = self._take()
            if not self._skip("dash") or self._kind() != "time":
                raise self._not_understood()
            slots.append(slot(start, self._take()))
            if not self._skip_and() and self._following() == "time":
                self._skip("list")  # "9-12, 14-16"; a list before a day ends the slots
        return slots

    # --- tokens ----------------------------------------------------------------------------

    def _kind(self) -> str | None:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else None

    def _following(self) -> str | None:
        return self.tokens[self.at + 1][0] if self.at + 1 < len(self.tokens) else None

    def _word(self) -> str | None:
        """The current token as a lower-case word without its dot, else None."""
        return self.tokens[self.at][1].casefold().rstrip(".") if self._kind() == "word" else None

    def _take(self) -> str:
        self.at += 1
        return self.tokens[self.at - 1][1]

    def _day(self) -> str:
        if self._kind() != "word":
            raise self._not_understood()
        return day_code(self._take())

    def _skip(self, kind: str) -> bool:
        """Step over a token of ``kind`` (``bis`` counts as a dash); True if there was one."""
        if self._kind() == kind or (kind == "dash" and self._word() in DASH_WORDS):
            self.at += 1
            return True
        return False

    def _skip_and(self) -> bool:
        if self._word() in AND_WORDS:
            self.at += 1
            return True
        return False

    def _offset(self) -> int:
        return self.tokens[self.at][2] if self.at < len(self.tokens) else len(self.text)

    def _not_understood(self) -> NotUnderstood:
        """The error quoting the text from the current token on (all of it at the end)."""
        rest = shown(self.text[self._offset() :]) or shown(self.text)
        return NotUnderstood(_("Nicht verstanden: '%(what)s'", what=rest))

"""An offer as a visitor reads it, worked out once, on the server, for the pages and the map:
opening hours as rows with day names in the request's language, whether the offer is open
now and when that changes ("closes at 17:00", "opens Mo 10:00", in the region's time),
whether its last check is too old (``STALE_DAYS``) and the way there (web/directions.py).
The API sends these with every offer, so the map's script only shows them; the pages show
the same text.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from refugee_map.domain import freshness, hours
from refugee_map.exchange.formats import offer_link
from refugee_map.web import directions, i18n

DAY_NAMES = dict(
    zip(
        hours.DAYS,
        (_l("Mo"), _l("Di"), _l("Mi"), _l("Do"), _l("Fr"), _l("Sa"), _l("So")),
        strict=True,
    )
)
# What :func:`map_properties` adds to an offer's properties, for the OpenAPI document.
MAP_PROPERTIES_SCHEMA = {
    "opening_hours_rows": {
        "type": "array",
        "description": "opening hours to show, following days with the same times in one row, "
        'day names in the language asked for: {"days": "Mo–Fr", "times": "09:00–12:00"}',
        "items": {
            "type": "object",
            "required": ["days", "times"],
            "properties": {"days": {"type": "string"}, "times": {"type": "string"}},
        },
    },
    "open_now": {"type": "boolean", "description": "open at this moment (the region's time)"},
    "opening_state": {
        "type": "string",
        "description": "open now and when that changes, in the language asked for "
        '("Jetzt geöffnet, schließt um 17:00"); empty without opening hours',
    },
    "stale": {"type": "boolean", "description": "not checked within the configured days"},
    "directions": directions.SCHEMA,
}


def local_now() -> datetime:
    """The region's wall-clock time, without a zone: the time opening hours are written in."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.now(zone).replace(tzinfo=None)


def hours_rows(opening_hours: dict) -> list[tuple[str, list[list[str]]]]:
    """Opening hours for reading: ("Mo–Fr", slots) rows with the request's day names."""
    return [(_day_span(first, last), slots) for first, last, slots in hours.grouped(opening_hours)]


def hours_lines(opening_hours: dict) -> list[tuple[str, str]]:
    """Opening hours as (days, times) lines for print: days with the same times share a
    line ("Mo, Mi und Fr", "10:00–12:00 und 14:00–16:00"), lists in the language's form."""
    days_by_times: dict[tuple, list[str]] = {}
    for days, slots in hours_rows(opening_hours):
        days_by_times.setdefault(tuple(map(tuple, slots)), []).append(days)
    return [
        (i18n.list_text(days), i18n.list_text([f"{start}–{end}" for start, end in slots]))
        for slots, days in days_by_times.items()
    ]


def map_properties(offer: dict, now: datetime) -> dict:
    """What the map shows of an offer besides its fields, ready to display."""
    return {
        "opening_hours_rows": [
            {"days": days, "times": ", ".join(f"{start}–{end}" for start, end in slots)}
            for days, slots in hours_rows(offer["opening_hours"])
        ],
        "open_now": hours.is_open(offer["opening_hours"], now),
        "opening_state": opening_state(offer["opening_hours"], now),
        "stale": freshness.is_stale(offer, now.date(), current_app.config["STALE_DAYS"]),
        "directions": directions.way_there(offer),
    }


def opening_state(opening_hours: dict, now: datetime | None = None) -> str:
    """Whether the offer is open at ``now`` (default: the region's time now) and when that
    changes ("Jetzt geöffnet, schließt um 17:00", "Geschlossen, öffnet Mo 10:00"); empty for
    an offer without opening hours."""
    if not opening_hours:
        return ""
    is_open, day, time = hours.next_change(opening_hours, now or local_now())
    if is_open and time is None:
        return _("Rund um die Uhr geöffnet")
    if is_open:
        return _("Jetzt geöffnet, schließt um %(time)s", time=time)
    return _("Geschlossen, öffnet %(day)s %(time)s", day=DAY_NAMES[day], time=time)


def _day_span(first: str, last: str) -> str:
    return str(DAY_NAMES[first]) if first == last else f"{DAY_NAMES[first]}–{DAY_NAMES[last]}"


def languages_text(codes: list[str]) -> str:
    """The languages spoken, by name, as one phrase ("Deutsch, Englisch und Arabisch")."""
    return i18n.list_text([i18n.language_name(code) for code in codes])


def offer_url(base_url: str, offer_id: int, lang: str) -> str:
    """The link to an offer's page, in ``lang`` unless German (the default): what a printed
    handout's QR code and a standalone map's popup point to."""
    return offer_link(base_url, offer_id) + (f"?lang={lang}" if lang != "de" else "")

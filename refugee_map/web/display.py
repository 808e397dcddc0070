"""An offer as a visitor reads it, worked out once, on the server, for the pages and the map:
opening hours as rows with day names in the request's language, whether the offer is open
now (in the region's time) and whether its last check is too old (``STALE_DAYS``).
The API sends these with every offer, so the map's script only shows them.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l

from refugee_map.domain import freshness, hours

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
    "stale": {"type": "boolean", "description": "not checked within the configured days"},
}


def local_now() -> datetime:
    """The region's wall-clock time, without a zone: the time opening hours are written in."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.now(zone).replace(tzinfo=None)


def hours_rows(opening_hours: dict) -> list[tuple[str, list[list[str]]]]:
    """Opening hours for reading: ("Mo–Fr", slots) rows with the request's day names."""
    return [(_day_span(first, last), slots) for first, last, slots in hours.grouped(opening_hours)]


# Where "directions" leads, on the offer's page and on the map's cards: a route planner that
# needs no app (a phone offers its own for the geo: link beside it on the offer's page).
DIRECTIONS_URL = "https://www.openstreetmap.org/directions?to={lat},{lng}"


def directions_url(lat: float, lng: float) -> str:
    return DIRECTIONS_URL.format(lat=lat, lng=lng)


def map_properties(offer: dict, now: datetime) -> dict:
    """What the map shows of an offer besides its fields, ready to display."""
    return {
        "opening_hours_rows": [
            {"days": days, "times": ", ".join(f"{start}–{end}" for start, end in slots)}
            for days, slots in hours_rows(offer["opening_hours"])
        ],
        "open_now": hours.is_open(offer["opening_hours"], now),
        "stale": freshness.is_stale(offer, now.date(), current_app.config["STALE_DAYS"]),
    }


def _day_span(first: str, last: str) -> str:
    return str(DAY_NAMES[first]) if first == last else f"{DAY_NAMES[first]}–{DAY_NAMES[last]}"

"""The query parameters of the OGC API – Features routes (``/ogc``), read strictly.

A parameter a route does not know is a 400 (the standard asks for it, so that a client
never takes an ignored filter for an applied one). Bad values raise
:class:`filters.FilterError` naming the parameter, answered as JSON like ``/api/*``.
"""

import re
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from refugee_map.domain import numbers
from refugee_map.domain.filter_schema import OfferFilters
from refugee_map.web import filters
from refugee_map.web.filters import FilterError

DEFAULT_LIMIT = 10
MAX_LIMIT = 1000  # a larger limit is served as this one (the standard: no error)
# Every route takes these; the items also the paging, datetime and the API's filters.
COMMON = frozenset({"f", "lang"})
ITEMS = COMMON | {"limit", "offset", "datetime", *OfferFilters.model_fields}
FORMATS = ("json",)  # no HTML pages: a browser gets the JSON too
OPEN_END = ("", "..")
MESSAGES = {
    "unknown": _l("Unbekannter Parameter: %(name)s"),
    "limit": _l("limit als ganze Zahl ab 1 angeben."),
    "datetime": _l(
        "datetime erwartet einen Zeitpunkt oder ein Intervall nach RFC 3339,"
        " z. B. 2026-01-31T00:00:00Z/.."
    ),
    "format": _l("Als Format (f) gibt es nur json."),
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_TIME = re.compile(
    r"(?P<start>[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2})"
    r"(?:\.(?P<fraction>[0-9]{1,9}))?(?P<zone>[Zz]|[+-][0-9]{2}:[0-9]{2})"
)
_LIMIT = re.compile(r"[0-9]{1,30}")


def check_names(args: MultiDict, allowed: frozenset[str]) -> None:
    """A 400 for the first parameter (by name) the route does not take, and for an ``f``
    other than json."""
    unknown = sorted(set(args) - allowed)
    if unknown:
        name = unknown[0][:60]
        raise FilterError(name, str(MESSAGES["unknown"] % {"name": name}))
    if args.get("f", "json") not in FORMATS:
        raise FilterError("f", str(MESSAGES["format"]))


def limit(args: MultiDict) -> int:
    """``?limit=``: how many features a page holds (:data:`DEFAULT_LIMIT` when not given),
    at most :data:`MAX_LIMIT`."""
    text = args.get("limit", "")
    if not text:
        return DEFAULT_LIMIT
    if not _LIMIT.fullmatch(text) or int(text) < 1:
        raise FilterError("limit", str(MESSAGES["limit"]))
    return min(int(text), MAX_LIMIT)


def with_flat_bbox(args: MultiDict) -> MultiDict:
    """``args`` with a bbox of six numbers (with heights) cut to the four of the map."""
    parts = args.get("bbox", "").split(",")
    if len(parts) != 6:
        return args
    flat = args.copy()
    flat["bbox"] = ",".join(parts[i] for i in (0, 1, 3, 4))
    return flat


def changed_between(args: MultiDict) -> dict[str, str | None]:
    """``?datetime=``, matched against an offer's last change: an instant (a date means
    that whole day, UTC) or an interval ``start/end`` (``..`` or nothing: open), as the
    ``changed_since`` and ``changed_until`` of an ``OfferQuery``."""
    text = args.get("datetime", "")
    if not text:
        return {}
    parts = text.split("/")
    if len(parts) == 1:
        since, until = _span(parts[0])
    elif len(parts) == 2:
        start, end = (None if part in OPEN_END else _span(part) for part in parts)
        if start and end and start[1] > end[1]:  # the start after the end
            raise _bad_datetime()
        since, until = start and start[0], end and end[1]
    else:
        raise _bad_datetime()
    return {"changed_since": since, "changed_until": until}


def _span(text: str) -> tuple[str, str]:
    """The first and last whole second (UTC stamps as the store writes them) that
    ``text``, an RFC 3339 date-time or a date, covers."""
    try:
        if _DATE.fullmatch(text):
            day = date.fromisoformat(text)
            first, last = (datetime.combine(day, moment, UTC) for moment in (time.min, time.max))
            return _stamp(first), _stamp(last)
        found = _DATE_TIME.fullmatch(text)
        if not found:
            raise ValueError(text)
        zone = found["zone"].upper().replace("Z", "+00:00")
        moment = datetime.fromisoformat(found["start"].replace(" ", "T") + zone)
        first = moment + timedelta(seconds=1) if int(found["fraction"] or 0) else moment
        return _stamp(first), _stamp(moment)
    except (ValueError, OverflowError):
        raise _bad_datetime() from None


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _bad_datetime() -> FilterError:
    return FilterError("datetime", str(MESSAGES["datetime"]))


def offset(args: MultiDict) -> int:
    """``?offset=``: how many features the page skips (0 when not given)."""
    text = args.get("offset", "")
    try:
        return numbers.whole_number(text) if text else 0
    except ValueError:
        raise FilterError("offset", str(filters.MESSAGES["offset"])) from None

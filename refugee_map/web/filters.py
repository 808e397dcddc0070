"""Read offer filters from query parameters, for the API and the pages alike.

Every view of the map is a link: the same parameters drive ``/``, ``/list`` and
``/api/offers``. Bad values raise :class:`FilterError` naming the parameter.
"""

import re
from collections.abc import Collection
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from refugee_map.domain import numbers
from refugee_map.domain.categories import SLUGS
from refugee_map.store.offers import OfferQuery

MAX_QUERY_LENGTH = 200
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_YES, _NO = {"1", "true", "yes", "on"}, {"", "0", "false", "no", "off"}


class FilterError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def parse(args: MultiDict, districts: Collection[str], timezone: str) -> OfferQuery:
    categories = tuple(dict.fromkeys(value for value in args.getlist("category") if value))
    for slug in categories:
        if slug not in SLUGS:
            raise FilterError("category", str(_l("Unbekannte Kategorie: %(slug)s", slug=slug[:40])))
    district = args.get("district") or None
    if district and district not in districts:
        raise FilterError("district", str(_l("Unbekannter Stadtbezirk.")))
    q = (args.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        raise FilterError("q", str(_l("Suchtext zu lang (höchstens %(n)d Zeichen).", n=200)))
    language = args.get("language") or None
    if language and not _LANGUAGE.match(language):
        raise FilterError("language", str(_l("Sprache als zweibuchstabigen Code angeben.")))
    open_now = _flag(args, "open_now")
    return OfferQuery(
        categories=categories,
        district=district,
        q=q or None,
        bbox=_bbox(args.get("bbox")),
        language=language,
        volunteers_wanted=_flag(args, "volunteers_wanted"),
        open_at=datetime.now(ZoneInfo(timezone)).replace(tzinfo=None) if open_now else None,
    )


def _flag(args: MultiDict, name: str) -> bool:
    value = (args.get(name) or "").lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise FilterError(name, str(_l("Erlaubt sind 1 oder 0.")))


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    message = str(_l("bbox erwartet minLng,minLat,maxLng,maxLat."))
    try:
        min_lng, min_lat, max_lng, max_lat = (numbers.decimal(part) for part in text.split(","))
    except ValueError:
        raise FilterError("bbox", message) from None
    if not (-180 <= min_lng <= max_lng <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise FilterError("bbox", str(_l("bbox: Minimum größer als Maximum oder außerhalb.")))
    return min_lng, min_lat, max_lng, max_lat

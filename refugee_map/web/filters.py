"""Read offer filters from query parameters, for the API and the pages alike.

Every view of the map is a link: the same parameters drive ``/``, ``/list`` and
``/api/offers``. The parameters are declared once (``filter_schema.OfferFilters``); bad
values raise :class:`FilterError` naming the parameter.
"""

from collections.abc import Collection
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ValidationError
from werkzeug.datastructures import MultiDict

from refugee_map.domain import filter_schema, model_fields, numbers, search_topics
from refugee_map.domain.filter_schema import MapZoom, Near, OfferFilters, Paging, TextLanguage
from refugee_map.domain.offers import message
from refugee_map.store.offer_lists import OfferSlice
from refugee_map.store.offers import OfferQuery
from refugee_map.web import context as web
from refugee_map.web import places

MAX_QUERY_LENGTH = filter_schema.MAX_QUERY_LENGTH
# The message of each broken rule of a filter (value_types.problem).
MESSAGES = {
    "category": _l("Unbekannte Kategorie: %(slug)s"),
    "district": _l("Unbekannter Stadtbezirk."),
    "too_long": _l("Suchtext zu lang (höchstens %(n)d Zeichen).", n=MAX_QUERY_LENGTH),
    "language": _l("Sprache als zweibuchstabigen Code angeben."),
    "yes_no": _l("Erlaubt sind 1 oder 0."),
    "bbox_form": _l("bbox erwartet minLng,minLat,maxLng,maxLat."),
    "bbox_range": _l("bbox: Minimum größer als Maximum oder außerhalb."),
    "page": _l("Seitenzahl als ganze Zahl ab 1 angeben."),
    "bbox_missing": _l("bbox fehlt: minLng,minLat,maxLng,maxLat angeben."),
    "zoom": _l("Zoomstufe als ganze Zahl von 0 bis %(n)d angeben.", n=filter_schema.MAX_ZOOM),
    "limit": _l("limit als ganze Zahl von 1 bis %(n)d angeben.", n=filter_schema.MAX_PAGE_SIZE),
    "offset": _l("offset als ganze Zahl ab 0 angeben."),
    "near": _l("near erwartet Breitengrad,Längengrad."),
    "near_unknown": _l(
        "Diesen Ort kennen wir nicht. Versuchen Sie eine Postleitzahl oder einen Stadtteil."
    ),
    "near_unavailable": _l("Die Ortssuche geht gerade nicht. Bitte später noch einmal."),
}
DEFAULT_PAGE_SIZE = 50  # offset or near without limit: never an unbounded answer


class FilterError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def parse(
    args: MultiDict, districts: Collection[str], timezone: str, search_lang: str | None = None
) -> OfferQuery:
    """The filters of the query string as a store query; ``districts`` are the names
    ``?district=`` accepts; ``search_lang``: the translation ``q`` looks in too."""
    chosen = _read(OfferFilters, args, {"district_names": districts})
    return OfferQuery(
        categories=chosen.category,
        district=chosen.district,
        **text_search(chosen.q, search_lang),
        bbox=chosen.bbox,
        language=chosen.language,
        volunteers_wanted=chosen.volunteers_wanted,
        open_at=datetime.now(ZoneInfo(timezone)).replace(tzinfo=None) if chosen.open_now else None,
        region=web.offer_region(),
    )


def text_search(q: str | None, lang: str | None) -> dict:
    """The text search's part of a store query: ``q`` in German and ``lang``, and per word
    of ``q`` the categories and German terms of the search topics it names."""
    if not q:
        return {"q": q}
    covering = search_topics.named(q)
    if not any(covering):
        return {"q": q, "q_lang": lang}
    return {
        "q": q,
        "q_lang": lang,
        "q_categories": tuple(
            tuple(sorted({slug for topic in topics for slug in topic.categories}))
            for topics in covering
        ),
        "q_terms": tuple(tuple(t for topic in topics for t in topic.terms) for topics in covering),
    }


def map_view(
    args: MultiDict, districts: Collection[str], timezone: str, search_lang: str | None = None
) -> tuple[OfferQuery, int]:
    """The filters and the zoom of ``/api/map``; its ``bbox`` and ``zoom`` are required."""
    query = parse(args, districts, timezone, search_lang)
    if query.bbox is None:
        raise FilterError("bbox", str(MESSAGES["bbox_missing"]))
    zoom = _read(MapZoom, args).zoom
    if zoom is None:
        raise FilterError("zoom", str(MESSAGES["zoom"]))
    return query, zoom


def paging(args: MultiDict) -> tuple[OfferSlice | None, places.NearPlace | None]:
    """``?limit=&offset=&near=``: the page of a list asked for (``None`` for all), and the
    place it is sorted from when ``near`` names one."""
    chosen = _read(Paging, args)
    if chosen.limit is None and chosen.offset is None and chosen.near is None:
        return None, None
    point, place = _located(chosen.near)
    return OfferSlice(chosen.limit or DEFAULT_PAGE_SIZE, chosen.offset or 0, point), place


def near(args: MultiDict) -> tuple[tuple[float, float] | None, places.NearPlace | None]:
    """``?near=`` (lat,lng or a place's name): the point to sort from, and the place."""
    return _located(_read(Near, args).near)


def _located(near: tuple[float, float] | str | None):
    """(point, place) of ``near``: a place's name is looked up (see :mod:`places`)."""
    if not isinstance(near, str):
        return near, None
    try:
        place = places.find(near)
    except places.PlaceNotFound:
        raise FilterError("near", str(MESSAGES["near_unknown"])) from None
    except places.PlaceSearchUnavailable:
        raise FilterError("near", str(MESSAGES["near_unavailable"])) from None
    return (place.lat, place.lng), place


def text_language(args: MultiDict) -> str | None:
    """``?lang=``: the language of offer texts the API answers in, if one is asked for."""
    return _read(TextLanguage, args).lang


def page_number(args: MultiDict) -> int:
    """``?page=``: which page of a list, from 1 (the first when not given)."""
    text = args.get("page", "")
    try:
        return numbers.whole_number(text, low=1) if text else 1
    except ValueError:
        raise FilterError("page", str(MESSAGES["page"])) from None


def _read(model: type[BaseModel], args: MultiDict, context: dict | None = None):
    values = model_fields.values_from(model, args.get, args.getlist)
    try:
        return model.model_validate(values, context=context)
    except ValidationError as invalid:
        field, kind, details = model_fields.problems(invalid)[0]
        raise FilterError(field, message(kind, details, MESSAGES)) from None

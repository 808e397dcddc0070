"""OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) of the published offers, at
``/ogc``: GIS tools (QGIS, GDAL's OAPIF driver) and aggregators read the offers directly.

One collection, ``offers``, for today's single region: its extent is the region's bounds
(widened to the offers') and the span of the offers' last changes. The items are the
features of ``/api/offers/<id>``, paged by position (``limit``, ``offset``) in the public
list's order; ``datetime`` filters by the last change. JSON only (no HTML pages). Errors
are JSON in the request's language, like ``/api/*``.
"""

import hashlib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, json, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from refugee_map.store import offer_lists
from refugee_map.store import offers as offer_store
from refugee_map.web import (
    api,
    api_errors,
    display,
    filters,
    i18n,
    network,
    ogc_args,
    ogc_openapi,
    regions,
    whole_city,
)
from refugee_map.web import context as web

bp = Blueprint("ogc", __name__)

COLLECTION = "offers"
JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return api_errors.answer(error)


@bp.before_request
def check_parameters() -> None:
    """Unknown parameters and formats are a 400 on every route."""
    allowed = ogc_args.ITEMS if request.endpoint == "ogc.items" else ogc_args.COMMON
    ogc_args.check_names(request.args, allowed)
    filters.text_language(request.args)  # a bad ?lang= is a 400 everywhere


@bp.get("")
def landing():
    return _answer(_landing)


@bp.get("/conformance")
def conformance():
    return _answer(lambda: {"conformsTo": CONFORMANCE})


@bp.get("/api")
def api_description():
    """The OpenAPI description of these routes (the landing page's ``service-desc``)."""
    server, root = request.host_url.rstrip("/"), url_for(".landing")
    return _answer(lambda: ogc_openapi.document(server, root, network.district_names()), OPENAPI)


@bp.get("/collections")
def collections():
    return _answer(
        lambda: {"links": [_link("self", ".collections", JSON)], "collections": [_collection()]}
    )


@bp.get(f"/collections/{COLLECTION}")
def collection():
    return _answer(_collection)


@bp.get(f"/collections/{COLLECTION}/items")
def items():
    lang = filters.text_language(request.args)
    query = _items_query(lang)
    wanted = offer_lists.OfferSlice(ogc_args.limit(request.args), ogc_args.offset(request.args))
    return _answer(lambda: _page(query, wanted, lang), GEOJSON)


@bp.get(f"/collections/{COLLECTION}/items/<int:offer_id>")
def item(offer_id: int):
    lang = filters.text_language(request.args)
    found = web.in_region(offer_store.get_offer(web.get_read_db(), offer_id, lang=lang))
    if found is None:
        return api_errors.no_offer(offer_id), 404
    return _answer(lambda: _item(found), GEOJSON)


def _landing() -> dict:
    title, description = _names()
    return {
        "title": title,
        "description": description,
        "links": [
            _link("self", ".landing", JSON, title),
            _link("service-desc", ".api_description", OPENAPI, "OpenAPI 3.0"),
            _link("conformance", ".conformance", JSON, "Conformance"),
            _link("data", ".collections", JSON, _("Karte der Angebote")),
        ],
    }


def _page(query: offer_store.OfferQuery, wanted: offer_lists.OfferSlice, lang) -> dict:
    """The page ``wanted`` of the offers matching ``query``, with its counts and links."""
    found, total = offer_lists.offer_slice(web.get_read_db(), query, wanted, lang)
    now = display.local_now()
    features = [api.offer_feature(offer, now) for offer in found]
    return {
        "type": "FeatureCollection",
        "timeStamp": _utc(datetime.now(UTC).isoformat(timespec="seconds")),
        "numberMatched": total,
        "numberReturned": len(features),
        "links": _page_links(wanted, total),
        "features": features,
    }


def _item(offer: dict) -> dict:
    feature = api.offer_feature(offer, display.local_now())
    feature["links"] = [
        {"rel": "self", "type": GEOJSON, "href": request.base_url},
        _link("collection", ".collection", JSON),
    ]
    return feature


def _collection() -> dict:
    """The collection of offers: its extent and links."""
    box, changes = offer_lists.published_extent(web.get_read_db(), web.offer_region())
    extent = {"spatial": {"bbox": [_widened(network.bounds(), box)], "crs": CRS84}}
    if changes:
        extent["temporal"] = {"interval": [[_utc(stamp) for stamp in changes]]}
    return {
        "id": COLLECTION,
        "title": _("Angebote"),
        "description": _names()[1],
        "itemType": "feature",
        "crs": [CRS84],
        "extent": extent,
        "links": [
            _link("self", ".collection", JSON),
            _link("items", ".items", GEOJSON),
        ],
    }


def _names() -> tuple[str, str]:
    """The title and the description of the offers: the region's, or the network's."""
    if regions.is_network():
        return _("Alle Regionen"), _("Hilfsangebote für Geflüchtete in allen Regionen")
    return web.region().site_name, web.region().offers_title


def _widened(bounds, box) -> list[float]:
    """The region's bounds, widened to ``box`` (the offers') when some lie outside."""
    if box is None:
        return list(bounds)
    return [min(bounds[0], box[0]), min(bounds[1], box[1]),
            max(bounds[2], box[2]), max(bounds[3], box[3])]  # fmt: skip


def _utc(stamp: str) -> str:
    return stamp.replace("+00:00", "Z")


def _items_query(lang: str | None) -> offer_store.OfferQuery:
    """The API's filters (``bbox`` perhaps with heights) and ``datetime``."""
    args = ogc_args.with_flat_bbox(request.args)
    names = network.district_names()
    query = filters.parse(args, names, current_app.config["BABEL_DEFAULT_TIMEZONE"], lang)
    return replace(query, **ogc_args.changed_between(request.args))


def _page_links(wanted: offer_lists.OfferSlice, total: int) -> list[dict]:
    """self, and next and prev where there are such pages (by position)."""
    links = [_page_link("self", wanted.offset, wanted.limit)]
    if wanted.offset + wanted.limit < total:
        links.append(_page_link("next", wanted.offset + wanted.limit, wanted.limit))
    if wanted.offset:
        links.append(_page_link("prev", max(0, wanted.offset - wanted.limit), wanted.limit))
    return links


def _page_link(rel: str, offset: int, limit: int) -> dict:
    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("limit", "offset")]
    query = urlencode([*kept, ("limit", limit), ("offset", offset)])
    return {"rel": rel, "type": GEOJSON, "href": f"{request.base_url}?{query}"}


def _link(rel: str, endpoint: str, media_type: str, title: str = "") -> dict:
    link = {"rel": rel, "type": media_type, "href": url_for(endpoint, _external=True)}
    return link | ({"title": title} if title else {})


def _answer(build: Callable[[], dict], media_type: str = JSON) -> Response:
    """What ``build`` makes, as JSON with a weak ETag of the data version, the minute
    (open_now and stale follow the clock), the address and the language: a revalidation
    is a bodyless 304, and the version is read before building (never newer data)."""
    version = web.data_version()
    asked = f"{display.local_now():%Y-%m-%dT%H:%M} {request.url} {i18n.current_language()}"
    etag = f"{version}-ogc-{hashlib.sha256(asked.encode()).hexdigest()[:16]}"
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        response = Response(json.dumps(build()), mimetype=media_type)
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = whole_city.CACHE_CONTROL
    response.vary.update(("Accept-Language",))
    return response

"""The JSON API: offers as GeoJSON, categories, districts, health.

Bad input is answered ``{"error": ..., "field": ...}`` with 400 or 404, never a 500.
"""

import functools
import hashlib
import json
from dataclasses import replace
from datetime import datetime

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from refugee_map import store
from refugee_map.domain import search_topics
from refugee_map.domain.categories import CATEGORIES
from refugee_map.store import map_view as map_store
from refugee_map.store import offer_lists
from refugee_map.store import offers as offer_store
from refugee_map.web import (
    api_errors,
    display,
    filters,
    i18n,
    network,
    openapi,
    places,
    whole_city,
)
from refugee_map.web import context as web

bp = Blueprint("api", __name__)


@bp.app_errorhandler(filters.FilterError)
def bad_filter(error: filters.FilterError):
    """The API and the downloads answer a bad filter as JSON (the pages catch it earlier)."""
    return jsonify(error=error.message, field=error.field), 400


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return api_errors.answer(error)


@bp.get("/offers")
def offers():
    lang = _title_language()
    query = filters.parse(
        request.args, network.district_names(), current_app.config["BABEL_DEFAULT_TIMEZONE"], lang
    )
    now = display.local_now()
    wanted, place = filters.paging(request.args)
    if wanted is not None:
        return _page(query, wanted, lang, now, place)
    if not whole_city.is_whole_city(request.args):
        return _collection(query, lang, now)
    # "open now" and "stale" follow the clock: the cached answer is rebuilt each minute
    variant = ("offers", lang or "", i18n.current_language())
    moment = now.isoformat(timespec="minutes")

    def build() -> bytes:
        return _collection(query, lang, now).get_data()

    return whole_city.answer(variant, moment, build, "application/json")


def _collection(query: offer_store.OfferQuery, lang: str | None, now: datetime) -> Response:
    found = offer_store.find_offers(web.get_read_db(), query, lang=lang)
    features = [offer_feature(offer, now, full=False) for offer in found]
    return jsonify(type="FeatureCollection", features=features)


# What a list page's features carry beyond a marker's needs: the map page keeps the pages
# it loaded and, offline, filters and searches them itself (static/js/map/saved-offers.js)
# on the same text and fields the server looks at.
OFFLINE_FILTERED = ("description", "languages", "opening_hours")


def _page(
    query: offer_store.OfferQuery,
    wanted: offer_lists.OfferSlice,
    lang: str | None,
    now: datetime,
    place: places.NearPlace | None,
) -> Response:
    """One page of the matching offers, with the count of all of them; the first page also
    counts them per district (the district filter left out), for the district menu. Sorted
    from a named place, the answer says which (``near``). Its features carry
    :data:`OFFLINE_FILTERED` and, when translated, the German ``source_title`` and
    ``source_description`` (the search in a language looks at both texts)."""
    db = web.get_read_db()
    per_district, total = {}, None
    if not wanted.offset:
        total, districts = offer_lists.counts_with_districts(db, query)
        per_district = {"district_counts": districts}
    found, total = offer_lists.offer_slice(db, query, wanted, lang, total)
    features = []
    for offer in found:
        feature = offer_feature(offer, now, full=False)
        feature["properties"] |= {field: offer[field] for field in OFFLINE_FILTERED}
        if "source_title" in offer:  # translated: the German title orders the list
            for field in ("source_title", "source_description"):
                feature["properties"][field] = offer[field]
        if wanted.near:
            feature["properties"]["distance_m"] = offer["distance_m"]
        features.append(feature)
    named = {"near": place.as_json()} if place else {}
    return jsonify(
        type="FeatureCollection",
        numberMatched=total,
        **named,
        numberReturned=len(features),
        features=features,
        **per_district,
    )


@bp.get("/map")
def map_view():
    """The map's view: clusters and offers for ``bbox`` at ``zoom`` (at most 500 items)."""
    lang = _title_language()
    query, zoom = filters.map_view(
        request.args, web.districts().names, current_app.config["BABEL_DEFAULT_TIMEZONE"], lang
    )
    db = web.get_read_db()
    etag = _map_etag(web.data_version(), query, zoom, lang)
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        view = map_store.map_view(db, query.bbox, zoom, query, lang)
        response = jsonify(zoom=zoom, clusters=view.clusters, offers=view.offers)
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = whole_city.CACHE_CONTROL
    return response


def _map_etag(version: str, query: offer_store.OfferQuery, zoom: int, lang: str | None) -> str:
    """The data version and the normalised query (with the minute when "open now" asks)."""
    minute = query.open_at.strftime("%Y-%m-%dT%H:%M") if query.open_at else ""
    normalised = replace(query, categories=tuple(sorted(query.categories)), open_at=None)
    asked = repr((normalised, zoom, lang, minute)).encode()
    return f"{version}-map-{hashlib.sha256(asked).hexdigest()[:16]}"


@bp.get("/offers/<int:offer_id>")
def offer(offer_id: int):
    found = web.in_region(
        offer_store.get_offer(web.get_read_db(), offer_id, lang=_title_language())
    )
    if found is None:
        return jsonify(api_errors.no_offer(offer_id)), 404
    return jsonify(offer_feature(found, display.local_now()))


@bp.get("/categories")
def categories():
    return jsonify(
        [
            {"slug": c.slug, "label": str(c.label), "colour": c.colour, "icon": c.icon}
            for c in CATEGORIES
        ]
    )


@bp.get("/search-topics")
def search_topics_data():
    """The letter foldings and search topics, for searching in the browser as here."""
    lang = filters.text_language(request.args) or i18n.current_language()
    body, etag = _search_topics_body(lang)
    response = Response(status=304) if request.if_none_match.contains_weak(etag) else None
    response = response or Response(body, mimetype="application/json")
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = whole_city.CACHE_CONTROL
    return response


@functools.cache
def _search_topics_body(lang: str) -> tuple[bytes, str]:
    """The answer in ``lang`` and its ETag: fixed while the app runs (the catalogues are)."""
    body = json.dumps(search_topics.browser_data(lang), ensure_ascii=False).encode()
    return body, f"topics-{hashlib.sha256(body).hexdigest()[:16]}"


@bp.get("/districts")
def districts():
    return jsonify(web.districts().geojson())


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI description of this API, the downloads and /healthz."""
    return jsonify(openapi.document(web.districts().names, web.region().name))


def healthz():
    """Liveness plus a real query, so a broken database shows; one row, so the floor of
    the benchmarks does not grow with the offers (a count took 13 ms at 1,000,000). With a
    read replica (``DB_READ``) both databases are asked: the public pages need both."""
    try:
        store.data_version(web.get_db())
        store.data_version(web.get_read_db())  # the same one without a replica
    except Exception as error:
        current_app.logger.error("health check failed: %s", error)
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")


def offer_feature(offer: dict, now: datetime, *, full: bool = True) -> dict:
    """The offer as a GeoJSON feature, with what the map shows of it ready to display."""
    feature = network.feature(offer, full=full)
    feature["properties"] |= display.map_properties(offer, now)
    return feature


def _title_language() -> str | None:
    return filters.text_language(request.args)

"""Public downloads of exactly the offers the current filters show, as GeoJSON or CSV.

The same query parameters as ``/api/offers`` (see ``filters.parse``). Texts stay in the
language they were written in, so a download is a valid import file.
"""

import json

from flask import Blueprint, Response, current_app, request

from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import filters, network, whole_city

bp = Blueprint("downloads", __name__)
# Media types without parameters: werkzeug adds "; charset=utf-8" to text types itself.
GEOJSON = "application/geo+json"
CSV = "text/csv"


@bp.get("/export.geojson")
def geojson() -> Response:
    if request.args:
        return _download(_geojson(_filtered()), GEOJSON, "offers.geojson")
    # the published GeoJSON: built once per change of the data
    response = whole_city.answer(("export",), "", lambda: _geojson(_filtered()).encode(), GEOJSON)
    return _named(response, "offers.geojson")


def _geojson(offers: list[dict]) -> str:
    features = [network.feature(offer) for offer in offers]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


@bp.get("/export.csv")
def csv() -> Response:
    return _download(network.csv_text(_filtered()), CSV, "offers.csv")


def _filtered() -> list[dict]:
    query = filters.parse(
        request.args, network.district_names(), current_app.config["BABEL_DEFAULT_TIMEZONE"]
    )
    return offer_store.find_offers(web.get_read_db(), query)


def _download(body: str, mimetype: str, filename: str) -> Response:
    return _named(Response(body, mimetype=mimetype), filename)


def _named(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

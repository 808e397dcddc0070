"""Public downloads of exactly the offers the current filters show, as GeoJSON or CSV.

The same query parameters as ``/api/offers`` (see ``filters.parse``). Texts stay in the
language they were written in, so a download is a valid import file.
"""

import json

from flask import Blueprint, Response, current_app, request

from refugee_map.exchange import formats as exchange
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import filters

bp = Blueprint("downloads", __name__)


@bp.get("/export.geojson")
def geojson() -> Response:
    collection = exchange.feature_collection(_filtered(), base_url=web.links_base())
    body = json.dumps(collection, ensure_ascii=False)
    return _download(body, "application/geo+json", "offers.geojson")


@bp.get("/export.csv")
def csv() -> Response:
    return _download(exchange.write_csv(_filtered()), "text/csv; charset=utf-8", "offers.csv")


def _filtered() -> list[dict]:
    query = filters.parse(
        request.args, web.districts().names, current_app.config["BABEL_DEFAULT_TIMEZONE"]
    )
    return offer_store.find_offers(web.get_db(), query)


def _download(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

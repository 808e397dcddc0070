"""The OpenAPI 3.0 description of the OGC API – Features routes (``/ogc/api``, the landing
page's ``service-desc``). The filters and the offer's schema come from the same models as
``/api/openapi.json`` (:mod:`openapi`); GIS clients read ``limit``'s default and maximum."""

from collections.abc import Sequence

from refugee_map.domain.filter_schema import OfferFilters, TextLanguage
from refugee_map.web import ogc_args, openapi, openapi_schemas
from refugee_map.web.openapi_schemas import content, ref

_JSON = "application/json"
_GEOJSON = "application/geo+json"
_FORMAT = {"name": "f", "in": "query", "description": "The format: json only (no HTML).",
           "schema": {"type": "string", "enum": list(ogc_args.FORMATS)}}  # fmt: skip
_PAGING = [
    {"name": "limit", "in": "query", "style": "form", "explode": False,
     "description": f"Features per page (default {ogc_args.DEFAULT_LIMIT}; more than "
                    f"{ogc_args.MAX_LIMIT} is served as {ogc_args.MAX_LIMIT}).",
     "schema": {"type": "integer", "minimum": 1, "maximum": ogc_args.MAX_LIMIT,
                "default": ogc_args.DEFAULT_LIMIT}},
    {"name": "offset", "in": "query", "description": "Features skipped (the next link sets it).",
     "schema": {"type": "integer", "minimum": 0}},
    {"name": "datetime", "in": "query", "style": "form", "explode": False,
     "description": "The offer's last change (updated_at): an RFC 3339 instant or date, or an "
                    "interval start/end with '..' for an open end.",
     "schema": {"type": "string"}},
]  # fmt: skip
_BBOX = {"name": "bbox", "in": "query", "style": "form", "explode": False, "required": False,
         "description": "minLng,minLat,maxLng,maxLat in CRS84 (six numbers: with heights, "
                        "which are ignored).",
         "schema": {"type": "array", "minItems": 4, "maxItems": 6,
                    "items": {"type": "number"}}}  # fmt: skip
_FEATURE_ID = {"name": "featureId", "in": "path", "required": True,
               "description": "The offer's id.",
               "schema": {"type": "integer", "minimum": 1}}  # fmt: skip


def document(server: str, root: str, districts: Sequence[str]) -> dict:
    """The description of the routes under the path ``root`` (the landing page's) of
    ``server`` (scheme and host)."""
    common = [_FORMAT, *openapi.query_parameters(TextLanguage)]
    filters = [
        _BBOX if parameter["name"] == "bbox" else parameter
        for parameter in openapi.query_parameters(OfferFilters, {"district": list(districts)})
    ]
    plain = (_JSON, {"type": "object"})
    paths = {
        "": _get("getLandingPage", "The landing page", common, plain),
        "/conformance": _get("getConformance", "The conformance classes", common, plain),
        "/api": _get("getAPI", "This document", common, plain),
        "/collections": _get("getCollections", "The collections (offers)", common, plain),
        "/collections/offers": _get("describeOffers", "The offers' collection", common, plain),
        "/collections/offers/items": _get(
            "getOffers", "A page of the published offers", [*_PAGING, *filters, *common],
            (_GEOJSON, ref("FeatureCollection")),
        ),
        "/collections/offers/items/{featureId}": _get(
            "getOffer", "One published offer", [_FEATURE_ID, *common], (_GEOJSON, ref("Feature"))
        ),
    }  # fmt: skip
    return {
        "openapi": "3.0.3",
        "info": {"title": "OGC API - Features: offers", "version": openapi.VERSION},
        "servers": [{"url": server}],
        "paths": {root + path: operation for path, operation in paths.items()},
        "components": {"schemas": openapi_schemas.schemas()},
    }


def _get(operation_id: str, summary: str, parameters: list, answer: tuple) -> dict:
    media_type, schema = answer
    responses = {
        "200": content(media_type, schema, "OK"),
        "400": content(_JSON, ref("Error"), "a bad or unknown parameter"),
    }
    if any(parameter["in"] == "path" for parameter in parameters):
        responses["404"] = content(_JSON, ref("Error"), "no published offer")
    return {"get": {"operationId": operation_id, "summary": summary, "parameters": parameters,
                    "responses": responses}}  # fmt: skip

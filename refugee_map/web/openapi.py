"""The OpenAPI 3.0 description of the public API, served at ``/api/openapi.json``.

Built as a plain dict next to the views it describes, so a new parameter in
``filters.parse`` and its line here change together; ``tests/test_openapi.py`` validates
the document and fuzzes every GET operation with schemathesis against the app object.
The district names come from the region's data, so the document is built per request.
"""

from collections.abc import Sequence
from typing import Any

from refugee_map.domain.categories import SLUGS
from refugee_map.domain.offers import BOOLEAN_FIELDS, FIELDS, LIST_FIELDS
from refugee_map.web import display
from refugee_map.web.filters import MAX_QUERY_LENGTH

VERSION = "1.0.0"
FLAG_VALUES = ["1", "0", "true", "false", "yes", "no", "on", "off"]
_JSON = "application/json"


def document(districts: Sequence[str]) -> dict[str, Any]:
    """The whole public API; ``districts`` are the names ``?district=`` accepts."""
    filters = _filter_parameters(districts)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Hilfe-Karte Dortmund: public API",
            "version": VERSION,
            "description": "Published offers for refugees and newcomers, as GeoJSON and "
            "CSV. Every filter is a query parameter; bad values are answered with 400 and "
            '`{"error": ..., "field": ...}`.',
            "license": {"name": "MIT"},
        },
        "paths": {
            "/api/offers": _get(
                "listOffers",
                "Published offers matching every filter (slim properties for markers)",
                [*filters, _LANG],
                _json_response("FeatureCollection"),
            ),
            "/api/offers/{id}": _get(
                "getOffer",
                "One published offer with every public field",
                [_ID, _LANG],
                _json_response("Feature") | {"404": _error_response("no published offer")},
            ),
            "/api/categories": _get(
                "listCategories",
                "The six categories with labels in the page language",
                [_LANG_UI],
                _json_response("Categories"),
            ),
            "/api/districts": _get(
                "listDistricts",
                "The districts (Stadtbezirke) as GeoJSON polygons",
                [],
                _json_response("Districts"),
            ),
            "/api/openapi.json": _get(
                "getOpenAPI", "This document", [], _json_response("OpenAPIDocument")
            ),
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Liveness plus a database query",
                    "responses": {
                        "200": _content(_JSON, _ref("Health"), "healthy"),
                        "503": _content(_JSON, _ref("Health"), "the database is unavailable"),
                    },
                }
            },
            "/export.geojson": _get(
                "exportGeoJSON",
                "Download of the filtered offers with every public field (an import file)",
                filters,
                {"200": _content("application/geo+json", _ref("FeatureCollection"), "file")},
            ),
            "/export.csv": _get(
                "exportCSV",
                "Download of the filtered offers in the import/export CSV columns",
                filters,
                {"200": _content("text/csv", {"type": "string"}, "CSV, first line the header")},
            ),
        },
        "components": {"schemas": _schemas()},
    }


def _get(operation_id: str, summary: str, parameters: list, responses: dict) -> dict:
    responses = {"400": _error_response("a bad parameter")} | responses
    operation = {"operationId": operation_id, "summary": summary, "responses": responses}
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


def _content(media_type: str, schema: dict, description: str) -> dict:
    return {"description": description, "content": {media_type: {"schema": schema}}}


def _json_response(schema: str) -> dict:
    return {"200": _content(_JSON, _ref(schema), "OK")}


def _error_response(description: str) -> dict:
    return _content(_JSON, _ref("Error"), description)


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, description: str, schema: dict, **extra: Any) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": schema} | extra


def _filter_parameters(districts: Sequence[str]) -> list[dict]:
    flag = {"type": "string", "enum": FLAG_VALUES}
    return [
        _query(
            "category",
            "Category slugs; repeat the parameter for several (any of them).",
            {"type": "array", "items": {"type": "string", "enum": list(SLUGS)}},
            style="form",
            explode=True,
        ),
        _query("district", "A district name.", {"type": "string", "enum": list(districts)}),
        _query(
            "q",
            "Full-text search over title, description, organisation and street.",
            {"type": "string", "maxLength": MAX_QUERY_LENGTH},
        ),
        _query(
            "bbox",
            "minLng,minLat,maxLng,maxLat in WGS84 degrees.",
            {"type": "string", "pattern": r"^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$"},
        ),
        _query(
            "language",
            "A language spoken at the offer (ISO 639-1).",
            {"type": "string", "pattern": "^[a-z]{2}$"},
        ),
        _query("volunteers_wanted", "Only offers looking for volunteers.", flag),
        _query("open_now", "Only offers open now (local time of the region).", flag),
    ]


_LANG = _query(
    "lang",
    "Language of titles and descriptions where a translation exists (ISO 639-1).",
    {"type": "string", "pattern": "^[A-Za-z]{2}$"},
)
_LANG_UI = _query("lang", "Language of the labels.", {"type": "string"})
_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "The offer's id (the permalink /offers/{id}).",
    "schema": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
}


def _schemas() -> dict[str, dict]:
    nullable_string = {"type": "string", "nullable": True}
    point = {
        "type": "object",
        "nullable": True,
        "description": "null while the offer waits for the geocoder",
        "required": ["type", "coordinates"],
        "properties": {
            "type": {"type": "string", "enum": ["Point"]},
            "coordinates": {
                "type": "array",
                "items": {"type": "number"},
                "minItems": 2,
                "maxItems": 2,
            },
        },
    }
    properties = {name: nullable_string for name in FIELDS}
    properties |= {name: {"type": "boolean"} for name in BOOLEAN_FIELDS}
    properties |= {name: {"type": "array", "items": {"type": "string"}} for name in LIST_FIELDS}
    properties |= {name: {"type": "number", "nullable": True} for name in ("lat", "lng")}
    properties |= {
        "wheelchair_access": {"type": "boolean", "nullable": True},
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "category": {"type": "string", "enum": list(SLUGS)},
        "opening_hours": {"type": "object", "additionalProperties": {"type": "array"}},
        "opening_hours_text": {"type": "string"},
        "url": {"type": "string", "description": "the offer's page on this site"},
        "text_lang": {"type": "string"},
    }
    properties |= display.MAP_PROPERTIES_SCHEMA
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}, "field": {"type": "string"}},
        },
        "OfferProperties": {
            "type": "object",
            "required": ["id", "title", "category", "url"],
            "properties": properties,
        },
        "Feature": {
            "type": "object",
            "required": ["type", "id", "geometry", "properties"],
            "properties": {
                "type": {"type": "string", "enum": ["Feature"]},
                "id": {"type": "integer"},
                "geometry": point,
                "properties": _ref("OfferProperties"),
            },
        },
        "FeatureCollection": {
            "type": "object",
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": {"type": "array", "items": _ref("Feature")},
            },
        },
        "Categories": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["slug", "label", "colour", "icon"],
                "properties": {
                    "slug": {"type": "string", "enum": list(SLUGS)},
                    "label": {"type": "string"},
                    "colour": {"type": "string", "pattern": "^#[0-9a-f]{6}$"},
                    "icon": {"type": "string"},
                },
            },
        },
        "Districts": {
            "type": "object",
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "schematic": {"type": "boolean"},
                "features": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["type", "properties", "geometry"],
                        "properties": {
                            "type": {"type": "string", "enum": ["Feature"]},
                            "properties": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {"name": {"type": "string"}},
                            },
                            "geometry": {
                                "type": "object",
                                "properties": {
                                    "type": {"type": "string", "enum": ["Polygon", "MultiPolygon"]}
                                },
                            },
                        },
                    },
                },
            },
        },
        "Health": {
            "type": "object",
            "required": ["status", "database"],
            "properties": {
                "status": {"type": "string", "enum": ["ok", "error"]},
                "database": {"type": "string", "enum": ["ok", "unavailable"]},
            },
        },
        "OpenAPIDocument": {
            "type": "object",
            "required": ["openapi", "info", "paths"],
            "properties": {"openapi": {"type": "string"}},
        },
    }

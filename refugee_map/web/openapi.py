"""The OpenAPI 3.0 description of the public API, served at ``/api/openapi.json``.

Generated: the offer's properties and the filter parameters come from the models in
``domain/offer_schema.py`` (their JSON schema, written the OpenAPI 3.0 way), the routes
from :data:`ROUTES`. ``tests/test_openapi.py`` validates the document and fuzzes every
GET operation with schemathesis against the app object. The district names come from
the region's data, so the document is built per request.
"""

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from refugee_map.domain import model_fields
from refugee_map.domain.categories import SLUGS
from refugee_map.domain.offer_schema import MapZoom, Offer, OfferFilters, Paging, TextLanguage
from refugee_map.web import display, openapi_map, openapi_search

VERSION = "1.0.0"
_JSON = "application/json"
# What every offer in an answer carries besides its fields.
_ANSWER_PROPERTIES = {
    "opening_hours_text": {"type": "string"},
    "url": {"type": "string", "description": "the offer's page on this site"},
    "text_lang": {"type": "string"},
    "updated_at": {"type": "string"},
}
_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "The offer's id (the permalink /offers/{id}).",
    "schema": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
}
_LABEL_LANGUAGE = {"name": "lang", "in": "query", "description": "Language of the labels.",
                   "schema": {"type": "string"}}  # fmt: skip
# path -> operation id, summary, parameters ("filters", "lang", "id", "labels"), the 200 answer
# as (media type, schema name or schema[, description]); every operation may answer 400.
ROUTES = {
    "/api/offers": ("listOffers", "Published offers matching every filter (slim properties "
                    "for markers); with limit, one page and the count of all, its offers with "
                    "description, languages and opening_hours too",
                    ("filters", "paging", "lang"), (_JSON, "FeatureCollection")),
    "/api/map": ("getMapView", "What the map shows of a view: clusters per grid cell, or the "
                 "offers (at most 500 items)", ("view", "lang"), (_JSON, "MapView")),
    "/api/offers/{id}": ("getOffer", "One published offer with every public field",
                         ("id", "lang"), (_JSON, "Feature")),
    "/api/categories": ("listCategories", "The six categories with labels in the page language",
                        ("labels",), (_JSON, "Categories")),
    "/api/districts": ("listDistricts", "The districts (Stadtbezirke) as GeoJSON polygons", (),
                       (_JSON, "Districts")),
    "/api/search-topics": ("getSearchTopics", "Letter foldings and search topics: q in the browser",
                           ("lang",), (_JSON, "SearchTopics")),
    "/api/openapi.json": ("getOpenAPI", "This document", (), (_JSON, "OpenAPIDocument")),
    "/export.geojson": ("exportGeoJSON", "Download of the filtered offers with every public "
                        "field (an import file)", ("filters",),
                        ("application/geo+json", "FeatureCollection", "file")),
    "/export.csv": ("exportCSV", "Download of the filtered offers in the import/export CSV "
                    "columns", ("filters",),
                    ("text/csv", {"type": "string"}, "CSV, first line the header")),
}  # fmt: skip


def document(districts: Sequence[str], city: str) -> dict[str, Any]:
    """The whole public API of ``city``'s map; ``districts`` are the names ``?district=``
    accepts."""
    filters = query_parameters(OfferFilters, {"district": list(districts)})
    parameters = {
        "filters": filters,
        "view": openapi_map.view_parameters(filters, query_parameters(MapZoom)),
        "paging": query_parameters(Paging),
        "lang": query_parameters(TextLanguage),
        "id": [_ID],
        "labels": [_LABEL_LANGUAGE],
    }
    paths = {path: _operation(parameters, *route) for path, route in ROUTES.items()}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"Hilfe-Karte {city}: public API",
            "version": VERSION,
            "description": "Published offers for refugees and newcomers, as GeoJSON and CSV. "
            'Every filter is a query parameter; bad values get 400 and `{"error": ..., "field": '
            "...}`; every error is JSON, its text in `lang` or Accept-Language (else German).",
            "license": {"name": "MIT"},
        },
        "paths": paths | {"/healthz": _health()},
        "components": {"schemas": schemas()},
    }


def _operation(parameters: dict, operation_id, summary, groups, answer) -> dict:
    media_type, schema, description = (*answer, "OK")[:3]
    responses = {
        "400": content(_JSON, ref("Error"), "a bad parameter"),
        "200": content(media_type, ref(schema) if isinstance(schema, str) else schema, description),
    }
    if "id" in groups:
        responses["404"] = content(_JSON, ref("Error"), "no published offer")
    operation = {"operationId": operation_id, "summary": summary, "responses": responses}
    if groups:
        operation["parameters"] = [p for group in groups for p in parameters[group]]
    return {"get": operation}


def _health() -> dict:
    return {
        "get": {
            "operationId": "health",
            "summary": "Liveness plus a database query",
            "responses": {
                "200": content(_JSON, ref("Health"), "healthy"),
                "503": content(_JSON, ref("Health"), "the database is unavailable"),
            },
        }
    }


def content(media_type: str, schema: dict, description: str) -> dict:
    return {"description": description, "content": {media_type: {"schema": schema}}}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def query_parameters(model: type[BaseModel], choices: dict[str, list] | None = None) -> list[dict]:
    """The model's fields as query parameters; ``choices`` adds the values the region allows."""
    properties = openapi_schema(model.model_json_schema(mode="validation"))["properties"]
    found = []
    for name, schema in properties.items():
        schema = {key: value for key, value in schema.items() if key != "nullable"}
        description = schema.pop("description", "")
        if name in (choices or {}):
            schema["enum"] = choices[name]
        parameter = {"name": name, "in": "query", "description": description, "schema": schema}
        if model_fields.is_repeated(model, name):
            parameter |= {"style": "form", "explode": True}
        found.append(parameter)
    return found


def openapi_schema(schema: Any) -> Any:
    """A JSON schema (pydantic's) written the OpenAPI 3.0 way: ``nullable`` instead of a
    null type, ``enum`` instead of ``const``, no generated titles or defaults."""
    if isinstance(schema, list):
        return [openapi_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = dict(schema)
    options = schema.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        others = [option for option in options if option != {"type": "null"}]
        del schema["anyOf"]
        schema = (others[0] if len(others) == 1 else {"anyOf": others}) | schema
        schema["nullable"] = True
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    # pydantic's titles repeat the field names ("title" as a property name stays); its
    # defaults are the model's, not the API's
    return {
        key: openapi_schema(value)
        for key, value in schema.items()
        if not (key == "title" and isinstance(value, str)) and key != "default"
    }


def _offer_properties() -> dict:
    """Every field of an offer as the API answers it, plus what an answer adds."""
    schema = openapi_schema(Offer.model_json_schema(mode="serialization"))
    return {
        "type": "object",
        "required": ["id", "title", "category", "url"],
        "properties": schema["properties"]
        | _ANSWER_PROPERTIES
        | display.MAP_PROPERTIES_SCHEMA
        | openapi_map.DISTANCE_PROPERTY,
    }


def schemas() -> dict[str, dict]:
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}, "field": {"type": "string"}},
        },
        **offer_schemas(),
        "Categories": _categories_schema(),
        "Districts": _districts_schema(),
        "SearchTopics": openapi_search.SEARCH_TOPICS,
        **_service_schemas(),
    }


def offer_schemas() -> dict[str, dict]:
    """An offer's properties, and offers as GeoJSON features and feature collections."""
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
    return {
        "OfferProperties": _offer_properties(),
        "Feature": {
            "type": "object",
            "required": ["type", "id", "geometry", "properties"],
            "properties": {
                "type": {"type": "string", "enum": ["Feature"]},
                "id": {"type": "integer"},
                "geometry": point,
                "properties": ref("OfferProperties"),
            },
        },
        "FeatureCollection": {
            "type": "object",
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": {"type": "array", "items": ref("Feature")},
                **openapi_map.PAGE_PROPERTIES,
            },
        },
        "MapView": openapi_map.MAP_VIEW,
    }


def _categories_schema() -> dict:
    return {
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
    }


def _service_schemas() -> dict[str, dict]:
    """The health check and the OpenAPI document itself."""
    return {
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


def _districts_schema() -> dict:
    feature = {
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
                "properties": {"type": {"type": "string", "enum": ["Polygon", "MultiPolygon"]}},
            },
        },
    }
    return {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "schematic": {"type": "boolean"},
            "features": {"type": "array", "items": feature},
        },
    }

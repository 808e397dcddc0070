"""The OpenAPI 3.0 description of the public API, served at ``/api/openapi.json``.

Generated: the offer's properties and the filter parameters come from the models in
``domain/offer_schema.py`` and ``domain/filter_schema.py`` (their JSON schema, written the
OpenAPI 3.0 way; the components are :mod:`openapi_schemas`), the routes from
:data:`ROUTES`. ``tests/test_openapi.py`` validates the document and fuzzes every GET
operation with schemathesis against the app object. The district names come from the
region's data, so the document is built per request.
"""

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from refugee_map.domain import model_fields
from refugee_map.domain.filter_schema import MapZoom, OfferFilters, Paging, TextLanguage
from refugee_map.web import openapi_map
from refugee_map.web.openapi_schemas import content, openapi_schema, ref, schemas

VERSION = "1.0.0"
_JSON = "application/json"
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

"""The components of the OpenAPI documents (``/api/openapi.json``, :mod:`openapi`, and
the OGC API's, :mod:`ogc_openapi`): the offer and its GeoJSON, the categories, the
districts, the health check and errors; pydantic's JSON schemas written the OpenAPI 3.0
way (:func:`openapi_schema`).
"""

from typing import Any

from refugee_map.domain.categories import SLUGS
from refugee_map.domain.offer_schema import Offer
from refugee_map.web import display, openapi_map, openapi_search

# What every offer in an answer carries besides its fields.
_ANSWER_PROPERTIES = {
    "opening_hours_text": {"type": "string"},
    "url": {"type": "string", "description": "the offer's page on this site"},
    "text_lang": {"type": "string"},
    "updated_at": {"type": "string"},
}


def content(media_type: str, schema: dict, description: str) -> dict:
    return {"description": description, "content": {media_type: {"schema": schema}}}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


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

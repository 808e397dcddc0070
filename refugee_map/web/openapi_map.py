"""The OpenAPI parts of the map's view (``/api/map``) and of the list's pages
(``/api/offers?limit=``), for :mod:`openapi`."""

from refugee_map.domain.categories import SLUGS

_NUMBER = {"type": "number"}
_COUNT = {"type": "integer", "minimum": 0}

# What a page of /api/offers adds to the FeatureCollection, and to each offer with ?near=.
PAGE_PROPERTIES = {
    "numberMatched": _COUNT | {"description": "all matching offers, whatever the page"},
    "numberReturned": _COUNT | {"description": "the offers on this page"},
    "district_counts": {
        "type": "object",
        "additionalProperties": _COUNT,
        "description": "first page only: matching offers per district, the district filter "
        "left out",
    },
}
DISTANCE_PROPERTY = {
    "distance_m": {"type": "integer", "nullable": True,
                   "description": "metres from ?near= (null: not placed yet)"},
}  # fmt: skip

MAP_VIEW = {
    "type": "object",
    "required": ["zoom", "clusters", "offers"],
    "properties": {
        "zoom": {"type": "integer", "minimum": 0, "maximum": 20},
        "clusters": {
            "type": "array",
            "description": "cells of the grid with several matching offers (mean position)",
            "items": {
                "type": "object",
                "required": ["lat", "lng", "count", "categories"],
                "properties": {
                    "lat": _NUMBER,
                    "lng": _NUMBER,
                    "count": _COUNT,
                    "categories": {"type": "object", "additionalProperties": _COUNT},
                },
            },
        },
        "offers": {
            "type": "array",
            "description": "matching offers in the bbox (west and south edges included)",
            "items": {
                "type": "object",
                "required": ["id", "lat", "lng", "category", "title"],
                "properties": {
                    "id": {"type": "integer"},
                    "lat": _NUMBER,
                    "lng": _NUMBER,
                    "category": {"type": "string", "enum": list(SLUGS)},
                    "title": {"type": "string"},
                },
            },
        },
    },
}


def view_parameters(filters: list[dict], zoom: list[dict]) -> list[dict]:
    """The parameters of /api/map: ``bbox`` and ``zoom`` required, then the other filters."""
    required = [p for p in filters if p["name"] == "bbox"] + zoom
    others = [p for p in filters if p["name"] != "bbox"]
    return [p | {"required": True} for p in required] + others

"""City districts (Stadtbezirke): which district a point lies in.

The polygons come from ``<region_dir>/districts.geojson``: either the schematic file that
``scripts/build_districts.py`` derives, or an official file dropped in its place. The name
of a district is read from the first property in ``NAME_PROPERTIES`` that a feature has.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Point, mapping, shape

# Property names that may hold a district's name, tried in this order, case-insensitively.
NAME_PROPERTIES = (
    "name",
    "stadtbezirk_name",
    "stadtbezirksname",
    "stadtbezirk",
    "sbz_name",
    "bezeichnung",
    "bezirk_name",
    "bezirksname",
    "bezirk",
)
NEAREST_WITHIN_M = 2000.0
_METRES_PER_DEGREE_LAT = 111_320.0


class OutsideRegion(ValueError):
    """The point is neither in a district nor within 2 km of one."""


class Districts:
    """The districts of a region, built from a GeoJSON FeatureCollection."""

    def __init__(self, collection: dict[str, Any]) -> None:
        if collection.get("type") != "FeatureCollection" or not collection.get("features"):
            raise ValueError("districts: expected a GeoJSON FeatureCollection with features")
        self._shapes: dict[str, shapely.Geometry] = {}
        self.schematic = bool(collection.get("schematic"))
        for feature in collection["features"]:
            props = feature.get("properties") or {}
            name = district_name(props)
            geom = shape(feature["geometry"])
            if not geom.is_valid:
                geom = shapely.make_valid(geom)
            if name in self._shapes:  # a district in several features
                geom = self._shapes[name].union(geom)
            self._shapes[name] = geom
            self.schematic = self.schematic or props.get("schematic") is True
        self.names: list[str] = sorted(self._shapes)
        self.bounds: tuple[float, float, float, float] = tuple(
            float(v) for v in shapely.union_all(list(self._shapes.values())).bounds
        )
        minlng, minlat, maxlng, maxlat = self.bounds
        if not (-180 <= minlng <= maxlng <= 180 and -90 <= minlat <= maxlat <= 90):
            raise ValueError("districts: coordinates must be WGS84 longitude/latitude")
        for geom in self._shapes.values():
            shapely.prepare(geom)
        # A local equirectangular projection in metres, for "nearest within 2 km".
        self._scale = (
            _METRES_PER_DEGREE_LAT * math.cos(math.radians((minlat + maxlat) / 2)),
            _METRES_PER_DEGREE_LAT,
        )
        self._metric = {name: self._to_metres(g) for name, g in self._shapes.items()}
        self._collection = {
            "type": "FeatureCollection",
            "schematic": self.schematic,
            **({"source": collection["source"]} if "source" in collection else {}),
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": name, "schematic": self.schematic},
                    "geometry": mapping(self._shapes[name]),
                }
                for name in self.names
            ],
        }

    def locate(self, lat: float, lng: float) -> str:
        """The district containing the point, else the nearest one within 2 km."""
        point = Point(lng, lat)
        for name in self.names:
            if self._shapes[name].covers(point):
                return name
        metric_point = self._to_metres(point)
        distance, name = min((g.distance(metric_point), n) for n, g in self._metric.items())
        if distance <= NEAREST_WITHIN_M:
            return name
        raise OutsideRegion(f"{lat:.5f}, {lng:.5f} is {distance / 1000:.1f} km outside the region")

    def inner_point(self, name: str) -> tuple[float, float]:
        """(lat, lng) of a point surely inside the district ``name`` (not always its centre)."""
        point = shapely.point_on_surface(self._shapes[name])
        return round(point.y, 6), round(point.x, 6)

    def geojson(self) -> dict[str, Any]:
        """A FeatureCollection with properties ``name`` and ``schematic`` (a fresh copy)."""
        return copy.deepcopy(self._collection)

    def _to_metres(self, geom: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geom, lambda coords: coords * self._scale)


def district_name(properties: dict[str, Any]) -> str:
    """The district's name from a feature's properties (see ``NAME_PROPERTIES``)."""
    lowered = {str(k).lower(): v for k, v in properties.items()}
    for key in NAME_PROPERTIES:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip() and not value.strip().isdigit():
            return value.strip()
    raise ValueError(
        f"districts: no name property in {sorted(properties)}; expected one of {NAME_PROPERTIES}"
    )


_cache: dict[Path, tuple[int, Districts]] = {}


def load_districts(region_dir: str | Path) -> Districts:
    """The districts in ``region_dir/districts.geojson``, cached until the file changes."""
    path = (Path(region_dir) / "districts.geojson").resolve()
    mtime = path.stat().st_mtime_ns
    cached = _cache.get(path)
    if cached is None or cached[0] != mtime:
        with open(path, encoding="utf-8") as f:
            cached = (mtime, Districts(json.load(f)))
        _cache[path] = cached
    return cached[1]

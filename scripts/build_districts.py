#!/usr/bin/env python3
"""Derive schematic polygons of Dortmund's 12 Stadtbezirke from the shipped points.

Writes data/regions/dortmund/districts.geojson. The polygons are a *sketch*: good enough
to tell which district an offer lies in and to draw a district filter, not official
boundaries. Drop the city's official file in instead when you have it (see the README).

Method
------
1. Seeds (WGS84 points with a district):
   - every neighbourhood in neighbourhoods.csv with ``in_dortmund`` true and a
     ``stadtbezirk`` (GeoNames points);
   - the GeoNames point "Dortmund" (the Reinoldikirche area, statistical district
     "City") as Innenstadt-West;
   - the postcode centroids in postcodes.csv assigned in ``POSTCODE_DISTRICTS`` below.
   Innenstadt-Nord and Innenstadt-Ost have no neighbourhood point, so postcodes seed them:
   44145 (Borsigplatz) and 44147 (Hafen, Nordmarkt) are the Nordstadt = Innenstadt-Nord;
   44135 (centroid just east of the Ostwall), 44141 (Kaiserbrunnen, Westfalendamm) and
   44143 (Körne) are Innenstadt-Ost. 44137 (Kreuzviertel, Dorstfelder Brücke) and 44139
   (centroid near the Westfalenhalle) are Innenstadt-West. Postcodes that straddle two
   districts (44149 Dorstfeld/Oespel, 44267 Berghofen/Höchsten) are left out.
   Stockum has no district in the input and is not a seed.
2. Places outside the city (``in_dortmund`` false: Bochum-Werne, Castrop-Rauxel, Witten,
   Schwerte, ...) are seeds too, but their cells are dropped: they carve the city edge.
3. Voronoi cells of all seeds (in ETRS89 / UTM 32N, metres), dissolved by district and
   clipped to the convex hull of the Dortmund seeds buffered by ``HULL_BUFFER_M``.
4. Coordinates are rounded to 5 decimals (about 1 m); the script checks that the 12
   polygons do not overlap, leave no gap and contain their seeds, and fails otherwise.

Run it again after changing a CSV: ``scripts/build_districts.py`` (``--check`` compares
with the file on disk instead of writing).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPoint, mapping, shape
from shapely.geometry.polygon import orient

REGION_DIR = Path(__file__).resolve().parent.parent / "data" / "regions" / "dortmund"
METRIC_CRS = "EPSG:25832"
HULL_BUFFER_M = 1500
DECIMALS = 5
SOURCE = (
    "Schematic: Voronoi cells of GeoNames neighbourhood points (CC BY 4.0) and OpenStreetMap "
    "postcode centroids (© OpenStreetMap contributors, ODbL 1.0), dissolved by Stadtbezirk. "
    "Not the official boundaries; built by scripts/build_districts.py."
)

DISTRICTS = (
    "Innenstadt-West",
    "Innenstadt-Nord",
    "Innenstadt-Ost",
    "Eving",
    "Scharnhorst",
    "Brackel",
    "Aplerbeck",
    "Hörde",
    "Hombruch",
    "Lütgendortmund",
    "Huckarde",
    "Mengede",
)

# GeoNames places without a stadtbezirk that still seed a district.
PLACE_DISTRICTS = {"Dortmund": "Innenstadt-West"}

POSTCODE_DISTRICTS = {
    "44135": "Innenstadt-Ost",
    "44137": "Innenstadt-West",
    "44139": "Innenstadt-West",
    "44141": "Innenstadt-Ost",
    "44143": "Innenstadt-Ost",
    "44145": "Innenstadt-Nord",
    "44147": "Innenstadt-Nord",
    "44225": "Hombruch",
    "44227": "Hombruch",
    "44229": "Hombruch",
    "44263": "Hörde",
    "44265": "Hörde",
    "44269": "Aplerbeck",
    "44287": "Aplerbeck",
    "44289": "Aplerbeck",
    "44309": "Brackel",
    "44319": "Brackel",
    "44328": "Scharnhorst",
    "44329": "Scharnhorst",
    "44339": "Eving",
    "44357": "Mengede",
    "44359": "Mengede",
    "44369": "Huckarde",
    "44379": "Lütgendortmund",
    "44388": "Lütgendortmund",
}


def read_seeds(region_dir: Path) -> gpd.GeoDataFrame:
    """All seed points: name, district ('' for places outside the city), geometry."""
    rows = []
    with open(region_dir / "neighbourhoods.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            inside = row["in_dortmund"] == "True"
            district = row["stadtbezirk"] or PLACE_DISTRICTS.get(row["name"], "")
            if inside and not district:
                continue  # e.g. Stockum: district unknown, no seed
            rows.append((row["name"], district, float(row["lon"]), float(row["lat"])))
    with open(region_dir / "postcodes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["plz"] in POSTCODE_DISTRICTS:
                district = POSTCODE_DISTRICTS[row["plz"]]
                rows.append((row["plz"], district, float(row["lon"]), float(row["lat"])))
    names, districts, lons, lats = zip(*rows, strict=True)
    return gpd.GeoDataFrame(
        {"name": names, "district": districts},
        geometry=gpd.points_from_xy(lons, lats),
        crs="EPSG:4326",
    )


def build(region_dir: Path) -> dict:
    """The districts FeatureCollection (checked, rounded, sorted by name)."""
    seeds = read_seeds(region_dir)
    unknown = set(seeds["district"]) - set(DISTRICTS) - {""}
    if unknown:
        raise SystemExit(f"unknown district names in the input: {sorted(unknown)}")
    metric = seeds.to_crs(METRIC_CRS)
    inside = metric[metric["district"] != ""]
    hull = MultiPoint(list(inside.geometry)).convex_hull.buffer(HULL_BUFFER_M, quad_segs=4)
    cells = shapely.voronoi_polygons(
        MultiPoint(list(metric.geometry)), extend_to=hull.envelope.buffer(10_000), ordered=True
    )
    metric = metric.set_geometry(list(cells.geoms))
    metric = metric[metric["district"] != ""]
    dissolved = metric.dissolve(by="district")
    dissolved = dissolved.set_geometry(dissolved.geometry.intersection(hull))
    wgs84 = dissolved.to_crs("EPSG:4326")

    features = []
    for name in sorted(wgs84.index):
        geom = shapely.set_precision(wgs84.geometry[name], 10**-DECIMALS)
        geom = orient(geom, sign=1.0) if geom.geom_type == "Polygon" else geom
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "schematic": True},
                "geometry": _rounded(mapping(geom)),
            }
        )
    collection = {
        "type": "FeatureCollection",
        "schematic": True,
        "source": SOURCE,
        "features": features,
    }
    check(collection, seeds)
    return collection


def _rounded(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, float):
            return round(value, DECIMALS)
        return [walk(v) for v in value]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def check(collection: dict, seeds: gpd.GeoDataFrame) -> None:
    """Fail unless the polygons partition the area and every seed lies in its district."""
    shapes = {f["properties"]["name"]: shape(f["geometry"]) for f in collection["features"]}
    problems = []
    if sorted(shapes) != sorted(DISTRICTS):
        problems.append(f"districts: {sorted(shapes)}")
    for name, geom in shapes.items():
        if not geom.is_valid or geom.geom_type != "Polygon":
            problems.append(f"{name}: {geom.geom_type}, valid={geom.is_valid}")
    names = sorted(shapes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            overlap = shapes[a].intersection(shapes[b]).area
            if overlap > 1e-12:
                problems.append(f"{a} and {b} overlap ({overlap:.2e} deg²)")
    union = shapely.union_all(list(shapes.values()))
    if union.geom_type != "Polygon" or len(union.interiors):
        problems.append(f"the union is a {union.geom_type} with gaps")
    for row in seeds.itertuples():
        if row.district and not shapes[row.district].covers(row.geometry):
            problems.append(f"seed {row.name} is not in {row.district}")
    if problems:
        raise SystemExit("districts check failed:\n  " + "\n  ".join(problems))


def dumps(collection: dict) -> str:
    """Stable, compact text: one feature per line."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]
    ]
    return (
        json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
        + ',"features":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region-dir", type=Path, default=REGION_DIR)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = dumps(build(args.region_dir))
    target = args.region_dir / "districts.geojson"
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

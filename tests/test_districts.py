"""City districts: the shipped schematic polygons and the loader."""

import csv
import json
import os
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from refugee_map.geo.districts import Districts, OutsideRegion, load_districts

REGION_DIR = Path(__file__).resolve().parent.parent / "data" / "regions" / "dortmund"
TWELVE = [
    "Aplerbeck",
    "Brackel",
    "Eving",
    "Hombruch",
    "Huckarde",
    "Hörde",
    "Innenstadt-Nord",
    "Innenstadt-Ost",
    "Innenstadt-West",
    "Lütgendortmund",
    "Mengede",
    "Scharnhorst",
]


def _rows(name: str) -> list[dict]:
    with open(REGION_DIR / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


NEIGHBOURHOODS = [r for r in _rows("neighbourhoods.csv") if r["stadtbezirk"]]


@pytest.fixture(scope="module")
def districts() -> Districts:
    return load_districts(REGION_DIR)


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads((REGION_DIR / "districts.geojson").read_text(encoding="utf-8"))


def test_the_shipped_file_has_the_twelve_districts_marked_schematic(districts, collection):
    assert districts.names == sorted(TWELVE)
    assert districts.schematic is True
    assert collection["schematic"] is True and collection["source"]
    assert all(f["properties"]["schematic"] is True for f in collection["features"])


def test_the_shipped_file_is_small():
    assert (REGION_DIR / "districts.geojson").stat().st_size < 60_000


def test_the_districts_do_not_overlap_and_leave_no_gap(collection):
    shapes = [shape(f["geometry"]) for f in collection["features"]]
    assert all(s.is_valid for s in shapes)
    union = shapely.union_all(shapes)
    assert union.geom_type == "Polygon" and not union.interiors
    assert union.area == pytest.approx(sum(s.area for s in shapes), rel=1e-9)


@pytest.mark.parametrize("row", NEIGHBOURHOODS, ids=[r["name"] for r in NEIGHBOURHOODS])
def test_every_neighbourhood_point_locates_to_its_district(districts, row):
    assert districts.locate(float(row["lat"]), float(row["lon"])) == row["stadtbezirk"]


def test_every_dortmund_postcode_centre_lies_in_a_district(districts):
    for row in _rows("postcodes.csv"):
        assert districts.locate(float(row["lat"]), float(row["lon"])) in TWELVE


@pytest.mark.parametrize(
    ("place", "lat", "lng", "district"),
    [
        ("Nordmarkt", 51.5263, 7.4566, "Innenstadt-Nord"),
        ("Borsigplatz", 51.5239, 7.4839, "Innenstadt-Nord"),
        ("Hauptbahnhof", 51.5178, 7.4592, "Innenstadt-West"),
        ("Westfalenhalle", 51.4953, 7.4515, "Innenstadt-West"),
        ("Kaiserbrunnen", 51.5124, 7.4905, "Innenstadt-Ost"),
    ],
)
def test_the_inner_city_districts_sit_where_the_city_puts_them(
    districts, place, lat, lng, district
):
    assert districts.locate(lat, lng) == district


def test_a_point_just_outside_the_edge_gives_the_nearest_district(districts, collection):
    # The southernmost corner of the city, moved 500 m further south.
    corner_lat, corner_lng, owner = min(
        (lat, lng, f["properties"]["name"])
        for f in collection["features"]
        for lng, lat in f["geometry"]["coordinates"][0]
    )
    lat = corner_lat - 500 / 111_320
    outside = shapely.Point(corner_lng, lat)
    assert not any(shape(f["geometry"]).covers(outside) for f in collection["features"])
    assert districts.locate(lat, corner_lng) == owner


def test_a_point_5_km_outside_the_city_raises_outside_region(districts):
    minlng, minlat, maxlng, maxlat = districts.bounds
    with pytest.raises(OutsideRegion):
        districts.locate((minlat + maxlat) / 2, maxlng + 5000 / 69_300)


def test_a_point_in_berlin_raises_outside_region(districts):
    with pytest.raises(OutsideRegion, match="outside"):
        districts.locate(52.5163, 13.3777)


@pytest.mark.parametrize(("lat", "lng"), [(float("nan"), 7.46), (51.51, float("inf"))])
def test_a_point_that_is_not_a_number_raises_outside_region(districts, lat, lng):
    with pytest.raises(OutsideRegion):
        districts.locate(lat, lng)


def test_outside_region_is_a_value_error():
    assert issubclass(OutsideRegion, ValueError)


def test_bounds_are_lng_lat_and_cover_the_city(districts):
    minlng, minlat, maxlng, maxlat = districts.bounds
    assert 7.25 < minlng < 7.35 and 7.60 < maxlng < 7.70
    assert 51.38 < minlat < 51.45 and 51.57 < maxlat < 51.62


def test_geojson_gives_each_district_with_name_and_a_fresh_copy(districts):
    data = districts.geojson()
    assert data["type"] == "FeatureCollection" and data["schematic"] is True
    assert [f["properties"]["name"] for f in data["features"]] == districts.names
    data["features"].clear()
    assert len(districts.geojson()["features"]) == 12


def _official_style(name_property: str) -> dict:
    """Two square districts as an open-data portal would export them."""
    features = []
    for number, (name, x) in enumerate([("Innenstadt-West", 7.40), ("Innenstadt-Ost", 7.45)], 1):
        ring = [[x, 51.50], [x + 0.05, 51.50], [x + 0.05, 51.55], [x, 51.55], [x, 51.50]]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "geo_point_2d": {"lon": x + 0.025, "lat": 51.525},
                    "stadtbezirk_nr": f"0{number}",
                    name_property: name,
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@pytest.mark.parametrize(
    "name_property", ["name", "NAME", "bezeichnung", "stadtbezirk", "sbz_name", "Stadtbezirk_Name"]
)
def test_an_official_style_file_with_another_name_property_loads(tmp_path, name_property):
    (tmp_path / "districts.geojson").write_text(json.dumps(_official_style(name_property)))
    districts = load_districts(tmp_path)
    assert districts.names == ["Innenstadt-Ost", "Innenstadt-West"]
    assert districts.schematic is False
    assert districts.locate(51.52, 7.42) == "Innenstadt-West"
    assert districts.locate(51.52, 7.47) == "Innenstadt-Ost"
    assert districts.geojson()["features"][0]["properties"] == {
        "name": "Innenstadt-Ost",
        "schematic": False,
    }


def test_a_file_without_a_name_property_is_rejected_with_a_clear_message(tmp_path):
    data = _official_style("title")
    (tmp_path / "districts.geojson").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="no name property"):
        load_districts(tmp_path)


def test_a_file_in_a_projected_crs_is_rejected(tmp_path):
    data = _official_style("name")
    for feature in data["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"] = [[[x * 50_000, y * 100_000] for x, y in ring]]
    (tmp_path / "districts.geojson").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="WGS84"):
        load_districts(tmp_path)


def test_load_districts_reads_the_file_again_when_it_changes(tmp_path):
    path = tmp_path / "districts.geojson"
    path.write_text(json.dumps(_official_style("name")))
    first = load_districts(tmp_path)
    assert load_districts(tmp_path) is first
    data = _official_style("name")
    data["features"][0]["properties"]["name"] = "Mengede"
    path.write_text(json.dumps(data))
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 10**9))
    assert "Mengede" in load_districts(tmp_path).names

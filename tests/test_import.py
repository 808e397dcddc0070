"""`refugee-map import`: every format, every kind of bad input, all or nothing."""

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import geopandas
import pytest
import store_support
from click.testing import CliRunner
from samples import CENTRE_OFFER
from shapely.geometry import Point

from refugee_map import create_app, store
from refugee_map.cli import main
from refugee_map.domain import offers
from refugee_map.exchange import formats as exchange
from refugee_map.exchange import import_geocoding
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import GeocoderError, GeocodeResult
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store

GOOD = CENTRE_OFFER | {"email": "info@example.org"}
SECOND = GOOD | {"title": "Sprachcafé", "category": "meeting-points", "organization": "Café e.V.",
                 "street": "Brückstraße 10", "lat": "51.5150", "lng": "7.4700"}  # fmt: skip


@pytest.fixture
def env(tmp_path):
    """A migrated database holding one offer, so "nothing written" is visible."""
    path = tmp_path / "live.db"
    db = store.connect(path)
    store.init(db)
    districts = load_districts(Path(create_app().config["REGION_DIR"]))
    cleaned = offers.clean(GOOD | {"title": "Schon da"}, districts=districts)
    offer_store.create_offer(db, cleaned, by="test")
    db.close()
    return {"REFUGEE_MAP_DB": str(path)}


def run_import(env, *args):
    return CliRunner().invoke(main, ["import", *map(str, args)], env=env)


def snapshot(env) -> list:
    return store_support.rows(env["REFUGEE_MAP_DB"], "SELECT * FROM offers ORDER BY id",
                "SELECT * FROM offer_history ORDER BY id")  # fmt: skip


def write_csv(path: Path, rows: list[dict], *, delimiter=",", bom=False) -> Path:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = [delimiter.join(columns)]
    lines += [delimiter.join(f'"{row.get(column, "")}"' for column in columns) for row in rows]
    path.write_text(("\ufeff" if bom else "") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def big_file_rows(count: int) -> list[dict]:
    """Distinct offers spread over the city centre."""
    rng = random.Random(count)
    return [SECOND | {"title": f"Angebot {n}", "street": f"Straße {n}",
                      "lat": f"{rng.uniform(51.49, 51.53):.6f}",
                      "lng": f"{rng.uniform(7.42, 7.52):.6f}"} for n in range(count)]  # fmt: skip


def all_offers(env) -> list[dict]:
    return offer_store.find_offers(
        store.connect(env["REFUGEE_MAP_DB"]), offer_store.OfferQuery(statuses=())
    )


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", True), (";", False)])
def test_csv_as_spreadsheets_write_it_imports_every_row(env, tmp_path, delimiter, bom):
    path = write_csv(tmp_path / "offers.csv", [GOOD, SECOND], delimiter=delimiter, bom=bom)
    result = run_import(env, path)
    assert result.exit_code == 0, result.output
    titles = {offer["title"] for offer in all_offers(env)}
    assert {"Beratung im Zentrum", "Sprachcafé", "Schon da"} == titles


def test_geojson_features_import_with_their_point(env, tmp_path):
    properties = {k: v for k, v in SECOND.items() if k not in ("lat", "lng")}
    point = {"type": "Point", "coordinates": [7.47, 51.515]}
    feature = {"type": "Feature", "geometry": point, "properties": properties}
    path = tmp_path / "offers.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    assert run_import(env, path).exit_code == 0
    imported = [o for o in all_offers(env) if o["title"] == "Sprachcafé"][0]
    assert (imported["lat"], imported["lng"], imported["district"]) == (
        51.515,
        7.47,
        "Innenstadt-West",
    )


def test_geopackage_features_import_with_their_point(env, tmp_path):
    properties = {k: v for k, v in SECOND.items() if k not in ("lat", "lng")}
    frame = geopandas.GeoDataFrame([properties], geometry=[Point(7.47, 51.515)], crs=4326)
    frame.to_file(tmp_path / "offers.gpkg", driver="GPKG")
    result = run_import(env, tmp_path / "offers.gpkg")
    assert result.exit_code == 0, result.output
    imported = [o for o in all_offers(env) if o["title"] == "Sprachcafé"][0]
    assert (imported["lat"], imported["lng"]) == (51.515, 7.47)
    assert imported["languages"] == ["de", "en"]


BAD_ROWS = {
    "missing title": ({"title": ""}, "title"),
    "unknown category": ({"category": "haircuts"}, "category"),
    "bad coordinates": ({"lat": "north"}, "lat"),
    "lat and lng swapped": ({"lat": "7.4652", "lng": "51.5142"}, "lat"),
    "bad e-mail": ({"email": "info at example"}, "email"),
    "no location at all": ({"lat": "", "lng": "", "street": "", "postcode": ""}, "lat"),
    "postcode of another city": ({"postcode": "10115"}, "postcode"),
    "unknown district": ({"district": "Atlantis"}, "district"),
    "overlong district": ({"district": "x" * 150}, "district"),
}


@pytest.mark.parametrize("change", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_import_with_one_bad_row_changes_nothing_and_names_row_and_field(env, tmp_path, change):
    fields, field = change
    before = snapshot(env)
    path = write_csv(tmp_path / "offers.csv", [GOOD, SECOND | fields])
    result = run_import(env, path)
    assert result.exit_code != 0
    assert f"Zeile 3: {field}:" in result.output
    assert "nichts wurde importiert" in result.output
    assert snapshot(env) == before


def test_geojson_feature_with_a_polygon_is_reported_by_number(env, tmp_path):
    feature = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []},
               "properties": GOOD}  # fmt: skip
    path = tmp_path / "offers.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    result = run_import(env, path)
    assert result.exit_code != 0
    assert "Objekt 1: geometry:" in result.output


def _latin1(path: Path) -> None:
    path.write_bytes("title,category\nMöbelbörse,donations\n".encode("latin-1"))


def _binary(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(4096))


def _junk_bytes(path: Path) -> None:
    path.write_bytes(random.Random(2).randbytes(10 * 1024 * 1024))


def _junk_text(path: Path) -> None:
    rng = random.Random(3)
    path.write_text("".join(rng.choices('abc,;"\n ', k=10 * 1024 * 1024)))


BAD_FILES = {
    "latin-1 encoded": (_latin1, "nicht UTF-8-kodiert"),
    "empty": (lambda path: path.write_text(""), "ist leer"),
    "only a header": (lambda path: path.write_text("title,category\n"), "aber keine Zeilen"),
    "binary, not a CSV": (_binary, "keine Textdatei"),
    "10 MB of random bytes": (_junk_bytes, "keine Textdatei"),
    "10 MB of junk text": (_junk_text, "fehlen die Spalten category, title"),
    "a CSV of something else": (
        lambda p: p.write_text("a,b\n1,2\n"),
        "fehlen die Spalten category, title",
    ),
    "GeoJSON named .csv": (lambda p: p.write_text('{"type": "Feat'), "enthält JSON, kein CSV"),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_unreadable_file_is_reported_clearly_and_changes_nothing(env, tmp_path, case):
    make, message = case
    path = tmp_path / "offers.csv"
    make(path)
    before = snapshot(env)
    result = run_import(env, path)
    assert result.exit_code == 1
    assert message in result.output
    assert "Nichts wurde importiert" in result.output
    assert "Traceback" not in result.output
    assert snapshot(env) == before


def test_dry_run_shows_created_updated_and_unchanged_and_writes_nothing(env, tmp_path):
    existing = all_offers(env)[0]
    unchanged = exchange.to_csv_row(existing)
    updated = unchanged | {"id": "", "description": "Neu beschrieben"}  # matched by address
    path = write_csv(tmp_path / "offers.csv", [unchanged, SECOND])
    before = snapshot(env)
    result = run_import(env, path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "1 neues Angebot, 0 geänderte Angebote, 1 unverändert" in result.output
    write_csv(path, [updated])
    result = run_import(env, path, "--dry-run")
    assert "0 neue Angebote, 1 geändertes Angebot, 0 unverändert" in result.output
    assert snapshot(env) == before


def test_import_updates_matched_offer_with_one_history_entry_naming_the_file(env, tmp_path):
    existing = all_offers(env)[0]
    row = exchange.to_csv_row(existing) | {"id": "", "description": "Neu beschrieben"}
    path = write_csv(tmp_path / "spring-update.csv", [row, SECOND])
    assert run_import(env, path).exit_code == 0
    db = store.connect(env["REFUGEE_MAP_DB"])
    assert offer_store.get_offer(db, existing["id"])["description"] == "Neu beschrieben"
    for offer in all_offers(env):
        newest = offer_history.history(db, offer["id"])[0]
        assert newest["source"] == "spring-update.csv"
    assert db["offer_history"].count == 1 + 2


def test_rows_without_coordinates_are_geocoded_after_the_import(env, tmp_path):
    path = write_csv(
        tmp_path / "offers.csv", [SECOND | {"lat": "", "lng": "", "postcode": "44135"}]
    )
    result = run_import(env, path)
    assert result.exit_code == 0, result.output
    assert "1/1" in result.output and "auf der Karte" in result.output
    offer = [o for o in all_offers(env) if o["title"] == "Sprachcafé"][0]
    assert (offer["lat"], offer["lng"]) == (51.513228, 7.475437)
    assert offer["location_approximate"] is True
    assert offer["district"] == "Innenstadt-Ost"


def test_likely_duplicates_are_flagged_but_imported(env, tmp_path):
    twin = GOOD | {"title": "Beratung im Zentrum!", "organization": "Anderer Verein",
                   "lat": "51.5143", "street": "Kampstraße 2"}  # fmt: skip
    same_address = GOOD | {"title": "Ganz anderes Angebot"}
    path = write_csv(tmp_path / "offers.csv", [GOOD, twin, same_address])
    result = run_import(env, path, "--dry-run")
    assert (
        "Mögliche Doppelung: Zeile 2, Zeile 3, Zeile 4, Angebot 1: Punkte weniger als 50 m "
        "voneinander entfernt, ähnliche Titel; gleiche Organisation und Adresse\n"
    ) in result.output
    assert result.exit_code == 0


def test_kill_9_during_a_large_import_leaves_the_database_as_it_was(env, tmp_path):
    rows = big_file_rows(5000)
    path = write_csv(tmp_path / "big.csv", rows)
    before = snapshot(env)
    process = subprocess.Popen(
        [sys.executable, "-m", "refugee_map.cli", "import", str(path)],
        env=os.environ | env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for line in process.stdout:
            if line.startswith("geschrieben: 1000/"):
                break
        else:
            pytest.fail("the import never reported progress")
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(env) == before
    assert store_support.intact(env["REFUGEE_MAP_DB"])


def test_the_documented_example_file_imports_and_places_rows_without_coordinates(env):
    example = Path(__file__).parent.parent / "data" / "example_import.csv"
    result = run_import(env, example)
    assert result.exit_code == 0, result.output
    assert "3 neue Angebote, 0 geänderte Angebote, 0 unverändert" in result.output
    assert all(offer["lat"] is not None for offer in all_offers(env))


class FakeGeocoder:
    """Answers from a dict; a missing query is "not found", "fail" raises."""

    def __init__(self, answers):
        self.answers = answers

    def geocode(self, query):
        if "fail" in query:
            raise GeocoderError("service down")
        return self.answers.get(query)


def test_geocoding_skips_points_outside_the_region_and_failures_and_reports_them(env):
    db = store.connect(env["REFUGEE_MAP_DB"])
    districts = load_districts(Path(create_app().config["REGION_DIR"]))
    made = [
        offer_store.create_offer(db, offers.clean(GOOD | {"lat": "", "lng": "", "street": street},
                                            require_location=False), by="test")
        for street in ("Hier 1", "Berlin 1", "fail 1", "Nirgends 1")
    ]  # fmt: skip
    geocoder = FakeGeocoder({
        "Hier 1 44137 Dortmund": GeocodeResult(51.5142, 7.4652, "Hier", False, "fake"),
        "Berlin 1 44137 Dortmund": GeocodeResult(52.52, 13.40, "Berlin", False, "fake"),
    })  # fmt: skip
    seen = []
    unplaced = import_geocoding.geocode_missing(
        db, [o["id"] for o in made], geocoder, districts, source="x.csv",
        progress=lambda number, total, offer, outcome: seen.append(outcome),
    )  # fmt: skip
    assert unplaced == [o["id"] for o in made[1:]]
    assert seen[0] == "placed" and "außerhalb der Region" in str(seen[1])
    assert "Adresssuche fehlgeschlagen" in str(seen[2]) and "nicht gefunden" in str(seen[3])
    placed = offer_store.get_offer(db, made[0]["id"])
    assert (placed["lat"], placed["district"], placed["location_approximate"]) == (
        51.5142, "Innenstadt-West", False,
    )  # fmt: skip
    assert offer_history.history(db, made[0]["id"])[0]["action"] == "geocode"


def test_a_geopackage_layer_without_geometry_gets_a_report_not_a_crash(env, tmp_path):
    import pandas
    import pyogrio

    table = pandas.DataFrame([{"category": "education", "title": "Sprachkurs"}])
    pyogrio.write_dataframe(table, tmp_path / "table.gpkg", driver="GPKG")
    result = run_import(env, tmp_path / "table.gpkg")
    assert result.exit_code == 1, result.output
    assert "Objekt 1: lat:" in result.output


def test_geocoding_after_an_import_leaves_pins_placed_by_hand_alone(env, tmp_path):

    db = store.connect(env["REFUGEE_MAP_DB"])
    placed = offer_store.create_offer(db, offers.clean(GOOD | {"title": "Von Hand"}), by="editor")

    class Geocoder:
        def geocode(self, query):
            raise AssertionError("an offer with a pin must not be geocoded")

    unplaced = import_geocoding.geocode_missing(db, [placed["id"]], Geocoder(), None, source="x")
    assert unplaced == []
    assert offer_store.get_offer(db, placed["id"])["lat"] == placed["lat"]

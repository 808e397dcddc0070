"""``--region`` on the commands ``import``, ``export``, ``export-map`` and ``handout``: each
works on one region's offers, districts, postcodes, tiles and links; without it on the
first region (the settings'), as before there were regions."""

import json

import pytest
import regions_support
from test_standalone_map import map_data

from refugee_map.store import offers as offer_store

pytest_plugins = ["regions_fixtures"]

BOCHUM_ROW = (
    "category,title,organization,street,postcode,city,lat,lng,status\n"
    "counselling,Beratung Bochum,Beispielverein,Kampstraße 1,44787,Bochum,51.48,7.22,published\n"
)


def command(app, *args: str, **settings: str):
    return regions_support.command(app.config["DB"], *args, **settings)


def succeeded(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def region_of(db, title: str) -> list[int]:
    return [row["region_id"] for row in db.query("SELECT region_id FROM offers WHERE title = ?",
                                                 [title])]  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["import", "{file}"],
        ["export", "--format", "csv"],
        ["export-map", "-o", "{out}"],
        ["handout", "--district", "Hörde", "-o", "{out}"],
    ],
)
def test_a_region_no_one_added_is_one_line_and_nothing_happens(two_regions, db, tmp_path, args):
    csv = tmp_path / "offers.csv"
    csv.write_text(BOCHUM_ROW, encoding="utf-8")
    out = tmp_path / "out.html"
    filled = [arg.format(file=csv, out=out) for arg in args]
    result = command(two_regions, *filled, "--region", "herne")
    assert result.exit_code == 1
    assert result.output == "Error: There is no region 'herne'; the regions: dortmund, bochum.\n"
    assert not out.exists() and offer_store.count_offers(db) == 0


def test_import_into_a_region_checks_its_postcodes_and_gives_it_the_offers(two_regions, db,
                                                                           tmp_path):  # fmt: skip
    csv = tmp_path / "bochum.csv"
    csv.write_text(BOCHUM_ROW, encoding="utf-8")
    refused = command(two_regions, "import", str(csv))  # 44787 is no postcode of Dortmund
    assert refused.exit_code == 1 and "44787" in refused.output
    succeeded(command(two_regions, "import", str(csv), "--region", "bochum"))
    assert region_of(db, "Beratung Bochum") == [2]


def test_import_into_a_region_matches_only_its_offers(two_regions, db, make_offer, tmp_path):
    """A Dortmund offer with the row's organisation, title and address (and one with the
    row's id) stays as it is: the row makes Bochum's offer, then updates that one."""
    twin = make_offer(title="Beratung Bochum", postcode="44787", city="Bochum")
    csv = tmp_path / "bochum.csv"
    csv.write_text(BOCHUM_ROW, encoding="utf-8")
    created = succeeded(command(two_regions, "import", str(csv), "--region", "bochum"))
    assert "1 neues Angebot" in created
    assert sorted(region_of(db, "Beratung Bochum")) == [1, 2]
    again = succeeded(command(two_regions, "import", str(csv), "--region", "bochum"))
    assert "1 unverändert" in again
    header, row = BOCHUM_ROW.splitlines()
    with_id = f"id,{header}\n{twin['id']},{row}\n"
    csv.write_text(with_id.replace("Beratung Bochum", "Umbenannt"), encoding="utf-8")
    refused = command(two_regions, "import", str(csv), "--region", "bochum")
    assert refused.exit_code == 1
    assert f"Die Id {twin['id']} gehört zu keinem Angebot dieser Region." in refused.output
    assert offer_store.get_offer(db, twin["id"])["title"] == "Beratung Bochum"


def test_export_writes_one_regions_offers_the_first_by_default(two_regions, offers_in_both):
    _dortmund, bochum = offers_in_both
    home = json.loads(succeeded(command(two_regions, "export", "--format", "geojson")))
    assert [f["properties"]["title"] for f in home["features"]] == ["Beratung Dortmund"]
    text = succeeded(command(two_regions, "export", "--format", "geojson", "--region", "bochum"))
    (feature,) = json.loads(text)["features"]
    assert feature["properties"]["title"] == "Beratung Bochum"
    assert f"https://karte.example/bochum/offers/{bochum['id']}" in text
    every_status = ["export", "--format", "csv", "--all", "--region", "bochum"]
    csv = succeeded(command(two_regions, *every_status))
    assert "Beratung Bochum" in csv and "Beratung Dortmund" not in csv


def test_export_map_of_a_region_shows_its_offers_tiles_and_links(two_regions, offers_in_both,
                                                                tmp_path):  # fmt: skip
    _dortmund, bochum = offers_in_both
    out = tmp_path / "bochum.html"
    args = ["export-map", "-o", str(out), "--region", "bochum", "--district", "Bochum-Mitte"]
    succeeded(command(two_regions, *args, "--tiles"))
    page = out.read_text(encoding="utf-8")
    assert "Beratung Bochum" in page and "Beratung Dortmund" not in page
    assert "<title>Hilfsangebote für Geflüchtete in Bochum – Stadtbezirk Bochum-Mitte" in page
    assert "https://tiles.bochum.example/{z}/{x}/{y}.png" in page and "Bochum tiles" in page
    assert f"https://karte.example/bochum/offers/{bochum['id']}" in page
    succeeded(command(two_regions, *args))  # without --tiles: no tiles at all
    assert "tiles.bochum.example" not in out.read_text(encoding="utf-8")


def test_export_map_refuses_another_regions_district(two_regions, tmp_path):
    result = command(two_regions, "export-map", "-o", str(tmp_path / "m.html"),
                     "--district", "Hörde", "--region", "bochum")  # fmt: skip
    assert result.exit_code == 2 and "Bochum-Mitte, Wattenscheid" in result.output


def test_handout_of_a_region_lists_its_offers_with_its_links(two_regions, offers_in_both,
                                                             tmp_path):  # fmt: skip
    _dortmund, bochum = offers_in_both
    out = tmp_path / "handout.html"
    succeeded(command(two_regions, "handout", "--district", "Bochum-Mitte", "-o", str(out),
                      "--region", "bochum"))  # fmt: skip
    page = out.read_text(encoding="utf-8")
    assert "Beratung Bochum" in page and "Beratung Dortmund" not in page
    assert f"https://karte.example/bochum/offers/{bochum['id']}" in page
    assert "<h1>Hilfsangebote für Geflüchtete in Bochum</h1>" in page


def test_with_host_names_the_links_lead_to_the_regions_host(two_regions, offers_in_both):
    _dortmund, bochum = offers_in_both
    export = ["export", "--format", "geojson", "--region", "bochum"]
    hosts = '{"bochum": "karte.bochum.example"}'
    text = succeeded(command(two_regions, *export, REGION_URLS="host", REGION_HOSTS=hosts))
    assert f"https://karte.bochum.example/offers/{bochum['id']}" in text
    unserved = json.loads(succeeded(command(two_regions, *export, REGION_URLS="host")))
    (feature,) = unserved["features"]  # Bochum has no host: no pages, no links to them
    assert "karte.example" not in json.dumps(feature)


def test_export_map_shows_a_regions_linked_attribution_as_text(app, db, tmp_path):
    link = '<a href="https://osm.example/copyright">OpenStreetMap</a>'
    toml = "tile_url = 'https://t.example/{z}/{x}/{y}.png'\n"
    toml += f"tile_attribution = '&copy; {link} contributors'\n"
    folder = regions_support.write_region_folder(tmp_path / "herne", toml=toml)
    assert regions_support.region_command(app.config["DB"], "add", "herne", "--from",
                                          str(folder)).exit_code == 0  # fmt: skip
    out = tmp_path / "herne.html"
    succeeded(command(app, "export-map", "-o", str(out), "--region", "herne", "--tiles"))
    tiles = map_data(out.read_text(encoding="utf-8"))["tiles"]
    assert tiles == {"url": "https://t.example/{z}/{x}/{y}.png",
                     "attribution": "© OpenStreetMap contributors"}  # fmt: skip


def test_import_into_a_region_places_its_rows_with_its_gazetteer(two_regions, db, tmp_path):
    csv = tmp_path / "bochum.csv"
    unplaced = BOCHUM_ROW.replace(",lat,lng,", ",").replace(",51.48,7.22,", ",")
    csv.write_text(unplaced, encoding="utf-8")
    output = succeeded(command(two_regions, "import", str(csv), "--region", "bochum"))
    assert "auf der Karte" in output
    (offer,) = offer_store.find_offers(db, offer_store.OfferQuery(region=2))
    assert (offer["lat"], offer["lng"]) == (51.48, 7.22)  # Bochum's postcode 44787

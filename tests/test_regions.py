"""Regions as tenants, the foundation: the ``regions`` table (m013) whose first row is the
region of the settings, ``refugee-map region add/list``, and each region's public pages at
its path prefix or host name, with its own districts, tiles, agency and language."""

import html
import io
import json
import re
import sqlite3

import pytest
from admin_support import EDITOR_EMAIL, signed_in
from click.testing import CliRunner
from regions_support import BOCHUM_TILES, write_region_folder
from samples import CENTRE_OFFER

from refugee_map import create_app, store
from refugee_map.cli import main
from refugee_map.config import SettingError
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store
from refugee_map.store import regions as region_store


def region_command(db_path, *args):
    env = {"REFUGEE_MAP_DB": str(db_path), "REFUGEE_MAP_SECRET_KEY": "test"}
    return CliRunner().invoke(main, ["region", *args], env=env)


@pytest.fixture
def bochum(tmp_path):
    return write_region_folder(tmp_path / "bochum")


@pytest.fixture
def two_regions(app, bochum):
    """The test app with Bochum added beside the region of the settings (Dortmund)."""
    result = region_command(app.config["DB"], "add", "bochum", "--from", str(bochum))
    assert result.exit_code == 0, result.output
    return app


# --- the table ---------------------------------------------------------------------------


def test_the_migration_makes_the_settings_region_the_first_row(fresh_db):
    (row,) = region_store.all_regions(fresh_db)
    assert row["id"] == region_store.HOME
    assert {column: row[column] for column in region_store.COLUMNS} == dict.fromkeys(
        region_store.COLUMNS
    )


def test_the_first_region_follows_the_settings_as_they_change(app):
    app.config["AGENCY_NAME"] = "Neue Redaktion"
    with app.app_context():
        region = app.extensions["regions"].home()
    assert (region.slug, region.name, region.agency_name) == (
        "dortmund",
        "Dortmund",
        "Neue Redaktion",
    )
    assert region.region_dir == app.config["REGION_DIR"]


def test_only_the_first_region_may_go_without_a_slug(db):
    with pytest.raises(sqlite3.IntegrityError), store.writing(db):
        db.execute("INSERT INTO regions (created_at) VALUES ('2026-01-01')")


# --- refugee-map region add / list -------------------------------------------------------


def test_region_add_and_list(two_regions):
    listed = region_command(two_regions.config["DB"], "list").output.splitlines()
    assert [line.split("\t")[:4] for line in listed] == [
        ["dortmund", "Dortmund", two_regions.config["AGENCY_NAME"], "de"],
        ["bochum", "Bochum", "Hilfe-Karte Bochum", "en"],
    ]


def _broken(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


BAD_FOLDERS = {
    "no districts": lambda f: (f / "districts.geojson").unlink(),
    "districts not GeoJSON": lambda f: _broken(f, "districts.geojson", "{not json"),
    "districts without features": lambda f: _broken(f, "districts.geojson", '{"type": "x"}'),
    "no postcodes": lambda f: (f / "postcodes.csv").unlink(),
    "postcodes without a column": lambda f: _broken(f, "postcodes.csv", "plz,lat\n1,2\n"),
    "no neighbourhoods": lambda f: (f / "neighbourhoods.csv").unlink(),
    "bad places.csv": lambda f: _broken(
        f, "places.csv", "name,kind,lat,lon,source,licence\nBahnhof,tower,51,7,osm,odbl\n"
    ),  # fmt: skip
    "region.toml not TOML": lambda f: _broken(f, "region.toml", "name = "),
    "unknown key": lambda f: _broken(f, "region.toml", 'colour = "red"'),
    "empty name": lambda f: _broken(f, "region.toml", 'name = ""'),
    "language not offered": lambda f: _broken(f, "region.toml", 'default_language = "xx"'),
    "bounds not a box": lambda f: _broken(f, "region.toml", "bounds = [7.3, 51.4, 7.1, 51.5]"),
    "bounds of text": lambda f: _broken(f, "region.toml", 'bounds = ["w", "s", "e", "n"]'),
}


@pytest.mark.parametrize("breakage", BAD_FOLDERS.values(), ids=BAD_FOLDERS.keys())
def test_region_add_refuses_a_bad_folder_and_adds_nothing(db, bochum, breakage):
    breakage(bochum)
    result = region_command(db_path(db), "add", "bochum", "--from", str(bochum))
    assert result.exit_code == 1
    assert "No region was added." in result.output and "Traceback" not in result.output
    assert len(region_store.all_regions(db)) == 1


@pytest.mark.parametrize("slug", ["Bochum", "b", "-bochum", "bochum-", "bo/chum", "admin", "api",
                                  "dortmund", "a" * 41])  # fmt: skip
def test_region_add_refuses_a_name_that_cannot_be_a_region_url(db, bochum, slug):
    result = region_command(db_path(db), "add", slug, "--from", str(bochum))
    assert result.exit_code == 2 and "SLUG" in result.output
    assert len(region_store.all_regions(db)) == 1


def test_region_add_refuses_a_name_taken(two_regions, tmp_path):
    again = write_region_folder(tmp_path / "again")
    result = region_command(two_regions.config["DB"], "add", "bochum", "--from", str(again))
    assert result.exit_code == 2 and "exists already" in result.output


def db_path(db) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2]


# --- URLs --------------------------------------------------------------------------------


def map_config(response) -> dict:
    """What the map page hands to its script (its ``data-config`` attribute)."""
    assert response.status_code == 200
    found = re.search(r"id=\"map-app\" data-config='([^']*)'", response.get_data(as_text=True))
    return json.loads(html.unescape(found.group(1)))


def district_names(response) -> list[str]:
    assert response.status_code == 200
    return sorted(feature["properties"]["name"] for feature in response.get_json()["features"])


def test_each_region_has_its_pages_at_its_path_prefix(two_regions):
    client = two_regions.test_client()
    home, bochum = map_config(client.get("/")), map_config(client.get("/bochum/"))
    assert home["tiles"]["url"] == two_regions.config["TILE_URL"]
    assert home["offersUrl"] == "/api/offers"  # the first region keeps today's URLs
    assert bochum["tiles"]["url"] == BOCHUM_TILES
    assert bochum["offersUrl"] == "/bochum/api/offers"
    assert bochum["tiles"]["outlines"] == "/bochum/api/districts"
    assert bochum["bounds"] == [[51.45, 7.1], [51.5, 7.25]]
    assert district_names(client.get("/bochum/api/districts")) == ["Bochum-Mitte", "Wattenscheid"]
    assert "Hörde" in district_names(client.get("/api/districts"))


def test_a_regions_pages_allow_its_tiles_and_speak_its_language(two_regions):
    client = two_regions.test_client()
    bochum = client.get("/bochum/")
    assert "https://tiles.bochum.example" in bochum.headers["Content-Security-Policy"]
    assert "https://tiles.bochum.example" not in client.get("/").headers["Content-Security-Policy"]
    assert '<html lang="en"' in bochum.get_data(as_text=True)
    assert '<html lang="de"' in client.get("/").get_data(as_text=True)
    asked = client.get("/bochum/", headers={"Accept-Language": "uk"})
    assert '<html lang="uk"' in asked.get_data(as_text=True)


def test_a_region_added_while_the_app_runs_is_served_at_once(app, client, bochum):
    assert client.get("/bochum/").status_code == 404  # one region: today's URLs only
    assert region_command(app.config["DB"], "add", "bochum", "--from", str(bochum)).exit_code == 0
    assert map_config(client.get("/bochum/"))["tiles"]["url"] == BOCHUM_TILES


@pytest.mark.parametrize("path", ["/dortmund/", "/essen/", "/bochum/"])
def test_a_single_region_install_keeps_todays_urls_only(client, path):
    assert client.get(path).status_code == 404
    assert client.get("/").status_code == 200


def test_a_region_not_known_is_not_found(two_regions):
    assert two_regions.test_client().get("/essen/api/districts").status_code == 404


@pytest.fixture
def by_host(two_regions):
    two_regions.config |= {
        "REGION_URLS": "host",
        "REGION_HOSTS": {"bochum": "karte.bochum.example"},
    }
    return create_app(dict(two_regions.config))


def test_each_region_can_have_its_host_name(by_host):
    client = by_host.test_client()
    bochum = client.get("/api/districts", base_url="https://karte.bochum.example")
    assert district_names(bochum) == ["Bochum-Mitte", "Wattenscheid"]
    config = map_config(client.get("/", base_url="https://karte.bochum.example:443"))
    assert config["offersUrl"] == "/api/offers" and config["tiles"]["url"] == BOCHUM_TILES
    assert "Hörde" in district_names(client.get("/api/districts", base_url="http://other.example"))
    assert client.get("/bochum/api/districts").status_code == 404  # no path prefixes then


@pytest.mark.parametrize(
    "setting",
    [
        {"REGION_URLS": "subdomain"},
        {"REGION_HOSTS": ["karte.bochum.example"]},
        {"REGION_HOSTS": {"bochum": ""}},
        {"REGION_HOSTS": {"bochum": 7}},
    ],  # fmt: skip
)
def test_region_url_settings_that_cannot_match_a_request_stop_the_start(tmp_path, setting):
    with pytest.raises(SettingError, match="REGION_"):
        create_app({"DB": str(tmp_path / "t.db"), "SECRET_KEY": "t"} | setting)


# --- each region's offers ----------------------------------------------------------------


@pytest.fixture
def offers_in_both(two_regions, db, make_offer):
    """One published offer in each region: (Dortmund's, Bochum's)."""
    dortmund = make_offer(title="Beratung Dortmund")
    with two_regions.app_context():
        cleaned = offers.clean(CENTRE_OFFER | {"title": "Beratung Bochum", "city": "Bochum"})
    bochum_fields = cleaned | {"lat": 51.48, "lng": 7.22, "district": "Bochum-Mitte"}
    bochum = offer_store.create_offer(db, bochum_fields, by="test", region=2)
    return dortmund, bochum


LISTS = ["/api/offers", "/api/offers?limit=10", "/api/offers?q=Beratung",
         "/ogc/collections/offers/items"]  # fmt: skip


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [feature["properties"]["title"] for feature in response.get_json()["features"]]


def map_count(response) -> int:
    assert response.status_code == 200
    view = response.get_json()
    return sum(cluster["count"] for cluster in view["clusters"]) + len(view["offers"])


@pytest.mark.parametrize("path", LISTS)
def test_a_regions_lists_show_its_own_offers_only(two_regions, offers_in_both, path):
    client = two_regions.test_client()
    assert titles(client.get(path)) == ["Beratung Dortmund"]
    assert titles(client.get(f"/bochum{path}")) == ["Beratung Bochum"]


@pytest.mark.parametrize("zoom", [3, 12, 18])
def test_a_regions_map_counts_its_own_offers_only(two_regions, offers_in_both, zoom):
    client = two_regions.test_client()
    world = f"/api/map?bbox=-179,-80,179,80&zoom={zoom}"
    assert map_count(client.get(world)) == 1
    assert map_count(client.get(f"/bochum{world}")) == 1


def test_a_regions_downloads_and_pages_hold_its_own_offers_only(two_regions, offers_in_both):
    client = two_regions.test_client()
    for path in ("/export.csv", "/list", "/handout?district=Hörde"):
        text = client.get(path).get_data(as_text=True)
        assert "Beratung Bochum" not in text
    bochum_export = client.get("/bochum/export.geojson").get_data(as_text=True)
    assert "Beratung Bochum" in bochum_export and "Beratung Dortmund" not in bochum_export
    handout = client.get("/bochum/handout?district=Bochum-Mitte").get_data(as_text=True)
    assert "Beratung Bochum" in handout and "Beratung Dortmund" not in handout


@pytest.mark.parametrize(
    "path",
    [
        "/offers/{}",
        "/api/offers/{}",
        "/ogc/collections/offers/items/{}",
        "/offers/{}/report",
        "/suggest?offer={}",
    ],  # fmt: skip
)
def test_an_offer_of_another_region_is_not_found(two_regions, offers_in_both, path):
    dortmund, bochum = offers_in_both
    client = two_regions.test_client()
    assert client.get(path.format(dortmund["id"])).status_code == 200
    assert client.get(path.format(bochum["id"])).status_code == 404
    assert client.get("/bochum" + path.format(bochum["id"])).status_code == 200
    assert client.get("/bochum" + path.format(dortmund["id"])).status_code == 404


def test_each_host_gets_its_own_regions_offers_also_from_the_cache(by_host, offers_in_both):
    client = by_host.test_client()
    for _again in range(2):  # the second answer comes from the whole-city cache
        bochum = client.get("/api/offers", base_url="http://karte.bochum.example")
        assert titles(bochum) == ["Beratung Bochum"]
        assert titles(client.get("/api/offers")) == ["Beratung Dortmund"]


def test_an_offer_made_in_a_regions_back_office_belongs_to_it(two_regions, admin, db):
    in_bochum = {"title": "Neu in Bochum", "lat": "51.48", "lng": "7.22", "city": "Bochum",
                 "postcode": "44787", "languages": "de"}  # fmt: skip
    form = CENTRE_OFFER | in_bochum | {"csrf_token": admin.token}
    response = admin.post("/bochum/admin/offers/new", data=form)
    assert response.status_code == 302
    (row,) = db.query("SELECT region_id FROM offers WHERE title = 'Neu in Bochum'")
    assert row["region_id"] == 2
    dortmunds = admin.post("/admin/offers/new", data=form)  # a Bochum postcode in Dortmund
    assert dortmunds.status_code == 422 and 'id="postcode-error"' in dortmunds.get_data(
        as_text=True
    )


def test_links_made_from_the_requests_path_keep_the_regions_prefix(two_regions, admin):
    page = two_regions.test_client().get("/bochum/list?category=counselling")
    assert 'href="/bochum/list?category=counselling&amp;lang=uk"' in page.get_data(as_text=True)
    back = admin.get("/bochum/admin/login?next=/admin/offers")
    assert back.status_code == 302 and back.location == "/bochum/admin/offers"


def test_offers_imported_in_a_regions_back_office_belong_to_it(two_regions, admin, db):
    csv = (
        "category,title,street,postcode,city,lat,lng,status\n"
        "counselling,Importiert in Bochum,Hauptstr. 1,44787,Bochum,51.48,7.22,published\n"
    )
    form = {"csrf_token": admin.token, "file": (io.BytesIO(csv.encode()), "bochum.csv")}
    page = admin.post("/bochum/admin/import", data=form, content_type="multipart/form-data")
    assert page.status_code == 200, page.get_data(as_text=True)
    token = page.get_data(as_text=True).split('name="token" value="', 1)[1].split('"', 1)[0]
    confirmed = admin.post("/bochum/admin/import/confirm",
                           data={"csrf_token": admin.token, "token": token})  # fmt: skip
    assert confirmed.status_code == 302
    (row,) = db.query("SELECT region_id FROM offers WHERE title = 'Importiert in Bochum'")
    assert row["region_id"] == 2


def test_printed_and_mailed_links_lead_to_the_offers_region(two_regions, offers_in_both):
    two_regions.config["PUBLIC_URL"] = "https://karte.example"
    _dortmund, bochum = offers_in_both
    handout = two_regions.test_client().get("/bochum/handout?district=Bochum-Mitte")
    assert f"https://karte.example/bochum/offers/{bochum['id']}" in handout.get_data(as_text=True)


def test_printed_links_lead_to_the_regions_host(by_host, offers_in_both):
    by_host.config["PUBLIC_URL"] = "https://karte.example"
    _dortmund, bochum = offers_in_both
    handout = by_host.test_client().get(
        "/handout?district=Bochum-Mitte", base_url="https://karte.bochum.example"
    )
    link = f"https://karte.bochum.example/offers/{bochum['id']}"
    assert link in handout.get_data(as_text=True)


def test_the_confirmation_mail_comes_from_the_regions_agency_with_its_link(two_regions, db):
    two_regions.config["PUBLIC_URL"] = "https://karte.example"
    with two_regions.app_context():
        fields = offers.clean(CENTRE_OFFER | {"email": "info@verein.example"})
    stale = fields | {"lat": 51.48, "lng": 7.22, "verified_at": "2020-01-01"}
    offer = offer_store.create_offer(db, stale, by="test", region=2)
    editor = signed_in(two_regions, EDITOR_EMAIL, "editor")
    asked = editor.post(f"/bochum/admin/freshness/{offer['id']}/ask",
                        data={"csrf_token": editor.token})  # fmt: skip
    page = asked.get_data(as_text=True)
    assert "https://karte.example/bochum/confirm/" in page
    assert "Hilfe-Karte Bochum" in page and "Die Redaktion" not in page


def test_a_suggestion_accepted_in_a_regions_back_office_belongs_to_it(two_regions, editor, db):
    client = two_regions.test_client()
    suggestion = {"category": "education", "title": "Deutschkurs Ehrenfeld", "lat": "51.47",
                  "lng": "7.21", "languages": ["de"]}  # fmt: skip
    assert client.post("/bochum/suggest", data=suggestion).status_code == 303
    (submission,) = db.query("SELECT id FROM submissions")
    accepted = editor.post(f"/bochum/admin/review/{submission['id']}/accept",
                           data={"csrf_token": editor.token, "status": "published"})  # fmt: skip
    assert accepted.status_code == 302
    (row,) = db.query("SELECT region_id FROM offers WHERE title = 'Deutschkurs Ehrenfeld'")
    assert row["region_id"] == 2
    assert titles(client.get("/bochum/api/offers")) == ["Deutschkurs Ehrenfeld"]


def test_the_ogc_collections_extent_is_its_regions(two_regions, offers_in_both):
    client = two_regions.test_client()
    bochum = client.get("/bochum/ogc/collections/offers").get_json()
    assert bochum["extent"]["spatial"]["bbox"] == [[7.1, 51.45, 7.25, 51.5]]
    dortmund = client.get("/ogc/collections/offers").get_json()["extent"]["spatial"]["bbox"][0]
    assert dortmund[0] > 7.25  # Bochum's offer (7.22) does not widen Dortmund's extent


def test_an_installed_regions_app_stays_in_its_region(two_regions):
    manifest = two_regions.test_client().get("/bochum/manifest.webmanifest").get_json()
    assert manifest["scope"] == "/bochum/" and manifest["start_url"].startswith("/bochum/")
    assert two_regions.test_client().get("/manifest.webmanifest").get_json()["scope"] == "/"

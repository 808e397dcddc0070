"""Regions as tenants, the foundation: the ``regions`` table (m013) whose first row is the
region of the settings, ``refugee-map region add/list``, and each region's public pages at
its path prefix or host name, with its own districts, tiles, agency and language."""

import html
import json
import re

import pytest
from admin_support import signed_in
from regions_support import BOCHUM_TILES, region_command, write_region_folder
from store_support import INTEGRITY_ERRORS

from refugee_map import create_app, store
from refugee_map.config import SettingError
from refugee_map.store import regions as region_store

pytest_plugins = ["regions_fixtures"]


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
    with pytest.raises(INTEGRITY_ERRORS), store.writing(db):
        db.execute("INSERT INTO regions (created_at) VALUES ('2026-01-01')")


# --- refugee-map region add / list -------------------------------------------------------


def test_region_add_and_list(two_regions):
    listed = region_command(two_regions.config["DB"], "list").output.splitlines()
    assert [line.split("\t")[:4] for line in listed] == [
        ["dortmund", "Dortmund", "Die Redaktion der Hilfe-Karte Dortmund", "de"],
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
    # the tiles' URL goes into the Content-Security-Policy header, the attribution into the map
    "tile URL widening the CSP": lambda f: _broken(
        f, "region.toml", 'tile_url = "https://t.example; script-src *;/{z}/{x}/{y}.png"'
    ),
    "tile URL with a line break": lambda f: _broken(
        f, "region.toml", 'tile_url = "https://t.example/{z}/{x}/{y}.png\\nSet-Cookie: a=b"'
    ),
    "tile URL of a script": lambda f: _broken(
        f, "region.toml", 'tile_url = "javascript:{z}{x}{y}"'
    ),
    "tile URL without {z}/{x}/{y}": lambda f: _broken(
        f, "region.toml", 'tile_url = "https://t.example/tile.png"'
    ),
    "attribution with markup": lambda f: _broken(
        f, "region.toml", 'tile_attribution = "<img src=x onerror=alert(1)>"'
    ),
    "attribution linking a script": lambda f: _broken(
        f, "region.toml", "tile_attribution = '<a href=\"javascript:alert(1)\">x</a>'"
    ),
}


def test_an_attribution_may_link_its_sources(app, bochum):
    link = '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    _broken(bochum, "region.toml", f"tile_attribution = '&copy; {link} contributors'")
    result = region_command(app.config["DB"], "add", "bochum", "--from", str(bochum))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("breakage", BAD_FOLDERS.values(), ids=BAD_FOLDERS.keys())
def test_region_add_refuses_a_bad_folder_and_adds_nothing(app, db, bochum, breakage):
    breakage(bochum)
    result = region_command(app.config["DB"], "add", "bochum", "--from", str(bochum))
    assert result.exit_code == 1
    assert "No region was added." in result.output and "Traceback" not in result.output
    assert len(region_store.all_regions(db)) == 1


@pytest.mark.parametrize("slug", ["Bochum", "b", "-bochum", "bochum-", "bo/chum", "admin", "api",
                                  "dortmund", "a" * 41])  # fmt: skip
def test_region_add_refuses_a_name_that_cannot_be_a_region_url(app, db, bochum, slug):
    result = region_command(app.config["DB"], "add", slug, "--from", str(bochum))
    assert result.exit_code == 2 and "SLUG" in result.output
    assert len(region_store.all_regions(db)) == 1


def test_region_add_refuses_a_name_taken(two_regions, tmp_path):
    again = write_region_folder(tmp_path / "again")
    result = region_command(two_regions.config["DB"], "add", "bochum", "--from", str(again))
    assert result.exit_code == 2 and "exists already" in result.output


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


def test_the_first_region_answers_under_its_prefix_once_another_process_added_one(
    app, client, bochum
):
    assert client.get("/dortmund/").status_code == 404  # one region: today's URLs only
    assert region_command(app.config["DB"], "add", "bochum", "--from", str(bochum)).exit_code == 0
    assert client.get("/dortmund/").status_code == 200


@pytest.mark.parametrize("path", ["/dortmund/", "/essen/", "/bochum/"])
def test_a_single_region_install_keeps_todays_urls_only(client, path):
    assert client.get(path).status_code == 404
    assert client.get("/").status_code == 200


def test_a_region_not_known_is_not_found(two_regions):
    assert two_regions.test_client().get("/essen/api/districts").status_code == 404


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


def test_links_made_from_the_requests_path_keep_the_regions_prefix(two_regions):
    page = two_regions.test_client().get("/bochum/list?category=counselling")
    assert 'href="/bochum/list?category=counselling&amp;lang=uk"' in page.get_data(as_text=True)
    admin = signed_in(two_regions, "bochum@example.org", "admin", region=2, prefix="/bochum")
    back = admin.get("/bochum/admin/login?next=/admin/offers")
    assert back.status_code == 302 and back.location == "/bochum/admin/offers"


def test_an_installed_regions_app_stays_in_its_region(two_regions):
    manifest = two_regions.test_client().get("/bochum/manifest.webmanifest").get_json()
    assert manifest["scope"] == "/bochum/" and manifest["start_url"].startswith("/bochum/")
    assert two_regions.test_client().get("/manifest.webmanifest").get_json()["scope"] == "/"

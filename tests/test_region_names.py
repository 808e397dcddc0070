"""The region's name in every text that names the city: page titles and headings, the web
app manifest, the OGC API and OpenAPI titles, the confirmation e-mail and page, the new
offer form's city. A region's name comes from its ``region.toml`` (hostile input): it is
escaped wherever it goes and can never break a header line."""

import json

import pytest
from markupsafe import escape
from regions_support import command, region_command, write_region_folder

from refugee_map.domain import mail, regions
from refugee_map.store import offers as offer_store
from refugee_map.store import regions as region_store

pytest_plugins = ["regions_fixtures"]

HOSTILE_NAME = """Herne <script>alert("x")</script> & 'Wanne'"""


def text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_each_regions_pages_name_its_city(two_regions):
    client = two_regions.test_client()
    bochum, dortmund = text(client, "/bochum/list?lang=de"), text(client, "/list")
    assert "– Hilfe-Karte Bochum</title>" in bochum and "Dortmund" not in bochum
    assert "<h1>Hilfsangebote für Geflüchtete in Bochum</h1>" in bochum
    assert "– Hilfe-Karte Dortmund</title>" in dortmund and "Bochum" not in dortmund
    assert "Hilfsangebote für Geflüchtete in Bochum</h1>" in text(client, "/bochum/?lang=de")
    suggest = text(client, "/bochum/suggest?lang=de")
    assert "Angebot für Geflüchtete in Bochum, das auf der Karte fehlt" in suggest
    assert 'name="city" type="text" value="Bochum"' in suggest
    english = text(client, "/bochum/list")  # Bochum's default language
    assert "– Bochum Help Map</title>" in english and "Help for refugees in Bochum" in english


def test_each_regions_manifest_api_and_ogc_titles_name_its_city(two_regions):
    client = two_regions.test_client()
    manifest = client.get("/bochum/manifest.webmanifest?lang=en").get_json(force=True)
    assert manifest["name"] == "Bochum Help Map"
    assert manifest["description"] == "Help for refugees in Bochum"
    landing = client.get("/bochum/ogc").get_json()  # in Bochum's default language
    assert landing["title"] == "Bochum Help Map"
    assert landing["description"] == "Help for refugees in Bochum"
    collection = client.get("/bochum/ogc/collections/offers").get_json()
    assert collection["description"] == "Help for refugees in Bochum"
    api = client.get("/bochum/api/openapi.json").get_json()
    assert api["info"]["title"] == "Hilfe-Karte Bochum: public API"
    assert client.get("/ogc").get_json()["title"] == "Hilfe-Karte Dortmund"


def test_the_confirmation_mail_and_page_name_the_offers_city(two_regions, db):
    fields = {"title": "Sprachcafé", "category": "leisure", "email": "a@b.example",
              "lat": 51.48, "lng": 7.22, "status": "published"}  # fmt: skip
    offer = offer_store.create_offer(db, fields, by="test", region=2)
    region = regions.all_regions(db, two_regions.config)[1]
    with two_regions.test_request_context():
        message = mail.confirmation_message(offer, "https://x.example/c", 30, "Redaktion",
                                            region.site_name)  # fmt: skip
    assert message.subject == "Bitte prüfen: „Sprachcafé“ auf der Hilfe-Karte Bochum"
    token = mail.make_token(two_regions.config["SECRET_KEY"], offer["id"], offer["version"])
    page = text(two_regions.test_client(), f"/bochum/confirm/{token}?lang=de")
    assert "So steht Ihr Angebot auf der Hilfe-Karte Bochum." in page


def test_a_region_without_an_agency_is_signed_by_its_own_editors(app, db, tmp_path):
    folder = write_region_folder(tmp_path / "herne", toml='name = "Herne"\n')
    assert region_command(app.config["DB"], "add", "herne", "--from", str(folder)).exit_code == 0
    herne = regions.all_regions(db, app.config)[1]
    assert herne.agency_name == "Die Redaktion der Hilfe-Karte Herne"


@pytest.mark.parametrize("key", ["name", "agency_name"])
@pytest.mark.parametrize(
    "bad", ["Herne\\nBcc: x@example.org", "Herne\\r", "Her\\u0000ne", " Herne"]
)
def test_region_add_refuses_a_name_that_is_not_one_line(app, db, tmp_path, key, bad):
    folder = write_region_folder(tmp_path / "herne", toml=f'{key} = "{bad}"\n')
    result = region_command(app.config["DB"], "add", "herne", "--from", str(folder))
    assert result.exit_code == 1 and f"{key} must be one line of text" in result.output
    assert len(regions.all_regions(db, app.config)) == 1


def test_a_hostile_region_name_is_escaped_wherever_it_goes(app, db, tmp_path):
    toml = f"name = {json.dumps(HOSTILE_NAME)}\n"
    folder = write_region_folder(tmp_path / "herne", toml=toml)
    assert region_command(app.config["DB"], "add", "herne", "--from", str(folder)).exit_code == 0
    client = app.test_client()
    for path in ("/herne/", "/herne/list", "/herne/suggest"):
        page = text(client, path)
        assert "<script>alert" not in page and str(escape(HOSTILE_NAME)) in page
    manifest = json.loads(text(client, "/herne/manifest.webmanifest"))
    assert manifest["name"] == f"Hilfe-Karte {HOSTILE_NAME}"
    assert client.get("/herne/ogc").get_json()["title"] == f"Hilfe-Karte {HOSTILE_NAME}"
    for printed in (["export-map"], ["handout", "--district", "Bochum-Mitte"]):
        out = tmp_path / "printed.html"
        result = command(app.config["DB"], *printed, "--region", "herne", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert "<script>alert" not in out.read_text(encoding="utf-8")


def test_a_name_with_line_breaks_stored_however_is_one_line(app, db):
    """A row written past ``region add`` (by hand, by an older version) still makes a one-line
    name: it goes into e-mail subjects."""
    region_store.add_region(db, {"slug": "herne", "name": "Herne\r\nBcc: x@example.org"})
    herne = regions.all_regions(db, app.config)[1]
    assert herne.name == "Herne Bcc: x@example.org"
    with app.test_request_context():
        assert "\n" not in herne.site_name and "\r" not in herne.site_name

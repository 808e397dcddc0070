"""Export (GeoJSON, CSV) and the public downloads: what goes out comes back in."""

import json

import pytest
from click.testing import CliRunner
from flask import url_for

from refugee_map import store
from refugee_map.cli import main
from refugee_map.domain import offers
from refugee_map.exchange import formats as exchange
from refugee_map.store import offers as offer_store
from refugee_map.web import downloads

EVERY_FIELD = {
    "category": "education",
    "title": "Deutschkurs „Ankommen“ – A1",
    "description": 'Zwei Zeilen\nmit Umbruch, Komma; Semikolon und "Anführungszeichen"',
    "organization": "Bildungswerk e.V.",
    "street": "Hansastraße 3",
    "postcode": "44137",
    "city": "Dortmund",
    "lat": 51.5131234,
    "lng": 7.4612345,
    "district": "Innenstadt-West",
    "phone": "+49 231 123456",
    "email": "kurs@example.org",
    "website": "https://example.org/kurs",
    "opening_hours": "Mo-Fr 09:00-12:00; Sa 10:00-11:30,14:00-15:00",
    "by_appointment": True,
    "hours_note": "nicht in den Ferien",
    "languages": "de ar uk",
    "target_groups": "women youth",
    "free_of_charge": False,
    "wheelchair_access": False,
    "volunteers_wanted": True,
    "volunteer_tasks": "Hausaufgabenhilfe",
    "status": "published",
    "verified_at": "2026-03-01",
    "source_url": "https://example.org/quelle",
    "location_approximate": True,
}


@pytest.fixture
def stocked(make_offer):
    """Offers that use every field, with wheelchair access yes, no and unknown."""
    return [
        make_offer(**EVERY_FIELD),
        make_offer(**EVERY_FIELD | {"title": "Rampe", "wheelchair_access": True}),
        make_offer(
            title="Kaum Angaben", opening_hours="", languages="", district="Innenstadt-West"
        ),
        make_offer(title="Entwurf", status="draft", wheelchair_access=None),
    ]


def export(env, fmt, *extra):
    result = CliRunner().invoke(main, ["export", "--format", fmt, *extra], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def public_fields(db, statuses=("published",)) -> list[dict]:
    found = offer_store.find_offers(db, offer_store.OfferQuery(statuses=statuses))
    return [{field: offer[field] for field in offers.FIELDS} for offer in found]


@pytest.mark.parametrize(("fmt", "suffix"), [("geojson", "geojson"), ("csv", "csv")])
def test_export_then_import_into_an_empty_database_reproduces_every_field(
    app, db, stocked, tmp_path, new_database, fmt, suffix
):
    text = export({"REFUGEE_MAP_DB": app.config["DB"]}, fmt)
    (tmp_path / f"offers.{suffix}").write_text(text, encoding="utf-8")
    empty = {"REFUGEE_MAP_DB": new_database("empty.db")}
    result = CliRunner().invoke(main, ["import", str(tmp_path / f"offers.{suffix}")], env=empty)
    assert result.exit_code == 0, result.output
    copied = public_fields(store.connect(empty["REFUGEE_MAP_DB"]))
    assert copied == public_fields(db)
    assert len(copied) == 3


def test_export_all_includes_drafts(app, stocked):
    text = export({"REFUGEE_MAP_DB": app.config["DB"]}, "csv", "--all")
    assert "Entwurf" in text
    assert "Entwurf" not in export({"REFUGEE_MAP_DB": app.config["DB"]}, "csv")


def test_geojson_export_carries_every_public_field(app, stocked, tmp_path):
    env = {"REFUGEE_MAP_DB": app.config["DB"]}
    export(env, "geojson", "-o", str(tmp_path / "out.geojson"))
    collection = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))
    feature = next(f for f in collection["features"] if f["id"] == stocked[0]["id"])
    assert set(offers.FIELDS) <= set(feature["properties"])
    assert feature["geometry"]["coordinates"] == [7.4612345, 51.5131234]
    assert feature["properties"]["opening_hours_text"]


def test_csv_row_writes_booleans_lists_and_hours_as_the_import_reads_them(stocked):
    row = exchange.to_csv_row(stocked[0])
    assert row["languages"] == "de ar uk"
    assert (row["by_appointment"], row["free_of_charge"]) == ("true", "false")
    assert row["opening_hours"].startswith("Mo")
    assert exchange.to_csv_row(stocked[3])["wheelchair_access"] == ""


@pytest.fixture
def web(app):
    if "downloads" not in app.blueprints:  # until create_app registers it
        app.register_blueprint(downloads.bp)
    return app.test_client()


@pytest.mark.parametrize(
    "query", ["", "category=education", "district=Innenstadt-West&q=Deutschkurs", "language=uk"]
)
def test_filtered_download_holds_exactly_the_offers_of_the_api(web, stocked, query):
    shown = [f["id"] for f in web.get(f"/api/offers?{query}").get_json()["features"]]
    download = web.get(f"/export.geojson?{query}")
    assert download.headers["Content-Disposition"] == 'attachment; filename="offers.geojson"'
    assert [f["id"] for f in download.get_json()["features"]] == shown
    rows = list(exchange.read_csv(web.get(f"/export.csv?{query}").get_data(as_text=True)))
    assert [int(row["id"]) for row in rows] == shown


def test_download_with_a_bad_filter_answers_400_naming_it(web):
    response = web.get("/export.csv?category=food")
    assert response.status_code == 400
    assert response.get_json()["field"] == "category"


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+49 231 1", "-2", "@SUM(1)", "\t=1", "\r=1", "'=1", "'", "''x", "'s Hertogenbosch",
     "Beratung", ""],
)  # fmt: skip
def test_a_text_cell_reads_back_as_the_text_it_was_written_from(text):
    assert exchange.from_text_cell(exchange.as_text_cell(text)) == text


@pytest.mark.parametrize("text", ["=1+1", "+49 231 1", "-2", "@SUM(1)", "\t=1", "\r=1"])
def test_a_cell_that_starts_like_a_formula_is_written_with_a_quote_in_front(text):
    assert exchange.as_text_cell(text) == "'" + text


def test_a_partners_cell_starting_with_a_plain_apostrophe_is_kept():
    assert exchange.from_text_cell("'s Hertogenbosch") == "'s Hertogenbosch"


def test_numbers_are_written_as_numbers_and_text_never_runs_as_a_formula(make_offer):
    offer = make_offer(**EVERY_FIELD | {"title": "=HYPERLINK(1)", "lng": -0.1, "lat": 51.5})
    row = exchange.to_csv_row(offer)
    assert (row["title"], row["phone"], row["lng"]) == ("'=HYPERLINK(1)", "'+49 231 123456", "-0.1")


def test_an_offer_link_is_the_path_of_the_offer_page(app, make_offer):
    offer = make_offer()
    with app.test_request_context():
        assert exchange.offer_link("", offer["id"]) == url_for("public.offer", offer_id=offer["id"])


def test_a_feature_is_built_without_flask_from_the_base_url_it_is_given(make_offer):
    offer = make_offer()  # no app context and no request below
    feature = exchange.to_feature(offer, base_url="https://hilfe.example.org/")
    assert feature["properties"]["url"] == f"https://hilfe.example.org/offers/{offer['id']}"


def test_the_api_and_the_download_link_offers_by_path_as_before(client, make_offer):
    offer = make_offer()
    one = client.get(f"/api/offers/{offer['id']}").get_json()
    listed = client.get("/api/offers").get_json()["features"]
    downloaded = json.loads(client.get("/export.geojson").get_data(as_text=True))["features"]
    for feature in (one, *listed, *downloaded):
        assert feature["properties"]["url"] == f"/offers/{offer['id']}"


@pytest.mark.parametrize(
    ("public_url", "link"),
    [("", "/offers/{id}"), ("https://hilfe.example.org/", "https://hilfe.example.org/offers/{id}")],
)
def test_the_cli_export_links_offers_under_the_public_url(app, make_offer, public_url, link):
    offer = make_offer()
    env = {"REFUGEE_MAP_DB": app.config["DB"], "REFUGEE_MAP_PUBLIC_URL": public_url}
    (feature,) = json.loads(export(env, "geojson"))["features"]
    assert feature["properties"]["url"] == link.format(id=offer["id"])

"""Each region's offers: with two regions every public read shows the request's region's
offers only, and what a region's back office creates, imports or accepts belongs to it."""

import io

import pytest
from admin_support import EDITOR_EMAIL, signed_in
from samples import CENTRE_OFFER

from refugee_map.domain import offers
from refugee_map.store import offers as offer_store

pytest_plugins = ["regions_fixtures"]


@pytest.fixture
def network_admin(two_regions):
    """A network admin: an admin's rights in every region's back office."""
    return signed_in(two_regions, "network@example.org", "network-admin")


@pytest.fixture
def bochum_editor(two_regions):
    return signed_in(two_regions, EDITOR_EMAIL, "editor", region=2, prefix="/bochum")


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


def test_an_offer_made_in_a_regions_back_office_belongs_to_it(two_regions, network_admin, db):
    in_bochum = {"title": "Neu in Bochum", "lat": "51.48", "lng": "7.22", "city": "Bochum",
                 "postcode": "44787", "languages": "de"}  # fmt: skip
    form = CENTRE_OFFER | in_bochum | {"csrf_token": network_admin.token}
    response = network_admin.post("/bochum/admin/offers/new", data=form)
    assert response.status_code == 302
    (row,) = db.query("SELECT region_id FROM offers WHERE title = 'Neu in Bochum'")
    assert row["region_id"] == 2
    dortmunds = network_admin.post("/admin/offers/new", data=form)  # a Bochum postcode in Dortmund
    assert dortmunds.status_code == 422 and 'id="postcode-error"' in dortmunds.get_data(
        as_text=True
    )


def test_offers_imported_in_a_regions_back_office_belong_to_it(two_regions, network_admin, db):
    csv = (
        "category,title,street,postcode,city,lat,lng,status\n"
        "counselling,Importiert in Bochum,Hauptstr. 1,44787,Bochum,51.48,7.22,published\n"
    )
    form = {"csrf_token": network_admin.token, "file": (io.BytesIO(csv.encode()), "bochum.csv")}
    page = network_admin.post("/bochum/admin/import", data=form, content_type="multipart/form-data")
    assert page.status_code == 200, page.get_data(as_text=True)
    token = page.get_data(as_text=True).split('name="token" value="', 1)[1].split('"', 1)[0]
    confirmed = network_admin.post("/bochum/admin/import/confirm",
                           data={"csrf_token": network_admin.token, "token": token})  # fmt: skip
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
    editor = signed_in(two_regions, EDITOR_EMAIL, "editor", region=2, prefix="/bochum")
    asked = editor.post(f"/bochum/admin/freshness/{offer['id']}/ask",
                        data={"csrf_token": editor.token})  # fmt: skip
    page = asked.get_data(as_text=True)
    assert "https://karte.example/bochum/confirm/" in page
    assert "Hilfe-Karte Bochum" in page and "Die Redaktion" not in page


def test_a_suggestion_accepted_in_a_regions_back_office_belongs_to_it(
    two_regions, bochum_editor, db
):
    client = two_regions.test_client()
    suggestion = {"category": "education", "title": "Deutschkurs Ehrenfeld", "lat": "51.47",
                  "lng": "7.21", "languages": ["de"]}  # fmt: skip
    assert client.post("/bochum/suggest", data=suggestion).status_code == 303
    (submission,) = db.query("SELECT id FROM submissions")
    accepted = bochum_editor.post(f"/bochum/admin/review/{submission['id']}/accept",
                                  data={"csrf_token": bochum_editor.token,
                                        "status": "published"})  # fmt: skip
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


def test_the_language_filter_offers_the_languages_spoken_in_the_regions_offers(
    two_regions, db, make_offer
):
    make_offer(title="Beratung Dortmund", languages=["de", "tr"])
    with two_regions.app_context():
        cleaned = offers.clean(CENTRE_OFFER | {"title": "Beratung Bochum", "languages": "ar"})
    offer_store.create_offer(db, cleaned | {"district": "Bochum-Mitte"}, by="test", region=2)
    client = two_regions.test_client()
    dortmund = client.get("/list").get_data(as_text=True)
    assert '<option value="tr"' in dortmund and '<option value="ar"' not in dortmund
    bochum = client.get("/bochum/list").get_data(as_text=True)
    assert '<option value="ar"' in bochum and '<option value="tr"' not in bochum

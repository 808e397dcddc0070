"""The network-wide reads under /network/: every region's published offers, each naming its
region, through the API, the OGC API and the downloads; read-only, in both URL modes, and
with one region too."""

import csv
import io

import pytest
from naughty import sample
from network_support import PUBLISHED, SLUGS
from regions_support import region_command
from samples import CENTRE_OFFER

from refugee_map.domain import offers
from refugee_map.store import offers as offer_store

pytest_plugins = ["regions_fixtures", "network_fixtures"]

FEATURE_LISTS = [
    "/network/api/offers",
    "/network/api/offers?limit=10",
    "/network/ogc/collections/offers/items",
    "/network/export.geojson",
]
ITEM_PAGES = ["/network/api/offers/{}", "/network/ogc/collections/offers/items/{}"]
ACROSS_DORTMUND_AND_BOCHUM = "7.2,51.4,7.6,51.6"  # Herne's offer lies west of it
WITH_HEIGHTS = "7.2,51.4,0,7.6,51.6,100"


def regions_of(response) -> dict[str, str]:
    """title -> region slug of every feature of the answer."""
    assert response.status_code == 200, response.get_data(as_text=True)
    features = response.get_json()["features"]
    return {feature["properties"]["title"]: feature["properties"]["region"] for feature in features}


def every_published() -> dict[str, str]:
    return {title: SLUGS[region] for title, region in PUBLISHED.items()}


@pytest.mark.parametrize("path", FEATURE_LISTS)
def test_the_network_lists_every_regions_published_offers_with_its_region(
    three_regions, network_offers, path
):
    client = three_regions.test_client()
    assert regions_of(client.get(path)) == every_published()


def test_the_network_csv_names_each_offers_region_first(three_regions, network_offers):
    text = three_regions.test_client().get("/network/export.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.startswith("region,id,")
    assert {row["title"]: row["region"] for row in rows} == every_published()


def test_a_regions_own_lists_stay_its_own(three_regions, network_offers):
    client = three_regions.test_client()
    assert len(client.get("/network/api/offers").json["features"]) == len(PUBLISHED)
    site = client.get("/api/offers").json["features"]  # not the network's kept answer
    assert [feature["properties"]["title"] for feature in site] == ["Beratung Dortmund"]
    titles = [f["properties"]["title"] for f in client.get("/bochum/api/offers").json["features"]]
    assert titles == ["Deutschkurs Bochum"]
    assert "region" not in client.get("/bochum/api/offers").json["features"][0]["properties"]


@pytest.mark.parametrize(
    "path",
    [
        f"/network/api/offers?bbox={ACROSS_DORTMUND_AND_BOCHUM}",
        f"/network/api/offers?bbox={ACROSS_DORTMUND_AND_BOCHUM}&limit=5",
        f"/network/ogc/collections/offers/items?bbox={ACROSS_DORTMUND_AND_BOCHUM}",
        f"/network/ogc/collections/offers/items?bbox={WITH_HEIGHTS}",
        f"/network/export.geojson?bbox={ACROSS_DORTMUND_AND_BOCHUM}",
    ],
)
def test_a_bbox_takes_the_offers_of_every_region_in_it(three_regions, network_offers, path):
    found = regions_of(three_regions.test_client().get(path))
    assert found == {"Beratung Dortmund": "dortmund", "Deutschkurs Bochum": "bochum"}


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("category=education", {"Deutschkurs Bochum"}),
        ("category=donations&category=counselling", {"Kleiderkammer Herne", "Beratung Dortmund"}),
        ("q=Kleiderkammer", {"Kleiderkammer Herne"}),
        ("q=Deutschkurs&lang=en", {"Deutschkurs Bochum"}),
        ("language=en", set(PUBLISHED)),
        ("district=Wattenscheid", set()),  # a district of Bochum's (and Herne's) folder
    ],
)
def test_the_filters_work_across_regions(three_regions, network_offers, query, titles):
    client = three_regions.test_client()
    for path in ("/network/api/offers", "/network/ogc/collections/offers/items"):
        assert set(regions_of(client.get(f"{path}?{query}"))) == titles


@pytest.mark.parametrize(
    "path", ["/network/api/offers", "/network/ogc/collections/offers/items", "/network/export.csv"]
)
def test_naughty_strings_in_the_filters_never_break_the_network(three_regions, path):
    client = three_regions.test_client()
    for name in ("bbox", "category", "district", "q", "limit", "offset", "lang", "near"):
        for value in sample(80):
            response = client.get(path, query_string={name: value})
            assert response.status_code in (200, 400), (name, value)


def test_a_district_no_region_has_is_a_clear_400(three_regions, network_offers):
    response = three_regions.test_client().get("/network/api/offers?district=Atlantis")
    assert response.status_code == 400 and response.get_json()["field"] == "district"


def test_ogc_paging_links_stay_in_the_network_and_reach_every_offer(three_regions, network_offers):
    client = three_regions.test_client()
    page = client.get("/network/ogc/collections/offers/items?limit=2").get_json()
    assert page["numberMatched"] == len(PUBLISHED) and page["numberReturned"] == 2
    seen = {}
    while True:
        seen |= {f["properties"]["title"]: f["properties"]["region"] for f in page["features"]}
        after = [link["href"] for link in page["links"] if link["rel"] == "next"]
        if not after:
            break
        assert after[0].startswith("http://localhost/network/ogc/collections/offers/items?")
        page = client.get(after[0]).get_json()
    assert seen == every_published()
    assert any(link["rel"] == "prev" for link in page["links"])


def test_the_api_pages_by_limit_and_offset_across_regions(three_regions, network_offers):
    client = three_regions.test_client()
    pages = [client.get(f"/network/api/offers?limit=2&offset={at}").get_json() for at in (0, 2)]
    assert [page["numberMatched"] for page in pages] == [3, 3]
    titles = [f["properties"]["title"] for page in pages for f in page["features"]]
    assert sorted(titles) == sorted(PUBLISHED)


@pytest.mark.parametrize("path", ITEM_PAGES)
def test_each_published_offer_has_its_page_in_the_network(three_regions, network_offers, path):
    client = three_regions.test_client()
    for title, offer in network_offers.items():
        response = client.get(path.format(offer["id"]))
        if title not in PUBLISHED:
            assert response.status_code == 404
            continue
        properties = response.get_json()["properties"]
        assert properties["region"] == SLUGS[PUBLISHED[title]]
        # the offer's link leads to its page in its region
        assert properties["url"] == f"/{properties['region']}/offers/{offer['id']}"
        assert client.get(properties["url"]).status_code == 200


def test_the_network_collection_spans_every_region(three_regions, network_offers):
    client = three_regions.test_client()
    collection = client.get("/network/ogc/collections/offers").get_json()
    west, south, east, north = collection["extent"]["spatial"]["bbox"][0]
    assert west <= 7.1 and east >= 7.4652 and south <= 51.45 and north >= 51.5142
    landing = client.get("/network/ogc").get_json()
    assert landing["title"] == "Alle Regionen"
    assert all("/network/ogc" in link["href"] for link in landing["links"])
    document = client.get("/network/ogc/api").get_json()
    assert "/network/ogc/collections/offers/items" in document["paths"]


def test_the_network_page_links_every_regions_map(three_regions):
    client = three_regions.test_client()
    page = client.get("/network/").get_data(as_text=True)
    for slug, name in [("dortmund", "Dortmund"), ("bochum", "Bochum"), ("herne", "Herne")]:
        assert f'<a href="/{slug}/">{name}</a>' in page
        assert client.get(f"/{slug}/").status_code == 200
    assert 'href="/network/export.geojson"' in page and 'href="/network/ogc"' in page
    style = page.split('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert style.startswith("/network/static/") and client.get(style).status_code == 200


NOT_THERE = [
    "/network/list",
    "/network/offers/1",
    "/network/suggest",
    "/network/handout",
    "/network/admin/",
    "/network/admin/login",
    "/network/admin/offers",
    "/network/api/map?bbox=7,51,8,52&zoom=12",
    "/network/api/categories",
    "/network/api/districts",
    "/network/api/openapi.json",
    "/network/healthz",
    "/network/bochum/",
    "/network/bochum/api/offers",
    "/network/network/",
    "/network/nothing",
]


@pytest.mark.parametrize("path", NOT_THERE)
def test_every_other_route_under_network_is_not_found(three_regions, path):
    response = three_regions.test_client().get(path)
    assert response.status_code == 404
    if path.startswith("/network/api/"):  # the API's own JSON error
        assert response.get_json()["error"]


def test_the_network_page_answers_without_the_slash_too(three_regions):
    page = three_regions.test_client().get("/network").get_data(as_text=True)
    assert '<a href="/bochum/">Bochum</a>' in page


@pytest.mark.parametrize(
    "path", ["/network/admin/login", "/network/suggest", "/network/api/offers", "/network/"]
)
def test_nothing_is_written_through_the_network(three_regions, db, path):
    form = {"email": "a@b.example", "password": "x", "title": "Neu"}
    assert three_regions.test_client().post(path, data=form).status_code == 404
    assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0


def test_a_signed_in_admin_finds_no_back_office_there(three_regions, admin, db):
    assert admin.get("/admin/").status_code == 200  # signed in, at the site
    for path in ("/network/admin/", "/network/admin/offers", "/network/admin/users"):
        assert admin.get(path).status_code == 404
    form = CENTRE_OFFER | {"csrf_token": admin.token}
    assert admin.post("/network/admin/offers/new", data=form).status_code == 404
    assert db.execute("SELECT count(*) FROM offers").fetchone()[0] == 0


def test_an_edit_in_one_region_renews_the_networks_etag(three_regions, network_offers, db):
    client = three_regions.test_client()
    path = "/network/ogc/collections/offers/items"
    etag = client.get(path).headers["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    bochum = network_offers["Deutschkurs Bochum"]
    offer_store.update_offer(db, bochum["id"], {"title": "Deutschkurs Bochum-Mitte"}, by="test",
                             expected_version=bochum["version"])  # fmt: skip
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 200 and "Deutschkurs Bochum-Mitte" in regions_of(again)


def test_a_region_added_while_the_app_runs_is_named(three_regions, db, tmp_path, bochum):
    client = three_regions.test_client()
    assert client.get("/network/api/offers").status_code == 200  # the regions are known now
    result = region_command(three_regions.config["DB"], "add", "witten", "--from", str(bochum))
    assert result.exit_code == 0, result.output
    (witten,) = db.query("SELECT id FROM regions WHERE slug = 'witten'")
    made = offer_store.create_offer(db, _fields(three_regions), by="test", region=witten["id"])
    answer = client.get(f"/network/api/offers/{made['id']}").get_json()
    assert answer["properties"]["region"] == "witten"


def _fields(app) -> dict:
    with app.app_context():
        return offers.clean(CENTRE_OFFER)


def test_by_host_the_network_is_under_every_host_and_links_each_regions_host(
    by_host, network_offers
):
    client = by_host.test_client()
    for host in ("http://karte.bochum.example", "http://other.example"):
        answer = client.get("/network/api/offers", base_url=host)
        assert regions_of(answer) == every_published()
    bochum = network_offers["Deutschkurs Bochum"]
    feature = client.get(f"/network/api/offers/{bochum['id']}").get_json()
    assert feature["properties"]["url"] == f"http://karte.bochum.example/offers/{bochum['id']}"
    page = client.get("/network/", base_url="http://other.example").get_data(as_text=True)
    assert '<a href="http://karte.bochum.example/">Bochum</a>' in page
    assert client.get("/network/admin/", base_url="http://karte.bochum.example").status_code == 404


def test_with_one_region_the_network_shows_the_sites_offers(app, make_offer):
    made = [make_offer(title="Beratung Mitte"), make_offer(title="Entwurf", status="draft")]
    client = app.test_client()
    site = client.get("/api/offers").get_json()["features"]
    network = client.get("/network/api/offers").get_json()["features"]
    assert [f["id"] for f in network] == [f["id"] for f in site] == [made[0]["id"]]
    assert network[0]["properties"]["region"] == "dortmund"
    assert network[0]["properties"]["url"] == f"/offers/{made[0]['id']}"
    assert '<a href="/">Dortmund</a>' in client.get("/network/").get_data(as_text=True)


def test_network_is_no_regions_name(two_regions, bochum, db):
    result = region_command(two_regions.config["DB"], "add", "network", "--from", str(bochum))
    assert result.exit_code != 0
    assert "/network/ is one of the app's own URLs" in result.output
    assert [row["slug"] for row in db.query("SELECT slug FROM regions ORDER BY id")] == [
        None,
        "bochum",
    ]

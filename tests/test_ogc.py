"""OGC API - Features at /ogc: the routes, the paging, the filters and every bad input.

The real client (GDAL's OAPIF driver) is in test_ogc_gdal.py; the OpenAPI description is
fuzzed with schemathesis here as /api/openapi.json is in test_openapi.py."""

from itertools import count
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from naughty import sample
from openapi_spec_validator import validate
from samples import CENTRE_OFFER
from schemathesis.checks import not_a_server_error, response_schema_conformance

from refugee_map import store
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store
from refugee_map.web import ogc_args

ROOT = "/ogc"
ITEMS = f"{ROOT}/collections/offers/items"
ROUTES = [ROOT, f"{ROOT}/conformance", f"{ROOT}/api", f"{ROOT}/collections",
          f"{ROOT}/collections/offers", ITEMS, f"{ITEMS}/1"]  # fmt: skip
SLOW = [HealthCheck.too_slow, HealthCheck.filter_too_much]
ITEM_PARAMETERS = ["limit", "offset", "bbox", "datetime", "f", "lang", "category", "q"]


@pytest.fixture
def clock(monkeypatch):
    """store.now() one day later on every call: each offer's last change is its own day."""
    days = count(1)
    monkeypatch.setattr(store, "now", lambda: f"2026-03-{next(days):02d}T10:00:00+00:00")


@pytest.fixture
def three(app, db, make_offer, clock):
    """Three published offers changed on March 1st, 2nd and 3rd (the third not placed yet),
    and three never shown: a draft, an archived and a deleted offer."""
    with app.app_context():
        unplaced = offers.clean(CENTRE_OFFER | {"title": "Café", "lat": "", "lng": ""},
                                require_location=False)  # fmt: skip
    shown = [
        make_offer(title="Anlaufstelle", lat="51.55", lng="7.46"),
        make_offer(title="Beratung", category="education", lat="51.45", lng="7.47"),
        offer_store.create_offer(db, unplaced, by="test"),
    ]
    make_offer(title="Entwurf", status="draft")
    make_offer(title="Archiv", status="archived")
    deleted = make_offer(title="Gelöscht")["id"]
    offer_store.update_offer(db, deleted, {"deleted_at": store.now()}, by="test")
    return shown


def get(client, url, **query):
    response = client.get(url, query_string=query or None)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def titles(answer: dict) -> list[str]:
    return [feature["properties"]["title"] for feature in answer["features"]]


def test_the_landing_page_links_the_api_the_conformance_and_the_data(client):
    links = {link["rel"]: link for link in get(client, ROOT)["links"]}
    assert set(links) == {"self", "service-desc", "conformance", "data"}
    for link in links.values():
        assert link["href"].startswith("http://localhost/ogc")
        assert client.get(urlsplit(link["href"]).path).status_code == 200


def test_the_conformance_classes_are_core_geojson_and_openapi(client):
    classes = get(client, f"{ROOT}/conformance")["conformsTo"]
    assert {uri.rsplit("/", 1)[1] for uri in classes} == {"core", "geojson", "oas30"}


def test_the_collection_has_the_region_and_the_span_of_the_last_changes(client, three):
    [offers] = get(client, f"{ROOT}/collections")["collections"]
    assert offers == get(client, f"{ROOT}/collections/offers")
    assert offers["id"] == "offers" and offers["itemType"] == "feature"
    [[west, south, east, north]] = offers["extent"]["spatial"]["bbox"]
    assert west < 7.46 < east and south < 51.45 < 51.55 < north
    first, last = offers["extent"]["temporal"]["interval"][0]
    assert (first, last) == ("2026-03-01T10:00:00Z", "2026-03-03T10:00:00Z")
    assert {link["rel"] for link in offers["links"]} == {"self", "items"}


def test_items_are_the_published_offers_as_the_api_gives_each(client, three):
    response = client.get(ITEMS)
    assert response.content_type == "application/geo+json"
    answer = response.get_json()
    assert titles(answer) == ["Anlaufstelle", "Beratung", "Café"]
    assert (answer["numberMatched"], answer["numberReturned"]) == (3, 3)
    assert answer["timeStamp"].endswith("Z")
    single = get(client, f"/api/offers/{three[0]['id']}")
    assert answer["features"][0]["properties"] == single["properties"]
    assert answer["features"][2]["geometry"] is None  # not placed yet


def test_next_links_page_through_every_offer_once(client, three):
    seen, url = [], f"{ITEMS}?limit=2&category=counselling&category=education"
    while url:
        answer = get(client, url)
        seen += titles(answer)
        assert answer["numberMatched"] == 3
        url = next((link["href"] for link in answer["links"] if link["rel"] == "next"), None)
    assert seen == ["Anlaufstelle", "Beratung", "Café"]
    last = {link["rel"]: link["href"] for link in answer["links"]}
    assert parse_qs(urlsplit(last["prev"]).query) == {
        "category": ["counselling", "education"], "limit": ["2"], "offset": ["0"]
    }  # fmt: skip


def test_the_limit_has_a_default_and_a_maximum(client, make_offer):
    for number in range(ogc_args.DEFAULT_LIMIT + 1):
        make_offer(title=f"Angebot {number:02d}")
    assert get(client, ITEMS)["numberReturned"] == ogc_args.DEFAULT_LIMIT
    answer = get(client, ITEMS, limit="9" * 30)
    assert answer["numberReturned"] == ogc_args.DEFAULT_LIMIT + 1
    [self] = [link["href"] for link in answer["links"] if link["rel"] == "self"]
    assert f"limit={ogc_args.MAX_LIMIT}" in self


@pytest.mark.parametrize(
    ("bbox", "expected"),
    [
        ("7.4,51.5,7.5,51.6", ["Anlaufstelle"]),
        ("7.4,51.4,0,7.5,51.6,100", ["Anlaufstelle", "Beratung"]),
    ],
)
def test_bbox_keeps_the_offers_inside_with_or_without_heights(client, three, bbox, expected):
    assert titles(get(client, ITEMS, bbox=bbox)) == expected


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("2026-03-02T10:00:00Z", ["Beratung"]),
        ("2026-03-02T12:00:00+02:00", ["Beratung"]),
        ("2026-03-02T10:00:00.5Z", []),
        ("2026-03-02", ["Beratung"]),
        ("2026-03-02T00:00:00Z/..", ["Beratung", "Café"]),
        ("2026-03-02/", ["Beratung", "Café"]),
        ("../2026-03-02", ["Anlaufstelle", "Beratung"]),
        ("/2026-03-01T10:00:00Z", ["Anlaufstelle"]),
        ("2026-03-01T10:00:01Z/2026-03-03T09:59:59Z", ["Beratung"]),
        ("../..", ["Anlaufstelle", "Beratung", "Café"]),
    ],
)
def test_datetime_is_matched_against_the_last_change(client, three, span, expected):
    assert titles(get(client, ITEMS, datetime=span)) == expected


def test_one_item_and_the_ones_not_shown(client, three, db):
    offer = three[0]
    response = client.get(f"{ITEMS}/{offer['id']}")
    assert response.content_type == "application/geo+json"
    feature = response.get_json()
    assert feature["properties"]["title"] == "Anlaufstelle"
    assert {link["rel"] for link in feature["links"]} == {"self", "collection"}
    hidden = [row["id"] for row in db.query("SELECT id FROM offers WHERE title IN"
                                            " ('Entwurf', 'Archiv', 'Gelöscht')")]  # fmt: skip
    for missing in [*hidden, 10**6]:
        answer = client.get(f"{ITEMS}/{missing}")
        assert answer.status_code == 404
        assert answer.get_json()["field"] == "id"


@pytest.mark.parametrize("path", ["/ogc/nothing", f"{ITEMS}/abc", f"{ITEMS}/١٢", "/ogc/"])
def test_an_unknown_address_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "error" in response.get_json()


@pytest.mark.parametrize("route", ROUTES)
def test_an_unknown_parameter_is_a_400_naming_it(client, three, route):
    response = client.get(route, query_string={"bbox-crs": "EPSG:4326", "filter": "x"})
    assert response.status_code == 400
    assert response.get_json()["field"] == "bbox-crs"
    assert client.get(route, query_string={"f": "json"}).status_code == 200
    assert client.get(route, query_string={"f": "html"}).get_json()["field"] == "f"


def test_items_take_only_their_own_parameters_elsewhere(client):
    answer = client.get(f"{ROOT}/collections", query_string={"limit": "2"})
    assert answer.status_code == 400


@pytest.mark.parametrize(
    ("name", "value"),
    [("limit", "0"), ("limit", "-1"), ("limit", "1.5"), ("limit", "١٢"), ("offset", "-1"),
     ("offset", "x"), ("bbox", "1,2,3"), ("bbox", "8,52,7,51"), ("bbox", "1,2,3,4,5"),
     ("datetime", "2026-03-02T10:00:00"), ("datetime", "2026-13-01"), ("datetime", "a/b/c"),
     ("datetime", "2026-03-03/2026-03-01"), ("datetime", "9999-12-31T23:59:59-01:00"),
     ("datetime", "0001-01-01T00:00:00+01:00"), ("lang", "deutsch"), ("category", "x")],
)  # fmt: skip
def test_a_bad_value_is_a_400_naming_the_parameter(client, name, value):
    response = client.get(ITEMS, query_string={name: value})
    assert response.status_code == 400
    assert response.get_json()["field"] == name


@pytest.mark.parametrize(
    "query", [{"limit": "0"}, {"offset": "x"}, {"datetime": "x"}, {"f": "xml"}, {"x": "1"}]
)
def test_errors_come_in_the_requests_language(client, query):
    german = client.get(ITEMS, query_string=query).get_json()["error"]
    english = client.get(ITEMS, query_string=query | {"lang": "en"}).get_json()["error"]
    arabic = client.get(ITEMS, query_string=query, headers={"Accept-Language": "ar"})
    assert len({german, english, arabic.get_json()["error"]}) == 3


@pytest.mark.parametrize("route", ROUTES)
def test_naughty_strings_in_every_parameter_never_break_a_route(client, three, route):
    names = ITEM_PARAMETERS if route == ITEMS else ["f", "lang", "limit"]
    for name in names:
        for value in sample(25):
            response = client.get(route, query_string={name: value})
            assert response.status_code in (200, 400), (name, value)
            assert response.is_json, (name, value)


def test_a_revalidation_is_a_304_until_an_offer_changes(client, three, db):
    first = client.get(ITEMS)
    assert first.headers["Cache-Control"] == "public, no-cache"
    again = client.get(ITEMS, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    offer_store.update_offer(db, three[0]["id"], {"title": "Neu"}, by="test")
    changed = client.get(ITEMS, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and "Neu" in titles(changed.get_json())


def test_the_openapi_description_is_valid_and_documents_the_limit(client):
    document = get(client, f"{ROOT}/api")
    validate(document)
    parameters = {p["name"]: p for p in document["paths"][ITEMS]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == ogc_args.MAX_LIMIT
    assert parameters["limit"]["schema"]["default"] == ogc_args.DEFAULT_LIMIT
    assert set(parameters) == ogc_args.ITEMS


def test_every_operation_answers_as_documented(app, three):
    schema = schemathesis.openapi.from_wsgi(f"{ROOT}/api", app)

    for path in ROUTES[:-1] + [f"{ITEMS}/{{featureId}}"]:

        @given(case=schema[path]["GET"].as_strategy())
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=SLOW)
        def answers_as_documented(case) -> None:
            case.call_and_validate(
                checks=[not_a_server_error, response_schema_conformance],
                headers={"Accept-Encoding": "identity"},
            )

        answers_as_documented()

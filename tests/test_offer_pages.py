"""/api/offers in pages (limit, offset, near): pages never overlap and cover every match,
the count is exact, "near" sorts by distance; bad values are answered 400."""

import math
from collections import Counter
from dataclasses import replace

import pytest
from map_data import UNPLACED, app_with_offers

from refugee_map import store
from refugee_map.store import dialect, offer_filters, offer_lists, search_index
from refugee_map.store import offers as offer_store
from refugee_map.web import api, filters

OFFERS = 300
FILTERS = {
    "": offer_store.OfferQuery(),
    "category=education": offer_store.OfferQuery(categories=("education",)),
    "q=beratung": offer_store.OfferQuery(**filters.text_search("beratung", None)),
    "district=Innenstadt-Nord&language=ar": offer_store.OfferQuery(
        district="Innenstadt-Nord", language="ar"
    ),
}
HERE = (51.5136, 7.4653)


@pytest.fixture(scope="module")
def pages_app(lasting_database):
    return app_with_offers(lasting_database("pages"), OFFERS)


@pytest.fixture(scope="module")
def pages_client(pages_app):
    return pages_app.test_client()


@pytest.fixture(scope="module")
def matching(pages_app):
    """Filter query string -> the matching offers' ids in the public order."""
    db = store.connect(pages_app.config["DB"])
    found = {args: [o["id"] for o in offer_store.find_offers(db, q)] for args, q in FILTERS.items()}
    db.close()
    return found


def all_pages(client, args, size):
    """Every page of ``size`` for the filters ``args``; the pages as answered."""
    pages, offset = [], 0
    while True:
        answer = client.get(f"/api/offers?{args}&limit={size}&offset={offset}").json
        pages.append(answer)
        offset += size
        if offset >= answer["numberMatched"]:
            return pages


@pytest.mark.parametrize("args", FILTERS)
@pytest.mark.parametrize("size", [3, 7, 200])
def test_pages_cover_every_match_once_in_order(pages_client, matching, args, size):
    pages = all_pages(pages_client, args, size)
    ids = [feature["id"] for page in pages for feature in page["features"]]
    assert ids == matching[args] and len(matching[args]) > 3
    for page in pages:
        assert page["numberMatched"] == len(matching[args])
        assert page["numberReturned"] == len(page["features"]) <= size


@pytest.mark.parametrize("size", [3, 7, 200])
def test_a_search_with_more_matches_than_are_ranked_pages_newest_first(
    pages_client, matching, monkeypatch, size
):
    """Ranking every match of a common word costs too much at a million offers: beyond
    RANKED_MATCHES the pages come newest first, still every match once, counted exactly.
    Text matches stay before the offers only the search topic "counselling" finds."""
    db = store.connect(pages_client.application.config["DB"])
    phases = search_index.search_phases(FILTERS["q=beratung"])
    text, topic = ([o["id"] for o in offer_store.find_offers(db, p)] for p in phases)
    db.close()
    monkeypatch.setattr(search_index, "RANKED_MATCHES", len(text) + 1)
    pages = all_pages(pages_client, "q=beratung", size)
    ids = [feature["id"] for page in pages for feature in page["features"]]
    assert ids == text + sorted(topic, reverse=True) and ids != matching["q=beratung"]
    assert {page["numberMatched"] for page in pages} == {len(ids)}


def test_a_page_has_the_slim_features_of_the_whole_list_and_what_offline_search_needs(
    pages_client,
):
    whole = {f["id"]: f for f in pages_client.get("/api/offers").json["features"]}
    page = pages_client.get("/api/offers?limit=5&offset=3").json
    for feature in page["features"]:
        extra = {name: feature["properties"].pop(name) for name in api.OFFLINE_FILTERED}
        assert set(extra) == {"description", "languages", "opening_hours"}
    assert [whole[f["id"]] for f in page["features"]] == page["features"]
    assert page["type"] == "FeatureCollection"


def test_a_page_past_the_end_is_empty_but_counts(pages_client, matching):
    answer = pages_client.get("/api/offers?category=education&limit=10&offset=100000").json
    assert answer["features"] == [] and answer["numberReturned"] == 0
    assert answer["numberMatched"] == len(matching["category=education"])


def test_offset_or_near_alone_get_the_default_page_size(pages_client):
    for args in ("offset=0", "near=51.5,7.4"):
        answer = pages_client.get(f"/api/offers?{args}").json
        assert answer["numberReturned"] == 50 and answer["numberMatched"] > 50


@pytest.mark.parametrize("args", list(FILTERS))
def test_the_first_page_counts_the_matches_per_district_whatever_district_is_chosen(
    pages_client, pages_app, args
):
    answer = pages_client.get(f"/api/offers?{args}&limit=5").json
    db = store.connect(pages_app.config["DB"])
    others = replace(FILTERS[args], district=None)  # each district's count, as if chosen
    expected = Counter(o["district"] for o in offer_store.find_offers(db, others) if o["district"])
    db.close()
    assert answer["district_counts"] == dict(expected) and expected
    if FILTERS[args].district:
        assert answer["district_counts"][FILTERS[args].district] == answer["numberMatched"]


@pytest.mark.parametrize(
    "query",
    [offer_store.OfferQuery(), offer_store.OfferQuery(categories=("education", "donations")),
     offer_store.OfferQuery(district="Hörde", volunteers_wanted=True)],
)  # fmt: skip
@pytest.mark.sqlite_only("SQLite's query plan; PostgreSQL's planner is checked in test_postgres")
def test_district_counts_read_one_index_and_no_offer_row(pages_app, query):
    db = store.connect(pages_app.config["DB"])
    statements = []
    db.conn.set_trace_callback(statements.append)
    offer_lists.district_counts(db, query)
    db.conn.set_trace_callback(None)
    (counted,) = [sql for sql in statements if "count(" in sql]
    plan = [step[3] for step in db.execute(f"EXPLAIN QUERY PLAN {counted}")]
    db.close()
    reads = [step for step in plan if " offers " in f"{step} "]
    assert reads and all("USING COVERING INDEX offers_district_facets" in s for s in reads)
    if query.categories:  # district by district, only the chosen categories' entries
        assert any("(district=? AND category=?)" in step for step in reads)


@pytest.mark.sqlite_only("SQLite's query plan; PostgreSQL's planner is checked in test_postgres")
def test_a_span_of_last_changes_is_read_through_their_index(pages_app):
    """The OGC API's ``datetime``: the offers changed in a span, not every offer's row."""
    db = store.connect(pages_app.config["DB"])
    for span in ({"changed_since": "2025-01-01T00:00:00+00:00"},
                 {"changed_since": "2025-01-01T00:00:00+00:00",
                  "changed_until": "2025-02-01T00:00:00+00:00"}):  # fmt: skip
        joins, where, params = offer_filters.filter_sql(
            offer_store.OfferQuery(**span), dialect.of(db)
        )
        plan = db.execute(f"EXPLAIN QUERY PLAN SELECT count(*) FROM offers WHERE {where}", params)
        assert "USING INDEX offers_updated (updated_at>" in plan.fetchall()[0][3]
    db.close()


def test_later_pages_leave_the_district_counts_out(pages_client):
    assert "district_counts" not in pages_client.get("/api/offers?limit=5&offset=5").json


def test_a_page_gives_the_phone_number_for_the_call_button(pages_client, pages_app):
    feature = pages_client.get("/api/offers?limit=1").json["features"][0]
    db = store.connect(pages_app.config["DB"])
    offer = offer_store.get_offer(db, feature["id"])
    db.close()
    assert feature["properties"]["phone"] == offer["phone"]


def metres(feature) -> float:
    lng, lat = feature["geometry"]["coordinates"]
    north = math.radians(lat - HERE[0]) * 6_371_008.8
    east = math.radians(lng - HERE[1]) * 6_371_008.8 * math.cos(math.radians(HERE[0]))
    return math.hypot(north, east)


@pytest.mark.parametrize("args", ["", "category=education", "q=beratung"])
def test_near_sorts_by_distance_and_puts_unplaced_offers_last(pages_client, matching, args):
    near = f"near={HERE[0]},{HERE[1]}"
    pages = all_pages(pages_client, f"{args}&{near}", 40)
    features = [feature for page in pages for feature in page["features"]]
    assert sorted(f["id"] for f in features) == sorted(matching[args])
    placed = [f for f in features if f["geometry"]]
    distances = [f["properties"]["distance_m"] for f in placed]
    assert distances == sorted(distances) and all(isinstance(d, int) for d in distances)
    for feature in placed:
        assert math.isclose(
            feature["properties"]["distance_m"], metres(feature), rel_tol=1e-3, abs_tol=1
        )
    unplaced = features[len(placed) :]
    assert all(f["properties"]["distance_m"] is None for f in unplaced)
    assert len(unplaced) == (UNPLACED if not args else len(unplaced))


def test_without_limit_the_answer_stays_the_whole_list(pages_client, matching):
    answer = pages_client.get("/api/offers?category=education").json
    assert "numberMatched" not in answer
    assert [f["id"] for f in answer["features"]] == matching["category=education"]


BAD_PAGES = {
    "limit": ("limit=0", "limit=201", "limit=-1", "limit=1.5", "limit=nan",
              "limit=inf", "limit=1e2", "limit=٣", "limit=" + "9" * 30),
    "offset": ("offset=-1", "offset=1.5", "offset=nan", "offset=x", "offset=" + "9" * 30,
               "limit=10&offset=1e3"),
    "near": ("near=51.5", "near=51.5,7.4,1", "near=91,7", "near=51,181", "near=nan,7",
             "near=51,inf", "near=a,b", "near=1e999,7", "limit=5&near=51.5;7.4"),
}  # fmt: skip


@pytest.mark.parametrize(
    "field, args", [(field, args) for field, cases in BAD_PAGES.items() for args in cases]
)
def test_bad_paging_is_answered_400_naming_the_parameter(pages_client, field, args):
    response = pages_client.get(f"/api/offers?{args}")
    assert response.status_code == 400, args
    assert response.json["field"] == field and response.json["error"]


@pytest.mark.parametrize("point", ["89.999,179.999", "-60,-179.9999", "0,0", "51.5,7.0"])
def test_near_any_point_of_the_globe_lists_every_match_nearest_first(pages_client, point):
    pages = all_pages(pages_client, f"category=education&near={point}", 60)
    features = [feature for page in pages for feature in page["features"]]
    distances = [f["properties"]["distance_m"] for f in features if f["geometry"]]
    assert distances == sorted(distances) and len(features) == pages[0]["numberMatched"]

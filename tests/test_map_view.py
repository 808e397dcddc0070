"""GET /api/map over a few thousand synthetic offers: the counts add up at every zoom, panning
shows every offer once, and no view carries more than 500 items."""

import random

import pytest
from map_data import REGION_BBOX, app_with_offers

from refugee_map import store
from refugee_map.store import map_view as map_store
from refugee_map.store import offers as offer_store
from refugee_map.web import filters

OFFERS = 2000
# query string -> the same filters as a store query
FILTERS = {
    "": offer_store.OfferQuery(),
    "category=education": offer_store.OfferQuery(categories=("education",)),
    "category=leisure&category=donations": offer_store.OfferQuery(
        categories=("leisure", "donations")
    ),
    "district=Innenstadt-Nord": offer_store.OfferQuery(district="Innenstadt-Nord"),
    "q=deutschkurs": offer_store.OfferQuery(**filters.text_search("deutschkurs", None)),
    "language=ar": offer_store.OfferQuery(language="ar"),
    "volunteers_wanted=1&category=education": offer_store.OfferQuery(
        volunteers_wanted=True, categories=("education",)
    ),
}
# the region's districts' bounds, rounded outwards
WEST, SOUTH, EAST, NORTH = 7.29, 51.41, 7.64, 51.60


@pytest.fixture(scope="module")
def map_app(lasting_database):
    return app_with_offers(lasting_database("map"), OFFERS)


@pytest.fixture(scope="module")
def map_client(map_app):
    return map_app.test_client()


@pytest.fixture(scope="module")
def placed(map_app):
    """Filter query string -> ids of the matching published offers with a position."""
    db = store.connect(map_app.config["DB"])
    found = {
        args: {o["id"] for o in offer_store.find_offers(db, query) if o["lat"] is not None}
        for args, query in FILTERS.items()
    }
    db.close()
    return found


def get_view(client, bbox, zoom, args=""):
    url = f"/api/map?bbox={','.join(map(str, bbox))}&zoom={zoom}&{args}"
    response = client.get(url)
    assert response.status_code == 200, (url, response.json)
    answer = response.json
    assert len(answer["clusters"]) + len(answer["offers"]) <= map_store.MAX_ITEMS, url
    return answer


def represented(answer) -> int:
    return sum(cluster["count"] for cluster in answer["clusters"]) + len(answer["offers"])


@pytest.mark.parametrize("args", FILTERS)
def test_counts_add_up_to_the_matching_offers_at_every_zoom(map_client, placed, args):
    assert len(placed[args]) > 10  # the filter finds something to count
    for zoom in range(21):
        answer = get_view(map_client, REGION_BBOX, zoom, args)
        assert answer["zoom"] == zoom
        assert represented(answer) == len(placed[args]), (args, zoom)
        assert {offer["id"] for offer in answer["offers"]} <= placed[args]
        for cluster in answer["clusters"]:
            assert cluster["count"] > 1  # a cell of one offer is sent as that offer
            assert sum(cluster["categories"].values()) == cluster["count"]


def test_the_city_view_is_clustered_and_a_street_view_shows_offers(map_client):
    city = get_view(map_client, (WEST, SOUTH, EAST, NORTH), 11)
    assert city["clusters"] and len(city["clusters"]) + len(city["offers"]) < 100
    street = get_view(map_client, (7.46, 51.51, 7.47, 51.515), 17)
    assert street["offers"] and not street["clusters"]
    offer = street["offers"][0]
    assert set(offer) == {"id", "lat", "lng", "category", "title"}


@pytest.mark.parametrize("args", ["", "category=education", "q=deutschkurs"])
def test_panning_at_street_zoom_shows_every_offer_exactly_once(map_client, placed, args):
    width, height = 0.04, 0.025
    columns, rows = round((EAST - WEST) / width) + 1, round((NORTH - SOUTH) / height) + 1
    edges_x = [WEST + width * i for i in range(columns + 1)]
    edges_y = [SOUTH + height * j for j in range(rows + 1)]
    seen: list[int] = []
    for i in range(columns):
        for j in range(rows):
            view = (edges_x[i], edges_y[j], edges_x[i + 1], edges_y[j + 1])
            answer = get_view(map_client, view, map_store.LAST_CLUSTERED_ZOOM, args)
            assert not answer["clusters"], view  # few enough to show one by one
            seen += [offer["id"] for offer in answer["offers"]]
    assert sorted(seen) == sorted(placed[args])


@pytest.mark.parametrize("args", ["", "category=education"])
def test_street_zoom_views_count_from_the_cell_index(map_app, placed, args):
    """Up to the map's highest zoom (and beyond, in its cells) the counts of a view come from
    ``map_cells``, never from grouping the offers: the work does not grow with the data."""
    db = store.connect(map_app.config["DB"])
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    for zoom in range(map_store.LAST_CLUSTERED_ZOOM, 21):
        view = map_store.map_view(db, (7.44, 51.5, 7.48, 51.525), zoom, FILTERS[args])
        assert view.offers and {offer["id"] for offer in view.offers} <= placed[args]
    db.conn.set_trace_callback(None)
    db.close()
    assert statements and not [sql for sql in statements if "GROUP BY" in sql]


def test_no_view_carries_more_than_500_items(map_client):
    chance = random.Random(11)
    for _ in range(150):
        zoom = chance.randint(0, 20)
        width = 10 ** chance.uniform(-4, 2.5)
        west, south = chance.uniform(-180, 7.6), chance.uniform(-85, 51.6)
        view = (west, south, min(180, west + width), min(90, south + width / 2))
        get_view(map_client, view, zoom, chance.choice(list(FILTERS)))  # asserts the limit
    get_view(map_client, (-180, -90, 180, 90), 20)  # the whole world at street zoom


def test_a_dense_wide_view_uses_bigger_cells_and_still_adds_up(map_app, placed):
    db = store.connect(map_app.config["DB"])
    for query in (offer_store.OfferQuery(), offer_store.OfferQuery(language="ar")):
        view = map_store.map_view(db, REGION_BBOX, 20, query)
        assert view.zoom < 17 and len(view.clusters) + len(view.offers) <= map_store.MAX_ITEMS
    view = map_store.map_view(db, REGION_BBOX, 20, offer_store.OfferQuery())
    assert sum(c["count"] for c in view.clusters) + len(view.offers) == len(placed[""])
    db.close()

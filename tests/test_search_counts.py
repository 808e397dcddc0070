"""A text search's count and district counts: exact for every status, deletion, district and
category, and read from the search facets (migration m011), never from the offers' rows."""

from collections import Counter
from dataclasses import replace

import pytest
from test_api_cache import post

from refugee_map.store import offer_filters, offer_lists
from refugee_map.store import offers as offer_store

SEARCHED = offer_store.OfferQuery(q="sprachkurs")
QUERIES = [
    SEARCHED,
    replace(SEARCHED, district="Hörde"),
    replace(SEARCHED, district="Eving"),  # no match there
    replace(SEARCHED, categories=("education",)),
    replace(SEARCHED, categories=("education",), district="Hörde"),
    replace(SEARCHED, statuses=("draft", "archived")),  # the back office's
    replace(SEARCHED, language="ar"),  # not in the facets: read from the rows
]


@pytest.fixture
def searched_offers(make_offer, admin):
    """Offers named "Sprachkurs" in every state, in two districts and none."""
    placed = [("published", "Hörde", "education"), ("published", "Hörde", "counselling"),
              ("published", "Brackel", "education"), ("published", None, "education"),
              ("draft", "Hörde", "education"), ("archived", "Brackel", "leisure")]  # fmt: skip
    for number, (status, district, category) in enumerate(placed):
        make_offer(title=f"Sprachkurs {number}", street=f"Kampstraße {number + 2}",
                   status=status, district=district or "", category=category,
                   languages="ar" if number % 2 else "de")  # fmt: skip
    deleted = make_offer(title="Sprachkurs gelöscht", street="Kampstraße 20", district="Hörde")
    post(admin, f"/admin/offers/{deleted['id']}/delete")
    make_offer(title="Kleiderkammer", street="Kampstraße 21", district="Hörde")


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_the_count_and_the_district_counts_are_exact(db, searched_offers, query):
    found = offer_store.find_offers(db, query)
    others = offer_store.find_offers(db, replace(query, district=None))
    expected = Counter(offer["district"] for offer in others if offer["district"])
    assert offer_lists.counts_with_districts(db, query) == (len(found), dict(expected))
    assert offer_lists.count_matches(db, query) == len(found)
    page = offer_lists.offer_page(db, query, sort="title", page=1, page_size=2)
    assert page.total == len(found)


@pytest.mark.sqlite_only("SQLite's query plan; PostgreSQL's planner is checked in test_postgres")
def test_a_text_search_counts_in_one_pass_over_the_search_facets(db, searched_offers):
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    assert offer_lists.counts_with_districts(db, SEARCHED)[0] == 4
    db.conn.set_trace_callback(None)
    (counted,) = [sql for sql in statements if "count(" in sql]
    plan = db.execute(f"EXPLAIN QUERY PLAN {counted}").fetchall()
    assert any(
        f"USING COVERING INDEX {offer_filters.SEARCH_FACETS_INDEX}" in step[3] for step in plan
    )

import random
from datetime import datetime

import pytest

from refugee_map import store
from refugee_map.domain import offers
from refugee_map.store import offer_history, offer_lists
from refugee_map.store import offers as offer_store
from refugee_map.store import translations as translation_store
from refugee_map.store.offers import OfferQuery


def add(db, **fields):
    values = {"category": "counselling", "title": "Angebot", "lat": 51.5, "lng": 7.45,
              "status": "published"} | fields  # fmt: skip
    return offer_store.create_offer(db, offers.clean(values), by="test")


def titles(db, **query):
    return [offer["title"] for offer in offer_store.find_offers(db, OfferQuery(**query))]


def test_init_twice_keeps_the_data(new_database):
    location = new_database("db.sqlite")
    db = store.connect(location)
    store.init(db)
    add(db, title="Bleibt")
    db.close()
    again = store.connect(location)
    store.init(again)
    assert titles(again) == ["Bleibt"]


@pytest.mark.sqlite_only("SQLite's connection settings; PostgreSQL has no such switches")
def test_a_connection_writes_ahead_and_checks_foreign_keys(tmp_path):
    again = store.connect(tmp_path / "db.sqlite")
    assert again.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert again.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("query", ["Möbel", "mobel", "MOEBEL", "möb", "Strasse", "straße"])
def test_search_finds_umlauts_and_sharp_s_however_they_are_typed(fresh_db, query):
    add(fresh_db, title="Möbelbörse", street="Große Straße 3")
    add(fresh_db, title="Sprachcafé")
    assert titles(fresh_db, q=query) == ["Möbelbörse"]


@pytest.mark.parametrize("query", ['"', "AND", "NEAR(", "*", "title:x", "') OR 1=1 --"])
def test_search_syntax_in_user_input_is_plain_text(fresh_db, query):
    add(fresh_db, title="Sprachcafé")
    assert isinstance(offer_store.find_offers(fresh_db, OfferQuery(q=query)), list)


def test_search_covers_description_organisation_and_street(fresh_db):
    add(fresh_db, title="A", description="Hilfe bei Anträgen")
    add(fresh_db, title="B", organization="Caritas")
    add(fresh_db, title="C", street="Münsterstraße 54")
    assert titles(fresh_db, q="anträge") == ["A"]
    assert titles(fresh_db, q="caritas") == ["B"]
    assert titles(fresh_db, q="muenster") == ["C"]


def test_search_follows_edits(fresh_db):
    offer = add(fresh_db, title="Kleiderkammer")
    offer_store.update_offer(fresh_db, offer["id"], {"title": "Fahrradwerkstatt"}, by="test")
    assert titles(fresh_db, q="kleider") == []
    assert titles(fresh_db, q="fahrrad") == ["Fahrradwerkstatt"]


def test_filters_combine(fresh_db):
    add(fresh_db, title="A", category="education", languages="de ar", volunteers_wanted=True)
    add(fresh_db, title="B", category="education", languages="de")
    add(fresh_db, title="C", category="leisure", languages="ar")
    add(fresh_db, title="D", category="leisure", status="draft")
    assert titles(fresh_db, categories=("education", "leisure")) == ["A", "B", "C"]
    assert titles(fresh_db, language="ar") == ["A", "C"]
    assert titles(fresh_db, volunteers_wanted=True) == ["A"]
    assert titles(fresh_db, statuses=("draft",)) == ["D"]


def test_district_filter(fresh_db):
    add(fresh_db, title="A", district="Eving")
    add(fresh_db, title="B", district="Hörde")
    assert titles(fresh_db, district="Hörde") == ["B"]


def test_open_now_keeps_offers_open_at_that_moment(fresh_db):
    add(fresh_db, title="Morgens", opening_hours="Mo 08:00-12:00")
    add(fresh_db, title="Abends", opening_hours="Mo 17:00-20:00")
    monday_morning = datetime(2026, 11, 23, 9, 0)
    assert titles(fresh_db, open_at=monday_morning) == ["Morgens"]


def test_bbox_results_equal_a_brute_force_filter_on_random_data(fresh_db):
    rng = random.Random(7)
    points = [(rng.uniform(51.40, 51.60), rng.uniform(7.30, 7.64)) for _ in range(400)]
    for number, (lat, lng) in enumerate(points):
        add(fresh_db, title=f"P{number:03}", lat=lat, lng=lng)
    for _ in range(60):
        lng_a, lng_b = sorted(rng.uniform(7.25, 7.70) for _ in range(2))
        lat_a, lat_b = sorted(rng.uniform(51.35, 51.65) for _ in range(2))
        expected = sorted(
            f"P{n:03}"
            for n, (lat, lng) in enumerate(points)
            if lng_a <= round(lng, 7) <= lng_b and lat_a <= round(lat, 7) <= lat_b
        )
        assert titles(fresh_db, bbox=(lng_a, lat_a, lng_b, lat_b)) == expected


def test_bbox_edges_are_exact_despite_rtree_float_precision(fresh_db):
    add(fresh_db, title="Kante", lat=51.123456789, lng=7.123456789)
    stored = offer_store.find_offers(fresh_db)[0]
    lat, lng = stored["lat"], stored["lng"]
    assert titles(fresh_db, bbox=(lng, lat, lng, lat)) == ["Kante"]
    assert titles(fresh_db, bbox=(lng + 1e-7, lat, lng + 1, lat)) == []


def test_titles_come_in_the_asked_language_else_german(fresh_db):
    offer = add(fresh_db, title="Sprachcafé")
    translation_store.set_translation(fresh_db, offer["id"], "en", "Language café", "Talk German")
    english = offer_store.find_offers(fresh_db, lang="en")[0]
    assert (english["title"], english["text_lang"]) == ("Language café", "en")
    arabic = offer_store.get_offer(fresh_db, offer["id"], lang="ar")
    assert (arabic["title"], arabic["text_lang"]) == ("Sprachcafé", "de")


def test_unpublished_and_deleted_offers_are_not_public(fresh_db):
    draft = add(fresh_db, status="draft")
    gone = add(fresh_db)
    offer_store.update_offer(
        fresh_db, gone["id"], {"deleted_at": store.now()}, by="t", action="delete"
    )
    assert offer_store.get_offer(fresh_db, draft["id"]) is None
    assert offer_store.get_offer(fresh_db, draft["id"], public=False)["status"] == "draft"
    assert offer_store.get_offer(fresh_db, gone["id"]) is None
    assert offer_store.find_offers(fresh_db) == []


def test_every_change_is_recorded_with_before_and_after(fresh_db):
    offer = add(fresh_db, title="Alt")
    offer_store.update_offer(fresh_db, offer["id"], {"title": "Neu"}, by="anna", source="form")
    newest, first = offer_history.history(fresh_db, offer["id"])
    assert (first["action"], first["before"], first["after"]["title"]) == ("create", None, "Alt")
    assert (newest["user"], newest["before"]["title"], newest["after"]["title"]) == (
        "anna",
        "Alt",
        "Neu",
    )


def test_a_stale_version_is_refused_and_nothing_changes(fresh_db):
    offer = add(fresh_db, title="Original")
    offer_store.update_offer(fresh_db, offer["id"], {"title": "Erste"}, by="a", expected_version=1)
    with pytest.raises(offer_store.VersionConflict) as conflict:
        offer_store.update_offer(
            fresh_db, offer["id"], {"title": "Zweite"}, by="b", expected_version=1
        )
    assert conflict.value.current["title"] == "Erste"
    assert offer_store.get_offer(fresh_db, offer["id"])["title"] == "Erste"
    assert len(offer_history.history(fresh_db, offer["id"])) == 2


# --- the back office's list: filtered, sorted and paged in SQL ------------------------------


def listed(db, sort="updated", page=1, page_size=50, **filters) -> list[str]:
    found = offer_lists.offer_page(
        db, OfferQuery(statuses=offers.STATUSES), sort=sort, page=page, page_size=page_size,
        **filters,
    )  # fmt: skip
    return [offer["title"] for offer in found.offers]


def test_offer_page_gives_one_page_and_counts_them_all(fresh_db):
    for title in ["A", "B", "C", "D", "E"]:
        add(fresh_db, title=title)
    query = OfferQuery(statuses=offers.STATUSES)
    second = offer_lists.offer_page(fresh_db, query, sort="title", page=2, page_size=2)
    assert [o["title"] for o in second.offers] == ["C", "D"]
    assert (second.total, second.page, second.pages) == (5, 2, 3)
    beyond = offer_lists.offer_page(fresh_db, query, sort="title", page=99, page_size=2)
    assert [o["title"] for o in beyond.offers] == ["E"] and beyond.page == 3
    assert offer_lists.offer_page(fresh_db, query, sort="title", page=None, page_size=2).page == 1


def test_offer_page_of_nothing_is_one_empty_page(fresh_db):
    found = offer_lists.offer_page(fresh_db, OfferQuery(q="nichts"), sort="title", page=3,
                                   page_size=2)  # fmt: skip
    assert (found.offers, found.total, found.page, found.pages) == ([], 0, 1, 1)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("updated", ["zebra", "Beta", "Alpha"]),  # last change first
        ("title", ["Alpha", "Beta", "zebra"]),  # whatever the case
        ("district", ["Beta", "Alpha", "zebra"]),  # Hörde, Innenstadt-West, none
        ("verified", ["zebra", "Alpha", "Beta"]),  # never, 2020, 2024
    ],
)
def test_offer_page_sorts_by_each_key_of_the_list(fresh_db, sort, expected):
    add(fresh_db, title="Alpha", verified_at="2020-01-01", district="Innenstadt-West")
    add(fresh_db, title="Beta", verified_at="2024-01-01", district="Hörde")
    add(fresh_db, title="zebra")
    assert listed(fresh_db, sort) == expected


def test_offer_page_pages_do_not_overlap_when_sort_keys_tie(fresh_db):
    for _ in range(7):
        add(fresh_db, title="Gleich", district="Hörde")
    for sort in offer_lists.LIST_ORDERS:
        ids = [
            offer["id"]
            for page in (1, 2, 3)
            for offer in offer_lists.offer_page(
                fresh_db, OfferQuery(), sort=sort, page=page, page_size=3
            ).offers
        ]
        assert sorted(ids) == sorted(set(ids)) and len(ids) == 7, sort


def test_offer_page_keeps_offers_checked_before_the_date_or_never(fresh_db):
    add(fresh_db, title="Nie")
    add(fresh_db, title="Alt", verified_at="2020-01-01")
    add(fresh_db, title="Neu", verified_at="2024-06-01")
    assert listed(fresh_db, "title", stale_before="2024-01-01") == ["Alt", "Nie"]


def test_the_store_reads_an_offers_columns_from_the_table_the_model_declares(fresh_db):
    """The migration and the model describe the same offer: a new field is the model's line
    plus its migration, and the store learns it from the table."""
    shape = offer_store.columns(fresh_db)
    assert shape.fields == offers.FIELDS
    assert set(shape.yes_no) == set(offers.BOOLEAN_FIELDS)
    assert set(shape.json) == {"opening_hours", *offers.LIST_FIELDS}
    assert shape.yes_no_unknown == ("wheelchair_access",)

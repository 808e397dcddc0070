"""The store's queries beyond the map and the list pages answer the same on SQLite and on
PostgreSQL: the language and open-now filters, the languages spoken, translations'
status, what an import compares with, accounts by e-mail in any case, spent confirmation
links, page views, geocoding answers, submissions and bulk inserts."""

import itertools
from datetime import datetime

import pytest
from test_map_cells import cell_index, recounted
from test_postgres import app_context, database, new_offer, pg_url  # noqa: F401 (fixtures)

from refugee_map import store
from refugee_map.store import (
    accounts,
    attempts,
    bulk,
    confirmations,
    dialect,
    geocache,
    map_grid,
    offer_lists,
    offer_matches,
    submissions,
    translations,
    views,
)
from refugee_map.store import offers as offer_store
from refugee_map.store.offer_filters import OfferQuery, count_query

MONDAY, SATURDAY = datetime(2026, 3, 2), datetime(2026, 3, 7)


@pytest.fixture
def db(database, app_context):  # noqa: F811
    """A connection to a fresh database on each engine (an app context for offers.clean)."""
    connection = store.connect(database)
    yield connection
    connection.close()


@pytest.fixture
def ticking(monkeypatch):
    """``store.now()`` one second later at every call: which change came first is clear."""
    seconds = itertools.count()
    monkeypatch.setattr(store, "now", lambda: f"2026-03-02T10:{next(seconds):02d}:00+00:00")


def stored(db, **fields) -> dict:
    return offer_store.create_offer(db, new_offer(**fields), by="test")


def titles(db, **filters) -> list[str]:
    return sorted(offer["title"] for offer in offer_store.find_offers(db, OfferQuery(**filters)))


def test_the_language_and_open_now_filters_keep_the_same_offers(db):
    stored(db, title="Arabisch morgens", languages="ar de", opening_hours="Mo 09:00-12:00")
    stored(db, title="Englisch", languages="en", opening_hours="Mo 14:00-18:00; Sa 10:00-12:00")
    stored(db, title="Ohne Zeiten", languages="ar", opening_hours="")
    assert titles(db, language="ar") == ["Arabisch morgens", "Ohne Zeiten"]
    assert titles(db, language="a") == []
    assert titles(db, open_at=MONDAY.replace(hour=9)) == ["Arabisch morgens"]
    assert titles(db, open_at=MONDAY.replace(hour=12)) == []  # closed from 12:00 on
    assert titles(db, open_at=SATURDAY.replace(hour=11)) == ["Englisch"]
    assert titles(db, open_at=MONDAY.replace(hour=15), language="ar") == []
    assert count_query(db, OfferQuery(language="ar", open_at=MONDAY.replace(hour=11))) == 1


def test_the_languages_spoken_are_those_of_published_offers(db):
    stored(db, languages="uk de")
    stored(db, languages="fa", status="draft")
    deleted = stored(db, languages="ti")
    offer_store.update_offer(db, deleted["id"], {"deleted_at": store.now()}, by="test")
    assert offer_lists.spoken_languages(db) == ["de", "uk"]


def test_translations_missing_or_older_than_the_german_text(db, ticking):
    first, second = stored(db, title="Eins"), stored(db, title="Zwei")
    for offer, text in ((first, "One"), (second, "Two")):
        translations.set_translation(db, offer["id"], "en", text, "", by="test")
    offer_store.update_offer(db, first["id"], {"phone": "0231 1"}, by="test")  # not the text
    offer_store.update_offer(db, second["id"], {"title": "Zwei neu"}, by="test")
    status = translations.translation_status(db, [first["id"], second["id"]], ["en", "fr"])
    assert status == {
        first["id"]: {"missing": ["fr"], "outdated": []},
        second["id"]: {"missing": ["fr"], "outdated": ["en"]},
    }
    assert untranslated(db, "en") == ["Zwei neu"]
    assert untranslated(db, "fr", "en") == ["Eins", "Zwei neu"]
    translations.confirm_translation(db, second["id"], "en", by="test")
    assert untranslated(db, "en") == []


def untranslated(db, *languages: str) -> list[str]:
    page = offer_lists.offer_page(
        db, OfferQuery(), sort="title", page=1, page_size=10, untranslated_in=languages
    )
    return [offer["title"] for offer in page.offers]


def test_the_district_order_is_by_bytes_as_on_sqlite_whatever_the_collation(db):
    if dialect.of(db) is dialect.POSTGRES:  # as in a database made in a language's locale
        with store.writing(db):
            db.execute('ALTER TABLE offers ALTER COLUMN district TYPE text COLLATE "und-x-icu"')
    for district in ("b-Dorf", "Ährenfeld", "Berghofen", "a-Dorf"):
        offer = stored(db, title=district)
        offer_store.update_offer(db, offer["id"], {"district": district}, by="test")
    page = offer_lists.offer_page(db, OfferQuery(), sort="district", page=1, page_size=10)
    assert [offer["district"] for offer in page.offers] == [
        "Berghofen", "a-Dorf", "b-Dorf", "Ährenfeld"
    ]  # fmt: skip


def test_an_import_finds_stored_offers_by_id_postcode_and_place(db):
    centre = stored(db, title="Mitte", postcode="44137")
    north = stored(db, title="Nord", postcode="44145", lat="51.53", lng="7.45")
    gone = stored(db, title="Weg", postcode="44137")
    offer_store.update_offer(db, gone["id"], {"deleted_at": store.now()}, by="test")
    ids = [north["id"], gone["id"], centre["id"], 999]
    assert [offer["title"] for offer in offer_matches.offers_by_ids(db, ids, region=1)] == [
        "Mitte",
        "Nord",
    ]
    assert offer_matches.deleted_among(db, ids, region=1) == {gone["id"]}
    addresses = list(offer_matches.addresses(db, ["44137", "99999"], region=1))
    assert [tuple(row) for row in addresses] == [
        (centre["id"], "Beispielverein", "Mitte", "Kampstraße 1", "44137")
    ]
    near = offer_matches.offers_in_box(db, (7.46, 51.51, 7.47, 51.52), region=1)
    assert [(row["title"], row["lat"], row["lng"]) for row in near] == [("Mitte", 51.5142, 7.4652)]


def account(email: str) -> dict:
    stamp = "2026-03-02T10:00:00+00:00"
    return {"email": email, "password_hash": "x", "role": "editor", "region_id": 1,
            "created_at": stamp, "updated_at": stamp}  # fmt: skip


def test_an_email_is_found_and_unique_in_any_ascii_case(db):
    anna = accounts.add_user(db, account("Anna@Example.org"))
    accounts.add_user(db, account("bert@example.org"))
    accounts.add_user(db, account("Carl@example.org"))
    assert accounts.user_by_email(db, "anna@EXAMPLE.ORG")["id"] == anna
    assert accounts.user_by_email(db, "anna@example.orG ") is None
    emails = [user["email"] for user in accounts.users(db)]
    assert emails == ["Anna@Example.org", "bert@example.org", "Carl@example.org"]
    with pytest.raises(store.Duplicate):
        accounts.add_user(db, account("ANNA@example.ORG"))
    assert len(accounts.users(db)) == 3


def test_sign_in_attempts_count_an_account_typed_with_a_nul_character(db):
    """PostgreSQL's text holds no NUL (the connection sends U+FFFD for it): the same
    account is counted and found as on SQLite, no error (a 500 on the sign-in page)."""
    typed = "anna\x00@example.org"
    attempts.add(db, "login", typed, "127.0.0.1", 10.0)
    assert tuple(attempts.from_account_and_source(db, "login", typed, "127.0.0.1", 0.0)) == (
        1, 10.0, 10.0,
    )  # fmt: skip
    assert attempts.at_account(db, "login", "anna@example.org", 0.0) == 0
    assert accounts.user_by_email(db, typed) is None


def test_a_confirmation_link_is_spent_once_also_inside_a_longer_write(db):
    offer_id = stored(db)["id"]
    assert confirmations.spend_link(db, "first", offer_id)
    assert not confirmations.spend_link(db, "first", offer_id)
    with store.writing(db):  # as the confirmation page spends it: with the confirmation
        assert not confirmations.spend_link(db, "first", offer_id)
        assert confirmations.spend_link(db, "second", offer_id)  # the write goes on
    assert confirmations.link_spent(db, "second")


def test_page_views_add_up_per_offer_and_month(db):
    offer_id = stored(db, title="Gesehen")["id"]
    for month in ("2026-03", "2026-03", "2026-04"):
        views.count_view(db, offer_id, month)
    by_month = views.views_by_month(db, ["2026-02", "2026-03", "2026-04"], region=1)
    assert by_month == {"2026-03": 2, "2026-04": 1}
    assert {type(count) for count in by_month.values()} == {int}  # not 2.0 on PostgreSQL
    rows = sorted(views.views_by_offer(db, ["2026-03"], region=1), key=lambda row: row["month"])
    assert rows == [{"offer_id": offer_id, "month": "2026-03", "views": 2, "title": "Gesehen"}]


def test_a_geocoding_answer_is_kept_and_replaced(db):
    answer = {"provider": "nominatim", "query": "Kampstraße 1", "lat": 51.5142, "lng": 7.4652,
              "label": "Kampstraße", "approximate": 0, "created_at": "2026-03-02"}  # fmt: skip
    geocache.keep(db, answer)
    geocache.keep(db, answer | {"lat": None, "lng": None, "label": None})  # not found now
    kept = {"lat": None, "lng": None, "label": None, "approximate": 0}
    assert geocache.cached(db, "nominatim", "Kampstraße 1") == kept
    assert geocache.cached(db, "photon", "Kampstraße 1") is None
    typed = answer | {"query": "Kampstraße\x001"}  # a NUL typed in a place search
    geocache.keep(db, typed)
    assert geocache.cached(db, "nominatim", typed["query"])["label"] == "Kampstraße"


def test_submissions_wait_and_are_decided(db):
    first = submissions.add(db, "new", {"title": "Kurs"})
    second = submissions.add(db, "report", {"reason": "zu"}, offer_id=stored(db)["id"])
    assert submissions.open_counts(db, region=1) == {"new": 1, "change": 0, "report": 1, "total": 2}
    with store.writing(db):
        submissions.decide(db, first, {"status": "accepted", "decided_by": "admin"})
    assert [item["id"] for item in submissions.open_items(db, region=1)] == [second]
    [decided] = submissions.decided_items(db, region=1)
    assert (decided["id"], decided["payload"], decided["status"]) == (
        first, {"title": "Kurs"}, "accepted"
    )  # fmt: skip


def test_a_bulk_insert_keeps_the_rows_order_and_the_map_counts(db):
    before = store.data_version(db)
    rows = [new_offer(title=f"Angebot {number}") for number in range(bulk.BULK_ROWS)]
    rows[5] |= {"id": 5000}  # an import that keeps its ids: another INSERT's columns
    ids = offer_store.create_offers(db, rows, by="import")
    titles = {offer["id"]: offer["title"] for offer in offer_store.find_offers(db)}
    assert [titles[offer_id] for offer_id in ids] == [row["title"] for row in rows]
    assert ids[5:7] == [5000, 5001] and store.data_version(db) != before  # as SQLite numbers
    assert {row[0] for row in db.execute("SELECT n FROM map_cells")} == {bulk.BULK_ROWS}
    later = stored(db, lat="51.45", lng="7.40")  # the triggers count again
    assert later["id"] == 5000 + bulk.BULK_ROWS - 5
    assert cell_index(db) == recounted(db)  # its sums rounded: added up in another order


def test_a_bulk_insert_on_postgresql_writes_each_map_cell_and_the_version_once(
    pg_url,  # noqa: F811
    app_context,  # noqa: F811
):
    """Not once per offer: inside one transaction every update of a row leaves a version
    the next one walks past (5,000 offers took 119 s)."""
    db = store.connect(pg_url)
    with store.writing(db):
        offer_store.create_offers(db, [new_offer()] * bulk.BULK_ROWS, by="import")
        written = db.execute(
            "SELECT relname, n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables"
            " WHERE relname IN ('map_cells', 'meta') ORDER BY relname"
        ).fetchall()
    cells = len(list(db.query("SELECT 1 FROM map_cells")))  # one point: one per zoom
    (_, *map_cells), (_, *meta) = written
    assert map_cells == [cells, 0] and sum(meta) == 2  # the network's and the region's version


def test_the_offers_columns_are_asked_once_per_connection_and_after_a_migration(db):
    asked = []
    db.conn.set_trace_callback(asked.append)
    for _ in range(2):
        stored(db)
        offer_store.find_offers(db)
    catalogue = [sql for sql in asked if "table_info" in sql or "pg_attribute" in sql]
    assert len(catalogue) == len(set(catalogue))  # once per table
    with store.writing(db):
        db.execute("ALTER TABLE offers ADD COLUMN step_free INTEGER NOT NULL DEFAULT 0")
    store.init(db)  # what a migration runs in
    assert "step_free" in offer_store.columns(db).yes_no


def test_one_statement_adding_many_offers_counts_each_map_cell_once_on_postgresql(
    pg_url,  # noqa: F811
    app_context,  # noqa: F811
):
    db = store.connect(pg_url)
    stored(db)
    copied = "category, title, lat, lng, status, created_at, updated_at"
    with store.writing(db):  # as copy-db or a test's own data might: one INSERT of 50
        db.execute(
            f"INSERT INTO offers ({copied}) SELECT {copied} FROM offers, generate_series(1, 50)"
        )
        written = db.execute(
            "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'map_cells'"
        ).fetchone()
    cells = db.execute("SELECT * FROM map_cells").fetchall()
    assert written == (len(cells),)  # one point: one cell per zoom, each updated once
    assert sorted(map(tuple, cells)) == sorted(
        map(tuple, db.execute(map_grid.counted_cells(dialect.POSTGRES)).fetchall())
    )

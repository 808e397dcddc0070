"""A large import writes its new offers with the map's per-row triggers off and counts them
once: afterwards everything reads as if each row had gone in alone, and a failure in the
middle changes nothing (the triggers included)."""

import pytest
import store_support
from samples import CENTRE_OFFER
from test_import_scale import plan
from test_map_cells import cell_index, recounted

from refugee_map import store
from refugee_map.exchange import importer
from refugee_map.store import bulk, dialect, offer_history, offer_lists
from refugee_map.store import offers as offer_store
from refugee_map.store.search_postgres import SEARCH_TABLE

ROWS = 10  # two batches of the importer, each above the (lowered) bulk threshold


@pytest.fixture(autouse=True)
def small_bulk(monkeypatch):
    monkeypatch.setattr(bulk, "BULK_ROWS", 3)
    monkeypatch.setattr(importer, "WRITE_BATCH", 5)


def rows(count: int = ROWS) -> list[dict]:
    """Offers across the city in all categories; two drafts, one without a point."""
    categories = ("education", "leisure", "counselling", "donations")
    return [
        CENTRE_OFFER | {
            "title": f"Sprachkurs {number}" if number % 2 else f"Fahrradwerkstatt {number}",
            "street": f"Bulkstraße {number}", "category": categories[number % 4],
            "lat": f"{51.46 + number * 0.004:.4f}", "lng": f"{7.40 + number * 0.007:.4f}",
            "status": "draft" if number in (3, 8) else "published",
        }
        for number in range(count)
    ]  # fmt: skip


def triggers(db):
    return db.execute(store_support.triggers_sql(db))


def test_after_a_bulk_import_the_cells_are_a_recount_and_search_and_near_find_the_offers(
    make_offer, db
):
    make_offer(title="Schon da", street="Alte Straße 1")  # counted by the trigger
    before = (triggers(db).fetchall(), store.data_version(db))
    importer.apply_plan(db, plan(db, rows()), by="test")
    assert cell_index(db) == recounted(db) and sum(n for _, _, _, _, _, n, *_ in cell_index(db))
    assert triggers(db).fetchall() == before[0] and store.data_version(db) != before[1]
    query = offer_store.OfferQuery(q="sprachkurs")
    found, total = offer_lists.offer_slice(db, query, offer_lists.OfferSlice(limit=50))
    assert total == 4 and {offer["title"] for offer in found} == {
        f"Sprachkurs {number}" for number in (1, 5, 7, 9)
    }  # 3 is a draft
    near = offer_lists.OfferSlice(limit=1, near=(51.496, 7.463))
    [nearest], _ = offer_lists.offer_slice(db, offer_store.OfferQuery(), near)
    assert nearest["street"] == "Bulkstraße 9"
    assert all(offer_history.history(db, o["id"]) for o in offer_store.find_offers(db))


def test_a_bulk_import_then_every_kind_of_change_keeps_the_cells_a_recount(db):
    importer.apply_plan(db, plan(db, rows()), by="test")
    first, second = (o["id"] for o in offer_store.find_offers(db)[:2])
    offer_store.update_offer(db, first, {"lat": 51.52, "lng": 7.49}, by="t")
    offer_store.update_offer(db, second, {"status": "archived"}, by="t")
    offer_store.create_offer(db, CENTRE_OFFER | {"title": "Einzeln"}, by="t")  # the trigger
    assert cell_index(db) == recounted(db)


def kept_state(db) -> tuple:
    """What a failed bulk import leaves as it was: triggers, cells, version, row counts."""
    index = SEARCH_TABLE if dialect.of(db) is dialect.POSTGRES else "offers_fts"
    counts = (db["offers"].count, db["offer_history"].count, db[index].count)
    return (triggers(db).fetchall(), cell_index(db), store.data_version(db), *counts)


def test_a_failure_while_bulk_inserting_changes_nothing_and_keeps_the_triggers(
    make_offer, db, monkeypatch
):
    make_offer(title="Schon da", street="Alte Straße 1")
    planned = plan(db, rows())
    before = kept_state(db)
    insert = bulk.insert_offers
    batches = []

    def failing_in_the_second_batch(db, rows):
        batches.append(rows)
        if len(batches) == 2:  # with its triggers off, after one of its rows went in
            insert(db, rows[:1])
            raise store.DiskFull("database or disk is full")
        return insert(db, rows)

    monkeypatch.setattr(bulk, "insert_offers", failing_in_the_second_batch)
    with pytest.raises(store.DiskFull):
        importer.apply_plan(db, planned, by="test")
    assert kept_state(db) == before
    paused = bulk.DEFERRED_TRIGGERS
    assert set(paused) <= {name for name, *_ in before[0]}


def test_bulk_inserts_refuse_to_run_outside_a_transaction(db):
    with pytest.raises(RuntimeError), bulk.inserting(db, 1000):
        pass


def test_a_few_new_offers_keep_the_triggers_on(db):
    statements = []
    db.conn.set_trace_callback(statements.append)
    offer_store.create_offers(db, [CENTRE_OFFER | {"title": "Eins"}], by="t")
    db.conn.set_trace_callback(None)
    assert not [sql for sql in statements if "TRIGGER" in sql]
    assert cell_index(db) == recounted(db)

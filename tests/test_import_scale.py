"""An import's work grows with its file, not with the stored offers, and stays all or nothing."""

import pytest
from samples import CENTRE_OFFER

from refugee_map import store
from refugee_map.config import DATA_DIR
from refugee_map.exchange import importer
from refugee_map.exchange.readers import SourceRow
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import load_postcodes
from refugee_map.store import dialect, offer_history
from refugee_map.store import offers as offer_store

REGION_DIR = DATA_DIR / "regions" / "dortmund"
STORED = 60


def plan(db, rows: list[dict]) -> importer.Plan:
    return importer.plan_import(
        db,
        [SourceRow(f"row {number}", values) for number, values in enumerate(rows, 2)],
        source="offers.csv",
        districts=load_districts(REGION_DIR),
        postcodes=set(load_postcodes(REGION_DIR)),
    )


def spread(number: int) -> dict:
    """An offer of its own: its own street, title and point (110 m from the next)."""
    return CENTRE_OFFER | {
        "title": f"Angebot Nummer {number}",
        "street": f"Teststraße {number}",
        "lat": f"{51.4800 + number * 0.001:.4f}",
        "lng": "7.4652",
    }


def test_planning_reads_only_the_stored_offers_the_rows_may_update(make_offer, db, monkeypatch):
    stored = [make_offer(**spread(number)) for number in range(STORED)]
    reads = []
    decode = offer_store.decode
    monkeypatch.setattr(offer_store, "decode", lambda *args: reads.append(1) or decode(*args))
    changed = spread(7) | {"description": "Neu beschrieben"}  # matched by organisation + address
    by_id = spread(8) | {"id": str(stored[8]["id"]), "title": "Neuer Titel"}
    new = spread(200) | {"lat": "51.4500"}
    result = plan(db, [changed, by_id, new])
    assert not result.errors
    assert [(item.action, item.existing_id) for item in result.items] == [
        ("update", stored[7]["id"]),
        ("update", stored[8]["id"]),
        ("create", None),
    ]
    assert len(reads) <= 2  # not all 60


def test_a_stored_offer_close_by_with_a_similar_title_is_flagged(make_offer, db):
    near = make_offer(title="Beratung im Zentrum", organization="Verein A")
    make_offer(title="Beratung im Zentrum", organization="Verein B", lat="51.5150")  # 90 m
    make_offer(title="Sozialberatung", organization="Verein C", street="Kampstraße 3")
    row = CENTRE_OFFER | {"title": "Beratung im Zentrum!", "organization": "Verein D",
                          "street": "Kampstraße 2", "lat": "51.5143"}  # fmt: skip
    update = CENTRE_OFFER | {"title": "Sozialberatung", "organization": "Verein C",
                             "street": "Kampstraße 3", "description": "neu"}  # fmt: skip
    found = [str(duplicate) for duplicate in plan(db, [row, update]).duplicates]
    assert found == [  # the offer the file updates is no duplicate of it
        f"row 2 ähnelt Angebot {near['id']}: Punkte weniger als 50 m voneinander entfernt, "
        "ähnliche Titel"
    ]


def test_a_stored_offer_at_the_same_address_is_flagged_wherever_its_point(make_offer, db):
    stored = make_offer(title="Etwas ganz anderes", lat="51.5300")  # 1.7 km away
    row = CENTRE_OFFER | {"title": "Beratung im Zentrum"}
    found = [str(duplicate) for duplicate in plan(db, [row]).duplicates]
    assert found == [f"row 2 ähnelt Angebot {stored['id']}: gleiche Organisation und Adresse"]


def test_a_large_import_is_written_in_batches_with_one_history_entry_each(
    make_offer, db, monkeypatch
):
    monkeypatch.setattr(importer, "WRITE_BATCH", 2)
    existing = make_offer(**spread(0))
    rows = [spread(number) for number in range(1, 5)]
    rows[1] |= {"lat": "", "lng": ""}  # placed by the geocoder after the import
    rows.append(spread(0) | {"description": "Neu beschrieben"})
    progress = []
    to_geocode = importer.apply_plan(
        db, plan(db, rows), by="test", progress=lambda done, total: progress.append((done, total))
    )
    assert progress == [(number, 5) for number in range(1, 6)]
    offers = offer_store.find_offers(db, offer_store.OfferQuery(statuses=()))
    assert len(offers) == 5
    assert to_geocode == [o["id"] for o in offers if o["street"] == "Teststraße 2"]
    for offer in offers:
        newest = offer_history.history(db, offer["id"])[0]
        assert newest["source"] == "offers.csv"
        assert newest["after"]["title"] == offer["title"]
        assert newest["action"] == ("import" if offer["id"] == existing["id"] else "create")
    assert db["offer_history"].count == 1 + 5


def test_a_failure_in_a_later_batch_leaves_the_database_as_it_was(make_offer, db, monkeypatch):
    monkeypatch.setattr(importer, "WRITE_BATCH", 2)
    make_offer(**spread(0))
    planned = plan(db, [spread(number) for number in range(1, 6)])
    before = [db["offers"].count, db["offer_history"].count, store.data_version(db)]
    create_offers = offer_store.create_offers
    calls = []

    def failing_third_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise store.DiskFull("database or disk is full")
        return create_offers(*args, **kwargs)

    monkeypatch.setattr(offer_store, "create_offers", failing_third_batch)
    with pytest.raises(store.DiskFull):
        importer.apply_plan(db, planned, by="test")
    assert [db["offers"].count, db["offer_history"].count, store.data_version(db)] == before


def test_a_row_naming_a_deleted_offer_is_refused_and_only_the_file_s_ids_are_looked_up(
    make_offer, db
):
    gone, kept = make_offer(**spread(1)), make_offer(**spread(2))
    offer_store.update_offer(db, gone["id"], {"deleted_at": store.now()}, by="t")
    statements = []
    db.conn.set_trace_callback(statements.append)
    result = plan(db, [spread(1) | {"id": str(gone["id"])}, spread(2) | {"id": str(kept["id"])}])
    db.conn.set_trace_callback(None)
    assert [str(error) for error in result.errors] == [
        f"row 2: id: Angebot {gone['id']} wurde gelöscht."
    ]
    assert [(item.action, item.existing_id) for item in result.items] == [("update", kept["id"])]
    scans = [sql for sql in statements if "deleted_at IS NOT NULL" in sql]
    ids_of = dialect.of(db).ids_of.split("?")[0]  # the file's ids as one list parameter,
    assert scans and all(ids_of in sql for sql in scans)  # not every deleted offer

"""Many new offers at once (an import): the per-row bookkeeping done once for all of them.

Two insert triggers cost as much per row as they do for a whole batch: counting the offer
in ``map_cells`` at every stored zoom (an upsert each) and replacing the data version token.
For a batch of at least :data:`BULK_ROWS` offers they are off while its rows go in; then
one statement counts all of them (the way ``m008`` fills the table) and the token is
replaced once. The search and bounding-box indexes keep their triggers. All of it happens
inside the caller's transaction, DDL included, so a failure changes nothing; while it
holds the write lock no other connection can write an offer the triggers would miss.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from refugee_map import store
from refugee_map.store import dialect, map_grid, schema

BULK_ROWS = 200  # below this, the triggers' cost does not matter
DEFERRED_TRIGGERS = (map_grid.INSERT_TRIGGER, "offers_insert_data_version")


@contextmanager
def inserting(db: Database, count: int) -> Iterator[list[int]]:
    """Around the INSERTs of ``count`` new offers; the caller appends each new id to the
    list it yields. Must run inside :func:`store.writing`."""
    if not store.is_writing(db):
        raise RuntimeError("bulk inserts need the transaction of store.writing")
    ids: list[int] = []
    # PostgreSQL keeps its row triggers for now (PG15-plan.md: statement-level triggers)
    if count < BULK_ROWS or dialect.of(db) is dialect.POSTGRES:
        yield ids
        return
    definitions = [_trigger_sql(db, name) for name in DEFERRED_TRIGGERS]
    for name in DEFERRED_TRIGGERS:
        db.execute(f"DROP TRIGGER {name}")
    yield ids
    for definition in definitions:
        db.execute(definition)
    map_grid.count_new_offers(db, ids)
    db.execute(schema.NEW_DATA_VERSION)


def _trigger_sql(db: Database, name: str) -> str:
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name])
    return row.fetchone()[0]

"""Many new offers at once (an import): the per-row bookkeeping done once for all of them.

Two insert triggers cost as much per row as they do for a whole batch: counting the offer
in ``map_cells`` at every stored zoom (an upsert each) and replacing the data version
tokens (the network's and the region's). On PostgreSQL they cost more: every update of a
row inside one transaction leaves a version the next one walks past: 5,000 offers counted
row by row took 119 s, 1.9 s with the triggers paused and the rows pipelined (SQLite: 3.8
s; 2 busy cores); PostgreSQL's map trigger counts once per statement, but a batch goes in
as one statement per row. For a batch of at least :data:`BULK_ROWS` offers they are paused
while its rows go in; then one statement counts all of them (the way ``m008`` fills the
table) and the tokens are replaced once. The search and bounding-box indexes keep their
triggers. All of it happens inside the caller's transaction, DDL included, so a failure
changes nothing; while it holds the write lock no other connection can write an offer the
triggers would miss.
"""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from refugee_map import store
from refugee_map.store import data_versions, dialect, map_grid, schema_postgres

BULK_ROWS = 200  # below this, the triggers' cost does not matter
# on offers: the map's insert trigger and the data versions'
DEFERRED_TRIGGERS = (map_grid.INSERT_TRIGGER, data_versions.trigger_name("offers", "INSERT"))
NOTIFIED = {dialect.SQLITE: "", dialect.POSTGRES: schema_postgres.DATA_VERSION_CHANNEL}


@contextmanager
def inserting(db: Database, count: int) -> Iterator[list[int]]:
    """Around the INSERTs of ``count`` new offers; the caller appends each new id to the
    list it yields. Must run inside :func:`store.writing`."""
    if not store.is_writing(db):
        raise RuntimeError("bulk inserts need the transaction of store.writing")
    ids: list[int] = []
    if count < BULK_ROWS:
        yield ids
        return
    with _paused(db, DEFERRED_TRIGGERS):
        yield ids
    map_grid.count_new_offers(db, ids)
    data_versions.moved_by_new_offers(db, ids, NOTIFIED[dialect.of(db)])


@contextmanager
def _paused(db: Database, triggers: tuple[str, ...]) -> Iterator[None]:
    """The ``triggers`` on offers do nothing inside the block: SQLite's are dropped and
    made again from their stored SQL; PostgreSQL's disabled and enabled again (a lock
    other writers wait for, readers do not; dropping one would hold readers up too)."""
    if dialect.of(db) is dialect.POSTGRES:
        for name in triggers:
            db.execute(f"ALTER TABLE offers DISABLE TRIGGER {name}")
        yield
        for name in triggers:
            db.execute(f"ALTER TABLE offers ENABLE TRIGGER {name}")
        return
    definitions = [_trigger_sql(db, name) for name in triggers]
    for name in triggers:
        db.execute(f"DROP TRIGGER {name}")
    yield
    for definition in definitions:
        db.execute(definition)


def _trigger_sql(db: Database, name: str) -> str:
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name])
    return row.fetchone()[0]


def insert_offers(db: Database, rows: list[dict]) -> list[int]:
    """INSERT the ``rows`` into offers; their new ids, in order. Rows of the same columns
    one after another share a statement; PostgreSQL gets each such run in one pipeline
    instead of a round trip per row (5,000 offers: 11 s one by one on a busy machine)."""
    ids: list[int] = []
    for names, run in itertools.groupby(rows, key=tuple):
        columns = ", ".join(f'"{name}"' for name in names)
        sql = f"INSERT INTO offers ({columns}) VALUES ({', '.join('?' * len(names))}) RETURNING id"
        values = [list(row.values()) for row in run]
        if dialect.of(db) is dialect.POSTGRES:
            ids += db.conn.executemany(sql, values, returning=True)
        else:
            ids += [db.conn.execute(sql, row).fetchone()[0] for row in values]
        if "id" in names and dialect.of(db).ids_follow_the_largest:
            db.execute(dialect.of(db).ids_follow_the_largest.format(table="offers"))
    return ids

"""Store helpers for tests that run on both engines: another program holding the write
lock, a database that cannot grow (a full disk), SQL run by hand past the app, and the rows
of a table to compare."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pg_databases
import psycopg

from refugee_map import store
from refugee_map.store import dialect, postgres_pool

# What a broken constraint raises, by hand past the store, on either engine.
INTEGRITY_ERRORS = (sqlite3.IntegrityError, psycopg.IntegrityError)


@contextmanager
def write_lock_held(location: str) -> Iterator[None]:
    """Another program (a long import, a backup tool) holds the database's write lock: on
    SQLite an IMMEDIATE transaction, on PostgreSQL the writers' advisory lock."""
    other = store.connect(location)
    try:
        with store.writing(other):
            yield
    finally:
        other.close()


def run_by_hand(location: str, statement: str, params=()) -> None:
    """Run the change ``statement`` on a connection of its own, past the app."""
    db = store.connect(location)
    try:
        with store.writing(db):
            db.execute(statement, list(params))
    finally:
        db.close()


def rows(location: str, *queries: str) -> list[tuple]:
    """The rows of each query in turn, as tuples, read on a connection of its own."""
    db = store.connect(location)
    try:
        return [tuple(row) for query in queries for row in db.execute(query).fetchall()]
    finally:
        db.close()


def stop_growing(location: str, monkeypatch) -> None:
    """From now on the database cannot grow, as on a full disk, for the connections opened
    from now on: on SQLite each gets a ``max_page_count`` of the pages the file has; on
    PostgreSQL their inserts and updates fail as the server fails on a full disk (SQLSTATE
    53100, ``disk_full``)."""
    if dialect.is_url(location):
        _refuse_growing_on_postgresql(location)
        return
    vacuum = store.connect(location)
    vacuum.execute("VACUUM")  # no free pages left to fill
    vacuum.close()
    connect = store.connect

    def connect_full(*args, **kwargs):
        db = connect(*args, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(store, "connect", connect_full)


def _refuse_growing_on_postgresql(location: str) -> None:
    """Triggers on every table raising ``disk_full`` in the sessions that have the setting
    the database gives new sessions (the next test's emptying drops and resets both)."""
    db = store.connect(location)
    tables = [row[0] for row in db.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]  # fmt: skip
    refuse, full = pg_databases.DISK_FULL_FUNCTION, pg_databases.DISK_FULL_SETTING
    with store.writing(db):
        db.execute(f"""CREATE FUNCTION {refuse}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF current_setting('{full}', true) = 'on' THEN
            RAISE EXCEPTION 'could not extend file: No space left on device'
            USING ERRCODE = 'disk_full'; END IF; RETURN NULL; END $$""")
        for table in tables:
            db.execute(f'CREATE TRIGGER {refuse} BEFORE INSERT OR UPDATE ON "{table}" '
                       f"FOR EACH STATEMENT EXECUTE FUNCTION {refuse}()")  # fmt: skip
    (name,) = db.execute("SELECT current_database()").fetchone()
    db.execute(f'ALTER DATABASE "{name}" SET {full} = on')
    db.close()
    postgres_pool.close_all()  # the pools' connections predate the setting: new ones


def intact(location: str) -> bool:
    """Does the engine's own check find the database's tables and indexes intact? SQLite's
    ``integrity_check``; on PostgreSQL amcheck's ``bt_index_check`` of every B-tree index."""
    db = store.connect(location)
    try:
        if dialect.is_url(location):
            db.execute(BTREE_CHECK).fetchall()  # raises on a damaged index
            return True
        return db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        db.close()


BTREE_CHECK = """SELECT bt_index_check(i.oid, true) FROM pg_index
    JOIN pg_class i ON i.oid = pg_index.indexrelid
    JOIN pg_am ON pg_am.oid = i.relam AND pg_am.amname = 'btree'
    WHERE i.relnamespace = 'public'::regnamespace"""


def column_names(db, table: str) -> list[str]:
    """The names of ``table``'s columns, in order, on either engine."""
    return [column[0] for column in db.execute(f'SELECT * FROM "{table}" LIMIT 0').description]


def triggers_sql(db) -> str:
    """The query for the database's triggers and their definitions, by name (on
    PostgreSQL with whether each is enabled)."""
    if dialect.of(db) is dialect.POSTGRES:
        return ("SELECT tgname, pg_get_triggerdef(oid), tgenabled FROM pg_trigger"
                " WHERE NOT tgisinternal ORDER BY 1")  # fmt: skip
    return "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1"


def every_row_text(db) -> str:
    """The text of every row of every table of the service, one line a row."""
    if dialect.of(db) is dialect.POSTGRES:
        tables = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    else:
        tables = "SELECT name FROM sqlite_master WHERE type = 'table'"
    names = [name for (name,) in db.execute(tables).fetchall()]
    return "\n".join(
        repr(tuple(row)) for name in names for row in db.execute(f'SELECT * FROM "{name}"')
    )

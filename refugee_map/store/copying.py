"""Copy a city's SQLite database into an empty PostgreSQL database (``refugee-map copy-db``).

All or nothing: the target is migrated, filled and checked in one transaction (under the
store's write lock), so a failure at any point leaves it as it was. Every table the two
schemas share is copied with its ids (PostgreSQL's ``COPY``), parents before children;
the identities then continue after the highest id. The source is opened read-only and read
in one transaction: a copy of a live database is consistent.

The map's cells are counted once at the end, the way the migration fills them. Counted row
by row by their insert trigger, 20,000 offers took ten minutes: every offer updates the
same few coarse cells, and inside one transaction each update leaves a row version the
next one has to pass. The other derived rows (the full-text index, the data versions) are
kept by the target's own triggers, as for rows the app writes.

Imported only by the command: it loads psycopg (:mod:`postgres`).
"""

import sqlite3
from collections.abc import Callable
from graphlib import TopologicalSorter
from pathlib import Path

import psycopg
from sqlite_utils import Database as SqliteDatabase

from refugee_map import store
from refugee_map.store import catalogue, data_versions, dialect, map_grid, postgres, schema

DERIVED = {"map_cells", "map_zoom_levels"}  # filled by the target's migrations and triggers
# Rows the target's migrations made, kept as they are: the data version, the first region.
MADE_BY_MIGRATIONS = ("meta", "regions")


class CopyError(ValueError):
    """Why the copy was refused or failed; nothing was changed."""


def copy_database(source_file: Path, target_url: str, report: Callable[[str, int], None]) -> None:
    """Copy ``source_file`` into the database at ``target_url``; ``report(table, rows)``
    is called for each table once its count is checked."""
    source = open_source(source_file)
    try:
        target = open_target(target_url)
        try:
            with store.writing(target):
                store.init(target)  # a savepoint inside: the migration is undone on failure
                _copy_tables(source, target, report)
        except psycopg.Error as error:
            raise CopyError(f"PostgreSQL refused the copy, nothing was changed: {error}") from None
        finally:
            target.close()
    finally:
        source.close()


def open_source(path: Path) -> sqlite3.Connection:
    """The SQLite file read-only, if it is one and migrated to this version's schema."""
    if not path.is_file():
        raise CopyError(f"{path} is not a file.")
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        connection.execute("BEGIN")  # one snapshot for every table
        pending = schema.migrations.pending(SqliteDatabase(connection))
    except sqlite3.DatabaseError as error:
        connection.close()
        raise CopyError(f"{path} is not an SQLite database of this service ({error}).") from None
    if pending:
        connection.close()
        raise CopyError(
            f"{path} is not migrated to this version's schema ({pending[0].name} is missing): "
            f"run REFUGEE_MAP_DB={path} refugee-map init first (it keeps all data)."
        )
    return connection


def open_target(url: str) -> "postgres.Database":
    """The PostgreSQL database (one out of reach: :class:`store.Unusable`)."""
    if not dialect.is_url(url):
        raise CopyError(f"{url!r} is not a PostgreSQL URL (postgresql://user@host/database).")
    return postgres.connect(url, store.DEFAULT_BUSY_TIMEOUT)


def _copy_tables(source: sqlite3.Connection, target, report) -> None:
    tables = _tables_in_order(source, target)
    made = {table: _first_column_values(target, table) for table in MADE_BY_MIGRATIONS}
    _refuse_unless_empty(target, tables, made)
    target.execute(f"ALTER TABLE offers DISABLE TRIGGER {map_grid.INSERT_TRIGGER}")
    for table in tables:
        present = _count(target, table)
        kept = _kept(target, table)
        sent = _copy_rows(source, target, table, _source_columns(source, table, target), kept)
        _continue_identity(target, table)
        stored = _count(target, table) - present
        if stored != sent:
            raise CopyError(f"{table}: {sent} rows read, {stored} stored; nothing was changed.")
        report(table, sent)
    target.execute(f"ALTER TABLE offers ENABLE TRIGGER {map_grid.INSERT_TRIGGER}")
    target.execute(f"INSERT INTO map_cells {map_grid.counted_cells(dialect.POSTGRES)}")


def _tables_in_order(source: sqlite3.Connection, target) -> list[str]:
    """The tables both schemas have, minus the derived ones, each after those it refers to."""
    names = {
        name for (name,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    shared = (names & _target_tables(target)) - DERIVED
    graph = {table: set() for table in shared}
    for child, parent in target.execute(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint"
        " WHERE contype = 'f' AND connamespace = CAST(current_schema() AS regnamespace)"
    ):
        if child in graph and parent in graph and child != parent:
            graph[child].add(parent)
    return list(TopologicalSorter(graph).static_order())


def _target_tables(target) -> set[str]:
    rows = target.execute(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    )
    return {name for (name,) in rows}


def _first_column_values(target, table: str) -> set:
    first = postgres.quoted(catalogue.column_names(target, table)[0])
    return {value for (value,) in target.execute(f"SELECT {first} FROM {postgres.quoted(table)}")}


def _refuse_unless_empty(target, tables: list[str], made: dict[str, set]) -> None:
    filled = [table for table in tables if _count(target, table) > len(made.get(table, ()))]
    if filled:
        raise CopyError(
            f"The PostgreSQL database is not empty (rows in {', '.join(sorted(filled))}): "
            "copy-db only fills a new, empty database; nothing was changed."
        )


def _source_columns(source: sqlite3.Connection, table: str, target) -> list[str]:
    """The source's columns of ``table``, all of which the target must have."""
    columns = [row[1] for row in source.execute(f"PRAGMA table_info({postgres.quoted(table)})")]
    missing = set(columns) - set(catalogue.column_names(target, table))
    if missing:
        raise CopyError(f"{table}: the PostgreSQL schema lacks {', '.join(sorted(missing))}.")
    return columns


def _kept(target, table: str) -> Callable[[object], bool]:
    """Whether the target keeps its own row for a source row (by its first column): those
    its migrations made, and the data versions (its triggers write them, also while the
    offers are copied)."""
    made = _first_column_values(target, table) if table in MADE_BY_MIGRATIONS else set()
    if table == "meta":
        return lambda key: key in made or data_versions.is_key(key)
    return made.__contains__


def _copy_rows(source, target, table: str, columns: list[str], kept: Callable) -> int:
    """COPY the source's rows of ``table``, except those whose first column is one of
    ``kept``; how many were sent."""
    names = ", ".join(postgres.quoted(column) for column in columns)
    rows = source.execute(f"SELECT {names} FROM {postgres.quoted(table)}")
    sent = 0
    statement = f"COPY {postgres.quoted(table)} ({names}) FROM STDIN"
    with target.conn.raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            if not kept(row[0]):
                copy.write_row(row)
                sent += 1
    return sent


def _continue_identity(target, table: str) -> None:
    """Let the identity of ``table`` (if any) hand out ids after the highest copied one."""
    for (column,) in target.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema ="
        " current_schema() AND table_name = ? AND is_identity = 'YES'",
        [table],
    ):
        name = postgres.quoted(column)
        target.execute(
            f"SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max({name}), 0) + 1, false)"
            f" FROM {postgres.quoted(table)}",
            [table, column],
        )


def _count(target, table: str) -> int:
    return target.execute(f"SELECT count(*) FROM {postgres.quoted(table)}").fetchone()[0]

"""The store: the only place with SQL. This package module opens the database, is the one
way to write (:func:`writing`) and says what went wrong when writing. One module per kind
of data: ``offers``, ``submissions``, ``accounts`` (users, sessions), ``attempts`` (what
the rate limits count), ``confirmations`` (requests and used links), ``views`` (page views),
``geocache``, ``uploads`` and ``import_jobs`` (an import between its steps); ``schema``
holds the migrations. The store imports nothing from the layers above it.

Plain functions over a sqlite-utils ``Database``, or over :class:`postgres.Database` (the
same calls) when the setting ``DB`` is a ``postgresql://`` URL; nothing here knows about HTTP.
"""

import errno
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from refugee_map.store import (
    catalogue,
    data_versions,
    dialect,
    postgres_migrations,
    schema,
    schema_postgres,
)
from refugee_map.store.errors import Busy, DiskFull, Duplicate, Unusable

DEFAULT_BUSY_TIMEOUT = 5.0  # seconds a write waits for another writer to finish


def is_disk_full(error: BaseException) -> bool:
    """A full database (:class:`DiskFull`) or a file write on a full disk or quota."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(error, DiskFull)


def connect(
    path: str | Path, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, pool_size: int = 0
) -> Database:
    """Open (creating if needed) the database with the settings the app relies on: a
    ``postgresql://`` URL names a PostgreSQL database, anything else an SQLite file.
    ``pool_size``: a PostgreSQL connection comes from this process's pool of that many
    (``close()`` gives it back); an SQLite file opens in microseconds and is not pooled."""
    if dialect.is_url(path):  # psycopg (and its pool) load here: only for PostgreSQL
        if pool_size:
            from refugee_map.store import postgres_pool

            return postgres_pool.borrow(str(path), float(busy_timeout), int(pool_size))
        from refugee_map.store import postgres

        return postgres.connect(str(path), float(busy_timeout))
    if str(path) == ":memory:":
        db = Database(memory=True)
    else:
        create_private(Path(path))
        db = Database(sqlite3.connect(str(path), check_same_thread=False))
        db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA busy_timeout = {int(float(busy_timeout) * 1000)}")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def connect_configured(config: Mapping, name: str = "DB", *, pooled: bool = False) -> Database:
    """The database an app's setting ``name`` names (``DB`` or ``DB_READ``), with its
    ``DB_BUSY_TIMEOUT``; ``pooled``: lent by the pool of ``DB_POOL_SIZE`` connections."""
    busy_timeout = config.get("DB_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT)
    pool_size = config.get("DB_POOL_SIZE", 0) if pooled else 0
    return connect(config[name], busy_timeout=busy_timeout, pool_size=pool_size)


def create_private(path: Path) -> None:
    """Create ``path`` (if missing) readable by its owner only, in a folder of the owner's.

    For the database: SQLite gives its -wal and -shm files the database file's mode, so
    offers, accounts and password hashes stay the owner's from the first byte on. Only the
    last folder is created 0700; an existing file or folder keeps its mode.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


# Connections (by id) inside :func:`writing`, for tests that check every write uses it.
_writers: set[int] = set()


def is_writing(db: Database) -> bool:
    """Is ``db`` inside a transaction opened by :func:`writing`?"""
    return id(db.conn) in _writers


@contextmanager
def writing(db: Database, *, wait: bool = True) -> Iterator[Database]:
    """The one way to write: a transaction that holds SQLite's write lock from its start.

    A deferred transaction (sqlite-utils' ``atomic()``) reads first and asks for the write
    lock later; if another connection wrote in between, SQLite refuses at once ("database
    is locked") without waiting for the busy timeout. ``BEGIN IMMEDIATE`` waits for the
    lock up to the busy timeout instead. Inside an open transaction this is a savepoint.
    Commits on success, rolls back on any error; a lock not granted in time raises
    :class:`Busy`, a full disk :class:`DiskFull`, a second row of a unique key
    :class:`Duplicate`. ``wait=False``: :class:`Busy` at once when another writer holds
    the lock, for a write not worth holding a request for.
    """
    if db.conn.in_transaction:
        with storage_errors(), db.atomic():
            yield db
        return
    with storage_errors():
        _begin_immediate(db, wait)
    _writers.add(id(db.conn))
    try:
        with storage_errors():
            yield db
            db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
    finally:
        _writers.discard(id(db.conn))


def _begin_immediate(db: Database, wait: bool) -> None:
    if dialect.of(db) is dialect.POSTGRES:
        db.begin_writing(wait)
        return
    if wait:
        db.conn.execute("BEGIN IMMEDIATE")
        return
    timeout = db.conn.execute("PRAGMA busy_timeout").fetchone()[0]
    db.conn.execute("PRAGMA busy_timeout = 0")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    finally:
        db.conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")


_UNIQUE_KEYS = (sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)


@contextmanager
def storage_errors() -> Iterator[None]:
    """SQLite's "database is locked", "database or disk is full" and a unique key's second
    row as :class:`Busy`, :class:`DiskFull` and :class:`Duplicate` (a PostgreSQL
    connection raises them itself)."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        if getattr(error, "sqlite_errorcode", 0) in _UNIQUE_KEYS:
            raise Duplicate(str(error)) from error
        raise
    except sqlite3.OperationalError as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
        if code == sqlite3.SQLITE_BUSY:
            raise Busy(str(error)) from error
        if code == sqlite3.SQLITE_FULL:
            raise DiskFull(str(error)) from error
        raise


def init(db: Database) -> None:
    """Create or migrate the schema without touching existing data; one writer at a time,
    so two processes starting together do not both migrate."""
    with writing(db):
        if dialect.of(db) is dialect.POSTGRES:
            if missing := postgres_migrations.missing_extensions(db):
                create = " ".join(f"CREATE EXTENSION {name};" for name in missing)
                raise Unusable(
                    f"the PostgreSQL database lacks the extensions {', '.join(missing)}; "
                    f"as a superuser run in it: {create}"
                )
            schema_postgres.apply(db)
        else:
            schema.apply(db)
    catalogue.forget(db)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def get_meta(db: Database, key: str) -> str | None:
    rows = list(db.query("SELECT value FROM meta WHERE key = ?", [key]))
    return rows[0]["value"] if rows else None


def data_version(db: Database, region: int | None = None) -> str:
    """A token that changes with every change to the offers or their translations (of
    ``region`` only, if given: :mod:`data_versions`)."""
    return get_meta(db, data_versions.key(region)) or ""


def set_meta(db: Database, key: str, value: str | None) -> None:
    with writing(db):
        if value is None:
            db.execute("DELETE FROM meta WHERE key = ?", [key])
        else:
            db["meta"].upsert({"key": key, "value": value}, pk="key")

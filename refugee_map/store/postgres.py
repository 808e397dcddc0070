"""PostgreSQL behind the store's one connection type: the part of sqlite-utils' ``Database``
the store uses (``execute``, ``query``, ``db[table].insert/update/upsert``, ``atomic``),
over a psycopg 3 connection.

The store's SQL is written once with ``?`` placeholders; here they become psycopg's
``%s``. What differs between the engines beyond that is spelled by :mod:`dialect`, never
guessed here. Writes are serialised as on SQLite: :func:`begin_writing` opens a transaction
that holds one advisory lock, waiting up to the busy timeout (``lock_timeout``); a lock
not granted in time and a full disk raise the store's own errors, as on SQLite.

Imported only when the setting ``DB`` is a PostgreSQL URL: psycopg takes 0.1 s to load,
which an SQLite install (and every command it runs) need not pay.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.types.numeric import Int8Dumper
from psycopg.types.string import StrDumperUnknown
from sqlite_utils.db import Column

from refugee_map.store import catalogue, dialect, errors

WRITE_LOCK = 0x5EF06EE  # the advisory lock key every writer takes (one writer at a time)
CONNECT_TIMEOUT = 10  # seconds to reach the server before the database counts as out of reach


def placeholders(sql: str) -> str:
    """``?`` as ``%s`` and ``%`` as ``%%`` outside quoted strings and names."""
    out, quote = [], None
    for char in sql:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "?":
            char = "%s"
        elif char == "%":
            char = "%%"
        out.append(char)
    return "".join(out)


class YesNoDumper(Dumper):
    """``True``/``False`` as 1/0, as SQLite stores them: yes/no columns are integers."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


class NulFreeText(StrDumperUnknown):
    """A string as psycopg sends it, but NUL (which PostgreSQL's text cannot hold) as
    U+FFFD: typed input still finds, counts and keys the same as on SQLite instead of
    failing. Text the app stores has none (the offer rules refuse it)."""

    def dump(self, obj: str):
        return super().dump(obj.replace("\x00", "\ufffd"))


class NumberLoader(Loader):
    """``numeric`` as SQLite answers, which has no decimals: a whole number (``sum`` of
    integers) as an int, any other (``x * 360.0``) as a float."""

    def load(self, data) -> int | float:
        text = bytes(data)
        return int(text) if text.lstrip(b"-").isdigit() else float(text)


class Connection:
    """The psycopg connection with what the store and the tests ask of ``db.conn``."""

    def __init__(self, raw: psycopg.Connection):
        self.raw = raw
        self._trace = None

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def set_trace_callback(self, callback) -> None:
        self._trace = callback

    def execute(self, sql: str, params=()) -> psycopg.Cursor:
        if self._trace:
            self._trace(sql)
        with _storage_errors():
            return self.raw.execute(placeholders(sql), list(params))

    def executemany(self, sql: str, rows, returning: bool = False) -> list | None:
        """``sql`` once per row, in one pipeline; ``returning``: the first value each
        statement returns, in the rows' order."""
        if self._trace:
            self._trace(sql)
        with _storage_errors(), self.raw.cursor() as cursor:
            cursor.executemany(placeholders(sql), [list(row) for row in rows], returning=returning)
            return _first_values(cursor) if returning else None

    def close(self) -> None:
        self.raw.close()


def _first_values(cursor: psycopg.Cursor) -> list:
    values = [cursor.fetchone()[0]]
    while cursor.nextset():
        values.append(cursor.fetchone()[0])
    return values


@contextmanager
def _storage_errors() -> Iterator[None]:
    try:
        yield
    except psycopg.errors.LockNotAvailable as error:
        raise errors.Busy(_one_line(error)) from error
    except psycopg.errors.DiskFull as error:
        raise errors.DiskFull(_one_line(error)) from error
    except psycopg.errors.UniqueViolation as error:
        raise errors.Duplicate(_one_line(error)) from error


def _one_line(error: psycopg.Error) -> str:
    """The server's primary message, without its DETAIL/HINT/CONTEXT lines (a full disk
    brings "HINT: Check free disk space."), so the CLI's "Error: …" stays one line."""
    return error.diag.message_primary or str(error).splitlines()[0]


class Database:
    """A store connection to PostgreSQL (see the module doc): ``raw`` set up by
    :func:`configure`; ``close()`` hands it to ``release`` (a pool's, or closes it)."""

    dialect = dialect.POSTGRES

    def __init__(self, raw: psycopg.Connection, release=psycopg.Connection.close):
        self.conn = Connection(raw)  # a wrapper of its own: no trace callback of an earlier use
        self._release = release

    def execute(self, sql: str, params=()) -> psycopg.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params=()) -> Iterator[dict]:
        cursor = self.conn.execute(sql, params)
        names = [column.name for column in cursor.description or ()]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def __getitem__(self, name: str) -> "Table":
        return Table(self, name)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A savepoint inside the open transaction: undone alone if its block fails."""
        self.execute("SAVEPOINT store_atomic")
        try:
            yield
        except BaseException:
            self.execute("ROLLBACK TO SAVEPOINT store_atomic")
            raise
        self.execute("RELEASE SAVEPOINT store_atomic")

    def begin_writing(self, wait: bool) -> None:
        """Open the writing transaction: the one write lock, waited for (or not: ``wait``)."""
        self.execute("BEGIN")
        try:
            if wait:
                self.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            elif not self.execute(f"SELECT pg_try_advisory_xact_lock({WRITE_LOCK})").fetchone()[0]:
                raise errors.Busy("another writer holds the write lock")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self._release(self.conn.raw)


class Table:
    """``db[name]``: sqlite-utils' row writes the store uses, keyed by ``id`` or ``pk``, and
    what tests ask of a table (``count``, ``columns``)."""

    def __init__(self, db: Database, name: str):
        self.db, self.name = db, name
        self.last_pk = None

    @property
    def count(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM {self.name}").fetchone()[0]

    @property
    def columns(self) -> list[Column]:
        return [Column(*row) for row in catalogue.table_info(self.db, self.name)]

    def insert(self, row: dict, pk=None, replace: bool = False) -> "Table":
        names = ", ".join(quoted(name) for name in row)
        sql = f"INSERT INTO {self.name} ({names}) VALUES ({', '.join('?' * len(row))})"
        if replace:
            sql += _on_conflict_update(row, pk)
        numbered = pk is None and "id" in catalogue.column_names(self.db, self.name)
        sql += " RETURNING id" if numbered else ""
        cursor = self.db.execute(sql, list(row.values()))
        self.last_pk = cursor.fetchone()[0] if numbered else None
        return self

    def upsert(self, row: dict, pk) -> "Table":
        return self.insert(row, pk=pk, replace=True)

    def update(self, key, changes: dict) -> "Table":
        keys = catalogue.primary_key(self.db, self.name) if isinstance(key, tuple) else ("id",)
        values = key if isinstance(key, tuple) else (key,)
        assignments = ", ".join(f"{quoted(name)} = ?" for name in changes)
        condition = " AND ".join(f"{quoted(name)} = ?" for name in keys)
        self.db.execute(
            f"UPDATE {self.name} SET {assignments} WHERE {condition}",
            [*changes.values(), *values],
        )
        return self


def _on_conflict_update(row: dict, pk) -> str:
    keys = (pk,) if isinstance(pk, str) else tuple(pk)
    others = [name for name in row if name not in keys]
    action = ", ".join(f"{quoted(name)} = excluded.{quoted(name)}" for name in others)
    target = ", ".join(quoted(name) for name in keys)
    return f" ON CONFLICT ({target}) DO " + (f"UPDATE SET {action}" if others else "NOTHING")


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def configure(raw: psycopg.Connection, busy_timeout: float) -> None:
    """What the store relies on in every connection: its types (see the adapters above)
    and how long a write waits for the write lock."""
    raw.adapters.register_dumper(int, Int8Dumper)  # never int2: one integer type
    raw.adapters.register_dumper(bool, YesNoDumper)
    raw.adapters.register_dumper(str, NulFreeText)
    raw.adapters.register_loader("numeric", NumberLoader)
    raw.execute(f"SET lock_timeout = {int(busy_timeout * 1000)}")


def open_connection(url: str, busy_timeout: float) -> psycopg.Connection:
    """A new connection of its own, configured; :class:`errors.Unusable` if out of reach."""
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.OperationalError as error:
        raise errors.Unusable(f"cannot connect to PostgreSQL: {error}".strip()) from None
    configure(raw, busy_timeout)
    return raw


def connect(url: str, busy_timeout: float) -> Database:
    """A connection of its own (a pooled one: :mod:`postgres_pool`)."""
    return Database(open_connection(url, busy_timeout))

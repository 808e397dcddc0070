"""The columns of the store's tables, asked of the database once per connection.

An offer's fields are read from its table (``offers.columns``) and a PostgreSQL insert
needs to know whether its table has an ``id`` to return: questions every read and write
would otherwise ask again, though only a migration (:func:`forget`) changes the answer.
"""

from weakref import WeakKeyDictionary

from refugee_map.store import dialect

_known: WeakKeyDictionary = WeakKeyDictionary()  # connection -> {table: its rows}


def table_info(db, table: str) -> list[tuple]:
    """Rows like SQLite's ``PRAGMA table_info``: (position, name, type, not null, default,
    place in the primary key or 0), types and defaults spelled as SQLite spells them."""
    tables = _known.setdefault(db, {})
    if table not in tables:
        rows = db.execute(dialect.of(db).table_info, [table]).fetchall()
        tables[table] = [tuple(row) for row in rows]
    return tables[table]


def column_names(db, table: str) -> list[str]:
    return [row[1] for row in table_info(db, table)]


def primary_key(db, table: str) -> tuple[str, ...]:
    """The columns of the table's primary key, in the key's order."""
    keyed = sorted((row[5], row[1]) for row in table_info(db, table) if row[5])
    return tuple(name for _, name in keyed)


def forget(db) -> None:
    """After a migration on ``db``: its tables are asked again."""
    _known.pop(db, None)

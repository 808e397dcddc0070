"""Geocoding answers kept in SQLite, so one address is asked of the provider once.

An answer of "not found" is kept too: its position and label are None.
"""

import contextlib

from sqlite_utils import Database

from refugee_map import store


def cached(db: Database, provider: str, query: str) -> dict | None:
    """The kept answer (lat, lng, label, approximate) to ``query``, if any."""
    rows = list(
        db.query(
            "SELECT lat, lng, label, approximate FROM geocode_cache"
            " WHERE provider = ? AND query = ?",
            [provider, query],
        )
    )
    return rows[0] if rows else None


def keep(db: Database, row: dict) -> None:
    """Keep an answer (provider, query, lat, lng, label, approximate, created_at).

    Not worth waiting for: while another writer (an import) holds the database the answer
    goes uncached, and the next lookup of the address asks again."""
    with contextlib.suppress(store.Busy), store.writing(db, wait=False):
        db["geocode_cache"].insert(row, pk=("provider", "query"), replace=True)

"""The stored offers an import needs to see: those its rows may update or look like.

An import compares its rows with the stored offers without loading them all: offers by id
in one query, the address columns of every offer streamed (nothing kept but the caller's
matches), and the offers near a point from the spatial index. An import sees the offers
of its region only (``region``): another region's offer is neither updated nor matched.
"""

import json
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from refugee_map.store import dialect
from refugee_map.store import offers as offer_store

ADDRESS_COLUMNS = ("id", "organization", "title", "street", "postcode")
NEAR_COLUMNS = ("id", "organization", "title", "street", "postcode", "lat", "lng")


def offers_by_ids(db: Database, ids: Iterable[int], *, region: int) -> list[dict]:
    """The region's offers (any status, not deleted) with these ids, in id order."""
    sql = offer_store.select_sql(None) + (
        f" WHERE offers.id IN ({dialect.of(db).ids_of}) AND offers.region_id = ?"
        " AND offers.deleted_at IS NULL ORDER BY offers.id"
    )
    shape = offer_store.columns(db)
    rows = db.query(sql, [None, json.dumps(sorted(set(ids))), region])
    return [offer_store.decode(row, None, shape) for row in rows]


def deleted_among(db: Database, ids: Iterable[int], *, region: int) -> set[int]:
    """Which of ``ids`` name deleted offers of the region (a lookup per id, not a scan of
    every offer)."""
    rows = db.execute(
        f"SELECT id FROM offers WHERE id IN ({dialect.of(db).ids_of}) AND region_id = ?"
        " AND deleted_at IS NOT NULL",
        [json.dumps(sorted(set(ids))), region],
    )
    return {offer_id for (offer_id,) in rows}


def elsewhere_among(db: Database, ids: Iterable[int], *, region: int) -> set[int]:
    """Which of ``ids`` name offers of another region than ``region``: an import may
    neither update them nor create an offer under their id."""
    rows = db.execute(
        f"SELECT id FROM offers WHERE id IN ({dialect.of(db).ids_of}) AND region_id <> ?",
        [json.dumps(sorted(set(ids))), region],
    )
    return {offer_id for (offer_id,) in rows}


def addresses(db: Database, postcodes: Iterable[str], *, region: int) -> Iterator[tuple]:
    """(id, organisation, title, street, postcode) of every offer of the region not deleted
    whose postcode is one of ``postcodes``, in id order, one row at a time."""
    columns = ", ".join(ADDRESS_COLUMNS)
    yield from db.execute(
        f"SELECT {columns} FROM offers WHERE region_id = ? AND deleted_at IS NULL"
        f" AND postcode IN ({dialect.of(db).texts_of}) ORDER BY id",
        [region, json.dumps(sorted(set(postcodes)))],
    )


def offers_in_box(
    db: Database, bbox: tuple[float, float, float, float], *, region: int
) -> list[dict]:
    """Id, address, title and point of the region's offers (not deleted) whose point lies in
    ``bbox`` (min lng, min lat, max lng, max lat), or close to it: SQLite's R*Tree holds
    32-bit floats, so this is a superset and the caller measures the distance it needs."""
    columns = ", ".join(f"offers.{name}" for name in NEAR_COLUMNS)
    rows = db.query(
        f"SELECT {columns} FROM offers WHERE {dialect.of(db).bbox_candidates}"
        " AND offers.region_id = ? AND offers.deleted_at IS NULL",
        [*bbox, region],
    )
    return list(rows)

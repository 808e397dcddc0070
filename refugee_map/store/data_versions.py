"""The data versions: tokens in ``meta`` that triggers replace on every change to the offers
or their translations, so no writer can forget them (m007). ``data_version`` moves with any
change (the network-wide reads); since m016 each region has its own, ``data_version:<id>``,
moved only by changes to its offers and their translations (an offer moved to another
region: both regions'), so one region's edit leaves another region's ETags and caches alone.

A region whose offers never changed has no row yet: its version is the empty string until
the first change writes one. DDL and statements only, with no import of the store package,
so the schema modules can use it; written once for both engines: a row trigger on SQLite,
a statement trigger over the changed rows on PostgreSQL (which also tells every listening
process, its payload naming the regions).
"""

import json

from refugee_map.store import dialect
from refugee_map.store.dialect import Dialect

KEY = "data_version"  # m007's key: the network-wide version
TABLES = ("offers", "offer_translations")
EVENTS = {"INSERT": ("new",), "UPDATE": ("old", "new"), "DELETE": ("old",)}
# What in a changed row leads to its region, and the regions of the rows of ``{rows}``.
_REGIONS_OF = {
    "offers": ("region_id", "SELECT region_id FROM {rows}"),
    "offer_translations": (
        "offer_id",
        "SELECT region_id FROM offers WHERE id IN (SELECT offer_id FROM {rows})",
    ),
}


def key(region: int | None) -> str:
    """The ``meta`` key of ``region``'s data version (None: the network-wide one)."""
    return KEY if region is None else f"{KEY}:{region}"


def is_key(key: object) -> bool:
    """Is ``key`` (of ``meta``) a data version's, the network's or a region's?"""
    return key == KEY or str(key).startswith(f"{KEY}:")


def by_region(db, channel: str = "") -> None:
    """Replace m007's triggers with ones that also move the changed rows' regions'
    versions; on PostgreSQL they notify ``channel`` (m016)."""
    spelled = dialect.of(db)
    _drop_m007_triggers(db, spelled)
    for table in TABLES:
        for event in EVENTS:
            for statement in _trigger(spelled, table, event, channel):
                db.execute(statement)


def moved_by_new_offers(db, ids: list[int], channel: str = "") -> None:
    """What the offers' insert trigger (:func:`trigger_name`) does, for the offers ``ids``
    written without it (a bulk import)."""
    spelled = dialect.of(db)
    regions = f"SELECT region_id FROM offers WHERE id IN ({spelled.ids_of})"
    db.execute(_new_network_version(spelled))
    db.execute(_new_region_versions(spelled, regions), [json.dumps(ids)])
    if spelled is dialect.POSTGRES:
        db.execute(f"SELECT {_notify(channel, regions)}", [json.dumps(ids)])


def trigger_name(table: str, event: str) -> str:
    return f"{table}_{event.lower()}_data_version"


def _drop_m007_triggers(db, spelled: Dialect) -> None:
    """SQLite's row triggers of the names :func:`trigger_name` gives; PostgreSQL's one
    statement trigger per table and their shared function."""
    if spelled is dialect.SQLITE:
        for table in TABLES:
            for event in EVENTS:
                db.execute(f"DROP TRIGGER {trigger_name(table, event)}")
        return
    for table in TABLES:
        db.execute(f"DROP TRIGGER {table}_data_version ON {table}")
    db.execute("DROP FUNCTION new_data_version()")


def _trigger(spelled: Dialect, table: str, event: str, channel: str) -> list[str]:
    column, regions_of = _REGIONS_OF[table]
    name = trigger_name(table, event)
    if spelled is dialect.SQLITE:
        rows = (f"(SELECT {row}.{column} AS {column})" for row in EVENTS[event])
        regions = " UNION ".join(regions_of.format(rows=row) for row in rows)
        body = f"{_new_network_version(spelled)}; {_new_region_versions(spelled, regions)};"
        return dialect.trigger(spelled, name, event, table, body)
    regions = " UNION ".join(regions_of.format(rows=f"{row}_rows") for row in EVENTS[event])
    body = (
        f"{_new_network_version(spelled)}; {_new_region_versions(spelled, regions)};"
        f" PERFORM {_notify(channel, regions)};"
    )
    referencing = " ".join(f"{row.upper()} TABLE AS {row}_rows" for row in EVENTS[event])
    return dialect.statement_trigger(name, event, table, body, referencing)


def _new_network_version(spelled: Dialect) -> str:
    # an UPDATE, not a REPLACE: in a trigger the outer statement's conflict handling wins
    return f"UPDATE meta SET value = {spelled.random_hex} WHERE key = '{KEY}'"


def _new_region_versions(spelled: Dialect, regions: str) -> str:
    """SQL: a new version for each region the query ``regions`` names (a column
    ``region_id``, maybe with repeats)."""
    # "WHERE" before "ON CONFLICT": SQLite's parser needs it after a SELECT
    return (
        f"INSERT INTO meta (key, value) SELECT '{KEY}:' || region_id, {spelled.random_hex}"
        f" FROM (SELECT DISTINCT region_id FROM ({regions}) AS changed) AS moved"
        " WHERE region_id IS NOT NULL ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )


def _notify(channel: str, regions: str) -> str:
    """SQL (PostgreSQL): tell the processes listening on ``channel`` that the data of the
    regions ``regions`` names changed (their ids, comma-separated)."""
    named = (
        "SELECT coalesce(string_agg(DISTINCT CAST(region_id AS text), ','), '')"
        f" FROM ({regions}) AS changed"
    )
    return f"pg_notify('{channel}', ({named}))"

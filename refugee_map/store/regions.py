"""The regions one deployment serves, each with its own districts, gazetteer, agency name,
default language, bounds and tiles (``domain.regions`` reads a row as a region).

Row 1 is the region the deployment served before there were regions: migration m013
creates it with every column empty, and an empty column means "the setting" (``REGION``,
``REGION_DIR``, ``AGENCY_NAME``, ``TILE_URL``, ...), so a one-city install keeps following
its settings. Regions added later (``refugee-map region add``) name their slug and folder.
"""

from sqlite_utils import Database

from refugee_map import store
from refugee_map.store import dialect, shared_tables

HOME = shared_tables.HOME_REGION  # the region of the settings, served at today's URLs
COLUMNS = ("slug", "name", "agency_name", "default_language", "min_lng", "min_lat", "max_lng",
           "max_lat", "tile_url", "tile_attribution", "region_dir")  # fmt: skip
TABLE_EXISTS = {
    "sqlite": "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'regions'",
    "postgresql": "SELECT 1 WHERE to_regclass('regions') IS NOT NULL",
}


def all_regions(db: Database) -> list[dict]:
    """Every region's row, the region of the settings first; none in a database not
    migrated yet (an app started before ``refugee-map init``)."""
    if not list(db.query(TABLE_EXISTS[dialect.of(db).name])):
        return []
    return list(db.query("SELECT * FROM regions ORDER BY id"))


def several(db: Database) -> bool:
    """Does the deployment serve more than the region of the settings?"""
    return bool(list(db.query("SELECT 1 FROM regions WHERE id <> ? LIMIT 1", [HOME])))


def add_region(db: Database, row: dict) -> int:
    """Add a region (``row``: :data:`COLUMNS`, the slug required); its new id."""
    values = {column: row.get(column) for column in COLUMNS}
    with store.writing(db):
        return db["regions"].insert(values | {"created_at": store.now()}).last_pk


def published_counts(db: Database) -> dict[int, int]:
    """The number of published offers of each region that has any, by the region's id."""
    rows = db.query(
        "SELECT region_id, COUNT(*) AS n FROM offers"
        " WHERE status = 'published' AND deleted_at IS NULL GROUP BY region_id"
    )
    return {row["region_id"]: row["n"] for row in rows}

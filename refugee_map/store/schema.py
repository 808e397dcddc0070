"""The database schema on SQLite, built and upgraded by sqlite-utils migrations; the
PostgreSQL twins under the same names are in :mod:`schema_postgres`. The tables' DDL,
written once for both engines, is in :mod:`offer_tables`, :mod:`user_tables`,
:mod:`visitor_tables` and :mod:`shared_tables`.

Search (FTS5) and bounding-box (R*Tree) indexes are kept in step with ``offers`` by
triggers, so every writer - the app, an import, a hand-run SQL fix - keeps them true.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from refugee_map.store import (
    account_tables,
    data_versions,
    map_grid,
    offer_filters,
    offer_tables,
    search_fts5,
    shared_tables,
    user_tables,
    visitor_tables,
)

migrations = Migrations("refugee_map")


def apply(db: Database) -> None:
    """Create or upgrade the schema; safe to run on every start."""
    migrations.apply(db)


ID = "INTEGER PRIMARY KEY"


@migrations()
def m001_offers(db: Database) -> None:
    offer_tables.create(db, ID)


@migrations()
def m002_search_and_bbox_indexes(db: Database) -> None:
    search_fts5.create(db)


@migrations()
def m003_users(db: Database) -> None:
    user_tables.users(db, ID)
    user_tables.user_sessions(db)


@migrations()
def m004_submissions_and_views(db: Database) -> None:
    visitor_tables.submissions(db, ID)
    visitor_tables.offer_views(db)
    visitor_tables.confirmation_requests(db, ID)


@migrations()
def m005_login_attempts(db: Database) -> None:
    user_tables.login_attempts(db, ID)


@migrations()
def m006_spent_confirmation_links(db: Database) -> None:
    visitor_tables.spent_confirmation_links(db)


DATA_VERSION_KEY = "data_version"
PUBLISHED_TABLES = ("offers", "offer_translations")
_RANDOM_VALUE = "lower(hex(randomblob(8)))"
# an UPDATE, not a REPLACE: in a trigger the outer statement's conflict handling wins
NEW_DATA_VERSION = f"UPDATE meta SET value = {_RANDOM_VALUE} WHERE key = '{DATA_VERSION_KEY}'"


@migrations()
def m007_data_version(db: Database) -> None:
    """A token in ``meta`` that every change to offers or their translations replaces.

    Triggers, so no writer can forget it: the app, an import, a restore, hand-run SQL.
    The token is random rather than a counter: a database file restored from a backup
    brings back the token of its own contents, never one another state already used.
    """
    db.execute(f"INSERT INTO meta (key, value) VALUES ('{DATA_VERSION_KEY}', {_RANDOM_VALUE})")
    for table in PUBLISHED_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"""
                CREATE TRIGGER {table}_{event.lower()}_data_version AFTER {event} ON {table}
                BEGIN
                    {NEW_DATA_VERSION};
                END
                """
            )


@migrations()
def m008_map_cells(db: Database) -> None:
    """Per-zoom cell counts of the offers on the map, kept current by triggers
    (:func:`map_grid.create_cell_index`): a map view's clusters in constant time. And
    for the pages of the public list: its order (title, then id) as an index, so a page
    reads its own rows only, and the offers not placed yet, counted beside the cells."""
    map_grid.create_cell_index(db, range(0, 17))
    db.execute("CREATE INDEX offers_title ON offers(title COLLATE NOCASE)")
    db.execute(f"CREATE INDEX offers_unplaced ON offers(category) WHERE {map_grid.UNPLACED}")


@migrations()
def m009_district_counts(db: Database) -> None:
    """The district menu's counts (:func:`offer_lists.district_counts`) from an index alone:
    one pass over it groups the matching offers by district, no offer row is read."""
    db.execute(
        "CREATE INDEX offers_district_facets"
        " ON offers(district, category, status, deleted_at, volunteers_wanted)"
    )


@migrations()
def m010_multilingual_search(db: Database) -> None:
    """Translations and categories in the full-text index, folded in more scripts
    (:func:`search_fts5.create_multilingual`): a search in any UI language."""
    search_fts5.create_multilingual(db)


@migrations()
def m011_street_zooms_and_search_counts(db: Database) -> None:
    """The map's street zooms (17, 18) counted in ``map_cells`` too
    (:data:`map_grid.STORED_ZOOMS`): a phone's view at street zoom in constant time. And
    what counting a text search's matches reads of each (:func:`offer_filters.counting_index`)
    as a covering index, so the count and the district counts read no offer row. And the
    full-text triggers shortened (:func:`search_fts5.index_through_view`): a connection
    opens in a fraction of the time. And the last change as an index, for the OGC API's
    ``datetime`` filter (``OfferQuery.changed_since``/``changed_until``)."""
    map_grid.store_zooms(db, range(17, 19))
    search_fts5.index_through_view(db)
    db.execute(
        f"CREATE INDEX {offer_filters.SEARCH_FACETS_INDEX}"
        " ON offers(id, status, deleted_at, district, category)"
    )
    db.execute("CREATE INDEX offers_updated ON offers(updated_at)")


@migrations()
def m012_shared_state(db: Database) -> None:
    """What several app processes over one database share, kept in it rather than in one
    process's memory: the rate-limit attempts of every kind (the login attempts renamed),
    import files between preview and confirmation, and the progress of import jobs. Each
    table is made in :mod:`shared_tables`."""
    shared_tables.attempts(db)
    shared_tables.uploads(db)
    shared_tables.import_jobs(db)


@migrations()
def m013_regions(db: Database) -> None:
    """The regions one deployment serves (:mod:`store.regions`), with the one it served
    so far as row 1: its columns left empty, so they keep following the settings. Every
    offer belongs to one (``region_id``; the existing ones to row 1)."""
    shared_tables.regions(db, "INTEGER PRIMARY KEY")


@migrations()
def m014_accounts_in_regions(db: Database) -> None:
    """Every back-office account belongs to a region (admins and editors; the existing
    ones to row 1) or, as a network admin, to none (:mod:`account_tables`)."""
    account_tables.accounts_in_regions(db)


@migrations()
def m015_submissions_region(db: Database) -> None:
    """Every submission belongs to a region (``region_id``; the existing ones to row 1),
    so each region's review queue holds its own (:func:`shared_tables.submissions_region`)."""
    shared_tables.submissions_region(db)


@migrations()
def m016_map_cells_and_data_versions_per_region(db: Database) -> None:
    """Several regions served from stored counts, each with its own data version:
    ``map_cells`` keyed by region first and recounted (:func:`map_grid.index_cells_by_region`),
    and a data version per region beside the network-wide one (:mod:`data_versions`)."""
    map_grid.index_cells_by_region(db)
    data_versions.by_region(db)

"""The database schema, built and upgraded by sqlite-utils migrations.

Search (FTS5) and bounding-box (R*Tree) indexes are kept in step with ``offers`` by
triggers, so every writer - the app, an import, a hand-run SQL fix - keeps them true.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from refugee_map.store import data_versions, map_grid, offer_filters, search_index, shared_tables

migrations = Migrations("refugee_map")


def apply(db: Database) -> None:
    """Create or upgrade the schema; safe to run on every start."""
    migrations.apply(db)


@migrations()
def m001_offers(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE offers (
            id INTEGER PRIMARY KEY,
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            organization TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            lat REAL,
            lng REAL,
            district TEXT,
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            website TEXT NOT NULL DEFAULT '',
            opening_hours TEXT NOT NULL DEFAULT '{}',
            by_appointment INTEGER NOT NULL DEFAULT 0,
            hours_note TEXT NOT NULL DEFAULT '',
            languages TEXT NOT NULL DEFAULT '[]',
            target_groups TEXT NOT NULL DEFAULT '[]',
            free_of_charge INTEGER NOT NULL DEFAULT 1,
            wheelchair_access INTEGER,
            volunteers_wanted INTEGER NOT NULL DEFAULT 0,
            volunteer_tasks TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'published', 'archived')),
            verified_at TEXT,
            source_url TEXT NOT NULL DEFAULT '',
            location_approximate INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            deleted_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX offers_category ON offers(category)")
    db.execute("CREATE INDEX offers_district ON offers(district)")
    db.execute("CREATE INDEX offers_status ON offers(status)")
    db.execute(
        """
        CREATE TABLE offer_translations (
            offer_id INTEGER NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (offer_id, lang)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE offer_history (
            id INTEGER PRIMARY KEY,
            offer_id INTEGER NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            user TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            before TEXT,
            after TEXT
        )
        """
    )
    db.execute("CREATE INDEX offer_history_offer ON offer_history(offer_id, id)")
    db.execute(
        """
        CREATE TABLE geocode_cache (
            provider TEXT NOT NULL,
            query TEXT NOT NULL,
            lat REAL,
            lng REAL,
            label TEXT,
            approximate INTEGER,
            created_at TEXT NOT NULL,
            PRIMARY KEY (provider, query)
        )
        """
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")


@migrations()
def m002_search_and_bbox_indexes(db: Database) -> None:
    search_index.create(db)


@migrations()
def m003_users(db: Database) -> None:
    """Back-office accounts and their server-side sessions (deleted = signed out)."""
    db.execute(
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            last_login_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE user_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX user_sessions_user ON user_sessions(user_id)")


@migrations()
def m004_submissions_and_views(db: Database) -> None:
    """What visitors send (never published directly) and page views without visitors."""
    db.execute(
        """
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('new', 'change', 'report')),
            offer_id INTEGER REFERENCES offers(id) ON DELETE SET NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'accepted', 'rejected')),
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            decided_at TEXT,
            decided_by TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX submissions_status ON submissions(status, kind)")
    db.execute(
        """
        CREATE TABLE offer_views (
            offer_id INTEGER NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            month TEXT NOT NULL,
            views INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (offer_id, month)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE confirmation_requests (
            id INTEGER PRIMARY KEY,
            offer_id INTEGER NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            email TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            sent_by TEXT NOT NULL DEFAULT '',
            delivered INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX confirmation_requests_offer ON confirmation_requests(offer_id, id)")


@migrations()
def m005_login_attempts(db: Database) -> None:
    """Recent attempts to sign in, for the login limits (:mod:`login_limits`)."""
    db.execute(
        """
        CREATE TABLE login_attempts (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            source TEXT NOT NULL,
            at REAL NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX login_attempts_account ON login_attempts(account, source, at)")
    db.execute("CREATE INDEX login_attempts_source ON login_attempts(source, at)")
    db.execute("CREATE INDEX login_attempts_at ON login_attempts(at)")


@migrations()
def m006_spent_confirmation_links(db: Database) -> None:
    """Confirmation links used once (confirmed, or a change sent), by a digest of the link."""
    db.execute(
        """
        CREATE TABLE spent_confirmation_links (
            digest TEXT PRIMARY KEY,
            offer_id INTEGER NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            spent_at TEXT NOT NULL
        )
        """
    )


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
    (:func:`search_index.create_multilingual`): a search in any UI language."""
    search_index.create_multilingual(db)


@migrations()
def m011_street_zooms_and_search_counts(db: Database) -> None:
    """The map's street zooms (17, 18) counted in ``map_cells`` too
    (:data:`map_grid.STORED_ZOOMS`): a phone's view at street zoom in constant time. And
    what counting a text search's matches reads of each (:func:`offer_filters.counting_index`)
    as a covering index, so the count and the district counts read no offer row. And the
    full-text triggers shortened (:func:`search_index.index_through_view`): a connection
    opens in a fraction of the time. And the last change as an index, for the OGC API's
    ``datetime`` filter (``OfferQuery.changed_since``/``changed_until``)."""
    map_grid.store_zooms(db, range(17, 19))
    search_index.index_through_view(db)
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
def m016_map_cells_and_data_versions_per_region(db: Database) -> None:
    """Several regions served from stored counts, each with its own data version:
    ``map_cells`` keyed by region first and recounted (:func:`map_grid.index_cells_by_region`),
    and a data version per region beside the network-wide one (:mod:`data_versions`)."""
    map_grid.index_cells_by_region(db)
    data_versions.by_region(db)

"""The tables of migration m001, made with the same DDL on both engines: the offers, their
translations and history, the geocoder's cache and ``meta``. Each function takes the id
column (``INTEGER PRIMARY KEY``, an identity on PostgreSQL) and the rest of the spelling
from the connection's :mod:`dialect`. DDL only, with no import of the store package."""

from sqlite_utils import Database

from refugee_map.store import dialect


def create(db: Database, id_column: str) -> None:
    """Everything m001 makes."""
    offers(db, id_column)
    offer_translations(db)
    offer_history(db, id_column)
    geocode_cache(db)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")


def offers(db: Database, id_column: str) -> None:
    real = dialect.of(db).real
    db.execute(
        f"""
        CREATE TABLE offers (
            id {id_column},
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            organization TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            lat {real},
            lng {real},
            district TEXT,
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            website TEXT NOT NULL DEFAULT '',
            opening_hours TEXT NOT NULL DEFAULT '{{}}',
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
    for column in ("category", "district", "status"):
        db.execute(f"CREATE INDEX offers_{column} ON offers({column})")


def offer_translations(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE offer_translations (
            offer_id {dialect.of(db).integer} NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            lang TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (offer_id, lang)
        )
        """
    )


def offer_history(db: Database, id_column: str) -> None:
    spelled = dialect.of(db)
    user = '"user"' if spelled is dialect.POSTGRES else "user"  # PostgreSQL's is CURRENT_USER
    db.execute(
        f"""
        CREATE TABLE offer_history (
            id {id_column},
            offer_id {spelled.integer} NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            {user} TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            before TEXT,
            after TEXT
        )
        """
    )
    db.execute("CREATE INDEX offer_history_offer ON offer_history(offer_id, id)")


def geocode_cache(db: Database) -> None:
    real = dialect.of(db).real
    db.execute(
        f"""
        CREATE TABLE geocode_cache (
            provider TEXT NOT NULL,
            query TEXT NOT NULL,
            lat {real},
            lng {real},
            label TEXT,
            approximate INTEGER,
            created_at TEXT NOT NULL,
            PRIMARY KEY (provider, query)
        )
        """
    )

"""Tables both engines' migrations make with the same DDL: m012's, what several app
processes over one database share (see ``schema.m012_shared_state``), and m013's regions.
DDL only, with no import of the store package, so the schema modules can use it."""

from datetime import UTC, datetime

from sqlite_utils import Database

from refugee_map.store import dialect


def attempts(db: Database) -> None:
    """The rate limits' attempts (:mod:`store.attempts`): ``login_attempts`` renamed, each
    row naming its ``action`` (the sign-ins stored before are ``login``), indexed by
    action first."""
    db.execute("ALTER TABLE login_attempts RENAME TO attempts")
    db.execute("ALTER TABLE attempts ADD COLUMN action TEXT NOT NULL DEFAULT 'login'")
    for index in ("account", "source", "at"):
        db.execute(f"DROP INDEX login_attempts_{index}")
    db.execute("CREATE INDEX attempts_account ON attempts(action, account, source, at)")
    db.execute("CREATE INDEX attempts_source ON attempts(action, source, at)")
    db.execute("CREATE INDEX attempts_at ON attempts(action, at)")


def uploads(db: Database) -> None:
    """Import files between preview and confirmation (:mod:`store.uploads`)."""
    db.execute(
        f"""
        CREATE TABLE uploads (
            token TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            content {dialect.of(db).blob} NOT NULL,
            created_at TEXT NOT NULL,
            claimed INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX uploads_created ON uploads(created_at)")


def import_jobs(db: Database) -> None:
    """The progress of the geocoding after an import (:mod:`store.import_jobs`)."""
    db.execute(
        """
        CREATE TABLE import_jobs (
            token TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            summary TEXT NOT NULL,
            total INTEGER NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            placed INTEGER NOT NULL DEFAULT 0,
            unplaced TEXT NOT NULL DEFAULT '[]',
            error TEXT,
            finished INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL,
            beat_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX import_jobs_started ON import_jobs(started_at)")


HOME_REGION = 1  # the region of the settings (store.regions)


def regions(db: Database, id_column: str) -> None:
    """The table and its first row (the region of the settings, id 1 as the first row
    inserted on either engine), and every offer's region (the existing ones: row 1); for
    both engines' migration m013."""
    spelled = dialect.of(db)
    real = spelled.real
    db.execute(
        f"""
        CREATE TABLE regions (
            id {id_column},
            slug TEXT UNIQUE CHECK (slug IS NOT NULL OR id = {HOME_REGION}),
            name TEXT,
            agency_name TEXT,
            default_language TEXT,
            min_lng {real}, min_lat {real}, max_lng {real}, max_lat {real},
            tile_url TEXT,
            tile_attribution TEXT,
            region_dir TEXT,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        "INSERT INTO regions (created_at) VALUES (?)",
        [datetime.now(UTC).isoformat(timespec="seconds")],
    )
    # SQLite adds no column with a REFERENCES clause and a default other than NULL
    refers = "REFERENCES regions(id)" if spelled is dialect.POSTGRES else ""
    db.execute(
        f"ALTER TABLE offers ADD COLUMN region_id {spelled.integer} NOT NULL"
        f" DEFAULT {HOME_REGION} {refers}"
    )
    db.execute("CREATE INDEX offers_region ON offers(region_id, status)")


def submissions_region(db: Database) -> None:
    """Every submission's region (the existing ones: row 1), and the review queue's order
    within a region as an index; for both engines' migration m015."""
    spelled = dialect.of(db)
    # as in regions(): SQLite adds no column with a REFERENCES clause and a non-NULL default
    refers = "REFERENCES regions(id)" if spelled is dialect.POSTGRES else ""
    db.execute(
        f"ALTER TABLE submissions ADD COLUMN region_id {spelled.integer} NOT NULL"
        f" DEFAULT {HOME_REGION} {refers}"
    )
    db.execute("CREATE INDEX submissions_region ON submissions(region_id, status, id)")

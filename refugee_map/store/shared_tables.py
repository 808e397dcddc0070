"""The tables of migration m012: what several app processes over one database share
(see ``schema.m012_shared_state``), on either engine. DDL only, with no import of the store
package, so the schema modules can use it."""

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

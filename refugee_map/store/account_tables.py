"""Migration m014's DDL, for both engines: every back-office account belongs to a region
(``admin``, ``editor``) or to the whole network (``network-admin``, no region). The
existing accounts become accounts of the region of the settings (row 1).

SQLite cannot change a CHECK constraint in place, so it rebuilds ``users`` (SQLite's
"making other kinds of table schema changes" procedure). The migration runs inside one
transaction, where ``PRAGMA foreign_keys`` cannot be turned off; dropping the old
``users`` would then delete every session (``ON DELETE CASCADE``). So ``user_sessions``
is rebuilt first, pointing at the new table, and the sessions stay. PostgreSQL changes
the constraints in place. DDL only, with no import of the store package."""

from sqlite_utils import Database

from refugee_map.store import dialect
from refugee_map.store.shared_tables import HOME_REGION

# as m014 made them (a later migration changes them, not this one)
ROLE_CHECK = "CHECK (role IN ('admin', 'editor', 'network-admin'))"
# a network admin belongs to no region; every other account to one
REGION_CHECK = "CHECK ((role = 'network-admin') = (region_id IS NULL))"
REGION_INDEX = "CREATE INDEX users_region ON users(region_id)"


def accounts_in_regions(db: Database) -> None:
    """``users.region_id`` (the existing accounts: region 1), the role ``network-admin``
    and the rule pairing the two, on either engine."""
    if dialect.of(db) is dialect.POSTGRES:
        _alter_postgresql(db)
    else:
        _rebuild_sqlite(db)
    db.execute(REGION_INDEX)


def _region_column(db: Database) -> str:
    return f"region_id {dialect.of(db).integer} REFERENCES regions(id)"


def _alter_postgresql(db: Database) -> None:
    db.execute(f"ALTER TABLE users ADD COLUMN {_region_column(db)}")
    db.execute("UPDATE users SET region_id = ?", [HOME_REGION])
    db.execute("ALTER TABLE users DROP CONSTRAINT users_role_check")
    db.execute(f"ALTER TABLE users ADD CONSTRAINT users_role_check {ROLE_CHECK}")
    db.execute(f"ALTER TABLE users ADD CONSTRAINT users_region_check {REGION_CHECK}")


USER_COLUMNS = ("id", "email", "password_hash", "role", "active", "created_at", "created_by",
                "updated_at", "last_login_at")  # fmt: skip
SESSION_COLUMNS = ("token_hash", "user_id", "created_at", "expires_at")


def _rebuild_sqlite(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE users_new (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL {ROLE_CHECK},
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            last_login_at TEXT,
            {_region_column(db)},
            {REGION_CHECK}
        )
        """
    )
    users = ", ".join(USER_COLUMNS)
    db.execute(
        f"INSERT INTO users_new ({users}, region_id) SELECT {users}, ? FROM users", [HOME_REGION]
    )
    db.execute(
        """
        CREATE TABLE user_sessions_new (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users_new(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )
        """
    )
    sessions = ", ".join(SESSION_COLUMNS)
    db.execute(f"INSERT INTO user_sessions_new ({sessions}) SELECT {sessions} FROM user_sessions")
    db.execute("DROP TABLE user_sessions")  # no session is left to cascade to
    db.execute("DROP TABLE users")
    db.execute("ALTER TABLE users_new RENAME TO users")  # the sessions' key follows the name
    db.execute("ALTER TABLE user_sessions_new RENAME TO user_sessions")
    db.execute("CREATE INDEX user_sessions_user ON user_sessions(user_id)")

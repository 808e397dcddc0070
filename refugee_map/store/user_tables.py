"""The back office's users, made with the same DDL on both engines: m003's users and
their server-side sessions (deleted = signed out), m005's sign-in attempts (renamed to
``attempts`` by m012, :mod:`shared_tables`). The id column and the rest of the spelling
come from the caller and the connection's :mod:`dialect`."""

from sqlite_utils import Database

from refugee_map.store import dialect


def users(db: Database, id_column: str) -> None:
    """Users with an e-mail address unique without ASCII case: a column collation on
    SQLite, a unique index of the folded address on PostgreSQL."""
    spelled = dialect.of(db)
    unique = " UNIQUE COLLATE NOCASE" if spelled is dialect.SQLITE else ""
    db.execute(
        f"""
        CREATE TABLE users (
            id {id_column},
            email TEXT NOT NULL{unique},
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
    if spelled is dialect.POSTGRES:
        db.execute(f"CREATE UNIQUE INDEX users_email ON users (({spelled.nocase.format('email')}))")


def user_sessions(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE user_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id {dialect.of(db).integer} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX user_sessions_user ON user_sessions(user_id)")


def login_attempts(db: Database, id_column: str) -> None:
    """Recent attempts to sign in, for the login limits (:mod:`login_limits`)."""
    db.execute(
        f"""
        CREATE TABLE login_attempts (
            id {id_column},
            account TEXT NOT NULL,
            source TEXT NOT NULL,
            at {dialect.of(db).real} NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX login_attempts_account ON login_attempts(account, source, at)")
    db.execute("CREATE INDEX login_attempts_source ON login_attempts(source, at)")
    db.execute("CREATE INDEX login_attempts_at ON login_attempts(at)")

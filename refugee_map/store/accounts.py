"""Back-office accounts in SQLite: users and their signed-in sessions.

Plain functions over a sqlite-utils ``Database`` that read and write rows; the rules
(roles, passwords) are ``domain.accounts`` and ``domain.users``; sign-in attempts are
``store.attempts``. Sessions are kept by the SHA-256 of their token only.
"""

from sqlite_utils import Database

from refugee_map import store
from refugee_map.store import dialect

# --- users -------------------------------------------------------------------------------


def add_user(db: Database, row: dict) -> int:
    with store.writing(db):
        return db["users"].insert(row).last_pk


def user(db: Database, user_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM users WHERE id = ?", [user_id]))
    return rows[0] if rows else None


def user_by_email(db: Database, email: str) -> dict | None:
    """The account of ``email`` in any ASCII case: the unique index's own comparison."""
    nocase = dialect.of(db).nocase
    same = f"{nocase.format('email')} = {nocase.format('?')}"
    rows = list(db.query(f"SELECT * FROM users WHERE {same}", [email]))
    return rows[0] if rows else None


def users(db: Database, region_id: int | None = None) -> list[dict]:
    """Every account, or the accounts of the region ``region_id``, by e-mail address."""
    where, params = ("WHERE region_id = ?", [region_id]) if region_id is not None else ("", [])
    order = dialect.of(db).nocase.format("email")
    return list(db.query(f"SELECT * FROM users {where} ORDER BY {order}", params))


def active_managers(db: Database, region_id: int | None) -> int:
    """The active accounts that manage the accounts of region ``region_id``: its admins
    and the network admins (``None``: the network admins alone)."""
    query = ("SELECT count(*) FROM users WHERE active = 1"
             " AND (role = 'network-admin' OR (role = 'admin' AND region_id = ?))")  # fmt: skip
    return db.execute(query, [region_id]).fetchone()[0]


def update_user(db: Database, user_id: int, changes: dict) -> None:
    with store.writing(db):
        db["users"].update(user_id, changes)


# --- sessions ----------------------------------------------------------------------------


def add_session(db: Database, row: dict, *, now: str) -> None:
    """Record a signed-in browser (token_hash, user_id, created_at, expires_at), dropping
    the sessions that expired before ``now``, and note the user's last sign-in."""
    with store.writing(db):
        db.execute("DELETE FROM user_sessions WHERE expires_at < ?", [now])
        db["user_sessions"].insert(row)
        db["users"].update(row["user_id"], {"last_login_at": row["created_at"]})


def session(db: Database, token_hash: str) -> dict | None:
    rows = list(
        db.query("SELECT user_id, expires_at FROM user_sessions WHERE token_hash = ?", [token_hash])
    )
    return rows[0] if rows else None


def end_session(db: Database, token_hash: str) -> None:
    _delete(db, "DELETE FROM user_sessions WHERE token_hash = ?", [token_hash])


def end_user_sessions(db: Database, user_id: int) -> None:
    _delete(db, "DELETE FROM user_sessions WHERE user_id = ?", [user_id])


def _delete(db: Database, statement: str, params: list) -> None:
    with store.writing(db):
        db.execute(statement, params)

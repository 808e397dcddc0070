"""Recent attempts, counted for the rate limits: sign-ins (``domain.login_limits``) and
the public forms (``domain.form_limits``). Each row names its ``action``; times are seconds
since the epoch. Kept in the database, so every app process counts the same attempts.
"""

from sqlite_utils import Database

from refugee_map import store


def add(db: Database, action: str, account: str, source: str, at: float) -> int:
    with store.writing(db):
        return db.execute(
            "INSERT INTO attempts (action, account, source, at) VALUES (?, ?, ?, ?) RETURNING id",
            [action, account, source, at],
        ).fetchone()[0]


def forget(db: Database, attempt_id: int) -> None:
    _delete(db, "DELETE FROM attempts WHERE id = ?", [attempt_id])


def forget_before(db: Database, action: str, at: float) -> None:
    _delete(db, "DELETE FROM attempts WHERE action = ? AND at < ?", [action, at])


def from_account_and_source(
    db: Database, action: str, account: str, source: str, since: float
) -> tuple:
    """(count, first, last) of the attempts at ``account`` from ``source`` after ``since``."""
    return db.execute(
        "SELECT count(*), min(at), max(at) FROM attempts"
        " WHERE action = ? AND account = ? AND source = ? AND at > ?",
        [action, account, source, since],
    ).fetchone()


def from_source(db: Database, action: str, source: str, since: float) -> tuple:
    """(count, first) of the attempts at any account from ``source`` after ``since``."""
    return db.execute(
        "SELECT count(*), min(at) FROM attempts WHERE action = ? AND source = ? AND at > ?",
        [action, source, since],
    ).fetchone()


def at_account(db: Database, action: str, account: str, since: float) -> int:
    """How many attempts ``account`` had from anywhere after ``since``."""
    return db.execute(
        "SELECT count(*) FROM attempts WHERE action = ? AND account = ? AND at > ?",
        [action, account, since],
    ).fetchone()[0]


def _delete(db: Database, statement: str, params: list) -> None:
    with store.writing(db):
        db.execute(statement, params)

"""Import files kept between the preview and "confirm import", in the database, so that
the confirmation may reach another app process than the preview did. ``claimed`` marks an
upload being applied: a second confirmation (a double click) finds nothing to take.
"""

from sqlite_utils import Database

from refugee_map import store

COLUMNS = "token, user_id, name, content, created_at"


def add(db: Database, row: dict, *, created_before: str) -> None:
    """Keep the upload ``row`` (token, user_id, name, content, created_at), dropping every
    upload nobody confirmed since ``created_before``."""
    with store.writing(db):
        db.execute("DELETE FROM uploads WHERE created_at < ?", [created_before])
        db.execute(
            f"INSERT INTO uploads ({COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            [row["token"], row["user_id"], row["name"], row["content"], row["created_at"]],
        )


def unclaimed(db: Database, token: str, user_id: int) -> dict | None:
    """The upload ``token`` of ``user_id`` that nobody is applying, if any."""
    rows = list(
        db.query(
            f"SELECT {COLUMNS} FROM uploads WHERE token = ? AND user_id = ? AND claimed = 0",
            [token, user_id],
        )
    )
    return rows[0] if rows else None


def claim(db: Database, token: str, user_id: int) -> bool:
    """Mark the upload as being applied; False when it is gone or already taken."""
    with store.writing(db):
        taken = db.execute(
            "UPDATE uploads SET claimed = 1 WHERE token = ? AND user_id = ? AND claimed = 0",
            [token, user_id],
        )
        return taken.rowcount == 1


def release(db: Database, token: str) -> None:
    with store.writing(db):
        db.execute("UPDATE uploads SET claimed = 0 WHERE token = ?", [token])


def discard(db: Database, token: str) -> None:
    with store.writing(db):
        db.execute("DELETE FROM uploads WHERE token = ?", [token])

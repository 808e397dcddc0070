"""The progress of the geocoding jobs after an import, in the database, so that every app
process can show it (the job itself runs in the process that started it). ``unplaced`` is
a JSON list; ``beat_at`` is when the job last reported, for telling a stopped one."""

import json

from sqlite_utils import Database

from refugee_map import store


def add(db: Database, row: dict, *, keep: int) -> None:
    """Record a new job (token, source, summary, total, started_at), keeping the ``keep``
    newest jobs only."""
    with store.writing(db):
        db.execute(
            "INSERT INTO import_jobs (token, source, summary, total, started_at, beat_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [row["token"], row["source"], row["summary"], row["total"], row["started_at"],
             row["started_at"]],
        )  # fmt: skip
        db.execute(
            "DELETE FROM import_jobs WHERE token NOT IN"
            " (SELECT token FROM import_jobs ORDER BY started_at DESC, token LIMIT ?)",
            [keep],
        )


def report(db: Database, token: str, progress: dict, *, wait: bool = True) -> None:
    """Store how far the job is (done, placed, unplaced, error, finished, beat_at)."""
    with store.writing(db, wait=wait):
        db.execute(
            "UPDATE import_jobs SET done = ?, placed = ?, unplaced = ?, error = ?,"
            " finished = ?, beat_at = ? WHERE token = ?",
            [progress["done"], progress["placed"], json.dumps(progress["unplaced"]),
             progress["error"], int(progress["finished"]), progress["beat_at"], token],
        )  # fmt: skip


def get(db: Database, token: str) -> dict | None:
    rows = list(db.query("SELECT * FROM import_jobs WHERE token = ?", [token]))
    if not rows:
        return None
    return rows[0] | {"unplaced": json.loads(rows[0]["unplaced"])}

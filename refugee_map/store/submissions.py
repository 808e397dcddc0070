"""Submissions in SQLite: what visitors and providers send, waiting for review.

Plain functions over a sqlite-utils ``Database``; the rules of accepting and rejecting
are ``domain.submissions``.
"""

import json

from sqlite_utils import Database

from refugee_map import store

KINDS = ("new", "change", "report")


def add(db: Database, kind: str, payload: dict, offer_id: int | None = None) -> int:
    if kind not in KINDS:
        raise ValueError(kind)
    row = {
        "kind": kind,
        "offer_id": offer_id,
        "payload": json.dumps(payload, ensure_ascii=False),
        "status": "open",
        "created_at": store.now(),
    }
    with store.writing(db):
        return db["submissions"].insert(row).last_pk


def get(db: Database, submission_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM submissions WHERE id = ?", [submission_id]))
    return _decode(rows[0]) if rows else None


def open_items(db: Database) -> list[dict]:
    """Open submissions, oldest first (first come, first served)."""
    rows = db.query("SELECT * FROM submissions WHERE status = 'open' ORDER BY id")
    return [_decode(row) for row in rows]


def decided_items(db: Database, limit: int = 30) -> list[dict]:
    rows = db.query(
        "SELECT * FROM submissions WHERE status != 'open' ORDER BY decided_at DESC, id DESC "
        "LIMIT ?",
        [limit],
    )
    return [_decode(row) for row in rows]


def open_counts(db: Database) -> dict[str, int]:
    """Open items per kind, plus ``total``."""
    counts = dict.fromkeys(KINDS, 0)
    rows = db.query("SELECT kind, count(*) AS n FROM submissions WHERE status = 'open' GROUP BY 1")
    for row in rows:
        counts[row["kind"]] = row["n"]
    return counts | {"total": sum(counts.values())}


def decide(db: Database, submission_id: int, decision: dict) -> None:
    """Record the decision on a submission; runs inside the caller's :func:`store.writing`."""
    db["submissions"].update(submission_id, decision | {"decided_at": store.now()})


def _decode(row: dict) -> dict:
    return dict(row) | {"payload": json.loads(row["payload"] or "{}")}

"""Submissions: what visitors and providers send, waiting for review.

Plain functions over a sqlite-utils ``Database``; the rules of accepting and rejecting
are ``domain.submissions``. Each submission belongs to the region whose public form it was
sent from (``region_id``, m015), and every read names the region: a region's back office
sees its own only.
"""

import json

from sqlite_utils import Database

from refugee_map import store
from refugee_map.store.shared_tables import HOME_REGION

KINDS = ("new", "change", "report")


def add(
    db: Database,
    kind: str,
    payload: dict,
    offer_id: int | None = None,
    *,
    region: int = HOME_REGION,
) -> int:
    """Store a submission sent from the public side of ``region``; its id."""
    if kind not in KINDS:
        raise ValueError(kind)
    row = {
        "region_id": region,
        "kind": kind,
        "offer_id": offer_id,
        "payload": json.dumps(payload, ensure_ascii=False),
        "status": "open",
        "created_at": store.now(),
    }
    with store.writing(db):
        return db["submissions"].insert(row).last_pk


def get(db: Database, submission_id: int, *, region: int) -> dict | None:
    """The submission ``submission_id`` if it belongs to ``region``."""
    rows = list(
        db.query(
            "SELECT * FROM submissions WHERE id = ? AND region_id = ?", [submission_id, region]
        )
    )
    return _decode(rows[0]) if rows else None


def open_items(db: Database, *, region: int) -> list[dict]:
    """The region's open submissions, oldest first (first come, first served)."""
    rows = db.query(
        "SELECT * FROM submissions WHERE region_id = ? AND status = 'open' ORDER BY id", [region]
    )
    return [_decode(row) for row in rows]


def decided_items(db: Database, *, region: int, limit: int = 30) -> list[dict]:
    """The region's last decided submissions, newest decision first."""
    rows = db.query(
        "SELECT * FROM submissions WHERE region_id = ? AND status != 'open'"
        " ORDER BY decided_at DESC, id DESC LIMIT ?",
        [region, limit],
    )
    return [_decode(row) for row in rows]


def open_counts(db: Database, *, region: int) -> dict[str, int]:
    """The region's open items per kind, plus ``total``."""
    counts = dict.fromkeys(KINDS, 0)
    rows = db.query(
        "SELECT kind, count(*) AS n FROM submissions WHERE region_id = ? AND status = 'open'"
        " GROUP BY 1",
        [region],
    )
    for row in rows:
        counts[row["kind"]] = row["n"]
    return counts | {"total": sum(counts.values())}


def decide(db: Database, submission_id: int, decision: dict) -> None:
    """Record the decision on a submission the caller read from its region (:func:`get`);
    runs inside the caller's :func:`store.writing`."""
    db["submissions"].update(submission_id, decision | {"decided_at": store.now()})


def _decode(row: dict) -> dict:
    return dict(row) | {"payload": json.loads(row["payload"] or "{}")}

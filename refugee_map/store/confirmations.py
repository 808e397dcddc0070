"""Asking providers to confirm their offers: the requests sent and the links used up.

Plain functions over a sqlite-utils ``Database``; when to ask and what a link may do are
``domain.freshness`` and ``domain.mail``.
"""

import contextlib

from sqlite_utils import Database

from refugee_map import store


def record_requests(db: Database, requests: list[dict]) -> list[int]:
    """Note confirmation requests (offer_id, email, sent_at, sent_by), not yet delivered;
    their ids."""
    with store.writing(db):
        return [
            db["confirmation_requests"].insert(request | {"delivered": 0}).last_pk
            for request in requests
        ]


def mark_delivered(db: Database, request_ids: list[int]) -> None:
    """The mails are out: a database that cannot note it now (busy or full) is no reason to
    answer otherwise, which would invite sending them again."""
    with contextlib.suppress(store.Busy, store.DiskFull), store.writing(db):
        for request_id in request_ids:
            db["confirmation_requests"].update(request_id, {"delivered": 1})


def last_asked(db: Database, *, region: int) -> dict[int, str]:
    """When the provider of each of the region's offers was last asked to confirm (UTC
    ISO time)."""
    rows = db.query(
        "SELECT r.offer_id, max(r.sent_at) AS sent_at FROM confirmation_requests r"
        " JOIN offers o ON o.id = r.offer_id WHERE o.region_id = ? GROUP BY r.offer_id",
        [region],
    )
    return {row["offer_id"]: row["sent_at"] for row in rows}


def link_spent(db: Database, digest: str) -> bool:
    rows = db.execute(
        "SELECT 1 FROM spent_confirmation_links WHERE digest = ?", [digest]
    ).fetchall()
    return bool(rows)


def spend_link(db: Database, digest: str, offer_id: int) -> bool:
    """Record the link as used; False if it already was (also when two uses race)."""
    try:
        with store.writing(db):
            db["spent_confirmation_links"].insert(
                {"digest": digest, "offer_id": offer_id, "spent_at": store.now()}
            )
    except store.Duplicate:
        return False
    return True

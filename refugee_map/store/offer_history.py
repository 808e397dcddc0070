"""Reading an offer's recorded changes (written by :mod:`offers` with every save)."""

import json

from sqlite_utils import Database


def history(db: Database, offer_id: int) -> list[dict]:
    """Every recorded change of an offer, newest first, with decoded snapshots."""
    rows = db.query("SELECT * FROM offer_history WHERE offer_id = ? ORDER BY id DESC", [offer_id])
    return [
        row | {key: json.loads(row[key]) if row[key] else None for key in ("before", "after")}
        for row in rows
    ]


def version_snapshot(db: Database, offer_id: int, version: int | None) -> dict | None:
    """The offer's fields as they were at ``version`` (from the history), if recorded."""
    if version is None:
        return None
    for entry in history(db, offer_id):
        if entry["after"] and entry["after"].get("version") == version:
            return entry["after"]
    return None

"""Offers in SQLite: open the database, query with filters, write with history.

Plain functions over a sqlite-utils ``Database``; nothing here knows about HTTP.
"""

import errno
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from . import hours, schema
from .offers import BOOLEAN_FIELDS, FIELDS, LIST_FIELDS

JSON_FIELDS = ("opening_hours", *LIST_FIELDS)
# What an edit may change; id, bookkeeping and the version are the store's.
EDITABLE_FIELDS = tuple(field for field in FIELDS if field != "id")
MAX_SEARCH_WORDS = 20
SOURCE_LANG = "de"  # offers are written in German; translations are extra
DEFAULT_BUSY_TIMEOUT = 5.0  # seconds a write waits for another writer to finish


class Busy(Exception):
    """Another writer held the database for longer than the busy timeout; the write was
    rolled back."""


class DiskFull(Exception):
    """The disk, or the database's size limit, is full; the write was rolled back."""


def is_disk_full(error: BaseException) -> bool:
    """A full database (:class:`DiskFull`) or a file write on a full disk or quota."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(error, DiskFull)


class VersionConflict(Exception):
    """The offer changed since the editor loaded it; ``current`` is what is stored now."""

    def __init__(self, current: dict):
        super().__init__(f"offer {current['id']} is now at version {current['version']}")
        self.current = current


@dataclass(frozen=True)
class OfferQuery:
    """Filters for :func:`find_offers`; empty fields do not filter."""

    categories: tuple[str, ...] = ()
    district: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lng, min lat, max lng, max lat
    language: str | None = None  # spoken at the offer
    volunteers_wanted: bool = False
    open_at: datetime | None = None  # local time; keeps offers open at that moment
    statuses: tuple[str, ...] = ("published",)


def connect(path: str | Path, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Database:
    """Open (creating if needed) the database with the settings the app relies on."""
    if str(path) == ":memory:":
        db = Database(memory=True)
    else:
        create_private(Path(path))
        db = Database(sqlite3.connect(str(path), check_same_thread=False))
        db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA busy_timeout = {int(float(busy_timeout) * 1000)}")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def connect_configured(config: Mapping) -> Database:
    """The database an app's settings name (``DB``, ``DB_BUSY_TIMEOUT``)."""
    return connect(config["DB"], busy_timeout=config.get("DB_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT))


def create_private(path: Path) -> None:
    """Create ``path`` (if missing) readable by its owner only, in a folder of the owner's.

    For the database: SQLite gives its -wal and -shm files the database file's mode, so
    offers, accounts and password hashes stay the owner's from the first byte on. Only the
    last folder is created 0700; an existing file or folder keeps its mode.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


# Connections (by id) inside :func:`writing`, for tests that check every write uses it.
_writers: set[int] = set()


def is_writing(db: Database) -> bool:
    """Is ``db`` inside a transaction opened by :func:`writing`?"""
    return id(db.conn) in _writers


@contextmanager
def writing(db: Database, *, wait: bool = True) -> Iterator[Database]:
    """The one way to write: a transaction that holds SQLite's write lock from its start.

    A deferred transaction (sqlite-utils' ``atomic()``) reads first and asks for the write
    lock later; if another connection wrote in between, SQLite refuses at once ("database
    is locked") without waiting for the busy timeout. ``BEGIN IMMEDIATE`` waits for the
    lock up to the busy timeout instead. Inside an open transaction this is a savepoint.
    Commits on success, rolls back on any error; a lock not granted in time raises
    :class:`Busy`, a full disk :class:`DiskFull`. ``wait=False``: :class:`Busy` at once
    when another writer holds the lock, for a write not worth holding a request for.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    with storage_errors():
        _begin_immediate(db, wait)
    _writers.add(id(db.conn))
    try:
        with storage_errors():
            yield db
            db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
    finally:
        _writers.discard(id(db.conn))


def _begin_immediate(db: Database, wait: bool) -> None:
    if wait:
        db.conn.execute("BEGIN IMMEDIATE")
        return
    timeout = db.conn.execute("PRAGMA busy_timeout").fetchone()[0]
    db.conn.execute("PRAGMA busy_timeout = 0")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    finally:
        db.conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")


@contextmanager
def storage_errors() -> Iterator[None]:
    """SQLite's "database is locked" and "database or disk is full" as :class:`Busy` and
    :class:`DiskFull`."""
    try:
        yield
    except sqlite3.OperationalError as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
        if code == sqlite3.SQLITE_BUSY:
            raise Busy(str(error)) from error
        if code == sqlite3.SQLITE_FULL:
            raise DiskFull(str(error)) from error
        raise


def init(db: Database) -> None:
    """Create or migrate the schema without touching existing data; one writer at a time,
    so two processes starting together do not both migrate."""
    with writing(db):
        schema.apply(db)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def find_offers(db: Database, query: OfferQuery = OfferQuery(), lang: str | None = None) -> list:
    """Offers matching every filter, best search match first, else by title."""
    where = ["offers.deleted_at IS NULL"]
    params: list[Any] = []
    joins = ""
    order = "offers.title COLLATE NOCASE, offers.id"

    def any_of(column: str, values: tuple) -> None:
        where.append(f"{column} IN ({', '.join('?' * len(values))})")
        params.extend(values)

    if query.statuses:
        any_of("offers.status", query.statuses)
    if query.categories:
        any_of("offers.category", query.categories)
    if query.district:
        where.append("offers.district = ?")
        params.append(query.district)
    if query.language:
        where.append("EXISTS (SELECT 1 FROM json_each(offers.languages) WHERE value = ?)")
        params.append(query.language)
    if query.volunteers_wanted:
        where.append("offers.volunteers_wanted = 1")
    if query.bbox:
        min_lng, min_lat, max_lng, max_lat = query.bbox
        # The R*Tree narrows the search; its 32-bit floats make it a superset, so the
        # exact comparison on the stored values decides.
        where.append(
            "offers.id IN (SELECT id FROM offers_rtree WHERE max_lng >= ? AND min_lng <= ?"
            " AND max_lat >= ? AND min_lat <= ?)"
            " AND offers.lng BETWEEN ? AND ? AND offers.lat BETWEEN ? AND ?"
        )
        params.extend([min_lng, max_lng, min_lat, max_lat, min_lng, max_lng, min_lat, max_lat])
    match = search_expression(query.q or "")
    if match:
        joins = "JOIN offers_fts ON offers_fts.rowid = offers.id AND offers_fts MATCH ?"
        params.insert(0, match)
        order = "offers_fts.rank, offers.id"
    rows = db.query(_select(lang, joins) + f" WHERE {' AND '.join(where)} ORDER BY {order}",
                    [lang, *params])  # fmt: skip
    offers = [_decode(row, lang) for row in rows]
    if query.open_at:
        offers = [offer for offer in offers if hours.is_open(offer["opening_hours"], query.open_at)]
    return offers


def get_offer(
    db: Database, offer_id: int, *, public: bool = True, lang: str | None = None
) -> dict | None:
    """One offer; ``public`` hides drafts, archived and deleted offers."""
    where = "offers.id = ?"
    if public:
        where += " AND offers.status = 'published' AND offers.deleted_at IS NULL"
    rows = list(db.query(_select(lang) + f" WHERE {where}", [lang, offer_id]))
    return _decode(rows[0], lang) if rows else None


def spoken_languages(db: Database) -> list[str]:
    """The languages spoken at one or more published offers, for the language filter."""
    rows = db.query(
        "SELECT DISTINCT value FROM offers, json_each(offers.languages)"
        " WHERE status = 'published' AND deleted_at IS NULL ORDER BY value"
    )
    return [row["value"] for row in rows]


def search_expression(text: str) -> str:
    """An FTS5 query that finds every word of ``text`` as a word start, safely quoted."""
    words = re.findall(r"\w+", text)[:MAX_SEARCH_WORDS]
    return " ".join(f'"{word}"*' for word in words)


def create_offer(db: Database, offer: dict, *, by: str, source: str = "") -> dict:
    """Store a new offer (cleaned by ``offers.clean``) and record it in the history."""
    stamp = now()
    row = {field: offer[field] for field in EDITABLE_FIELDS if field in offer}
    row |= {"created_at": stamp, "created_by": by, "updated_at": stamp, "updated_by": by}
    if offer.get("id"):
        row["id"] = int(offer["id"])
    with writing(db):
        offer_id = db["offers"].insert(_encode(row)).last_pk
        created = get_offer(db, offer_id, public=False)
        _record(db, created, by=by, action="create", source=source, before=None)
    return created


def update_offer(
    db: Database,
    offer_id: int,
    changes: dict,
    *,
    by: str,
    expected_version: int | None = None,
    source: str = "",
    action: str = "edit",
) -> dict:
    """Apply ``changes``; refuse with :class:`VersionConflict` if someone saved first."""
    with writing(db):
        before = get_offer(db, offer_id, public=False)
        if before is None:
            raise KeyError(offer_id)
        if expected_version is not None and before["version"] != expected_version:
            raise VersionConflict(before)
        row = {field: changes[field] for field in EDITABLE_FIELDS if field in changes}
        if "deleted_at" in changes:
            row["deleted_at"] = changes["deleted_at"]
        row |= {"updated_at": now(), "updated_by": by, "version": before["version"] + 1}
        db["offers"].update(offer_id, _encode(row))
        after = get_offer(db, offer_id, public=False)
        _record(db, after, by=by, action=action, source=source, before=before)
    return after


def history(db: Database, offer_id: int) -> list[dict]:
    """Every recorded change of an offer, newest first, with decoded snapshots."""
    rows = db.query("SELECT * FROM offer_history WHERE offer_id = ? ORDER BY id DESC", [offer_id])
    return [
        row | {key: json.loads(row[key]) if row[key] else None for key in ("before", "after")}
        for row in rows
    ]


def translations(db: Database, offer_id: int) -> dict[str, dict]:
    """The offer's translations of title and description, by language code."""
    rows = db.query("SELECT * FROM offer_translations WHERE offer_id = ? ORDER BY lang", [offer_id])
    return {row["lang"]: row for row in rows}


def version_snapshot(db: Database, offer_id: int, version: int | None) -> dict | None:
    """The offer's fields as they were at ``version`` (from the history), if recorded."""
    if version is None:
        return None
    for entry in history(db, offer_id):
        if entry["after"] and entry["after"].get("version") == version:
            return entry["after"]
    return None


def set_translation(
    db: Database, offer_id: int, lang: str, title: str, description: str, *, by: str = ""
) -> bool:
    """Store a translation and record it in the history; False if nothing changed."""
    with writing(db):
        before = translations(db, offer_id).get(lang)
        if before and (before["title"], before["description"]) == (title, description):
            return False
        row = {"offer_id": offer_id, "lang": lang, "title": title, "description": description,
               "updated_at": now()}  # fmt: skip
        db["offer_translations"].upsert(row, pk=("offer_id", "lang"))
        _record_translation(db, offer_id, lang, before, row, by=by)
    return True


def confirm_translation(db: Database, offer_id: int, lang: str, *, by: str = "") -> bool:
    """Mark a translation as checked against the current German text (no text changes)."""
    with writing(db):
        before = translations(db, offer_id).get(lang)
        if before is None:
            return False
        after = before | {"updated_at": now()}
        db["offer_translations"].update((offer_id, lang), {"updated_at": after["updated_at"]})
        _record_translation(db, offer_id, lang, before, after, by=by, action="translate-confirm")
    return True


def delete_translation(db: Database, offer_id: int, lang: str, *, by: str = "") -> bool:
    """Remove a translation (visitors then see the German text); False if there was none."""
    with writing(db):
        before = translations(db, offer_id).get(lang)
        if before is None:
            return False
        db.execute(
            "DELETE FROM offer_translations WHERE offer_id = ? AND lang = ?", [offer_id, lang]
        )
        _record_translation(db, offer_id, lang, before, None, by=by)
    return True


def translation_status(db: Database, offer_ids, languages) -> dict[int, dict[str, list[str]]]:
    """Per offer: the ``languages`` without a translation ("missing") and those whose
    translation is older than the last change of the German title or description
    ("outdated"; the offer's creation counts as a change)."""
    ids = json.dumps([int(offer_id) for offer_id in offer_ids])
    german_changed = {
        row["offer_id"]: row["at"]
        for row in db.query(
            "SELECT offer_id, max(at) AS at FROM offer_history"
            " WHERE offer_id IN (SELECT value FROM json_each(?)) AND (before IS NULL"
            " OR json_extract(before, '$.title') IS NOT json_extract(after, '$.title')"
            " OR json_extract(before, '$.description') IS NOT json_extract(after, '$.description'))"
            " GROUP BY offer_id",
            [ids],
        )
    }
    stamps: dict[int, dict[str, str]] = {}
    for row in db.query(
        "SELECT offer_id, lang, updated_at FROM offer_translations"
        " WHERE offer_id IN (SELECT value FROM json_each(?)) AND title != ''",
        [ids],
    ):
        stamps.setdefault(row["offer_id"], {})[row["lang"]] = row["updated_at"]
    status = {}
    for offer_id in json.loads(ids):
        done, changed = stamps.get(offer_id, {}), german_changed.get(offer_id)
        status[offer_id] = {
            "missing": [lang for lang in languages if lang not in done],
            "outdated": [
                lang for lang in languages if lang in done and changed and done[lang] < changed
            ],
        }
    return status


def get_meta(db: Database, key: str) -> str | None:
    rows = list(db.query("SELECT value FROM meta WHERE key = ?", [key]))
    return rows[0]["value"] if rows else None


def set_meta(db: Database, key: str, value: str | None) -> None:
    with writing(db):
        if value is None:
            db.execute("DELETE FROM meta WHERE key = ?", [key])
        else:
            db["meta"].upsert({"key": key, "value": value}, pk="key")


def _select(lang: str | None, joins: str = "") -> str:
    return (
        "SELECT offers.*, t.title AS t_title, t.description AS t_description FROM offers "
        f"LEFT JOIN offer_translations t ON t.offer_id = offers.id AND t.lang = ? {joins}"
    )


def _decode(row: dict, lang: str | None) -> dict:
    offer = dict(row)
    for field in JSON_FIELDS:
        offer[field] = json.loads(offer[field] or ("{}" if field == "opening_hours" else "[]"))
    for field in BOOLEAN_FIELDS:
        offer[field] = bool(offer[field])
    if offer["wheelchair_access"] is not None:
        offer["wheelchair_access"] = bool(offer["wheelchair_access"])
    translated_title, translated_description = offer.pop("t_title"), offer.pop("t_description")
    offer["text_lang"] = SOURCE_LANG
    if translated_title:
        offer["title"] = translated_title
        offer["description"] = translated_description or offer["description"]
        offer["text_lang"] = lang
    return offer


def _encode(row: dict) -> dict:
    encoded = dict(row)
    for field in JSON_FIELDS:
        if field in encoded:
            encoded[field] = json.dumps(encoded[field], ensure_ascii=False)
    return encoded


def _record(db: Database, offer: dict, *, by: str, action: str, source: str, before) -> None:
    def snapshot(value: dict | None) -> str | None:
        if value is None:
            return None
        kept = {key: value[key] for key in (*FIELDS, "deleted_at", "version")}
        return json.dumps(kept, ensure_ascii=False)

    db["offer_history"].insert(
        {"offer_id": offer["id"], "at": offer["updated_at"], "user": by, "action": action,
         "source": source, "before": snapshot(before), "after": snapshot(offer)}
    )  # fmt: skip


def _record_translation(
    db: Database, offer_id: int, lang: str, before, after, *, by: str, action: str = "translate"
) -> None:
    """A history entry for a translation: both snapshots are the (unchanged) offer plus a
    ``translation`` key, so the history shows the text and restoring the entry restores
    the offer as it was - translations are not touched by a restore."""
    offer = get_offer(db, offer_id, public=False)
    kept = {key: offer[key] for key in (*FIELDS, "deleted_at", "version")}

    def snapshot(row: dict | None) -> str:
        text = row and {"lang": lang, "title": row["title"], "description": row["description"]}
        return json.dumps(kept | {"translation": text or None}, ensure_ascii=False)

    db["offer_history"].insert(
        {"offer_id": offer_id, "at": now(), "user": by, "action": action,
         "source": f"translation:{lang}", "before": snapshot(before), "after": snapshot(after)}
    )  # fmt: skip

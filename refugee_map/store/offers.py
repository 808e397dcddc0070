"""Offers in SQLite: query with filters, write with history and optimistic locking.

Plain functions over a sqlite-utils ``Database``; nothing here knows about HTTP. The
filters as SQL are ``store.offer_filters``, the translations ``store.translations``, the
paged lists ``store.offer_lists``.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from refugee_map import store
from refugee_map.store import bulk, catalogue, dialect, search_index
from refugee_map.store.offer_filters import OfferQuery, filter_sql

# The store's own columns of an offer: who changed it when, its version, its deletion.
BOOKKEEPING = ("created_at", "created_by", "updated_at", "updated_by", "version", "deleted_at")
TENANT = "region_id"  # the region an offer belongs to (store.regions), set when created
SOURCE_LANG = "de"  # offers are written in German; translations are extra


class VersionConflict(Exception):
    """The offer changed since the editor loaded it; ``current`` is what is stored now."""

    def __init__(self, current: dict):
        super().__init__(f"offer {current['id']} is now at version {current['version']}")
        self.current = current


@dataclass(frozen=True)
class Columns:
    """An offer's columns as the migrations made them. The table is the store's only
    description of an offer, so a new field needs nothing here but its migration: a column
    with a JSON default (``'{}'``, ``'[]'``) holds JSON, ``INTEGER NOT NULL DEFAULT 0|1``
    is yes/no, a nullable ``INTEGER`` without default is yes/no/unknown."""

    fields: tuple[str, ...]  # the id and every field an edit may change, in table order
    json: tuple[str, ...]
    yes_no: tuple[str, ...]
    yes_no_unknown: tuple[str, ...]

    @property
    def editable(self) -> tuple[str, ...]:
        return tuple(field for field in self.fields if field != "id")


def columns(db: Database) -> Columns:
    info = [
        row for row in catalogue.table_info(db, "offers") if row[1] not in (*BOOKKEEPING, TENANT)
    ]
    return Columns(
        fields=tuple(name for _, name, *_ in info),
        json=tuple(name for _, name, _, _, default, _ in info if default in ("'{}'", "'[]'")),
        yes_no=tuple(
            name for _, name, kind, not_null, default, _ in info
            if kind == "INTEGER" and not_null and default in ("0", "1")
        ),
        yes_no_unknown=tuple(
            name for _, name, kind, not_null, default, primary in info
            if kind == "INTEGER" and not not_null and default is None and not primary
        ),
    )  # fmt: skip


def find_offers(db: Database, query: OfferQuery = OfferQuery(), lang: str | None = None) -> list:
    """Offers matching every filter: when searching, text matches before those only a search
    topic finds, each best match first; else by title."""
    shape = columns(db)
    found = []
    for phase in search_index.search_phases(query):
        joins, where, params = filter_sql(phase, dialect.of(db))
        order = search_index.best_match_order(phase, dialect.of(db))
        sql = select_sql(lang, joins) + f" WHERE {where} ORDER BY {order}"
        found += [decode(row, lang, shape) for row in db.query(sql, [lang, *params])]
    return found


def get_offer(
    db: Database,
    offer_id: int,
    *,
    public: bool = True,
    lang: str | None = None,
    region: int | None = None,
) -> dict | None:
    """One offer; ``public`` hides drafts, archived and deleted offers; ``region``: only
    if it belongs to that region (None: of any; public reads check with ``web.in_region``)."""
    where, params = "offers.id = ?", [lang, offer_id]
    if public:
        where += " AND offers.status = 'published' AND offers.deleted_at IS NULL"
    if region is not None:
        where += " AND offers.region_id = ?"
        params.append(region)
    rows = list(db.query(select_sql(lang) + f" WHERE {where}", params))
    return decode(rows[0], lang, columns(db)) if rows else None


def deleted_ids(db: Database, *, region: int) -> list[int]:
    """The ids of the region's deleted offers, most recently deleted first."""
    rows = db.query(
        "SELECT id FROM offers WHERE region_id = ? AND deleted_at IS NOT NULL"
        " ORDER BY deleted_at DESC",
        [region],
    )
    return [row["id"] for row in rows]


def count_offers(db: Database) -> int:
    """How many offers are stored, deleted ones included."""
    return db.execute("SELECT count(*) FROM offers").fetchone()[0]


def create_offer(
    db: Database, offer: dict, *, by: str, source: str = "", region: int | None = None
) -> dict:
    """Store a new offer (cleaned by ``offers.clean``) and record it in the history;
    ``region``: the region it belongs to, else the first."""
    with store.writing(db):
        [offer_id] = create_offers(db, [offer], by=by, source=source, region=region)
        return get_offer(db, offer_id, public=False)


def create_offers(
    db: Database, offers: Iterable[dict], *, by: str, source: str = "", region: int | None = None
) -> list:
    """Store new offers and their history entries in one transaction; returns their ids.

    What :func:`create_offer` does, for many offers at once (an import): one prepared
    INSERT per offer (pipelined on PostgreSQL; the map's counts once for all, see
    :mod:`store.bulk`), then the
    history entries read back and written in one statement.
    """
    stamp = store.now()
    shape = columns(db)
    bookkeeping = {"created_at": stamp, "created_by": by, "updated_at": stamp, "updated_by": by}
    if region is not None:
        bookkeeping[TENANT] = region
    rows = [_encode(_new_row(offer, shape) | bookkeeping, shape) for offer in offers]
    with store.writing(db):
        with bulk.inserting(db, len(rows)) as ids:
            ids += bulk.insert_offers(db, rows)
        created = db.query(
            select_sql(None) + f" WHERE offers.id IN ({dialect.of(db).ids_of})"
            " ORDER BY offers.id", [None, json.dumps(ids)],
        )  # fmt: skip
        db.conn.executemany(
            'INSERT INTO offer_history (offer_id, at, "user", action, source, before, after)'
            " VALUES (?, ?, ?, 'create', ?, NULL, ?)",
            ((row["id"], row["updated_at"], by, source, _snapshot(decode(row, None, shape), shape))
             for row in created),
        )  # fmt: skip
    return ids


def _new_row(offer: dict, shape: Columns) -> dict:
    row = {field: offer[field] for field in shape.editable if field in offer}
    if offer.get("id"):
        row["id"] = int(offer["id"])
    return row


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
    with store.writing(db):
        before = get_offer(db, offer_id, public=False)
        if before is None:
            raise KeyError(offer_id)
        if expected_version is not None and before["version"] != expected_version:
            raise VersionConflict(before)
        shape = columns(db)
        row = {field: changes[field] for field in shape.editable if field in changes}
        if "deleted_at" in changes:
            row["deleted_at"] = changes["deleted_at"]
        row |= {"updated_at": store.now(), "updated_by": by, "version": before["version"] + 1}
        db["offers"].update(offer_id, _encode(row, shape))
        after = get_offer(db, offer_id, public=False)
        _record(db, after, by=by, action=action, source=source, before=before)
    return after


def select_sql(lang: str | None, joins: str = "") -> str:
    """The SELECT of offers with their translation into ``lang`` (the first parameter)."""
    return (
        "SELECT offers.*, t.title AS t_title, t.description AS t_description FROM offers "
        f"LEFT JOIN offer_translations t ON t.offer_id = offers.id AND t.lang = ? {joins}"
    )


def decode(row: dict, lang: str | None, shape: Columns) -> dict:
    """A row of :func:`select_sql` as an offer: JSON and yes/no decoded, translated text."""
    offer = dict(row)
    for field in shape.json:
        offer[field] = json.loads(offer[field] or ("{}" if field == "opening_hours" else "[]"))
    for field in shape.yes_no:
        offer[field] = bool(offer[field])
    for field in shape.yes_no_unknown:
        if offer[field] is not None:
            offer[field] = bool(offer[field])
    translated_title, translated_description = offer.pop("t_title"), offer.pop("t_description")
    offer["text_lang"] = SOURCE_LANG
    if translated_title:
        offer["source_title"] = offer["title"]  # the public list's order follows it
        offer["source_description"] = offer["description"]  # searched as well
        offer["title"] = translated_title
        offer["description"] = translated_description or offer["description"]
        offer["text_lang"] = lang
    return offer


def _encode(row: dict, shape: Columns) -> dict:
    encoded = dict(row)
    for field in shape.json:
        if field in encoded:
            encoded[field] = json.dumps(encoded[field], ensure_ascii=False)
    return encoded


def _record(db: Database, offer: dict, *, by: str, action: str, source: str, before) -> None:
    shape = columns(db)
    db["offer_history"].insert(
        {"offer_id": offer["id"], "at": offer["updated_at"], "user": by, "action": action,
         "source": source, "before": before and _snapshot(before, shape),
         "after": _snapshot(offer, shape)}
    )  # fmt: skip


def _snapshot(offer: dict, shape: Columns) -> str:
    kept = {key: offer[key] for key in (*shape.fields, "deleted_at", "version")}
    return json.dumps(kept, ensure_ascii=False)

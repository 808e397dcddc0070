"""Lists of offers filtered, sorted and paged in SQL: the back office's and the public one."""

import json
from dataclasses import dataclass, replace

from sqlite_utils import Database

from refugee_map.store import dialect, map_view, nearest, offer_filters, search_index
from refugee_map.store import offers as offer_store
from refugee_map.store import translations as translation_store
from refugee_map.store.dialect import Dialect

# The list orders: best match (the public list's; title when not searching), last change
# first, title, district (none last), last check (never checked first); each ends on the id
# so that pages never overlap. ``{title}``: the title without ASCII case (Dialect.nocase);
# ``{district}``, ``{title_bytes}``: byte by byte, as SQLite orders text (Dialect.bytewise).
BEST_MATCH = "best_match"
LIST_ORDERS = {
    "updated": "offers.updated_at DESC, offers.id DESC",
    "title": "{title}, offers.id",
    "district": "offers.district IS NULL, {district}, {title_bytes}, offers.id",
    "verified": "coalesce(offers.verified_at, ''), {title}, offers.id",
}


@dataclass(frozen=True)
class OfferPage:
    """One page of a list of offers, and how many there are in all."""

    offers: list[dict]
    total: int
    page: int
    pages: int


def offer_page(
    db: Database,
    query: offer_store.OfferQuery,
    *,
    sort: str,
    page: int | None,
    page_size: int,
    stale_before: str | None = None,
    untranslated_in: tuple[str, ...] = (),
    lang: str | None = None,
) -> OfferPage:
    """The ``page`` (from 1; out of range: the nearest) of offers matching ``query``, in the
    order ``sort`` (a key of :data:`LIST_ORDERS` or :data:`BEST_MATCH`), filtered, sorted
    and paged in SQL.
    ``stale_before`` keeps offers last checked before that ISO date (or never);
    ``untranslated_in`` keeps offers whose translation into one of these languages is
    missing or older than the German text. ``lang``: the language of the offer texts."""
    spelled = dialect.of(db)
    conditions, values = _back_office_filters(stale_before, untranslated_in, spelled)
    joins, where, params = offer_filters.filter_sql(query, spelled)
    index = "" if conditions else offer_filters.counting_index(query, spelled)
    where, params = where + conditions, params + values
    total = offer_filters.count_matching(db, joins, where, params, index)
    pages = max(1, -(-total // page_size))
    page = min(max(page or 1, 1), pages)
    offset = (page - 1) * page_size
    if sort == BEST_MATCH:
        ids = _best_match_ids(db, query, page_size, offset, conditions, values)
        return OfferPage(_in_order(db, ids, lang), total, page, pages)
    order = _list_order(sort, dialect.of(db))
    rows = db.query(
        offer_store.select_sql(lang, joins) + f" WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [lang, *params, page_size, offset],
    )
    shape = offer_store.columns(db)
    return OfferPage([offer_store.decode(row, lang, shape) for row in rows], total, page, pages)


def _list_order(sort: str, spelled: Dialect) -> str:
    """The ORDER BY of ``sort`` (a key of :data:`LIST_ORDERS`) in the engine's SQL."""
    return LIST_ORDERS[sort].format(
        title=spelled.nocase.format("offers.title"),
        district=spelled.bytewise.format("offers.district"),
        title_bytes=spelled.bytewise.format("offers.title"),
    )


def _back_office_filters(
    stale_before: str | None, untranslated_in: tuple, spelled: Dialect
) -> tuple[str, list]:
    """SQL conditions (each starting " AND") and parameters of the back office's filters."""
    conditions, values = "", []
    if stale_before:
        conditions += " AND (offers.verified_at IS NULL OR offers.verified_at = ''"
        conditions += " OR offers.verified_at < ?)"
        values.append(stale_before)
    if untranslated_in:
        conditions += f" AND {translation_store.untranslated(spelled)}"
        values.append(json.dumps(list(untranslated_in)))
    return conditions, values


def _best_match_ids(
    db: Database,
    query: offer_store.OfferQuery,
    limit: int,
    offset: int,
    conditions: str = "",
    values: list | None = None,
    index: str = "",
) -> list[int]:
    """The ids of ``limit`` offers after ``offset`` in the best-match order: the parts of
    :func:`search_index.search_phases` one after the other, each in its own order (an index
    walk that stops at the page when it has many matches)."""
    ids: list[int] = []
    phases = search_index.search_phases(query)
    spelled = dialect.of(db)
    for number, phase in enumerate(phases, 1):
        joins, where, params = offer_filters.filter_sql(phase, spelled)
        where, params = where + conditions, params + (values or [])
        matches = search_index.search_matches(db, phase)
        order = search_index.best_match_order(phase, dialect.of(db), matches)
        rows = db.execute(
            f"SELECT offers.id FROM offers {index} {joins} WHERE {where}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit - len(ids), offset],
        )
        found = [offer_id for (offer_id,) in rows]
        ids += found
        if len(ids) == limit or number == len(phases):
            break
        # this part ended on the page, or before it: the next part starts further back
        counted = "" if conditions else offer_filters.counting_index(phase, spelled)
        offset = (
            0 if found else offset - offer_filters.count_matching(db, joins, where, params, counted)
        )
    return ids


@dataclass(frozen=True)
class OfferSlice:
    """A page of the public list by position: ``limit`` offers after the first ``offset``;
    with ``near`` (lat, lng), nearest first."""

    limit: int
    offset: int = 0
    near: tuple[float, float] | None = None


def offer_slice(
    db: Database,
    query: offer_store.OfferQuery,
    wanted: OfferSlice,
    lang: str | None = None,
    total: int | None = None,
) -> tuple[list[dict], int]:
    """The offers of ``wanted`` and how many match in all (``total``, when the caller
    counted them already). Order: best match, or nearest first (with ``distance_m``,
    unplaced offers last) when ``near`` is given."""
    if total is None:
        total = count_matches(db, query)
    if wanted.near:
        chosen = nearest.nearest_ids(db, query, wanted, total)
        found = _in_order(db, [offer_id for offer_id, _ in chosen], lang)
        for offer, (_, metres) in zip(found, chosen, strict=True):
            offer["distance_m"] = metres
        return found, total
    # filtered by category at most: walk the list's order and stop at the page
    index = dialect.of(db).indexed_by("offers_title") if map_view.category_only(query) else ""
    # the page's ids first, so that only its own rows are read whole
    ids = _best_match_ids(db, query, wanted.limit, wanted.offset, index=index)
    return _in_order(db, ids, lang), total


def count_matches(db: Database, query: offer_store.OfferQuery) -> int:
    """How many offers match ``query`` (from the map's cells when it filters by category
    at most)."""
    total = map_view.category_only_count(db, query)
    return offer_filters.count_query(db, query) if total is None else total


def counts_with_districts(
    db: Database, query: offer_store.OfferQuery
) -> tuple[int, dict[str, int]]:
    """How many offers match ``query``, and :func:`district_counts`. A text search gets
    both from one pass over its matches in the search facets (``schema.m011``): the count
    is the chosen district's, or the sum over all districts and none."""
    others = replace(query, district=None)
    spelled = dialect.of(db)
    index = offer_filters.counting_index(others, spelled)
    if not index:
        return count_matches(db, query), district_counts(db, query)
    joins, where, params = offer_filters.filter_sql(others, spelled)
    rows = db.execute(
        f"SELECT offers.district, count(*) FROM offers {index} {joins}"
        f" WHERE {where} GROUP BY offers.district",
        params,
    )
    per_district = dict(rows.fetchall())
    total = per_district.get(query.district, 0) if query.district else sum(per_district.values())
    per_district.pop(None, None)
    return total, per_district


def district_counts(db: Database, query: offer_store.OfferQuery) -> dict[str, int]:
    """How many offers match ``query`` in each district, whichever district it names: what
    choosing each district would find. Without a text search from the facet index
    (schema.m009), which holds every column the common filters ask for: district by
    district, each a range of it when filtered by category (at 1,000,000 offers 23 ms for
    one category of 15 %; a GROUP BY over the whole index took 130 ms)."""
    spelled = dialect.of(db)
    joins, where, params = offer_filters.filter_sql(replace(query, district=None), spelled)
    if joins:
        rows = db.execute(
            f"SELECT offers.district, count(*) FROM offers {joins}"
            f" WHERE {where} AND offers.district IS NOT NULL GROUP BY offers.district",
            params,
        )
        return dict(rows.fetchall())
    facets = f"offers {spelled.indexed_by('offers_district_facets')}"
    rows = db.execute(
        "WITH RECURSIVE districts(name) AS ("  # each district once: a seek apiece
        f" SELECT min(district) FROM {facets} UNION ALL"
        f" SELECT (SELECT min(district) FROM {facets} WHERE district > districts.name)"
        " FROM districts WHERE name IS NOT NULL)"
        f" SELECT name, (SELECT count(*) FROM {facets}"
        f" WHERE offers.district = districts.name AND {where})"
        " FROM districts WHERE name IS NOT NULL",
        params,
    )
    return {district: count for district, count in rows if count}


def _in_order(db: Database, ids: list[int], lang: str | None) -> list[dict]:
    """The offers ``ids``, in that order."""
    rows = db.query(
        offer_store.select_sql(lang) + f" WHERE offers.id IN ({dialect.of(db).ids_of})",
        [lang, json.dumps(ids)],
    )
    shape = offer_store.columns(db)
    by_id = {row["id"]: offer_store.decode(row, lang, shape) for row in rows}
    return [by_id[offer_id] for offer_id in ids]


def spoken_languages(db: Database, region: int | None = None) -> list[str]:
    """The languages spoken at one or more published offers (of ``region``, else of all),
    for the language filter."""
    spelled = dialect.of(db)
    _joins, where, params = offer_filters.filter_sql(
        offer_filters.OfferQuery(region=region), spelled
    )
    rows = db.query(
        f"SELECT DISTINCT value FROM offers, {spelled.json_items('offers.languages')}"
        f" WHERE {where} ORDER BY value",
        params,
    )
    return [row["value"] for row in rows]


def published_extent(
    db: Database, region: int | None = None
) -> tuple[tuple | None, tuple[str, str] | None]:
    """The bounding box (min lng, min lat, max lng, max lat) of the placed published offers
    (of ``region``, else of all) and the first and last change of the published ones;
    ``None`` where there are none."""
    published = offer_filters.OfferQuery(region=region)
    _joins, where, params = offer_filters.filter_sql(published, dialect.of(db))
    row = db.execute(
        "SELECT min(lng), min(lat), max(lng), max(lat), min(updated_at), max(updated_at)"
        f" FROM offers WHERE {where}",
        params,
    ).fetchone()
    box = None if row[0] is None else tuple(row[:4])
    return box, None if row[4] is None else (row[4], row[5])

"""Which offers a list, a count or a map view keeps: an :class:`OfferQuery` as SQL.

:func:`filter_sql` turns the filters into a join (the full-text search), a WHERE condition
and its parameters, for every query over ``offers``; :func:`count_matching` counts what
they keep, through the covering index ``offers_search_facets`` (``schema.m011``) when a
text search filters by nothing the index lacks, so no offer row is read.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from refugee_map.store import dialect, search_index
from refugee_map.store.dialect import Dialect

# The keys of the stored week of opening hours (JSON: {"Mo": [["09:00", "12:00"]], ...}).
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
# id, status, deleted_at, district, category: what a text search's count reads (m011)
SEARCH_FACETS_INDEX = "offers_search_facets"


@dataclass(frozen=True)
class OfferQuery:
    """Filters for ``offers.find_offers`` and the lists; empty fields do not filter."""

    categories: tuple[str, ...] = ()
    district: str | None = None
    q: str | None = None
    q_lang: str | None = None  # q looks in this translation too
    # per word of q, its topics (search_index.query_match): offers of these categories or
    # with German words starting with these terms match the word too, ranked lower
    q_categories: tuple[tuple[str, ...], ...] = ()
    q_terms: tuple[tuple[str, ...], ...] = ()
    q_topics_only: bool = False  # only the offers q's topics find and its text does not
    bbox: tuple[float, float, float, float] | None = None  # min lng, min lat, max lng, max lat
    language: str | None = None  # spoken at the offer
    volunteers_wanted: bool = False
    open_at: datetime | None = None  # local time; keeps offers open at that moment
    # last changed in this span (UTC stamps as store.now() writes them; either end may be open)
    changed_since: str | None = None
    changed_until: str | None = None
    statuses: tuple[str, ...] = ("published",)
    region: int | None = None  # the offers of this region only (None: of every region)


def filter_sql(query: OfferQuery, spelled: Dialect) -> tuple[str, str, list]:
    """The join (full-text search), the WHERE condition and its parameters for ``query``
    in the SQL of the engine ``spelled``."""
    where = ["offers.deleted_at IS NULL"]
    params: list[Any] = []

    def any_of(column: str, values: tuple) -> None:
        where.append(f"{column} IN ({', '.join('?' * len(values))})")
        params.extend(values)

    if query.statuses == ("published",):
        # "+": most offers are published, so that index never narrows; other filters' do
        any_of(f"{spelled.no_index}offers.status", query.statuses)
    elif query.statuses:
        any_of("offers.status", query.statuses)
    if query.categories:
        any_of("offers.category", query.categories)
    if query.district:
        where.append("offers.district = ?")
        params.append(query.district)
    if query.region is not None:
        # "+" with a bbox: SQLite would walk the region's index, every offer of the region,
        # and only check each against the R*Tree, which narrows far more
        narrowest = spelled.no_index if query.bbox else ""
        where.append(f"{narrowest}offers.region_id = ?")
        params.append(query.region)
    for condition, values in _row_conditions(query, spelled):
        where.append(condition)
        params.extend(values)
    joins, searched = search_index.match_join(query, spelled)
    return joins, " AND ".join(where), [*searched, *params]


def _row_conditions(query: OfferQuery, spelled: Dialect) -> list[tuple[str, list]]:
    """The conditions (SQL, parameters) of the filters only an offer's row can answer."""
    conditions: list[tuple[str, list]] = []
    if query.language:
        spoken = spelled.json_items("offers.languages")
        conditions.append((f"EXISTS (SELECT 1 FROM {spoken} WHERE value = ?)", [query.language]))
    if query.volunteers_wanted:
        conditions.append(("offers.volunteers_wanted = 1", []))
    if query.open_at:
        moment = query.open_at.strftime("%H:%M")
        spans = spelled.json_items("offers.opening_hours", key="?")  # of the day: [from, to]
        opens, closes = spelled.json_text("value", 0), spelled.json_text("value", 1)
        conditions.append((
            f"EXISTS (SELECT 1 FROM {spans} WHERE {opens} <= ? AND ? < {closes})",
            [WEEKDAYS[query.open_at.weekday()], moment, moment],
        ))  # fmt: skip
    for bound, compared in ((query.changed_since, ">="), (query.changed_until, "<=")):
        if bound:
            conditions.append((f"offers.updated_at {compared} ?", [bound]))
    if query.bbox:
        min_lng, min_lat, max_lng, max_lat = query.bbox
        # The spatial index narrows the search (a superset), the exact comparison on the
        # stored values decides.
        conditions.append((
            f"{spelled.bbox_candidates}"
            " AND offers.lng BETWEEN ? AND ? AND offers.lat BETWEEN ? AND ?",
            [min_lng, min_lat, max_lng, max_lat, min_lng, max_lng, min_lat, max_lat],
        ))  # fmt: skip
    return conditions


def counting_index(query: OfferQuery, spelled: Dialect) -> str:
    """``INDEXED BY`` the search facets when ``query`` searches text and filters only by
    what that index holds (status, district, category): a count of its matches then looks
    each up in the small index instead of reading the offer's row (half the time)."""
    searched = {"q": None, "q_lang": None, "q_categories": (), "q_terms": ()}
    held = {"statuses": OfferQuery.statuses, "categories": (), "district": None}
    covered = replace(query, q_topics_only=False, **searched, **held) == OfferQuery()
    return spelled.indexed_by(SEARCH_FACETS_INDEX) if query.q and covered else ""


def count_matching(db: Database, joins: str, where: str, params: list, index: str = "") -> int:
    """How many offers the parts of :func:`filter_sql` (``where`` perhaps narrowed) keep;
    ``index``: :func:`counting_index` of the query."""
    sql = f"SELECT count(*) FROM offers {index} {joins} WHERE {where}"
    return db.execute(sql, params).fetchone()[0]


def count_query(db: Database, query: OfferQuery) -> int:
    """How many offers match ``query``."""
    spelled = dialect.of(db)
    return count_matching(db, *filter_sql(query, spelled), counting_index(query, spelled))

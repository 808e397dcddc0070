"""What the map shows of one view: clusters of offers per grid cell, or the offers themselves.

A view is a bbox at a zoom. Its cells are those of :mod:`map_grid` that intersect the bbox
(above the highest stored zoom, that zoom's cells). With at most category filters, the
counts come from ``map_cells`` (kept current by triggers, per region): the work depends on
the view, not on how many offers there are; a view of every region sums their cells. Other
filters group the matching offers of those cells on the fly with the same cell arithmetic.
Never more than :data:`MAX_ITEMS` clusters and offers.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from refugee_map.store import dialect, map_grid, offer_filters

MAX_ITEMS = 500  # clusters + offers in one answer
FEW_OFFERS = 100  # a view with no more than these shows its offers, not clusters
LAST_CLUSTERED_ZOOM = 17  # from this zoom on a view shows offers whenever they fit
MAX_SPAN_CELLS = 64  # cells per side of a view (5,120 px); a wider bbox uses a lower zoom
RTREE_BELOW = 10_000  # offers in a window that on-the-fly grouping finds through the R*Tree
_EDGE_PADDING = 1e-7  # degrees (about 1 cm): floating-point slack around a cell's edges
Bbox = tuple[float, float, float, float]  # min lng, min lat, max lng, max lat


@dataclass(frozen=True)
class Window:
    """The cells a bbox touches at ``zoom``: columns ``x0..x1``, rows ``y0..y1``."""

    zoom: int
    x0: int
    x1: int
    y0: int
    y1: int

    def coarser(self) -> "Window":
        """The same bbox one zoom out: cells nest, so each index halves."""
        return Window(self.zoom - 1, self.x0 // 2, self.x1 // 2, self.y0 // 2, self.y1 // 2)

    def span(self) -> int:
        return max(self.x1 - self.x0, self.y1 - self.y0) + 1


@dataclass
class Cell:
    """The matching offers of one cell: how many, per category, and their sums."""

    count: int = 0
    sum_lat: float = 0.0
    sum_lng: float = 0.0
    sum_id: int = 0
    categories: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MapView:
    zoom: int  # the zoom of the cells used (lower than asked for a very wide bbox)
    clusters: list[dict]
    offers: list[dict]


def map_view(
    db: Database, bbox: Bbox, zoom: int, query: offer_filters.OfferQuery, lang: str | None = None
) -> MapView:
    """Clusters and offers of ``query`` for ``bbox`` at ``zoom`` (0..20); above the highest
    stored zoom, in its cells."""
    window = _window(db, bbox, min(zoom, map_grid.STORED_ZOOMS[-1]))
    while window.span() > MAX_SPAN_CELLS:
        window = window.coarser()
    cells = _cells(db, window, query)
    while cells is None:  # too many cells hold offers: bigger cells, one zoom out
        window = window.coarser()
        cells = _cells(db, window, query)
    fits = MAX_ITEMS if window.zoom >= LAST_CLUSTERED_ZOOM else FEW_OFFERS
    if sum(cell.count for cell in cells.values()) <= fits:
        return MapView(window.zoom, [], _offers(db, query, bbox, lang))
    return _clustered(db, window.zoom, cells, bbox, lang)


def _window(db: Database, bbox: Bbox, zoom: int) -> Window:
    min_lng, min_lat, max_lng, max_lat = bbox
    x, spelled = map_grid.cell_x, dialect.of(db)

    def y(lat: str, zoom: str) -> str:
        return map_grid.cell_y(lat, zoom, spelled)

    row = db.execute(
        f"SELECT {x('?', '?')}, {x('?', '?')}, {y('?', '?')}, {y('?', '?')}",
        [min_lng, zoom, max_lng, zoom, max_lat, zoom, min_lat, zoom],
    ).fetchone()
    return Window(zoom, *row)


def _cells(db: Database, window: Window, query: offer_filters.OfferQuery) -> dict | None:
    """The window's cells holding matching offers, by (column, row); ``None`` as soon as
    they are more than :data:`MAX_ITEMS` (reading stops there)."""
    if stored_counts_serve(replace(query, bbox=None)):  # map_cells counts per category
        rows = _stored_cells(db, window, query.categories, query.region)
    else:
        rows = _grouped_cells(db, window, query)
    cells: dict[tuple, Cell] = {}
    for cx, cy, category, n, sum_lat, sum_lng, sum_id in rows:
        cell = cells.get((cx, cy))
        if cell is None:
            if len(cells) == MAX_ITEMS:
                return None
            cell = cells[cx, cy] = Cell()
        cell.count += n
        cell.sum_lat += sum_lat
        cell.sum_lng += sum_lng
        cell.sum_id += sum_id
        cell.categories[category] = cell.categories.get(category, 0) + n  # over regions
    return cells


def category_only(query: offer_filters.OfferQuery) -> bool:
    """``query`` filters published offers by category at most."""
    return replace(query, categories=()) == offer_filters.OfferQuery()


def stored_counts_serve(query: offer_filters.OfferQuery) -> bool:
    """``query`` filters published offers by category and region at most: ``map_cells``
    counts it."""
    return category_only(replace(query, region=None))


def category_only_count(db: Database, query: offer_filters.OfferQuery) -> int | None:
    """How many offers match ``query`` when it filters by category (and region) at most
    (else ``None``): the placed ones from the cells at zoom 0, the others through their own
    index."""
    if not stored_counts_serve(query):
        return None
    chosen, params = "", list(query.categories)
    if params:
        chosen = f" AND category IN ({', '.join('?' * len(params))})"
    regions, region_params = _regions(query.region)
    placed = db.execute(
        f"SELECT coalesce(sum(n), 0) FROM map_cells WHERE {regions} AND zoom = 0{chosen}",
        [*region_params, *params],
    ).fetchone()[0]
    region = "" if query.region is None else " AND region_id = ?"
    unplaced = db.execute(
        f"SELECT count(*) FROM offers {dialect.of(db).indexed_by('offers_unplaced')}"
        f" WHERE ({map_grid.UNPLACED})"
        f" AND status = 'published' AND deleted_at IS NULL{chosen}{region}",
        [*params, *region_params],
    ).fetchone()[0]
    return placed + unplaced


def _regions(region: int | None) -> tuple[str, list]:
    """SQL on ``map_cells``: the cells of ``region``, or of every region (the first column
    of the key, so a view reads ranges of it either way)."""
    if region is None:
        return "region_id IN (SELECT id FROM regions)", []
    return "region_id = ?", [region]


def _stored_cells(
    db: Database, window: Window, categories: tuple[str, ...], region: int | None
) -> Iterable:
    """The window's rows of ``map_cells`` (of ``region``, else of every region)."""
    regions, params = _regions(region)
    # the columns one by one (IN), so each is a range of the primary key
    sql = (
        "WITH RECURSIVE columns(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM columns WHERE x < ?)"
        " SELECT cx, cy, category, n, sum_lat, sum_lng, sum_id FROM map_cells"
        f" WHERE {regions} AND zoom = ? AND cx IN (SELECT x FROM columns)"
        " AND cy BETWEEN ? AND ?"
    )
    params = [window.x0, window.x1, *params, window.zoom, window.y0, window.y1]
    if categories:
        sql += f" AND category IN ({', '.join('?' * len(categories))})"
        params += categories
    return db.execute(sql, params)


def _grouped_cells(db: Database, window: Window, query: offer_filters.OfferQuery) -> Iterable:
    """The matching offers of the window's cells grouped as ``map_cells`` rows."""
    west, north, east, south = db.execute(
        "SELECT "
        + ", ".join(
            (
                map_grid.cell_west("?", "?"),
                map_grid.cell_north("?", "?"),
                map_grid.cell_west("? + 1", "?"),
                map_grid.cell_north("? + 1", "?"),
            )
        ),
        [window.x0, window.zoom, window.y0, window.zoom, window.x1, window.zoom, window.y1,
         window.zoom],
    ).fetchone()  # fmt: skip
    pad = _EDGE_PADDING
    around = (west - pad, south - pad, east + pad, north + pad)
    # the R*Tree narrows a small window; in a wide one the other filters' indexes do better
    placed = _placed_in(db, window, query.region)
    narrowed = replace(query, bbox=around if placed <= RTREE_BELOW else None)
    spelled = dialect.of(db)
    joins, where, params = offer_filters.filter_sql(narrowed, spelled)
    x = map_grid.cell_x("offers.lng", str(window.zoom))
    y = map_grid.cell_y("offers.lat", str(window.zoom), spelled)
    return db.execute(
        f"SELECT cx, cy, category, count(*), sum(lat), sum(lng), sum(id) FROM ("
        f" SELECT {x} AS cx, {y} AS cy, offers.category, offers.lat, offers.lng, offers.id"
        f" FROM offers {joins} WHERE {where}) AS placed"
        " WHERE cx BETWEEN ? AND ? AND cy BETWEEN ? AND ? GROUP BY cx, cy, category",
        [*params, window.x0, window.x1, window.y0, window.y1],
    )


def _placed_in(db: Database, window: Window, region: int | None) -> int:
    """How many offers (any category) the window's cells hold at most, from ``map_cells``
    at a zoom where the window spans a few cells."""
    while window.span() > 4:
        window = window.coarser()
    return sum(row[3] for row in _stored_cells(db, window, (), region))


def _clustered(
    db: Database, zoom: int, cells: dict[tuple, Cell], bbox: Bbox, lang: str | None
) -> MapView:
    """Cells of several offers as clusters, west to east and north to south (whatever
    order the engine read them in); a cell of one as that offer (if in the bbox)."""
    ordered = [cells[key] for key in sorted(cells)]
    clusters = [
        {
            "lat": _mean(cell.sum_lat, cell.count),
            "lng": _mean(cell.sum_lng, cell.count),
            "count": cell.count,
            "categories": cell.categories,
        }
        for cell in ordered
        if cell.count > 1
    ]
    lone = [cell.sum_id for cell in ordered if cell.count == 1]
    return MapView(zoom, clusters, _lone_offers(db, lone, bbox, lang))


def _mean(total: float, count: int) -> float:
    """A cluster's coordinate, to 6 places. The sum first to 9: added up in another order
    (the engines read a cell's rows in their own order) it may differ in its last bits,
    enough to round a mean that lies on a half the other way."""
    return round(round(total, 9) / count, 6)


def _offers(
    db: Database, query: offer_filters.OfferQuery, bbox: Bbox, lang: str | None
) -> list[dict]:
    """The matching offers in the bbox (half-open), at most :data:`MAX_ITEMS`."""
    joins, where, params = offer_filters.filter_sql(replace(query, bbox=bbox), dialect.of(db))
    inside, corners = _inside(bbox)
    return _slim(db, joins, f"{where} AND {inside}", [*params, *corners], lang)


def _lone_offers(db: Database, ids: list[int], bbox: Bbox, lang: str | None) -> list[dict]:
    if not ids:
        return []
    inside, corners = _inside(bbox)
    # ids are the store's own integers: a JSON list keeps it one parameter
    where = f"offers.id IN ({dialect.of(db).ids_of}) AND {inside}"
    return _slim(db, "", where, [str(ids), *corners], lang)


def _inside(bbox: Bbox) -> tuple[str, list]:
    """SQL: the offer lies in the bbox, west and south edges in, east and north edges out,
    so adjacent views never share an offer."""
    min_lng, min_lat, max_lng, max_lat = bbox
    sql = "offers.lng >= ? AND offers.lng < ? AND offers.lat >= ? AND offers.lat < ?"
    return sql, [min_lng, max_lng, min_lat, max_lat]


def _slim(db: Database, joins: str, where: str, params: list, lang: str | None) -> list[dict]:
    """Offers with what a marker needs: id, position, category, title (in ``lang``)."""
    rows = db.execute(
        "SELECT offers.id, offers.lat, offers.lng, offers.category,"
        " coalesce(nullif(t.title, ''), offers.title) FROM offers"
        f" LEFT JOIN offer_translations t ON t.offer_id = offers.id AND t.lang = ? {joins}"
        f" WHERE {where} ORDER BY offers.id LIMIT {MAX_ITEMS}",
        [lang, *params],
    )
    keys = ("id", "lat", "lng", "category", "title")
    return [dict(zip(keys, row, strict=True)) for row in rows]

"""The map's grid: square cells of :data:`CELL_PX` Web-Mercator pixels at each zoom, in SQL.

One definition of "which cell holds this point" for the triggers that keep ``map_cells``
current (``schema.m008``), for grouping filtered offers on the fly and for the cells a
view covers (``map_view``), so that the three can never disagree. Cells nest: a cell at
zoom ``z`` lies inside one cell at ``z - 1`` (``floor(floor(a) / 2) == floor(a / 2)``).
"""

import json

from refugee_map.store import dialect
from refugee_map.store.dialect import Dialect

CELL_PX = 80  # a cluster marker's reach on screen
TILE_PX = 256  # Web-Mercator pixels of the whole world at zoom 0
MAX_MERCATOR_LAT = 85.0511287798  # where Web-Mercator ends (a square world)
# Zooms whose cells are counted in ``map_cells`` (rows of ``map_zoom_levels``): up to the
# map's highest zoom (``MAX_ZOOM`` in static/js/map/tiles.js); a view at a higher zoom uses
# the cells of the highest. ``m008`` counted zooms 0-16, ``m011`` added 17 and 18.
STORED_ZOOMS = range(0, 19)
# Counted on the map: published, not deleted, placed. ``row`` is "new", "old" or "offers".
COUNTED = (
    "{row}.status = 'published' AND {row}.deleted_at IS NULL"
    " AND {row}.lat IS NOT NULL AND {row}.lng IS NOT NULL"
)
UNPLACED = "lat IS NULL OR lng IS NULL"  # the rest of the published offers


def cells_per_side(zoom: str) -> str:
    """SQL: how many cells span the world at ``zoom`` (an SQL integer expression)."""
    return f"({TILE_PX / CELL_PX!r} * (1 << CAST({zoom} AS INTEGER)))"


def cell_x(lng: str, zoom: str) -> str:
    """SQL: the cell column of longitude ``lng`` at ``zoom`` (west to east, from 0)."""
    return f"CAST(floor(({lng} + 180.0) / 360.0 * {cells_per_side(zoom)}) AS INTEGER)"


def cell_y(lat: str, zoom: str, spelled: Dialect) -> str:
    """SQL: the cell row of latitude ``lat`` at ``zoom`` (north to south, from 0)."""
    clamped = f"{spelled.greater}(-{MAX_MERCATOR_LAT}, {spelled.lesser}({MAX_MERCATOR_LAT}, {lat}))"
    mercator = f"ln(tan(pi() / 4 + radians({clamped}) / 2))"
    return f"CAST(floor((1 - {mercator} / pi()) / 2 * {cells_per_side(zoom)}) AS INTEGER)"


def cell_west(x: str, zoom: str) -> str:
    """SQL: the longitude of the west edge of cell column ``x`` at ``zoom``."""
    return f"(({x}) * 360.0 / {cells_per_side(zoom)} - 180.0)"


def cell_north(y: str, zoom: str) -> str:
    """SQL: the latitude of the north edge of cell row ``y`` at ``zoom``."""
    return f"degrees(atan(sinh(pi() * (1 - 2.0 * ({y}) / {cells_per_side(zoom)}))))"


# The key of ``map_cells``: per region since m016 (m008 and m011 counted without one).
REGION_KEY = ("region_id", "zoom", "cx", "cy", "category")
KEY = REGION_KEY[1:]


def counted_cells(
    spelled: Dialect,
    zooms: str = "map_zoom_levels",
    among: str = "",
    offers: str = "offers",
    per_region: bool = True,
) -> str:
    """SQL: the rows ``map_cells`` must hold, counted from scratch over every offer (or
    those for which the condition ``among`` holds, or those of the table ``offers`` names),
    per region unless ``per_region`` is false (the table before m016).

    The migrations fill the table with it; tests compare the table to it."""
    x, y = cell_x("offers.lng", "z.zoom"), cell_y("offers.lat", "z.zoom", spelled)
    region = "offers.region_id AS region_id, " if per_region else ""
    groups = ", ".join(str(column) for column in range(1, len(_key(per_region)) + 1))
    return (
        f"SELECT {region}z.zoom AS zoom, {x} AS cx, {y} AS cy, offers.category AS category,"
        " count(*) AS n, sum(offers.lat) AS sum_lat, sum(offers.lng) AS sum_lng,"
        f" sum(offers.id) AS sum_id FROM {offers} AS offers, {zooms} z"
        f" WHERE {COUNTED.format(row='offers')} AND ({among or spelled.true})"
        f" GROUP BY {groups}"
    )


def _key(per_region: bool) -> tuple[str, ...]:
    return REGION_KEY if per_region else KEY


def _add_to_cell(per_region: bool) -> str:
    """SQL after an INSERT into ``map_cells``: adds a row's counts and sums to those stored
    for its cell, or stores them."""
    return f"""
        ON CONFLICT ({", ".join(_key(per_region))}) DO UPDATE SET n = map_cells.n + excluded.n,
            sum_lat = map_cells.sum_lat + excluded.sum_lat,
            sum_lng = map_cells.sum_lng + excluded.sum_lng,
            sum_id = map_cells.sum_id + excluded.sum_id
    """


INSERT_TRIGGER = "offers_map_ai"
_ROW_TRIGGERS = ("offers_map_ad", "offers_map_au")


def count_new_offers(db, ids: list[int]) -> None:
    """Count the offers ``ids`` in ``map_cells``, all in one statement: what the insert
    trigger (:data:`INSERT_TRIGGER`) does, for offers written without it."""
    spelled = dialect.of(db)
    db.execute(_add_counted(spelled, f"offers.id IN ({spelled.ids_of})"), [json.dumps(ids)])


def _add_counted(
    spelled: Dialect, among: str = "", offers: str = "offers", per_region: bool = True
) -> str:
    """Add the offers (of the table ``offers``) for which ``among`` holds to the cells, in
    one statement."""
    counted = counted_cells(spelled, among=among, offers=offers, per_region=per_region)
    # "WHERE" before "ON CONFLICT": SQLite's parser needs it after a SELECT
    return (
        f"INSERT INTO map_cells SELECT * FROM ({counted}) AS counted WHERE {spelled.true}"
        + _add_to_cell(per_region)
    )


def _insert_trigger(spelled: Dialect, per_region: bool) -> list[str]:
    """Count new offers: row by row on SQLite; on PostgreSQL once per statement over the
    rows it added, so an INSERT (or COPY) of many offers updates each cell once: a row
    updated again and again in one transaction leaves versions each update walks past."""
    if spelled is dialect.SQLITE:
        body = _count("new", +1, spelled, per_region)
        return dialect.trigger(spelled, INSERT_TRIGGER, "INSERT", "offers", body)
    # not offers.id IN added: 6 s for 2,000
    body = _add_counted(spelled, offers="added", per_region=per_region) + ";"
    return dialect.statement_trigger(
        INSERT_TRIGGER, "INSERT", "offers", body, referencing="NEW TABLE AS added"
    )


def create_cell_index(db, zooms: range) -> None:
    """The tables ``map_zoom_levels`` and ``map_cells`` (per zoom, cell and category: how
    many offers are counted there, the sums of their positions and of their ids, so a cell
    of one offer names it), filled from the stored offers at ``zooms`` and kept current by
    triggers; for m008, before offers had a region (:func:`index_cells_by_region`)."""
    db.execute("CREATE TABLE map_zoom_levels (zoom INTEGER PRIMARY KEY)")
    _create_cells(db, per_region=False)
    store_zooms(db, zooms)


def index_cells_by_region(db) -> None:
    """``map_cells`` rebuilt with the region as the first column of its key, recounted
    and kept by triggers per region, at every zoom of ``map_zoom_levels``: a region's view
    reads its own cells, a network-wide one sums the regions' (m016)."""
    spelled = dialect.of(db)
    for name in (INSERT_TRIGGER, *_ROW_TRIGGERS):
        for statement in dialect.drop_trigger(spelled, name, "offers"):
            db.execute(statement)
    db.execute("DROP TABLE map_cells")
    _create_cells(db, per_region=True)
    db.execute(f"INSERT INTO map_cells {counted_cells(spelled)}")


def _create_cells(db, per_region: bool) -> None:
    """The table ``map_cells`` (empty) and the triggers keeping it."""
    spelled = dialect.of(db)
    region = f"region_id {spelled.integer} NOT NULL," if per_region else ""
    db.execute(
        f"""
        CREATE TABLE map_cells (
            {region} zoom INTEGER NOT NULL, cx INTEGER NOT NULL, cy INTEGER NOT NULL,
            category TEXT NOT NULL, n INTEGER NOT NULL,
            sum_lat {spelled.real} NOT NULL, sum_lng {spelled.real} NOT NULL,
            sum_id {spelled.integer} NOT NULL,
            PRIMARY KEY ({", ".join(_key(per_region))})
        ) {spelled.without_rowid}
        """
    )
    moved = " OR ".join(
        f"old.{column} {spelled.differs} new.{column}"
        for column in ("status", "deleted_at", "lat", "lng", "category")
        + (("region_id",) if per_region else ())
    )
    for statement in _insert_trigger(spelled, per_region):
        db.execute(statement)
    removed, added = (
        _count(row, step, spelled, per_region) for row, step in (("old", -1), ("new", +1))
    )
    for name, event, condition, body in zip(
        _ROW_TRIGGERS, ("DELETE", "UPDATE"), ("", moved), (removed, removed + added), strict=True
    ):
        for statement in dialect.trigger(spelled, name, event, "offers", body, condition):
            db.execute(statement)


def store_zooms(db, zooms: range) -> None:
    """Count the stored offers in ``map_cells`` (without regions: m011) at ``zooms`` too.
    The triggers count at every zoom of ``map_zoom_levels``, so from now on they keep these
    cells current."""
    db.execute(f"INSERT INTO map_zoom_levels VALUES {', '.join(f'({zoom})' for zoom in zooms)}")
    added = f"(SELECT zoom FROM map_zoom_levels WHERE zoom BETWEEN {zooms[0]} AND {zooms[-1]})"
    counted = counted_cells(dialect.of(db), zooms=added, per_region=False)
    db.execute(f"INSERT INTO map_cells {counted}")


def _count(row: str, step: int, spelled: Dialect, per_region: bool) -> str:
    """Trigger statements: count the offer ``row`` ("new" or "old") once more (``step``
    +1) or once less (-1) in its cell at every stored zoom; a cell left empty goes."""
    sign = "+" if step > 0 else "-"
    x, y = cell_x(f"{row}.lng", "z.zoom"), cell_y(f"{row}.lat", "z.zoom", spelled)
    counted = COUNTED.format(row=row)
    region = f"{row}.region_id, " if per_region else ""
    # "WHERE" before "ON CONFLICT": SQLite's parser needs it after a SELECT
    upsert = f"""
        INSERT INTO map_cells ({", ".join(_key(per_region))}, n, sum_lat, sum_lng, sum_id)
        SELECT {region}z.zoom, {x}, {y}, {row}.category, {step}, {sign}{row}.lat,
            {sign}{row}.lng, {sign}{row}.id
        FROM map_zoom_levels z WHERE {counted} {_add_to_cell(per_region)};
    """
    if step > 0:
        return upsert
    same_region = f"region_id = {row}.region_id AND " if per_region else ""
    emptied = f"""
        DELETE FROM map_cells WHERE n = 0 AND {same_region}category = {row}.category
            AND (zoom, cx, cy) IN (SELECT z.zoom, {x}, {y} FROM map_zoom_levels z)
            AND {counted};
    """
    return upsert + emptied

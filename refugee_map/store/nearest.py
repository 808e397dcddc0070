"""A page of the public list nearest first, found through the R*Tree.

Boxes grow around the point until the circle inside one holds every placed offer up to the
end of the page; offers not placed yet follow in the list's order. So a page near the
visitor reads the offers around them, not the whole database.
"""

import math
from dataclasses import replace

from sqlite_utils import Database

from refugee_map.store import dialect, map_grid, offer_filters, search_index

EARTH_RADIUS_M = 6_371_008.8  # the mean radius
FIRST_RADIUS_M = 1_000
GROWTH = 4  # each box this many times wider than the last


def nearest_ids(db: Database, query: offer_filters.OfferQuery, wanted, total: int) -> list:
    """(id, metres) of the offers of ``wanted`` (an ``offer_lists.OfferSlice`` with
    ``near``); metres ``None`` for offers not placed yet. ``total``: how many match."""
    joins, where, params = offer_filters.filter_sql(query, dialect.of(db))
    unplaced = f"{where} AND ({map_grid.UNPLACED})"
    placed = total - offer_filters.count_matching(db, joins, unplaced, params)
    end = wanted.offset + wanted.limit
    found = _placed_nearest(db, query, wanted.near, min(end, placed))[wanted.offset : end]
    if end > placed:  # the page reaches the offers without a position
        rows = db.execute(
            f"SELECT offers.id FROM offers {joins} WHERE {unplaced}"
            f" ORDER BY {search_index.best_match_order(query, dialect.of(db))} LIMIT ? OFFSET ?",
            [*params, end - max(wanted.offset, placed), max(0, wanted.offset - placed)],
        )
        found += [(offer_id, None) for (offer_id,) in rows]
    return found


def _placed_nearest(db: Database, query, near: tuple[float, float], wanted: int) -> list:
    """(id, metres) of the ``wanted`` nearest placed matching offers, nearest first."""
    radius = FIRST_RADIUS_M
    while True:
        found = _within(db, query, near, radius, wanted)
        if len(found) >= wanted or radius > math.pi * EARTH_RADIUS_M:
            return found
        radius *= GROWTH


def _within(db: Database, query, near: tuple[float, float], radius: float, limit: int) -> list:
    lat, lng = near
    box = _box(lat, lng, radius)
    spelled = dialect.of(db)
    joins, where, params = offer_filters.filter_sql(replace(query, bbox=box), spelled)
    distance = distance_sql(spelled)
    return db.execute(
        f"SELECT id, metres FROM (SELECT offers.id, {distance} AS metres FROM offers {joins}"
        f" WHERE {where}) AS near WHERE metres <= ? ORDER BY metres, id LIMIT ?",
        [lat, lat, lng, *params, radius, limit],
    ).fetchall()


def _box(lat: float, lng: float, radius: float) -> tuple[float, float, float, float]:
    """A bbox holding every point within ``radius`` metres of (lat, lng) on the sphere."""
    angle = radius / EARTH_RADIUS_M * 1.001  # a little slack for rounding
    south, north = max(-90.0, lat - math.degrees(angle)), min(90.0, lat + math.degrees(angle))
    spread = math.sin(angle) / max(math.cos(math.radians(lat)), 1e-12)
    if angle >= math.pi / 2 or north == 90.0 or south == -90.0 or spread >= 1:
        return -180.0, south, 180.0, north
    west, east = lng - math.degrees(math.asin(spread)), lng + math.degrees(math.asin(spread))
    if west < -180 or east > 180:  # across the antimeridian: every longitude
        return -180.0, south, 180.0, north
    return west, south, east, north


def distance_sql(spelled: dialect.Dialect) -> str:
    """SQL: the great-circle distance in whole metres from (?, ?, ?) = lat, lat, lng."""
    half_chord = (
        "pow(sin(radians(offers.lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(offers.lat))"
        " * pow(sin(radians(offers.lng - ?) / 2), 2)"
    )
    angle = f"asin({spelled.lesser}(1, sqrt({half_chord})))"
    return f"CAST(round(2 * {EARTH_RADIUS_M} * {angle}) AS INTEGER)"

"""A page of the public list nearest first, found through the R*Tree.

Boxes grow around the point until the circle inside one holds every placed offer up to the
end of the page; offers not placed yet follow in the list's order. So a page near the
visitor reads the offers around them, not the whole database.
"""

import json
import math
from dataclasses import replace

from sqlite_utils import Database

from refugee_map.store import map_grid
from refugee_map.store import offers as offer_store

EARTH_RADIUS_M = 6_371_008.8  # the mean radius
FIRST_RADIUS_M = 1_000
GROWTH = 4  # each box this many times wider than the last


def nearest_page(db: Database, query: offer_store.OfferQuery, wanted, total: int, lang) -> list:
    """The offers of ``wanted`` (an ``offer_lists.OfferSlice`` with ``near``), each with
    ``distance_m`` (``None`` when not placed); ``total`` is how many match in all."""
    joins, where, params = offer_store.filter_sql(query)
    unplaced = offer_store.count_matching(db, joins, f"{where} AND ({map_grid.UNPLACED})", params)
    placed = total - unplaced
    end = wanted.offset + wanted.limit
    distances = dict(_placed_nearest(db, query, wanted.near, min(end, placed)))
    ids = list(distances)[wanted.offset : end]
    found = _offers(db, ids, lang)
    if end > placed:  # the page reaches the offers without a position
        skip = max(0, wanted.offset - placed)
        order = offer_store.best_match_order(joins)
        rows = db.query(
            offer_store.select_sql(lang, joins)
            + f" WHERE {where} AND ({map_grid.UNPLACED}) ORDER BY {order} LIMIT ? OFFSET ?",
            [lang, *params, end - max(wanted.offset, placed), skip],
        )
        found += _decoded(db, rows, lang)
    for offer in found:
        offer["distance_m"] = distances.get(offer["id"])
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
    joins, where, params = offer_store.filter_sql(replace(query, bbox=_box(lat, lng, radius)))
    distance = distance_sql()
    return db.execute(
        f"SELECT offers.id, {distance} AS metres FROM offers {joins} WHERE {where}"
        " AND metres <= ? ORDER BY metres, offers.id LIMIT ?",
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


def _offers(db: Database, ids: list[int], lang) -> list[dict]:
    """The offers ``ids`` in that order."""
    rows = db.query(
        offer_store.select_sql(lang) + " WHERE offers.id IN (SELECT value FROM json_each(?))",
        [lang, json.dumps(ids)],
    )
    by_id = {offer["id"]: offer for offer in _decoded(db, rows, lang)}
    return [by_id[offer_id] for offer_id in ids]


def _decoded(db: Database, rows, lang) -> list[dict]:
    shape = offer_store.columns(db)
    return [offer_store.decode(row, lang, shape) for row in rows]


def distance_sql() -> str:
    """SQL: the great-circle distance in whole metres from (?, ?, ?) = lat, lat, lng."""
    half_chord = (
        "pow(sin(radians(offers.lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(offers.lat))"
        " * pow(sin(radians(offers.lng - ?) / 2), 2)"
    )
    return f"CAST(round(2 * {EARTH_RADIUS_M} * asin(min(1, sqrt({half_chord})))) AS INTEGER)"

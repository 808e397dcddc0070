"""The map's cell index stays true through every kind of change, /api/map revalidates by
ETag, and its offers lie in the bbox (half-open)."""

import re
from datetime import datetime
from pathlib import Path

import pytest
from samples import CENTRE_OFFER
from test_api_cache import cli_import, post, sql_by_hand

from refugee_map import store
from refugee_map.store import dialect, map_grid, offer_history, schema, translations
from refugee_map.store import offers as offer_store
from refugee_map.web import filters

MAP = "/api/map?bbox=7,51,8,52&zoom=12"
STORED = (
    "region_id, zoom, cx, cy, category, n, round(CAST(sum_lat AS NUMERIC), 9),"
    " round(CAST(sum_lng AS NUMERIC), 9), sum_id"
)  # numeric: PostgreSQL rounds no float


def cell_index(db) -> list:
    return sorted(db.execute(f"SELECT {STORED} FROM map_cells").fetchall())


def recounted(db) -> list:
    return sorted(
        db.execute(
            f"SELECT {STORED} FROM ({map_grid.counted_cells(dialect.of(db))}) AS counted"
        ).fetchall()
    )


# Each change may prepare (before the first look) and returns the change itself.


def create(db, _offer_id, _admin, _app):
    return lambda: offer_store.create_offer(
        db, {"category": "leisure", "title": "Neu", "lat": 51.52, "lng": 7.47,
             "status": "published"}, by="test",
    )  # fmt: skip


def move_pin(db, offer_id, _admin, _app):
    return lambda: offer_store.update_offer(db, offer_id, {"lat": 51.43, "lng": 7.62}, by="t")


def remove_pin(db, offer_id, _admin, _app):
    return lambda: offer_store.update_offer(db, offer_id, {"lat": None, "lng": None}, by="t")


def change_category(db, offer_id, _admin, _app):
    return lambda: offer_store.update_offer(db, offer_id, {"category": "education"}, by="t")


def archive(db, offer_id, _admin, _app):
    return lambda: offer_store.update_offer(db, offer_id, {"status": "archived"}, by="t")


def publish(db, offer_id, admin, app):
    archive(db, offer_id, admin, app)()
    return lambda: offer_store.update_offer(db, offer_id, {"status": "published"}, by="t")


def delete(_db, offer_id, admin, _app):
    return lambda: post(admin, f"/admin/offers/{offer_id}/delete")


def undelete(db, offer_id, admin, app):
    delete(db, offer_id, admin, app)()
    return lambda: post(admin, f"/admin/offers/{offer_id}/undelete")


def restore(db, offer_id, admin, app):
    created = offer_history.history(db, offer_id)[-1]
    move_pin(db, offer_id, admin, app)()
    return lambda: post(admin, f"/admin/offers/{offer_id}/restore/{created['id']}")


def import_file(_db, _offer_id, _admin, app):
    row = CENTRE_OFFER | {"title": "Importiert", "street": "Hohe Str. 5", "lat": "51.45"}
    return cli_import(app, row)


def hand_run_sql(_db, offer_id, _admin, app):
    return sql_by_hand(app, "UPDATE offers SET lng = lng + 0.1 WHERE id = ?", [offer_id])


def erase(_db, offer_id, _admin, app):
    return sql_by_hand(app, "DELETE FROM offers WHERE id = ?", [offer_id])


CHANGES = [create, move_pin, remove_pin, change_category, archive, publish, delete, undelete,
           restore, import_file, hand_run_sql, erase]  # fmt: skip


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_the_cell_index_and_the_etag_follow_every_change(
    app, db, client, admin, make_offer, change
):
    make_offer(lat="51.5", lng="7.45", category="education")
    offer_id = make_offer()["id"]
    act = change(db, offer_id, admin, app)
    before = client.get(MAP)
    again = client.get(MAP, headers={"If-None-Match": before.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    index = cell_index(db)
    act()
    assert cell_index(db) == recounted(db)
    assert cell_index(db) != index
    after = client.get(MAP, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]


def stored_before(migration: str, category: str, east_of: float, spacing: float, count: int):
    """A database with ``count`` published offers in a row from (51.5, ``east_of``),
    written before ``migration``, then migrated to the end."""
    db = store.connect(":memory:")
    with store.writing(db):
        schema.migrations.apply(db, stop_before=migration)
        for number in range(count):
            offer = {"category": category, "title": f"Angebot {number}", "lat": 51.5,
                     "lng": east_of + number * spacing, "status": "published"}  # fmt: skip
            offer_store.create_offer(db, offer, by="test")
        schema.apply(db)
    return db


def test_the_migration_counts_the_offers_already_stored():
    db = stored_before("m008_map_cells", "education", east_of=7.4, spacing=0.01, count=5)
    assert cell_index(db) == recounted(db)
    assert len(cell_index(db)) >= len(map_grid.STORED_ZOOMS)


def test_the_street_zoom_migration_counts_the_offers_already_stored():
    migration = "m011_street_zooms_and_search_counts"
    db = stored_before(migration, "leisure", east_of=7.46, spacing=0.001, count=3)
    zooms = [zoom for (zoom,) in db.execute("SELECT zoom FROM map_zoom_levels ORDER BY zoom")]
    assert zooms == list(map_grid.STORED_ZOOMS)
    assert cell_index(db) == recounted(db)
    assert {row[1] for row in cell_index(db)} >= {17, 18}


def test_the_maps_highest_zoom_is_counted_in_the_cell_index():
    tiles = Path(__file__).parents[1] / "refugee_map" / "static" / "js" / "map" / "tiles.js"
    (highest,) = re.findall(r"export const MAX_ZOOM = (\d+);", tiles.read_text())
    assert map_grid.STORED_ZOOMS[-1] == int(highest)


def test_the_answer_is_revalidated_and_names_the_query(client, make_offer):
    make_offer()
    first = client.get(MAP)
    assert first.headers["Cache-Control"] == "public, no-cache"
    assert first.headers["ETag"].startswith('W/"')
    for other in (MAP + "&category=counselling", MAP.replace("zoom=12", "zoom=13"),
                  MAP + "&lang=en", MAP + "&open_now=1", MAP + "&q=beratung"):  # fmt: skip
        response = client.get(other, headers={"If-None-Match": first.headers["ETag"]})
        assert response.status_code == 200, other
    reordered = client.get(MAP + "&category=education&category=counselling")
    same = client.get(MAP + "&category=counselling&category=education")
    assert reordered.headers["ETag"] == same.headers["ETag"]


def test_offers_on_the_east_or_north_edge_belong_to_the_next_view(client, make_offer):
    offer_id = make_offer(lat="51.5", lng="7.45")["id"]

    def shown(bbox):
        answer = client.get(f"/api/map?bbox={bbox}&zoom=16").json
        return [offer["id"] for offer in answer["offers"]]

    assert shown("7.4,51.4,7.45,51.6") == [] and shown("7.45,51.4,7.5,51.6") == [offer_id]
    assert shown("7.4,51.4,7.5,51.5") == [] and shown("7.4,51.5,7.5,51.6") == [offer_id]


def test_offers_are_titled_in_the_asked_language(client, db, make_offer):
    offer_id = make_offer()["id"]
    translations.set_translation(db, offer_id, "en", "Advice centre", "Advice", by="test")
    english = client.get(MAP + "&lang=en").json["offers"]
    german = client.get(MAP).json["offers"]
    assert [o["title"] for o in english + german] == ["Advice centre", "Beratung im Zentrum"]


def test_only_published_placed_offers_are_shown(client, db, make_offer):
    shown = make_offer()["id"]
    make_offer(status="draft")
    unplaced = {"category": "leisure", "title": "Ohne Ort", "status": "published"}
    offer_store.create_offer(db, unplaced, by="test")
    assert [offer["id"] for offer in client.get(MAP).json["offers"]] == [shown]


BAD_VIEWS = {
    "bbox": ("zoom=3", "bbox=1,2,3&zoom=3", "bbox=nan,51,8,52&zoom=3", "bbox=8,51,7,52&zoom=3",
             "bbox=7,51,8,inf&zoom=3", "bbox=7,51,8,1e999&zoom=3", "bbox=7,-91,8,52&zoom=3",
             "bbox=7,51,8,52,9&zoom=3", "bbox=a,b,c,d&zoom=3"),
    "zoom": ("bbox=7,51,8,52", "bbox=7,51,8,52&zoom=", "bbox=7,51,8,52&zoom=21",
             "bbox=7,51,8,52&zoom=99", "bbox=7,51,8,52&zoom=-1", "bbox=7,51,8,52&zoom=1.5",
             "bbox=7,51,8,52&zoom=nan", "bbox=7,51,8,52&zoom=1e3", "bbox=7,51,8,52&zoom=٣",
             "bbox=7,51,8,52&zoom=" + "9" * 40),
    "category": ("bbox=7,51,8,52&zoom=3&category=nope",),
    "lang": ("bbox=7,51,8,52&zoom=3&lang=xyz",),
}  # fmt: skip


@pytest.mark.parametrize(
    "field, args", [(field, args) for field, cases in BAD_VIEWS.items() for args in cases]
)
def test_bad_views_are_answered_400_naming_the_parameter(client, field, args):
    response = client.get(f"/api/map?{args}")
    assert response.status_code == 400, args
    assert response.json["field"] == field and response.json["error"]


def test_with_open_now_the_etag_names_the_minute(client, make_offer, monkeypatch):
    make_offer()
    moments = iter([datetime(2030, 1, 7, 11, 0, 5), datetime(2030, 1, 7, 11, 0, 55),
                    datetime(2030, 1, 7, 11, 1, 0)])  # fmt: skip

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return next(moments).replace(tzinfo=tz)

    monkeypatch.setattr(filters, "datetime", Clock)
    first, same_minute, next_minute = (client.get(MAP + "&open_now=1") for _ in range(3))
    assert first.headers["ETag"] == same_minute.headers["ETag"] != next_minute.headers["ETag"]

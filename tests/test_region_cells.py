"""Several regions served from stored counts, each with its own data version: ``map_cells``
per region equal a recount through every kind of change, a region's map reads its own cells
at every zoom (the network-wide one sums them), and one region's edit leaves another
region's ETags alone."""

import psycopg
import pytest
from samples import CENTRE_OFFER
from test_map_cells import cell_index, recounted
from test_postgres import app_context, pg_url  # noqa: F401 (fixtures)

from refugee_map import store
from refugee_map.domain import offers
from refugee_map.store import bulk, dialect, offer_filters, schema, schema_postgres, translations
from refugee_map.store import map_view as map_store
from refugee_map.store import offers as offer_store
from refugee_map.store import regions as region_store

pytest_plugins = ["regions_fixtures"]

DORTMUND, BOCHUM = 1, 2
WORLD = (-179.0, -80.0, 179.0, 80.0)


def new_offer(app, title: str, lat, lng, **fields) -> dict:
    with app.app_context():
        cleaned = offers.clean(CENTRE_OFFER | {"title": title})
    return cleaned | {"lat": lat, "lng": lng} | fields


@pytest.fixture
def placed(two_regions, db):
    """Two published offers in Dortmund, three in Bochum (two of them in Bochum-Mitte, one
    in another category): region -> their ids."""
    ids = {DORTMUND: [], BOCHUM: []}
    for region, title, lat, lng, category, district in (
        (DORTMUND, "Beratung Dortmund", 51.514, 7.465, "counselling", "Innenstadt-West"),
        (DORTMUND, "Kurs Dortmund", 51.52, 7.47, "education", "Innenstadt-West"),
        (BOCHUM, "Beratung Bochum", 51.48, 7.22, "counselling", "Bochum-Mitte"),
        (BOCHUM, "Kurs Bochum", 51.481, 7.221, "education", "Bochum-Mitte"),
        (BOCHUM, "Treff Bochum", 51.47, 7.12, "counselling", "Wattenscheid"),
    ):
        offer = new_offer(two_regions, title, lat, lng, category=category, district=district)
        created = offer_store.create_offer(db, offer, by="test", region=region)
        ids[region].append(created["id"])
    return ids


def shown(view: map_store.MapView) -> tuple[int, set[int]]:
    """How many offers a view shows (clusters and single offers) and the single ones."""
    single = {offer["id"] for offer in view.offers}
    return sum(cluster["count"] for cluster in view.clusters) + len(single), single


# Each change: (the region whose version must move, the other one's too?), the change.


def edit(db, ids):
    offer_store.update_offer(db, ids[DORTMUND][0], {"title": "Neu"}, by="t")


def move_pin(db, ids):
    offer_store.update_offer(db, ids[DORTMUND][0], {"lat": 51.5, "lng": 7.4}, by="t")


def translate(db, ids):
    translations.set_translation(db, ids[DORTMUND][0], "en", "Advice", "", by="t")


def archive(db, ids):
    offer_store.update_offer(db, ids[DORTMUND][1], {"status": "archived"}, by="t")


def move_to_bochum(db, ids):
    with store.writing(db):
        db.execute("UPDATE offers SET region_id = ? WHERE id = ?", [BOCHUM, ids[DORTMUND][0]])


def erase(db, ids):
    with store.writing(db):
        db.execute("DELETE FROM offers WHERE id = ?", [ids[DORTMUND][1]])


def create_many(db, _ids):
    """An import of a bulk's size: its triggers paused, the versions moved once."""
    row = CENTRE_OFFER | {"lat": 51.51, "lng": 7.46, "status": "published"}
    rows = [row | {"title": f"Angebot {number}"} for number in range(bulk.BULK_ROWS)]
    offer_store.create_offers(db, rows, by="t", region=DORTMUND)


CHANGES = [edit, move_pin, translate, archive, move_to_bochum, erase, create_many]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_change_moves_its_regions_version_and_keeps_the_cells_by_region(db, placed, change):
    before = {region: store.data_version(db, region) for region in (None, DORTMUND, BOCHUM)}
    assert all(before.values())
    change(db, placed)
    after = {region: store.data_version(db, region) for region in (None, DORTMUND, BOCHUM)}
    assert after[None] != before[None] and after[DORTMUND] != before[DORTMUND]
    assert (after[BOCHUM] != before[BOCHUM]) == (change is move_to_bochum)
    assert cell_index(db) == recounted(db)
    assert {row[0] for row in cell_index(db)} == {DORTMUND, BOCHUM}


def test_a_regions_map_reads_its_own_cells_at_every_zoom(db, placed):
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    for zoom in range(0, 21):
        for region, ids in placed.items():
            query = offer_store.OfferQuery(region=region)
            count, single = shown(map_store.map_view(db, WORLD, zoom, query))
            assert count == len(ids) and single <= set(ids), (zoom, region)
    db.conn.set_trace_callback(None)
    assert statements and not [sql for sql in statements if "GROUP BY" in sql]


def crowd(db, region: int, category: str, lat: float, lng: float) -> None:
    """More offers at one place than a view shows one by one: clusters."""
    row = CENTRE_OFFER | {"category": category, "lat": lat, "lng": lng, "status": "published"}
    rows = [row | {"title": f"Angebot {n}"} for n in range(map_store.FEW_OFFERS)]
    offer_store.create_offers(db, rows, by="t", region=region)


def test_clusters_count_a_regions_categories_and_the_network_sums_them(db, placed):
    crowd(db, DORTMUND, "education", 51.52, 7.47)
    crowd(db, BOCHUM, "leisure", 51.48, 7.22)
    counts = {
        DORTMUND: {"counselling": 1, "education": 101},
        BOCHUM: {"counselling": 2, "education": 1, "leisure": 100},
        None: {"counselling": 3, "education": 102, "leisure": 100},
    }
    for region, categories in counts.items():
        view = map_store.map_view(db, WORLD, 3, offer_store.OfferQuery(region=region))
        assert [cluster["categories"] for cluster in view.clusters] == [categories]
    chosen = offer_store.OfferQuery(region=BOCHUM, categories=("counselling", "leisure"))
    [cluster] = map_store.map_view(db, WORLD, 3, chosen).clusters
    assert cluster["categories"] == {"counselling": 2, "leisure": 100}
    assert cell_index(db) == recounted(db)


def test_other_filters_group_a_regions_offers_on_the_fly(db, placed):
    query = offer_store.OfferQuery(region=BOCHUM, district="Bochum-Mitte")
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    count, _ = shown(map_store.map_view(db, WORLD, 3, query))
    db.conn.set_trace_callback(None)
    assert count == len(offer_store.find_offers(db, query)) == 2 and [
        sql for sql in statements if "GROUP BY" in sql
    ]


@pytest.mark.parametrize("zoom", [0, 3, 8, 12, 18])
def test_the_network_wide_map_sums_the_regions_cells(db, placed, zoom):
    everyone = map_store.map_view(db, WORLD, zoom, offer_store.OfferQuery())
    count, single = shown(everyone)
    assert count == 5 and single == {*placed[DORTMUND], *placed[BOCHUM]}


def test_the_counts_of_a_regions_list_come_from_its_cells(two_regions, db, placed):
    unplaced = new_offer(two_regions, "Ohne Ort", None, None)
    offer_store.create_offer(db, unplaced, by="test", region=BOCHUM)
    expected = {DORTMUND: 2, BOCHUM: 4, None: 6}
    for region, count in expected.items():
        query = offer_store.OfferQuery(region=region)
        assert map_store.category_only_count(db, query) == count
        assert offer_filters.count_query(db, query) == count


MAP = "/api/map?bbox=7,51,8,52&zoom=12"
ANSWERS = [MAP, MAP + "&category=counselling", "/api/offers", "/ogc/collections/offers/items"]


def etags(client, path: str) -> dict:
    """The ETag of ``path`` in each region."""
    answers = {DORTMUND: client.get(path), BOCHUM: client.get(f"/bochum{path}")}
    assert all(answer.status_code == 200 for answer in answers.values())
    return {region: answer.headers["ETag"] for region, answer in answers.items()}


def revalidated(client, path: str, region: int, etag: str) -> int:
    prefix = "/bochum" if region == BOCHUM else ""
    return client.get(prefix + path, headers={"If-None-Match": etag}).status_code


@pytest.mark.parametrize("path", ANSWERS)
@pytest.mark.parametrize("edited", [DORTMUND, BOCHUM])
def test_an_edit_in_one_region_leaves_the_other_regions_etags_alone(
    two_regions, db, placed, path, edited
):
    client = two_regions.test_client()
    before = etags(client, path)
    offer_store.update_offer(db, placed[edited][0], {"title": "Neuer Titel"}, by="t")
    other = BOCHUM if edited == DORTMUND else DORTMUND
    assert revalidated(client, path, other, before[other]) == 304
    assert revalidated(client, path, edited, before[edited]) == 200
    assert etags(client, path)[edited] != before[edited]


def test_with_one_region_the_etag_follows_every_change(app, client, db, make_offer):
    offer_id = make_offer()["id"]
    before = client.get(MAP).headers["ETag"]
    assert before.startswith(f'W/"{store.data_version(db)}-')
    offer_store.update_offer(db, offer_id, {"title": "Neu"}, by="t")
    assert client.get(MAP, headers={"If-None-Match": before}).status_code == 200


def test_on_postgresql_the_notification_names_the_changed_regions(pg_url, app_context):  # noqa: F811
    listener = psycopg.connect(pg_url, autocommit=True)
    listener.execute(f"LISTEN {schema_postgres.DATA_VERSION_CHANNEL}")
    db = store.connect(pg_url)
    region_store.add_region(db, {"slug": "bochum"})
    offer = CENTRE_OFFER | {"lat": 51.51, "lng": 7.46, "status": "published"}
    offer_store.create_offers(db, [offer], by="t", region=BOCHUM)
    move_to_bochum(db, {DORTMUND: [offer_store.create_offer(db, offer, by="t")["id"]]})
    offer_store.create_offers(db, [offer] * bulk.BULK_ROWS, by="t", region=BOCHUM)
    payloads = [note.payload for note in listener.notifies(timeout=5, stop_after=4)]
    listener.close()
    db.close()
    assert [set(payload.split(",")) for payload in payloads] == [{"2"}, {"1"}, {"1", "2"}, {"2"}]


def test_the_migration_counts_the_offers_already_stored_per_region():
    db = store.connect(":memory:")
    with store.writing(db):
        schema.migrations.apply(db, stop_before="m016_map_cells_and_data_versions_per_region")
        region_store.add_region(db, {"slug": "bochum"})
        offer = CENTRE_OFFER | {"lat": 51.51, "lng": 7.46, "status": "published"}
        for region in (DORTMUND, BOCHUM, BOCHUM):
            offer_store.create_offers(db, [offer], by="test", region=region)
        schema.apply(db)
    assert cell_index(db) == recounted(db)
    assert {(row[0], row[5]) for row in cell_index(db)} == {(DORTMUND, 1), (BOCHUM, 2)}
    before = store.data_version(db, DORTMUND)
    offer_store.create_offers(db, [offer], by="test", region=BOCHUM)
    assert store.data_version(db, DORTMUND) == before and store.data_version(db, BOCHUM)


def test_a_regions_view_on_sqlite_narrows_through_the_rtree_not_the_regions_index():
    """Not every offer of the region read and checked against the R*Tree (16 ms instead of
    0.5 ms for a phone's view at 10,000 offers)."""
    db = store.connect(":memory:")
    store.init(db)
    query = offer_store.OfferQuery(region=BOCHUM, bbox=(7.2, 51.4, 7.3, 51.5))
    joins, where, params = offer_filters.filter_sql(query, dialect.SQLITE)
    plan = db.execute(f"EXPLAIN QUERY PLAN SELECT offers.id FROM offers {joins} WHERE {where}",
                      params).fetchall()  # fmt: skip
    assert "offers_region" not in str(plan) and "offers_rtree" in str(plan)

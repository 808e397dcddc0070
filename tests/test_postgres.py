"""The store on PostgreSQL + PostGIS (a throw-away cluster, tests/pg_cluster.py) next to
SQLite: the engine follows the ``DB`` setting, the migrations run, and an offer's life and
the map's answers are the same on both engines."""

from uuid import uuid4

import psycopg
import pytest
from click.testing import CliRunner
from map_data import app_with_offers
from pg_cluster import free_port
from pg_databases import PREFIX
from regions_support import write_region_folder
from samples import CENTRE_OFFER

from refugee_map import create_app, store
from refugee_map.cli import main
from refugee_map.domain import offers
from refugee_map.store import dialect, map_grid, schema, schema_postgres
from refugee_map.store import offers as offer_store


@pytest.fixture
def pg_url(request, pg_databases) -> str:
    """The URL of an empty migrated database of its own."""
    return pg_databases.fresh(request.node.nodeid)


@pytest.fixture
def database(new_database) -> str:
    """A fresh migrated database on the run's engine (``--engine``): a file path or a URL."""
    location = new_database("test.db")
    db = store.connect(location)
    store.init(db)
    db.close()
    return location


def new_offer(**fields) -> dict:
    return offers.clean(CENTRE_OFFER | fields)


def test_a_url_selects_postgresql_and_a_path_sqlite(pg_url, tmp_path):
    assert dialect.of(store.connect(pg_url)) is dialect.POSTGRES
    assert dialect.of(store.connect(tmp_path / "x.db")) is dialect.SQLITE


def test_the_migrations_run_once_on_postgresql(pg_url):
    db = store.connect(pg_url)
    store.init(db)  # again: nothing left to do
    ported = schema_postgres.migrations.names
    assert schema_postgres.migrations.applied(db) == ported
    assert ported == [migration.name for migration in schema.migrations._migrations]  # in order
    assert store.data_version(db)


def test_an_offer_is_created_read_and_edited_with_its_history(database, app_context):
    db = store.connect(database)
    created = offer_store.create_offer(db, new_offer(languages="de ar"), by="test")
    assert offer_store.get_offer(db, created["id"]) == created
    assert created["languages"] == ["de", "ar"] and created["free_of_charge"] is False
    edited = offer_store.update_offer(
        db, created["id"], {"title": "Neu"}, by="editor", expected_version=1
    )
    assert (edited["title"], edited["version"]) == ("Neu", 2)
    with pytest.raises(offer_store.VersionConflict):
        offer_store.update_offer(db, created["id"], {"title": "Alt"}, by="x", expected_version=1)
    actions = [row["action"] for row in db.query("SELECT action FROM offer_history")]
    assert actions == ["create", "edit"]


@pytest.fixture
def app_context():
    with create_app({"TESTING": True, "SECRET_KEY": "test"}).app_context():
        yield


def test_an_edit_moves_the_data_version_and_the_map_cells(database, app_context):
    db = store.connect(database)
    before = store.data_version(db)
    offer = offer_store.create_offer(db, new_offer(), by="test")
    moved = store.data_version(db)
    offer_store.update_offer(db, offer["id"], {"lat": 51.45, "lng": 7.40}, by="test")
    assert len({before, moved, store.data_version(db)}) == 3
    counted = sorted(db.execute(map_grid.counted_cells(dialect.of(db))).fetchall())
    stored = sorted(db.execute("SELECT * FROM map_cells").fetchall())
    assert [tuple(row) for row in stored] == [tuple(row) for row in counted]
    assert len(stored) == len(map_grid.STORED_ZOOMS)


def test_a_write_that_cannot_wait_is_busy_while_another_writes(pg_url):
    holder, other = store.connect(pg_url), store.connect(pg_url)
    with store.writing(holder), pytest.raises(store.Busy), store.writing(other, wait=False):
        pass
    with store.writing(other, wait=False):
        other.execute("DELETE FROM geocode_cache")


# --- the map's answers: the same on both engines ---------------------------------------

OFFERS = 200
VIEWS = [
    "bbox=7.0,51.0,8.0,52.0&zoom=8",
    "bbox=7.29,51.41,7.64,51.60&zoom=11",
    "bbox=7.29,51.41,7.64,51.60&zoom=11&category=education",
    "bbox=7.29,51.41,7.64,51.60&zoom=12&volunteers_wanted=1",
    "bbox=7.44,51.50,7.48,51.53&zoom=15",
    "bbox=7.44,51.50,7.48,51.53&zoom=19",
]


@pytest.fixture(scope="module")
def clients(pg_databases, tmp_path_factory):
    """Test clients of two apps over the same synthetic offers, on SQLite and PostgreSQL."""
    url = pg_databases.lasting("map_views")
    path = tmp_path_factory.mktemp("map") / "map.db"
    yield [app_with_offers(database, OFFERS).test_client() for database in (path, url)]
    pg_databases.drop([url])


@pytest.mark.parametrize("view", VIEWS)
def test_the_map_shows_the_same_on_both_engines(clients, view):
    on_sqlite, on_postgresql = (client.get(f"/api/map?{view}") for client in clients)
    assert on_sqlite.status_code == on_postgresql.status_code == 200
    assert on_postgresql.json == on_sqlite.json
    assert on_postgresql.json["clusters"] or on_postgresql.json["offers"]


PAGES = [
    "limit=30",
    "limit=30&offset=10&category=education",
    "limit=20&offset=10&near=51.5142,7.4652",
    "limit=10&district=Innenstadt-Nord&volunteers_wanted=1",
]


@pytest.mark.parametrize("wanted", PAGES)  # not "page": pytest-playwright's fixture
def test_the_list_pages_are_the_same_on_both_engines(clients, wanted):
    on_sqlite, on_postgresql = (client.get(f"/api/offers?{wanted}") for client in clients)
    assert on_sqlite.status_code == on_postgresql.status_code == 200
    assert on_postgresql.json == on_sqlite.json
    assert on_postgresql.json["features"]


def test_the_map_answers_not_modified_until_the_data_changes(pg_url):
    client = create_app({"TESTING": True, "DB": pg_url, "SECRET_KEY": "test"}).test_client()
    view = "/api/map?bbox=7.29,51.41,7.64,51.60&zoom=12"
    first = client.get(view)
    assert client.get(view, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    with client.application.app_context():
        offer_store.create_offer(store.connect(pg_url), new_offer(), by="test")
    changed = client.get(view, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert [offer["title"] for offer in changed.json["offers"]] == [CENTRE_OFFER["title"]]


def test_a_view_on_postgresql_finds_its_offers_through_the_gist_index(pg_url, app_context):
    db = store.connect(pg_url)
    across_germany = [new_offer(lat=f"{47.5 + row / 2}", lng=f"{6 + column / 2}")
                      for row in range(15) for column in range(15)]  # fmt: skip
    offer_store.create_offers(db, across_germany, by="test")
    db.execute("ANALYZE offers")  # the plan from these rows, not from an earlier test's
    joins, where, params = offer_store.filter_sql(
        offer_store.OfferQuery(bbox=(7.4, 51.5, 7.5, 51.6)), dialect.POSTGRES
    )
    db.execute("SET enable_seqscan = off")  # a small table: ask for an index's plan
    plan = db.execute(f"EXPLAIN SELECT offers.id FROM offers {joins} WHERE {where}", params)
    assert "offers_point" in " ".join(row[0] for row in plan)


def test_an_edit_on_the_primary_reaches_a_streaming_replica(pg_cluster, pg_url):
    """The ground for public reads from a replica (REFUGEE_MAP_DB_READ, PG15-plan.md)."""
    replica = pg_cluster.start_replica()
    try:
        primary = store.connect(pg_url)
        with create_app({"TESTING": True, "SECRET_KEY": "test"}).app_context():
            offer = offer_store.create_offer(primary, new_offer(), by="test")
        position = primary.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
        reader = store.connect(replica.url(pg_url.rsplit("/", 1)[1]))
        replayed = "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), ?) >= 0"
        while not reader.execute(replayed, [position]).fetchone()[0]:
            reader.execute("SELECT pg_sleep(0.01)")
        assert offer_store.get_offer(reader, offer["id"]) == offer
        assert store.data_version(reader) == store.data_version(primary)
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction), store.writing(reader):
            reader.execute("DELETE FROM offers")
    finally:
        replica.stop()


def test_backup_points_to_pg_dump_instead_of_copying_a_file(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REFUGEE_MAP_DB", pg_url)
    monkeypatch.setenv("REFUGEE_MAP_SECRET_KEY", "test")
    result = CliRunner().invoke(main, ["backup", str(tmp_path / "copy.db")])
    assert result.exit_code == 1 and "pg_dump --format=custom" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_database_without_postgis_or_out_of_reach_is_one_clear_line(pg_cluster, monkeypatch):
    monkeypatch.setenv("REFUGEE_MAP_SECRET_KEY", "test")
    bare = pg_cluster.create_database(f"{PREFIX}_bare_{uuid4().hex[:12]}", template="template0")
    unreachable = f"postgresql://postgres@127.0.0.1:{free_port()}/map"
    for url, said in ((bare, "CREATE EXTENSION postgis;"), (unreachable, "cannot connect")):
        monkeypatch.setenv("REFUGEE_MAP_DB", url)
        result = CliRunner().invoke(main, ["init"])
        assert result.exit_code == 1 and said in result.output
        assert "Traceback" not in result.output
    tables = pg_cluster.sql(
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", bare.rsplit("/", 1)[1]
    )
    assert tables.strip() == "0"  # nothing half-made


def test_a_database_out_of_reach_is_503_to_try_again_on_pages_and_the_api():
    gone = f"postgresql://postgres@127.0.0.1:{free_port()}/map"
    client = create_app({"DB": gone, "SECRET_KEY": "test"}).test_client()
    for path in ("/list", "/offers/1", "/api/offers"):
        answer = client.get(path, headers={"Accept-Language": "de"})
        assert (answer.status_code, answer.headers["Retry-After"]) == (503, "30"), path
    assert "Etwas ist schiefgegangen" in client.get("/list").get_data(as_text=True)
    assert client.get("/api/offers").json["error"].startswith("Der Dienst ist gerade nicht")


def test_a_region_added_is_served_with_its_own_offers_on_both_engines(database, tmp_path):
    folder = write_region_folder(tmp_path / "bochum")
    env = {"REFUGEE_MAP_DB": database, "REFUGEE_MAP_SECRET_KEY": "test"}
    added = CliRunner().invoke(main, ["region", "add", "bochum", "--from", str(folder)], env=env)
    assert added.exit_code == 0, added.output
    listed = CliRunner().invoke(main, ["region", "list"], env=env).output.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["dortmund", "bochum"]
    client = create_app({"TESTING": True, "DB": database, "SECRET_KEY": "test"}).test_client()
    features = client.get("/bochum/api/districts").get_json()["features"]
    assert sorted(f["properties"]["name"] for f in features) == ["Bochum-Mitte", "Wattenscheid"]
    assert len(client.get("/api/districts").get_json()["features"]) == 12  # Dortmund's
    db = store.connect(database)
    with create_app({"TESTING": True, "SECRET_KEY": "test"}).app_context():
        offer_store.create_offer(db, new_offer(title="In Dortmund"), by="test")
        offer_store.create_offer(db, new_offer(title="In Bochum"), by="test", region=2)
    for prefix, title in (("", "In Dortmund"), ("/bochum", "In Bochum")):
        listed = client.get(f"{prefix}/api/offers").get_json()["features"]
        assert [feature["properties"]["title"] for feature in listed] == [title]
        view = client.get(f"{prefix}/api/map?bbox=-179,-80,179,80&zoom=3").get_json()
        assert [offer["title"] for offer in view["offers"]] == [title] and view["clusters"] == []

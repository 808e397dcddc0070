"""The web requests' PostgreSQL connections come from one pool per process and database
(store/postgres_pool.py): reused, given back clean, replaced when the server dropped them,
traced by the write guard like a new one; SQLite keeps one connection per request."""

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from uuid import uuid4

import pytest
from pg_cluster import free_port
from pg_databases import HARNESS, PREFIX
from test_postgres import pg_url  # noqa: F401  (a fixture)
from write_guard import as_if_in_the_app

from refugee_map import create_app, store, web
from refugee_map.store import postgres_pool

VIEW = "/api/map?bbox=7.29,51.41,7.64,51.60&zoom=11"
SIZE = 3


@pytest.fixture(autouse=True)
def fresh_pools():
    """No pool from another test; none left behind for the next."""
    postgres_pool.close_all()
    yield
    postgres_pool.close_all()


@pytest.fixture
def pg_app(pg_url):  # noqa: F811
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DB": pg_url, "DB_POOL_SIZE": SIZE})


@pytest.fixture
def backends(monkeypatch) -> list[int]:
    """The server process (``pg_backend_pid``) of every connection the app takes from now on."""
    pids, connect = [], store.connect

    def recording(database, **settings):
        db = connect(database, **settings)
        pids.append(db.execute("SELECT pg_backend_pid()").fetchone()[0])
        return db

    monkeypatch.setattr(store, "connect", recording)
    return pids


def sessions_of(app) -> int:
    """The app's connections the server holds now (not this one, nor the test harness's)."""
    db = store.connect(app.config["DB"])
    query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
    others = " AND pid <> pg_backend_pid() AND application_name <> ?"
    count = db.execute(query + others, [HARNESS]).fetchone()[0]
    db.close()
    return count


def test_many_requests_reuse_a_few_connections(pg_app, backends):
    client = pg_app.test_client()
    client.get(VIEW)  # the process reads its regions once, on a connection of its own
    backends.clear()
    for route in [VIEW, "/healthz", "/api/offers?limit=5", "/admin/login"] * 5:
        assert client.get(route).status_code == 200, route
    assert len(backends) == 20 and len(set(backends)) <= SIZE
    assert 1 <= sessions_of(pg_app) <= SIZE


def test_concurrent_requests_share_at_most_the_pools_connections(pg_app):
    failures = []

    def ask() -> None:
        client = pg_app.test_client()
        failures.extend(r for r in (client.get(VIEW) for _ in range(10)) if r.status_code != 200)

    threads = [threading.Thread(target=ask) for _ in range(2 * SIZE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert 1 <= sessions_of(pg_app) <= SIZE


def test_a_request_that_failed_mid_write_leaves_no_transaction_for_the_next(pg_app, backends):
    with pg_app.app_context():
        db = web.get_db()
        db.begin_writing(wait=True)  # holds the write lock, as store.writing does
        db.conn.raw.execute("INSERT INTO meta (key, value) VALUES ('half', 'written')")
    for _ in range(SIZE):  # every connection of the pool, the one given back among them
        with pg_app.app_context():
            db = web.get_db()
            assert not db.conn.in_transaction
            assert store.get_meta(db, "half") is None
            with store.writing(db, wait=False):  # the write lock was let go
                store.set_meta(db, "whole", "written")
    assert len(set(backends)) < len(backends)  # connections were reused


def test_a_connection_the_server_dropped_is_replaced_unnoticed(pg_app, backends):
    client = pg_app.test_client()
    assert client.get("/healthz").status_code == 200
    dropped = backends[-1]
    killer = store.connect(pg_app.config["DB"])
    killer.execute("SELECT pg_terminate_backend(?::integer, 10000)", [dropped])
    backends.clear()
    assert client.get(VIEW).status_code == 200
    assert client.get("/healthz").json["status"] == "ok"
    assert dropped not in backends


@as_if_in_the_app
def stray_insert(db) -> None:
    db["meta"].insert({"key": "stray", "value": "1"})


def test_the_write_guard_sees_a_write_on_a_reused_connection(
    pg_app, backends, every_write_goes_through_store_writing
):
    guard = every_write_goes_through_store_writing
    for _ in range(SIZE):
        with pg_app.app_context():
            web.get_db()
    with pg_app.app_context():
        stray_insert(web.get_db())  # outside store.writing
    assert len(set(backends)) < len(backends)
    assert len(guard.stray_writes) == 1  # seen once: no tracer of an earlier request left
    guard.stray_writes.clear()


def test_a_database_out_of_reach_is_unusable_not_a_pool_timeout():
    gone = f"postgresql://postgres@127.0.0.1:{free_port()}/gone"
    with pytest.raises(store.Unusable, match="cannot connect to PostgreSQL"):
        store.connect(gone, pool_size=SIZE)


def test_while_a_database_is_out_of_reach_requests_skip_the_pool_until_it_is_back(
    pg_cluster, monkeypatch
):
    asked, getconn = [], postgres_pool.ConnectionPool.getconn
    monkeypatch.setattr(
        postgres_pool.ConnectionPool, "getconn", lambda *a, **k: asked.append(1) or getconn(*a, **k)
    )
    name = f"{PREFIX}_late_{uuid4().hex[:12]}"
    late = pg_cluster.url(name)  # no such database yet
    for _ in range(3):
        with pytest.raises(store.Unusable, match=f'database "{name}" does not exist'):
            store.connect(late, pool_size=SIZE)
    assert len(asked) == 1  # only the first request waited for the pool
    pg_cluster.create_database(name)
    store.connect(late, pool_size=SIZE).close()  # its own connection: the database is back
    assert len(asked) == 1
    pooled = store.connect(late, pool_size=SIZE)
    assert pooled.execute("SELECT 1").fetchone()[0] == 1 and len(asked) == 2  # the pool again
    pooled.close()


@pytest.mark.sqlite_only("SQLite's connections, which no pool keeps")
def test_sqlite_keeps_one_connection_per_request(client, monkeypatch):
    opened, connect = [], store.connect

    def recording(database, **settings):
        opened.append(connect(database, **settings))
        return opened[-1]

    monkeypatch.setattr(store, "connect", recording)
    for _ in range(2):
        assert client.get("/healthz").status_code == 200
    assert len(opened) == 2 and opened[0].conn is not opened[1].conn
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[0].execute("SELECT 1")


def test_an_sqlite_install_loads_neither_psycopg_nor_its_pool(tmp_path):
    script = (
        "import sys\n"
        "from refugee_map import create_app\n"
        f"app = create_app({{'DB': {str(tmp_path / 'x.db')!r}, 'SECRET_KEY': 'x'}})\n"
        "from refugee_map import store\n"
        "store.init(store.connect(app.config['DB']))\n"
        "assert app.test_client().get('/healthz').status_code == 200\n"
        "print(sorted(name for name in sys.modules if name.startswith('psycopg')))\n"
    )
    root = Path(__file__).parent.parent  # this checkout's refugee_map
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert ran.stdout.strip() == "[]"

"""The engine a test run's store databases live on: ``--engine=sqlite`` (the default: files
in the test's folder) or ``--engine=postgresql`` (databases on one throw-away cluster per
run, see pg_databases). conftest imports these hooks and fixtures.

Which tests a run selects, from markers set here by the fixtures a test uses:
- ``store``: the test uses a store database (``app``, ``db``, ``new_database``…): it runs
  on both engines;
- ``cluster``: the test uses the PostgreSQL cluster itself (``pg_cluster``): PostgreSQL run;
- ``sqlite_only(reason)``: about SQLite itself (WAL, PRAGMA, its file): SQLite run only;
- ``both_engines``: set by hand on the few browser tests that also run on PostgreSQL.
Everything else (templates, JS, i18n, parsing, most browser tests) runs in the SQLite
run only: it does not depend on the engine.
"""

import os
import tempfile
from pathlib import Path

import pytest
from pg_cluster import Cluster
from pg_cluster import start as start_cluster
from pg_databases import (
    CLUSTER_DIR,
    Databases,
    cluster_of_this_run,
    drop_this_runs,
    make_template,
)

STORE_FIXTURES = {"app", "db", "client", "admin", "editor", "make_offer", "fresh_db",
                  "new_database", "lasting_database"}  # fmt: skip
CLUSTER_FIXTURES = {"pg_cluster", "pg_databases"}
MARKERS = (
    "store: uses a store database; runs on both engines (set from the fixtures it uses)",
    "cluster: uses the PostgreSQL cluster itself; runs with --engine=postgresql only",
    "sqlite_only(reason): about SQLite itself; not run with --engine=postgresql",
    "both_engines: a browser test that runs on PostgreSQL too",
)


def pytest_addoption(parser):
    parser.addoption("--engine", choices=("sqlite", "postgresql"), default="sqlite",
                     help="the engine of the store's test databases (default: sqlite)")  # fmt: skip


def on_postgresql(config) -> bool:
    return config.getoption("engine") == "postgresql"


def configure(config) -> None:
    """Markers; on PostgreSQL the controlling process also makes sure a cluster runs (the
    one ``REFUGEE_MAP_TEST_PG_DIR`` names, else its own) and migrates the template."""
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    if not on_postgresql(config):
        return
    os.environ.setdefault("REFUGEE_MAP_SECRET_KEY", "test")  # a URL needs one (commands too)
    if hasattr(config, "workerinput"):
        return  # the test processes of pytest-xdist inherit the cluster's folder
    if CLUSTER_DIR not in os.environ:
        cluster = start_cluster(Path(tempfile.mkdtemp(prefix="refugee-map-pg-")))
        config.stash[_OWN_CLUSTER] = cluster
        os.environ[CLUSTER_DIR] = str(cluster.folder)
    make_template(cluster_of_this_run())


_OWN_CLUSTER = pytest.StashKey[Cluster]()


def pytest_unconfigure(config):
    """The controlling process stops its own cluster, or drops its databases on another."""
    if not on_postgresql(config) or hasattr(config, "workerinput"):
        return
    cluster = config.stash.get(_OWN_CLUSTER, None)
    if cluster is not None:
        cluster.stop()
    else:
        drop_this_runs(cluster_of_this_run())


def pytest_collection_modifyitems(config, items):
    """Mark each test by the fixtures it uses, then keep the tests of this run's engine."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & STORE_FIXTURES:
            item.add_marker("store")
        if used & CLUSTER_FIXTURES:
            item.add_marker("cluster")
    runs = _runs_on_postgresql if on_postgresql(config) else _runs_on_sqlite
    kept = [item for item in items if runs(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not runs(item)])
        items[:] = kept


def _runs_on_sqlite(item) -> bool:
    return not item.get_closest_marker("cluster")


def _runs_on_postgresql(item) -> bool:
    if item.get_closest_marker("sqlite_only"):
        return False
    if item.get_closest_marker("browser"):
        return bool(item.get_closest_marker("both_engines"))
    return any(item.get_closest_marker(name) for name in ("store", "cluster", "both_engines"))


def pytest_report_header(config):
    if on_postgresql(config):
        return "engine: postgresql (tests that use the store, on a throw-away cluster)"
    return "engine: sqlite (tests of the PostgreSQL cluster run with --engine=postgresql)"


@pytest.fixture(scope="session")
def pg_cluster():
    """The run's PostgreSQL cluster (``--engine=postgresql`` only)."""
    return cluster_of_this_run()


@pytest.fixture(scope="session")
def pg_databases(pytestconfig):
    """This test process's PostgreSQL databases (``--engine=postgresql`` only)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return Databases(cluster_of_this_run(), worker)


def fresh_database(request) -> str:
    """The URL of an empty migrated PostgreSQL database for the running test."""
    return request.getfixturevalue("pg_databases").fresh(request.node.nodeid)


@pytest.fixture(scope="module")
def lasting_database(request, tmp_path_factory):
    """``lasting_database(name)``: a database for a module's fixtures (an app over many
    offers): on SQLite a file in a new folder, on PostgreSQL an empty migrated one, dropped
    after the module (a streaming replica's start copies every database of the cluster)."""
    if not on_postgresql(request.config):
        yield lambda name: str(tmp_path_factory.mktemp(name) / f"{name}.db")
        return
    databases, made = request.getfixturevalue("pg_databases"), []

    def lasting(name: str) -> str:
        made.append(databases.lasting(name))
        return made[-1]

    yield lasting
    databases.drop(made)


@pytest.fixture
def new_database(request, tmp_path):
    """``new_database(name)``: where a test keeps a database of its own besides ``app``'s —
    on SQLite the file ``name`` in its folder (made when first opened), on PostgreSQL the
    URL of an empty migrated database."""
    if on_postgresql(request.config):
        return lambda name="": fresh_database(request)
    return lambda name: str(tmp_path / name)

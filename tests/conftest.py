"""Shared fixtures: an app over a fresh temporary database built by the real schema, and
back-office clients signed in to it."""

import os
import shutil
import tempfile
from pathlib import Path

import compiled_once
import engines
import pytest
from admin_support import ADMIN_EMAIL, EDITOR_EMAIL, FAST_HASHING, signed_in
from engines import (  # noqa: F401  (the --engine option, its markers and fixtures)
    lasting_database,
    new_database,
    pg_cluster,
    pg_databases,
    pytest_addoption,
    pytest_collection_modifyitems,
    pytest_report_header,
    pytest_unconfigure,
)
from samples import CENTRE_OFFER
from write_guard import WriteGuard

from refugee_map import create_app, store
from refugee_map.domain import offers
from refugee_map.store import dialect, schema, schema_postgres
from refugee_map.store import offers as offer_store

# Debian's Chromium, which Playwright cannot find by itself (no browser download here).
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# The tests commit to SQLite tens of thousands of times, and on a disk every commit waits for
# it (fsync: some 7 ms here, 0.1 ms in memory). A RAM disk this big holds a run's folders;
# pytest makes its folders there as anywhere, private to the user (0700, owner checked).
RAM_DISK, RAM_DISK_NEEDED = Path("/dev/shm"), 2 * 1024**3  # noqa: S108


def pytest_configure(config):
    compiled_once.compile_each_once()
    engines.configure(config)
    if config.option.basetemp is None and "PYTEST_DEBUG_TEMPROOT" not in os.environ:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(temporary_root())


def temporary_root() -> Path:
    """Where tmp_path and tmp_path_factory make their folders: the RAM disk if there is
    one with room, else the system's temporary folder."""
    writable = RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK)
    if writable and shutil.disk_usage(RAM_DISK).free >= RAM_DISK_NEEDED:
        return RAM_DISK
    return Path(tempfile.gettempdir())


@pytest.fixture(autouse=True)
def every_write_goes_through_store_writing(monkeypatch):
    """Fail a test in which the app wrote outside ``store.writing`` (see write_guard)."""
    guard = WriteGuard()
    monkeypatch.setattr(store, "connect", guard.connect(store.connect))
    yield guard
    assert not guard.stray_writes, f"writes outside store.writing: {guard.stray_writes}"


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory) -> Path:
    """An empty database built by the real migrations, once per test process."""
    path = tmp_path_factory.mktemp("migrated") / "empty.db"
    db = store.connect(path)
    store.init(db)
    db.close()  # the last connection: its WAL is checkpointed into the file
    return path


@pytest.fixture
def app(request, tmp_path):
    """An app over a fresh migrated database: its own copy of ``migrated_db`` (copying is
    faster than migrating), or with ``--engine=postgresql`` an emptied PostgreSQL one."""
    if engines.on_postgresql(request.config):
        path = engines.fresh_database(request)
    else:
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("migrated_db"), path)
        path.chmod(0o600)
    app = create_app({"TESTING": True, "DB": str(path), "SECRET_KEY": "test"} | FAST_HASHING)
    db = store.connect(path)
    with store.writing(db):  # a data version of its own, as a fresh database would have
        db.execute(new_data_version(db))
    store.init(db)  # nothing left to migrate: only checks
    db.close()
    return app


def new_data_version(db) -> str:
    """The statement that gives ``db`` a new data version, in its engine's SQL."""
    return (schema_postgres if dialect.of(db) is dialect.POSTGRES else schema).NEW_DATA_VERSION


@pytest.fixture
def fresh_db(request):
    """A database with the current schema and nothing in it: in memory, or with
    ``--engine=postgresql`` an emptied PostgreSQL one."""
    on_postgresql = engines.on_postgresql(request.config)
    db = store.connect(engines.fresh_database(request) if on_postgresql else ":memory:")
    store.init(db)
    yield db
    db.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db(app):
    database = store.connect(app.config["DB"])
    yield database
    database.close()


@pytest.fixture
def editor(app):
    """A test client signed in as an editor (``editor.email``; ``editor.token`` posts forms)."""
    return signed_in(app, EDITOR_EMAIL, "editor")


@pytest.fixture
def admin(app):
    """A test client signed in as an admin (``admin.email``; ``admin.token`` posts forms)."""
    return signed_in(app, ADMIN_EMAIL, "admin")


@pytest.fixture
def make_offer(app, db):
    """Create a published offer in Dortmund's centre; keyword arguments override fields."""

    def make(**fields):
        values = CENTRE_OFFER | fields
        with app.app_context():
            cleaned = offers.clean(values)
        return offer_store.create_offer(db, cleaned, by="test")

    return make


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped browser test is a missing test: report it as a failure."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and item.get_closest_marker("browser"):
        report.outcome = "failed"
        report.longrepr = f"browser test skipped: {report.longrepr}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Headless Chromium with nothing that phones home (this machine has no internet)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"],
    }  # fmt: skip

"""``refugee-map copy-db SQLITE_FILE postgresql://…``: a city's SQLite database (offers,
history, accounts, translations, submissions, views) moves into an empty PostgreSQL
database whole, with its ids, and the app over the copy answers as over the file. Bad
input is one clear line, exit code 1, and changes nothing on either side."""

import hashlib
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from uuid import uuid4

import pytest
from admin_support import make_user
from click.testing import CliRunner
from map_data import app_with_offers
from pg_cluster import BIN, free_port
from pg_databases import PREFIX
from samples import CENTRE_OFFER, SUGGESTION

from refugee_map import create_app, store
from refugee_map.cli import main
from refugee_map.domain import offers
from refugee_map.store import data_versions, dialect, map_grid, submissions, translations, views
from refugee_map.store import offers as offer_store

OFFERS = 60
VIEWS = ["/api/offers?limit=100", "/api/offers?limit=20&offset=10&category=education",
         "/api/offers?lang=en&limit=100", "/api/map?bbox=7.29,51.41,7.64,51.60&zoom=11",
         "/api/map?bbox=7.44,51.50,7.48,51.53&zoom=19", "/api/offers/2?lang=uk"]  # fmt: skip


def unique(name: str) -> str:
    """A database name no other test process uses (this run drops it at its end)."""
    return f"{PREFIX}_{name}_{uuid4().hex[:12]}"


@pytest.fixture
def empty_url(pg_cluster, pg_databases) -> Iterator[str]:
    """A new database with nothing of this service in it (PostGIS from the template)."""
    url = pg_cluster.create_database(unique("copy"))
    yield url
    pg_databases.drop([url])


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """An SQLite database with offers and their history, accounts, translations, a
    suggestion, a page view and the demo flag in meta."""
    path = tmp_path_factory.mktemp("copy") / "city.db"
    app = app_with_offers(path, OFFERS)
    make_user(app, "editor@example.org")
    db = store.connect(path)
    with app.app_context():
        for offer_id, lang in ((1, "en"), (2, "uk"), (2, "ar")):
            translations.set_translation(db, offer_id, lang, f"Titel {lang}", "Text", by="t")
        submissions.add(db, "new", SUGGESTION)
        views.count_view(db, 1, "2026-01")
    store.set_meta(db, "demo", "1")
    db.close()
    return path


def copy_db(*arguments: str, tmp_path):
    env = {"REFUGEE_MAP_DB": str(tmp_path / "unused.db"), "REFUGEE_MAP_SECRET_KEY": "test"}
    return CliRunner().invoke(main, ["copy-db", *map(str, arguments)], env=env)


def rows(database: str, table: str) -> list[tuple]:
    db = store.connect(database)
    try:
        return sorted(tuple(row) for row in db.execute(f"SELECT * FROM {table}").fetchall())
    finally:
        db.close()


COPIED = ["offers", "offer_translations", "offer_history", "users", "submissions",
          "offer_views", "meta"]  # fmt: skip


def test_the_copy_answers_as_the_sqlite_file_and_keeps_every_row(source, empty_url, tmp_path):
    result = copy_db(source, empty_url, tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    for table in COPIED:
        expected = rows(str(source), table)
        if table == "meta":  # each database keeps its own data versions
            expected = [row for row in expected if not data_versions.is_key(row[0])]
            assert ("demo", "1") in expected
        copied = [row for row in rows(empty_url, table) if not data_versions.is_key(row[0])]
        assert copied == expected, table
        assert f"\n{table} " in f"\n{result.output}" and f" {len(expected):,} rows" in result.output
    cells = store.connect(empty_url).execute(map_grid.counted_cells(dialect.POSTGRES))
    assert rows(empty_url, "map_cells") == sorted(tuple(row) for row in cells)
    apps = [
        create_app({"TESTING": True, "DB": db, "SECRET_KEY": "t"}) for db in (source, empty_url)
    ]
    for view in VIEWS:
        on_sqlite, on_postgresql = (app.test_client().get(view) for app in apps)
        assert on_sqlite.status_code == on_postgresql.status_code == 200, view
        assert on_postgresql.json == on_sqlite.json, view


def test_new_offers_on_the_copy_take_ids_after_the_copied_ones(source, empty_url, tmp_path):
    assert copy_db(source, empty_url, tmp_path=tmp_path).exit_code == 0
    highest = max(row[0] for row in rows(str(source), "offers"))
    copy = store.connect(empty_url)
    with create_app({"TESTING": True, "SECRET_KEY": "t"}).app_context():
        added = offer_store.create_offer(copy, offers.clean(CENTRE_OFFER), by="test")
    assert added["id"] == highest + 1


def _not_sqlite(tmp_path):
    (tmp_path / "notes.db").write_text("offers, one per line\n" * 50)
    return tmp_path / "notes.db"


def _not_migrated(tmp_path):
    with closing(sqlite3.connect(tmp_path / "old.db")) as old:
        old.execute("CREATE TABLE offers (id INTEGER PRIMARY KEY, title TEXT)")
        old.commit()
    return tmp_path / "old.db"


def _broken_reference(tmp_path, source):
    """A copy of ``source`` with a translation of an offer that is not there (written with
    SQLite's foreign keys off): PostgreSQL refuses it half-way through the copy."""
    path = tmp_path / "broken.db"
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(path)) as broken:
        original.backup(broken)
        broken.execute("INSERT INTO offer_translations VALUES (9999, 'en', 'x', '', '2026')")
        broken.commit()
    return path


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (lambda tmp, source: tmp / "missing.db", "missing.db is not a file"),
        (lambda tmp, source: _not_sqlite(tmp), "is not an SQLite database of this service"),
        (lambda tmp, source: _not_migrated(tmp), "refugee-map init first"),
        (_broken_reference, "PostgreSQL refused the copy, nothing was changed"),
    ],
    ids=["missing", "not-sqlite", "not-migrated", "broken-reference"],
)
def test_a_bad_source_changes_nothing(source, empty_url, tmp_path, given, message):
    path = given(tmp_path, source)
    before, tables = _fingerprint(path), _tables(empty_url)
    result = copy_db(path, empty_url, tmp_path=tmp_path)
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output
    assert _fingerprint(path) == before
    assert _tables(empty_url) == tables  # not even migrated


def _fingerprint(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _tables(url: str) -> list[str]:
    db = store.connect(url)
    try:
        found = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
        return sorted(name for (name,) in found)
    finally:
        db.close()


def test_a_database_already_in_use_is_refused_and_kept(source, empty_url, tmp_path):
    assert copy_db(source, empty_url, tmp_path=tmp_path).exit_code == 0
    before = rows(empty_url, "offer_history")
    result = copy_db(source, empty_url, tmp_path=tmp_path)
    assert result.exit_code == 1 and "is not empty (rows in " in result.output
    assert "Traceback" not in result.output
    assert rows(empty_url, "offer_history") == before


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            f"postgresql://postgres@127.0.0.1:{free_port()}/x",
            "cannot connect to PostgreSQL",
        ),
        ("mysql://map@127.0.0.1/map", "is not a PostgreSQL URL"),
        ("data/other.db", "is not a PostgreSQL URL"),
    ],
    ids=["nothing-listening", "mysql", "a-file"],
)
def test_a_target_that_is_not_a_reachable_postgresql_database_is_refused(
    source, tmp_path, monkeypatch, url, message
):
    monkeypatch.chdir(tmp_path)
    before = _fingerprint(source)
    result = copy_db(source, url, tmp_path=tmp_path)
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output and _fingerprint(source) == before
    assert list(tmp_path.iterdir()) == []  # no file named like the URL


def test_the_readme_s_pg_dump_and_pg_restore_give_a_database_that_serves_the_same(
    source, empty_url, pg_cluster, tmp_path
):
    """README "Back up and restore PostgreSQL": the commands as written there."""
    assert copy_db(source, empty_url, tmp_path=tmp_path).exit_code == 0
    name = unique("restored")
    dump, restored = tmp_path / "map.dump", pg_cluster.url(name)
    _run("pg_dump", "--format=custom", f"--file={dump}", empty_url)
    pg_cluster.sql(f"CREATE DATABASE {name}")
    _run("pg_restore", f"--dbname={restored}", "--no-owner", "--exit-on-error", str(dump))
    apps = [
        create_app({"TESTING": True, "DB": db, "SECRET_KEY": "t"}) for db in (empty_url, restored)
    ]
    for view in VIEWS:
        on_live, on_restored = (app.test_client().get(view) for app in apps)
        assert on_restored.status_code == 200 and on_restored.json == on_live.json, view
    assert rows(restored, "offer_history") == rows(empty_url, "offer_history")


def _run(tool: str, *arguments: str) -> None:
    subprocess.run([str(BIN / tool), *arguments], check=True, capture_output=True)

import importlib.util

import pytest
from click.testing import CliRunner

from refugee_map import create_app
from refugee_map.cli import main
from refugee_map.config import SettingError


def test_environment_settings_override_the_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("REFUGEE_MAP_DB", str(tmp_path / "x.db"))
    monkeypatch.setenv("REFUGEE_MAP_STALE_DAYS", "30")
    app = create_app()
    assert app.config["DB"] == str(tmp_path / "x.db")
    assert app.config["STALE_DAYS"] == 30


def test_text_settings_stay_text_even_when_they_look_like_numbers(monkeypatch, tmp_path):
    monkeypatch.setenv("REFUGEE_MAP_DB", str(tmp_path / "x.db"))
    monkeypatch.setenv("REFUGEE_MAP_SMTP_PASSWORD", "1e3")
    monkeypatch.setenv("REFUGEE_MAP_SECRET_KEY", "123456")
    monkeypatch.setenv("REFUGEE_MAP_AGENCY_NAME", "true")
    app = create_app()
    assert app.config["SMTP_PASSWORD"] == "1e3"
    assert app.config["SECRET_KEY"] == "123456"
    assert app.config["AGENCY_NAME"] == "true"


def test_a_secret_key_is_made_once_and_kept_beside_the_database(tmp_path):
    first = create_app({"DB": str(tmp_path / "x.db")}).config["SECRET_KEY"]
    again = create_app({"DB": str(tmp_path / "x.db")}).config["SECRET_KEY"]
    assert first == again and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "url", ["sqlite:///data/map.db", "file://x.db", "mysql://map@127.0.0.1/map", "postgres+x://a"]
)
def test_a_database_url_stops_the_start_instead_of_making_a_file_named_like_it(
    tmp_path, monkeypatch, url
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingError, match="REFUGEE_MAP_DB=.* is a URL of a database"):
        create_app({"DB": url})
    monkeypatch.setenv("REFUGEE_MAP_DB", url)
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 1 and "is a URL of a database" in result.output
    assert "Traceback" not in result.output and list(tmp_path.iterdir()) == []


def test_postgresql_without_its_driver_says_what_to_install(monkeypatch):
    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "psycopg" else found(name)
    )
    with pytest.raises(SettingError, match=r"pip install -e '\.\[postgresql\]'"):
        create_app({"DB": "postgresql://map@127.0.0.1/map", "SECRET_KEY": "x"})


@pytest.mark.parametrize("url", ["postgresql://map@127.0.0.1:5432/map", "postgres://map@db/map"])
def test_postgresql_needs_the_secret_key_every_process_shares(tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFUGEE_MAP_SECRET_KEY", raising=False)
    with pytest.raises(SettingError, match="REFUGEE_MAP_SECRET_KEY must be set"):
        create_app({"DB": url})
    assert list(tmp_path.iterdir()) == []  # no key file, no database file


def test_a_path_with_a_colon_is_still_a_path(tmp_path):
    app = create_app({"DB": str(tmp_path / "map:2026.db")})
    assert app.config["DB"].endswith("map:2026.db")


@pytest.mark.parametrize(
    ("database", "replica", "message"),
    [
        ("postgresql://map@db/map", "data/replica.db", "REFUGEE_MAP_DB_READ='data/replica.db' is"),
        ("postgresql://map@db/map", "mysql://map@db/map", "is not a PostgreSQL URL"),
        ("data/map.db", "postgresql://map@replica/map", "needs REFUGEE_MAP_DB to be a PostgreSQL"),
    ],
)
def test_a_read_replica_is_a_postgresql_url_beside_a_postgresql_database(
    tmp_path, monkeypatch, database, replica, message
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingError, match=message):
        create_app({"DB": database, "DB_READ": replica, "SECRET_KEY": "x"})
    monkeypatch.setenv("REFUGEE_MAP_DB", database)
    monkeypatch.setenv("REFUGEE_MAP_DB_READ", replica)
    monkeypatch.setenv("REFUGEE_MAP_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("size", ["0", "-2", "eight", "2.5", "true", "[]"])
def test_a_pool_size_is_a_whole_number_of_connections(tmp_path, monkeypatch, size):
    monkeypatch.setenv("REFUGEE_MAP_DB_POOL_SIZE", size)
    with pytest.raises(SettingError, match="REFUGEE_MAP_DB_POOL_SIZE=.* is not a number of"):
        create_app({"DB": str(tmp_path / "x.db")})
    monkeypatch.setenv("REFUGEE_MAP_DB_POOL_SIZE", "12")
    assert create_app({"DB": str(tmp_path / "x.db")}).config["DB_POOL_SIZE"] == 12

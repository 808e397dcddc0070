import gc
import subprocess
import sys
import urllib.request

from click.testing import CliRunner
from flask import current_app
from servers import free_port

from refugee_map import store
from refugee_map.cli import main
from refugee_map.store import offers as offer_store


def run(*args, env):
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_init_demo_loads_published_offers_in_every_category(new_database):
    env = {"REFUGEE_MAP_DB": new_database("demo.db")}
    output = run("init", "--demo", env=env)
    db = store.connect(env["REFUGEE_MAP_DB"])
    offers = offer_store.find_offers(db)
    assert f"Loaded {len(offers)} demo offers" in output
    assert len(offers) >= 60
    assert {offer["category"] for offer in offers} == {
        "counselling", "donations", "education", "sponsorship", "leisure", "meeting-points",
    }  # fmt: skip
    assert len({offer["district"] for offer in offers}) >= 10
    assert store.get_meta(db, "demo") == "1"


def test_init_again_migrates_and_does_not_duplicate_demo_data(new_database):
    env = {"REFUGEE_MAP_DB": new_database("demo.db")}
    run("init", "--demo", env=env)
    count = store.connect(env["REFUGEE_MAP_DB"])["offers"].count
    assert "demo not loaded" in run("init", "--demo", env=env)
    assert store.connect(env["REFUGEE_MAP_DB"])["offers"].count == count


def test_backup_writes_a_consistent_copy(tmp_path):
    env = {"REFUGEE_MAP_DB": str(tmp_path / "live.db")}
    run("init", "--demo", env=env)
    run("backup", str(tmp_path / "copy.db"), env=env)
    assert store.connect(tmp_path / "copy.db")["offers"].count >= 60


def test_backup_refuses_to_overwrite(tmp_path):
    env = {"REFUGEE_MAP_DB": str(tmp_path / "live.db")}
    (tmp_path / "copy.db").write_text("keep me")
    result = CliRunner().invoke(main, ["backup", str(tmp_path / "copy.db")], env=env)
    assert result.exit_code != 0
    assert (tmp_path / "copy.db").read_text() == "keep me"


def test_backup_refuses_a_link_planted_where_the_copy_should_go(tmp_path):
    """In a shared folder such as /tmp another user may plant a link to a file of theirs:
    the copy of every account's password hash must not land there."""
    env = {"REFUGEE_MAP_DB": str(tmp_path / "live.db")}
    run("init", env=env)
    planted = tmp_path / "shared" / "copy.db"
    planted.parent.mkdir()
    planted.symlink_to(tmp_path / "theirs.db")  # dangling: "copy.db" does not exist yet
    result = CliRunner().invoke(main, ["backup", str(planted)], env=env)
    assert result.exit_code != 0
    assert not (tmp_path / "theirs.db").exists()


def test_serve_answers_http_with_waitress(tmp_path):
    port = free_port()
    env = {"REFUGEE_MAP_DB": str(tmp_path / "serve.db"), "PATH": ""}
    server = subprocess.Popen(
        [sys.executable, "-m", "refugee_map.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        # The line comes once waitress listens: no polling, no waiting for a guessed time.
        assert (
            server.stdout.readline() == f"Serving refugee_map on http://127.0.0.1:{port}\n".encode()
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=20) as response:
            body = response.read()
        assert b'"status":"ok"' in body.replace(b" ", b"")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_keeps_what_start_up_made_out_of_the_garbage_collectors_scans(tmp_path, monkeypatch):
    frozen = []

    class Server:
        def run(self):
            frozen.append(gc.get_freeze_count())

    monkeypatch.setattr("waitress.server.create_server", lambda app, **settings: Server())
    try:
        result = CliRunner().invoke(main, ["serve"], env={"REFUGEE_MAP_DB": str(tmp_path / "s.db")})
    finally:
        gc.unfreeze()  # the rest of the test session is collected as usual
    assert result.exit_code == 0, result.output
    assert frozen and frozen[0] > 0


def test_serve_pools_a_database_connection_for_every_request_thread(tmp_path, monkeypatch):
    sizes = []

    class Server:
        def run(self):
            sizes.append((threads[0], current_app.config["DB_POOL_SIZE"]))

    threads = []
    monkeypatch.setattr(
        "waitress.server.create_server",
        lambda app, **settings: threads.append(settings["threads"]) or Server(),
    )
    env = {"REFUGEE_MAP_DB": str(tmp_path / "s.db"), "REFUGEE_MAP_DB_POOL_SIZE": "2"}
    try:
        result = CliRunner().invoke(main, ["serve", "--threads", "5"], env=env)
    finally:
        gc.unfreeze()
    assert result.exit_code == 0, result.output
    assert sizes == [(5, 5)]


def test_help_lists_every_command_without_building_the_app(tmp_path):
    env = {"REFUGEE_MAP_DB": str(tmp_path / "site" / "refugee_map.db")}
    output = run("--help", env=env)
    assert all(f"  {command} " in output for command in main.commands)
    assert not (tmp_path / "site").exists()  # no database, no secret key written


def test_dotenv_files_and_flask_variables_do_not_configure_a_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(f"REFUGEE_MAP_DB={tmp_path / 'from-dotenv.db'}\n")
    (tmp_path / ".flaskenv").write_text("FLASK_APP=nowhere:app\n")
    env = {"REFUGEE_MAP_DB": str(tmp_path / "chosen.db"), "FLASK_INIT_DEMO": "1"}
    output = run("init", env=env)
    assert f"Database ready: {tmp_path / 'chosen.db'}" in output
    assert "demo" not in output.lower()
    assert not (tmp_path / "from-dotenv.db").exists()

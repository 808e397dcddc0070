"""Faults: a busy database, a full database or disk, and files only the owner may read.

Busy: another program (a long import, a backup tool) holds the write lock longer than the
busy timeout (SQLite's IMMEDIATE transaction, PostgreSQL's advisory lock). Full: the
database stops growing, as on a full disk (SQLite's ``max_page_count``; on PostgreSQL the
server's ``disk_full`` error, raised by triggers: see store_support.stop_growing).
Either way: a clear page (503 / 507) with what the person typed ready to send again,
no 500, nothing half-written, and every page that only reads still answers.
"""

import errno
import io
import os
import stat
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
import store_support
from admin_support import PASSWORD, csrf_token, make_user, text
from click.testing import CliRunner
from samples import CENTRE_OFFER
from werkzeug.datastructures import MultiDict

from refugee_map import create_app, store
from refugee_map.cli import main
from refugee_map.store import offers as offer_store

EDIT = {"category": "counselling", "title": "Neuer Titel", "street": "Kampstraße 1",
        "postcode": "44137", "city": "Dortmund", "lat": "51.5142", "lng": "7.4652",
        "languages": ["de", "ar"], "hours-Mo-start": ["09:00", "14:00"],
        "hours-Mo-end": ["12:00", "16:00"], "description": "Zeile 1\nZeile <2> & \"3\"",
        "status": "published", "version": "1"}  # fmt: skip
READ_ONLY_PAGES = ["/", "/list", "/offers/{id}", "/api/offers", "/admin/offers",
                   "/admin/offers/{id}", "/admin/offers/{id}/history"]  # fmt: skip


class HiddenFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.fields.append((attrs["name"], attrs.get("value", "")))


def hidden_fields(page: str) -> list[tuple[str, str]]:
    parser = HiddenFields()
    parser.feed(page)
    return parser.fields


def with_token(data: dict, client) -> dict:
    return data | {"csrf_token": client.token}


def sent(data: dict) -> list[tuple[str, str]]:
    """``data`` as the browser sends it: one pair per value."""
    pairs = []
    for name, value in data.items():
        pairs += [(name, item) for item in (value if isinstance(value, list) else [value])]
    return pairs


@pytest.fixture
def short_wait(app):
    app.config["DB_BUSY_TIMEOUT"] = 0.05
    return app


@pytest.fixture
def full_database(app, monkeypatch):
    store_support.stop_growing(app.config["DB"], monkeypatch)


def no_space(*_args, **_kwargs):
    """What writing a file on a full disk raises."""
    raise OSError(errno.ENOSPC, "No space left on device")


# --- busy -----------------------------------------------------------------------------------


def test_a_save_while_the_lock_is_held_answers_503_with_the_input_ready_to_send_again(
    short_wait, editor, db, make_offer
):
    offer_id = make_offer()["id"]
    with store_support.write_lock_held(short_wait.config["DB"]):
        response = editor.post(f"/admin/offers/{offer_id}", data=with_token(EDIT, editor))
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    kept = hidden_fields(text(response))
    assert [pair for pair in kept if pair[0] != "csrf_token"] == sent(EDIT)
    assert [name for name, _ in kept].count("csrf_token") == 1
    assert offer_store.get_offer(db, offer_id, public=False)["title"] == CENTRE_OFFER["title"]

    again = editor.post(f"/admin/offers/{offer_id}", data=MultiDict(kept))
    assert again.status_code == 302
    saved = offer_store.get_offer(db, offer_id, public=False)
    assert (saved["title"], saved["description"]) == (EDIT["title"], EDIT["description"])


def test_every_page_that_only_reads_answers_while_the_lock_is_held(short_wait, editor, make_offer):
    offer_id = make_offer()["id"]
    with store_support.write_lock_held(short_wait.config["DB"]):
        for page in READ_ONLY_PAGES:
            assert editor.get(page.format(id=offer_id)).status_code == 200, page


def test_an_offer_page_does_not_wait_for_the_lock_to_count_its_view(app, client, db, make_offer):
    """A view count is not worth holding a visitor: while an import holds the lock for long,
    the page is served at once and that view goes uncounted."""
    app.config["DB_BUSY_TIMEOUT"] = 60
    offer_id = make_offer()["id"]
    answered: list[int] = []
    with store_support.write_lock_held(app.config["DB"]):
        visit = threading.Thread(
            target=lambda: answered.append(client.get(f"/offers/{offer_id}").status_code)
        )
        visit.start()
        visit.join(timeout=20)  # a bound, far below the 60 s a waiting count would take
        assert answered == [200]
    assert db["offer_views"].count == 0


def test_a_public_suggestion_while_busy_is_kept_without_a_token_or_a_cookie(short_wait, client, db):
    suggestion = {"category": "education", "title": "Deutschkurs", "street": "Nordmarkt 1",
                  "postcode": "44145", "lat": "51.525", "lng": "7.456"}  # fmt: skip
    with store_support.write_lock_held(short_wait.config["DB"]):
        response = client.post("/suggest", data=suggestion)
    assert response.status_code == 503
    assert hidden_fields(text(response)) == sent(suggestion)
    assert "Set-Cookie" not in response.headers
    assert db["submissions"].count == 0
    assert client.post("/suggest", data=dict(hidden_fields(text(response)))).status_code == 303
    assert db["submissions"].count == 1


def test_the_form_to_send_again_keeps_the_sites_path_prefix(short_wait, client):
    """Behind a proxy that serves the app under /karte, the form goes back to /karte/..."""
    suggestion = {"category": "education", "title": "Deutschkurs", "lat": "51.525", "lng": "7.456"}
    with store_support.write_lock_held(short_wait.config["DB"]):
        response = client.post(
            "/suggest?lang=en", data=suggestion, base_url="http://localhost/karte/"
        )
    assert response.status_code == 503
    assert 'action="/karte/suggest?lang=en"' in text(response)


def test_confirming_an_import_while_busy_keeps_the_upload_to_send_again(short_wait, editor, db):
    csv = "category,title,lat,lng\ncounselling,Sprechstunde,51.5142,7.4652\n"
    upload = (io.BytesIO(csv.encode()), "offers.csv")
    preview = text(editor.post("/admin/import", data=with_token({"file": upload}, editor)))
    token = preview.split('name="token" value="', 1)[1].split('"', 1)[0]
    with store_support.write_lock_held(short_wait.config["DB"]):
        response = editor.post("/admin/import/confirm", data=with_token({"token": token}, editor))
    assert response.status_code == 503
    assert db["offers"].count == 0
    again = editor.post("/admin/import/confirm", data=MultiDict(hidden_fields(text(response))))
    assert again.status_code == 302 and "/admin/import/progress" in again.headers["Location"]
    assert db["offers"].count == 1


def test_signing_in_while_busy_keeps_the_email_but_never_the_password(short_wait, client):
    make_user(short_wait, "anna@example.org")
    form = {"email": "anna@example.org", "password": PASSWORD, "csrf_token": csrf_token(client)}
    with store_support.write_lock_held(short_wait.config["DB"]):
        response = client.post("/admin/login", data=form)
    assert response.status_code == 503
    kept = dict(hidden_fields(text(response)))
    assert kept["email"] == "anna@example.org" and "password" not in kept
    assert PASSWORD not in text(response)


# --- full -----------------------------------------------------------------------------------


def test_a_save_on_a_full_database_answers_507_keeps_the_input_and_reads_go_on(
    app, editor, db, make_offer, full_database
):
    offer_id = make_offer()["id"]
    long_text = EDIT | {"description": "Ein langer Text. " * 290}  # more than a page anywhere
    response = editor.post(
        f"/admin/offers/{offer_id}", data=long_text | {"csrf_token": editor.token}
    )
    assert response.status_code == 507
    assert "Retry-After" not in response.headers
    assert ("description", long_text["description"]) in hidden_fields(text(response))
    assert offer_store.get_offer(db, offer_id, public=False)["version"] == 1
    for page in READ_ONLY_PAGES:
        assert editor.get(page.format(id=offer_id)).status_code == 200, page


def kept_uploads(db) -> int:
    return db.execute("SELECT count(*) FROM uploads").fetchone()[0]


def test_an_upload_into_a_full_database_answers_507_and_keeps_nothing(
    app, editor, db, full_database
):
    rows = "".join(f"education,Sprachcafe {number}\n" for number in range(3000))
    upload = (io.BytesIO(f"category,title\n{rows}".encode()), "offers.csv")
    response = editor.post("/admin/import", data=with_token({"file": upload}, editor))
    assert response.status_code == 507
    assert kept_uploads(db) == 0


def test_an_upload_whose_copy_meets_a_full_disk_answers_507_and_keeps_nothing(
    app, editor, db, monkeypatch
):
    monkeypatch.setattr(Path, "write_bytes", no_space)
    upload = (io.BytesIO(b"category,title\neducation,Sprachcafe\n"), "offers.csv")
    response = editor.post("/admin/import", data=with_token({"file": upload}, editor))
    assert response.status_code == 507
    assert kept_uploads(db) == 0


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path, new_database):
    env = {"REFUGEE_MAP_DB": new_database("cli.db"), "REFUGEE_MAP_SECRET_KEY": "test"}
    assert CliRunner().invoke(main, ["init"], env=env).exit_code == 0
    rows = [CENTRE_OFFER | {"title": f"Angebot {n}", "languages": "de", "opening_hours": ""}
            for n in range(50)]  # fmt: skip
    lines = [",".join(rows[0])] + [",".join(f'"{v}"' for v in row.values()) for row in rows]
    (tmp_path / "offers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return env


def offers_in(env) -> int:
    return store.connect(env["REFUGEE_MAP_DB"])["offers"].count


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    (line,) = result.output.strip().splitlines()[-1:]
    assert line.startswith("Error: ")
    return line


def test_cli_import_into_a_full_database_says_so_in_one_line_and_writes_nothing(
    cli_env, tmp_path, monkeypatch
):
    store_support.stop_growing(cli_env["REFUGEE_MAP_DB"], monkeypatch)
    result = CliRunner().invoke(main, ["import", str(tmp_path / "offers.csv")], env=cli_env)
    assert "full" in one_line_error(result)
    monkeypatch.undo()
    assert offers_in(cli_env) == 0


def test_cli_import_while_the_lock_is_held_says_busy_and_writes_nothing(cli_env, tmp_path):
    env = cli_env | {"REFUGEE_MAP_DB_BUSY_TIMEOUT": "0.05"}
    with store_support.write_lock_held(env["REFUGEE_MAP_DB"]):
        result = CliRunner().invoke(main, ["import", str(tmp_path / "offers.csv")], env=env)
    assert "busy" in one_line_error(result)
    assert offers_in(env) == 0


def test_cli_export_onto_a_full_disk_says_so_in_one_line(cli_env, tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "write_text", no_space)
    command = ["export", "--format", "geojson", "-o", str(tmp_path / "offers.geojson")]
    assert "full" in one_line_error(CliRunner().invoke(main, command, env=cli_env))


def half_then_no_space(path: Path, text: str, *args, **kwargs):
    """Writing a file on a disk that fills up half-way."""
    with open(path, "w", encoding="utf-8") as file:
        file.write(text[: len(text) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "csv"],
        ["export-map", "--district", "Innenstadt-West"],
        ["handout", "--district", "Innenstadt-West", "--base-url", "https://karte.example"],
    ],
    ids=["export", "export-map", "handout"],
)
def test_a_cli_file_on_a_disk_that_fills_up_is_not_left_half_written(
    cli_env, tmp_path, monkeypatch, command
):
    output = tmp_path / "out" / "file.txt"
    output.parent.mkdir()
    output.write_text("the copy from last week\n", encoding="utf-8")
    monkeypatch.setattr(Path, "write_text", half_then_no_space)
    result = CliRunner().invoke(main, [*command, "-o", str(output)], env=cli_env)
    assert "full" in one_line_error(result)
    assert [path.name for path in output.parent.iterdir()] == ["file.txt"]
    assert output.read_text(encoding="utf-8") == "the copy from last week\n"


# --- files for the owner only --------------------------------------------------------------------


@pytest.mark.sqlite_only("about SQLite's files; PostgreSQL keeps its files itself")
def test_the_database_its_wal_and_shm_and_the_key_are_for_the_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("REFUGEE_MAP_SECRET_KEY", raising=False)
    folder = tmp_path / "data"
    umask = os.umask(0o022)  # the usual default: new files readable by everyone
    try:
        app = create_app({"DB": str(folder / "map.db")})  # generates secret_key beside it
        db = store.connect(app.config["DB"])
        store.init(db)
        files = ["map.db", "map.db-wal", "map.db-shm", "secret_key"]
        modes = {name: stat.S_IMODE((folder / name).stat().st_mode) for name in files}
        db.close()
    finally:
        os.umask(umask)
    assert modes == dict.fromkeys(files, 0o600)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.sqlite_only("backup copies an SQLite file; on PostgreSQL it points to pg_dump")
def test_cli_backup_onto_a_full_disk_says_so_and_leaves_no_partial_copy(
    cli_env, tmp_path, monkeypatch
):
    store_support.stop_growing(cli_env["REFUGEE_MAP_DB"], monkeypatch)
    copy = tmp_path / "copy.db"
    result = CliRunner().invoke(main, ["backup", str(copy)], env=cli_env)
    assert "full" in one_line_error(result)
    assert list(tmp_path.glob("copy.db*")) == []

"""/admin/import: upload, preview without writing, confirm, then place rows on the map."""

import io
import json
import os
import tempfile
import threading
from pathlib import Path

import pytest

from refugee_map import store
from refugee_map.config import PROJECT_DIR
from refugee_map.domain import offers
from refugee_map.exchange import import_jobs
from refugee_map.geo.geocode import GeocodeResult
from refugee_map.store import offers as offer_store

EXAMPLE = PROJECT_DIR / "data" / "example_import.csv"
HEADER = "category,title,organization,street,postcode,city,lat,lng,status\n"


@pytest.fixture
def app(app, tmp_path, monkeypatch):
    """Temporary copies of uploads go to a folder of this test's own, to be checked."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    return app


def upload(client, data: bytes, name: str = "offers.csv", **extra):
    form = {"csrf_token": client.token, "file": (io.BytesIO(data), name)} | extra
    return client.post("/admin/import", data=form, content_type="multipart/form-data")


def confirm(client, token: str):
    return client.post("/admin/import/confirm", data={"csrf_token": client.token, "token": token})


def token_of(page: str) -> str:
    return page.split('name="token" value="', 1)[1].split('"', 1)[0]


def stored_uploads(app) -> list[str]:
    """The uploads kept in the database, and any temporary copy left behind."""
    db = store.connect(app.config["DB"])
    try:
        kept = [row["name"] for row in db.query("SELECT name FROM uploads")]
    finally:
        db.close()
    return kept + [path.name for path in Path(tempfile.tempdir).rglob("*")]


def count(db) -> int:
    return db["offers"].count


def test_the_example_file_previews_then_imports_on_confirmation_and_is_placed(app, db, editor):
    response = upload(editor, EXAMPLE.read_bytes(), "example_import.csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert (
        "example_import.csv: 3 Zeilen: 3 neue Angebote, 0 geänderte Angebote, 0 unverändert" in page
    )
    assert "Deutschkurs für Frauen mit Kinderbetreuung" in page
    assert "wird anhand der Adresse gesucht" in page  # rows without coordinates
    assert count(db) == 0  # the preview writes nothing
    assert stored_uploads(app) == ["example_import.csv"]  # server-side, not in the cookie

    response = confirm(editor, token_of(page))
    assert response.status_code == 302
    assert count(db) == 3
    assert stored_uploads(app) == []  # deleted after use
    progress = editor.get(response.headers["Location"])
    text = progress.get_data(as_text=True)
    assert "Fertig: 2 von 2 Angeboten anhand der Adresse gefunden." in text
    assert all(
        o["lat"] is not None
        for o in offer_store.find_offers(db, offer_store.OfferQuery(statuses=()))
    )
    entries = db.execute('SELECT DISTINCT source, "user" FROM offer_history').fetchall()
    assert ("example_import.csv", editor.email) in entries


def test_confirming_twice_imports_once(app, db, editor):
    page = upload(editor, EXAMPLE.read_bytes(), "example_import.csv").get_data(as_text=True)
    token = token_of(page)
    assert confirm(editor, token).status_code == 302
    again = confirm(editor, token)
    assert again.status_code == 302 and again.headers["Location"].endswith("/admin/import")
    assert count(db) == 3


def test_a_file_called_like_the_servers_own_notes_still_imports(app, db, editor):
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.4652, 51.5142]},
               "properties": {"category": "education", "title": "Sprachkurs", "postcode": "44137",
                              "status": "published"}}  # fmt: skip
    data = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    page = upload(editor, data, "meta.json").get_data(as_text=True)
    assert confirm(editor, token_of(page)).status_code == 302
    assert count(db) == 1


@pytest.mark.parametrize("name", ["пропозиції.csv", "عروض.CSV", "..csv", "Angebote Übersicht.csv"])
def test_a_file_named_in_any_script_imports_under_its_own_name(app, db, editor, name):
    page = upload(editor, EXAMPLE.read_bytes(), name).get_data(as_text=True)
    assert f"{name}: 3 Zeilen: 3 neue Angebote" in page, page
    assert confirm(editor, token_of(page)).status_code == 302
    assert count(db) == 3


def test_a_named_file_that_cannot_be_read_is_named_as_given(app, db, editor):
    page = upload(editor, b"", "пропозиції.csv").get_data(as_text=True)
    assert "пропозиції.csv ist leer" in page


def test_the_progress_is_also_json_for_a_script_to_poll(app, editor):
    page = upload(editor, EXAMPLE.read_bytes(), "example_import.csv").get_data(as_text=True)
    token = token_of(page)
    confirm(editor, token)
    status = editor.get(f"/admin/import/progress.json?job={token}").get_json()
    assert status["finished"] and status["total"] == 2 and status["placed"] == 2


def test_a_file_with_bad_rows_shows_each_error_and_writes_nothing(app, db, editor):
    bad = HEADER + (
        "counselling,Gute Zeile,Verein,Kampstraße 1,44137,Dortmund,51.5142,7.4652,published\n"
        "knitting,Stricken,Verein,Kampstraße 1,44137,Dortmund,51.5142,7.4652,published\n"
        "education,,Verein,Kampstraße 1,44137,Dortmund,51.5142,7.4652,published\n"
    )
    response = upload(editor, bad.encode())
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nichts wurde importiert" in page
    assert "Zeile 3" in page and "knitting" in page and "Zeile 4" in page
    assert 'id="confirm-form"' not in page
    assert count(db) == 0
    assert stored_uploads(app) == []


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.csv", "empty.csv ist leer"),
        ("Titel;Ort\nx;y\n".encode("cp1252"), "alt.csv", "fehlen die Spalten category, title"),
        ("category,title\neducation,Kurs für Mütter\n".encode("cp1252"), "l1.csv", "UTF-8"),
        (os.urandom(10 * 1024 * 1024), "junk.csv", "ist keine Textdatei"),
    ],
    ids=["empty", "not-our-columns", "latin-1", "10-MB-of-junk"],
)
def test_an_unreadable_file_gets_a_clear_message(app, db, editor, data, name, message):
    response = upload(editor, data, name)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and "Nichts wurde importiert" in page
    assert count(db) == 0 and stored_uploads(app) == []


def test_a_file_over_the_size_limit_is_refused_with_a_message(app, db, editor):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    response = upload(editor, b"x" * (2 * 1024 * 1024), "huge.csv")
    assert response.status_code == 413
    assert "zu groß (höchstens 1 MB)" in response.get_data(as_text=True)
    assert count(db) == 0


def test_an_upload_without_csrf_token_is_refused(app, db, editor):
    form = {"file": (io.BytesIO(EXAMPLE.read_bytes()), "example_import.csv")}
    response = editor.post("/admin/import", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    assert stored_uploads(app) == []


def test_a_confirmation_without_csrf_token_writes_nothing(app, db, editor):
    token = token_of(upload(editor, EXAMPLE.read_bytes()).get_data(as_text=True))
    response = editor.post("/admin/import/confirm", data={"token": token})
    assert response.status_code == 400
    assert count(db) == 0


def test_only_the_uploader_can_confirm_an_upload(db, editor, admin):
    token = token_of(upload(editor, EXAMPLE.read_bytes()).get_data(as_text=True))
    response = confirm(admin, token)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/import"
    assert count(db) == 0


@pytest.mark.parametrize("token", ["", "../../etc", "A" * 32])
def test_an_unknown_or_malformed_token_goes_back_to_the_form(app, db, editor, token):
    response = confirm(editor, token)
    assert response.headers["Location"] == "/admin/import"
    follow = editor.get("/admin/import").get_data(as_text=True)
    assert "Vorschau ist abgelaufen" in follow


def test_reimporting_the_same_file_changes_nothing(app, db, editor, make_offer):
    row = "counselling,Beratung,Verein,Kampstraße 1,44137,Dortmund,51.5142,7.4652,published\n"
    page = upload(editor, (HEADER + row).encode()).get_data(as_text=True)
    confirm(editor, token_of(page))
    page = upload(editor, (HEADER + row).encode()).get_data(as_text=True)
    assert "0 neue Angebote, 0 geänderte Angebote, 1 unverändert" in page
    assert "Die Datei ändert nichts." in page


def test_likely_duplicates_are_flagged_in_the_preview(app, db, editor, make_offer):
    make_offer(title="Sozialberatung", organization="Verein", street="Kampstraße 1")
    row = "counselling,Sozialberatung!,Verein,Kampstraße 1,44137,Dortmund,51.5142,7.4652,draft\n"
    page = upload(editor, (HEADER + row).encode()).get_data(as_text=True)
    assert "Mögliche Doppelungen" in page and "Zeile 2, Angebot" in page


def test_a_geojson_file_imports_too(app, db, editor):
    data = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
        '{"type": "Point", "coordinates": [7.4652, 51.5142]}, "properties": '
        '{"category": "leisure", "title": "Lauftreff", "postcode": "44137", "city": "Dortmund"}}]}'
    )
    page = upload(editor, data.encode(), "offers.geojson").get_data(as_text=True)
    confirm(editor, token_of(page))
    assert [
        o["title"] for o in offer_store.find_offers(db, offer_store.OfferQuery(statuses=()))
    ] == ["Lauftreff"]


def test_nominatim_geocoding_runs_in_the_background_with_progress(app, db, monkeypatch):
    """A slow geocoder: the job runs in a thread and reports as it goes."""
    geocoder = HeldGeocoder()
    monkeypatch.setattr(import_jobs, "make_geocoder", lambda config, db: geocoder)
    ended = threading.Event()
    run = import_jobs._run
    monkeypatch.setattr(import_jobs, "_run", lambda *args: (run(*args), ended.set()))
    app.config["GEOCODER"] = "nominatim"
    with app.app_context():
        values = {"category": "education", "title": "Kurs", "postcode": "44137"}
        offer = offer_store.create_offer(db, offers.clean(values, require_location=False), by="t")
    import_jobs.start(db, "t" * 32, app.config, [offer["id"]], source="f.csv", summary="")
    assert not import_jobs.get(db, "t" * 32).finished  # the request does not wait for Nominatim
    geocoder.answer.set()
    assert ended.wait(30), "the job's thread did not end"
    job = import_jobs.get(db, "t" * 32)
    assert job.finished and job.placed == 1 and job.done == 1 and job.error is None
    assert offer_store.get_offer(db, offer["id"], public=False)["district"] == "Innenstadt-West"


class HeldGeocoder:
    """A geocoder that answers once the test lets it (``answer.set()``)."""

    def __init__(self) -> None:
        self.answer = threading.Event()

    def geocode(self, query: str) -> GeocodeResult:
        assert self.answer.wait(30)
        return GeocodeResult(51.5142, 7.4652, query, True, "test")


def test_a_job_whose_process_stopped_shows_as_stopped_not_running_forever(app, db, editor):
    import_jobs.start(db, "s" * 32, app.config, [], source="f.csv", summary="f.csv: 2 Zeilen")
    with store.writing(db):  # the job's process was killed before it finished
        db.execute(
            "UPDATE import_jobs SET total = 2, done = 1, finished = 0, beat_at = ?",
            ["2000-01-01T00:00:00+00:00"],
        )
    page = editor.get("/admin/import/progress?job=" + "s" * 32).get_data(as_text=True)
    assert "abgebrochen: der Server-Prozess" in page and 'http-equiv="refresh"' not in page
    status = editor.get("/admin/import/progress.json?job=" + "s" * 32).get_json()
    assert status["finished"] and "Server-Prozess" in status["error"] and status["done"] == 1


def test_unplaced_offers_keep_their_reason_in_the_readers_language(app, db, editor):
    app.config["GEOCODER"] = "offline"
    with app.app_context():
        values = {"category": "education", "title": "Kurs", "street": "Nirgendwo 1"}
        offer = offer_store.create_offer(db, offers.clean(values, require_location=False), by="t")
    import_jobs.start(db, "u" * 32, app.config, [offer["id"]], source="f.csv", summary="")
    german = editor.get("/admin/import/progress.json?job=" + "u" * 32).get_json()
    english = editor.get("/admin/import/progress.json?lang=en&job=" + "u" * 32).get_json()
    assert german["unplaced"] == ["Kurs: Adresse nicht gefunden: „Nirgendwo 1“"]
    assert english["unplaced"][0].startswith("Kurs: ") and "Nirgendwo 1" in english["unplaced"][0]
    assert english["unplaced"] != german["unplaced"]

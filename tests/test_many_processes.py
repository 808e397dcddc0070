"""Several app processes over one database: what one process writes or counts, the others
see at once. Two Flask apps over one database file stand for two processes (sessions,
caches, form limits, uploads, import jobs); one test serves the second app from a real
process of its own, so nothing kept in one Python process's memory can pass for shared."""

import io
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest
from admin_support import FAST_HASHING
from nominatim_support import running_fake_nominatim
from samples import SUGGESTION
from servers import free_port

from refugee_map import create_app
from refugee_map.config import PROJECT_DIR
from refugee_map.exchange import import_jobs
from refugee_map.geo.geocode import GeocodeResult, NominatimGeocoder

EXAMPLE = PROJECT_DIR / "data" / "example_import.csv"  # 3 rows, 2 of them without a point
UNPLACED = b"category,title,street,postcode,city\neducation,Kurs,Kampstr. 1,44137,Dortmund\n"
MAP = "/api/map?bbox=7,51,8,52&zoom=18"
LIMIT = "2 per hour"


@pytest.fixture
def app(app):
    app.config["PUBLIC_FORM_LIMIT"] = LIMIT
    return app


@pytest.fixture
def other(app):
    """A second app over the same database, as a second process would build it."""
    settings = {"TESTING": True, "DB": app.config["DB"], "SECRET_KEY": app.config["SECRET_KEY"],
                "PUBLIC_FORM_LIMIT": LIMIT}  # fmt: skip
    return create_app(settings | FAST_HASHING)


def same_browser(client, app):
    """A client of ``app`` holding ``client``'s cookies: the browser's next request reached
    another process."""
    moved = app.test_client()
    for name in ("session", "remember_token"):
        cookie = client.get_cookie(name)
        if cookie is not None:
            moved.set_cookie(name, cookie.value)
    moved.token, moved.email = client.token, client.email
    return moved


def upload(client, data: bytes = EXAMPLE.read_bytes()):
    form = {"csrf_token": client.token, "file": (io.BytesIO(data), "offers.csv")}
    page = client.post("/admin/import", data=form, content_type="multipart/form-data")
    assert page.status_code == 200, page.get_data(as_text=True)
    return page.get_data(as_text=True).split('name="token" value="', 1)[1].split('"', 1)[0]


class HeldGeocoder:
    """Answers once the test lets it (``answer.set()``); ``ended`` when the job is done."""

    def __init__(self, monkeypatch) -> None:
        self.answer = threading.Event()
        self.ended = threading.Event()
        monkeypatch.setattr(import_jobs, "make_geocoder", lambda config, db: self)
        run = import_jobs._run
        monkeypatch.setattr(import_jobs, "_run", lambda *args: (run(*args), self.ended.set()))

    def geocode(self, query: str) -> GeocodeResult:
        assert self.answer.wait(30)
        return GeocodeResult(51.5142, 7.4652, query, True, "test")


def test_an_edit_through_one_process_shows_on_the_others_map_and_list(
    app, other, editor, make_offer
):
    offer = make_offer(title="Alter Titel")
    reader = other.test_client()
    whole_city, view = reader.get("/api/offers"), reader.get(MAP)  # the other's caches warm
    form = {"category": "counselling", "title": "Neuer Titel", "postcode": "44137",
            "city": "Dortmund", "lat": "51.5142", "lng": "7.4652", "status": "published",
            "version": "1", "csrf_token": editor.token}  # fmt: skip
    assert editor.post(f"/admin/offers/{offer['id']}", data=form).status_code == 302
    for url, before in (("/api/offers", whole_city), (MAP, view)):
        after = reader.get(url, headers={"If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"], url
    assert "Neuer Titel" in reader.get("/api/offers").get_data(as_text=True)
    assert [item["id"] for item in reader.get(MAP).json["offers"]] == [offer["id"]]
    assert "Neuer Titel" in reader.get("/list").get_data(as_text=True)


def test_a_sign_in_on_one_process_holds_on_the_other_and_a_sign_out_ends_it_there(
    app, other, editor
):
    moved = same_browser(editor, other)
    assert moved.get("/admin/offers").status_code == 200
    editor.post("/admin/logout", data={"csrf_token": editor.token})
    assert moved.get("/admin/offers").status_code == 302  # to the sign-in page


def test_form_sends_counted_on_one_process_count_on_the_other(app, other):
    first, second = app.test_client(), other.test_client()
    assert [first.post("/suggest", data=SUGGESTION).status_code for _ in range(2)] == [303, 303]
    refused = second.post("/suggest", data=SUGGESTION)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 3500


def test_an_upload_previewed_on_one_process_is_confirmed_on_the_other(app, other, editor, db):
    token = upload(editor)
    moved = same_browser(editor, other)
    confirmed = moved.post(
        "/admin/import/confirm", data={"csrf_token": moved.token, "token": token}
    )
    assert confirmed.status_code == 302 and "/admin/import/progress" in confirmed.location
    assert db["offers"].count == 3
    again = editor.post("/admin/import/confirm", data={"csrf_token": editor.token, "token": token})
    assert again.status_code == 302 and db["offers"].count == 3  # taken once, by either


def test_a_job_started_on_one_process_shows_its_progress_on_the_other(
    app, other, editor, monkeypatch
):
    geocoder = HeldGeocoder(monkeypatch)
    app.config["GEOCODER"] = "nominatim"
    token = upload(editor)
    editor.post("/admin/import/confirm", data={"csrf_token": editor.token, "token": token})
    status = same_browser(editor, other).get(f"/admin/import/progress.json?job={token}")
    assert status.json["total"] == 2 and not status.json["finished"]
    geocoder.answer.set()
    assert geocoder.ended.wait(30), "the job's thread did not end"
    status = same_browser(editor, other).get(f"/admin/import/progress.json?job={token}")
    assert status.json["finished"] and status.json["placed"] == 2


# --- a second real process ----------------------------------------------------------------


@contextmanager
def serving_process(app):
    """``refugee-map serve`` in a process of its own over ``app``'s database."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("REFUGEE_MAP")}
    env |= {"REFUGEE_MAP_DB": app.config["DB"], "REFUGEE_MAP_SECRET_KEY": app.config["SECRET_KEY"],
            "REFUGEE_MAP_PUBLIC_FORM_LIMIT": LIMIT}  # fmt: skip
    command = [sys.executable, "-m", "refugee_map.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, cwd=PROJECT_DIR, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)  # fmt: skip
    try:
        line = server.stdout.readline()  # once it listens
        assert line == f"Serving refugee_map on http://127.0.0.1:{port}\n".encode(), line
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def send(url: str, client=None, form: dict | None = None) -> tuple[int, bytes]:
    """GET (or POST ``form``) ``url`` as the browser of test client ``client``."""
    headers = {}
    if client is not None:
        headers["Cookie"] = f"session={client.get_cookie('session').value}"
    data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers)
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_second_real_process_shares_form_counts_uploads_and_jobs(app, editor, db, monkeypatch):
    geocoder = HeldGeocoder(monkeypatch)
    app.config["GEOCODER"] = "nominatim"
    with serving_process(app) as other:
        first = app.test_client()
        assert [first.post("/suggest", data=SUGGESTION).status_code for _ in range(2)] == [303] * 2
        assert send(f"{other}/suggest", form=SUGGESTION)[0] == 429
        form = {"csrf_token": editor.token, "token": upload(editor)}
        assert send(f"{other}/admin/import/confirm", editor, form)[0] == 302
        assert db["offers"].count == 3
        token = upload(editor, UNPLACED)
        editor.post("/admin/import/confirm", data={"csrf_token": editor.token, "token": token})
        progress = f"{other}/admin/import/progress.json?job={token}"
        assert b'"finished":false' in send(progress, editor)[1].replace(b" ", b"")
        geocoder.answer.set()
        assert geocoder.ended.wait(30), "the job's thread did not end"
        assert b'"finished":true' in send(progress, editor)[1].replace(b" ", b"")


def test_nominatim_pacing_holds_across_real_processes(app, db, monkeypatch):
    with running_fake_nominatim(monkeypatch) as nominatim:
        NominatimGeocoder(db, nominatim.url, min_delay_seconds=30).geocode("one")
        script = (
            "import sys; from refugee_map import store; "
            "from refugee_map.geo.geocode import GeocoderBusy, NominatimGeocoder\n"
            "geocoder = NominatimGeocoder(store.connect(sys.argv[1]), sys.argv[2],"
            " min_delay_seconds=30)\n"
            "try: geocoder.geocode('two')\n"
            "except GeocoderBusy as busy: print('busy', round(busy.retry_after))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, app.config["DB"], nominatim.url],
            cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        assert done.stdout.split()[0] == "busy"  # retry_after: 30 s less the start-up time
        assert 0 < int(done.stdout.split()[1]) <= 30
        assert len(nominatim.requests) == 1

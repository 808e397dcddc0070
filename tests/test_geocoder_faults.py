"""Faults of the network geocoder (down, slow, trickling, 429, 5xx, garbage): a clear message
at the address field, the form's input kept, never a 500 - and Nominatim never holds a web
request: a lookup ends at its deadline, the rate limit never sleeps in a request thread, and
a visitor's suggestion is placed by the offline gazetteer only."""

import re
import threading
import time
import urllib.request

import pytest
import store_support
from admin_support import text
from nominatim_support import running_fake_nominatim
from samples import CENTRE_OFFER
from servers import serving
from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain import submissions
from refugee_map.exchange import import_geocoding
from refugee_map.geo.geocode import (
    GeocoderBusy,
    GeocoderError,
    GeocodeResult,
    NominatimGeocoder,
    OfflineGeocoder,
)
from refugee_map.store import offers as offer_store

ADDRESS = {"street": "Nordmarkt 1", "postcode": "44145", "city": "Dortmund"}
FORM = CENTRE_OFFER | ADDRESS | {"title": "Sprechstunde am Nordmarkt", "lat": "", "lng": "",
                                  "languages": ["de", "en"]}  # fmt: skip
UNREACHABLE = "gerade nicht erreichbar"
BUSY = "gerade ausgelastet"


@pytest.fixture
def nominatim(monkeypatch):
    with running_fake_nominatim(monkeypatch) as fake:
        yield fake


def make_fault(fake, fault: str) -> None:
    """Make the fake server fail the way ``fault`` says."""
    if fault == "down":
        fake.url = "http://127.0.0.1:9"  # nothing listens: connection refused
    elif fault == "slow":
        fake.sleep = 3.0
    elif fault == "trickling":
        fake.trickle = 0.2
    elif fault in ("429", "500", "503"):
        fake.status, fake.body = int(fault), {"error": fault}
    elif fault == "garbage":
        fake.body = '[{"lat": "51.5", "lon": '
    elif fault == "deep":  # valid JSON that Python's parser cannot follow
        fake.body = "[" * 100_000 + "]" * 100_000
    else:
        raise ValueError(fault)


FAULTS = ["down", "slow", "trickling", "429", "500", "503", "garbage", "deep"]


@pytest.fixture
def site_with_nominatim(app, nominatim):
    """The app geocoding with the fake Nominatim: half a second for a whole lookup."""
    app.config |= {"GEOCODER": "nominatim", "NOMINATIM_URL": nominatim.url,
                   "NOMINATIM_TIMEOUT": 0.5, "NOMINATIM_MIN_DELAY": 0}  # fmt: skip
    return app


# --- a lookup ends at its deadline ------------------------------------------------------------


@pytest.fixture
def cache(fresh_db) -> Database:
    return fresh_db


def request_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "nominatim-request"]


def test_a_trickling_server_is_cut_off_at_the_deadline_not_per_byte(cache, nominatim):
    """The answer would take a minute at one byte per 0.2 s; the deadline is one second."""
    nominatim.trickle = 0.2
    geocoder = NominatimGeocoder(cache, nominatim.url, timeout=1, min_delay_seconds=0)
    started = time.monotonic()
    with pytest.raises(GeocoderError, match="within 1 s"):
        geocoder.geocode("Ostenhellweg 2, Dortmund")
    assert time.monotonic() - started < 3  # deadline + a generous margin, not 60 s
    # The request's own thread ends too: its socket was shut at the deadline.
    for _ in range(100):
        if not request_threads():
            break
        time.sleep(0.02)
    assert request_threads() == []


def test_a_lookup_is_answered_when_its_cache_cannot_be_written_now(new_database, nominatim):
    """Another writer (an import) holds the database: the address is found all the same,
    at once, and only the cache entry is skipped."""
    location = new_database("map.db")
    db = store.connect(location, busy_timeout=2)
    store.init(db)
    with store_support.write_lock_held(location):
        geocoder = NominatimGeocoder(db, nominatim.url, timeout=5, min_delay_seconds=0)
        found = geocoder.geocode("Ostenhellweg 2, Dortmund")
    assert found is not None
    assert db["geocode_cache"].count == 0


@pytest.mark.parametrize("fault", FAULTS)
def test_every_fault_is_a_geocoder_error_never_not_found(cache, nominatim, fault):
    make_fault(nominatim, fault)
    geocoder = NominatimGeocoder(cache, nominatim.url, timeout=1, min_delay_seconds=0)
    with pytest.raises(GeocoderError):
        geocoder.geocode("Ostenhellweg 2, Dortmund")
    assert cache["geocode_cache"].count == 0  # a failure is not remembered as "not found"


# --- the editor's forms -----------------------------------------------------------------------


def geocode_status(page: str) -> str:
    match = re.search(
        r'<p id="geocode-status" class="geocode-status warning"[^>]*>([^<]*)</p>', page
    )
    return match.group(1) if match else ""


def new_suggestion(db) -> int:
    payload = {"offer": {"category": "counselling", "title": FORM["title"]} | ADDRESS}
    return submissions.add(db, "new", payload | {"comment": ""})


@pytest.mark.parametrize("fault", FAULTS)
def test_a_geocoder_fault_is_a_clear_message_at_the_address_and_the_input_is_kept(
    site_with_nominatim, nominatim, editor, db, fault
):
    make_fault(nominatim, fault)
    site_with_nominatim.config["NOMINATIM_URL"] = nominatim.url
    answer = editor.get("/admin/geocode?q=Nordmarkt 1, 44145 Dortmund")
    assert answer.status_code == 503
    assert UNREACHABLE in answer.get_json()["error"] and answer.get_json()["field"] == "street"
    # Without JavaScript "find" posts the form: the offer form and the review's edit form.
    suggestion = new_suggestion(db)
    for url in ("/admin/offers/new", f"/admin/review/{suggestion}/edit"):
        response = editor.post(url, data=FORM | {"action": "geocode", "csrf_token": editor.token})
        page = text(response)
        assert response.status_code == 200
        assert UNREACHABLE in geocode_status(page)
        assert 'value="Nordmarkt 1"' in page and 'value="Sprechstunde am Nordmarkt"' in page
    assert db["offers"].count == 0
    assert submissions.get(db, suggestion, region=1)["status"] == "open"


def test_a_busy_geocoder_answers_at_once_and_never_sleeps_in_the_request(
    site_with_nominatim, nominatim, editor, db, monkeypatch
):
    site_with_nominatim.config["NOMINATIM_MIN_DELAY"] = 30
    assert editor.get("/admin/geocode?q=Ostenhellweg 2, Dortmund").status_code == 200
    monkeypatch.setattr(time, "sleep", pytest.fail)  # the limit must not wait in a request
    answer = editor.get("/admin/geocode?q=Nordmarkt 1, 44145 Dortmund")
    assert answer.status_code == 503 and BUSY in answer.get_json()["error"]
    response = editor.post(
        "/admin/offers/new", data=FORM | {"action": "geocode", "csrf_token": editor.token}
    )
    assert response.status_code == 200
    assert BUSY in geocode_status(text(response))
    assert 'value="Nordmarkt 1"' in text(response)
    assert len(nominatim.requests) == 1
    assert db["offers"].count == 0


def test_geocoding_after_an_import_waits_for_a_free_slot_instead_of_failing(
    app, db, make_offer, monkeypatch
):
    offer = make_offer()
    db["offers"].update(offer["id"], {"lat": None, "lng": None})
    answers = iter([GeocoderBusy("busy", 0.5), GeocodeResult(51.5142, 7.4652, "x", False, "t")])

    class BusyOnce:
        def geocode(self, query):
            answer = next(answers)
            if isinstance(answer, Exception):
                raise answer
            return answer

    waited = []
    monkeypatch.setattr(import_geocoding.time, "sleep", waited.append)
    with app.app_context():
        from refugee_map.web import context as web

        districts = web.districts()
    unplaced = import_geocoding.geocode_missing(
        db, [offer["id"]], BusyOnce(), districts, source="t"
    )
    assert unplaced == [] and waited == [0.5]
    assert offer_store.get_offer(db, offer["id"])["lat"] == 51.5142


# --- a visitor's suggestion -------------------------------------------------------------------


@pytest.fixture
def live_site(site_with_nominatim):
    """The app served by a threaded server on 127.0.0.1, as a browser would reach it."""
    site_with_nominatim.config |= {"NOMINATIM_TIMEOUT": 5, "NOMINATIM_MIN_DELAY": 1,
                                   "PUBLIC_FORM_LIMIT": "1000 per minute"}  # fmt: skip
    with serving(site_with_nominatim) as url:
        yield url


def post_form(url: str, data: dict) -> int:
    body = urllib.parse.urlencode(data, doseq=True).encode()
    request = urllib.request.Request(url, data=body, method="POST")
    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(request, timeout=20) as response:
        return response.status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_visitors_suggestions_ask_no_network_geocoder_and_hold_no_one_up(
    live_site, nominatim, db, monkeypatch
):
    inside, release = threading.Event(), threading.Event()
    lookup = OfflineGeocoder.geocode

    def held_lookup(self, query):
        if not inside.is_set():
            inside.set()
            release.wait(20)
        return lookup(self, query)

    monkeypatch.setattr(OfflineGeocoder, "geocode", held_lookup)
    statuses: list = []

    def suggest(n: int) -> None:
        try:
            statuses.append(post_form(f"{live_site}/suggest", FORM | {"title": f"Angebot {n}"}))
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    senders = [threading.Thread(target=suggest, args=(n,)) for n in range(8)]
    for sender in senders:
        sender.start()
    try:
        assert inside.wait(20), "no suggestion was placed by the offline gazetteer"
        # One suggestion is being handled right now; the list still answers.
        with urllib.request.urlopen(f"{live_site}/list", timeout=20) as listing:
            assert listing.status == 200
    finally:
        release.set()
        for sender in senders:
            sender.join(30)
    assert statuses == [303] * 8
    assert nominatim.requests == []  # nothing left a visitor's request for Nominatim
    placed = [item["payload"]["offer"] for item in submissions.open_items(db, region=1)]
    assert len(placed) == 8
    assert all(offer["lat"] and offer["location_approximate"] for offer in placed)

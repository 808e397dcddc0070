"""Geocoding: the offline gazetteer and Nominatim (against a local fake server)."""

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from nominatim_support import FOUND, running_fake_nominatim
from sqlite_utils import Database

from refugee_map import store
from refugee_map.geo.geocode import (
    GeocoderBusy,
    GeocoderError,
    GeocodeResult,
    NominatimGeocoder,
    OfflineGeocoder,
    make_geocoder,
)

REGION_DIR = Path(__file__).resolve().parent.parent / "data" / "regions" / "dortmund"
USER_AGENT = "refugee-map-tests/0.1 (+tests@example.org)"


# --- offline -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline() -> OfflineGeocoder:
    return OfflineGeocoder(REGION_DIR)


def test_offline_finds_a_dortmund_postcode_at_its_centre(offline):
    result = offline.geocode("Bornstraße 5, 44145 Dortmund")
    assert result == GeocodeResult(51.532671, 7.483536, result.label, True, "offline", "44145")
    assert "44145" in result.label


@pytest.mark.parametrize("query", ["Hörde", "Hoerde", "HÖRDE", "Dortmund-Hörde", "hörde, dortmund"])
def test_offline_finds_a_neighbourhood_whatever_the_case_and_umlauts(offline, query):
    result = offline.geocode(query)
    assert (result.lat, result.lng) == (51.48371, 7.5003)
    assert result.approximate is True and "Hörde" in result.label


def test_offline_prefers_the_longer_neighbourhood_name(offline):
    assert "Scharnhorst-Ost" in offline.geocode("Scharnhorst-Ost").label
    assert "Rombergpark-Lücklemberg" in offline.geocode("rombergpark lücklemberg").label


def test_offline_prefers_the_postcode_to_a_neighbourhood_name(offline):
    assert "44309" in offline.geocode("Hörder Straße 1, 44309 Dortmund-Brackel").label


@pytest.mark.parametrize(
    "query",
    ["", "xyzzy", "Hauptstraße 1, 10115 Berlin", "Dortmund", "Martener Straße 10", "Schwerte"],
)
def test_offline_returns_none_when_it_knows_nothing_of_the_place(offline, query):
    assert offline.geocode(query) is None


# --- Nominatim -----------------------------------------------------------------------


@pytest.fixture
def nominatim(monkeypatch):
    with running_fake_nominatim(monkeypatch) as fake:
        yield fake


@pytest.fixture
def db(fresh_db) -> Database:
    """A fresh database: the geocoder's cache and its request slots are in it."""
    return fresh_db


def _geocoder(db, fake, **kwargs) -> NominatimGeocoder:
    kwargs = {"user_agent": USER_AGENT, "timeout": 2, "min_delay_seconds": 0, **kwargs}
    return NominatimGeocoder(db, fake.url, **kwargs)


def test_nominatim_returns_the_first_match(db, nominatim):
    result = _geocoder(db, nominatim).geocode("Ostenhellweg 2, Dortmund")
    assert result == GeocodeResult(51.5136, 7.4653, FOUND[0]["display_name"], False, "nominatim")
    request = nominatim.requests[0]
    assert request["path"] == "/search"
    assert request["params"]["q"] == ["Ostenhellweg 2, Dortmund"]
    assert request["params"]["format"][0] in ("json", "jsonv2")


def test_nominatim_sends_the_configured_user_agent(db, nominatim):
    _geocoder(db, nominatim).geocode("Ostenhellweg 2, Dortmund")
    assert nominatim.requests[0]["user_agent"] == USER_AGENT


def test_nominatim_marks_a_match_coarser_than_an_address_as_approximate(db, nominatim):
    nominatim.body = [{**FOUND[0], "place_rank": 16, "display_name": "Dortmund"}]
    assert _geocoder(db, nominatim).geocode("Dortmund").approximate is True


def test_nominatim_returns_none_when_nothing_is_found(db, nominatim):
    nominatim.body = []
    assert _geocoder(db, nominatim).geocode("Nowherestraße 99") is None


@pytest.mark.parametrize("status", [500, 503, 429, 403])
def test_nominatim_server_errors_raise_geocoder_error_not_none(db, nominatim, status):
    nominatim.status = status
    nominatim.body = {"error": "down"}
    with pytest.raises(GeocoderError, match="Nominatim"):
        _geocoder(db, nominatim).geocode("Ostenhellweg 2, Dortmund")


def test_nominatim_answer_that_is_not_json_raises_geocoder_error(db, nominatim):
    nominatim.body = "<html>maintenance</html>"
    with pytest.raises(GeocoderError):
        _geocoder(db, nominatim).geocode("Ostenhellweg 2, Dortmund")


def test_nominatim_time_out_raises_geocoder_error(db, nominatim):
    nominatim.hold = threading.Event()  # the server answers only when the test lets it
    with pytest.raises(GeocoderError):
        _geocoder(db, nominatim, timeout=0.2).geocode("Ostenhellweg 2, Dortmund")
    assert not nominatim.answered.is_set()  # given up at the time-out, not the server's pace
    nominatim.hold.set()
    assert len(nominatim.requests) == 1  # no retry behind our back


def test_nominatim_unreachable_server_raises_geocoder_error(db):
    geocoder = NominatimGeocoder(db, "http://127.0.0.1:9", USER_AGENT, 1, 0)
    with pytest.raises(GeocoderError):
        geocoder.geocode("Ostenhellweg 2, Dortmund")


def test_a_second_identical_query_is_served_from_the_cache(db, nominatim):
    first = _geocoder(db, nominatim).geocode("Ostenhellweg 2, Dortmund")
    second = _geocoder(db, nominatim).geocode("  Ostenhellweg 2,   Dortmund ")
    assert second == first
    assert len(nominatim.requests) == 1
    row = cached(db, "Ostenhellweg 2, Dortmund")
    assert row["lat"] == 51.5136 and row["approximate"] == 0 and row["created_at"]


def test_not_found_is_cached_too(db, nominatim):
    nominatim.body = []
    geocoder = _geocoder(db, nominatim)
    assert geocoder.geocode("Nowherestraße 99") is None
    assert geocoder.geocode("Nowherestraße 99") is None
    assert len(nominatim.requests) == 1
    assert cached(db, "Nowherestraße 99")["lat"] is None


def cached(db, query: str) -> dict:
    """The cache's row of Nominatim's answer to ``query``."""
    sql = "SELECT * FROM geocode_cache WHERE provider = 'nominatim' AND query = ?"
    (row,) = db.query(sql, [query])
    return row


def test_a_failure_is_not_cached(db, nominatim):
    geocoder = _geocoder(db, nominatim)
    nominatim.status = 503
    with pytest.raises(GeocoderError):
        geocoder.geocode("Ostenhellweg 2, Dortmund")
    nominatim.status = 200
    assert geocoder.geocode("Ostenhellweg 2, Dortmund") is not None
    assert len(nominatim.requests) == 2


def test_a_request_before_min_delay_seconds_is_refused_at_once_not_waited_for(
    db, nominatim, monkeypatch
):
    geocoder = _geocoder(db, nominatim, min_delay_seconds=30)
    geocoder.geocode("one")
    monkeypatch.setattr(time, "sleep", pytest.fail)  # no thread may sleep for the limit
    with pytest.raises(GeocoderBusy) as busy:
        geocoder.geocode("two")
    assert 0 < busy.value.retry_after <= 30
    assert geocoder.geocode("one") is not None  # the cache needs no slot
    assert len(nominatim.requests) == 1


def test_every_geocoder_of_one_server_shares_its_limit(db, nominatim):
    _geocoder(db, nominatim, min_delay_seconds=30).geocode("one")
    with pytest.raises(GeocoderBusy):
        _geocoder(db, nominatim, min_delay_seconds=30).geocode("two")


def test_a_url_that_is_not_http_is_rejected(db):
    with pytest.raises(ValueError, match="http"):
        NominatimGeocoder(db, "nominatim.example.org", USER_AGENT)


# --- make_geocoder -------------------------------------------------------------------


def test_make_geocoder_gives_the_offline_geocoder_by_default(db):
    geocoder = make_geocoder({"REGION_DIR": str(REGION_DIR)}, db)
    assert isinstance(geocoder, OfflineGeocoder)


def test_make_geocoder_gives_nominatim_with_its_url(db, nominatim):
    config = {"GEOCODER": "nominatim", "NOMINATIM_URL": nominatim.url, "NOMINATIM_MIN_DELAY": 0}
    geocoder = make_geocoder({**config, "REGION_DIR": str(REGION_DIR)}, db)
    assert isinstance(geocoder, NominatimGeocoder)
    assert geocoder.geocode("Ostenhellweg 2, Dortmund").lat == 51.5136
    assert nominatim.requests[0]["user_agent"].startswith("refugee-map/")


def test_make_geocoder_rejects_an_unknown_geocoder(db):
    with pytest.raises(ValueError, match="GEOCODER"):
        make_geocoder({"GEOCODER": "google", "REGION_DIR": str(REGION_DIR)}, db)


def test_no_request_goes_out_while_another_writer_holds_the_slot_row(tmp_path, nominatim):
    """The shared slot cannot be taken while a long import holds the database: the lookup
    is refused as busy (and asked again), never sent past the limit."""
    db = store.connect(tmp_path / "shared.db")
    store.init(db)
    other = sqlite3.connect(tmp_path / "shared.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(GeocoderBusy):
            _geocoder(db, nominatim, min_delay_seconds=1).geocode("one")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert nominatim.requests == []


def test_a_slot_further_ahead_than_the_limit_means_the_clock_went_back(db, nominatim):
    store.set_meta(db, f"next_request {nominatim.url}", repr(time.time() + 3600))
    assert _geocoder(db, nominatim, min_delay_seconds=1).geocode("one") is not None

"""What the map page needs from the server to keep its word offline: list pages carrying
the text and fields it filters and searches (CONTRACT13 section 2), the offline offer page
the service worker fills, and the worker carrying the code it shares with the page."""

import re

import pytest

from refugee_map.store import translations as translation_store
from refugee_map.web.api import OFFLINE_FILTERED

HOURS = {"Mo": [["09:00", "12:00"]]}


@pytest.fixture
def offer(make_offer):
    return make_offer(
        title="Kleiderkammer Nord",
        description="Winterjacken und Schuhe für Kinder",
        languages=["ar", "uk"],
        opening_hours=HOURS,
    )


@pytest.mark.parametrize("paging", ["limit=30", "limit=30&offset=0&near=51.51,7.46"])
def test_list_pages_carry_description_languages_and_hours(client, offer, paging):
    feature = client.get(f"/api/offers?lang=de&{paging}").get_json()["features"][0]
    assert set(OFFLINE_FILTERED) <= set(feature["properties"])
    assert "source_title" not in feature["properties"]  # German: the title itself
    assert feature["properties"]["description"] == "Winterjacken und Schuhe für Kinder"
    assert feature["properties"]["languages"] == ["ar", "uk"]
    assert feature["properties"]["opening_hours"] == HOURS


def test_the_description_is_in_the_asked_language_as_the_offer_page_shows_it(client, offer, db):
    translation_store.set_translation(db, offer["id"], "uk", "Одяг Північ", "Зимові куртки")
    feature = client.get("/api/offers?lang=uk&limit=30").get_json()["features"][0]
    assert feature["properties"]["description"] == "Зимові куртки"
    assert feature["properties"]["source_title"] == "Kleiderkammer Nord"  # orders the list
    assert feature["properties"]["source_description"] == "Winterjacken und Schuhe für Kinder"
    assert "Зимові куртки" in client.get(f"/offers/{offer['id']}?lang=uk").get_data(as_text=True)


def test_the_whole_city_collection_stays_slim(client, offer):
    feature = client.get("/api/offers").get_json()["features"][0]
    assert "description" not in feature["properties"]


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_offline_offer_page_has_every_slot_in_its_language(client, lang):
    response = client.get(f"/offline/offer?lang={lang}")
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    for name in ("title", "organization", "address", "hours", "phone", "unknown"):
        assert f"<!--row:{name}-->" in html and f"<!--/row:{name}-->" in html
    assert 'data-saved-at=""' in html  # the worker stamps the offer's time here
    assert "<script>" not in html and "script-src 'self'" in response.headers.get(
        "Content-Security-Policy", ""
    )


def test_the_worker_carries_the_saved_offers_reader_as_a_classic_script(client):
    source = client.get("/sw.js").get_data(as_text=True)
    assert "async function savedOffers(" in source
    assert not re.search(r"^(export|import) ", source, re.MULTILINE)
    assert 'const OFFER_PAGE = "/offline/offer";' in source

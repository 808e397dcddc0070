"""Offline that keeps its word: with the network off, the map's filters and text search apply
to the saved offers with the same results as online, an offer page never opened shows what
the saved offers know of it, and no page or answer ever comes back in another language.

The offers here (a server of this module's own) fit on the list's first page: loading the
map once saves every one of them, so online and offline look at the same data."""

import json
import re
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect
from servers import serving

from refugee_map import store
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store
from refugee_map.store import translations as translation_store

from .conftest import XSS_TITLE, browser_app
from .test_offline import (
    MAP_FILES,
    OFFLINE_ERRORS,
    wait_for_service_worker,
    wait_until_kept,
    wait_until_offers_saved,
)

browser = pytest.mark.browser

ALWAYS = "Mo-Su 00:00-24:00"
OFFERS = [
    {"title": "Kleiderkammer Nord", "category": "donations", "district": "Innenstadt-Nord",
     "lat": 51.525, "lng": 7.46, "description": "Winterjacken für Kinder",
     "languages": ["ar", "de"], "volunteers_wanted": True, "opening_hours": ALWAYS},
    {"title": "Möbelbörse Hörde", "category": "donations", "district": "Hörde",
     "lat": 51.4883, "lng": 7.5057, "description": "Sofas und Betten", "languages": ["de"]},
    {"title": "Deutschkurs Mengede", "category": "education", "district": "Mengede",
     "lat": 51.5686, "lng": 7.3846, "description": "Kurs mit Kinderbetreuung",
     "languages": ["ar", "fa"], "opening_hours": ALWAYS},
    {"title": "Beratung Asylrecht", "category": "counselling", "district": "Innenstadt-West",
     "lat": 51.5142, "lng": 7.4652, "description": "Hilfe beim Asylantrag",
     "languages": ["uk", "ru"], "volunteers_wanted": True},
    {"title": "Sprachcafé Hörde", "category": "meeting-points", "district": "Hörde",
     "lat": 51.49, "lng": 7.51, "description": "Deutsch sprechen bei Kaffee",
     "languages": ["de", "tr"], "opening_hours": ALWAYS},
    {"title": XSS_TITLE, "category": "leisure", "district": "Scharnhorst", "lat": 51.5407,
     "lng": 7.55, "organization": "<b>Verein</b>", "street": "Hauptstraße $& 1",
     "postcode": "44137", "phone": "0231 12345", "opening_hours": "Mo-Fr 09:00-12:00",
     "description": "Fußball für alle"},
]  # fmt: skip
ARABIC_TITLE = "ملابس للشتاء"  # offer 1's Arabic translation
# The filters and searches compared online and offline (the map page's query string).
QUERIES = [
    "",
    "category=donations",
    "category=donations&category=education",
    "district=H%C3%B6rde",
    "language=ar",
    "volunteers_wanted=1",
    "open_now=1",
    "q=Kinder",
    "q=Winterjacken",
    "q=M%C3%B6bel",
    "q=Kinder&category=education",
    "q=nichts+davon",
    "district=H%C3%B6rde&language=tr&open_now=1",
]


@pytest.fixture(scope="module")
def offline_server(tmp_path_factory):
    """The app with OFFERS (and an Arabic translation of the first): (url, ids by title)."""
    path = str(tmp_path_factory.mktemp("offline") / "offline.db")
    app = browser_app(path)
    db = store.connect(path)
    store.init(db)
    with app.app_context():
        made = [
            offer_store.create_offer(
                db, offers.clean(fields | {"status": "published", "city": "Dortmund"}), by="t"
            )
            for fields in OFFERS
        ]
    translation_store.set_translation(db, made[0]["id"], "ar", ARABIC_TITLE, "")
    db.close()
    with serving(app) as url:
        yield url, {offer["title"]: offer["id"] for offer in made}


def listed(page) -> tuple[list[str], str]:
    """The cards' ids in the list's order and the count line, once the page has loaded."""
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    ids = page.locator("#results > li").evaluate_all("(items) => items.map((li) => li.id)")
    return ids, page.locator("#status").inner_text()


def go_offline(page, context, url: str, first: str, *kept: str) -> None:
    """Load the map page ``first`` online until the worker keeps the map's files and its
    offline offer page and the page its offers, then the pages ``kept``; cut the network."""
    page.goto(url + first)
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    wait_for_service_worker(page)
    lang = page.locator("html").get_attribute("lang")
    wait_until_kept(page, *MAP_FILES, f"/offline/offer?lang={lang}")
    wait_until_offers_saved(page, lang)
    for path in kept:
        page.goto(url + path)
        wait_until_kept(page, path)
        if path.startswith("/?"):
            expect(page.locator("html")).to_have_attribute("data-ready", "1")
            wait_until_offers_saved(page, page.locator("html").get_attribute("lang"))
    context.set_offline(True)


@browser
@pytest.mark.parametrize("lang", ["de", "ar"])
def test_filters_and_search_find_offline_what_they_find_online(
    page, context, problems, offline_server, lang
):
    url, _ids = offline_server
    online = {}
    for query in QUERIES:
        page.goto(f"{url}/?lang={lang}&{query}")
        online[query] = listed(page)
    assert len(online[""][0]) == len(OFFERS)
    go_offline(page, context, url, f"/?lang={lang}")

    for query in QUERIES:
        page.goto(f"{url}/?lang={lang}&{query}")
        ids, count_line = listed(page)
        if query.startswith("q="):  # the server ranks text matches; ties may differ
            assert sorted(ids) == sorted(online[query][0]), query
        else:
            assert ids == online[query][0], query
        assert count_line.startswith(online[query][1].strip()), (query, count_line)
        expect(page.locator("#map")).to_have_attribute("data-represented", str(len(ids)))
    # the page is the copy kept for /?lang=..: the form shows the filters of the URL
    expect(page.locator("#district")).to_have_value("Hörde")
    expect(page.locator("#language")).to_have_value("tr")
    expect(page.locator("input[name=open_now]")).to_be_checked()
    expect(page.locator("#map")).to_have_attribute("data-saved-at", re.compile(r"^\d{4}-"))
    expect(page.locator(".map-saved-note")).to_contain_text(re.compile(r"\d{1,2}:\d{2}"))
    context.set_offline(False)
    problems[:] = [p for p in problems if not OFFLINE_ERRORS.search(p)]


@browser
def test_ticking_a_filter_and_searching_offline_narrow_the_saved_offers(
    page, context, problems, offline_server
):
    url, ids = offline_server
    go_offline(page, context, url, "/?lang=de")
    page.reload()
    ids_all, count_line = listed(page)
    assert len(ids_all) == len(OFFERS)
    assert "Offline – gespeichert am" in count_line

    page.locator("input[name=category][value=donations]").uncheck()
    expect(page.locator("#results > li")).to_have_count(len(OFFERS) - 2)
    expect(page.locator(f"#offer-{ids['Möbelbörse Hörde']}")).to_have_count(0)
    page.get_by_text("Weitere Filter").click()
    page.locator("#district").select_option("Hörde")
    expect(page.locator("#results > li")).to_have_count(1)
    expect(page.locator(f"#offer-{ids['Sprachcafé Hörde']}")).to_be_visible()
    page.locator("#district").select_option("")
    page.locator("#q").fill("Kinder")
    page.locator("#q").press("Enter")
    expect(page.locator("#results > li")).to_have_count(1)  # the donations are unticked
    expect(page.locator(f"#offer-{ids['Deutschkurs Mengede']}")).to_be_visible()
    expect(page.locator("#status")).to_contain_text("1 Angebot gefunden. Offline – gespeichert")
    expect(page.locator("#map")).to_have_attribute("data-represented", "1")
    context.set_offline(False)
    problems[:] = [p for p in problems if not OFFLINE_ERRORS.search(p)]


@browser
def test_an_offer_page_never_opened_shows_what_the_saved_offers_know(
    page, context, problems, offline_server
):
    url, ids = offline_server
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    go_offline(page, context, url, "/?lang=de")

    page.goto(f"{url}/offers/{ids[XSS_TITLE]}?lang=de")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("h1")).to_have_text(XSS_TITLE)  # as text: offer text is untrusted
    expect(page.locator("main img")).to_have_count(0)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("<b>Verein</b>")
    expect(facts).to_contain_text("Hauptstraße $& 1, 44137 Dortmund")
    expect(facts).to_contain_text("09:00–12:00")
    expect(facts.get_by_role("link", name="0231 12345")).to_have_attribute("href", "tel:023112345")
    expect(page.locator("#offline-note")).to_contain_text("Sie sind offline")
    expect(page.locator("#offline-note")).to_contain_text(re.compile(r"\d{1,2}:\d{2}"))

    page.goto(f"{url}/offers/999999?lang=de")
    expect(page.locator("main")).to_contain_text("auf diesem Gerät nicht gespeichert")
    expect(page.locator("dl.facts dt")).to_have_count(0)
    assert not dialogs
    context.set_offline(False)
    problems[:] = [p for p in problems if not OFFLINE_ERRORS.search(p)]


@browser
def test_offline_pages_and_offers_stay_in_their_language(page, context, problems, offline_server):
    url, ids = offline_server
    # /list?lang=ar is kept first: the copy a fallback blind to the language would find
    go_offline(page, context, url, "/?lang=ar", "/list?lang=ar", "/list?lang=de", "/?lang=de")

    for lang, direction in (("de", "ltr"), ("ar", "rtl")):
        page.goto(f"{url}/list?lang={lang}&category=education")  # never kept as such
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("html")).to_have_attribute("dir", direction)
    first = ids["Kleiderkammer Nord"]
    page.goto(f"{url}/offers/{first}?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(ARABIC_TITLE)
    page.goto(f"{url}/offers/{first}?lang=de")
    expect(page.locator("h1")).to_have_text("Kleiderkammer Nord")
    page.goto(f"{url}/?lang=ar&q={quote('Deutschkurs')}")
    ids_ar, _count = listed(page)
    # the text match first, then what the search topic "German course" finds, as online
    with urlopen(f"{url}/api/offers?lang=ar&limit=50&q=Deutschkurs") as answer:
        online = [f"offer-{feature['id']}" for feature in json.load(answer)["features"]]
    assert ids_ar == online and ids_ar[0] == f"offer-{ids['Deutschkurs Mengede']}"
    context.set_offline(False)
    problems[:] = [p for p in problems if not OFFLINE_ERRORS.search(p)]

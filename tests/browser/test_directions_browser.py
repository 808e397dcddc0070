"""The way there on a phone (360×740), in German and Arabic: a card and its popup show the
route the server chose for each of the three cases, the note that goes with it, and the
phone. Screenshots go to $REFUGEE_MAP_SHOTS when set, else to the test's temporary folder."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from servers import serving

from refugee_map import create_app, store
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store

from .conftest import TILE_PATH

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
COMMON = {"category": "counselling", "status": "published", "city": "Dortmund",
          "postcode": "44137", "phone": "0231 123456"}  # fmt: skip
OFFERS = {
    "point": {"title": "Genauer Ort", "street": "Kampstraße 1", "lat": 51.5142, "lng": 7.4652},
    "address": {"title": "Ungefährer Ort mit Straße", "street": "Hansastraße 3",
                "lat": 51.5160, "lng": 7.4600, "location_approximate": True},
    "none": {"title": "Ungefährer Ort ohne Straße", "street": "", "lat": 51.5120,
             "lng": 7.4700, "location_approximate": True},
}  # fmt: skip
NOTES = {
    "de": {
        "address": "Die Lage ist nur ungefähr bekannt. Die Route führt zur Adresse.",
        "none": "Keine genaue Adresse bekannt. Bitte fragen Sie vor dem Besuch nach der Adresse.",
    },
    "ar": {
        "address": "الموقع تقريبي فقط. يقودك المسار إلى العنوان.",
        "none": "لا يوجد عنوان دقيق معروف. يرجى السؤال عن العنوان قبل الزيارة.",
    },
}


@pytest.fixture(scope="module")
def three_ways(tmp_path_factory):
    """A server with one offer of each kind: (url, {kind: offer id})."""
    path = str(tmp_path_factory.mktemp("directions") / "directions.db")
    app = create_app({"TESTING": True, "DB": path, "SECRET_KEY": "test",
                      "TILE_URL": TILE_PATH + "{z}/{x}/{y}.png"})  # fmt: skip
    db = store.connect(path)
    store.init(db)
    with app.app_context():
        ids = {
            kind: offer_store.create_offer(db, offers.clean(COMMON | fields), by="test")["id"]
            for kind, fields in OFFERS.items()
        }
    db.close()
    with serving(app) as url:
        yield url, ids


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("REFUGEE_MAP_SHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def expect_way_there(box, kind: str, route: str | None, lang: str) -> None:
    """``box`` (a card or a popup) offers the route (or none), the note and the phone."""
    action = box.locator(".card-actions [data-action=route]")
    if route:
        expect(action).to_have_attribute("href", route)
        expect(action).to_have_attribute("target", "_blank")
        expect(action).to_have_attribute("rel", "noopener noreferrer")
    else:
        expect(action).to_have_count(0)
    note = box.locator(".directions-note")
    if kind == "point":
        expect(note).to_have_count(0)
    else:
        expect(note).to_have_text(NOTES[lang][kind])
    expect(box.locator(".card-actions a[href='tel:0231123456']")).to_be_visible()


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("kind", list(OFFERS))
def test_card_and_popup_show_the_way_there_the_server_chose(page, three_ways, shots, kind, lang):
    url, ids = three_ways
    way = page.request.get(f"{url}/api/offers/{ids[kind]}").json()["properties"]["directions"]
    assert way["kind"] == kind
    page.set_viewport_size(PHONE)
    page.goto(f"{url}/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    card = page.locator(f"#offer-{ids[kind]}")
    card.scroll_into_view_if_needed()
    expect_way_there(card, kind, way["osm_url"], lang)
    page.screenshot(path=shots / f"directions-{kind}-{lang}-card.png")
    card.locator("[data-action=twin]").click()  # show on the map
    popup = page.locator(".leaflet-popup-content .popup")
    expect(popup.locator(".card-actions")).to_be_in_viewport()
    expect_way_there(popup, kind, way["osm_url"], lang)
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    page.screenshot(path=shots / f"directions-{kind}-{lang}-popup.png")


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_offer_pages_show_the_three_ways_there_on_a_phone(page, three_ways, shots, lang):
    url, ids = three_ways
    page.set_viewport_size(PHONE)
    for kind, offer_id in ids.items():
        page.goto(f"{url}/offers/{offer_id}?lang={lang}")
        section = page.locator(f"section.directions[data-directions={kind}]")
        section.scroll_into_view_if_needed()
        routes = section.locator("a[target=_blank]")
        expect(routes).to_have_count(0 if kind == "none" else 2)
        expect(section.locator("a[href^='tel:']")).to_have_count(1 if kind == "none" else 0)
        section.screenshot(path=shots / f"directions-{kind}-{lang}-page.png")

"""Without tiles (a captive Wi-Fi, a blocked tile server) every map says so in one line and
still orients people: the district outlines stay drawn, markers and list work, the pin maps
keep the address fields. The tile URL points at a closed port of 127.0.0.1, or at a server
there answering 500."""

import contextlib

import pytest
from playwright.sync_api import expect
from servers import free_port, serving

from refugee_map import create_app

from .conftest import OFFERS, sign_in

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1366, "height": 850}
FAILED = {
    "de": "Die Kartenbilder konnten nicht geladen werden.",
    "ar": "تعذّر تحميل صور الخريطة.",
}
TILE_PATH = "/blocked-tiles/"


@pytest.fixture(scope="module")
def tile_port() -> int:
    """The port of 127.0.0.1 the tiles are asked from: nobody listens there, unless a test
    starts its tile server that answers 500."""
    return free_port()


@pytest.fixture(scope="module")
def no_tiles_server(live_server, live_db_path, tile_port):
    """The live server's offers, with tiles from `tile_port`."""
    tiles = f"http://127.0.0.1:{tile_port}{TILE_PATH}{{z}}/{{x}}/{{y}}.png"
    app = create_app({"TESTING": True, "DB": live_db_path, "SECRET_KEY": "test", "TILE_URL": tiles})
    with serving(app) as url:
        yield url


def answer_500(_environ, start_response):
    start_response("500 INTERNAL SERVER ERROR", [("Content-Type", "text/plain")])
    return [b"tile server down"]


@pytest.fixture
def broken_tiles(request, tile_port, problems):
    """Tiles refused by a closed port, or answered with 500 by a server there; the browser's
    reports of those failed tiles (and only those) are expected."""
    with contextlib.ExitStack() as stack:
        if request.param == "500":
            stack.enter_context(serving(answer_500, port=tile_port))
        yield request.param
    problems[:] = [
        problem
        for problem in problems
        if not ("Failed to load resource" in problem and ("REFUSED" in problem or "500" in problem))
    ]


def says_tiles_failed(page, lang="de"):
    notice = page.get_by_role("status").filter(has_text=FAILED[lang])
    expect(notice).to_be_visible()
    expect(notice).to_have_count(1)


@pytest.mark.parametrize(
    ("size", "lang", "broken_tiles"),
    [(PHONE, "de", "refused"), (DESKTOP, "de", "500"), (PHONE, "ar", "500"),
     (DESKTOP, "ar", "refused")],
    ids=["360-de-refused", "1366-de-500", "360-ar-500", "1366-ar-refused"],
    indirect=["broken_tiles"],
)  # fmt: skip
def test_the_public_map_says_tiles_failed_and_keeps_outlines_markers_and_list(
    page, no_tiles_server, broken_tiles, size, lang
):
    page.set_viewport_size(size)
    page.goto(f"{no_tiles_server}/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    says_tiles_failed(page, lang)
    expect(page.locator("#map path.district-outline").first).to_be_visible()
    districts = page.request.get(f"{no_tiles_server}/api/districts").json()["features"]
    expect(page.locator("#map .leaflet-overlay-pane path")).to_have_count(len(districts))  # once
    expect(page.locator("#results > li")).to_have_count(len(OFFERS))
    expect(page.locator("#map .leaflet-marker-icon").first).to_be_visible()
    page.locator("#results > li").first.locator("[data-action=twin]").click()
    expect(page.locator(".leaflet-popup-content [data-action=details]")).to_be_focused()


@pytest.mark.parametrize("broken_tiles", ["refused", "500"], indirect=True)
def test_the_offer_page_map_says_tiles_failed_and_keeps_the_outlines(
    page, no_tiles_server, broken_tiles
):
    page.goto(f"{no_tiles_server}/offers/1")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    says_tiles_failed(page)
    drawn = page.locator("#offer-map path.district-outline:not([d='M0 0'])")
    expect(drawn.first).to_be_visible()


@pytest.mark.parametrize("broken_tiles", ["refused"], indirect=True)
def test_the_suggestion_pin_map_says_tiles_failed_and_keeps_address_and_pin(
    page, no_tiles_server, broken_tiles
):
    page.goto(f"{no_tiles_server}/suggest")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    says_tiles_failed(page)
    street = page.get_by_label("Straße und Hausnummer")
    street.fill("Kampstraße 1")
    expect(street).to_have_value("Kampstraße 1")
    page.locator("#pin-map").click()
    expect(page.locator("#pin-status")).not_to_be_empty()


@pytest.mark.parametrize("broken_tiles", ["500"], indirect=True)
def test_the_back_office_pin_map_says_tiles_failed_and_keeps_the_address_search(
    page, no_tiles_server, broken_tiles, editor_db
):
    page.goto(f"{no_tiles_server}/admin/offers/new")
    sign_in(page)
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    says_tiles_failed(page)
    page.get_by_label("Straße und Hausnummer").fill("Nordmarkt 1")
    page.get_by_label("Postleitzahl").fill("44145")
    page.get_by_role("button", name="Adresse auf der Karte finden").click()
    expect(page.locator("#geocode-status")).to_contain_text("ungefähr")
    expect(page.locator("#location-map .leaflet-marker-icon")).to_be_visible()

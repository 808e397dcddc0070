"""The map page's measure of done: on a 360 px phone in Arabic, someone who has never seen
the site finds a place to get clothes that is open now in their district, sees the right
days and shares the link — with the map's tiles and without them."""

import re

import pytest
from playwright.sync_api import expect
from servers import free_port, serving

from refugee_map import create_app, store
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store

from .conftest import TILE_PATH

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
ALWAYS = "Mo-Su 00:00-24:00"  # open whenever the test runs
WEEKDAYS_AND_WEEKEND = "Mo-Fr 00:00-24:00; Sa-Su 00:00-12:00, 12:00-24:00"  # always open
OFFERS = [
    {"title": "Kleiderkammer Hörde", "category": "donations", "lat": 51.4883, "lng": 7.5057,
     "district": "Hörde", "opening_hours": WEEKDAYS_AND_WEEKEND},
    {"title": "Kleiderladen Hörde", "category": "donations", "lat": 51.4890, "lng": 7.5070,
     "district": "Hörde"},  # no opening hours: never "open now"
    {"title": "Kleiderkammer Mengede", "category": "donations", "lat": 51.5686, "lng": 7.3846,
     "district": "Mengede", "opening_hours": ALWAYS},
    {"title": "Beratung Hörde", "category": "counselling", "lat": 51.4870, "lng": 7.5040,
     "district": "Hörde", "opening_hours": ALWAYS},
]  # fmt: skip
COPY_ONLY = """
  Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true });
  Object.defineProperty(navigator, "clipboard", {
    value: { writeText: async (text) => { window.copied = text; } },
  });
"""


@pytest.fixture(scope="module", params=["tiles", "no tiles"])
def city(request, tmp_path_factory):
    """The four offers, served with the test tiles or with tiles from a closed port."""
    path = str(tmp_path_factory.mktemp("find-help") / "city.db")
    db = store.connect(path)
    store.init(db)
    for fields in OFFERS:
        offer = offers.clean(fields | {"status": "published", "city": "Dortmund"})
        offer_store.create_offer(db, offer, by="test")
    db.close()
    closed = f"http://127.0.0.1:{free_port()}/blocked/"  # nobody listens there
    tiles = TILE_PATH if request.param == "tiles" else closed
    app = create_app({"TESTING": True, "DB": path, "SECRET_KEY": "test",
                      "TILE_URL": tiles + "{z}/{x}/{y}.png"})  # fmt: skip
    with serving(app) as url:
        yield url, request.param


@pytest.fixture
def tolerate_blocked_tiles(city, problems):
    """Without tiles the browser reports each refused tile; nothing else is expected."""
    yield
    if city[1] == "no tiles":
        problems[:] = [problem for problem in problems if "ERR_CONNECTION_REFUSED" not in problem]


def test_a_newcomer_finds_clothes_open_now_in_their_district_and_shares_the_link(
    page, city, tolerate_blocked_tiles
):
    url, _tiles = city
    page.add_init_script(COPY_ONLY)
    page.set_viewport_size(PHONE)
    page.goto(f"{url}/?lang=ar")
    ready = page.locator("html")
    expect(ready).to_have_attribute("data-ready", "1")
    expect(page.locator("#results > li")).to_have_count(len(OFFERS))
    # Only clothes: the chip of "donations" alone (the others unticked).
    for chip in page.locator(".chips input[name=category]").all():
        if chip.get_attribute("value") != "donations":
            chip.uncheck()
    expect(page.locator("#results > li")).to_have_count(3)
    page.locator(".filters details summary").click()  # "more filters"
    page.locator("select[name=district]").select_option("Hörde")
    page.locator("input[name=open_now]").check()
    expect(ready).to_have_attribute("data-ready", "1")
    card = page.locator("#results > li")
    expect(card).to_have_count(1)
    expect(card.locator("h2")).to_have_text("Kleiderkammer Hörde")
    expect(page).to_have_url(re.compile(r"category=donations.*district=H.*open_now=1"))
    # The right days, in week order, in Arabic, in the popup as on the offer's page.
    card.locator("[data-action=twin]").click()
    rows = page.locator(".leaflet-popup-content .hours li")
    expect(rows).to_have_count(2)
    days = [row.locator(".day").inner_text() for row in rows.all()]
    assert days[0].startswith("الاثنين") and days[1].startswith("السبت"), days
    # Share from the popup: no share dialog here, so the link is copied and the page says so.
    popup = page.locator(".leaflet-popup-content")
    # Pressed by keyboard: a click lands at a spot, and the popup may still be panning into
    # view once its details are shown (a click on the map beside it would close it).
    popup.get_by_role("button", name="مشاركة").press("Enter")
    expect(popup.locator(".share-status")).to_have_text("تم نسخ الرابط")
    copied = page.evaluate("window.copied")
    assert re.fullmatch(rf"{re.escape(url)}/offers/\d+\?lang=ar", copied), copied
    page.goto(copied)
    expect(page.locator("h1")).to_have_text("Kleiderkammer Hörde")
    assert [day.inner_text() for day in page.locator(".hours li .day").all()] == days

"""What people see and do on the map page and the public forms (issue 12), at a phone's and a
desktop's width, in German and Arabic: opening days, the language menu, popups clear of the
controls, the keyboard path to the results, "near me", checkboxes beside their labels."""

import re

import pytest
from playwright.sync_api import expect

from refugee_map import create_app, store
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store
from refugee_map.web import i18n

from .conftest import OFFERS, show_view

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1366, "height": 850}
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360", "1366"])
LANGS = pytest.mark.parametrize("lang", ["de", "ar"])
WEEKDAYS_TITLE = "Kleiderkammer Wochentage"
MENGEDE = {"latitude": 51.5690, "longitude": 7.3850}
METRES_PER_PIXEL_AT_16 = 156543.03 * 0.6225 / 2**16  # cos(51.5°): Dortmund's latitude
METRES_PER_DEGREE_LAT = 111_320


def open_map(page, query=""):
    page.goto(f"/{query}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    return page.locator("#results > li")


@pytest.fixture
def weekday_offer(live_server, live_db_path):
    """An offer open Mo–Fr 10–17 and Sa 10–13 (once shown as "Fr–Mo / Sa / Do–Mi"),
    removed again afterwards so the other map tests see only their own offers."""
    app = create_app({"TESTING": True, "DB": live_db_path, "SECRET_KEY": "test"})
    db = store.connect(live_db_path)
    fields = {"title": WEEKDAYS_TITLE, "category": "donations", "lat": 51.5250, "lng": 7.4700,
              "district": "Innenstadt-Nord", "city": "Dortmund", "status": "published",
              "opening_hours": "Mo-Fr 10:00-17:00; Sa 10:00-13:00"}  # fmt: skip
    with app.app_context():
        offer = offer_store.create_offer(db, offers.clean(fields), by="weekday-test")
    yield offer
    with db.atomic():
        db.execute(
            "UPDATE offers SET deleted_at = ?, status = 'archived' WHERE created_by = ?",
            [store.now(), "weekday-test"],
        )
    db.close()


def texts(locator) -> list[str]:
    return [" ".join(text.split()) for text in locator.all_inner_texts()]


@SIZES
@LANGS
def test_popup_card_offer_page_and_list_show_the_same_days_in_week_order(
    page, weekday_offer, size, lang
):
    page.set_viewport_size(size)
    results = open_map(page, f"?lang={lang}&q=Kleiderkammer")
    expect(results).to_have_count(1)
    card_state = results.first.locator(".opening-state").inner_text()
    results.first.locator("[data-action=twin]").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator(".hours li")).to_have_count(2)
    popup_rows, popup_state = texts(popup.locator(".hours li")), popup.locator(".opening-state")
    expect(popup_state).to_have_text(card_state)
    if lang == "de":
        assert popup_rows == ["Mo–Fr 10:00–17:00", "Sa 10:00–13:00"]
    page.goto(f"/offers/{weekday_offer['id']}?lang={lang}")
    assert texts(page.locator(".hours li")) == popup_rows
    expect(page.locator(".opening-state")).to_have_text(card_state)
    page.goto(f"/list?lang={lang}&q=Kleiderkammer")
    assert texts(page.locator(".hours li")) == popup_rows
    expect(page.locator(".opening-state")).to_have_text(card_state)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_the_language_menu_opens_fully_on_screen_on_a_phone(page, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"/list?lang={lang}")  # the same header as the map's, quicker to load
    page.locator(".language-menu summary").click()
    links = page.locator(".language-menu a")
    expect(links).to_have_count(len(i18n.LANGUAGES))
    for link in links.all():
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()
        assert link.evaluate("a => a.scrollWidth <= a.clientWidth"), link.inner_text()


def wait_until_clear(page, selectors: str) -> None:
    """Wait until the open popup (panned into view) covers none of `selectors`."""
    page.wait_for_function(
        """selectors => {
          const popup = document.querySelector('.leaflet-popup').getBoundingClientRect();
          return [...document.querySelectorAll(selectors)].filter(node => {
            const box = node.getBoundingClientRect();
            return box.width && box.height && box.left < popup.right && popup.left < box.right
              && box.top < popup.bottom && popup.top < box.bottom;
          }).length === 0;
        }""",
        arg=selectors,
        timeout=3000,
    )


@SIZES
@LANGS
def test_a_popup_near_the_top_pans_clear_of_the_zoom_control_and_the_filter_button(
    page, size, lang
):
    page.set_viewport_size(size)
    open_map(page, f"?lang={lang}")
    centre = OFFERS[0]
    height = page.locator("#map").evaluate("map => map.clientHeight")
    south = (height / 2 - 40) * METRES_PER_PIXEL_AT_16 / METRES_PER_DEGREE_LAT  # 40 px from top
    # Waits for the new view, not the flag the first one left at "1".
    show_view(page, f"#16/{centre['lat'] - south:.5f}/{centre['lng']:.5f}")
    page.locator(f".leaflet-marker-icon[title='{centre['title']}']").click()
    expect(page.locator(".leaflet-popup-content .opening-state")).to_be_visible()
    wait_until_clear(page, ".leaflet-control-zoom, .to-panel, .leaflet-control-attribution")


@SIZES
@LANGS
def test_from_the_skip_link_the_search_and_the_first_card_are_a_few_tabs_away(page, size, lang):
    page.set_viewport_size(size)
    results = open_map(page, f"?lang={lang}")
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    first_card = results.first.get_by_role("link").first
    presses = {}
    for press in range(1, 26):
        page.keyboard.press("Tab")
        if page.locator("#q").evaluate("q => q === document.activeElement"):
            presses["search"] = press
        if first_card.evaluate("a => a === document.activeElement"):
            presses["card"] = press
            break
    assert presses.get("search", 99) <= 3 and presses.get("card", 99) <= 25, presses
    expect(page.locator("#map [tabindex='0']:not(.leaflet-container)")).to_have_count(0)


@SIZES
def test_escape_closes_a_popup_opened_from_the_list_and_returns_the_focus(page, size):
    page.set_viewport_size(size)
    results = open_map(page)
    show = results.filter(has_text="Möbelbörse Hörde").locator("[data-action=twin]")
    show.focus()
    page.keyboard.press("Enter")
    details = page.locator(".leaflet-popup-content").get_by_role("link", name="Details")
    expect(details).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(show).to_be_focused()


def last_view(asked: list[str]) -> list[float]:
    """The bbox (west, south, east, north) of the map's last /api/map request."""
    views = [url for url in asked if "/api/map?" in url]
    return [float(part) for part in re.search(r"bbox=([^&]+)", views[-1]).group(1).split("%2C")]


@SIZES
def test_near_me_shows_the_nearest_offers_around_a_clearly_marked_visitor(
    page, context, live_server, size
):
    page.set_viewport_size(size)
    context.grant_permissions(["geolocation"], origin=live_server)
    context.set_geolocation(MENGEDE)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    results = open_map(page)
    page.get_by_role("button", name="In meiner Nähe").click()
    expect(results.first).to_contain_text("Deutschkurs Mengede")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")  # and the map moved
    west, south, east, north = last_view(asked)
    by_title = {offer["title"]: offer for offer in OFFERS}
    for title in [text.split("\n")[0] for text in results.locator("h2").all_inner_texts()[:3]]:
        offer = by_title[title]
        assert west <= offer["lng"] <= east and south <= offer["lat"] <= north, title
    here = page.locator("#map path.you-are-here")
    expect(here).to_be_visible()
    assert here.get_attribute("fill") not in ("#fff", "#ffffff", "white")
    assert here.bounding_box()["width"] >= 20


CHOICES = """() => [...document.querySelectorAll('main [type=checkbox], main [type=radio]')]
  .filter(input => input.offsetParent)
  .map(input => {
    const label = input.labels[0];
    const words = [...label.childNodes].find(n => n.nodeType === 3 && n.textContent.trim())
      ?? label.querySelector('span');
    const range = document.createRange();
    range.selectNodeContents(words);
    const line = range.getClientRects()[0];
    const box = input.getBoundingClientRect();
    const middle = (box.top + box.bottom) / 2;
    return {name: input.name, text: label.textContent.trim().slice(0, 30),
            beside: line.top <= middle && middle <= line.bottom};
  })"""


@SIZES
@LANGS
@pytest.mark.parametrize("path", ["/suggest", "/offers/1/report"])
def test_checkboxes_and_radios_sit_on_the_line_of_their_labels(page, size, lang, path):
    page.set_viewport_size(size)
    page.goto(f"{path}?lang={lang}")
    choices = page.evaluate(CHOICES)
    assert choices
    apart = [choice for choice in choices if not choice["beside"]]
    assert not apart, apart


@LANGS
def test_the_popups_close_button_is_named_in_the_pages_language(page, lang):
    results = open_map(page, f"?lang={lang}")
    results.first.locator("[data-action=twin]").click()
    close = page.locator(".leaflet-popup-close-button")
    expect(close).to_have_attribute(
        "aria-label", {"de": "Angaben schließen", "ar": "إغلاق التفاصيل"}[lang]
    )

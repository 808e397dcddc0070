"""The map page's layout: results first (a column on wide screens, a sheet over the map on
phones), category chips, cards with actions, cluster rings that name their categories, and the
districts on the map. At 360×740 and 1366×850, in German and Arabic."""

import json
import math
import re

import pytest
from playwright.sync_api import expect

from refugee_map.store import map_view

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 850}}
LANGS = ["de", "ar"]
EVERY = [(screen, lang) for screen in SCREENS for lang in LANGS]
# No share dialog; the clipboard keeps what is copied in window.copied.
COPY_ONLY = """
  Object.defineProperty(Navigator.prototype, "share", { value: undefined, configurable: true });
  Object.defineProperty(navigator, "clipboard", {
    value: { writeText: async (text) => { window.copied = text; } },
  });
"""
SHARE = "navigator.share = async (data) => { window.shared = data; };"


def open_map(page, url, screen, lang, fragment=""):
    page.set_viewport_size(SCREENS[screen])
    page.goto(f"{url}/?lang={lang}{fragment}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")


def until(page, expression: str):
    """The value of ``expression`` once it is truthy (wait_for_function needs eval, which the
    page's CSP forbids)."""
    for _ in range(100):
        value = page.evaluate(expression)
        if value:
            return value
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {expression}")


# --- the sheet (phone) and the column (desktop) ---------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_phone_sheet_changes_size_by_click_and_keeps_the_map_in_sight(page, live_server, lang):
    open_map(page, live_server, "phone", lang)
    handle, panel = page.locator("#sheet-handle"), page.locator("#panel")
    sizes = {}
    for size, expanded in (("half", "true"), ("full", "true"), ("peek", "false")):
        expect(page.locator("#map-app")).to_have_attribute("data-sheet", size)
        expect(handle).to_have_attribute("aria-expanded", expanded)
        sizes[size] = panel.bounding_box()
        handle.click()
    assert sizes["peek"]["height"] < sizes["half"]["height"] < sizes["full"]["height"]
    assert sizes["full"]["y"] > page.locator("#map").bounding_box()["y"]  # a strip of map
    assert sizes["half"]["y"] > 300  # the map above the half-open sheet
    expect(page.locator("#status")).to_be_in_viewport()  # the peeking sheet shows the count


@pytest.mark.parametrize("lang", LANGS)
def test_phone_sheet_changes_size_by_keyboard_and_by_dragging(page, live_server, lang):
    open_map(page, live_server, "phone", lang)
    handle, app = page.locator("#sheet-handle"), page.locator("#map-app")
    handle.focus()
    for key, size in (("ArrowDown", "peek"), ("ArrowDown", "peek"), ("ArrowUp", "half"),
                      ("ArrowUp", "full"), ("Enter", "peek"), ("Space", "half")):  # fmt: skip
        page.keyboard.press(key)
        expect(app).to_have_attribute("data-sheet", size)
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, 120, steps=5)
    page.mouse.up()
    expect(app).to_have_attribute("data-sheet", "full")


@pytest.mark.parametrize("lang", LANGS)
def test_wide_screen_panel_shows_count_and_first_cards_without_the_sheet_handle(
    page, live_server, lang
):
    open_map(page, live_server, "desktop", lang)
    expect(page.locator("#sheet-handle")).to_be_hidden()
    expect(page.locator("#status")).to_be_in_viewport()
    expect(page.locator("#results > li").nth(1)).to_be_in_viewport()


@pytest.mark.parametrize("screen, lang", EVERY)
def test_category_chips_filter_the_list(page, live_server, screen, lang):
    open_map(page, live_server, screen, lang)
    results = page.locator("#results > li")
    expect(results).to_have_count(4)
    page.locator("label", has=page.locator("input[value=education]")).click()
    expect(results).to_have_count(3)
    expect(page.locator("input[value=education]")).not_to_be_checked()


# --- cards and popups ---------------------------------------------------------------------


def first_card_with_phone_and_route(page, url):
    """The first offer of the demo list that has a phone number and a route, and its card."""
    features = page.request.get(f"{url}/api/offers?limit=30").json()["features"]
    feature = next(
        f for f in features if f["properties"]["phone"] and f["properties"]["directions"]["osm_url"]
    )
    return feature, page.locator(f"#offer-{feature['id']}")


@pytest.mark.parametrize("screen, lang", EVERY)
def test_card_actions_call_route_and_details(page, demo_server, screen, lang):
    url, _count = demo_server
    open_map(page, url, screen, lang)
    feature, card = first_card_with_phone_and_route(page, url)
    digits = re.sub(r"[^+\d]", "", feature["properties"]["phone"])
    expect(card.locator(".card-actions a[href^='tel:']")).to_have_attribute("href", f"tel:{digits}")
    expect(card.locator(".card-actions [data-action=route]")).to_have_attribute(
        "href", feature["properties"]["directions"]["osm_url"]
    )
    details = card.locator("[data-action=details]")
    expect(details).to_have_attribute("href", re.compile(rf"/offers/{feature['id']}"))


@pytest.mark.parametrize("screen, lang", EVERY)
def test_share_without_web_share_copies_the_link_and_says_so(page, live_server, screen, lang):
    page.add_init_script(COPY_ONLY)
    open_map(page, live_server, screen, lang)
    card = page.locator("#offer-1")
    card.locator(".card-actions button").first.click()
    expect(card.locator(".share-status")).to_have_text(
        {"de": "Link kopiert", "ar": "تم نسخ الرابط"}[lang]
    )
    copied = until(page, "window.copied")
    assert re.fullmatch(rf"{re.escape(live_server)}/offers/1(\?lang={lang})?", copied), copied


def test_share_uses_the_web_share_api_where_the_browser_has_it(page, live_server):
    page.add_init_script(SHARE)
    open_map(page, live_server, "phone", "de")
    page.locator("#offer-2").get_by_role("button", name="Teilen").click()
    assert until(page, "window.shared") == {
        "title": "Möbelbörse Hörde",
        "url": f"{live_server}/offers/2?lang=de",
    }
    expect(page.locator("#offer-2 .share-status")).to_be_empty()


@pytest.mark.parametrize("screen, lang", EVERY)
def test_card_marks_its_marker_and_the_popup_leads_back_to_the_card(
    page, live_server, screen, lang
):
    open_map(page, live_server, screen, lang)
    card = page.locator("#offer-2")
    marker = page.locator(".marker[title='Möbelbörse Hörde']")
    card.locator("h2 a").focus()
    expect(marker).to_have_class(re.compile(r"is-highlighted"))
    card.locator("h2 a").blur()
    expect(marker).not_to_have_class(re.compile(r"is-highlighted"))
    card.locator(".card-actions button").last.click()  # show on the map
    popup = page.locator(".leaflet-popup-content .popup")
    expect(popup.locator(".card-actions")).to_be_visible()
    # By keyboard: a pointer click aims at a spot, and the popup may still be panning into view
    popup.locator(".card-actions button").last.press("Enter")  # show in the list
    expect(popup).to_have_count(0)
    expect(card.locator("h2 a")).to_be_focused()


# --- cluster rings ------------------------------------------------------------------------


def category_labels(page) -> list[str]:
    config = page.locator("#map-app").get_attribute("data-config")
    return [c["label"] for c in json.loads(config)["categories"]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("grouped_by", ["server", "browser"])
def test_cluster_ring_names_its_categories_and_they_add_up(
    page, demo_server, monkeypatch, lang, grouped_by
):
    if grouped_by == "server":
        monkeypatch.setattr(map_view, "FEW_OFFERS", 10)  # the city view comes as clusters
    url, _count = demo_server
    open_map(page, url, "desktop", lang)
    labels = category_labels(page)
    clusters = page.locator("#map .count-marker")
    expect(clusters.first).to_be_visible()
    for cluster in clusters.all():
        name = cluster.get_attribute("aria-label")
        numbers = [int(n) for n in re.findall(r"\d+", name)]  # Arabic-Indic digits too
        named = [label for label in labels if label in name]
        assert numbers[0] == int(cluster.text_content()) == sum(numbers[1:]), name
        assert len(named) == len(numbers) - 1 >= 1, name
        assert "conic-gradient" in cluster.evaluate("icon => icon.style.background")


def test_street_level_on_a_phone_shows_single_symbols(page, demo_server):
    url, _count = demo_server
    features = page.request.get(f"{url}/api/offers").json()["features"]
    points = [f["geometry"]["coordinates"] for f in features if f["geometry"]]

    def neighbours(point):  # offers within about 30 m (40 px at zoom 17)
        return sum(math.dist(point, other) < 0.0004 for other in points)

    lng, lat = max(points, key=neighbours)
    assert neighbours((lng, lat)) > 1, "the demo data has no close neighbours to show"
    page.set_viewport_size(SCREENS["phone"])
    page.goto(f"{url}/#17/{lat}/{lng}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator("#map .marker").first).to_be_attached()
    expect(page.locator("#map .count-marker")).to_have_count(0)
    shown = page.locator("#map .marker").count()
    assert shown == int(page.locator("#map").get_attribute("data-represented")) > 1


# --- districts ----------------------------------------------------------------------------


@pytest.mark.parametrize("screen, lang", EVERY)
def test_choosing_a_district_zooms_to_it_and_the_menu_counts_offers(
    page, live_server, screen, lang
):
    open_map(page, live_server, screen, lang, "#14/51.5686/7.3846")  # Mengede, far from Hörde
    expect(page.locator("#map path").first).to_be_attached()  # the districts' outlines
    option = page.locator("#district option[value='Hörde']")
    expect(option).to_have_text(re.compile(r"^Hörde \((1|١)\)$"))
    marker = page.locator(".marker[title='Möbelbörse Hörde']")
    expect(marker).to_have_count(0)
    page.locator(".more-filters summary").click()
    page.locator("#district").select_option("Hörde")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(marker).to_have_count(1)
    assert marker.evaluate(
        """icon => {  // inside the map and clear of the phone's sheet
             const map = document.getElementById("map").getBoundingClientRect();
             const sheet = document.getElementById("panel").getBoundingClientRect();
             const at = icon.getBoundingClientRect();
             const bottom = sheet.top > map.top ? Math.min(map.bottom, sheet.top) : map.bottom;
             return at.left >= map.left && at.right <= map.right && at.top >= map.top
               && at.bottom <= bottom;
           }"""
    )
    page.locator("label", has=page.locator("input[value=donations]")).click()
    expect(option).to_have_text(re.compile(r"^Hörde \((0|٠)\)$"))


def test_every_image_on_the_map_page_has_its_size_before_it_loads(page, live_server):
    """Lighthouse's unsized-images: an image without width and height shifts the page."""
    open_map(page, live_server, "phone", "de")
    expect(page.locator("#results > li").first).to_be_visible()
    unsized = page.evaluate(
        """[...document.querySelectorAll("#panel img, .leaflet-popup img")]
           .filter((img) => !img.getAttribute("width") || !img.getAttribute("height"))
           .map((img) => img.outerHTML)"""
    )
    assert unsized == []


def test_the_districts_are_asked_for_and_drawn_once(page, live_server, tiles):
    """One outline per district (the no-tiles line and the district menu share it)."""
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/api/districts" in r.url else None)
    open_map(page, live_server, "desktop", "de")
    districts = page.request.get(f"{live_server}/api/districts").json()["features"]
    outlines = page.locator("#map .leaflet-overlay-pane path")
    expect(outlines).to_have_count(len(districts))
    assert len(asked) == 1

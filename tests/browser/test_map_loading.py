"""The map asks for what it shows: /api/map per view (clusters and offers), the list a page
at a time, popup details on demand. Run on the demo offers (85: more than a list page)."""

import math
import re

import pytest
from playwright.sync_api import expect

from refugee_map.store import map_view

from .conftest import show_view

pytestmark = pytest.mark.browser

SHOWN = """() => [...document.querySelectorAll('#map .leaflet-marker-icon')].reduce(
             (sum, icon) => sum + (parseInt(icon.textContent, 10) || 1), 0)"""
TILE = 256  # Web-Mercator pixels per tile at zoom 0, as Leaflet counts them


@pytest.fixture
def few_offers_per_view(monkeypatch):
    """The live servers run in this process: the demo city view comes back as clusters."""
    monkeypatch.setattr(map_view, "FEW_OFFERS", 10)


def open_map(page, url, query=""):
    page.goto(f"{url}/{query}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")


def markers_add_up_to(page, drawn: int) -> None:
    """Wait until the markers on the map add up to ``drawn``: MarkerCluster may still be
    moving markers in and out of its groups for a moment after the view is drawn."""
    page.wait_for_function(f"(drawn) => ({SHOWN})() === drawn", arg=drawn)


def represented(page) -> int:
    return int(page.locator("#map").get_attribute("data-represented"))


def to_pixel(lat: float, lng: float, zoom: int) -> tuple[float, float]:
    scale = TILE * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lng + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def to_latlng(x: float, y: float, zoom: int) -> tuple[float, float]:
    scale = TILE * 2**zoom
    lat = math.degrees(2 * math.atan(math.exp((1 - 2 * y / scale) * math.pi)) - math.pi / 2)
    return lat, x / scale * 360 - 180


def tiled_views(bounds, width: int, height: int, zoom: int):
    """URL fragments (#zoom/lat/lng) of views side by side that together cover ``bounds``:
    each view's edges lie on whole pixels, so neighbours share an edge exactly."""
    (south, west), (north, east) = bounds
    left, top = (math.floor(v) for v in to_pixel(north, west, zoom))
    right, bottom = to_pixel(south, east, zoom)
    for row in range(math.ceil((bottom - top) / height)):
        for column in range(math.ceil((right - left) / width)):
            x = left + column * width + width / 2
            y = top + row * height + height / 2
            lat, lng = to_latlng(x, y, zoom)
            yield f"#{zoom}/{lat!r}/{lng!r}"


def test_city_view_clusters_and_markers_represent_every_offer(
    page, demo_server, few_offers_per_view
):
    url, count = demo_server
    with page.expect_response(re.compile(r"/api/map\?")) as answer:
        open_map(page, url)
    assert answer.value.json()["clusters"], "the server sent no clusters"
    clusters = page.locator("#map .count-marker")
    expect(clusters.first).to_be_visible()
    assert represented(page) == count
    markers_add_up_to(page, count)
    expect(clusters.first).to_have_attribute("aria-label", re.compile(r"^\d+ Angebote: "))


def asked_zooms(page) -> list[int]:
    """The zoom of every /api/map request the page makes from now on."""
    zooms: list[int] = []
    page.on(
        "request", lambda r: zooms.extend(map(int, re.findall(r"/api/map\?.*zoom=(\d+)", r.url)))
    )
    return zooms


def test_a_cluster_click_zooms_in_towards_it(page, demo_server, few_offers_per_view):
    url, _count = demo_server
    zooms = asked_zooms(page)
    open_map(page, url)
    page.locator("#map .count-marker").first.click()
    expect(page).to_have_url(re.compile(r"#\d+/"))
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    assert zooms[-1] > zooms[0]
    markers_add_up_to(page, represented(page))


def test_counts_and_markers_are_named_pictures_outside_the_tab_order(page, demo_server):
    url, _count = demo_server
    open_map(page, url)
    counts = page.get_by_role("img", name=re.compile(r"^\d+ Angebote: "))
    expect(counts.first).to_be_visible()
    expect(page.locator(".leaflet-marker-icon[tabindex]")).to_have_count(0)


def test_panning_at_street_zoom_shows_every_offer_exactly_once(page, demo_server):
    url, count = demo_server
    page.set_viewport_size({"width": 1920, "height": 1200})
    open_map(page, url)
    size = page.locator("#map").evaluate("map => [map.clientWidth, map.clientHeight]")
    bounds = page.evaluate("JSON.parse(document.getElementById('map-app').dataset.config).bounds")
    seen = 0
    for view in tiled_views(bounds, *size, zoom=14):
        show_view(page, view)
        drawn = represented(page)
        markers_add_up_to(page, drawn)
        seen += drawn
    assert seen == count


def test_scrolling_the_list_loads_every_page_and_the_count_is_exact(page, demo_server):
    url, count = demo_server
    page.set_viewport_size({"width": 1280, "height": 800})
    open_map(page, url)
    cards = page.locator("#results > li")
    expect(page.locator("#status")).to_have_text(f"{count} Angebote gefunden.")
    expect(cards).to_have_count(10)  # the first page; the next ones have 30
    page.locator("#panel").hover()
    while cards.count() < count:
        shown = cards.count()
        page.mouse.wheel(0, 20000)
        expect(cards).not_to_have_count(shown)
    expect(page.locator("#load-more")).to_be_hidden()
    titles = sorted(page.locator("#results > li h2").all_inner_texts())
    everything = page.request.get(f"{url}/api/offers?lang=de").json()["features"]
    assert titles == sorted(f["properties"]["title"] for f in everything)
    expect(page.locator("#status")).to_have_text(f"{count} Angebote gefunden.")


def test_load_more_by_keyboard_without_intersection_observer(page, demo_server):
    url, count = demo_server
    page.add_init_script("delete window.IntersectionObserver")
    open_map(page, url)
    cards = page.locator("#results > li")
    more = page.get_by_role("button", name="Mehr laden")
    more.focus()
    page.keyboard.press("Enter")
    expect(cards).to_have_count(40)  # the first page of 10, a page of 30
    expect(cards.nth(10).get_by_role("link").first).to_be_focused()  # where the new cards start
    more.focus()
    page.keyboard.press("Enter")
    expect(cards).to_have_count(70)
    more.focus()
    page.keyboard.press("Enter")
    expect(cards).to_have_count(count)  # the demo's 85
    expect(more).to_be_hidden()


def test_popup_details_load_when_it_opens(page):
    asked = []
    page.on("request", lambda r: asked.extend(re.findall(r"/api/offers/(\d+)", r.url)))
    held = []
    page.route(re.compile(r"/api/offers/\d+"), lambda route: held.append(route))
    open_map(page, "")
    assert asked == []  # nothing but the view and the list's first page so far
    page.locator("#map .leaflet-marker-icon[title='Möbelbörse Hörde']").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_have_text("Angaben werden geladen …")
    for _ in range(100):  # the request is held until the loading text was seen
        if held:
            break
        page.wait_for_timeout(50)
    held.pop().continue_()
    expect(popup.get_by_role("heading")).to_have_text("Möbelbörse Hörde")
    expect(popup.get_by_role("link", name="Details")).to_be_visible()
    assert len(asked) == 1

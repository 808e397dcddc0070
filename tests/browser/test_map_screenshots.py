"""Screenshots of the map page and the list on a phone and a desktop, in German and Arabic,
for the README. They go to $REFUGEE_MAP_SHOTS when set (e.g. docs/screenshots), else to the
test's temporary folder; each test also checks that the first screen shows results."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 850}}


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("REFUGEE_MAP_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_map_page_screenshots_show_count_first_card_and_a_popup(
    page, demo_server, shots, screen, lang
):
    url, _count = demo_server
    page.set_viewport_size(SCREENS[screen])
    page.goto(f"{url}/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    path = shots / f"map-{screen}-{lang}.png"
    page.screenshot(path=path)
    expect(page.locator("#status")).to_be_in_viewport()
    expect(page.locator("#results > li").first).to_be_in_viewport()
    page.locator("#results > li").first.locator(".card-actions button").last.click()
    expect(page.locator(".leaflet-popup-content .card-actions")).to_be_in_viewport()
    expect(page.locator(".leaflet-popup-content h2")).to_be_in_viewport(ratio=1)  # panned
    page.screenshot(path=shots / f"map-{screen}-{lang}-popup.png")
    assert path.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_list_page_screenshot(page, demo_server, shots, screen, lang):
    url, _count = demo_server
    page.set_viewport_size(SCREENS[screen])
    page.goto(f"{url}/list?lang={lang}")
    expect(page.locator(".results > li").first).to_be_visible()
    path = shots / f"list-{screen}-{lang}.png"
    page.screenshot(path=path)
    assert path.read_bytes().startswith(b"\x89PNG")

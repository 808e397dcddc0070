"""Right-to-left: Arabic and Farsi pages mirror, while map, numbers and addresses stay readable."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def open_map(page, query):
    page.goto(f"/{query}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_map_page_is_mirrored_with_controls_on_the_right(page, lang):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_map(page, f"?lang={lang}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The panel (filters, list) sits at the start of the line: on the left in RTL.
    map_box = page.locator("#map").bounding_box()
    panel_box = page.locator("#panel").bounding_box()
    assert panel_box["x"] + panel_box["width"] <= map_box["x"] + 1
    expect(page.locator(".leaflet-top.leaflet-right .leaflet-control-zoom")).to_have_count(1)
    expect(page.locator(".leaflet-bottom.leaflet-left .leaflet-control-attribution")).to_have_count(
        1
    )
    assert page.locator("#map").evaluate("el => getComputedStyle(el).direction") == "ltr"


def test_german_map_keeps_zoom_on_the_left(page):
    open_map(page, "")
    expect(page.locator(".leaflet-top.leaflet-left .leaflet-control-zoom")).to_have_count(1)
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Vergrößern")


def test_popup_and_list_read_right_to_left_with_german_text_marked(page):
    open_map(page, "?lang=ar")
    item = page.locator("#results > li").filter(has_text="Möbelbörse Hörde")
    expect(item.locator("h2")).to_have_attribute("lang", "de")
    expect(item).to_contain_text("لم تتم الترجمة بعد")
    item.get_by_role("button", name="عرض على الخريطة").click()
    popup = page.locator(".leaflet-popup-content .popup")
    expect(popup).to_have_attribute("dir", "rtl")
    expect(popup.get_by_role("heading")).to_have_attribute("lang", "de")
    expect(popup.get_by_role("link", name="التفاصيل")).to_be_focused()


# An address in its <bdi>: left to right inside the right-to-left line (which keeps the
# page's alignment), its comma drawn right after the house number, not on the other side.
ADDRESS_READING = """bdi => {
  const text = bdi.firstChild;
  const comma = text.data.indexOf(",");
  const box = (at) => {
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 1);
    return range.getBoundingClientRect();
  };
  return [getComputedStyle(bdi).direction, getComputedStyle(bdi.parentElement).direction,
          comma > 0 && box(comma).left >= box(comma - 1).right - 1];
}"""
ADDRESS = "Kampstraße 1"


def address_reads_in_order(page, where: str) -> None:
    bdi = page.locator(f"{where} bdi", has_text=ADDRESS).first
    assert bdi.evaluate(ADDRESS_READING) == ["ltr", "rtl", True], where


def test_addresses_read_left_to_right_inside_arabic_on_every_page(page):
    open_map(page, f"?lang=ar&q={ADDRESS}")
    address_reads_in_order(page, "#results .address")
    page.locator("#results > li").first.get_by_role("button", name="عرض على الخريطة").click()
    address_reads_in_order(page, ".leaflet-popup-content .address")
    page.goto(f"/list?lang=ar&q={ADDRESS}")
    address_reads_in_order(page, ".results .result")
    page.locator(".results .result h3 a").first.click()
    address_reads_in_order(page, ".facts dd")


def test_times_stay_left_to_right_inside_arabic(page):
    page.goto("/list?lang=ar")
    page.evaluate(
        "document.querySelector('.results').insertAdjacentHTML('beforeend',"
        " '<li><span class=\"slot\">09:00–12:00</span></li>')"
    )
    slot = page.locator(".results .slot").last
    assert slot.evaluate("el => getComputedStyle(el).direction") == "ltr"


def test_list_page_in_farsi_puts_the_filters_on_the_right(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/list?lang=fa")
    filters = page.locator(".list-layout .panel").bounding_box()
    results = page.locator(".list-layout .results").bounding_box()
    assert filters["x"] > results["x"]
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "خدمات کمکی برای پناهجویان در دورتموند"
    )

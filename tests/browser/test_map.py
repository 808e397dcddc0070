"""The map page and the list page in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import OFFERS, XSS_TITLE, guard

pytestmark = pytest.mark.browser

MENGEDE = {"latitude": 51.5690, "longitude": 7.3850}


def open_map(page, query=""):
    page.goto(f"/{query}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    return page.locator("#results > li")


@pytest.mark.both_engines  # a smoke test of the PostgreSQL store
def test_map_shows_every_offer_as_marker_and_in_the_list(page, tiles):
    results = open_map(page)
    expect(results).to_have_count(len(OFFERS))
    expect(page.locator("#status")).to_have_text("4 Angebote gefunden.")
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    assert tiles, "the configured tile URL was never asked"
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Testkacheln")


@pytest.mark.both_engines  # a smoke test of the PostgreSQL store
def test_category_filter_changes_results_and_url_and_back_restores(page):
    results = open_map(page)
    page.get_by_label("Bildungsangebote").uncheck()
    expect(results).to_have_count(3)
    expect(page).to_have_url(re.compile(r"category=counselling"))
    assert "education" not in page.url
    expect(page.get_by_role("link", name="Deutschkurs Mengede")).to_have_count(0)

    page.go_back()
    expect(results).to_have_count(4)
    expect(page.get_by_label("Bildungsangebote")).to_be_checked()
    assert "category" not in page.url


def test_district_filter_shows_only_that_district(page):
    results = open_map(page)
    page.get_by_text("Weitere Filter").click()
    page.get_by_label("Stadtbezirk").select_option("Hörde")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Möbelbörse Hörde")
    expect(page).to_have_url(re.compile(r"district=H%C3%B6rde"))


def test_search_narrows_the_list(page):
    results = open_map(page)
    page.get_by_label("Suche").fill("Möbel")
    page.get_by_label("Suche").press("Enter")
    expect(results).to_have_count(1)
    expect(page.locator("#status")).to_have_text("1 Angebot gefunden.")
    expect(page).to_have_url(re.compile(r"q=M%C3%B6bel"))


def test_filters_in_the_url_are_applied_when_the_page_opens(page):
    results = open_map(page, "?category=donations&category=education")
    expect(results).to_have_count(2)
    expect(page.get_by_label("Beratungsangebote")).not_to_be_checked()
    expect(page.get_by_role("link", name="Liste", exact=True)).to_have_attribute(
        "href", re.compile(r"/list\?category=donations&category=education")
    )


def test_a_bad_filter_in_the_url_is_explained_and_can_be_fixed(page, problems):
    results = open_map(page, "?district=Atlantis")
    expect(page.locator("#filter-error")).to_have_text("Unbekannter Stadtbezirk.")
    # The page itself answers 400 (Chromium logs that); the script asks nothing more.
    assert len(problems) == 1 and "status of 400" in problems.pop()
    page.get_by_label("Stadtbezirk").select_option("Mengede")
    expect(results).to_have_count(1)
    expect(page.locator("#filter-error")).to_be_empty()


def test_popup_and_list_show_a_script_title_as_text(page):
    results = open_map(page)
    item = results.filter(has_text=XSS_TITLE)
    expect(item.get_by_role("link", name=XSS_TITLE)).to_be_visible()
    item.get_by_role("button", name="Auf der Karte zeigen").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("heading")).to_have_text(XSS_TITLE)
    expect(popup).to_contain_text("<b>Verein</b>")
    expect(popup.get_by_role("link", name="Details")).to_be_focused()
    assert page.locator("img[src='x'], b").count() == 0


def test_popups_say_when_an_offer_was_last_checked(page):
    results = open_map(page)
    results.filter(has_text="Beratung im Zentrum").get_by_role(
        "button", name="Auf der Karte zeigen"
    ).click()
    popup = page.locator(".leaflet-popup-content")
    month = page.evaluate("new Date().toLocaleDateString('de', {month: 'long', year: 'numeric'})")
    expect(popup).to_contain_text(f"Zuletzt geprüft: {month}")
    expect(popup).not_to_contain_text("länger nicht geprüft")
    results.filter(has_text="Möbelbörse Hörde").get_by_role(
        "button", name="Auf der Karte zeigen"
    ).click()
    never_checked = page.locator(".leaflet-popup-content", has_text="Möbelbörse Hörde")
    expect(never_checked).to_contain_text("länger nicht geprüft")


def test_popups_show_the_opening_hours_rows_and_whether_the_offer_is_open_now(page):
    results = open_map(page)
    results.filter(has_text="Beratung im Zentrum").get_by_role(
        "button", name="Auf der Karte zeigen"
    ).click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator(".hours li").first).to_have_text("Mo–So 00:00–24:00")
    expect(popup.locator(".opening-state")).to_have_text("Rund um die Uhr geöffnet")
    results.filter(has_text="Möbelbörse Hörde").get_by_role(
        "button", name="Auf der Karte zeigen"
    ).click()
    no_hours = page.locator(".leaflet-popup-content", has_text="Möbelbörse Hörde")
    expect(no_hours.locator(".opening-state")).to_have_count(0)


def test_near_me_zooms_to_the_visitor_and_sorts_by_distance(page, context, live_server):
    context.grant_permissions(["geolocation"], origin=live_server)
    context.set_geolocation(MENGEDE)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    results = open_map(page)
    page.get_by_role("button", name="In meiner Nähe").click()
    expect(page.locator("#geo-message")).to_contain_text("nach Entfernung")
    expect(results.first).to_contain_text("Deutschkurs Mengede")
    expect(results.first.locator(".distance")).to_have_text(re.compile(r"^0(,\d)? km entfernt$"))
    expect(results.nth(1).locator(".distance")).to_contain_text("km entfernt")
    assert any("/api/offers?" in url and "near=51.569" in url for url in asked)
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(1)  # "you are here"


def test_near_me_refused_says_so(page):
    open_map(page)
    page.get_by_role("button", name="In meiner Nähe").click()
    expect(page.locator("#geo-message")).to_contain_text("nicht freigegeben")


def test_phone_width_has_no_horizontal_scroll_and_a_full_screen_map(page):
    page.set_viewport_size({"width": 360, "height": 740})
    open_map(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360
    box = page.locator("#map").bounding_box()
    assert box["width"] == 360 and box["height"] > 500


def test_wide_screen_shows_map_and_list_side_by_side(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_map(page)
    map_box = page.locator("#map").bounding_box()
    panel_box = page.locator("#panel").bounding_box()
    assert abs(map_box["y"] - panel_box["y"]) < 1
    assert map_box["x"] + map_box["width"] <= panel_box["x"] + 1


def test_language_switch_keeps_the_filters(page):
    open_map(page, "?category=donations")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"category=donations.*lang=en"))
    expect(page.locator("#results > li")).to_have_count(1)


def test_offer_page_shows_a_small_map(page):
    open_map(page)
    page.get_by_role("link", name="Möbelbörse Hörde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Möbelbörse Hörde")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator("#offer-map .leaflet-interactive")).to_have_count(1)


@pytest.mark.both_engines  # a smoke test of the PostgreSQL store
def test_list_works_without_javascript(browser, browser_context_args, problems):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    guard(context, problems)
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("link", name="Alle Angebote als Liste ansehen")).to_be_visible()
    page.get_by_label("Suche").fill("Deutschkurs")
    page.get_by_role("button", name="Suchen").click()
    expect(page).to_have_url(re.compile(r"/list\?.*q=Deutschkurs"))
    expect(page.locator(".results > li")).to_have_count(1)
    page.get_by_label("Beratungsangebote").uncheck()
    page.get_by_label("Suche").fill("")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator(".results > li")).to_have_count(3)
    context.close()


def test_every_public_page_stays_on_127_0_0_1_without_console_errors(page, problems):
    # The guard in conftest records any request elsewhere and any console error.
    for path in ("/", "/offers/1", "/?lang=en"):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("data-ready", "1")
    page.goto("/list?lang=en", wait_until="networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help for refugees in Dortmund")
    assert problems == []

"""The back office in a real browser: an editor's day, from login to logout."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser

TITLE = "Sprachcafé am Nordmarkt"


def ready(page):
    expect(page.locator("html")).to_have_attribute("data-ready", "1")


@pytest.mark.both_engines  # a smoke test of the PostgreSQL store
def test_editor_creates_publishes_edits_restores_and_logs_out(
    page, context, browser, base_url, editor_db, problems
):
    # Sign in: /admin/ sends an anonymous visitor to the login page and back.
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login\?next="))
    sign_in(page)
    expect(page.get_by_role("heading", name="Angebote verwalten")).to_be_visible()

    # A new offer from an address: "find" places an approximate pin.
    page.get_by_role("link", name="Neues Angebot", exact=True).click()
    ready(page)
    page.get_by_label("Kategorie").select_option("meeting-points")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Straße und Hausnummer").fill("Nordmarkt 1")
    page.get_by_label("Postleitzahl").fill("44145")
    page.get_by_role("button", name="Adresse auf der Karte finden").click()
    expect(page.locator("#geocode-status")).to_contain_text("ungefähr")
    approximate = page.get_by_label("Lage nur ungefähr (Pin noch nicht bestätigt)")
    expect(approximate).to_be_checked()
    pin = page.locator(".leaflet-marker-icon")
    expect(pin).to_be_visible()
    found_lat = page.locator("#lat").input_value()
    assert found_lat.startswith("51.")

    # Drag the pin to the exact spot: no longer approximate, district from the point.
    box = pin.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 4
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 30, steps=12)
    page.mouse.up()
    expect(approximate).not_to_be_checked()
    expect(page.locator("#geocode-status")).to_contain_text("Stadtbezirk")
    dragged_lat = page.locator("#lat").input_value()
    assert dragged_lat != found_lat
    assert page.locator("#district").input_value()

    # Languages: the search box narrows the long list.
    page.get_by_label("Sprache suchen").fill("arab")
    page.locator("#language-options").get_by_text("Arabisch", exact=False).first.check()
    expect(page.locator("#chosen-languages")).to_contain_text("ar")
    # Opening hours: a second slot on Monday.
    monday = page.locator('.hours-day[data-day="Mo"]')
    monday.locator('input[name="hours-Mo-start"]').first.fill("09:00")
    monday.locator('input[name="hours-Mo-end"]').first.fill("12:00")
    monday.get_by_role("button", name="weitere Zeit").click()
    expect(monday.locator('input[name="hours-Mo-start"]')).to_have_count(2)
    monday.locator('input[name="hours-Mo-start"]').last.fill("14:00")
    monday.locator('input[name="hours-Mo-end"]').last.fill("16:00")

    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Angebot angelegt.")).to_be_visible()
    edit_url = page.url
    expect(page.locator("#lat")).to_have_value(re.compile(re.escape(dragged_lat[:7])))

    # Publish, then find it on the public map.
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator("#current-status")).to_have_text("Veröffentlicht")
    page.goto(f"/?q={TITLE}")
    ready(page)
    expect(page.locator("#results > li")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text(TITLE)
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()

    # Edit the title, then restore the earlier version from the history.
    page.goto(edit_url)
    ready(page)
    page.get_by_label("Titel").fill(TITLE + " (falsch)")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Änderungen gespeichert.")).to_be_visible()
    page.get_by_role("link", name="Verlauf und frühere Fassungen").click()
    entries = page.locator(".history-entry")
    expect(entries).to_have_count(3)  # edit, status, create
    expect(entries.nth(0)).to_contain_text(TITLE + " (falsch)")
    entries.nth(1).get_by_role("button", name=re.compile("Diese Fassung wiederherstellen")).click()
    expect(page.get_by_text("ist wiederhergestellt")).to_be_visible()
    expect(page.locator(".history-entry")).to_have_count(4)
    newest = page.locator(".history-entry").first
    expect(newest).to_contain_text("frühere Fassung wiederhergestellt")
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_label("Titel")).to_have_value(TITLE)

    # Log out: the cookie copied before logging out no longer opens the back office.
    copied = context.cookies()
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_text("Sie sind abgemeldet.")).to_be_visible()
    other = browser.new_context(base_url=base_url, locale="de-DE")
    try:
        other.add_cookies(copied)
        thief = other.new_page()
        thief.goto("/admin/")
        expect(thief).to_have_url(re.compile(r"/admin/login"))
        expect(thief.get_by_role("heading", name=re.compile("Anmelden"))).to_be_visible()
    finally:
        other.close()

"""The shipped demo data on the map, as a newcomer sees it after scripts/run."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_map_shows_every_demo_offer_with_the_sample_data_notice(page, demo_server):
    url, count = demo_server
    page.goto(f"{url}/")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator("#status")).to_have_text(f"{count} Angebote gefunden.")
    expect(page.locator("#results > li")).to_have_count(10)  # the list's first page
    expect(page.locator(".demo-notice")).to_be_visible()
    # Clusters and single markers together hold every offer.
    shown = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-marker-icon')].reduce(
             (sum, icon) => sum + (parseInt(icon.textContent, 10) || 1), 0)"""
    )
    assert shown == count
    expect(page.locator("#map")).to_have_attribute("data-represented", str(count))


def test_the_list_without_javascript_shows_every_demo_offer_across_its_pages(browser, demo_server):
    url, count = demo_server
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/list")
    titles = []
    while True:
        titles += page.locator("main li.result h3").all_text_contents()
        following = page.locator("a[rel='next']")
        if not following.count():
            break
        following.first.click()
    assert len(titles) == count
    context.close()

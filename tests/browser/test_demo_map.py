"""The shipped demo data on the map, as a newcomer sees it after scripts/run."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from servers import serving

from refugee_map import create_app, store
from refugee_map.exchange import formats as exchange
from refugee_map.geo.districts import load_districts

from .conftest import TILE_PATH

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("demo") / "demo.db")
    app = create_app({"DB": path, "SECRET_KEY": "test", "TILE_URL": TILE_PATH + "{z}/{x}/{y}.png"})
    db = store.connect(path)
    store.init(db)
    region = Path(app.config["REGION_DIR"])
    with app.app_context():
        count = exchange.load_demo(db, region, load_districts(region))
    db.close()
    with serving(app) as url:
        yield url, count


def test_the_map_shows_every_demo_offer_with_the_sample_data_notice(page, demo_server):
    url, count = demo_server
    page.goto(f"{url}/")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator("#results > li")).to_have_count(count)
    expect(page.locator(".demo-notice")).to_be_visible()
    # Clusters and single markers together hold every offer.
    shown = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-marker-icon')].reduce(
             (sum, icon) => sum + (parseInt(icon.textContent, 10) || 1), 0)"""
    )
    assert shown == count


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

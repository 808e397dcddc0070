"""What a first visit to the map page asks for: one script of ours besides Leaflet and
site.js (web/bundle.py), and each answer once — the outlines and the list's first page,
named early in the page's head (web/early_answers.py), are taken from those early loads,
not asked for again."""

from collections import Counter
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def first_visit(page, query: str = "") -> Counter:
    """The paths (with the query for answers) the page asked for until it was ready."""
    asked: Counter = Counter()

    def note(request):
        url = urlsplit(request.url)
        answer = url.path.startswith("/api/") and url.query
        asked[f"{url.path}?{url.query}" if answer else url.path] += 1

    page.on("request", note)
    page.goto(f"/{query}")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator("#results > li").first).to_be_visible()
    return asked


def test_the_map_page_loads_one_script_of_its_own(page):
    scripts = [path for path in first_visit(page) if path.endswith(".js")]
    names = sorted(path.rsplit("/", 1)[-1] for path in scripts)
    assert names == ["leaflet.js", "leaflet.markercluster.js", "map.bundle.js", "site.js"]


@pytest.mark.parametrize("query", ["", "?lang=ar", "?category=counselling"])
def test_every_answer_is_asked_for_once(page, query):
    asked = first_visit(page, query)
    answers = {path: times for path, times in asked.items() if path.startswith("/api/")}
    assert answers.pop("/api/districts") == 1
    lists = [path for path in answers if path.startswith("/api/offers?")]
    assert len(lists) == 1 and answers[lists[0]] == 1
    assert "offset=0" in lists[0]

"""The map page names the answers its script asks for first in its head, so they load
beside the scripts (web/early_answers.py); the browser side is tests/browser/test_first_load.py."""

import json
import re
from html import unescape

import pytest

PRELOAD = re.compile(r'<link rel="preload" as="fetch" href="([^"]+)" crossorigin>')


def early(client, query=""):
    page = client.get(f"/{query}").get_data(as_text=True)
    return [unescape(url) for url in PRELOAD.findall(page[: page.index("</head>")])], page


@pytest.mark.parametrize(("query", "lang"), [("", "de"), ("?lang=ar", "ar"), ("?lang=en", "en")])
def test_without_filters_the_outlines_and_the_first_list_page_load_early(client, query, lang):
    urls, page = early(client, query)
    settings = json.loads(unescape(re.search(r"data-config='([^']*)'", page).group(1)))
    size = settings["listPageSizes"][0]
    assert urls == ["/api/districts", f"/api/offers?lang={lang}&limit={size}&offset=0"]


@pytest.mark.parametrize(
    "query", ["?category=donations", "?q=Beratung", "?lang=xx", "?near=H%C3%B6rde", "?bbox=1"]
)
def test_with_filters_only_the_outlines_load_early(client, query):
    """The list's URL then follows the browser's order and encoding of the query: a guess
    that missed would load the first page twice."""
    urls, _page = early(client, query)
    assert urls == ["/api/districts"]


def test_the_early_answers_are_the_answers_themselves(client):
    for url in early(client)[0]:
        response = client.get(url)
        assert response.status_code == 200 and response.is_json

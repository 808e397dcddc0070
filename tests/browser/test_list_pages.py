"""The list's pages in a browser without JavaScript: page links keep the filters, axe finds
nothing in the page navigation (German and Arabic)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from refugee_map.web import public

from .conftest import guard

pytestmark = pytest.mark.browser


@pytest.fixture
def one_per_page(monkeypatch):
    """The live server runs in this process: one offer per page gives several pages."""
    monkeypatch.setattr(public, "PAGE_SIZE", 1)


def test_paging_without_javascript_keeps_the_filters(
    browser, browser_context_args, problems, one_per_page
):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    guard(context, problems)
    page = context.new_page()
    page.goto("/list")
    page.get_by_label("Beratungsangebote").uncheck()
    page.get_by_role("button", name="Anzeigen").click()
    pages = page.get_by_role("navigation", name="Seiten")
    expect(page.locator(".results > li")).to_have_count(1)
    expect(pages.locator('[aria-current="page"]')).to_have_text("1")
    first = page.locator(".results h3").inner_text()
    pages.get_by_role("link", name="Weiter").click()
    expect(page).to_have_url(re.compile(r"/list\?(?!.*category=counselling).*page=2"))
    expect(pages.locator('[aria-current="page"]')).to_have_text("2")
    expect(page.locator(".results h3")).not_to_have_text(first)
    pages.get_by_role("link", name="Zurück").click()
    expect(page.locator(".results h3")).to_have_text(first)
    expect(page.get_by_label("Beratungsangebote")).not_to_be_checked()
    context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_page_navigation_has_no_axe_violations(page, one_per_page, lang):
    page.goto(f"/list?lang={lang}&page=2")
    expect(page.locator("nav.pagination")).to_be_visible()
    result = Axe().run(page, context="nav.pagination", options={"resultTypes": ["violations"]})
    assert result.response["violations"] == []

"""Accessibility in a real browser: axe-core on every public page in German and Arabic,
keyboard journeys, phone width and 200 % text, announced errors, category contrast."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from refugee_map.domain.categories import CATEGORIES

pytestmark = pytest.mark.browser

PAGES = ["/", "/list", "/offers/1", "/suggest", "/offers/1/report"]
AXE_OPTIONS = {"resultTypes": ["violations"]}


def ready(page, path):
    page.goto(path)
    if re.match(r"/(\?|$)|/offers/\d+(\?|$)", path):  # pages with a map set data-ready
        expect(page.locator("html")).to_have_attribute("data-ready", "1")


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize(
    ("path", "lang"),
    [(path, lang) for path in PAGES for lang in ("de", "ar")]
    + [("/admin/login", "de"), ("/admin/login", "en")],  # the back office: German, English
)
def test_no_serious_or_critical_axe_violations(page, axe, path, lang):
    ready(page, f"{path}?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


def contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.slug)
def test_category_colour_has_aa_contrast_with_white_and_a_symbol(category):
    assert contrast(category.colour) >= 4.5
    assert category.icon


def test_keyboard_alone_filters_the_list_and_opens_an_offer(page):
    ready(page, "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    # Tab on until the search field, with a visible focus ring on every stop.
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        outline = focused.evaluate("el => getComputedStyle(el).outlineStyle")
        assert outline != "none", focused.evaluate("el => el.outerHTML")
        if focused.get_attribute("id") == "q":
            break
    else:
        pytest.fail("the search field was never reached by Tab")
    page.keyboard.type("Möbel")
    page.keyboard.press("Enter")
    expect(page.locator("#results > li")).to_have_count(1)
    expect(page.locator("#status")).to_have_text("1 Angebot gefunden.")
    link = page.locator("#results").get_by_role("link", name="Möbelbörse Hörde")
    for _ in range(40):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the offer link in the list was never reached by Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Möbelbörse Hörde")


def test_a_list_item_opens_its_popup_by_keyboard(page):
    ready(page, "/")
    button = page.locator("#results > li").first.get_by_role("button", name="Auf der Karte zeigen")
    button.focus()
    page.keyboard.press("Enter")
    expect(
        page.locator(".leaflet-popup-content").get_by_role("link", name="Details")
    ).to_be_focused()


def test_the_list_is_announced_as_the_accessible_twin_of_the_map(page):
    ready(page, "/")
    expect(page.get_by_role("region", name="Karte der Angebote")).to_be_visible()
    expect(page.get_by_role("region", name="Filter und Liste")).to_be_visible()
    expect(page.locator("#status")).to_have_attribute("role", "status")
    expect(page.locator("#results")).to_have_attribute("aria-describedby", "map-twin")
    expect(page.locator("#map-twin")).to_contain_text("Liste")


def test_the_language_menu_works_by_keyboard_on_a_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    ready(page, "/list")
    menu = page.locator(".language-menu summary")
    menu.focus()
    page.keyboard.press("Enter")
    arabic = page.get_by_role("link", name="العربية")
    expect(arabic).to_be_visible()
    expect(arabic).to_have_attribute("lang", "ar")
    arabic.focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page).to_have_url(re.compile(r"lang=ar"))


@pytest.mark.parametrize(
    "path",
    ["/", "/list", "/offers/1", "/list?lang=ar", "/?lang=fa", "/suggest?lang=ar",
     "/offers/1/report?lang=fa"],
)  # fmt: skip
def test_phone_width_and_200_percent_text_need_no_horizontal_scrolling(page, path):
    page.set_viewport_size({"width": 360, "height": 740})
    ready(page, path)
    page.add_style_tag(content="html { font-size: 200% !important; }")
    page.wait_for_timeout(100)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"{path}: {width} px wide"


def test_a_filter_error_is_announced(page, problems):
    ready(page, "/list?district=Atlantis")
    problems.clear()  # the page itself answers 400, which Chromium logs
    alert = page.get_by_role("alert")
    expect(alert).to_have_text("Unbekannter Stadtbezirk.")
    expect(page.get_by_label("Stadtbezirk")).to_have_attribute("aria-invalid", "true")

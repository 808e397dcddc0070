"""The back office on a phone and on a laptop, with the demo data: the dashboard's charts
readable and whole, the offer list usable at 360 px, the mail page's copy button, the
review page's field names whole.
Screenshots for a person to look at go to $REFUGEE_MAP_SHOTS when set, else to the
test's temporary folder."""

import os
from pathlib import Path

import pytest
from admin_support import FAST_HASHING
from playwright.sync_api import expect
from servers import serving

from refugee_map import store
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import offers, submissions
from refugee_map.domain import users as user_accounts
from refugee_map.exchange import formats as exchange
from refugee_map.geo.districts import load_districts
from refugee_map.store import offers as offer_store
from refugee_map.store import submissions as submission_store

from .conftest import EDITOR_EMAIL, EDITOR_PASSWORD, browser_app, sign_in

pytestmark = pytest.mark.browser

PHONE, LAPTOP = {"width": 360, "height": 740}, {"width": 1366, "height": 850}
LONGEST_CATEGORY = {
    "de": "Sport-, Freizeit- und Kulturangebote",
    "en": "Sport, leisure and culture",
}


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> str:
    """The app with the demo offers and an editor account; its base URL."""
    path = str(tmp_path_factory.mktemp("office") / "office.db")
    app = browser_app(path)
    db = store.connect(path)
    store.init(db)
    region = Path(app.config["REGION_DIR"])
    exchange.load_demo(db, region, load_districts(region))
    ph = account_rules.hasher(FAST_HASHING)
    user_accounts.create_user(db, EDITOR_EMAIL, EDITOR_PASSWORD, "editor", ph=ph)
    with_email = db.execute("SELECT min(id) FROM offers WHERE email != ''").fetchone()[0]
    offer_store.update_offer(db, with_email, {"verified_at": "2020-01-15"}, by="test")
    suggest_a_change_to_the_longest_field_names(db, with_email)
    db.close()
    with serving(app) as url:
        yield url


def suggest_a_change_to_the_longest_field_names(db, offer_id: int) -> None:
    offer = offer_store.get_offer(db, offer_id, public=False)
    changed = {
        "organization": "Verein für Nachbarschaftshilfe",
        "street": "Westenhellweg 199",
        "hours_note": "In den Ferien geschlossen",
        "volunteer_tasks": "Begleitung zu Ämtern",
        "languages": ["de", "ar"],
    }
    proposed = {field: offer[field] for field in offers.EDITABLE_FIELDS} | changed
    payload = {"offer": submissions.public_offer(proposed), "comment": "",
               "base_version": offer["version"]}  # fmt: skip
    submission_store.add(db, "change", payload, offer_id)


def signed_in_page(page, office: str, viewport: dict, path: str):
    page.set_viewport_size(viewport)
    page.goto(f"{office}/admin/login")
    sign_in(page)
    page.goto(office + path)
    return page


@pytest.fixture
def shots(tmp_path) -> Path:
    return Path(os.environ.get("REFUGEE_MAP_SHOTS") or tmp_path)


def no_sideways_scrolling(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360", "1366"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_dashboard_chart_labels_are_whole_readable_and_on_screen(
    page, office, problems, shots, viewport, lang
):
    signed_in_page(page, office, viewport, f"/admin/dashboard?lang={lang}")
    label = page.locator("#chart-category").get_by_text(LONGEST_CATEGORY[lang], exact=True)
    expect(label).to_be_visible()
    box = label.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    # As drawn, not as styled: an SVG's text shrinks with the picture on a phone.
    assert 14 <= box["height"] <= 2 * 30, f"a label {box['height']} px high"
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), "label clipped"
    no_sideways_scrolling(page)
    page.screenshot(path=shots / f"dashboard-{viewport['width']}-{lang}.png", full_page=True)


def test_offer_list_at_360_px_has_no_sideways_scrolling_and_its_actions_in_reach(
    page, office, problems, shots
):
    signed_in_page(page, office, PHONE, "/admin/offers")
    no_sideways_scrolling(page)
    first = page.locator(".offers-table tbody tr").first
    title = first.locator(".offer-title a")
    still_current = first.get_by_role("button", name="Noch aktuell")
    history = first.get_by_role("link", name="Verlauf")
    for part in (title, still_current, history):
        expect(part).to_be_visible()
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert first.bounding_box()["height"] < PHONE["height"], "one offer fills the screen"
    named = first.locator("td[data-label]").first.evaluate(
        "e => getComputedStyle(e, '::before').content"
    )
    assert named == '"Kategorie: "', named  # each value named by its column
    page.screenshot(path=shots / "offers-360-de.png")


def test_the_copy_button_copies_the_message_by_keyboard_and_says_so(
    page, context, office, problems, shots
):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=office)
    signed_in_page(page, office, PHONE, "/admin/freshness")
    page.get_by_role("button", name="Anbieter fragen").first.click()
    copy = page.get_by_role("button", name="Text kopieren")
    copy.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Text kopiert.")).to_be_visible()
    body = page.locator("textarea.mail-body").input_value()
    assert "/confirm/" in body and page.evaluate("navigator.clipboard.readText()") == body
    assert page.locator("a.mail-link").get_attribute("href").startswith("mailto:")
    no_sideways_scrolling(page)
    page.screenshot(path=shots / "mail-page-360-de.png", full_page=True)


# Per word of an element's text: the boxes its letters take; more than one line is a word
# broken in the middle.
BROKEN_WORDS = """e => {
  const broken = [];
  const text = e.firstChild;
  for (const match of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    if (tops.size > 1) broken.push(match[0]);
  }
  return broken;
}"""


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360", "1366"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_review_pages_field_names_break_between_words_only(
    page, office, problems, shots, viewport, lang
):
    signed_in_page(page, office, viewport, "/admin/review")
    item = page.locator('tr[data-kind="change"]').get_by_role("link").last.get_attribute("href")
    page.goto(f"{office}{item}?lang={lang}")
    labels = page.locator("#diff tbody th")
    expect(labels).to_have_count(5)
    broken = {label: labels.nth(n).evaluate(BROKEN_WORDS) for n, label in
              enumerate(labels.all_inner_texts())}  # fmt: skip
    page.screenshot(path=shots / f"review-{viewport['width']}-{lang}.png", full_page=True)
    assert not any(broken.values()), broken
    no_sideways_scrolling(page)

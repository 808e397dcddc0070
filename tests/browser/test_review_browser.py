"""Keeping the map current, in a real browser: a visitor suggests an offer and an editor
publishes it onto the map; a report reaches the queue; a provider confirms by the e-mailed
link and the offer's "last checked" date moves.

This module runs its own server (with an SMTP server from aiosmtpd on 127.0.0.1), so the
mail really goes out and the map tests' shared server keeps its offers.
"""

import re

import pytest
from admin_support import FAST_HASHING
from babel.dates import format_date
from playwright.sync_api import expect
from samples import region_today
from servers import serving, smtp_inbox

from refugee_map import create_app, store
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import offers
from refugee_map.domain import users as user_accounts
from refugee_map.store import offers as offer_store

from .conftest import EDITOR_EMAIL, EDITOR_PASSWORD, TILE_PATH, sign_in

pytestmark = pytest.mark.browser

SUGGESTED = "Nähcafé Westpark"
REPORTED = "Kleiderkammer Eving"
STALE = "Elterncafé Hörde"


@pytest.fixture(scope="module")
def inbox():
    with smtp_inbox() as box:
        yield box


@pytest.fixture(scope="module")
def server(tmp_path_factory, inbox):
    """(base URL, database path) of an app with an editor, a stale and a reportable offer."""
    db_path = str(tmp_path_factory.mktemp("review") / "review.db")
    app = create_app(
        {"TESTING": True, "DB": db_path, "SECRET_KEY": "review-test",
         "TILE_URL": TILE_PATH + "{z}/{x}/{y}.png", "TILE_ATTRIBUTION": "Testkacheln",
         "SMTP_HOST": "127.0.0.1", "SMTP_PORT": inbox.port, "SMTP_STARTTLS": False,
         "SMTP_FROM": "hilfe-karte@example.org", "PUBLIC_FORM_LIMIT": "60 per minute"}
        | FAST_HASHING
    )  # fmt: skip
    db = store.connect(db_path)
    store.init(db)
    with app.app_context():
        for fields in (
            {"title": REPORTED, "category": "donations", "lat": 51.5521, "lng": 7.4731},
            {"title": STALE, "category": "meeting-points", "lat": 51.4883, "lng": 7.5057,
             "email": "eltern@verein.example", "verified_at": "2023-03-15"},
        ):  # fmt: skip
            offer = offers.clean(fields | {"status": "published", "city": "Dortmund"})
            offer_store.create_offer(db, offer, by="test")
    user_accounts.create_user(
        db, EDITOR_EMAIL, EDITOR_PASSWORD, "editor", ph=account_rules.hasher(FAST_HASHING)
    )
    db.close()
    with serving(app) as url:
        yield url, db_path


def ready(page):
    expect(page.locator("html")).to_have_attribute("data-ready", "1")


def offer_id(db_path: str, title: str) -> int:
    db = store.connect(db_path)
    try:
        return db.execute("SELECT id FROM offers WHERE title = ?", [title]).fetchone()[0]
    finally:
        db.close()


def test_suggest_review_publish_report_and_provider_confirmation(page, server, inbox, problems):
    base, db_path = server

    # A visitor suggests a new offer, placing the pin on the map.
    page.goto(base + "/suggest")
    ready(page)
    page.get_by_label("Kategorie").select_option("meeting-points")
    page.get_by_label("Titel").fill(SUGGESTED)
    page.get_by_label("Straße und Hausnummer").fill("Möllerstraße 10")
    page.get_by_label("Postleitzahl").fill("44137")
    page.locator("#pin-map").click()
    expect(page.locator("#pin-status")).to_have_text("Pin gesetzt.")
    assert page.locator("#lat").input_value().startswith("51.")
    page.locator('input[name="hours-We-start"]').fill("15:00")
    page.locator('input[name="hours-We-end"]').fill("18:00")
    page.get_by_label(re.compile("Arabisch")).check()
    page.get_by_role("button", name="Vorschlag senden").click()
    expect(page.get_by_role("heading", name="Vielen Dank!")).to_be_visible()
    expect(page.get_by_text("Wie geht es weiter?")).to_be_visible()

    # Nothing is public yet.
    page.goto(base + f"/list?q={SUGGESTED}")
    expect(page.get_by_text(SUGGESTED)).to_have_count(0)

    # Someone reports another offer as outdated, from its page.
    page.goto(base + f"/offers/{offer_id(db_path, REPORTED)}")
    page.get_by_text("Angebot ist veraltet oder falsch melden").click()
    page.get_by_label("Die Zeiten stimmen nicht").check()
    page.get_by_label("Was wissen Sie darüber? (freiwillig)").fill("Nur noch donnerstags offen")
    page.get_by_role("button", name="Hinweis senden").click()
    expect(page.get_by_role("heading", name="Vielen Dank!")).to_be_visible()

    # An editor signs in and sees both in the queue.
    page.goto(base + "/admin/login")
    sign_in(page)
    expect(page.locator("#open-review-count")).to_have_text("2 offen")
    page.get_by_role("link", name=re.compile("^Prüfliste")).click()
    report_row = page.locator('tr[data-kind="report"]')
    expect(report_row).to_contain_text(REPORTED)
    expect(report_row).to_contain_text("Die Zeiten stimmen nicht")
    page.locator('tr[data-kind="new"]').get_by_role("link", name="Prüfen").click()
    expect(page.locator("#diff")).to_contain_text(SUGGESTED)
    page.get_by_role("button", name="Übernehmen und veröffentlichen").click()
    expect(page.get_by_text("Vorschlag übernommen: Angebot angelegt.")).to_be_visible()
    expect(page.locator("#open-review-count")).to_have_text("1 offen")

    # It is on the map now.
    page.goto(base + f"/?q={SUGGESTED}")
    ready(page)
    expect(page.locator("#results > li")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text(SUGGESTED)
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()

    # The stale offer: the editor asks its provider by e-mail.
    page.goto(base + "/admin/freshness")
    row = page.locator("tr", has_text=STALE)
    row.get_by_role("button", name=re.compile("Anbieter fragen")).click()
    expect(page.locator("#sent-summary")).to_have_text("1 von 1 E-Mails verschickt.")
    [(_, mail)] = inbox.messages
    assert mail["To"] == "eltern@verein.example"
    link = re.search(r"http://127\.0\.0\.1:\d+/confirm/\S+", mail.get_content()).group(0)

    # The provider opens the link (no account), sees the offer and confirms it.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name="Stimmen diese Angaben noch?")).to_be_visible()
    expect(page.locator("#last-checked")).to_have_text("März 2023")
    page.get_by_role("button", name="Ja, alles stimmt noch").click()
    expect(page.get_by_text("Sie haben bestätigt")).to_be_visible()

    this_month = format_date(region_today(), "MMMM yyyy", locale="de")
    page.goto(base + f"/offers/{offer_id(db_path, STALE)}")
    facts = page.locator(".facts")
    expect(facts).to_contain_text(this_month)
    expect(page.get_by_text("länger nicht geprüft")).to_have_count(0)
    # (That the link works only once, and expired or tampered links, are tested in
    # tests/test_suggestions.py: their pages answer 4xx, which the browser logs as errors.)

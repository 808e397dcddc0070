"""Browser tests: the app served from a thread on 127.0.0.1, driven by Debian's Chromium.

Every page is guarded: a console error, an uncaught exception or a request to any host but
127.0.0.1 fails the test. Tiles come from a local URL answered with an empty PNG. Back-office
tests sign in with an editor account of their own (``editor_db``, ``sign_in``).
"""

import base64
from pathlib import Path
from urllib.parse import urlsplit

import engines
import pytest
from admin_support import FAST_HASHING
from playwright.sync_api import expect
from samples import region_today
from servers import serving

from refugee_map import create_app, store
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import offers
from refugee_map.domain import users as user_accounts
from refugee_map.exchange import formats as exchange
from refugee_map.geo.districts import load_districts
from refugee_map.store import offers as offer_store

TILE_PATH = "/test-tiles/"
EMPTY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
XSS_TITLE = "<img src=x onerror=alert(1)>"
EDITOR_EMAIL, EDITOR_PASSWORD = "redaktion@example.org", "ein langes Testpasswort"
OFFERS = [
    {"title": "Beratung im Zentrum", "category": "counselling", "lat": 51.5142, "lng": 7.4652,
     "district": "Innenstadt-West", "organization": "Beispielverein", "street": "Kampstraße 1",
     "verified_at": region_today().replace(day=1).isoformat(),
     "opening_hours": "Mo-Su 00:00-24:00"},
    {"title": "Möbelbörse Hörde", "category": "donations", "lat": 51.4883, "lng": 7.5057,
     "district": "Hörde"},
    {"title": "Deutschkurs Mengede", "category": "education", "lat": 51.5686, "lng": 7.3846,
     "district": "Mengede"},
    {"title": XSS_TITLE, "category": "leisure", "lat": 51.5407, "lng": 7.5500,
     "district": "Scharnhorst", "organization": "<b>Verein</b>"},
]  # fmt: skip


# Under load (parallel workers on two cores) a page may take longer than Playwright's 5 s
# default to reach an expected state; expect() still returns as soon as it is reached.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, base_url):
    """Relative URLs go to live_server: named here, not left to pytest-playwright's own
    session-wide setting, which a page test outside tests/browser may have fixed first
    (without a base URL) in the same worker."""
    return {**browser_context_args, "base_url": base_url, "locale": "de-DE",
            "timezone_id": "Europe/Berlin"}  # fmt: skip


def browser_app(db_path: str, **settings):
    """An app for a browser test's server: its database at ``db_path``, tiles from
    TILE_PATH, cheap password hashing; ``settings`` add to these or replace them."""
    defaults = {"TESTING": True, "DB": db_path, "SECRET_KEY": "test",
                "TILE_URL": TILE_PATH + "{z}/{x}/{y}.png"}  # fmt: skip
    return create_app(defaults | FAST_HASHING | settings)


@pytest.fixture(scope="session")
def live_db_path(request, tmp_path_factory) -> str:
    """Where live_server keeps its database (with --engine=postgresql: a URL)."""
    if engines.on_postgresql(request.config):
        return request.getfixturevalue("pg_databases").lasting("browser")
    return str(tmp_path_factory.mktemp("browser") / "browser.db")


@pytest.fixture(scope="session")
def live_server(live_db_path):
    """The app with a few known offers, on a free port of 127.0.0.1."""
    app = browser_app(live_db_path, TILE_ATTRIBUTION="Testkacheln")
    db = store.connect(live_db_path)
    store.init(db)
    with app.app_context():
        for fields in OFFERS:
            offer = offers.clean(fields | {"status": "published", "city": "Dortmund"})
            offer_store.create_offer(db, offer, by="test")
    db.close()
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """The app with the region's demo offers (more than a page of the list): (url, count)."""
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


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture
def editor_email() -> str:
    """The account editor_db makes; a module overrides this to keep its offers apart."""
    return EDITOR_EMAIL


@pytest.fixture
def editor_db(live_server, live_db_path, editor_email):
    """The live server's database with an editor account (``editor_email``, EDITOR_PASSWORD).
    The offers that editor makes are removed afterwards, so the map tests sharing the server
    still see only their own offers."""
    db = store.connect(live_db_path)
    if user_accounts.find_user(db, editor_email) is None:
        ph = account_rules.hasher(FAST_HASHING)
        user_accounts.create_user(db, editor_email, EDITOR_PASSWORD, "editor", ph=ph)
    yield db
    with store.writing(db):
        db.execute(
            "UPDATE offers SET deleted_at = ?, status = 'archived' WHERE created_by = ?",
            [store.now(), editor_email],
        )
    db.close()


def sign_in(page, email: str = EDITOR_EMAIL, password: str = EDITOR_PASSWORD) -> None:
    """Fill in and send the login form the page shows."""
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


@pytest.fixture
def problems():
    """What went wrong in the browser: checked after every test."""
    found: list[str] = []
    yield found
    assert not found, "\n".join(found)


def guard(context, problems: list[str]) -> list[str]:
    """Answer tiles, refuse (and report) any request that leaves 127.0.0.1."""
    tiles: list[str] = []

    def route(route):
        url = urlsplit(route.request.url)
        if url.hostname != "127.0.0.1":
            problems.append(f"request left 127.0.0.1: {route.request.url}")
            return route.abort()
        if url.path.startswith(TILE_PATH):
            tiles.append(url.path)
            return route.fulfill(body=EMPTY_PNG, content_type="image/png")
        return route.continue_()

    def console(message):
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def dialog(dialog):
        problems.append(f"dialog opened: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    context.on("console", console)
    context.on("weberror", lambda error: problems.append(f"page error: {error.error}"))
    context.on("dialog", dialog)
    return tiles


@pytest.fixture
def tiles(context, problems):
    """The tile paths the page asked for (and got an empty PNG)."""
    return guard(context, problems)


@pytest.fixture
def page(page, tiles):
    return page


# The page moves the map on "hashchange" before this listener runs (listeners run in order).
MOVE = """(fragment) => new Promise((moved) => {
             window.addEventListener("hashchange", moved, { once: true });
             location.hash = fragment;
           })"""


def show_view(page, fragment: str) -> None:
    """Move the map to ``fragment`` (#zoom/lat/lng) and wait until that view is drawn."""
    page.evaluate(MOVE, fragment)
    expect(page.locator("html")).to_have_attribute("data-ready", "1")

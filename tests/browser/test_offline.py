"""Offline: the service worker keeps the app shell and pages, map.js the last offers loaded.
Load once online, switch the network off, reload: the map and the list still show offers,
with a note saying when the data were loaded."""

import importlib.util
import re

import pytest
from playwright.sync_api import expect

from refugee_map.config import PROJECT_DIR
from refugee_map.web import assets

from .conftest import OFFERS

browser = pytest.mark.browser

STATIC = f"/static/{assets.fingerprint(assets.STATIC)}"  # as the pages name the files
LIST_FILES = (f"{STATIC}/css/app.css", f"{STATIC}/js/site.js")
MAP_FILES = (
    *LIST_FILES,
    f"{STATIC}/vendor/leaflet-1.9.4/leaflet.css",
    f"{STATIC}/vendor/leaflet-1.9.4/leaflet.js",
    f"{STATIC}/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js",
    f"{STATIC}/js/map.bundle.js",  # map.js and the modules it imports, in one script
)
OFFLINE_ERRORS = re.compile(r"ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_FAILED")


def wait_for_service_worker(page):
    """Until the worker is installed and looks after the page (CSP forbids wait_for_function)."""
    page.evaluate(
        """async () => {
            if (navigator.serviceWorker.controller) return;
            await new Promise((done) =>
                navigator.serviceWorker.addEventListener("controllerchange", done, { once: true }));
        }"""
    )


def wait_until_kept(page, *paths):
    """Until the worker keeps every one of ``paths`` (site.js hands it the files the page
    loaded, and the worker stores them one by one: waiting for one is not enough)."""
    page.evaluate(
        """async (paths) => {
            for (const path of paths) {
                while (!(await caches.match(path))) await new Promise((r) => setTimeout(r, 50));
            }
        }""",
        list(paths),
    )


def wait_until_offers_saved(page, lang: str) -> None:
    """Until the map page's first list page and the search data in ``lang`` are kept (the
    page keeps them when it is idle, after they are shown)."""
    page.evaluate(
        """async (lang) => {
            const inLang = (request) => new URL(request.url).searchParams.get("lang") === lang;
            for (const kind of ["page", "topics"]) {
                const cache = await caches.open(`refugee-map-${kind}`);
                while (!(await cache.keys()).some(inLang)) {
                    await new Promise((r) => setTimeout(r, 50));
                }
            }
        }""",
        lang,
    )


@browser
def test_map_opens_offline_with_the_last_offers_and_says_when_they_were_loaded(
    page, context, problems
):
    page.goto("/?lang=de")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    wait_for_service_worker(page)
    wait_until_kept(page, *MAP_FILES)
    wait_until_offers_saved(page, "de")
    expect(page.locator("#offline-note")).to_be_hidden()

    context.set_offline(True)
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator("#results > li")).to_have_count(len(OFFERS))
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(page.locator("#map")).to_have_attribute("data-represented", str(len(OFFERS)))
    note = page.locator("#offline-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Sie sind offline")
    expect(note).to_contain_text(re.compile(r"\d{2}:\d{2}"))
    # A view never loaded shows the last one loaded.
    page.evaluate(
        """() => new Promise((moved) => {
            document.getElementById("map").removeAttribute("data-represented");
            window.addEventListener("hashchange", moved, { once: true });
            location.hash = "#13/51.5/7.45";
        })"""
    )
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    expect(page.locator("#map")).to_have_attribute("data-represented", str(len(OFFERS)))
    context.set_offline(False)
    problems[:] = [p for p in problems if not OFFLINE_ERRORS.search(p)]


@browser
def test_the_map_page_drops_the_whole_list_an_older_version_kept(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    page.evaluate(
        """async () => (await caches.open("refugee-map-offers"))
             .put("/api/offers?last", new Response("{}"))"""
    )
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    gone = page.evaluate(
        """async () => {  // deleted once the page is idle
            for (let tries = 0; tries < 100 && (await caches.has("refugee-map-offers")); tries++) {
                await new Promise((wait) => setTimeout(wait, 50));
            }
            return !(await caches.has("refugee-map-offers"));
        }"""
    )
    assert gone


@browser
def test_the_answers_kept_for_offline_use_are_bounded_per_kind(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("data-ready", "1")
    kept = page.evaluate(
        """async (module) => {
            const { getJson } = await import(module);
            const urls = [];
            for (let page = 0; page < 25; page++) urls.push(`/api/offers?limit=1&offset=${page}`);
            for (const url of urls) await getJson("page", url);
            const cache = await caches.open("refugee-map-page");
            for (let tries = 0; tries < 100; tries++) {  // each answer is kept after it came
                const keys = (await cache.keys()).map((request) => new URL(request.url));
                const last = keys.some((url) => url.search === "?limit=1&offset=24");
                if (last && keys.length <= 20) return keys.length;
                await new Promise((wait) => setTimeout(wait, 50));
            }
            return (await cache.keys()).length;
        }""",
        f"{STATIC}/js/map/offline-cache.js",
    )
    assert kept == 20  # the last 20 pages


@browser
def test_list_page_opens_offline_in_arabic_with_the_note(page, context, problems):
    page.goto("/list?lang=ar")
    expect(page.locator(".results > li")).to_have_count(len(OFFERS))
    wait_for_service_worker(page)
    wait_until_kept(page, *LIST_FILES)

    context.set_offline(True)
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".results > li")).to_have_count(len(OFFERS))
    expect(page.locator("#offline-note")).to_contain_text("أنت غير متصل بالإنترنت")
    context.set_offline(False)
    problems[:] = [p for p in problems if not OFFLINE_ERRORS.search(p)]


@browser
def test_the_list_page_alone_never_downloads_the_map_scripts(page):
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto("/list")
    wait_for_service_worker(page)
    wait_until_kept(page, f"{STATIC}/css/app.css")
    assert not [url for url in loaded if "leaflet" in url]


@browser
def test_service_worker_and_manifest_are_served_from_the_site_root(page):
    page.goto("/list")
    manifest = page.request.get(page.locator("link[rel=manifest]").get_attribute("href"))
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    assert manifest.json()["scope"] == "/"
    worker = page.request.get("/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert f'"{STATIC}/js/map.js"' in worker.text()


def test_first_load_stays_within_the_page_weight_budget(tmp_path):
    """scripts/bench/page_weight.py: map < 150 KB, list < 40 KB gzip, with the demo offers."""
    path = PROJECT_DIR / "scripts" / "bench" / "page_weight.py"
    spec = importlib.util.spec_from_file_location("page_weight", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    client = bench.demo_app(str(tmp_path)).test_client()
    for page, budget in bench.BUDGETS.items():
        sizes = bench.measure(client, page, "ar")
        assert any(url.startswith("/api/map?lang=ar") for url in sizes) or page == "/list"
        assert sum(sent for sent, _raw in sizes.values()) < budget, sizes

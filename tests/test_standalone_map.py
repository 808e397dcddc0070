"""`refugee-map export-map`: one HTML file that shows every offer with the network cut off."""

import random

import pytest
from click.testing import CliRunner

from refugee_map import offers, standalone_map, store
from refugee_map.categories import SLUGS
from refugee_map.cli import main

HOSTILE = "<img src=x onerror=alert(1)> `${alert(2)}` \\u0041"
COUNT = 60


@pytest.fixture
def env(tmp_path):
    """A database with COUNT published offers all over the city, one with a hostile title."""
    db = store.connect(tmp_path / "map.db")
    store.init(db)
    rng = random.Random(5)
    for number in range(COUNT):
        title = HOSTILE if number == 0 else f"Angebot {number}"
        values = {"title": title, "category": SLUGS[number % 6], "status": "published",
                  "lat": rng.uniform(51.46, 51.57), "lng": rng.uniform(7.38, 7.58),
                  "district": "Hörde" if number < 5 else "Innenstadt-West"}  # fmt: skip
        store.create_offer(db, offers.clean(values), by="test")
    db.close()
    return {"REFUGEE_MAP_DB": str(tmp_path / "map.db")}


def export_map(env, path, *options):
    result = CliRunner().invoke(main, ["export-map", "-o", str(path), *options], env=env)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def test_the_file_names_no_server_and_inlines_leaflet_cluster_and_jquery(env, tmp_path):
    page = export_map(env, tmp_path / "map.html")
    assert 'src="http' not in page and 'href="http' not in page
    assert page.count('src="data:text/javascript;base64,') == 3


def test_district_and_category_narrow_the_map(env, tmp_path):
    export_map(env, tmp_path / "map.html", "--district", "Hörde", "--category", "counselling")
    result = CliRunner().invoke(main, ["export-map", "-o", str(tmp_path / "x.html"),
                                       "--district", "Atlantis"], env=env)  # fmt: skip
    assert result.exit_code != 0 and "--district" in result.output


def test_popup_text_is_escaped_for_html_and_for_javascript():
    text = standalone_map.escape(HOSTILE)
    assert "<" not in text and "`" not in text and "$" not in text and "\\" not in text


@pytest.mark.browser
def test_opened_from_a_file_url_offline_it_shows_every_offer(env, tmp_path, page):
    path = tmp_path / "map.html"
    export_map(env, path)
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))

    def only_local(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            problems.append(f"request: {route.request.url}")
            route.abort()

    page.route("**/*", only_local)
    page.goto(path.as_uri())
    page.wait_for_selector(".marker-cluster, .offer-dot")
    in_layer = page.evaluate(
        """() => Object.keys(window).filter(k => k.startsWith('marker_cluster_'))
                 .map(k => window[k].getLayers().length)"""
    )
    assert in_layer == [COUNT]
    # What the eye sees: single markers plus the numbers on the clusters (once the
    # cluster animation has settled).
    page.wait_for_function(
        """count => document.querySelectorAll('.leaflet-marker-pane .offer-dot').length +
            [...document.querySelectorAll('.marker-cluster span')]
                .reduce((sum, span) => sum + Number(span.textContent), 0) === count""",
        arg=COUNT,
        timeout=10_000,
    )
    popup = page.evaluate(
        """() => new Promise(done => {
            const cluster = window[Object.keys(window).find(k => k.startsWith('marker_cluster_'))];
            const hostile = cluster.getLayers().find(m =>
                m.getPopup().getContent().textContent.includes('onerror'));
            cluster.zoomToShowLayer(hostile, () => {
                hostile.openPopup();
                done(document.querySelector('.leaflet-popup-content').textContent);
            });
        })"""
    )
    assert HOSTILE in popup
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert problems == []


def test_lang_chooses_the_language_of_the_category_labels(env, tmp_path):
    assert "<em>Beratungsangebote</em>" in export_map(env, tmp_path / "de.html")
    assert "<em>Beratungsangebote</em>" not in export_map(env, tmp_path / "en.html", "--lang", "en")

"""`refugee-map export-map`: one HTML file that shows every offer with the network cut off."""

import json
import random
import re

import pytest
from click.testing import CliRunner

from refugee_map import store
from refugee_map.cli import main
from refugee_map.domain import offers
from refugee_map.domain.categories import SLUGS
from refugee_map.exchange import standalone_map
from refugee_map.store import offers as offer_store

HOSTILE = "<img src=x onerror=alert(1)> `${alert(2)}` \\u0041 {{ 7*7 }} {% raw %}</script>"
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
        offer_store.create_offer(db, offers.clean(values), by="test")
    db.close()
    return {"REFUGEE_MAP_DB": str(tmp_path / "map.db")}


def export_map(env, path, *options):
    result = CliRunner().invoke(main, ["export-map", "-o", str(path), *options], env=env)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def map_data(page: str) -> dict:
    """The JSON block the page's script draws the offers from."""
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


def test_the_file_names_no_server_and_inlines_leaflet_and_markercluster(env, tmp_path):
    page = export_map(env, tmp_path / "map.html")
    assert 'src="http' not in page and 'href="http' not in page
    assert page.count('src="data:text/javascript;base64,') == 2


def test_district_and_category_narrow_the_map(env, tmp_path):
    export_map(env, tmp_path / "map.html", "--district", "Hörde", "--category", "counselling")
    result = CliRunner().invoke(main, ["export-map", "-o", str(tmp_path / "x.html"),
                                       "--district", "Atlantis"], env=env)  # fmt: skip
    assert result.exit_code != 0 and "--district" in result.output


def test_offer_text_is_data_in_the_file_never_template_code(env, tmp_path):
    page = export_map(env, tmp_path / "map.html")
    titles = [offer["title"] for offer in map_data(page)["offers"]]
    assert HOSTILE in titles
    assert "<img" not in page and "{{ 7*7 }}" in page
    assert page.count("</script>") == page.count("<script")


def test_the_attribution_is_text_and_the_title_is_escaped(tmp_path):
    heading = standalone_map.Heading(
        lang="de", direction="ltr", title="<b>{{ 7*7 }}</b>", subtitle=HOSTILE, note=HOSTILE,
        labels={"details": HOSTILE},
    )  # fmt: skip
    page = standalone_map.render(
        [], heading=heading, tiles="https://tiles.example/{z}/{x}/{y}.png", attribution=HOSTILE
    )
    data = map_data(page)
    assert data["tiles"]["attribution"] == HOSTILE
    assert data["heading"]["subtitle"] == data["heading"]["labels"]["details"] == HOSTILE
    assert "<title>&lt;b&gt;{{ 7*7 }}&lt;/b&gt; – &lt;img src=x" in page
    assert "<img" not in page and page.count("</script>") == page.count("<script")


# The marker cluster layers on folium's map (the page names the map in its data).
CLUSTERS = """(() => {
    const map = window[JSON.parse(document.getElementById('map-data').textContent).map];
    const found = [];
    map.eachLayer(layer => layer.zoomToShowLayer && found.push(layer));
    return found;
})()"""


def open_popup(page, title: str) -> list[str]:
    """Zoom to the marker titled ``title``, open its popup and read the lines it shows."""
    return page.evaluate(
        f"""title => new Promise(done => {{
            const cluster = {CLUSTERS}[0];
            const marker = cluster.getLayers().find(m => m.options.title === title);
            cluster.zoomToShowLayer(marker, () => {{
                marker.openPopup();
                const box = marker.getPopup().getElement().querySelector('.offer-popup');
                done([...box.children].map(line => line.textContent));
            }});
        }})""",
        title,
    )


def open_offline(page, path, tiles: tuple[str, bytes] | None = None) -> list[str]:
    """Open the file as a person would, with every request but to the file itself (and to
    ``tiles``: a URL prefix and the image it answers) refused; the problems seen so far and
    from then on: console errors, page errors, dialogs, requests."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))

    def only_local(route):
        url = route.request.url
        if tiles and url.startswith(tiles[0]):
            route.fulfill(status=200, content_type="image/png", body=tiles[1])
        elif url.startswith(("file:", "data:")):
            route.continue_()
        else:
            problems.append(f"request: {url}")
            route.abort()

    page.route("**/*", only_local)
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready='1']")
    return problems


@pytest.mark.browser
def test_opened_from_a_file_url_offline_it_shows_every_offer(env, tmp_path, page):
    path = tmp_path / "map.html"
    export_map(env, path)
    problems = open_offline(page, path)
    in_layer = page.evaluate(f"() => {CLUSTERS}.map(cluster => cluster.getLayers().length)")
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
    assert open_popup(page, HOSTILE) == [HOSTILE, "Beratungsangebote"]
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert problems == []


def test_lang_chooses_the_language_of_the_category_labels(env, tmp_path):
    def labels(page: str) -> list[str]:
        return [category["label"] for category in map_data(page)["categories"]]

    assert "Beratungsangebote" in labels(export_map(env, tmp_path / "de.html"))
    assert "Beratungsangebote" not in labels(export_map(env, tmp_path / "en.html", "--lang", "en"))

"""What the handout prints must read as finished (issue 14): numbers that stay legible in a
dense district, no address made of a city name alone, lists in the language's own form, and
no QR code to an address nobody outside can open."""

import math
import random
import re
from functools import partial

import pytest

from refugee_map.geo.overview_map import POINT_RADIUS, MapPoint, place_labels
from refugee_map.web import handout, i18n

NOTE = re.compile(r'<p class="note">(.*?)</p>', re.S)
LABEL = re.compile(r'<circle class="label" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"')
VIEWBOX = re.compile(r'class="overview" role="img" viewBox="0 0 (\d+) (\d+)"')
DENSE = 31  # Innenstadt-Nord's demo offers, most within a few hundred metres


def label_circles(page: str) -> list[tuple[float, float, float]]:
    return [tuple(map(float, found)) for found in LABEL.findall(page)]


def offer_item(page: str, title: str) -> str:
    """The ``<li class="offer">`` that shows ``title``."""
    return next(item for item in page.split('<li class="offer"') if title in item)


@pytest.fixture
def dense_district(make_offer):
    """DENSE offers around the Nordmarkt, a few on the very same point, none with a street
    for every third (as illustrative offers are)."""
    rng = random.Random(14)
    for number in range(DENSE):
        same_spot = number % 5 == 0
        make_offer(
            title=f"Angebot {number}",
            category=("counselling", "education", "meeting-points")[number % 3],
            district="Innenstadt-Nord",
            postcode="44145",
            street="" if number % 3 == 0 else f"Nordstraße {number}",
            lat=str(51.5250 if same_spot else 51.5250 + rng.uniform(-0.002, 0.002)),
            lng=str(7.4560 if same_spot else 7.4560 + rng.uniform(-0.003, 0.003)),
        )


def test_no_two_number_labels_overlap_in_a_dense_district(client, dense_district):
    page = client.get("/handout?district=Innenstadt-Nord").get_data(as_text=True)
    circles = label_circles(page)
    assert len(circles) == DENSE
    for index, (x, y, radius) in enumerate(circles):
        for other_x, other_y, _ in circles[index + 1 :]:
            assert math.dist((x, y), (other_x, other_y)) >= 2 * radius
    width, height = map(int, VIEWBOX.search(page).groups())
    assert all(r <= x <= width - r and r <= y <= height - r for x, y, r in circles)
    assert page.count('class="leader"') == page.count('class="anchor"') > 0


def test_a_lone_label_stays_on_its_point_and_labels_of_one_spot_move_close_around_it():
    points = [MapPoint(number, 51.5, 7.4, "#000") for number in (1, 2, 3)]
    anchors = [(100.0, 100.0), (100.0, 100.0), (300.0, 300.0)]
    first, second, lone = place_labels(points, anchors, 640, 400)
    assert not lone.moved and (lone.label_x, lone.label_y) == (300.0, 300.0)
    for label in (first, second):  # neither may cover the other's point
        distance = math.dist((100, 100), (label.label_x, label.label_y))
        assert label.moved and POINT_RADIUS < distance < 4 * POINT_RADIUS


def test_an_offer_without_a_street_prints_no_address_made_of_the_city_alone(client, make_offer):
    make_offer(title="Ohne Straße", street="", district="Innenstadt-West")
    make_offer(title="Mit Straße", district="Innenstadt-West")
    page = client.get("/handout?district=Innenstadt-West").get_data(as_text=True)
    assert "Adresse" not in offer_item(page, "Ohne Straße")
    assert "Kampstraße 1, 44137 Dortmund" in offer_item(page, "Mit Straße")


@pytest.mark.parametrize(
    ("lang", "languages", "times"),
    [
        ("de", "Deutsch, Arabisch und Ukrainisch", "Di und Do 10:00–12:00 und 14:00–16:00"),
        ("en", "German, Arabic, and Ukrainian", "Tue and Thu 10:00–12:00 and 14:00–16:00"),
        ("ar", "الألمانية والعربية والأوكرانية", None),
    ],
)
def test_lists_use_the_languages_own_separators(client, make_offer, lang, languages, times):
    make_offer = partial(make_offer, district="Innenstadt-West", title="Kurs")
    make_offer(languages="de ar uk", opening_hours="Tu,Th 10:00-12:00,14:00-16:00")
    page = client.get(f"/handout?district=Innenstadt-West&lang={lang}").get_data(as_text=True)
    item = re.sub(r"</?bdi>", "", offer_item(page, "Kurs"))
    assert languages in item
    if times:
        assert times in item


def test_without_a_public_url_the_staff_are_warned_and_no_qr_code_is_printed(client, make_offer):
    make_offer(district="Innenstadt-West")
    page = client.get("/handout?district=Innenstadt-West").get_data(as_text=True)
    assert 'class="qr-warning" role="alert"' in page and "http://localhost/" in page
    assert '<body class="unprintable-qr">' in page
    assert ".unprintable-qr .qr-box { display: none; }" in page.replace(
        ".qr-warning, .unprintable-qr", ".unprintable-qr"
    )


def test_with_a_public_url_the_qr_codes_print_and_nothing_warns(app, client, make_offer):
    app.config["PUBLIC_URL"] = "https://hilfe.example.org/"
    make_offer(district="Innenstadt-West")
    page = client.get("/handout?district=Innenstadt-West&lang=fa").get_data(as_text=True)
    assert 'qr-warning"' not in page and "<body>" in page


def test_the_guessed_address_in_the_warning_is_escaped():
    assert str(handout.left_to_right('x"><script>')) == (
        '<bdi dir="ltr">x&#34;&gt;&lt;script&gt;</bdi>'
    )


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("public_url", ["", "https://hilfe.example.org/"])
def test_the_printed_note_speaks_of_qr_codes_only_when_they_are_printed(
    app, client, make_offer, lang, public_url
):
    app.config["PUBLIC_URL"] = public_url
    make_offer(district="Innenstadt-West")
    page = client.get(f"/handout?district=Innenstadt-West&lang={lang}").get_data(as_text=True)
    note = NOTE.search(page).group(1)
    assert note.strip()  # the map's numbers are still explained
    assert ("QR" in note) == bool(public_url), note

"""Place search: the gazetteer (neighbourhoods, districts, stations), ``near=<place>`` on
/api/offers and /list (a street through the fake Nominatim, a postcode, a neighbourhood),
unknown places and hostile input."""

import re
import shutil
from pathlib import Path

import naughty
import pytest
from nominatim_support import running_fake_nominatim

from refugee_map import config, create_app
from refugee_map.geo import gazetteer
from refugee_map.geo.geocode import OfflineGeocoder
from refugee_map.web import public

REGION_DIR = Path(__file__).resolve().parent.parent / "data" / "regions" / "dortmund"
HOERDE = (51.48371, 7.5003)
RHEINISCHE = {"lat": "51.5128", "lon": "7.4480", "place_rank": 26,
              "display_name": "Rheinische Straße, Dortmund, 44137, Deutschland"}  # fmt: skip
UNKNOWN = "Diesen Ort kennen wir nicht. Versuchen Sie eine Postleitzahl oder einen Stadtteil."
OFFERS = {  # title -> (lat, lng)
    "Kleiderkammer Hörde": (51.4845, 7.5010),
    "Sprachcafé Unionviertel": (51.5120, 7.4490),
    "Beratung an der Lindemannstraße": (51.5080, 7.4485),
    "Deutschkurs Mengede": (51.5686, 7.3846),
}


# --- the gazetteer ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline() -> OfflineGeocoder:
    return OfflineGeocoder(REGION_DIR)


STATION_ASKED = ["Hörde Bahnhof", "Bahnhof Hörde", "Hörde station", "S-Bahn Hörde",
                 "hoerde bf", "Dortmund-Hörde Bahnhof", "HÖRDE"]  # fmt: skip


@pytest.mark.parametrize("query", STATION_ASKED)
def test_a_station_without_station_data_is_its_neighbourhood_marked_approximate(offline, query):
    for found in (offline.geocode(query), offline.named(query)):
        assert (found.lat, found.lng) == HOERDE and found.name == "Hörde" and found.approximate


@pytest.mark.parametrize(
    "query, district",
    [("Westfalenhalle", "Innenstadt-West"), ("Borsigplatz", "Innenstadt-Nord"),
     ("Innenstadt-Ost", "Innenstadt-Ost"), ("kaiserbrunnen", "Innenstadt-Ost")],
)  # fmt: skip
def test_a_district_or_statistical_district_without_a_point_is_its_city_district(
    offline, query, district
):
    found = offline.named(query)
    assert found.name == district and found.approximate
    assert found.label == f"{district} (Mitte des Stadtbezirks)"


def test_every_statistical_district_is_found(offline):
    with open(REGION_DIR / "statistical_districts.csv", encoding="utf-8") as f:
        names = [line.split(",")[2].strip() for line in f.readlines()[1:]]
    assert len(names) == 62
    assert [name for name in names if offline.named(name) is None] == []


def test_a_name_in_a_longer_text_is_found_but_is_not_the_whole_name(offline):
    assert offline.geocode("Treffpunkt am Borsigplatz 3").name == "Innenstadt-Nord"
    assert offline.named("Treffpunkt am Borsigplatz 3") is None
    assert offline.named("44137").name == "44137" and offline.named("Dortmund") is None


def region_with(tmp_path, places_csv: str) -> Path:
    region = tmp_path / "region"
    shutil.copytree(REGION_DIR, region)
    (region / gazetteer.PLACES_FILE).write_text(places_csv, encoding="utf-8")
    return region


STATIONS = """name,kind,lat,lon,source,licence,aliases
Dortmund-Hörde,station,51.4890,7.5000,test data,CC0,Hörde S-Bahn
Westfalenpark,place,51.4960,7.4780,test data,CC0,
"""


def test_a_station_of_the_places_file_is_found_when_a_station_is_asked_for(tmp_path):
    geocoder = OfflineGeocoder(region_with(tmp_path, STATIONS))
    for query in ("Hörde Bahnhof", "Bahnhof Dortmund-Hörde", "S-Bahn Hörde"):
        found = geocoder.named(query)
        assert (found.lat, found.lng, found.approximate) == (51.4890, 7.5000, False), query
        assert geocoder.geocode(query).name == "Dortmund-Hörde"
    assert geocoder.named("Hörde").name == "Hörde"  # no station asked for: the neighbourhood
    assert geocoder.named("westfalenpark").lat == 51.4960


@pytest.mark.parametrize(
    "row, problem",
    [("X,station,51.5,7.4,,CC0", "source"), ("X,station,51.5,7.4,src,", "licence"),
     ("X,bridge,51.5,7.4,src,CC0", "kind"), ("X,place,nan,7.4,src,CC0", "lat/lon"),
     ("X,place,north,7.4,src,CC0", "numbers")],
)  # fmt: skip
def test_a_places_file_row_without_source_licence_or_a_good_point_is_refused(
    tmp_path, row, problem
):
    region = region_with(tmp_path, "name,kind,lat,lon,source,licence\n" + row + "\n")
    with pytest.raises(ValueError, match=problem):
        gazetteer.load(region)


def test_a_bad_places_file_stops_the_app_from_starting(tmp_path, monkeypatch):
    region_with(tmp_path / "regions", "name,kind,lat,lon,source,licence\nX,station,51,7,src,\n")
    (tmp_path / "regions" / "region").rename(tmp_path / "regions" / "bad")
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match="row 2: licence missing"):
        create_app({"REGION": "bad", "DB": str(tmp_path / "x.db"), "SECRET_KEY": "x"})


# --- /api/offers?near= ----------------------------------------------------------------------


@pytest.fixture
def offers_app(app, make_offer):
    for title, (lat, lng) in OFFERS.items():
        make_offer(title=title, lat=str(lat), lng=str(lng), district="")
    return app


@pytest.fixture
def nominatim(offers_app, monkeypatch):
    """The app configured with Nominatim: the fake one, answering the Rheinische Straße."""
    with running_fake_nominatim(monkeypatch) as fake:
        fake.body = [RHEINISCHE]
        offers_app.config |= {"GEOCODER": "nominatim", "NOMINATIM_URL": fake.url,
                              "NOMINATIM_MIN_DELAY": 0}  # fmt: skip
        yield fake


def titles(answer: dict) -> list[str]:
    return [feature["properties"]["title"] for feature in answer["features"]]


def nearest(answer: dict) -> tuple[str, list[int]]:
    distances = [feature["properties"]["distance_m"] for feature in answer["features"]]
    assert distances == sorted(distances)
    return titles(answer)[0], distances


@pytest.mark.parametrize(
    "place, first, label, point",
    [("Hörde", "Kleiderkammer Hörde", "Hörde", HOERDE),
     ("hoerde bahnhof", "Kleiderkammer Hörde", "Hörde", HOERDE),
     ("44137", "Beratung an der Lindemannstraße", "44137", (51.508205, 7.448782))],
)  # fmt: skip
def test_api_sorts_from_a_neighbourhood_or_postcode_and_says_which(
    offers_app, place, first, label, point
):
    answer = offers_app.test_client().get("/api/offers", query_string={"near": place}).json
    assert answer["near"] == {"label": label, "lat": point[0], "lng": point[1], "approximate": True}
    assert nearest(answer)[0] == first and answer["numberMatched"] == len(OFFERS)


def test_api_sorts_from_a_street_nominatim_finds_in_the_city(offers_app, nominatim):
    client = offers_app.test_client()
    answer = client.get("/api/offers?near=Rheinische+Stra%C3%9Fe&limit=2").json
    assert answer["near"] == {"label": RHEINISCHE["display_name"], "lat": 51.5128,
                              "lng": 7.448, "approximate": True}  # fmt: skip
    first, distances = nearest(answer)
    assert first == "Sprachcafé Unionviertel" and distances[0] < 150
    assert nominatim.requests[0]["params"]["q"] == ["Rheinische Straße, Dortmund"]
    client.get("/api/offers?near=Rheinische+Stra%C3%9Fe&limit=2")  # cached: not asked again
    assert len(nominatim.requests) == 1


def test_api_asks_nominatim_nothing_for_a_name_of_the_gazetteer(offers_app, nominatim):
    answer = offers_app.test_client().get("/api/offers?near=44137").json
    assert answer["near"]["label"] == "44137" and nominatim.requests == []


def test_nominatim_finding_a_place_outside_the_region_is_no_place(offers_app, nominatim):
    nominatim.body = [RHEINISCHE | {"lat": "52.52", "lon": "13.40"}]  # Berlin
    response = offers_app.test_client().get("/api/offers?near=Unter+den+Linden")
    assert response.status_code == 400 and response.json["field"] == "near"
    assert "kennen wir nicht" in response.json["error"]


def test_nominatim_failing_says_place_search_is_down_unless_the_gazetteer_knows(
    offers_app, nominatim
):
    nominatim.status, nominatim.body = 503, "busy"
    client = offers_app.test_client()
    response = client.get("/api/offers?near=Rheinische+Stra%C3%9Fe")
    assert response.status_code == 400 and response.json["field"] == "near"
    assert "Ortssuche" in response.json["error"]
    answer = client.get("/api/offers?near=Rheinische+Stra%C3%9Fe+in+H%C3%B6rde").json
    assert answer["near"]["label"] == "Hörde"  # Nominatim failed; the gazetteer knows Hörde


def test_a_misconfigured_nominatim_is_place_search_down_not_a_500(offers_app):
    offers_app.config |= {"GEOCODER": "nominatim", "NOMINATIM_URL": "ftp://nowhere"}
    client = offers_app.test_client()
    response = client.get("/api/offers?near=Rheinische+Stra%C3%9Fe")
    assert response.status_code == 400 and "Ortssuche" in response.json["error"]
    assert client.get("/api/offers?near=H%C3%B6rde").json["near"]["label"] == "Hörde"


@pytest.mark.parametrize("place", ["Atlantis", "12345", "Hauptstraße 1, 10115 Berlin", "51.5"])
def test_api_answers_an_unknown_place_400_with_a_clear_message(offers_app, place):
    response = offers_app.test_client().get("/api/offers", query_string={"near": place})
    assert response.status_code == 400
    assert response.json == {"error": UNKNOWN, "field": "near"}


def test_api_keeps_the_filters_and_pages_when_sorting_from_a_place(offers_app, make_offer):
    make_offer(title="Kurs in Mengede", category="education", lat="51.5686", lng="7.3846")
    make_offer(title="Kurs in Hörde", category="education", lat="51.4840", lng="7.5000")
    client = offers_app.test_client()
    pages = [client.get(f"/api/offers?near=H%C3%B6rde&category=education&limit=1&offset={n}").json
             for n in (0, 1)]  # fmt: skip
    assert [titles(page) for page in pages] == [["Kurs in Hörde"], ["Kurs in Mengede"]]
    assert pages[1]["near"]["label"] == "Hörde" and pages[0]["numberMatched"] == 2


def test_api_answer_with_coordinates_names_no_place(offers_app):
    answer = offers_app.test_client().get("/api/offers?near=51.48,7.50").json
    assert "near" not in answer and nearest(answer)[0] == "Kleiderkammer Hörde"


# --- /list?near= ----------------------------------------------------------------------------


def listed(html: str) -> list[str]:
    return re.findall(r'<h3 lang="\w+" dir="auto"><a href="[^"]*">([^<]*)</a>', html)


def test_list_sorts_from_a_place_and_shows_the_distances(offers_app):
    html = offers_app.test_client().get("/list?near=H%C3%B6rde").get_data(as_text=True)
    assert listed(html)[0] == "Kleiderkammer Hörde"
    assert "Sortiert nach Entfernung zur Mitte von: <bdi>Hörde</bdi>" in html
    distances = re.findall(r'<p class="distance">([^<]*)</p>', html)
    assert distances == [
        "0,1 km entfernt",
        "4,5 km entfernt",
        "4,7 km entfernt",
        "12,4 km entfernt",
    ]
    assert 'id="near" name="near" value="Hörde"' in html


def test_list_from_a_place_speaks_the_page_language(offers_app):
    html = offers_app.test_client().get("/list?near=44137&lang=ar").get_data(as_text=True)
    assert "مرتبة حسب المسافة من وسط: <bdi>44137</bdi>" in html
    assert re.search(r'<p class="distance">على بعد [\d.,]+ كم</p>', html)


def test_list_from_a_place_keeps_filters_and_pages(offers_app, make_offer, monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 2)
    for n, lat in enumerate(("51.57", "51.60", "51.65")):  # farther and farther from Mengede
        make_offer(title=f"Kurs {n}", category="education", lat=lat, lng="7.38")
    client = offers_app.test_client()
    html = client.get("/list?near=Mengede&category=education&page=2").get_data(as_text=True)
    assert listed(html) == ["Kurs 2"]
    links = re.findall(r'href="(/list\?[^"]*page=\d[^"]*)"', html)
    assert links and all("near=Mengede" in link and "category=education" in link for link in links)
    past_the_end = client.get("/list?near=Mengede&category=education&page=9")
    assert listed(past_the_end.get_data(as_text=True)) == ["Kurs 2"]


def test_list_says_so_for_an_unknown_place_and_lists_unsorted(offers_app):
    response = offers_app.test_client().get("/list?near=Atlantis&lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "We do not know this place. Try a postcode or a neighbourhood." in html
    assert 'aria-invalid="true"' in html and 'value="Atlantis"' in html
    assert sorted(listed(html)) == sorted(OFFERS) and 'class="distance"' not in html


# --- hostile input ----------------------------------------------------------------------------


def test_every_naughty_place_is_answered_without_a_500(offers_app):
    client = offers_app.test_client()
    for value in naughty.strings() + naughty.NASTY:
        response = client.get("/api/offers", query_string={"near": value, "limit": 1})
        assert response.status_code in (200, 400), value
        assert response.status_code == 200 or response.json["field"] == "near", value


@pytest.mark.parametrize("path", ["/list", "/"])
def test_naughty_places_on_the_pages_are_answered_without_a_500(offers_app, path):
    client = offers_app.test_client()
    for value in naughty.sample(step=10):
        response = client.get(path, query_string={"near": value, "category": "counselling"})
        assert response.status_code == 200, value


def test_naughty_places_reach_nominatim_as_text_and_come_back_as_messages(offers_app, nominatim):
    nominatim.body = []
    client = offers_app.test_client()
    for value in naughty.sample(step=10):
        response = client.get("/api/offers", query_string={"near": value})
        assert response.status_code in (200, 400), value

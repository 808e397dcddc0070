"""Directions that arrive: a route to an exact point, a route to the address text when the
point is only approximate, and no route but a note (and the phone) without either. One
function decides; the offer page, the API's features and the map's cards show its answer.
Offer text goes into the links percent-encoded, whatever it holds."""

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import naughty
import pytest

from refugee_map.store import offers as offer_store
from refugee_map.web import directions

PLACED = {"lat": 51.5142, "lng": 7.4652}
ADDRESS = {"street": "Kampstraße 1", "postcode": "44137", "city": "Dortmund"}
CASES = {
    "exact point": ({**PLACED, **ADDRESS, "location_approximate": False}, "point"),
    "exact point, no street": ({**PLACED, "street": "", "location_approximate": False}, "point"),
    "approximate point, street": ({**PLACED, **ADDRESS, "location_approximate": True}, "address"),
    "no point, street": ({"lat": None, "lng": None, **ADDRESS}, "address"),
    "approximate point, no street": (
        {**PLACED, "street": "", "postcode": "44137", "location_approximate": True},
        "none",
    ),
    "no point, no street": ({"lat": None, "lng": None, "street": "", "postcode": "44137"}, "none"),
}
ADDRESS_NOTE = "Die Lage ist nur ungefähr bekannt. Die Route führt zur Adresse."
ASK_NOTE = "Keine genaue Adresse bekannt. Bitte fragen Sie vor dem Besuch nach der Adresse."
# What a percent-encoded query value may hold (RFC 3986 unreserved characters, "%", ",").
ENCODED_VALUE = re.compile(r"[A-Za-z0-9\-._~%,]*")


@pytest.fixture
def german(app):
    with app.test_request_context("/?lang=de"):
        yield


def offer(fields: dict) -> dict:
    return {"lat": None, "lng": None, "location_approximate": False, "city": ""} | fields


# --- the decision ---------------------------------------------------------------------------


@pytest.mark.parametrize("fields, kind", CASES.values(), ids=CASES.keys())
def test_each_kind_of_place_gets_its_kind_of_directions(german, fields, kind):
    assert directions.way_there(offer(fields))["kind"] == kind


def test_an_exact_point_is_routed_to_by_its_coordinates(german):
    way = directions.way_there(offer(CASES["exact point"][0]))
    assert way == {
        "kind": "point",
        "osm_url": "https://www.openstreetmap.org/directions?to=51.5142,7.4652",
        "geo_url": "geo:51.5142,7.4652?q=51.5142,7.4652",
        "apple_url": "https://maps.apple.com/?daddr=51.5142,7.4652",
        "note": "",
    }


def test_an_approximate_point_is_routed_to_by_its_address_with_a_note(german):
    way = directions.way_there(offer(CASES["approximate point, street"][0]))
    text = "Kampstra%C3%9Fe%201,%2044137%20Dortmund"
    assert way == {
        "kind": "address",
        "osm_url": f"https://www.openstreetmap.org/directions?to={text}",
        "geo_url": f"geo:0,0?q={text}",
        "apple_url": f"https://maps.apple.com/?daddr={text}",
        "note": ADDRESS_NOTE,
    }


def test_without_street_or_exact_point_there_is_no_route_but_a_note_to_ask(german):
    way = directions.way_there(offer(CASES["approximate point, no street"][0]))
    assert way == {
        "kind": "none",
        "osm_url": None,
        "geo_url": None,
        "apple_url": None,
        "note": ASK_NOTE,
    }


def test_the_notes_are_in_the_visitors_language(app):
    with app.test_request_context("/?lang=en"):
        way = directions.way_there(offer(CASES["no point, no street"][0]))
    assert way["note"] == "No exact address known. Please ask for the address before you go."


# --- encoding -------------------------------------------------------------------------------

HOSTILE = (
    'Kampstraße 1" onmouseover="alert(1)',
    "javascript:alert(1)//",
    "Weg 1\nX-Injected: 1\r\n\t2",
    "\u202eevil\u202c Straße 5 \u200f",
    "a&to=evil.example#frag?x=1/../%41+b",
    "<script>alert(1)</script>",
    "x" * 100_000,
)


def routes_for(street: str) -> tuple[dict, str]:
    fields = {**PLACED, "street": street, "postcode": "44137", "city": "Dort\nmund"}
    place = offer(fields | {"location_approximate": True})
    return directions.way_there(place), directions.route_address(place)


def assert_carries_exactly(url: str, scheme: str, host: str, key: str, text: str) -> None:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.fragment) == (scheme, host, "")
    name, _, value = parts.query.partition("=")
    assert name == key and ENCODED_VALUE.fullmatch(value), url[:200]
    assert parse_qs(parts.query) == {key: [text]} and unquote(value) == text


@pytest.mark.parametrize("street", HOSTILE + naughty.strings()[::5])
def test_any_street_is_percent_encoded_into_every_link(german, street):
    way, text = routes_for(street)
    if way["kind"] == "none":  # no letter, no digit: nothing a route planner could find
        assert not any(c.isalnum() for c in street)
        return
    assert way["kind"] == "address"
    assert_carries_exactly(way["osm_url"], "https", "www.openstreetmap.org", "to", text)
    assert_carries_exactly(way["apple_url"], "https", "maps.apple.com", "daddr", text)
    geo, _, value = way["geo_url"].partition("?q=")
    assert geo == "geo:0,0" and ENCODED_VALUE.fullmatch(value) and unquote(value) == text


@pytest.mark.parametrize(
    "street, expected",
    [
        ("Münsterstraße 54 (1. Etage, über KiK)", "Münsterstraße 54"),
        ("Mackenrothweg 15 (Stadtbezirksbibliothek Scharnhorst)", "Mackenrothweg 15"),
        ("Hof (links) Weg 3 (2. OG)", "Hof Weg 3"),
        ("(hinter dem Bahnhof)", "(hinter dem Bahnhof)"),  # nothing else to look for
    ],
)
def test_a_note_in_brackets_stays_out_of_the_route(german, street, expected):
    way, text = routes_for(street)
    assert text == f"{expected}, 44137 Dort mund"
    assert parse_qs(urlsplit(way["osm_url"]).query) == {"to": [text]}


def test_people_read_the_address_with_its_note(german):
    place = offer(
        {**PLACED, "street": "Münsterstraße 54 (1. Etage)", "postcode": "44145", "city": "Dortmund"}
    )
    assert directions.address_text(place) == "Münsterstraße 54 (1. Etage), 44145 Dortmund"


def test_the_address_text_is_one_line_without_control_characters(german):
    _way, text = routes_for("Weg 1\nX-Injected: 1\r\n\t2\x00\x1b[31m")
    assert text == "Weg 1 X-Injected: 1 2[31m, 44137 Dort mund"


# --- the offer page and the API agree ---------------------------------------------------------


def create(db, fields: dict) -> dict:
    """Store an offer as given (no cleaning), so hostile text reaches the pages unchanged."""
    values = {"category": "counselling", "title": "Hilfe", "status": "published"}
    return offer_store.create_offer(db, values | fields, by="test")


def links(html: str) -> dict[str, str]:
    """The directions section's links: href -> the whole tag."""
    section = re.search(r'<section class="directions".*?</section>', html, re.S).group(0)
    return {
        unescape(href): tag for tag, href in re.findall(r'(<a [^>]*href="([^"]*)"[^>]*>)', section)
    }


@pytest.mark.parametrize("fields, kind", CASES.values(), ids=CASES.keys())
def test_offer_page_and_api_show_the_same_directions(client, db, fields, kind):
    stored = create(db, fields | {"phone": "0231 123456"})
    answer = client.get(f"/api/offers/{stored['id']}").get_json()
    way = answer["properties"]["directions"]
    assert way["kind"] == kind
    listed = client.get("/api/offers?limit=10").get_json()["features"]
    assert [f["properties"]["directions"] for f in listed] == [way]
    html = client.get(f"/offers/{stored['id']}").get_data(as_text=True)
    assert f'data-directions="{kind}"' in html
    found = links(html)
    routes = [way[key] for key in ("osm_url", "geo_url", "apple_url") if way[key]]
    assert [href for href in found if not href.startswith("tel:")] == routes
    assert (way["note"] or "") in html


def test_the_route_links_open_a_new_page_that_learns_nothing_of_this_one(client, db):
    stored = create(db, {**PLACED, **ADDRESS, "location_approximate": True})
    html = client.get(f"/offers/{stored['id']}").get_data(as_text=True)
    for href, tag in links(html).items():
        if href.startswith("https:"):
            assert 'target="_blank"' in tag and 'rel="noopener noreferrer"' in tag, tag


def test_without_a_route_the_page_offers_the_phone_and_says_to_ask(client, db):
    stored = create(db, {**PLACED, "postcode": "44137", "location_approximate": True,
                         "phone": "0231 123456"})  # fmt: skip
    html = client.get(f"/offers/{stored['id']}").get_data(as_text=True)
    assert list(links(html)) == ["tel:0231123456"]
    assert ASK_NOTE in html and "openstreetmap.org/directions" not in html


def test_a_hostile_address_stays_text_on_the_page_and_encoded_in_its_links(client, db):
    street = '"><script>alert(1)</script>\njavascript:alert(1) \u202eevil'
    stored = create(db, {**PLACED, "street": street, "location_approximate": True})
    html = client.get(f"/offers/{stored['id']}").get_data(as_text=True)
    way = client.get(f"/api/offers/{stored['id']}").get_json()["properties"]["directions"]
    assert way["kind"] == "address" and "<script>alert(1)" not in html
    assert list(links(html)) == [way["osm_url"], way["geo_url"], way["apple_url"]]
    assert 'href="javascript:' not in html

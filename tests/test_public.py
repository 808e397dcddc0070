"""The public pages: map, list and offer page, rendered by Flask's test client."""

import json
import re
from html import unescape

import pytest

from refugee_map import store
from refugee_map.store import offers as offer_store


def static_url(client, filename: str) -> str:
    return f"/static/{client.application.config['STATIC_FINGERPRINT']}/{filename}"


XSS_TITLE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def sample(make_offer):
    return {
        "centre": make_offer(
            title="Beratung im Zentrum", district="Innenstadt-West", languages="de ar",
            verified_at="2025-03-14", phone="0231 123456", email="info@example.org",
            website="https://example.org", description="Zeile eins\nZeile zwei",
            target_groups="women families", wheelchair_access="true",
            hours_note="nicht in den Ferien",
        ),
        "hoerde": make_offer(
            title="Möbelbörse Hörde", category="donations", lat=51.4883, lng=7.5057,
            district="Hörde", volunteers_wanted=True, volunteer_tasks="Möbel tragen",
            languages="de", opening_hours="Mo-Su 00:00-24:00", location_approximate=True,
        ),
        "closed": make_offer(
            title="Deutschkurs Mengede", category="education", district="Mengede",
            lat=51.5686, lng=7.3846, opening_hours="", by_appointment=True, languages="fa",
        ),
        "draft": make_offer(title="Entwurf", status="draft"),
    }  # fmt: skip


def page(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def titles(html):
    return sorted(unescape(title) for title in re.findall(r"<h3[^>]*><a [^>]*>(.*?)</a>", html))


def map_config(html):
    return json.loads(unescape(re.search(r"data-config='([^']*)'", html).group(1)))


# --- the map page ----------------------------------------------------------------------


def test_map_page_hands_its_settings_to_the_script_as_json(client, sample):
    config = map_config(page(client, "/"))
    assert config["offersUrl"] == "/api/offers"
    assert config["tiles"]["url"].startswith("https://")
    assert [c["slug"] for c in config["categories"]][0] == "counselling"
    assert config["categories"][0]["icon"] == static_url(client, "icons/counselling.svg")
    assert config["categories"][0]["label"] == "Beratungsangebote"
    assert "{n}" in config["strings"]["found_other"]


@pytest.mark.parametrize("path", ["/", "/list", "/suggest"])
def test_public_pages_describe_the_site_in_the_visitor_s_language(client, path):
    """The line search engines show under the title (Lighthouse: meta-description)."""
    describes = '<meta name="description" content="{}">'
    assert describes.format("Hilfsangebote für Geflüchtete in Dortmund") in client.get(path).text
    arabic = client.get(path + "?lang=ar").text
    assert describes.format("عروض المساعدة للاجئين في دورتموند") in arabic


def test_map_page_works_as_a_form_and_a_link_without_javascript(client):
    html = page(client, "/?category=donations")
    assert '<form id="filters" class="filters" action="/list" method="get"' in html
    assert "<noscript>" in html and 'href="/list?category=donations"' in html
    assert f'<script src="{static_url(client, "js/map.bundle.js")}" type="module"></script>' in html
    assert "<script>" not in html and " onclick=" not in html


def test_every_static_file_the_map_page_names_exists(client):
    html = page(client, "/")
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(path).status_code == 200, path


def test_map_page_shows_the_filters_from_the_url(client):
    html = page(client, "/?category=donations&district=H%C3%B6rde&q=M%C3%B6bel&open_now=1")
    assert 'value="donations" checked' in html
    assert 'value="counselling">' in html
    assert '<option value="Hörde" selected>Hörde</option>' in html
    assert 'value="Möbel"' in html
    assert 'name="open_now" value="1" checked' in html


@pytest.mark.parametrize("path", ["/", "/list"])
@pytest.mark.parametrize(
    "query, folded_open",
    [("", False), ("?category=donations&q=x", False), ("?district=H%C3%B6rde", True),
     ("?language=ar", True), ("?volunteers_wanted=1", True), ("?open_now=1", True),
     ("?district=Atlantis", True), ("?district=", False)],
)  # fmt: skip
def test_the_rarer_filters_fold_away_unless_one_is_set_or_wrong(client, path, query, folded_open):
    html = client.get(f"{path}{query}").get_data(as_text=True)
    opened = re.search(r'<details class="more-filters"( open)?>', html).group(1) is not None
    assert opened == folded_open


# --- the list ------------------------------------------------------------------------------


def test_list_shows_published_offers_only(client, sample):
    html = page(client, "/list")
    assert titles(html) == ["Beratung im Zentrum", "Deutschkurs Mengede", "Möbelbörse Hörde"]
    assert "3 Angebote gefunden." in html
    assert f'href="/offers/{sample["centre"]["id"]}"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=donations", ["Möbelbörse Hörde"]),
        ("category=donations&category=education", ["Deutschkurs Mengede", "Möbelbörse Hörde"]),
        ("district=Mengede", ["Deutschkurs Mengede"]),
        ("q=moebel", ["Möbelbörse Hörde"]),
        ("q=Zentrum", ["Beratung im Zentrum"]),
        ("language=fa", ["Deutschkurs Mengede"]),
        ("volunteers_wanted=1", ["Möbelbörse Hörde"]),
        ("bbox=7.49,51.48,7.52,51.50", ["Möbelbörse Hörde"]),
        ("q=nichtda", []),
    ],
)
def test_list_applies_every_filter(client, sample, query, expected):
    assert titles(page(client, f"/list?{query}")) == expected


def test_list_open_now_keeps_offers_open_at_this_moment(client, sample):
    shown = titles(page(client, "/list?open_now=1"))
    assert "Möbelbörse Hörde" in shown and "Deutschkurs Mengede" not in shown


def test_list_with_no_match_says_so(client, sample):
    assert "Keine Angebote gefunden." in page(client, "/list?q=nichtda")


def test_list_shows_hours_grouped_and_when_it_was_last_checked(client, sample):
    html = page(client, "/list?district=Innenstadt-West")
    assert re.search(r'<span class="day">Mo–Fr</span>\s*<span class="slot">09:00–12:00', html)
    assert "Zuletzt geprüft: März 2025" in html


BAD_FILTERS = [
    ("category=bogus", "Unbekannte Kategorie: bogus"),
    ("district=Atlantis", "Unbekannter Stadtbezirk."),
    ("q=" + "x" * 201, "Suchtext zu lang"),
    ("language=deutsch", "Sprache als zweibuchstabigen Code angeben."),
    ("volunteers_wanted=maybe", "Erlaubt sind 1 oder 0."),
    ("open_now=2", "Erlaubt sind 1 oder 0."),
    ("bbox=1,2", "bbox erwartet"),
    ("bbox=9,9,1,1", "bbox: Minimum größer als Maximum"),
]


@pytest.mark.parametrize("path", ["/", "/list"])
@pytest.mark.parametrize(("query", "message"), BAD_FILTERS)
def test_a_bad_filter_shows_its_message_by_the_form_with_status_400(client, path, query, message):
    html = page(client, f"{path}?{query}", status=400)
    assert re.search(
        r'<div id="filter-error" class="error" role="alert">[^<]*' + re.escape(message), html
    )


def test_a_bad_filter_marks_its_field_and_is_not_kept_in_the_form(client):
    html = page(client, "/list?district=Atlantis", status=400)
    assert '<select id="district" name="district" aria-invalid="true"' in html
    html = page(client, "/list?bbox=nonsense", status=400)
    assert 'name="bbox"' not in html


def test_hidden_filters_are_kept_in_the_form(client):
    html = page(client, "/list?bbox=7,51,8,52&lang=en")
    assert '<input type="hidden" name="bbox" value="7,51,8,52">' in html
    assert '<input type="hidden" name="lang" value="en">' in html


def test_the_language_filter_offers_the_languages_spoken_at_offers(client, sample):
    html = page(client, "/list?language=ar&lang=en")
    assert '<option value="ar" selected>Arabic (العربية)</option>' in html
    assert '<option value="fa">Persian (فارسی)</option>' in html
    assert 'value="tr"' not in html


@pytest.mark.parametrize("query", ["endpoint=x", "_external=1&_anchor=x", "category=", "q=%00"])
def test_odd_query_parameters_never_break_a_page(client, query):
    page(client, f"/?{query}")
    page(client, f"/list?{query}")


# --- escaping ----------------------------------------------------------------------------


def test_a_script_title_is_shown_as_text_in_list_and_offer_page(client, make_offer):
    offer = make_offer(title=XSS_TITLE, organization="<b>Verein</b>")
    for html in (page(client, "/list"), page(client, f"/offers/{offer['id']}")):
        assert XSS_TITLE not in html and "<b>Verein</b>" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_stored_javascript_address_is_never_a_link(client, db):
    offer = offer_store.create_offer(
        db, {"category": "leisure", "title": "Alt", "lat": 51.5, "lng": 7.4, "status": "published",
             "website": "javascript:alert(1)"}, by="test",
    )  # fmt: skip
    html = page(client, f"/offers/{offer['id']}")
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html


# --- the offer page ------------------------------------------------------------------------


def test_offer_page_shows_every_public_field(client, sample):
    html = page(client, f"/offers/{sample['centre']['id']}")
    for text in [
        "<h1 lang=\"de\" dir=\"auto\">Beratung im Zentrum</h1>", "Beratungsangebote",
        "Zeile eins\nZeile zwei", "Beispielverein", "Kampstraße 1, 44137 Dortmund",
        "Innenstadt-West", 'href="tel:0231123456"', 'href="mailto:info@example.org"',
        'href="https://example.org"', "Mo–Fr", "nicht in den Ferien", "Deutsch", "Arabisch",
        "Frauen, Familien", "Rollstuhlgerecht</dt>\n    <dd>ja", "März 2025",
    ]:  # fmt: skip
        assert text in html, text


def test_offer_page_links_to_directions_without_fetching_anything(client, sample):
    html = page(client, f"/offers/{sample['centre']['id']}")
    assert 'href="https://www.openstreetmap.org/directions?to=51.5142,7.4652"' in html
    assert 'href="geo:51.5142,7.4652?q=51.5142,7.4652"' in html
    assert f'<script src="{static_url(client, "js/offer.js")}" type="module"></script>' in html
    assert map_config(html)["lat"] == 51.5142


def test_offer_page_says_when_the_place_is_approximate(client, sample):
    html = page(client, f"/offers/{sample['hoerde']['id']}")
    assert "Die Lage ist nur ungefähr bekannt. Die Route führt zur Adresse." in html
    assert 'Ehrenamtliche gesucht</dt>\n    <dd dir="auto">Möbel tragen' in html


def test_offer_page_says_district_boundaries_are_schematic(client, sample):
    html = page(client, f"/offers/{sample['centre']['id']}")
    assert "Die Grenzen der Stadtbezirke sind schematisch, nicht amtlich." in html


def test_offer_page_warns_when_never_or_long_ago_checked(client, sample):
    html = page(client, f"/offers/{sample['closed']['id']}")
    assert "Diese Angaben wurden länger nicht geprüft." in html
    assert "noch nie" in html and "Termin nach Vereinbarung" in html


@pytest.mark.parametrize("path", ["/offers/999", "/offers/abc", "/nowhere"])
def test_unknown_pages_are_a_friendly_404(client, path):
    html = page(client, path, status=404)
    assert "Diese Seite gibt es nicht." in html and 'href="/list"' in html


def test_a_draft_offer_is_not_public(client, sample):
    page(client, f"/offers/{sample['draft']['id']}", status=404)


# --- languages and the frame -----------------------------------------------------------------


def test_lang_parameter_gives_english_and_is_kept_in_links(client, sample):
    html = page(client, "/list?lang=en&category=donations")
    assert '<html lang="en" dir="ltr">' in html
    assert "Help for refugees in Dortmund" in html and "1 offer found." in html
    assert "Clothes and furniture donations" in html
    assert f'href="/offers/{sample["hoerde"]["id"]}?lang=en"' in html
    assert 'href="/?lang=en&amp;category=donations" data-keep-query' in html


def test_accept_language_picks_english(client, sample):
    html = page(client, f"/offers/{sample['centre']['id']}", headers={"Accept-Language": "en"})
    assert "How to get there" in html and "Last checked" in html and "March 2025" in html


def test_language_switcher_keeps_the_query_string(client):
    html = page(client, "/list?category=donations&q=Tisch")
    assert 'href="/list?category=donations&amp;q=Tisch&amp;lang=en"' in html
    assert 'aria-current="true">Deutsch' in html


def test_sample_data_are_labelled(client, db):
    assert "Beispieldaten" not in page(client, "/")
    store.set_meta(db, "demo", "1")
    assert "Beispieldaten" in page(client, "/") and "Beispieldaten" in page(client, "/list")


def test_pages_have_landmarks_a_skip_link_and_attribution(client):
    html = page(client, "/list")
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    assert "© OpenStreetMap contributors" in html

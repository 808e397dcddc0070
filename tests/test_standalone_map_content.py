"""The standalone map reads as finished (issue 14): a title, a legend with the category
symbols, popups in the chosen language (right to left for Arabic and Farsi), a link to each
offer online, and the district and city outlines for a map without tiles."""

import base64
from functools import partial

import pytest
from click.testing import CliRunner
from test_standalone_map import CLUSTERS, map_data, open_offline

from refugee_map.cli import main
from refugee_map.exchange.standalone_map import STATIC
from refugee_map.store import translations as translation_store

HOSTILE = "<img src=x onerror=alert(1)> {{ 7*7 }} </script>"


@pytest.fixture
def site(app, make_offer, db, monkeypatch):
    """Two offers in Innenstadt-Nord, one translated to Arabic, one without a street."""
    monkeypatch.setenv("REFUGEE_MAP_DB", app.config["DB"])
    monkeypatch.delenv("REFUGEE_MAP_PUBLIC_URL", raising=False)
    make_offer = partial(make_offer, district="Innenstadt-Nord", lat="51.5250", lng="7.4560")
    course = make_offer(title="Deutschkurs", category="education", languages="de ar uk",
                        opening_hours="Mo,We 10:00-12:00", by_appointment="ja",
                        description="Für Anfänger.")  # fmt: skip
    translation_store.set_translation(db, course["id"], "ar", "دورة ألمانية", "للمبتدئين.")
    street_less = make_offer(title="Ohne Straße", street="", lng="7.4600")
    return {"course": course, "street_less": street_less}


def export(tmp_path, *options) -> tuple[str, str]:
    """(the file's HTML, what the command said)."""
    path = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["export-map", "-o", str(path), *options])
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8"), result.output


def popup(data: dict, title: str) -> dict:
    return next(offer for offer in data["offers"] if offer["title"] == title)


def test_the_title_names_the_region_the_filters_and_the_date(site, tmp_path):
    page, _ = export(tmp_path, "--district", "Innenstadt-Nord", "--category", "education")
    heading = map_data(page)["heading"]
    assert heading["title"] == "Hilfsangebote für Geflüchtete in Dortmund"
    assert heading["subtitle"].startswith("Stadtbezirk Innenstadt-Nord · Bildungsangebote · Stand:")
    assert f"<title>{heading['title']} – {heading['subtitle']}</title>" in page


def test_the_legend_has_the_web_maps_category_symbol_and_colour(site, tmp_path):
    (education,) = map_data(export(tmp_path, "--category", "education")[0])["categories"]
    icon = (STATIC / "icons" / "education.svg").read_bytes()
    assert education["icon"] == f"data:image/svg+xml;base64,{base64.b64encode(icon).decode()}"
    assert (education["label"], education["colour"]) == ("Bildungsangebote", "#2b6e2f")


def test_arabic_popups_are_translated_and_the_page_reads_right_to_left(site, tmp_path):
    page, _ = export(tmp_path, "--lang", "ar")
    assert '<html lang="ar" dir="rtl">' in page
    course = popup(map_data(page), "دورة ألمانية")
    assert (course["description"], course["text_lang"]) == ("للمبتدئين.", "ar")
    assert course["hours"] == ["الاثنين والأربعاء 10:00–12:00", "بموعد مسبق"]
    assert course["languages"].endswith(": الألمانية والعربية والأوكرانية")


def test_german_popups_name_days_and_languages_in_german(site, tmp_path):
    page, _ = export(tmp_path)
    assert '<html lang="de" dir="ltr">' in page
    course = popup(map_data(page), "Deutschkurs")
    assert course["hours"] == ["Mo und Mi 10:00–12:00", "Termin nach Vereinbarung"]
    assert course["languages"] == "Gesprochene Sprachen: Deutsch, Arabisch und Ukrainisch"
    assert course["address"] == "Kampstraße 1, 44137 Dortmund"
    assert popup(map_data(page), "Ohne Straße")["address"] == ""


def test_each_popup_links_to_the_offers_page_online(site, tmp_path):
    page, said = export(tmp_path, "--lang", "fa", "--base-url", "https://hilfe.example.org")
    course = popup(map_data(page), "Deutschkurs")
    assert course["url"] == f"https://hilfe.example.org/offers/{site['course']['id']}?lang=fa"
    assert "Links to the offer pages: https://hilfe.example.org" in said


def test_without_a_public_address_there_are_no_links_and_the_command_says_so(site, tmp_path):
    page, said = export(tmp_path)
    assert all(offer["url"] == "" for offer in map_data(page)["offers"])
    assert "No links to the offer pages" in said and "REFUGEE_MAP_PUBLIC_URL" in said
    assert "Tiles: none" in said


def test_a_base_url_that_is_no_web_address_is_refused(site, tmp_path):
    result = CliRunner().invoke(
        main, ["export-map", "-o", str(tmp_path / "x.html"), "--base-url", "javascript:alert(1)"]
    )
    assert result.exit_code != 0 and "--base-url" in result.output
    assert not (tmp_path / "x.html").exists()


def test_the_district_and_city_outlines_are_in_the_file(site, tmp_path):
    outlines = map_data(export(tmp_path, "--district", "Hörde")[0])["outlines"]
    names = {feature["properties"]["name"] for feature in outlines["districts"]["features"]}
    assert len(names) == 12 and outlines["chosen"] == "Hörde"
    assert outlines["city"]["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_hostile_text_in_a_translation_stays_data(site, db, tmp_path):
    translation_store.set_translation(db, site["street_less"]["id"], "ar", HOSTILE, HOSTILE)
    page, _ = export(tmp_path, "--lang", "ar", "--base-url", "https://hilfe.example.org")
    shown = popup(map_data(page), HOSTILE)
    assert shown["description"] == HOSTILE
    assert "<img" not in page and page.count("</script>") == page.count("<script")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["de", "ar"])
def test_opened_offline_it_shows_title_legend_outlines_and_a_linked_popup(
    site, tmp_path, page, lang
):
    export(tmp_path, "--lang", lang, "--base-url", "https://hilfe.example.org")
    problems = open_offline(page, tmp_path / "map.html")
    assert page.locator(".offer-heading h1").text_content() == (
        "Hilfsangebote für Geflüchtete in Dortmund"
        if lang == "de"
        else "عروض المساعدة للاجئين في دورتموند"  # the shipped region's name in Arabic script
    )
    assert page.locator(".offer-legend li img[src^='data:image/svg+xml']").count() == 2
    assert page.locator("path.leaflet-interactive").count() >= 12  # districts and the city
    corner = "right" if lang == "ar" else "left"
    assert page.locator(f".leaflet-top.leaflet-{corner} .leaflet-control-zoom").count() == 1
    assert page.locator(f".leaflet-bottom.leaflet-{corner} .offer-legend").count() == 1
    page.evaluate(f"() => {CLUSTERS}[0].getLayers()[0].openPopup()")
    link = page.locator(".leaflet-popup-content a.details")
    assert link.get_attribute("href").startswith("https://hilfe.example.org/offers/")
    assert problems == []

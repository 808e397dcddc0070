"""Printable handouts: every offer of the district, grouped, with QR codes that decode."""

import io
import re
from functools import partial

import pytest
import segno
import zxingcpp
from click.testing import CliRunner
from PIL import Image

from refugee_map.cli import main
from refugee_map.web import display, handout

QR_SVG = re.compile(r'<svg[^>]*class="qr".*?</svg>', re.S)


def decode(code: segno.QRCode) -> list[str]:
    """What a phone would read: segno's PNG of the code, decoded by zxing-cpp."""
    png = io.BytesIO()
    code.save(png, kind="png", scale=4, border=4)
    return [result.text for result in zxingcpp.read_barcodes(Image.open(png))]


@pytest.fixture
def district_offers(make_offer):
    """Two published offers in Innenstadt-West, one elsewhere, one draft."""
    make_offer = partial(make_offer, district="Innenstadt-West")
    return {
        "course": make_offer(category="education", title="Deutschkurs am Wall",
                             languages="de ar uk", opening_hours="Tu 10:00-12:00"),
        "advice": make_offer(title="Sozialberatung Kampstraße", phone="0231 123"),
        "elsewhere": make_offer(title="Möbelbörse Hörde", category="donations",
                                lat=51.4883, lng=7.5057, postcode="44263",
                                district="Hörde"),
        "draft": make_offer(title="Noch nicht fertig", status="draft"),
    }  # fmt: skip


def test_the_handout_lists_every_published_offer_of_the_district_by_category(
    client, district_offers
):
    response = client.get("/handout?district=Innenstadt-West")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Deutschkurs am Wall" in page and "Sozialberatung Kampstraße" in page
    assert "Möbelbörse Hörde" not in page and "Noch nicht fertig" not in page
    assert page.index("Beratungsangebote") < page.index("Sozialberatung Kampstraße")
    assert page.index("Bildungsangebote") < page.index("Deutschkurs am Wall")
    assert "Kampstraße 1, 44137 Dortmund" in page
    assert "Arabisch" in page and "Ukrainisch" in page  # languages spoken, by name
    assert "10:00–12:00" in page and "0231 123" in page
    assert "@page { size: A4" in page


def test_the_handout_is_self_contained_with_an_inline_overview_map(client, district_offers):
    page = client.get("/handout?district=Innenstadt-West").get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="overview"' in page
    assert page.count('<g class="point">') == 2
    assert "<script" not in page and "<link" not in page and "src=" not in page
    assert len(QR_SVG.findall(page)) == 2


def test_each_qr_code_holds_the_absolute_link_to_the_offer(app, client, district_offers):
    offer = district_offers["course"]
    page = client.get("/handout?district=Innenstadt-West&lang=ar").get_data(as_text=True)
    url = f"http://localhost/offers/{offer['id']}?lang=ar"
    assert url in page
    assert decode(segno.make(url, error="m")) == [url]
    assert display.offer_url("http://localhost/", offer["id"], "ar") == url
    assert str(handout.qr_svg(url)) in page  # the same code as the one decoded


def test_the_public_url_setting_wins_over_the_request_host(app, client, district_offers):
    app.config["PUBLIC_URL"] = "https://hilfe.example.org/"
    page = client.get("/handout?district=Innenstadt-West").get_data(as_text=True)
    assert f"https://hilfe.example.org/offers/{district_offers['advice']['id']}" in page
    assert "http://localhost/offers" not in page


def test_a_category_handout_shows_only_that_category(client, district_offers):
    page = client.get("/handout?district=Innenstadt-West&category=education").get_data(as_text=True)
    assert "Deutschkurs am Wall" in page and "Sozialberatung Kampstraße" not in page


def test_arabic_and_farsi_handouts_read_right_to_left(client, district_offers):
    for lang in ("ar", "fa"):
        page = client.get(f"/handout?district=Innenstadt-West&lang={lang}").get_data(as_text=True)
        assert f'<html lang="{lang}" dir="rtl">' in page


def test_an_empty_district_says_so(client):
    page = client.get("/handout?district=Hörde").get_data(as_text=True)
    assert "keine veröffentlichten Angebote" in page


@pytest.mark.parametrize("query", ["", "?district=Atlantis", "?district=Hörde&category=nonsense"])
def test_a_bad_district_or_category_is_a_400(client, query):
    assert client.get(f"/handout{query}").status_code == 400


def test_offer_text_cannot_inject_markup(client, make_offer):
    make_offer(title="<script>alert(1)</script>", district="Innenstadt-West")
    page = client.get("/handout?district=Innenstadt-West").get_data(as_text=True)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_list_links_to_the_handout_of_the_chosen_district(client, district_offers):
    page = client.get("/list?district=Innenstadt-West&category=education").get_data(as_text=True)
    assert 'href="/handout?district=Innenstadt-West&amp;category=education"' in page
    assert "/handout" not in client.get("/list").get_data(as_text=True)


def test_the_cli_writes_the_same_handout_to_a_file(app, district_offers, tmp_path, monkeypatch):
    monkeypatch.setenv("REFUGEE_MAP_DB", app.config["DB"])
    out = tmp_path / "innenstadt.html"
    args = ["handout", "--district", "Innenstadt-West", "--lang", "uk", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--base-url", "https://hilfe.example.org"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="uk" dir="ltr">' in page and "Deutschkurs am Wall" in page
    assert f"https://hilfe.example.org/offers/{district_offers['course']['id']}?lang=uk" in page


def test_the_cli_refuses_without_an_address_for_the_qr_codes(app, tmp_path, monkeypatch):
    monkeypatch.setenv("REFUGEE_MAP_DB", app.config["DB"])
    monkeypatch.delenv("REFUGEE_MAP_PUBLIC_URL", raising=False)
    out = tmp_path / "x.html"
    result = CliRunner().invoke(main, ["handout", "--district", "Hörde", "-o", str(out)])
    assert result.exit_code != 0 and "PUBLIC_URL" in result.output
    assert not out.exists()

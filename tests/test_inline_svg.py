"""The two places that hand SVG to templates as Markup: nothing hostile passes through them."""

from html import escape

import naughty

from refugee_map.geo.overview_map import MapPoint, overview_svg
from refugee_map.web.handout import qr_svg

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
SQUARE = {"type": "Polygon", "coordinates": [[[7.4, 51.5], [7.5, 51.5], [7.5, 51.6], [7.4, 51.5]]]}
DISTRICTS = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "properties": {"name": HOSTILE}, "geometry": SQUARE}],
}


def svg_with(text: str) -> str:
    point = MapPoint(number=1, lat=51.55, lng=7.45, colour=text)
    return str(overview_svg(DISTRICTS, HOSTILE, [point], label=text))


def test_the_overview_map_escapes_its_label_and_colours():
    svg = svg_with(HOSTILE)
    assert "<script" not in svg and "<img" not in svg
    assert svg.count(escape(HOSTILE)) == 3  # aria-label, title and fill, all as text


def test_the_overview_map_keeps_every_naughty_string_as_text():
    for text in naughty.strings():
        svg = svg_with(text)
        assert svg.count(escape(text)) >= 3, text
        assert svg.count("<") == svg_with("x").count("<"), text  # no element of its own


def test_the_qr_code_never_carries_the_url_as_markup():
    svg = str(qr_svg(f"https://example.org/offers/1?x={HOSTILE}"))
    assert svg.startswith("<svg") and "<script" not in svg and "example.org" not in svg

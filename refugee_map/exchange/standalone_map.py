"""One self-contained HTML map of offers, to mail or carry on a USB stick.

folium makes the page and the Leaflet map; Leaflet and MarkerCluster are inlined as data
URIs from ``static/vendor``, so the file asks no server for anything, except tiles when a
tile URL is given.

No text of an offer (nor the title or the attribution) is given to folium: folium compiles
what its elements render as a Jinja template once more, so text inside them would run as
template code. The texts go into the page as one JSON block, written verbatim, and the
page's own script (``static/js/standalone-map.js``) draws the title box, markers, popups,
the legend and the district outlines from it with ``textContent``.

The words (title, popup fields, labels) come in already translated (``web/map_export.py``):
this module only lays them out. The district and city outlines keep the map readable
with no tiles, which is the default: no tile server, the file works with no network.
"""

import base64
import html
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import folium
from branca.element import Element
from jinja2.utils import htmlsafe_json_dumps
from shapely import union_all
from shapely.geometry import mapping, shape

from refugee_map import vendored
from refugee_map.domain.categories import CATEGORIES

STATIC = Path(__file__).resolve().parents[1] / "static"
LEAFLET = STATIC / vendored.LEAFLET_DIR
CLUSTER = STATIC / vendored.CLUSTER_DIR
SCRIPT = STATIC / "js" / "standalone-map.js"
MAX_ZOOM = 18
CSS = (
    ".offer-dot{display:flex;align-items:center;justify-content:center;width:24px;"
    "height:24px;border-radius:50%;border:2px solid #fff;box-shadow:0 0 2px #000;"
    "box-sizing:border-box}.offer-dot img{width:14px;height:14px}"
    ".offer-popup>*{display:block}"
    ".offer-legend{list-style:none;margin:0;padding:6px 8px;background:#fff;"
    "border-radius:4px;box-shadow:0 1px 4px rgb(0 0 0/40%)}"
    ".offer-legend li{display:flex;align-items:center;gap:6px;margin:2px 0}"
    ".folium-map.leaflet-container{background:#f4f3ee}"  # no tiles: paper, the outlines on it
    ".leaflet-control-scale-line{direction:ltr}"
    ".offer-popup .description{margin:2px 0 4px;color:#333}"
    ".offer-heading{max-width:22em;padding:6px 10px;background:#fff;border-radius:4px;"
    "box-shadow:0 1px 4px rgb(0 0 0/40%);font:13px/1.35 system-ui,sans-serif}"
    ".offer-heading h1{font-size:15px;margin:0 0 2px}.offer-heading p{margin:2px 0}"
    ".offer-popup .details{margin-top:4px;font-weight:600}"
)


class Verbatim(Element):
    """Markup that goes into the page exactly as given: it is never compiled as a template."""

    def __init__(self, markup: str):
        super().__init__()
        self.markup = markup

    def render(self, **kwargs) -> str:
        return self.markup


class PageScript(Element):
    """The page's own script, placed after folium's script that makes the map it draws on."""

    def render(self, **kwargs) -> None:
        code = SCRIPT.read_text(encoding="utf-8")
        assert "</script" not in code.lower()  # it is written inside folium's <script>
        self.get_root().script.add_child(Verbatim(code), name=self.get_name())


@dataclass(frozen=True)
class Heading:
    """The page's words, already in its language: the title box, and what the script needs."""

    lang: str
    direction: str  # "ltr" or "rtl"
    title: str
    subtitle: str  # the filters and the date
    note: str = ""  # e.g. that the district outlines are schematic
    labels: dict = field(default_factory=dict)  # fixed words the script shows ("details")


def render(
    placed: Iterable[dict],
    *,
    heading: Heading,
    outlines: dict | None = None,
    tiles: str | None = None,
    attribution: str = "",
) -> str:
    """The HTML of a map showing ``placed`` (popup fields, see ``web/map_export.py``) in
    marker clusters over ``outlines`` (see :func:`outlines`)."""
    placed = list(placed)
    page = folium.Map(tiles=None, zoom_start=12, control_scale=True, maxZoom=MAX_ZOOM,
                      zoom_control=False)  # fmt: skip
    page.default_js = [
        ("leaflet", _data_uri(LEAFLET / "leaflet.js")),
        ("markercluster", _data_uri(CLUSTER / "leaflet.markercluster.js")),
    ]
    page.default_css = [
        ("leaflet_css", _css_uri(LEAFLET / "leaflet.css")),
        ("markercluster_css", _css_uri(CLUSTER / "MarkerCluster.css")),
        ("markercluster_default_css", _css_uri(CLUSTER / "MarkerCluster.Default.css")),
    ]
    frame = _bounds(placed, outlines)
    if frame:
        page.fit_bounds(frame)  # numbers only
    root = page.get_root()
    title = html.escape(f"{heading.title} – {heading.subtitle}")
    root.header.add_child(Verbatim(f"<title>{title}</title><style>{CSS}</style>"))
    data = map_data(placed, map_name=page.get_name(), tiles=tiles, attribution=attribution)
    data |= {"heading": asdict(heading), "outlines": outlines}
    root.html.add_child(Verbatim(json_block("map-data", data)))
    page.add_child(PageScript())
    return _with_language(root.render(), heading)


def map_data(placed: list[dict], *, map_name: str, tiles: str | None, attribution: str) -> dict:
    """Everything the page's script draws: the offers, their categories and the tiles."""
    used = {offer["category"] for offer in placed}
    return {
        "map": map_name,
        "maxZoom": MAX_ZOOM,
        "tiles": {"url": tiles, "attribution": attribution or tiles} if tiles else None,
        "categories": [_category(c) for c in CATEGORIES if c.slug in used],
        "offers": placed,
    }


def outlines(districts_geojson: dict, chosen: str | None) -> dict:
    """The district outlines (``chosen`` highlighted) and the city's outline around them:
    what the map shows with no tiles at all."""
    shapes = [shape(feature["geometry"]) for feature in districts_geojson["features"]]
    city = {"type": "Feature", "properties": {}, "geometry": mapping(union_all(shapes))}
    return {"districts": districts_geojson, "city": city, "chosen": chosen}


def json_block(element_id: str, data: dict) -> str:
    """``data`` in a ``<script type="application/json">``: ``<``, ``>``, ``&`` and ``'``
    are written as \\u escapes (and ensure_ascii escapes U+2028/2029), so no text in it
    can end the element."""
    return f'<script type="application/json" id="{element_id}">{htmlsafe_json_dumps(data)}</script>'


def _category(category) -> dict:
    icon = _data_uri(STATIC / "icons" / f"{category.icon}.svg", "image/svg+xml")
    return {"slug": category.slug, "label": str(category.label), "colour": category.colour,
            "icon": icon}  # fmt: skip


def _bounds(placed: list[dict], outlines: dict | None) -> list[list[float]] | None:
    """The offers and the chosen district; without offers the district or the city."""
    lats, lngs = [o["lat"] for o in placed], [o["lng"] for o in placed]
    area = None
    if outlines and outlines["chosen"]:
        features = outlines["districts"]["features"]
        area = next(f for f in features if f["properties"]["name"] == outlines["chosen"])
    elif outlines and not placed:
        area = outlines["city"]
    if area:
        minx, miny, maxx, maxy = shape(area["geometry"]).bounds
        lats, lngs = [*lats, miny, maxy], [*lngs, minx, maxx]
    return [[min(lats), min(lngs)], [max(lats), max(lngs)]] if lats else None


def _with_language(page: str, heading: Heading) -> str:
    """folium writes a bare ``<html>``: give it the page's language and direction."""
    assert page.count("<html>") == 1
    lang, direction = html.escape(heading.lang), html.escape(heading.direction)
    return page.replace("<html>", f'<html lang="{lang}" dir="{direction}">', 1)


def _data_uri(path: Path, mimetype: str = "text/javascript") -> str:
    return f"data:{mimetype};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _css_uri(path: Path) -> str:
    """A stylesheet as a data URI, its relative images inlined too."""

    def inline(match: re.Match) -> str:
        return f"url({_data_uri(path.parent / match.group(1), 'image/png')})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", inline, path.read_text(encoding="utf-8"))
    return f"data:text/css;base64,{base64.b64encode(css.encode()).decode()}"

"""One self-contained HTML map of offers (folium), to mail or carry on a USB stick.

Leaflet, MarkerCluster and jQuery (which folium's popups use) are inlined as data URIs
from ``static/vendor``, so the file asks no server for anything, except tiles when a tile
URL is given. Offer texts are escaped before they reach a popup.
"""

import base64
import html
import re
from collections.abc import Iterable
from pathlib import Path

import folium
from folium.plugins import MarkerCluster

from . import hours
from .categories import BY_SLUG

VENDOR = Path(__file__).parent / "static" / "vendor"
LEAFLET, CLUSTER = VENDOR / "leaflet-1.9.4", VENDOR / "leaflet.markercluster-1.5.3"
JQUERY = VENDOR / "jquery-3.7.1" / "jquery.min.js"
MAX_ZOOM = 18
DOT_CSS = (
    ".offer-dot{width:18px;height:18px;border-radius:50%;border:2px solid #fff;"
    "box-shadow:0 0 2px #000;box-sizing:border-box}"
)


def render(
    found: Iterable[dict], *, title: str, tiles: str | None = None, attribution: str = ""
) -> str:
    """The HTML of a map showing ``found`` (offers with a point) in marker clusters."""
    placed = [offer for offer in found if offer["lat"] is not None]
    page = folium.Map(tiles=None, zoom_start=12, control_scale=True, maxZoom=MAX_ZOOM)
    page.default_js = [("leaflet", _data_uri(LEAFLET / "leaflet.js")),
                       ("jquery", _data_uri(JQUERY))]  # fmt: skip
    page.default_css = [("leaflet_css", _css_uri(LEAFLET / "leaflet.css"))]
    page.get_root().header.add_child(folium.Element(f"<title>{html.escape(title)}</title>"))
    page.get_root().header.add_child(folium.Element(f"<style>{DOT_CSS}</style>"))
    if tiles:
        folium.TileLayer(tiles, attr=attribution or tiles, max_zoom=MAX_ZOOM).add_to(page)
    cluster = MarkerCluster(name="offers", options={"maxClusterRadius": 40})
    cluster.default_js = [("markerclusterjs", _data_uri(CLUSTER / "leaflet.markercluster.js"))]
    cluster.default_css = [
        ("markerclustercss", _css_uri(CLUSTER / "MarkerCluster.css")),
        ("markerclusterdefaultcss", _css_uri(CLUSTER / "MarkerCluster.Default.css")),
    ]
    cluster.add_to(page)
    for offer in placed:
        folium.Marker(
            [offer["lat"], offer["lng"]],
            icon=folium.DivIcon(html=_dot(offer), icon_size=(18, 18), icon_anchor=(9, 9)),
            popup=folium.Popup(folium.Html(popup_html(offer), script=True), max_width=320),
        ).add_to(cluster)
    if placed:
        page.fit_bounds(_bounds(placed))
    return page.get_root().render()


def popup_html(offer: dict) -> str:
    """Title, category, address, hours, languages and contact, every value escaped."""
    category = BY_SLUG[offer["category"]]
    address = ", ".join(
        filter(None, (offer["street"], f"{offer['postcode']} {offer['city']}".strip()))
    )
    lines = [
        f"<strong>{escape(offer['title'])}</strong>",
        f"<em>{escape(str(category.label))}</em>",
        escape(offer["organization"]),
        escape(address),
        escape(hours.format(offer["opening_hours"])),
        escape(offer["hours_note"]),
        escape(" ".join(offer["languages"])),
        escape(offer["phone"]),
        escape(offer["email"]),
    ]
    if offer["website"]:
        url = escape(offer["website"])
        lines.append(f'<a href="{url}" rel="noopener noreferrer" target="_blank">{url}</a>')
    return '<div class="offer-popup">' + "<br>".join(line for line in lines if line) + "</div>"


def escape(text: str) -> str:
    """HTML-escape, and keep folium's JavaScript template literal (`...`) intact."""
    escaped = html.escape(text or "")
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def _dot(offer: dict) -> str:
    colour = BY_SLUG[offer["category"]].colour
    return f'<div class="offer-dot" style="background:{colour}"></div>'


def _bounds(placed: list[dict]) -> list[list[float]]:
    lats, lngs = [o["lat"] for o in placed], [o["lng"] for o in placed]
    return [[min(lats), min(lngs)], [max(lats), max(lngs)]]


def _data_uri(path: Path, mimetype: str = "text/javascript") -> str:
    return f"data:{mimetype};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _css_uri(path: Path) -> str:
    """A stylesheet as a data URI, its relative images inlined too."""

    def inline(match: re.Match) -> str:
        return f"url({_data_uri(path.parent / match.group(1), 'image/png')})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", inline, path.read_text(encoding="utf-8"))
    return f"data:text/css;base64,{base64.b64encode(css.encode()).decode()}"

"""A schematic overview map as inline SVG: district outlines and numbered offer points.

For printed handouts: no tiles, no script, no request to any server. The map is drawn in
a local equirectangular projection (fine at city scale), north up.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup
from shapely.geometry import box, shape

WIDTH = 640
MARGIN = 0.08  # share of the district's extent shown around it
POINT_RADIUS = 9


@dataclass(frozen=True)
class MapPoint:
    number: int
    lat: float
    lng: float
    colour: str


def overview_svg(
    districts_geojson: dict, district: str, points: Sequence[MapPoint], *, label: str
) -> Markup:
    """``district`` highlighted among its neighbours, with ``points`` numbered on top."""
    shapes = {
        feature["properties"]["name"]: shape(feature["geometry"])
        for feature in districts_geojson["features"]
    }
    minx, miny, maxx, maxy = shapes[district].bounds
    for point in points:  # a point just outside the polygon still fits
        minx, maxx = min(minx, point.lng), max(maxx, point.lng)
        miny, maxy = min(miny, point.lat), max(maxy, point.lat)
    pad_x, pad_y = (maxx - minx) * MARGIN or 0.01, (maxy - miny) * MARGIN or 0.01
    minx, miny, maxx, maxy = minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y
    squeeze = math.cos(math.radians((miny + maxy) / 2))
    scale = WIDTH / ((maxx - minx) * squeeze)
    height = round((maxy - miny) * scale)

    def xy(lng: float, lat: float) -> str:
        return f"{(lng - minx) * squeeze * scale:.1f},{(maxy - lat) * scale:.1f}"

    frame = box(minx, miny, maxx, maxy)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="overview" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    for name, geometry in sorted(shapes.items(), key=lambda item: item[0] == district):
        if not geometry.intersects(frame):
            continue
        css = "district chosen" if name == district else "district"
        parts.append(f'<path class="{css}" d="{_path(geometry, xy)}"/>')
    for point in points:
        x, y = xy(point.lng, point.lat).split(",")
        parts.append(
            f'<g class="point"><circle cx="{x}" cy="{y}" r="{POINT_RADIUS}" '
            f'fill="{escape(point.colour)}"/><text x="{x}" y="{y}" dy="0.35em">'
            f"{int(point.number)}</text></g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built from numbers and escaped text only


def _path(geometry, xy) -> str:
    polygons = getattr(geometry, "geoms", [geometry])
    rings = []
    for polygon in polygons:
        if polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            rings.append("M" + "L".join(xy(lng, lat) for lng, lat in ring.coords) + "Z")
    return "".join(rings)

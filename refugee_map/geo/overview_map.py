"""A schematic overview map as inline SVG: district outlines and numbered offer points.

For printed handouts: no tiles, no script, no request to any server. The map is drawn in
a local equirectangular projection (fine at city scale), north up.

In a dense district many offers lie a few metres apart; their number labels would cover
each other. Each label is placed on its point when it fits there (covering no other label
and no other point), else on the nearest free spot of a spiral around it, with a leader
line back to a small dot on the true point. Leader lines are drawn below all labels.
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
ANCHOR_RADIUS = 2.5  # the dot on a point whose label moved away
LABEL_GAP = 1.5  # space between two labels, in map units (1 unit is about 0.29 mm on A4)
SPIRAL_STEP = 2 * POINT_RADIUS + LABEL_GAP  # distance between the spiral's rings
SPIRAL_RINGS = 40


@dataclass(frozen=True)
class MapPoint:
    number: int
    lat: float
    lng: float
    colour: str


@dataclass(frozen=True)
class Label:
    """Where a point lies on the map (``x``, ``y``) and where its number is drawn."""

    point: MapPoint
    x: float
    y: float
    label_x: float
    label_y: float

    @property
    def moved(self) -> bool:
        return (self.x, self.y) != (self.label_x, self.label_y)


def overview_svg(
    districts_geojson: dict, district: str, points: Sequence[MapPoint], *, label: str
) -> Markup:
    """``district`` highlighted among its neighbours, with ``points`` numbered on top."""
    shapes = {
        feature["properties"]["name"]: shape(feature["geometry"])
        for feature in districts_geojson["features"]
    }
    frame, xy, height = _projection(shapes[district].bounds, points)
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
    anchors = [xy(point.lng, point.lat) for point in points]
    labels = place_labels(points, anchors, WIDTH, height)
    leaders = "".join(_leader_svg(label) for label in labels if label.moved)
    parts.append(f'<g class="leaders">{leaders}</g>')  # below every label
    parts.extend(_label_svg(label) for label in labels)
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - built from numbers and escaped text only


def place_labels(
    points: Sequence[MapPoint], anchors: Sequence[tuple[float, float]], width: float, height: float
) -> list[Label]:
    """A label for each point, in order, none overlapping one placed before it nor covering
    another point: on the point if it fits there, else on the nearest free spot of a spiral
    around it."""
    placed: list[Label] = []
    for index, (point, (x, y)) in enumerate(zip(points, anchors, strict=True)):
        taken = [(label.label_x, label.label_y) for label in placed]
        others = [*anchors[:index], *anchors[index + 1 :]]
        spot = next(
            (spot for spot in _spiral(x, y) if _fits(spot, taken, others, width, height)),
            (x, y),  # no free spot in reach: a map this full cannot be made legible anyway
        )
        placed.append(Label(point, x, y, *spot))
    return placed


def _spiral(x: float, y: float):
    """Candidate spots around (x, y): the point itself, then rings further and further out."""
    yield x, y
    for ring in range(1, SPIRAL_RINGS + 1):
        distance = ring * SPIRAL_STEP * 0.6
        steps = 6 * ring
        for step in range(steps):
            angle = 2 * math.pi * step / steps - math.pi / 2  # start above the point
            yield x + distance * math.cos(angle), y + distance * math.sin(angle)


def _fits(spot: tuple[float, float], taken: list, others: list, width, height) -> bool:
    """Inside the map, clear of the labels ``taken`` and of the points ``others``."""
    x, y = spot
    inside = (
        POINT_RADIUS <= x <= width - POINT_RADIUS and POINT_RADIUS <= y <= height - POINT_RADIUS
    )
    return (
        inside
        and all(math.dist(spot, label) >= SPIRAL_STEP for label in taken)
        and all(math.dist(spot, point) >= POINT_RADIUS + ANCHOR_RADIUS for point in others)
    )


def _leader_svg(label: Label) -> str:
    x, y, lx, ly = (f"{value:.1f}" for value in (label.x, label.y, label.label_x, label.label_y))
    colour = escape(label.point.colour)
    return (
        f'<line class="leader" x1="{x}" y1="{y}" x2="{lx}" y2="{ly}" stroke="{colour}"/>'
        f'<circle class="anchor" cx="{x}" cy="{y}" r="{ANCHOR_RADIUS}" fill="{colour}"/>'
    )


def _label_svg(label: Label) -> str:
    lx, ly = f"{label.label_x:.1f}", f"{label.label_y:.1f}"
    return (
        f'<g class="point"><circle class="label" cx="{lx}" cy="{ly}" r="{POINT_RADIUS}" '
        f'fill="{escape(label.point.colour)}"/><text x="{lx}" y="{ly}" dy="0.35em">'
        f"{int(label.point.number)}</text></g>"
    )


def _projection(bounds, points: Sequence[MapPoint]):
    """The frame shown (district plus margin), a (lng, lat) -> (x, y) function, the height."""
    minx, miny, maxx, maxy = bounds
    for point in points:  # a point just outside the polygon still fits
        minx, maxx = min(minx, point.lng), max(maxx, point.lng)
        miny, maxy = min(miny, point.lat), max(maxy, point.lat)
    pad_x, pad_y = (maxx - minx) * MARGIN or 0.01, (maxy - miny) * MARGIN or 0.01
    minx, miny, maxx, maxy = minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y
    squeeze = math.cos(math.radians((miny + maxy) / 2))
    scale = WIDTH / ((maxx - minx) * squeeze)

    def xy(lng: float, lat: float) -> tuple[float, float]:
        return (lng - minx) * squeeze * scale, (maxy - lat) * scale

    return box(minx, miny, maxx, maxy), xy, round((maxy - miny) * scale)


def _path(geometry, xy) -> str:
    polygons = getattr(geometry, "geoms", [geometry])
    rings = []
    for polygon in polygons:
        if polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            corners = (xy(lng, lat) for lng, lat in ring.coords)
            rings.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in corners) + "Z")
    return "".join(rings)

"""The network-wide reads at ``/network/``, in both URL modes: every region's published
offers through the routes a region serves them with (``/api/offers``, the OGC API at
``/ogc``, ``/export.geojson``, ``/export.csv``), each offer naming its region's slug
(``region``), and at ``/network/`` a page linking every region's map. For a state's
directory or a GIS user who wants all regions in one layer.

:mod:`refugee_map.web.regions` moves ``/network`` to the script root, so those routes'
own links (paging, the OGC API's) stay under it, and ``web.offer_region()`` is None there
(every region's offers). Read-only: every other route answers 404 there, the back office
too, before any other check of the request runs.
"""

from flask import Flask, abort, current_app, render_template, request

from refugee_map.domain import regions as region_domain
from refugee_map.domain.regions import Region
from refugee_map.exchange import formats as exchange
from refugee_map.geo.districts import load_districts
from refugee_map.web import context as web
from refugee_map.web import regions

READS = frozenset({
    "api.offers", "api.offer", "downloads.geojson", "downloads.csv",
    "ogc.landing", "ogc.conformance", "ogc.api_description", "ogc.collections",
    "ogc.collection", "ogc.items", "ogc.item",
    "static",  # the list page's style sheet
})  # fmt: skip
INDEX = "public.map_page"  # the site root: under /network/ the list of the regions
REGION = "region"  # the property (column) naming an offer's region


def only_reads():
    """Under ``/network/``: the list of the regions at its root, :data:`READS`, else 404."""
    if not regions.is_network():
        return None
    if request.endpoint == INDEX:
        return _index()
    if request.endpoint not in READS:
        abort(404)
    return None


def _index() -> str:
    """Every region's name, linked to its map."""
    known = region_domain.all_regions(web.get_read_db(), current_app.config) or [web.region()]
    several = len(known) > 1
    links = [(region.name, regions.region_root(region, several) + "/") for region in known]
    return render_template("network.html", regions=links)


def feature(offer: dict, *, full: bool = True) -> dict:
    """``offer`` as a GeoJSON feature (``exchange.to_feature``); network-wide with its
    region's slug and its link to its region's page."""
    if not regions.is_network():
        return exchange.to_feature(offer, base_url=web.links_base(), full=full)
    region = _region_of(offer)
    found = exchange.to_feature(offer, base_url=_region_root(region), full=full)
    found["properties"][REGION] = region.slug
    return found


def csv_text(offers: list[dict]) -> str:
    """The offers as an export CSV; network-wide with the column ``region`` first."""
    if not regions.is_network():
        return exchange.write_csv(offers)
    named = [offer | {REGION: _region_of(offer).slug} for offer in offers]
    return exchange.write_csv(named, columns=(REGION, *exchange.CSV_COLUMNS))


def district_names() -> list[str]:
    """The names ``?district=`` takes: the region's districts; network-wide every
    region's."""
    if not regions.is_network():
        return web.districts().names
    every = {name for region in _directory().all() for name in _districts(region).names}
    return sorted(every)


def bounds() -> tuple[float, float, float, float]:
    """West, south, east, north of the region; network-wide of every region together."""
    if not regions.is_network():
        return web.region_bounds()
    boxes = [region.bounds or _districts(region).bounds for region in _directory().all()]
    west, south, east, north = zip(*boxes, strict=True)
    return min(west), min(south), max(east), max(north)


def _region_of(offer: dict) -> Region:
    return _directory().with_id(offer["region_id"]) or web.region()


def _region_root(region: Region) -> str:
    return regions.region_root(region, len(_directory().all()) > 1)


def _districts(region: Region):
    return load_districts(region.region_dir)


def _directory() -> regions.Directory:
    return current_app.extensions["regions"]


def init_app(app: Flask) -> None:
    """The gate runs first, before CSRF or login checks could answer otherwise."""
    app.before_request_funcs.setdefault(None, []).insert(0, only_reads)

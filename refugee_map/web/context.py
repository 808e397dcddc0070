"""What the blueprints share: the request's database connection and the region's data."""

from collections.abc import Mapping

from flask import Flask, abort, current_app, g, request, url_for
from flask_babel import gettext as _
from sqlite_utils import Database
from werkzeug.routing import IntegerConverter

from refugee_map import store, vendored
from refugee_map.domain import numbers
from refugee_map.domain.regions import Region
from refugee_map.geo.districts import Districts, load_districts
from refugee_map.store import regions as region_store
from refugee_map.web import regions


def get_db() -> Database:
    """One connection per request, given back (PostgreSQL: to the pool, see
    ``store.postgres_pool``) or closed (SQLite) when the request ends: the database every
    write and the back office use."""
    if "db" not in g:
        g.db = store.connect_configured(current_app.config, pooled=True)
    return g.db


def get_read_db() -> Database:
    """The connection for the public reads: the streaming replica ``DB_READ`` names, one
    per request like :func:`get_db`, or without one :func:`get_db`'s connection. A public
    page reads its data and its data version (ETag) here, so both come from the same
    database; anything it writes goes through :func:`get_db`."""
    replica = current_app.config.get("DB_READ")
    if not replica:
        return get_db()
    if "read_db" not in g:
        g.read_db = store.connect_configured(current_app.config, "DB_READ", pooled=True)
    return g.read_db


def region() -> Region:
    """The region this request is for (:mod:`refugee_map.web.regions`)."""
    return regions.current()


def region_settings() -> Mapping:
    """The settings with the region's values in place of the global ones (``REGION_DIR``,
    ``AGENCY_NAME``, ...), for code that takes a settings mapping."""
    return region().over(current_app.config)


def offer_region() -> int | None:
    """The region whose offers this request may show: None (every offer, so the map's
    stored counts serve it) while the deployment has one region. Asked of the database the
    public pages read (the replica, if any), not of what this process knows: another may
    have added a region. None too for the network-wide reads (``/network/``)."""
    if "offer_region" not in g:
        mine = not regions.is_network() and region_store.several(get_read_db())
        g.offer_region = region().id if mine else None
    return g.offer_region


def data_version() -> str:
    """The data version this request's public answers (ETags, cached answers) follow: its
    region's while several regions are served (another region's edit leaves it alone),
    else the one every change moves; read where the answers are read."""
    return store.data_version(get_read_db(), offer_region())


def in_region(offer: dict | None) -> dict | None:
    """``offer`` if this request may show it (:func:`offer_region`), else None."""
    if offer is None or offer_region() not in (None, offer["region_id"]):
        return None
    return offer


def region_bounds() -> tuple[float, float, float, float]:
    """The region's bounds (west, south, east, north): its own, else its districts'."""
    return region().bounds or districts().bounds


def districts() -> Districts:
    return load_districts(region().region_dir)


def map_settings() -> dict:
    """What every Leaflet map of the app starts from: the region's bounds and its base: the
    tiles, the line saying they failed, and the district outlines that still orient people
    then (a captive Wi-Fi, a blocked tile server)."""
    here = region()
    minlng, minlat, maxlng, maxlat = region_bounds()
    return {
        "bounds": [[minlat, minlng], [maxlat, maxlng]],
        "tiles": {
            "url": here.tile_url,
            "attribution": here.tile_attribution,
            "failed": _("Die Kartenbilder konnten nicht geladen werden."),
            "outlines": url_for("api.districts"),
        },
    }


def links_base() -> str:
    """Where the offer links of the API and the downloads start: the site root the request
    came to, so they stay paths (``/offers/7``) as the pages link them."""
    return request.script_root


def is_demo() -> bool:
    """Asked by every page's layout, on the connection the request already has: the back
    office's (and a form's) primary, a public page's replica, no second connection. A
    database out of reach is no demo: the error page saying so must still show."""
    try:
        return store.get_meta(g.db if "db" in g else get_read_db(), "demo") == "1"
    except store.Unusable:
        return False


class SqliteInteger(IntegerConverter):
    """``<int:...>`` in URLs: ASCII digits (``\\d`` would match "١٢"), capped at SQLite's
    largest integer, so a longer number is a 404, not an overflow deep in a query."""

    regex = r"[0-9]+"

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", numbers.MAX_INTEGER)
        super().__init__(url_map, *args, **kwargs)


def id_or_404(text: str) -> int:
    """An id given in a query or form (``?offer=12``): not a valid id is "not found"."""
    try:
        return numbers.whole_number(text, low=1)
    except ValueError:
        abort(404)


def ids_or_400(texts: list[str]) -> set[int]:
    """Ids chosen in a form (check boxes): one that is not an id makes the request bad."""
    try:
        return {numbers.whole_number(text, low=1) for text in texts}
    except ValueError:
        abort(400)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = SqliteInteger
    app.jinja_env.globals["vendored"] = vendored  # for templates/_leaflet.html

    @app.teardown_appcontext
    def close_db(_error: BaseException | None) -> None:
        for name in ("db", "read_db"):
            db = g.pop(name, None)
            if db is not None:
                db.close()

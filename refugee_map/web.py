"""What the blueprints share: the request's database connection and the region's data."""

from pathlib import Path

from flask import Flask, current_app, g
from sqlite_utils import Database
from werkzeug.routing import IntegerConverter

from . import store
from .districts import Districts, load_districts


def get_db() -> Database:
    """One connection per request, closed when the request ends."""
    if "db" not in g:
        g.db = store.connect_configured(current_app.config)
    return g.db


def districts() -> Districts:
    return load_districts(Path(current_app.config["REGION_DIR"]))


def map_settings() -> dict:
    """What every Leaflet map of the app starts from: the region's bounds and the tiles."""
    minlng, minlat, maxlng, maxlat = districts().bounds
    return {
        "bounds": [[minlat, minlng], [maxlat, maxlng]],
        "tiles": {
            "url": current_app.config["TILE_URL"],
            "attribution": current_app.config["TILE_ATTRIBUTION"],
        },
    }


def is_demo() -> bool:
    return store.get_meta(get_db(), "demo") == "1"


class SqliteInteger(IntegerConverter):
    """``<int:...>`` in URLs, capped at SQLite's largest integer: a longer number is a 404,
    not an overflow deep in a query."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = SqliteInteger

    @app.teardown_appcontext
    def close_db(_error: BaseException | None) -> None:
        db = g.pop("db", None)
        if db is not None:
            db.close()

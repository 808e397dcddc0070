"""Which region a request is for, from its URL: a path prefix (``/bochum/…``, setting
``REGION_URLS = "path"``) or its host name (``"host"``, with ``REGION_HOSTS`` mapping each
region's slug to its host). A request naming no region is for the region of the settings,
at today's URLs: a one-city install, and every link printed before a second region came,
keep working unchanged.

The prefix is moved from the path to the script root before Flask routes the request, so
every route serves under it and ``url_for`` writes it into every link without knowing.
The first path part ``network`` (in both modes) is moved so too: the network-wide reads
(:mod:`refugee_map.web.network`), across every region.
"""

import threading
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from urllib.parse import urlsplit

from flask import Flask, current_app, g, has_app_context, has_request_context, request

from refugee_map import store
from refugee_map.domain import regions
from refugee_map.domain.regions import Region
from refugee_map.store import regions as region_store

ENVIRON_KEY = "refugee_map.region"
NETWORK_KEY = "refugee_map.network"  # set for a request under /network/
COMMAND_KEY = "command_region"  # on ``g``: the region a command works on (:func:`use`)


class Directory:
    """The deployment's regions, read from the database once, and again when a request
    names a region not known yet (added by ``refugee-map region add`` while the app runs).
    A region's row does not change once added, so what was read stays true. Read where the
    public pages read (the replica ``DB_READ``, if any). While the database is out of
    reach, the region of the settings stands in, not kept: the error page still renders
    with it, and the next request reads again."""

    def __init__(self, config: Mapping):
        self._config = config
        self._regions: list[Region] | None = None
        self._lock = threading.Lock()

    def all(self) -> list[Region]:
        if self._regions is None:
            try:
                self.reload()
            except store.Unusable:
                return [regions.settings_region(self._config)]
        return self._regions

    def reload(self) -> None:
        with self._lock:
            db = store.connect(
                self._config.get("DB_READ") or self._config["DB"],
                busy_timeout=self._config["DB_BUSY_TIMEOUT"],
            )
            try:
                found = regions.all_regions(db, self._config)
                self._regions = found or [regions.settings_region(self._config)]
            finally:
                db.close()

    def home(self) -> Region:
        """The region of the settings (row 1), served at today's URLs."""
        return self.all()[0]

    def home_as_known(self) -> Region:
        """:meth:`home` without reading the database: as read, else as the settings say."""
        return self._regions[0] if self._regions else regions.settings_region(self._config)

    def find(self, slug: str) -> Region | None:
        """The region ``slug`` names, read again from the database when not known yet, or
        while only one is known: another process may have added a second since, and from
        then on the first region answers under its prefix too (``/dortmund/``)."""
        if len(self.all()) < 2:
            with suppress(store.Unusable):  # the request's own reading then says so (503)
                self.reload()
        return self._found(lambda region: region.slug == slug)

    def with_id(self, region_id: int) -> Region | None:
        """The region of row ``region_id``, read again from the database when not known."""
        return self._found(lambda region: region.id == region_id)

    def _found(self, matches: Callable[[Region], bool]) -> Region | None:
        found = next(filter(matches, self.all()), None)
        if found is None:
            with suppress(store.Unusable):  # the request's own reading then says so (503)
                self.reload()
            found = next(filter(matches, self.all()), None)
        return found


class RegionUrls:
    """WSGI middleware: finds the request's region (:func:`region_of_path` or
    :func:`region_of_host`) and puts it into the environ for :func:`current`; a request
    under ``/network/`` names no region and is marked for :func:`is_network`."""

    def __init__(self, app: Callable, directory: Directory, config: Mapping, reserved: set[str]):
        self.app, self.directory, self.reserved = app, directory, reserved
        self.by_host = config["REGION_URLS"] == "host"
        self.hosts = {host.lower(): slug for slug, host in config["REGION_HOSTS"].items()}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if _first_part(environ) == regions.NETWORK:
            _move_to_script_root(environ)
            environ[NETWORK_KEY] = True
            return self.app(environ, start_response)
        found = self.region_of_host(environ) if self.by_host else self.region_of_path(environ)
        if found is not None:
            environ[ENVIRON_KEY] = found
        return self.app(environ, start_response)

    def region_of_path(self, environ: dict) -> Region | None:
        """``/<slug>/…`` when several regions exist: the prefix moves to the script root.
        The database is read only for a first part that could be a region's."""
        first = _first_part(environ)
        if first in self.reserved or not regions.is_slug(first):
            return None
        region = self.directory.find(first)
        if region is None or len(self.directory.all()) < 2:
            return None
        _move_to_script_root(environ)
        return region

    def region_of_host(self, environ: dict) -> Region | None:
        host = environ.get("HTTP_HOST", "").lower().rsplit(":", 1)[0]
        slug = self.hosts.get(host)
        return self.directory.find(slug) if slug else None


def _first_part(environ: dict) -> str:
    return environ.get("PATH_INFO", "").lstrip("/").partition("/")[0]


def _move_to_script_root(environ: dict) -> None:
    """``/<first>/rest``: ``/<first>`` moves from the path to the script root."""
    first, _slash, rest = environ.get("PATH_INFO", "").lstrip("/").partition("/")
    environ["SCRIPT_NAME"] = f"{environ.get('SCRIPT_NAME', '')}/{first}"
    environ["PATH_INFO"] = f"/{rest}"


def is_network() -> bool:
    """Is this request one of the network-wide reads (under ``/network/``)?"""
    return has_request_context() and request.environ.get(NETWORK_KEY, False)


def current(*, read: bool = True) -> Region:
    """The region of this request: the one its URL names, else the region of the settings
    (also outside a request, unless a command chose one: :func:`use`). ``read=False``:
    without reading the database for that, as for the response headers of a request whose
    database is broken (``/healthz``)."""
    directory: Directory = current_app.extensions["regions"]
    return _named() or (directory.home() if read else directory.home_as_known())


def use(region: Region) -> None:
    """Work on ``region`` in this app context, outside a request: a command's ``--region``
    (the pages it renders, their links and offers are that region's). The region of the
    settings needs no naming: it is what an app context serves, at today's URLs."""
    if region.id != region_store.HOME:
        setattr(g, COMMAND_KEY, region)


def _named() -> Region | None:
    """The region the request's URL names, or outside a request the one a command chose;
    None: the region of the settings."""
    if has_request_context():
        return request.environ.get(ENVIRON_KEY)
    return g.get(COMMAND_KEY) if has_app_context() else None


def site_address(public_url: str) -> str:
    """``PUBLIC_URL`` (the site's address for links that leave it: QR codes, e-mails) for
    this request's region: with ``REGION_URLS=host`` at the region's own host name ('' for
    a region a command works on that has none in ``REGION_HOSTS``: no pages of its exist)."""
    named = _named()
    if not public_url or named is None or current_app.config["REGION_URLS"] != "host":
        return public_url
    host = current_app.config["REGION_HOSTS"].get(named.slug)
    return f"{urlsplit(public_url).scheme}://{host}" if host else ""


def region_root(region: Region, several: bool) -> str:
    """Where ``region``'s pages start, for a link from a network-wide page or the back
    office's list of regions (``several``:
    the deployment has more than one region): with ``REGION_URLS=host`` its host's address
    (without one: ``PUBLIC_URL``, the home region's), else its path prefix (none while
    it is the only region)."""
    outer = request.script_root.removesuffix(f"/{regions.NETWORK}").removesuffix(path_prefix())
    if current_app.config["REGION_URLS"] == "host":
        host = current_app.config["REGION_HOSTS"].get(region.slug)
        public_url = current_app.config["PUBLIC_URL"].rstrip("/")
        return f"{request.scheme}://{host}{outer}" if host else public_url or outer
    return f"{outer}/{region.slug}" if several else outer


def path_prefix() -> str:
    """``/<slug>`` when this request came under its region's path prefix (or a command
    works on a region served under one), else ''."""
    named = _named()
    by_path = named is not None and current_app.config["REGION_URLS"] == "path"
    return f"/{named.slug}" if by_path else ""


def public_address(public_url: str) -> str:
    """Where this region's pages are for links that leave the site (QR codes, a standalone
    map's popups): ``PUBLIC_URL`` at the region's host name or under its prefix; '' without
    ``PUBLIC_URL``."""
    return site_address(public_url).rstrip("/") + path_prefix() if public_url else ""


def route_prefixes(app: Flask) -> set[str]:
    """The first parts of the app's own URLs (``api``, ``admin``, ``static``, ...): no
    region can be named like one, and a request starting with one needs no region look-up.
    ``network`` is one of them: the network-wide reads."""
    return {rule.rule.split("/")[1] for rule in app.url_map.iter_rules()} | {regions.NETWORK}


def init_app(app: Flask) -> None:
    """After every blueprint is registered: the routes' prefixes are known then."""
    directory = Directory(app.config)
    app.extensions["regions"] = directory
    app.wsgi_app = RegionUrls(app.wsgi_app, directory, app.config, route_prefixes(app))

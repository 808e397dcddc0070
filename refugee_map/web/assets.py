"""Static files under fingerprinted URLs, kept by browsers for a year.

Every static URL the app makes (``url_for("static", ...)``) carries one fingerprint of the
whole static tree: ``/static/<fingerprint>/js/map.js``. One for the tree, not one per file:
the ES modules import each other and the stylesheets name their images by relative URLs, so
a module loaded from ``/static/<fingerprint>/js/map.js`` asks for
``/static/<fingerprint>/js/map/settings.js`` by itself. A change to any file renames every
URL, so a page never mixes a new module with a stale one; the tree is small and changes
only with a release, so loading it anew then costs little.

- ``/static/<current fingerprint>/<file>``: ``public, max-age=31536000, immutable``.
- ``/static/<another fingerprint>/<file>`` (a page from an earlier release, e.g. a copy the
  service worker kept) and ``/static/<file>``: the file as it is now, revalidated on every
  use (``no-cache`` and an ETag), never kept as if it could not change. Not a redirect to
  the current URL: that costs a round trip per file, and while two releases serve side by
  side (a rolling restart, two instances behind a proxy) each would send the browser to
  the other's fingerprint in a loop. The modules such a page loads import each other under
  the same old fingerprint, so they too come as they are now.

The fingerprint is computed once per process, when its first app is made: restart the
server after changing a static file. So are the bundles (``BUNDLES``, web/bundle.py): the
map page's modules joined into one script, served like a file of the tree.
"""

import functools
import hashlib
from pathlib import Path

from flask import Flask, Response, current_app, request, send_from_directory
from werkzeug.routing import BaseConverter

from refugee_map.web import bundle

STATIC = Path(__file__).resolve().parents[1] / "static"
FINGERPRINT_LENGTH = 12
ONE_YEAR = 365 * 24 * 60 * 60
# Scripts made when the app starts, by the static path they are served at: the module they
# start from, joined with everything it imports.
BUNDLES = {"js/map.bundle.js": "js/map.js"}


class FingerprintConverter(BaseConverter):
    """A path segment shaped like a fingerprint (the current one or any other)."""

    regex = f"[0-9a-f]{{{FINGERPRINT_LENGTH}}}"


# A static file is no page: it needs no sources (an SVG opened on its own runs nothing).
STATIC_POLICY = "default-src 'none'"


def fingerprint(folder: Path) -> str:
    """A hash of every file's name and content under ``folder``, and of the bundler's code
    (a bundle may change with it)."""
    digest = hashlib.sha256(Path(bundle.__file__).read_bytes())
    for path in sorted(path for path in folder.rglob("*") if path.is_file()):
        content = path.read_bytes()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def static_file(filename: str, fingerprint: str = "") -> Response:
    """The file: to keep for a year under the current fingerprint; under its plain name or
    an outdated fingerprint, as it is now, checked for changes on every use."""
    current = fingerprint == current_app.config["STATIC_FINGERPRINT"]
    if filename in BUNDLES:
        response = bundled(filename, current)
        if not current:
            return response
    elif not current:
        return current_app.send_static_file(filename)  # no-cache and an ETag by default
    else:
        # send_from_directory makes it "public, max-age=31536000"
        response = send_from_directory(current_app.static_folder, filename, max_age=ONE_YEAR)
    response.cache_control.immutable = True  # no revalidation
    # A page loads some thirty of these on a slow link: only the headers that matter.
    for redundant in ("Expires", "Last-Modified", "Content-Disposition"):
        del response.headers[redundant]
    response.headers["Content-Security-Policy"] = STATIC_POLICY
    return response


def bundled(filename: str, current: bool) -> Response:
    """A bundle made at start-up, cached like a static file."""
    response = Response(current_app.extensions["bundles"][filename], mimetype="text/javascript")
    response.add_etag()  # also keys its gzipped copy (web/compression.py)
    if current:
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
    else:
        response.cache_control.no_cache = True
    return response.make_conditional(request)


def add_fingerprint(endpoint: str, values: dict) -> None:
    if endpoint == "static":
        values.setdefault("fingerprint", current_app.config["STATIC_FINGERPRINT"])


@functools.cache
def built(folder: Path) -> tuple[str, dict[str, bytes]]:
    """The tree's fingerprint and the bundles, once per process (every app of a process
    serves the same files)."""
    bundles = {name: bundle.bundle(folder / entry).encode() for name, entry in BUNDLES.items()}
    return fingerprint(folder), bundles


def init_app(app: Flask) -> None:
    """Serve ``static/``; the app must be made with ``static_folder=None`` (this replaces
    Flask's own static route)."""
    app.static_folder = str(STATIC)
    app.config["STATIC_FINGERPRINT"], app.extensions["bundles"] = built(STATIC)
    app.url_map.converters["fingerprint"] = FingerprintConverter
    # One endpoint for both: url_for("static") builds the first, with the fingerprint that
    # add_fingerprint fills in; the plain rule still answers old links.
    for rule in ("/static/<fingerprint:fingerprint>/<path:filename>", "/static/<path:filename>"):
        app.add_url_rule(rule, endpoint="static", view_func=static_file)
    app.url_defaults(add_fingerprint)

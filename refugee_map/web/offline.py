"""Offline: the service worker, the offline offer page and the web app manifest.

The service worker has to be served from the site root to look after every public page, so
it is a route here (``/sw.js``) and not a static file. It keeps the app shell (the files in
``SHELL``) and a copy of each public page visited; the map page keeps its last answers of
/api/map, of the list's pages and of the offers' details (static/js/map/offline-cache.js).
An offer page never kept is made offline from ``/offline/offer`` (kept in each language a
page was visited in) and what the saved offers know of the offer.
"""

import json
import re

from flask import Blueprint, Response, current_app, render_template, url_for
from flask_babel import gettext as _

from refugee_map import vendored
from refugee_map.web import context as web
from refugee_map.web import i18n
from refugee_map.web.assets import BUNDLES, STATIC

bp = Blueprint("offline", __name__)

# The map page loads map.js and its modules as one bundle; offer.js loads some of the modules
# itself: every one of them is listed, so a new module is kept too.
MAP_MODULES = tuple(sorted(f"js/map/{path.name}" for path in (STATIC / "js" / "map").glob("*.js")))
SHELL = (
    "css/app.css",
    "css/forms.css",
    "js/site.js",
    *BUNDLES,
    "js/map.js",
    *MAP_MODULES,
    "js/offer.js",
    *vendored.EVERY_FILE,
    "icons/app.svg",
    "icons/counselling.svg",
    "icons/donations.svg",
    "icons/education.svg",
    "icons/sponsorship.svg",
    "icons/leisure.svg",
    "icons/meeting-points.svg",
)


# The app's icons (the PNGs drawn from app.svg by scripts/build_icons.py): the SVG where it
# is understood, PNGs for the platforms that want them, a full-square one to be masked.
MANIFEST_ICONS = (
    ("icons/app.svg", "any", "image/svg+xml", "any"),
    ("icons/app-192.png", "192x192", "image/png", "any"),
    ("icons/app-512.png", "512x512", "image/png", "any"),
    ("icons/app-maskable-512.png", "512x512", "image/png", "maskable"),
)

# The worker is a classic script (module workers are young): the ES module it shares with the
# map page comes in front of it without its export keywords.
SHARED_MODULE = "js/map/saved-offers.js"
EXPORT = re.compile(r"^export ", re.MULTILINE)


@bp.get("/sw.js")
def service_worker() -> Response:
    # The static files' fingerprint: a new release gets a new offline copy.
    version = current_app.config["STATIC_FINGERPRINT"]
    urls = [url_for("static", filename=name) for name in SHELL]
    settings = {"VERSION": version, "SHELL": urls, "OFFER_PAGE": url_for("offline.offer_page")}
    head = "".join(f"const {name} = {json.dumps(value)};\n" for name, value in settings.items())
    shared = EXPORT.sub("", (STATIC / SHARED_MODULE).read_text(encoding="utf-8"))
    source = (STATIC / "js/service-worker.js").read_text(encoding="utf-8")
    response = current_app.response_class(head + shared + source, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/offline/offer")
def offer_page() -> str:
    """The page the service worker fills, offline, with what it knows of an offer never
    kept: slots (``<!--slot:name-->``) and rows (``<!--row:name-->``) for its script."""
    return render_template("offline_offer.html")


@bp.get("/manifest.webmanifest")
def manifest() -> Response:
    lang = i18n.current_language()
    data = {
        "name": web.region().site_name,
        "short_name": _("Hilfe-Karte"),
        "description": web.region().offers_title,
        "lang": lang,
        "dir": i18n.text_direction(lang),
        "start_url": url_for("public.map_page", lang=lang),
        "scope": url_for("public.map_page"),  # the region's pages: under its prefix
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0a4f96",
        "icons": [
            {
                "src": url_for("static", filename=name),
                "sizes": sizes,
                "type": kind,
                "purpose": purpose,
            }
            for name, sizes, kind, purpose in MANIFEST_ICONS
        ],
    }
    body = json.dumps(data, ensure_ascii=False)
    return current_app.response_class(body, mimetype="application/manifest+json")

"""The baseline of `scripts/bench/page`: the same offers as a folium page made folium's own
way, and a small static server for it.

folium's way: one ``folium.Marker`` with a ``folium.Popup`` (title, organisation, address)
per offer, all in one ``MarkerCluster``, the map fitted to the offers, no tiles. folium's
template links its assets from CDNs; here they are local copies on the bench's own server:
Leaflet and MarkerCluster from ``static/vendor``, jQuery (which folium's popups need) from
Debian's libjs-jquery. Bootstrap and Font Awesome, which a plain marker does not use, are
left out, which only makes the baseline lighter. The server gzips what it sends when the
browser accepts it, as a production web server would (or not, like ``python -m http.server``).
"""

import gzip
import html
import mimetypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import folium
import synthetic
from folium.plugins import MarkerCluster

from refugee_map import vendored

STATIC = synthetic.ROOT / "refugee_map" / "static"
JQUERY = Path("/usr/share/javascript/jquery/jquery.min.js")
PAGE = "/folium.html"


def render(offers: list[dict]) -> str:
    """folium's HTML for ``offers`` (each with a position), its assets under ``/vendor/``."""
    page = folium.Map(tiles=None, maxZoom=18)
    page.default_js = [("leaflet", f"/{vendored.LEAFLET_JS[0]}"), ("jquery", "/vendor/jquery.js")]
    page.default_css = [("leaflet_css", f"/{vendored.LEAFLET_CSS[0]}")]
    cluster = MarkerCluster()
    cluster.default_js = [("markerclusterjs", f"/{vendored.CLUSTER_JS[0]}")]
    cluster.default_css = [
        (f"markercluster_css_{i}", f"/{path}") for i, path in enumerate(vendored.CLUSTER_CSS)
    ]
    for offer in offers:
        marker = folium.Marker([offer["lat"], offer["lng"]], popup=folium.Popup(popup(offer)))
        marker.add_to(cluster)
    cluster.add_to(page)
    lats, lngs = [o["lat"] for o in offers], [o["lng"] for o in offers]
    page.fit_bounds([[min(lats), min(lngs)], [max(lats), max(lngs)]])
    return page.get_root().render()


def popup(offer: dict) -> str:
    address = f"{offer['street']}, {offer['postcode']} {offer['city']}"
    title, organization = html.escape(offer["title"]), html.escape(offer["organization"])
    return f"<b>{title}</b><br>{organization}<br>{html.escape(address)}"


def site_files(page: str) -> dict[str, bytes]:
    """URL path -> content: the page and every asset it (and its stylesheets) may load."""
    files = {PAGE: page.encode(), "/vendor/jquery.js": JQUERY.read_bytes()}
    for folder in (vendored.LEAFLET_DIR, vendored.CLUSTER_DIR):
        for path in (STATIC / folder).rglob("*"):
            if path.is_file():
                files[f"/{path.relative_to(STATIC).as_posix()}"] = path.read_bytes()
    return files


@contextmanager
def static_site(files: dict[str, bytes], *, compress: bool = True) -> Iterator[str]:
    """``files`` served from a thread on a free port of 127.0.0.1, gzipped when the browser
    accepts it and ``compress``; yields the base URL."""
    packed = {path: gzip.compress(body, 6) for path, body in files.items()} if compress else {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real server

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path not in files:
                return self.send_error(404)
            zipped = compress and "gzip" in self.headers.get("Accept-Encoding", "")
            body = packed[path] if zipped else files[path]
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(path)[0] or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address) -> None:
            if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser hanging up is not
                super().handle_error(request, client_address)  # worth a traceback

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

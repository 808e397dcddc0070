#!/usr/bin/env python3
"""Page weight: what a phone downloads on its first visit, gzip-compressed, tiles excluded.

Builds a temporary database with the region's demo offers (as `refugee-map init --demo`),
then asks the app (Flask's test client, "Accept-Encoding: gzip", so the bytes are the ones
sent over the wire) for a page and everything it loads: stylesheets, scripts and the ES
modules they import, images, manifest, service worker and, for the map, what map.js asks
for first: the view of the whole region from /api/map, the list's first page and the
districts' outlines.
Budgets: map page < 150 KB, list page < 40 KB. Exits 1 when a page is over its budget.
Usage: .venv/bin/python scripts/bench/page_weight.py [LANG ...]   (default: de ar)
"""

import gzip
import json
import re
import sys
import tempfile
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urljoin

from refugee_map import create_app, store
from refugee_map.exchange import formats as exchange
from refugee_map.geo.districts import load_districts

BUDGETS = {"/": 150_000, "/list": 40_000}
CITY_ZOOM = 10  # the zoom a phone shows the whole region at
ASSET = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="(/[^"]+)"')
# What an ES module imports: `import ... from "./x.js";` at the start of a line.
IMPORT = re.compile(r"""^import\b[^"']*["'](\.{1,2}/[^"']+)["']""", re.MULTILINE)


def demo_app(directory: str):
    app = create_app({"DB": str(Path(directory) / "demo.db"), "SECRET_KEY": "bench"})
    db = store.connect(app.config["DB"])
    store.init(db)
    region = Path(app.config["REGION_DIR"])
    with app.app_context():
        exchange.load_demo(db, region, load_districts(region))
    db.close()
    return app


def measure(client, path: str, lang: str) -> dict[str, tuple[int, int]]:
    """url -> (bytes sent, bytes unpacked) for one page's first load."""
    sizes: dict[str, tuple[int, int]] = {}

    def get(url: str) -> str:
        if url in sizes:
            return ""
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, (url, response.status_code)
        sent = response.get_data()
        packed = response.headers.get("Content-Encoding") == "gzip"
        raw = gzip.decompress(sent) if packed else sent
        sizes[url] = (len(sent), len(raw))
        return raw.decode("utf-8", "replace")

    def get_with_imports(url: str) -> None:
        text = get(url)
        if url.endswith(".js"):
            for module in IMPORT.findall(text):
                get_with_imports(urljoin(url, module))

    html = get(f"{path}?lang={lang}")
    for url in ASSET.findall(html):
        get_with_imports(unescape(url))
    service_worker = re.search(r'data-service-worker="([^"]+)"', html)
    if service_worker:
        get(service_worker.group(1))
    config = re.search(r"data-config='([^']*)'", html)
    if config and path == "/":
        settings = json.loads(unescape(config.group(1)))
        for category in settings["categories"]:
            get(category["icon"])
        (south, west), (north, east) = settings["bounds"]
        bbox = f"{west},{south},{east},{north}"
        get(f"{settings['mapUrl']}?{urlencode({'lang': lang, 'bbox': bbox, 'zoom': CITY_ZOOM})}")
        first_page = settings["listPageSizes"][0]  # cards on the list's first page
        get(f"{settings['offersUrl']}?lang={lang}&limit={first_page}&offset=0")
        get(settings["tiles"]["outlines"])  # the districts' outlines (map/tiles.js)
    return sizes


def main(langs: list[str]) -> int:
    over = False
    with tempfile.TemporaryDirectory() as directory:
        client = demo_app(directory).test_client()
        for lang in langs:
            for path, budget in BUDGETS.items():
                sizes = measure(client, path, lang)
                sent = sum(s for s, _ in sizes.values())
                raw = sum(r for _, r in sizes.values())
                verdict = "ok" if sent < budget else "OVER BUDGET"
                over |= sent >= budget
                print(f"{path} ({lang}): {sent / 1000:.1f} KB gzip ({raw / 1000:.1f} KB unpacked),"
                      f" budget {budget / 1000:.0f} KB: {verdict}")  # fmt: skip
                for url, (s, r) in sorted(sizes.items(), key=lambda item: -item[1][0]):
                    print(f"    {s / 1000:7.1f} KB  {r / 1000:7.1f} KB  {url}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["de", "ar"]))

"""A real client of the OGC API - Features: GDAL's OAPIF driver (inside the pyogrio wheel,
the driver QGIS uses) lists the offers' collection and reads every offer, over HTTP from
the app served on 127.0.0.1, and asks nothing of any other host: a region's offers, and
every region's at /network/ogc."""

import re
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pyogrio
import pytest
from network_support import PUBLISHED, SLUGS
from servers import free_port

from refugee_map.config import PROJECT_DIR

pytest_plugins = ["regions_fixtures", "network_fixtures"]

TITLES = ("Beratung Nord", "Deutschkurs Süd", "Kleiderkammer West")


@pytest.fixture
def offers_served(app, make_offer):
    make_offer(title=TITLES[0], lat="51.55", lng="7.46")
    make_offer(title=TITLES[1], category="education", lat="51.45", lng="7.47")
    make_offer(title=TITLES[2], category="donations", lat="51.51", lng="7.35")
    make_offer(title="Entwurf", status="draft")
    with serving_in_a_process(app.config["DB"]) as base:
        yield f"OAPIF:{base}/ogc"


# pyogrio holds the GIL while GDAL reads, so the app cannot answer from a thread of this
# process: it runs in a process of its own.
SERVE = """
import sys
from werkzeug.serving import run_simple
from refugee_map import create_app
app = create_app({"DB": sys.argv[1], "SECRET_KEY": "test"})
run_simple("127.0.0.1", int(sys.argv[2]), app, threaded=True)
"""


@contextmanager
def serving_in_a_process(db_path: str):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, db_path, str(port)],
        cwd=PROJECT_DIR, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(url: str, server: subprocess.Popen) -> None:
    """Until ``url`` answers (a free port may be taken meanwhile: then the server ends);
    on a busy machine a new process takes tens of seconds to import the app."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            assert server.poll() is None, "the app did not start"
            time.sleep(0.05)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def curl_log(monkeypatch, capfd):
    """GDAL's HTTP log (curl's connections) on stderr, read after the call."""
    monkeypatch.setenv("CPL_DEBUG", "ON")
    monkeypatch.setenv("CPL_CURL_VERBOSE", "YES")
    monkeypatch.setenv("GDAL_HTTP_TIMEOUT", "10")
    return lambda: capfd.readouterr().err


def test_gdal_lists_the_offers_and_reads_every_one(offers_served, curl_log):
    assert [name for name, _ in pyogrio.list_layers(offers_served)] == ["offers"]
    frame = pyogrio.read_dataframe(offers_served, layer="offers")
    assert sorted(frame["title"]) == sorted(TITLES)
    assert set(frame["category"]) == {"counselling", "education", "donations"}
    assert set(frame["organization"]) == {"Beispielverein"}
    assert all(url.startswith("/offers/") for url in frame["url"])
    south = frame[frame["title"] == TITLES[1]].geometry.iloc[0]
    assert (south.x, south.y) == (7.47, 51.45)
    log = curl_log()
    hosts = set(re.findall(r"(?:Trying|Connected to) ([^\s:(]+)", log))
    assert hosts == {"127.0.0.1"}, log[-2000:]


def test_gdal_reads_the_offers_in_a_bbox_the_app_filters(offers_served, curl_log):
    frame = pyogrio.read_dataframe(offers_served, layer="offers", bbox=(7.4, 51.5, 7.5, 51.6))
    assert list(frame["title"]) == [TITLES[0]]
    assert re.search(r"/ogc/collections/offers/items\?limit=1000&bbox=7\.4\d*,51\.5,", curl_log())


@pytest.fixture
def network_served(three_regions, network_offers):
    with serving_in_a_process(three_regions.config["DB"]) as base:
        yield base


def test_gdal_reads_every_regions_offers_from_the_network(network_served, network_offers):
    network = f"OAPIF:{network_served}/network/ogc"
    assert [name for name, _ in pyogrio.list_layers(network)] == ["offers"]
    frame = pyogrio.read_dataframe(network, layer="offers")
    assert dict(zip(frame["title"], frame["region"], strict=True)) == {
        title: SLUGS[region] for title, region in PUBLISHED.items()
    }
    assert set(frame["organization"]) == {"Beispielverein"}
    for title, url in zip(frame["title"], frame["url"], strict=True):
        offer = network_offers[title]
        assert url == f"/{SLUGS[PUBLISHED[title]]}/offers/{offer['id']}"
    herne = frame[frame["title"] == "Kleiderkammer Herne"]
    assert (herne.geometry.iloc[0].x, herne.geometry.iloc[0].y) == (7.12, 51.47)
    across = pyogrio.read_dataframe(network, layer="offers", bbox=(7.2, 51.4, 7.6, 51.6))
    assert sorted(across["title"]) == ["Beratung Dortmund", "Deutschkurs Bochum"]


def test_gdal_reads_a_regions_own_offers(network_served):
    frame = pyogrio.read_dataframe(f"OAPIF:{network_served}/bochum/ogc", layer="offers")
    assert list(frame["title"]) == ["Deutschkurs Bochum"]
    assert "region" not in frame.columns

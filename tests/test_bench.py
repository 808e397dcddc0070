"""The benchmarks' data generator keeps producing offers the app accepts; the page benchmark
runs end to end."""

import re
import subprocess
import sys
from pathlib import Path

from refugee_map import store
from refugee_map.config import DATA_DIR
from refugee_map.domain import offers
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import load_postcodes
from refugee_map.store import offers as offer_store

DATA_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench" / "data"
PAGE_SCRIPT = DATA_SCRIPT.with_name("page")
REGION_DIR = DATA_DIR / "regions" / "dortmund"
FILLED = ("title", "description", "organization", "street", "postcode", "district", "phone",
          "email", "website", "opening_hours", "languages", "target_groups")  # fmt: skip


def test_bench_data_builds_valid_offers(tmp_path):
    path = tmp_path / "bench.db"
    subprocess.run([sys.executable, DATA_SCRIPT, "50", "--db", path], check=True, timeout=120)
    found = offer_store.find_offers(store.connect(path), offer_store.OfferQuery(statuses=()))
    assert len(found) == 50
    assert {offer["status"] for offer in found} <= {"published", "draft"}
    assert sum(offer["status"] == "published" for offer in found) > 25
    districts, postcodes = load_districts(REGION_DIR), set(load_postcodes(REGION_DIR))
    for offer in found:
        assert offers.clean(offer, districts=districts, postcodes=postcodes)
        assert all(offer[name] not in ("", None, [], {}) for name in FILLED)


def test_bench_api_measures_the_map_requests_and_the_server_memory(tmp_path):
    """End to end at a small N: every request answers 200 with its items, at both client
    counts, and the server's memory is reported."""
    command = [sys.executable, DATA_SCRIPT.with_name("api"), "40", "--seconds", "0.2",
               "--dir", tmp_path]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    published = len(offer_store.find_offers(store.connect(tmp_path / "bench-40.db")))
    rows = re.findall(r"^(\S.*?)\s+(1|16)\s+(\d+)\s+[\d.]+\s+\d+%.*?(\d*)$", done.stdout, re.M)
    items = {(name, clients): int(count or -1) for name, clients, _, count in rows}
    for clients in ("1", "16"):
        assert items[("/healthz (floor)", clients)] == -1  # not a list of offers
        assert items[("whole city /api/offers", clients)] == published > 0
        assert items[("text search, 1st page", clients)] <= 30
        for view in ("city view, zoom 11", "city view, zoom 12", "category: map, zoom 12"):
            assert 0 < items[(view, clients)] <= 500
        assert 0 <= items[("phone at zoom 17", clients)] <= 500
    assert all(int(requests) > 0 for _, _, requests, _ in rows)
    for after in ("the map's requests", "the whole-city /api/offers too"):
        assert re.search(
            rf"^server memory after {after}: \d+ MB RSS, peak \d+ MB$", done.stdout, re.M
        )


def test_bench_page_measures_our_page_before_and_after_and_folium_s(tmp_path):
    """End to end without throttling: every page shows every offer and gets figures; the
    page "before" is this checkout's too (any checkout serves it the same way)."""
    checkout = PAGE_SCRIPT.parents[2]
    command = [sys.executable, PAGE_SCRIPT, "20", "--runs", "1", "--no-throttle",
               "--timeout", "60", "--dir", tmp_path, "--before", checkout]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=180)
    found = offer_store.find_offers(store.connect(tmp_path / "bench-20.db"))
    shown = sum(offer["lat"] is not None for offer in found)  # published, with a position
    for name in ("ours", "before", "folium"):
        row = re.search(rf"^\| 20 \| (\d+) \| {name} \|(.+)\|$", done.stdout, re.MULTILINE)
        assert row, done.stdout
        assert int(row[1]) == shown > 0
        figures = [float(cell.replace(",", "")) for cell in row[2].split("|")]
        assert len(figures) == 5 and all(figure > 0 for figure in figures)  # s, KB, KB, MB, nodes
    for other in ("before", "folium"):
        assert re.search(rf"^\| 20 \| \| {other} / ours \|", done.stdout, re.MULTILINE)

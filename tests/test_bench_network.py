"""scripts/bench/network keeps running: its stand-in regions are regions of their own, and
the whole benchmark runs at a small N on the test run's PostgreSQL cluster."""

import importlib.machinery
import importlib.util
import subprocess
import sys
from pathlib import Path

from refugee_map.geo import region_folder

BENCH = Path(__file__).resolve().parents[1] / "scripts" / "bench"


def bench_module(name: str):
    """A script of scripts/bench (no .py) as a module, with its folder on the path."""
    sys.path.insert(0, str(BENCH))
    loader = importlib.machinery.SourceFileLoader(f"bench_{name}", str(BENCH / name))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def test_a_stand_in_region_lies_apart_with_postcodes_of_its_own(tmp_path):
    network = bench_module("network")
    folder = network.moved_region(tmp_path / "essen", 0.8, 1000)
    assert region_folder.read(folder)["region_dir"] == str(folder.resolve())
    dortmund, essen = network.synthetic.Region(), network.synthetic.Region(folder)
    assert essen.districts.bounds[2] < dortmund.districts.bounds[0]  # west of it
    assert not set(essen.codes) & set(dortmund.codes)
    for offer in network.synthetic.offers(20, essen):
        assert essen.districts.locate(offer["lat"], offer["lng"])
        assert offer["postcode"] in essen.postcodes


def test_bench_network_serves_three_regions_from_one_and_two_processes(pg_cluster, tmp_path):
    command = [sys.executable, BENCH / "network", "20", "--pg", pg_cluster.url(), "--seconds",
               "0.1", "--rounds", "1", "--clients", "2", "--dir", tmp_path]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for region in ("dortmund", "bochum", "essen"):
        assert f"{region}: 20 offers in" in done.stdout
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")][1:]
    assert [row.split(" | ")[0] for row in rows] == [
        "| /healthz (floor)", "| map: city view, zoom 12", "| list: 1st page",
        "| list: text search", "| OGC API: items page", "| all of them mixed",
    ]  # fmt: skip

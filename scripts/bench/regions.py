#!/usr/bin/env python3
"""The map's views with one region and with two, side by side, on SQLite and PostgreSQL.

The same N synthetic offers (default 20,000; scripts/bench/synthetic.py) go into two fresh
databases per engine: one region (as a city's install), and two regions with every other
offer moved to the second one (shifted 0.25° west, so the regions lie apart). Each view is
timed as /api/map asks the store for it (and the list's count as /api/offers does), median
of 15 runs taken in turns, in milliseconds: the one region's view (stored cells), a region's view of
the two (its own stored cells, m016), the network-wide view of the two (the regions' cells
summed), and a region's view grouped on the fly as before m016. PostgreSQL: the running
cluster in --pg-dir (scripts/pg start FOLDER), else a throw-away one.
Usage: .venv/bin/python scripts/bench/regions.py [N] [--pg-dir FOLDER]
"""

import argparse
import importlib.machinery
import importlib.util
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import synthetic

from refugee_map import store
from refugee_map.store import dialect, offer_lists
from refugee_map.store import map_view as map_store
from refugee_map.store import offers as offer_store
from refugee_map.store import regions as region_store
from refugee_map.store.offers import OfferQuery

HERE = Path(__file__).resolve().parent
BATCH = 1_000
RUNS = 15
SECOND_REGION = 2
SHIFT = 0.25  # degrees west: the second region's offers lie beside the first's
CITY = (7.29, 51.41, 7.64, 51.60)  # the synthetic region's districts, rounded outwards


def load_api_bench():
    """`scripts/bench/api` as a module (no .py): where its phone screen lies."""
    loader = importlib.machinery.SourceFileLoader("bench_api", str(HERE / "api"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


api = load_api_bench()
VIEWS = {
    "city view, zoom 11": (CITY, 11, ()),
    "city view, zoom 12": (CITY, 12, ()),
    "phone at zoom 17": (api.phone_bbox(api.busiest_centre(synthetic.Region())), 17, ()),
    "category: map, zoom 12": (CITY, 12, ("education",)),
}
COUNT = "category: list count"
LAYOUTS = ("one region", "2 regions: region 1", "2 regions: network", "region 1 on the fly")


def fill(db, count: int, regions: int) -> float:
    """``count`` synthetic offers stored in ``db`` (migrated here), every other one in the
    second region when ``regions`` is 2; the seconds it took."""
    store.init(db)
    if regions == 2:
        region_store.add_region(db, {"slug": "second", "name": "Second"})
    generated = list(synthetic.offers(count, synthetic.Region()))
    start = time.perf_counter()
    for first in range(0, count, BATCH):
        batch = generated[first : first + BATCH]
        if regions == 2:
            moved = [offer | {"lng": offer["lng"] - SHIFT} for offer in batch[1::2]]
            offer_store.create_offers(db, moved, by="bench", region=SECOND_REGION)
            batch = batch[::2]
        offer_store.create_offers(db, batch, by="bench")
    if dialect.of(db) is dialect.POSTGRES:
        db.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    return time.perf_counter() - start


def once(work) -> tuple[float, int]:
    """The milliseconds ``work()`` took and what it counted."""
    start = time.perf_counter()
    counted = work()
    return (time.perf_counter() - start) * 1000, counted


def shown(db, bbox, zoom: int, query: OfferQuery) -> int:
    view = map_store.map_view(db, bbox, zoom, query)
    return sum(cluster["count"] for cluster in view.clusters) + len(view.offers)


def cases() -> dict:
    """Name -> what it measures, given a database and a region (None: every region)."""

    def view(bbox, zoom: int, categories: tuple):
        return lambda db, region: shown(db, bbox, zoom, OfferQuery(categories, region=region))

    measured = {name: view(*arguments) for name, arguments in VIEWS.items()}
    query = OfferQuery(categories=("education",))
    measured[COUNT] = lambda db, region: offer_lists.count_matches(
        db, replace(query, region=region)
    )
    return measured


@contextmanager
def grouped_on_the_fly(really: bool):
    """The store as before m016 (if ``really``): a region's view grouped its offers on the
    fly."""
    serve = map_store.stored_counts_serve
    if really:
        map_store.stored_counts_serve = lambda query: query.region is None and serve(query)
    try:
        yield
    finally:
        map_store.stored_counts_serve = serve


def measure_engine(one, two) -> dict[str, dict]:
    """Layout -> case -> (median milliseconds, count). The layouts take turns run by run,
    so a busy moment of the machine falls on all of them alike."""
    layouts = dict(zip(LAYOUTS, ((one, None, False), (two, 1, False), (two, None, False),
                                 (two, 1, True)), strict=True))  # fmt: skip
    results: dict[str, dict] = {layout: {} for layout in LAYOUTS}
    for case, work in cases().items():
        runs: dict[str, list] = {layout: [] for layout in LAYOUTS}
        for _ in range(RUNS):
            for layout, (db, region, on_the_fly) in layouts.items():
                with grouped_on_the_fly(on_the_fly):
                    runs[layout].append(once(lambda: work(db, region)))  # noqa: B023
        for layout, timings in runs.items():
            results[layout][case] = (statistics.median(ms for ms, _ in timings), timings[-1][1])
    return results


@contextmanager
def postgres_databases(folder: str | None):
    """Two new databases' URLs in the cluster running in ``folder``, else in a throw-away
    cluster; dropped (or stopped) afterwards."""
    sys.path.insert(0, str(HERE.parents[1] / "tests"))
    import pg_cluster

    cluster = pg_cluster.Cluster.at(Path(folder)) if folder else pg_cluster.start()
    names = [f"bench_regions_{uuid.uuid4().hex[:8]}_{n}" for n in (1, 2)]
    try:
        yield [cluster.create_database(name) for name in names]
    finally:
        if folder:
            for name in names:
                cluster.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            cluster.stop()


def report(count: int, results: dict, loaded: dict) -> None:
    print(f"the map's views over {count:,} synthetic offers, median of {RUNS} runs (ms, and "
          "the offers the view counts); two regions: half the offers each")  # fmt: skip
    for engine, layouts in results.items():
        print(f"\n{engine} (storing: one region {loaded[engine][0]:.1f} s, "
              f"two regions {loaded[engine][1]:.1f} s)")  # fmt: skip
        print(f"{'':26}" + "".join(f"{layout:>24}" for layout in LAYOUTS))
        for case in (*VIEWS, COUNT):
            cells = (layouts[layout][case] for layout in LAYOUTS)
            print(f"{case:26}" + "".join(f"{ms:14.2f} ms {n:>6}" for ms, n in cells))
            if layouts[LAYOUTS[1]][case][1] != layouts[LAYOUTS[3]][case][1]:
                print(f"DIFFERENT COUNTS: {case}, stored cells and on the fly")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=20_000, metavar="N")
    parser.add_argument("--pg-dir", help="a running cluster's folder (scripts/pg start)")
    args = parser.parse_args()
    results, loaded = {}, {}
    with tempfile.TemporaryDirectory() as folder, postgres_databases(args.pg_dir) as urls:
        files = [Path(folder) / f"regions-{n}.db" for n in (1, 2)]
        for engine, places in (("SQLite", files), ("PostgreSQL", urls)):
            one, two = (store.connect(place) for place in places)
            loaded[engine] = (fill(one, args.count, 1), fill(two, args.count, 2))
            results[engine] = measure_engine(one, two)
            one.close()
            two.close()
    report(args.count, results, loaded)


if __name__ == "__main__":
    main()

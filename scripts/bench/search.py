#!/usr/bin/env python3
"""Time the text search on SQLite (FTS5) and PostgreSQL (tsvector + GIN) side by side.

The same N synthetic offers (default 20,000; scripts/bench/synthetic.py) go into a fresh
SQLite file and a fresh PostgreSQL database; then each search is timed as /api/offers runs
it (the first page of 50 and the exact count), median of several runs, in milliseconds.
PostgreSQL: the database URL given (it must be empty), else a throw-away cluster
(tests/pg_cluster.py, stopped at the end).
Usage: .venv/bin/python scripts/bench/search.py [N] [postgresql://...]
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import synthetic

from refugee_map import store
from refugee_map.store import dialect, offer_lists
from refugee_map.store import offers as offer_store
from refugee_map.store.offers import OfferQuery
from refugee_map.web import filters

BATCH = 1_000
RUNS = 7
CITY_CENTRE = (7.44, 51.5, 7.49, 51.53)
SEARCHES = {
    "word 'moebel'": ("moebel", None, {}),
    "common word + topic 'beratung'": ("beratung", None, {}),
    "two words 'deutsch kurs'": ("deutsch kurs", None, {}),
    "prefix 'b'": ("b", None, {}),
    "in Arabic 'ملابس'": ("ملابس", "ar", {}),
    "'beratung' + category + bbox": ("beratung", None,
                                     {"categories": ("counselling",), "bbox": CITY_CENTRE}),
    "no match 'zzzz'": ("zzzz", None, {}),
}  # fmt: skip


def fill(db, count: int) -> float:
    """``count`` synthetic offers stored in ``db`` (migrated here); the seconds it took."""
    store.init(db)
    region = synthetic.Region()
    generated = list(synthetic.offers(count, region))
    start = time.perf_counter()
    for first in range(0, count, BATCH):
        offer_store.create_offers(db, generated[first : first + BATCH], by="bench")
    if dialect.of(db) is dialect.POSTGRES:
        db.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    return time.perf_counter() - start


def timed(db, query: OfferQuery, lang: str | None) -> tuple[float, int]:
    """The median milliseconds of the first page and its count, and the count."""
    times, total = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        _, total = offer_lists.offer_slice(db, query, offer_lists.OfferSlice(limit=50), lang)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), total


def measure(db) -> dict[str, tuple[float, int]]:
    results = {}
    for name, (q, lang, more) in SEARCHES.items():
        query = OfferQuery(**filters.text_search(q, lang), **more)
        results[name] = timed(db, query, lang)
    return results


def postgres_database(arguments: list[str]):
    """The URL to fill and a function stopping what was started for it."""
    if arguments:
        return arguments[0], lambda: None
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
    import pg_cluster

    cluster = pg_cluster.start()
    return cluster.create_database("bench_search"), cluster.stop


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    url, stop = postgres_database(sys.argv[2:])
    try:
        with tempfile.TemporaryDirectory() as folder:
            engines = {"SQLite": store.connect(Path(folder) / "bench.db"),
                       "PostgreSQL": store.connect(url)}  # fmt: skip
            loaded = {name: fill(db, count) for name, db in engines.items()}
            results = {name: measure(db) for name, db in engines.items()}
    finally:
        stop()
    print(f"text search over {count:,} synthetic offers: first page of 50 + exact count, "
          f"median of {RUNS} runs")  # fmt: skip
    print(f"{'':34} {'SQLite':>10} {'PostgreSQL':>11}  matches")
    print(f"{'storing the offers (s)':34} {loaded['SQLite']:10.1f} {loaded['PostgreSQL']:11.1f}")
    for name in SEARCHES:
        (lite, found), (pg, pg_found) = results["SQLite"][name], results["PostgreSQL"][name]
        same = "" if found == pg_found else f" (PostgreSQL: {pg_found})"
        print(f"{name:34} {lite:8.1f} ms {pg:8.1f} ms  {found}{same}")


if __name__ == "__main__":
    main()

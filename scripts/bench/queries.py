#!/usr/bin/env python3
"""Time the offer queries behind /api/offers on a large synthetic database.

Prints milliseconds per query (median of several runs) for N offers (default 20,000),
so regressions in the search and bounding-box indexes show as numbers. The offers are
the synthetic ones of `scripts/bench/data`.
Usage: .venv/bin/python scripts/bench/queries.py [N]
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import synthetic

from refugee_map import store
from refugee_map.store import offers as offer_store
from refugee_map.store.offers import OfferQuery


def timed(db, query: OfferQuery, runs: int = 7) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        found = len(offer_store.find_offers(db, query))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), found


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as folder:
        db = store.connect(Path(folder) / "bench.db")
        start = time.perf_counter()
        synthetic.build(db, count)
        print(f"import {count} offers (scripts/bench/data): {time.perf_counter() - start:.1f} s")
        cases = {
            "all published": OfferQuery(),
            "one category": OfferQuery(categories=("education",)),
            "small bbox (~1 km²)": OfferQuery(bbox=(7.46, 51.51, 7.475, 51.52)),
            "search 'moebel'": OfferQuery(q="moebel"),
            "search + category + bbox": OfferQuery(
                q="beratung", categories=("counselling",), bbox=(7.4, 51.48, 7.5, 51.54)
            ),
            "language spoken": OfferQuery(language="fa"),
        }
        for name, query in cases.items():
            ms, found = timed(db, query)
            print(f"{name:28} {ms:8.1f} ms  ({found} offers)")


if __name__ == "__main__":
    main()

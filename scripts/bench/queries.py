#!/usr/bin/env python3
"""Time the offer queries behind /api/offers on a large synthetic database.

Prints milliseconds per query (median of several runs) for N offers (default 20,000),
so regressions in the search and bounding-box indexes show as numbers.
Usage: .venv/bin/python scripts/bench/queries.py [N]
"""

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from refugee_map import store
from refugee_map.domain import offers
from refugee_map.domain.categories import SLUGS
from refugee_map.store import offers as offer_store
from refugee_map.store.offers import OfferQuery

WORDS = [
    "Beratung",
    "Möbel",
    "Sprachcafé",
    "Kleiderkammer",
    "Nachhilfe",
    "Fußball",
    "Patenschaft",
    "Treff",
]


def fill(db, count: int) -> None:
    rng = random.Random(1)
    with db.atomic():
        for number in range(count):
            values = {
                "category": rng.choice(SLUGS),
                "title": f"{rng.choice(WORDS)} {rng.choice(WORDS)} {number}",
                "description": " ".join(rng.choices(WORDS, k=12)),
                "street": f"Straße {number}",
                "lat": rng.uniform(51.40, 51.60),
                "lng": rng.uniform(7.30, 7.64),
                "status": "published",
                "languages": rng.choice(["de", "de ar", "de en fa", "uk ru"]),
            }
            offer_store.create_offer(db, offers.clean(values), by="bench")


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
        store.init(db)
        start = time.perf_counter()
        fill(db, count)
        print(f"insert {count} offers (with history): {time.perf_counter() - start:.1f} s")
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

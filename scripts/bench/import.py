#!/usr/bin/env python3
"""Time `refugee-map import` of a CSV with N offers (default 5,000) into an empty database.

Prints the seconds for reading + validating (the plan) and for writing (one transaction).
Usage: .venv/bin/python scripts/bench/import.py [N]
"""

import random
import sys
import tempfile
import time
from pathlib import Path

from refugee_map import store
from refugee_map.config import DATA_DIR
from refugee_map.domain.categories import SLUGS
from refugee_map.exchange import formats as exchange
from refugee_map.exchange import importer, readers
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import load_postcodes

WORDS = ("Beratung", "Möbel", "Sprachcafé", "Kleiderkammer", "Nachhilfe", "Fußball", "Treff")


def offers(count: int) -> list[dict]:
    rng = random.Random(1)
    return [
        {
            "category": rng.choice(SLUGS),
            "title": f"{rng.choice(WORDS)} {rng.choice(WORDS)} {number}",
            "description": " ".join(rng.choices(WORDS, k=12)),
            "organization": f"Verein {number % 300}",
            "street": f"Straße {number}",
            "postcode": "44137",
            "city": "Dortmund",
            "lat": round(rng.uniform(51.46, 51.56), 6),
            "lng": round(rng.uniform(7.38, 7.58), 6),
            "opening_hours": {"Mo": [["09:00", "12:00"]]},
            "languages": rng.choice([["de"], ["de", "ar"], ["de", "en", "fa"]]),
            "status": "published",
        }
        for number in range(count)
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    region_dir = DATA_DIR / "regions" / "dortmund"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "offers.csv"
        path.write_text(exchange.write_csv(offers(count)), encoding="utf-8")
        db = store.connect(Path(folder) / "bench.db")
        store.init(db)
        start = time.perf_counter()
        plan = importer.plan_import(
            db,
            readers.read_rows(path),
            source=path.name,
            districts=load_districts(region_dir),
            postcodes=set(load_postcodes(region_dir)),
        )
        planned = time.perf_counter()
        importer.apply_plan(db, plan, by="bench")
        done = time.perf_counter()
        assert not plan.errors and db["offers"].count == count
    print(f"import {count} offers: read + validate {planned - start:.2f} s, "
          f"write {done - planned:.2f} s, total {done - start:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()

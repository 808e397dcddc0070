#!/usr/bin/env python3
"""Time `refugee-map import` of a CSV with N offers (default 5,000) into an empty database.

The offers are the synthetic ones of `scripts/bench/data`. Prints the seconds for reading
+ validating (the plan) and for writing (one transaction).
Usage: .venv/bin/python scripts/bench/import.py [N]
"""

import sys
import tempfile
import time
from pathlib import Path

import synthetic

from refugee_map import store
from refugee_map.exchange import formats as exchange
from refugee_map.exchange import importer, readers


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    region = synthetic.Region()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "offers.csv"
        path.write_text(exchange.write_csv(synthetic.offers(count, region)), encoding="utf-8")
        db = store.connect(Path(folder) / "bench.db")
        store.init(db)
        start = time.perf_counter()
        plan = importer.plan_import(
            db,
            readers.read_rows(path),
            source=path.name,
            districts=region.districts,
            postcodes=set(region.codes),
        )
        planned = time.perf_counter()
        importer.apply_plan(db, plan, by="bench")
        done = time.perf_counter()
        assert not plan.errors and db["offers"].count == count
    print(f"import {count} offers: read + validate {planned - start:.2f} s, "
          f"write {done - planned:.2f} s, total {done - start:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()

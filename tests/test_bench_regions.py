"""scripts/bench/regions.py keeps running: one region and two on both engines, a region's
view from its stored cells counting what grouping on the fly counts."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench" / "regions.py"


def test_bench_regions_measures_one_region_and_two_on_both_engines():
    done = subprocess.run([sys.executable, SCRIPT, "60"], capture_output=True, text=True,
                          timeout=300, check=True)  # fmt: skip
    assert "\nSQLite (storing" in done.stdout and "\nPostgreSQL (storing" in done.stdout
    rows = [line for line in done.stdout.splitlines() if line.startswith("city view, zoom 11")]
    assert len(rows) == 2 and all(row.count(" ms ") == 4 for row in rows)
    assert "DIFFERENT COUNTS" not in done.stdout

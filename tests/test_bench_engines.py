"""scripts/bench/engines keeps running: both engines built, served and compared."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench" / "engines"


def test_bench_engines_serves_the_same_answers_from_sqlite_and_postgresql(tmp_path):
    command = [sys.executable, SCRIPT, "60", "--dir", tmp_path, "--seconds", "0.2",
               "--rounds", "1", "--cases", "/healthz (floor)", "category: map, zoom 12",
               "text search, 1st page"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    assert "PostgreSQL: built bench_60" in done.stdout
    rows = [line for line in done.stdout.splitlines() if line.startswith("| text search")]
    assert [row.split("|")[3].strip() for row in rows] == ["SQLite", "PostgreSQL"] * 2
    assert "DIFFERENT ANSWERS" not in done.stdout

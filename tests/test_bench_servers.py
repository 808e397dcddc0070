"""scripts/bench/servers keeps running: it borrows scripts/bench/api's cases and client."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench" / "servers"


def test_bench_servers_compares_settings_and_prints_their_memory(tmp_path):
    command = [sys.executable, SCRIPT, "30", "--dir", tmp_path, "--seconds", "0.2",
               "--rounds", "1", "--only", "waitress 8 threads", "waitress 4 threads",
               "--cases", "/healthz (floor)", "export.geojson"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)
    rows = [line for line in done.stdout.splitlines() if line.startswith("| export.geojson |")]
    assert len(rows) == 4  # two settings at 1 and at 16 clients
    assert rows[0].split("|")[5].strip() == "100 %"  # the baseline against itself
    assert "| waitress 4 threads |" in done.stdout.split("memory after the run")[1]

"""What the benchmarks share: a database of N synthetic offers and the app serving it.

:func:`database` builds (or reuses) a database with `scripts/bench/data`'s generator;
:func:`serving` runs `refugee-map serve` (waitress) on it in a child process on a free
loopback port.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import synthetic

from refugee_map import store


def database(path: Path, count: int) -> Path:
    """``path`` with ``count`` synthetic offers, built unless it is already there."""
    if path.exists():
        print(f"\nN = {count}: reusing {path}")
        return path
    start = time.perf_counter()
    partial = path.with_name(f"{path.name}.partial")  # an interrupted build is not reused
    partial.unlink(missing_ok=True)
    db = store.connect(partial)
    synthetic.build(db, count)
    db.close()
    partial.rename(path)
    print(f"\nN = {count}: built {path.name} in {time.perf_counter() - start:.1f} s")
    return path


@contextmanager
def serving(
    path: Path,
    threads: int,
    settings: dict | None = None,
    root: Path = synthetic.ROOT,
    log: Path | None = None,
) -> Iterator[int]:
    """The app on waitress in a child process, on a free loopback port; yields the port.
    ``settings``: more environment variables (``REFUGEE_MAP_*``) for the app; ``root``: the
    checkout whose code serves (default: this one); ``log``: see :func:`server`."""
    arguments = ["-m", "refugee_map.cli", "serve", "--host", "127.0.0.1", "--port", "{port}",
                 "--threads", str(threads)]  # fmt: skip
    with server(path, arguments, settings, log, root) as (port, _process):
        yield port


@contextmanager
def server(
    path: Path,
    arguments: list[str],
    settings: dict | None = None,
    log: Path | None = None,
    root: Path = synthetic.ROOT,
) -> Iterator[tuple[int, subprocess.Popen]]:
    """``python arguments`` (``{port}`` in them filled in: a free loopback port) serving the
    database at ``path`` with the code of the checkout ``root``, in a child process; yields
    the port and the process. Its output goes to ``log`` (default: beside the database)."""
    port = free_port()
    env = os.environ | {
        "REFUGEE_MAP_DB": str(path),
        "REFUGEE_MAP_SECRET_KEY": "bench",  # no key file left beside the database
        "PYTHONPATH": str(root),
        **(settings or {}),
    }
    command = [sys.executable, *(argument.format(port=port) for argument in arguments)]
    with (log or path.with_suffix(".log")).open("w") as output:  # warnings go here
        process = subprocess.Popen(  # noqa: S603
            command, env=env, cwd=root, stdout=output, stderr=output
        )
        try:
            wait_until_up(port, process, output.name)
            _servers[port] = process.pid
            yield port, process
        finally:
            _servers.pop(port, None)
            process.terminate()
            process.wait(timeout=10)


_servers: dict[int, int] = {}  # port -> process id of the servers :func:`server` runs


def memory_mb(port: int) -> tuple[float, float]:
    """The resident memory (RSS) of the server on ``port`` now and at its peak, in MB
    (Linux: /proc/<pid>/status)."""
    fields = dict(
        line.split(":", 1)
        for line in Path(f"/proc/{_servers[port]}/status").read_text().splitlines()
    )
    return tuple(int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(port: int, process: subprocess.Popen, log: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited ({process.returncode}):\n{tail(log)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not answer within {timeout:.0f} s:\n{tail(log)}")


def tail(log: str) -> str:
    return Path(log).read_text(encoding="utf-8", errors="replace")[-2000:]

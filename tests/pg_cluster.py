"""A throw-away PostgreSQL 15 cluster with PostGIS on a free loopback port, for tests.

Debian's server binaries refuse to run as root, so as root the cluster runs as the
``postgres`` user (``runuser``); PostGIS comes from Debian's ``postgresql-15-postgis-3``,
which ``scripts/test`` installs. Trust authentication on 127.0.0.1 only, a socket in the
cluster's own folder, no durability (``fsync=off``): a cluster for one test run.
``scripts/pg start|stop DIR`` runs the same from a shell.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")
EXTENSIONS_DIR = Path("/usr/share/postgresql/15/extension")
POSTGIS_PACKAGE = "postgresql-15-postgis-3"
EXTENSIONS = ("postgis",)
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "wal_level": "replica",  # a streaming replica can follow it
    "max_wal_senders": "4",
}


@dataclass(frozen=True)
class Cluster:
    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @classmethod
    def at(cls, folder: Path) -> "Cluster":
        """The cluster running in ``folder`` (its port is on the 4th line of postmaster.pid)."""
        port = (folder / "data" / "postmaster.pid").read_text().splitlines()[3]
        return cls(folder, int(port))

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str = "template1") -> str:
        """A new database (copied from ``template``); its URL."""
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def sql(self, statement: str, database: str = "postgres") -> str:
        command = [str(BIN / "psql"), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
                   "-d", self.url(database), "-c", statement]  # fmt: skip
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def start_replica(self) -> "Cluster":
        """A streaming replica of this cluster (hot standby: reads only) on another port,
        in a new folder beside it (two runs on one cluster may each start one); stop it
        before this one."""
        folder = Path(
            tempfile.mkdtemp(prefix=f"{self.folder.name}-replica-", dir=self.folder.parent)
        )
        _private_folder(folder)
        replica = Cluster(folder, free_port())
        _as_postgres([str(BIN / "pg_basebackup"), "-d", self.url(), "-D", str(replica.data),
                      "-R", "-X", "stream", "-c", "fast", "--no-sync"])  # fmt: skip
        _start_server(replica)
        return replica

    def stop(self) -> None:
        _as_postgres([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)


def check_installed() -> None:
    if not (EXTENSIONS_DIR / "postgis.control").exists():
        raise RuntimeError(f"PostGIS is missing: scripts/test installs {POSTGIS_PACKAGE}.")


def start(folder: Path | None = None) -> Cluster:
    """Create and start a cluster in ``folder`` (a new temporary one if not given), with the
    extensions in ``template1``, so every database created from it has them."""
    check_installed()
    folder = Path(folder or tempfile.mkdtemp(prefix="refugee-map-pg-"))
    _private_folder(folder)
    cluster = Cluster(folder, free_port())
    _as_postgres([str(BIN / "initdb"), "-D", str(cluster.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"])  # fmt: skip
    _start_server(cluster)
    for extension in EXTENSIONS:
        cluster.sql(f"CREATE EXTENSION IF NOT EXISTS {extension}", "template1")
    return cluster


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")


def _start_server(cluster: Cluster) -> None:
    """Start the server of ``cluster`` (a replica's settings must match its primary's)."""
    settings = " ".join(f"-c {key}={value}" for key, value in SERVER_SETTINGS.items())
    options = f"-p {cluster.port} -k {cluster.folder} {settings}"
    log = cluster.folder / "log"
    _as_postgres([str(BIN / "pg_ctl"), "-D", str(cluster.data), "-l", str(log), "-w", "-o", options,
                  "start"])  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(command: list[str]) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True)


def main(arguments: list[str]) -> None:
    """``start DIR`` prints the cluster's URL, ``stop DIR PORT`` stops it and removes DIR."""
    match arguments:
        case ["start", folder]:
            started = time.monotonic()
            cluster = start(Path(folder))
            print(cluster.url(), f"# started in {time.monotonic() - started:.1f} s")
        case ["stop", folder]:
            Cluster(Path(folder), 0).stop()
        case _:
            sys.exit("usage: scripts/pg start DIR | stop DIR")


if __name__ == "__main__":
    main(sys.argv[1:])

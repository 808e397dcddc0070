"""Store tests on PostgreSQL too, until the suite has its ``--engine`` option: one throw-away
cluster per test process (tests/pg_cluster.py), started when a test first asks for a
database and stopped when the process ends, and a fresh migrated database per call."""

import atexit
import itertools

import pg_cluster

from refugee_map import store

TEMPLATE = "refugee_map_engines"
_numbers = itertools.count(1)
_clusters: list = []


def cluster():
    """The process's cluster, started (with a migrated template database) at the first call."""
    if not _clusters:
        started = pg_cluster.start()
        atexit.register(started.stop)
        db = store.connect(started.create_database(TEMPLATE))
        store.init(db)
        db.close()
        _clusters.append(started)
    return _clusters[0]


def postgres_url() -> str:
    """The URL of a fresh migrated PostgreSQL database of its own."""
    return cluster().create_database(f"engines_{next(_numbers)}", template=TEMPLATE)

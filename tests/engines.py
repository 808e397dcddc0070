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


def postgres_url() -> str:
    """The URL of a fresh migrated PostgreSQL database of its own."""
    if not _clusters:
        cluster = pg_cluster.start()
        atexit.register(cluster.stop)
        db = store.connect(cluster.create_database(TEMPLATE))
        store.init(db)
        db.close()
        _clusters.append(cluster)
    return _clusters[0].create_database(f"engines_{next(_numbers)}", template=TEMPLATE)

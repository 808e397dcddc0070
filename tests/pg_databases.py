"""Fresh migrated PostgreSQL databases for the tests run with ``--engine=postgresql``.

One cluster per run (``REFUGEE_MAP_TEST_PG_DIR`` names a running one, e.g. started by
``scripts/test``; else the run starts its own), one migrated template database made once
per run by the controlling process, and per test process a few databases copied from it.
A test gets one of those back *emptied*: deleting the rows of every table and restoring
the template's few rows takes some 0.04 s, where ``CREATE DATABASE … TEMPLATE`` takes
0.5-0.8 s and ``TRUNCATE`` of all tables 0.2-0.6 s on this machine. The delete runs with
``session_replication_role = replica`` (no triggers, no foreign-key checks) after ending
the previous test's connections, so nothing a test left behind can block it. A test that
changed the schema (a migration of its own, a column added) gets its database copied from
the template again: the emptying first compares the schema's fingerprint with the
template's.

Every database of a run starts with ``refugee_map_test_<pid>``, the pid of the run's
controlling process, so two runs on one cluster leave each other's databases alone: a run
drops its own at its end and those of runs whose process has ended at its start.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pg_cluster
import psycopg
from psycopg import sql

from refugee_map import store
from refugee_map.store import postgres_pool

CLUSTER_DIR = "REFUGEE_MAP_TEST_PG_DIR"  # the run's cluster, for the test processes
RUN = "REFUGEE_MAP_TEST_PG_RUN"  # the controlling process's pid, for the test processes
ANY_RUN = "refugee_map_test"
PREFIX = f"{ANY_RUN}_{os.environ.setdefault(RUN, str(os.getpid()))}"  # this run's databases
TEMPLATE = f"{PREFIX}_template"
HARNESS = ANY_RUN  # the application_name of the connections kept for emptying databases
KEEP = ("spatial_ref_sys",)  # PostGIS's own table, part of every database
DISK_FULL_FUNCTION = "refugee_map_test_disk_full"  # a full disk, as store_support makes it
DISK_FULL_SETTING = "refugee_map_test.disk_full"
# Waits (up to 5 s) until each has ended: a test that counts the database's sessions must
# not see the previous test's connections on their way out.
END_OTHER_CONNECTIONS = """SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()"""

# What a test may change of the schema (a migration of its own, a column added): the columns
# of the tables, views, indexes and sequences (type, collation, null, default), the triggers
# and whether they fire, the constraints, the number of functions (PostGIS's are in public).
SCHEMA_FINGERPRINT = """SELECT md5(string_agg(part, ',' ORDER BY part)) FROM (
    SELECT format('%s.%s %s %s %s %s %s', c.relname, a.attname, a.atttypid, a.atttypmod,
                  a.attcollation, a.attnotnull, a.atthasdef) AS part
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL SELECT format('trigger %s %s %s', tgrelid::regclass, tgname, tgenabled)
        FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT format('constraint %s %s', conrelid::regclass, conname)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL SELECT format('%s functions', count(*))
        FROM pg_proc WHERE pronamespace = 'public'::regnamespace) AS parts"""


def cluster_of_this_run() -> pg_cluster.Cluster:
    return pg_cluster.Cluster.at(Path(os.environ[CLUSTER_DIR]))


def make_template(cluster: pg_cluster.Cluster) -> None:
    """Drop what ended runs on this cluster left, then migrate a new template."""
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        _drop(admin, [name for name in _databases(admin, ANY_RUN) if _of_an_ended_run(name)])
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    db = store.connect(cluster.url(TEMPLATE))
    db.execute("CREATE EXTENSION amcheck")  # store_support.intact checks the indexes
    store.init(db)
    db.close()


def drop_this_runs(cluster: pg_cluster.Cluster) -> None:
    """Drop the databases of this run (at its end: the next run's start would too)."""
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        _drop(admin, _databases(admin, PREFIX))


def _databases(admin: psycopg.Connection, prefix: str) -> list[str]:
    pattern = prefix.replace("_", r"\_") + r"\_%"
    query = "SELECT datname FROM pg_database WHERE datname LIKE %s"
    return [row[0] for row in admin.execute(query, [pattern])]


def _drop(admin: psycopg.Connection, names: list[str]) -> None:
    for name in names:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _of_an_ended_run(name: str) -> bool:
    """Is ``name`` a database of a run whose controlling process has ended?"""
    pid = name.removeprefix(f"{ANY_RUN}_").split("_")[0]
    if not pid.isdigit():
        return False  # not named by a run's pid: not ours to drop
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # another user's process
    return False


def emptying_sql(connection: psycopg.Connection) -> str:
    """One script that brings a copy of the template back to the template's rows."""
    tables = [row[0] for row in connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        if row[0] not in KEEP]  # fmt: skip
    sequences = connection.execute(
        "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
    ).fetchall()
    statements = [sql.SQL(f"DROP FUNCTION IF EXISTS {DISK_FULL_FUNCTION}() CASCADE"),
                  _same_schema_as(connection),
                  sql.SQL("SET session_replication_role = replica")]  # fmt: skip
    statements += [sql.SQL("DELETE FROM {}").format(sql.Identifier(t)) for t in tables]
    statements += [_refill(connection, table) for table in tables]
    statements += [_rewind(*sequence) for sequence in sequences]
    statements.append(sql.SQL("SET session_replication_role = DEFAULT"))
    script = sql.SQL("; ").join(s for s in statements if s is not None)
    return script.as_string(connection)


def _same_schema_as(connection: psycopg.Connection) -> sql.Composed:
    """A statement that raises ``RaiseException`` when the schema is no longer the one
    ``connection``'s database has now."""
    (fingerprint,) = connection.execute(SCHEMA_FINGERPRINT).fetchone()
    return sql.SQL("DO $$ BEGIN IF ({}) IS DISTINCT FROM {} THEN "
                   "RAISE EXCEPTION 'the schema differs from the template''s'; END IF; END $$"
                   ).format(sql.SQL(SCHEMA_FINGERPRINT), sql.Literal(fingerprint))  # fmt: skip


def _rewind(sequence: str, template_value: int | None) -> sql.Composed:
    """Back to where the template left ``sequence`` (m013's first region took id 1)."""
    if template_value is None:
        return sql.SQL("ALTER SEQUENCE {} RESTART").format(sql.Identifier(sequence))
    name = sql.Literal(sql.Identifier(sequence).as_string(None))
    return sql.SQL("SELECT setval({}, {})").format(name, sql.Literal(template_value))


def _refill(connection: psycopg.Connection, table: str) -> sql.Composed | None:
    """The INSERT that puts back the template's rows of ``table`` (None: it has none)."""
    cursor = connection.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
    rows = cursor.fetchall()
    if not rows:
        return None
    values = sql.SQL(", ").join(
        sql.SQL("({})").format(sql.SQL(", ").join(map(sql.Literal, row))) for row in rows
    )
    columns = sql.SQL(", ").join(sql.Identifier(c.name) for c in cursor.description)
    return sql.SQL("INSERT INTO {} ({}) VALUES {}").format(sql.Identifier(table), columns, values)


@dataclass
class Databases:
    """The databases of one test process: ``fresh(test)`` hands out the next one the test
    has not had yet, emptied; the first call of the next test starts again at the first."""

    cluster: pg_cluster.Cluster
    worker: str
    _made: int = 0
    _test: str = ""
    _given: int = 0
    _lasting: int = 0
    _emptying: str = field(default="", repr=False)
    _connections: dict = field(default_factory=dict, repr=False)

    def fresh(self, test: str) -> str:
        if test != self._test:
            self._test, self._given = test, 0
            # The last test's app pools: ended by the emptying, they would leave each
            # request to wait out postgres_pool.WAIT before opening a connection of its own.
            postgres_pool.close_all()
        self._given += 1
        name = f"{PREFIX}_{self.worker}_{self._given}"
        if self._given > self._made:
            self._create(name)
        else:
            self._empty(name)
        return self.cluster.url(name)

    def lasting(self, name: str) -> str:
        """A new migrated database for a fixture that outlives one test; its URL."""
        self._lasting += 1
        name = f"{PREFIX}_{self.worker}_{name}_{self._lasting}"
        return self.cluster.create_database(name, template=TEMPLATE)

    def drop(self, urls: list[str]) -> None:
        """Drop the databases of ``urls`` when a module is done with them (the pools closed
        first): a streaming replica's start copies every database of the cluster."""
        postgres_pool.close_all()
        with psycopg.connect(self.cluster.url(), autocommit=True) as admin:
            _drop(admin, [url.rsplit("/", 1)[1] for url in urls])

    def _create(self, name: str) -> None:
        self.cluster.create_database(name, template=TEMPLATE)
        self._made = self._given
        if not self._emptying:  # read from a copy as yet untouched: the template's rows
            with psycopg.connect(self.cluster.url(name), autocommit=True) as connection:
                self._emptying = emptying_sql(connection)

    def _empty(self, name: str) -> None:
        """One round trip on a connection kept for it (tests end the others); a new copy of
        the template if the last test changed the schema."""
        if name not in self._connections or self._connections[name].closed:
            self._connections[name] = psycopg.connect(
                self.cluster.url(name), autocommit=True, application_name=HARNESS
            )
        reset = f'ALTER DATABASE "{name}" RESET {DISK_FULL_SETTING}'
        try:
            self._connections[name].execute(f"{END_OTHER_CONNECTIONS}; {reset}; {self._emptying}")
        except psycopg.errors.RaiseException:
            self._connections.pop(name).close()
            self.cluster.sql(f'DROP DATABASE "{name}" WITH (FORCE)')
            self.cluster.create_database(name, template=TEMPLATE)

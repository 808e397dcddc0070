"""One pool of PostgreSQL connections per process and database, for the web requests.

Opening a connection costs a request 12-25 ms (more with a password); taking one from
the pool and giving it back well under a millisecond. A pool is made on first use, keeps
one connection open and grows to its size (the server's request threads, so a request
never waits for another's), and is closed when the process exits. Every new connection is
set up by :func:`postgres.configure`; each one lent is checked first (one empty query), so
a connection the server dropped (a restart) is replaced, not given to a request. Given
back, a connection's open transaction (a request that failed mid-write) is rolled back.

A request waits at most :data:`WAIT` for a connection; then it opens one of its own, which
says at once whether the database is out of reach (:class:`errors.Unusable`); until one
such connection succeeds again, the next requests skip the pool and try at once.

Imported only when a PostgreSQL connection is pooled (``store.connect(url, pool_size=N)``:
the web requests; commands and an import's geocoding job open their own).
"""

import atexit
import itertools
import threading
from contextlib import suppress
from functools import partial

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from refugee_map.store import errors, postgres

WAIT = 0.5  # seconds a request waits for a pooled connection before opening its own
# An app process talks to one database and its replica; a test process makes many apps,
# each over a database of its own: beyond this many pools the oldest is closed.
MAX_POOLS = 4

_pools: dict[tuple[str, float, int], ConnectionPool] = {}  # by (url, busy timeout, size)
_out_of_reach: set[tuple[str, float, int]] = set()  # pools whose database was, last we tried
_pools_lock = threading.Lock()
_numbers = itertools.count(1)


def borrow(url: str, busy_timeout: float, size: int) -> postgres.Database:
    """A connection from the pool for ``url``; its ``close()`` gives it back."""
    key = (url, busy_timeout, size)
    pool = _pool(key)
    if key not in _out_of_reach:
        with suppress(PoolTimeout):  # all lent, or none could be opened: try one of our own
            return postgres.Database(pool.getconn(timeout=WAIT), partial(_give_back, pool))
    return _own_connection(key)


def _own_connection(key: tuple[str, float, int]) -> postgres.Database:
    """A connection of the request's own. While the database is out of reach, every request
    tries one at once (a refused connection fails in a millisecond), not the pool first."""
    try:
        raw = postgres.open_connection(*key[:2])
    except errors.Unusable:
        _out_of_reach.add(key)
        raise
    _out_of_reach.discard(key)
    return postgres.Database(raw)


def _give_back(pool: ConnectionPool, raw: psycopg.Connection) -> None:
    """Back into the pool with no transaction left open (a broken connection the pool
    closes and replaces)."""
    if raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        with suppress(psycopg.Error):
            raw.rollback()
    pool.putconn(raw)


def _pool(key: tuple[str, float, int]) -> ConnectionPool:
    with _pools_lock:
        if key not in _pools:
            if len(_pools) >= MAX_POOLS:
                _pools.pop(next(iter(_pools))).close()  # its lent connections close on return
            _pools[key] = _new_pool(*key)
        return _pools[key]


def _new_pool(url: str, busy_timeout: float, size: int) -> ConnectionPool:
    return ConnectionPool(
        url,
        kwargs={"autocommit": True, "connect_timeout": postgres.CONNECT_TIMEOUT},
        min_size=1,
        max_size=size,
        open=True,  # connects in the background: a database out of reach fails no start
        configure=partial(postgres.configure, busy_timeout=busy_timeout),
        check=ConnectionPool.check_connection,
        name=f"refugee_map-{next(_numbers)}",  # not the URL: it may hold a password
    )


@atexit.register
def close_all() -> None:
    """Close every pool and its connections (at exit; tests call it too)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
        _out_of_reach.clear()
    for pool in pools:
        pool.close()

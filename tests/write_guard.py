"""Every write of the app goes through ``store.writing``: a check for the whole test suite.

A write outside it would start as a deferred transaction again, the kind SQLite refuses
at once ("database is locked") when two people save together. conftest wraps
``store.connect`` so every connection traces its statements; a write the app (not a
test's own set-up SQL) runs outside ``store.writing`` is recorded and fails the test.
"""

import sys
import types
from pathlib import Path

import refugee_map
from refugee_map import store

APP_DIR = str(Path(refugee_map.__file__).parent)
TESTS_DIR = str(Path(__file__).parent)
# The PostgreSQL connection stands where sqlite-utils stands for SQLite: a library the
# app's and the tests' SQL pass through, neither's own code.
ENGINE_LAYER = str(Path(APP_DIR, "store", "postgres.py"))
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class WriteGuard:
    def __init__(self):
        self.stray_writes: list[str] = []

    def connect(self, real_connect):
        """``store.connect`` that traces the connection's writes."""

        def connect(*args, **kwargs):
            db = real_connect(*args, **kwargs)
            db.conn.set_trace_callback(lambda sql: self._check(db, sql))
            return db

        return connect

    def _check(self, db, sql: str) -> None:
        keyword = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if keyword in WRITES and not store.is_writing(db) and _written_by_the_app():
            self.stray_writes.append(" ".join(sql.split())[:200])


def _written_by_the_app() -> bool:
    """Is the nearest caller of ours the app's code (not a test's own SQL)?"""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(APP_DIR) and filename != ENGINE_LAYER:
            return True
        if filename.startswith(TESTS_DIR) and filename != __file__:
            return False
        frame = frame.f_back
    return False


def as_if_in_the_app(function):
    """``function`` as though written in a module of the app: the guard's own tests."""
    code = function.__code__.replace(co_filename=str(Path(APP_DIR, "any.py")))
    return types.FunctionType(code, function.__globals__)

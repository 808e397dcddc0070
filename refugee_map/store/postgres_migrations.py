"""Applying migrations on PostgreSQL, as sqlite-utils' ``Migrations`` does on SQLite: each
once, in the order it was registered, recorded in ``_migrations`` and run in the one
transaction of :func:`store.writing`. The migrations themselves are in :mod:`schema_postgres`.
"""

from collections.abc import Callable

Migration = Callable[[object], None]

EXTENSIONS = ("postgis",)  # created by a superuser before the first start (README)


class Migrations:
    """One set of migrations; :meth:`add` registers one (a decorator)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[Migration] = []

    def add(self, function: Migration) -> Migration:
        self._functions.append(function)
        return function

    @property
    def names(self) -> list[str]:
        return [function.__name__ for function in self._functions]

    def apply(self, db) -> None:
        """Run the migrations not applied yet."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (migration_set text NOT NULL,"
            " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
            " PRIMARY KEY (migration_set, name))"
        )
        applied = set(self.applied(db))
        for function in self._functions:
            if function.__name__ not in applied:
                function(db)
                db.execute("INSERT INTO _migrations (migration_set, name) VALUES (?, ?)",
                           [self.name, function.__name__])  # fmt: skip

    def applied(self, db) -> list[str]:
        """The names of this set's migrations applied so far, in the order applied."""
        rows = db.execute(
            "SELECT name FROM _migrations WHERE migration_set = ? ORDER BY applied_at", [self.name]
        )
        return [name for (name,) in rows]


def missing_extensions(db) -> list[str]:
    """The extensions the migrations need that the database lacks."""
    installed = {name for (name,) in db.execute("SELECT extname FROM pg_extension")}
    return [name for name in EXTENSIONS if name not in installed]

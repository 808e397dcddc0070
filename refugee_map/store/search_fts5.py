"""SQLite's indexes of the offers (migrations m002, m010, m011): the full-text index
``offers_fts`` (FTS5) and the bounding boxes ``offers_rtree`` (R*Tree), kept in step with
``offers`` and ``offer_translations`` by triggers, so every writer keeps them true.

One row per offer (rowid = offer id) holds the German columns, the category (for search
topics) and the title and description of each translation (``title_en``, ...), so a search
in a language looks at the German text and that language's translation in one MATCH; each
text as written plus its folded spelling (:func:`search_index.folded`). PostgreSQL's
twins: :mod:`search_postgres` and the GiST index of ``schema_postgres.m002``.
"""

from sqlite_utils import Database

from refugee_map.store.search_index import (
    SEARCHED_COLUMNS,
    TRANSLATED_COLUMNS,
    TRANSLATED_LANGUAGES,
    folded,
    translated_column,
)


def create(db: Database) -> None:
    """Both indexes with their triggers, filled from the offers already stored (m002; the
    full-text index is rebuilt by :func:`create_multilingual`)."""
    columns = ", ".join(SEARCHED_COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE offers_fts USING fts5({columns}, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute(
        "CREATE VIRTUAL TABLE offers_rtree USING rtree(id, min_lng, max_lng, min_lat, max_lat)"
    )
    fts_values = ", ".join(folded(f"new.{column}") for column in SEARCHED_COLUMNS)
    add = f"""
        INSERT INTO offers_fts(rowid, {columns}) VALUES (new.id, {fts_values});
        INSERT INTO offers_rtree
            SELECT new.id, new.lng, new.lng, new.lat, new.lat
            WHERE new.lat IS NOT NULL AND new.lng IS NOT NULL;
    """
    remove = """
        DELETE FROM offers_fts WHERE rowid = old.id;
        DELETE FROM offers_rtree WHERE id = old.id;
    """
    # One statement per execute(): executescript() would commit mid-migration.
    for name, event, body in (
        ("offers_ai", "INSERT", add),
        ("offers_ad", "DELETE", remove),
        ("offers_au", "UPDATE", remove + add),
    ):
        db.execute(f"CREATE TRIGGER {name} AFTER {event} ON offers BEGIN {body} END")
    db.execute(
        f"INSERT INTO offers_fts(rowid, {columns}) SELECT id, "
        + ", ".join(folded(column) for column in SEARCHED_COLUMNS)
        + " FROM offers"
    )
    db.execute(
        "INSERT INTO offers_rtree SELECT id, lng, lng, lat, lat FROM offers "
        "WHERE lat IS NOT NULL AND lng IS NOT NULL"
    )


def _multilingual_columns() -> list[str]:
    translated = [
        translated_column(column, lang)
        for lang in TRANSLATED_LANGUAGES
        for column in TRANSLATED_COLUMNS
    ]
    return [*SEARCHED_COLUMNS, "category", *translated]


def _indexed_values() -> list[str]:
    """SQL: the values of the index row of the offer ``o``, from the tables."""
    values = [folded(f"o.{column}") for column in SEARCHED_COLUMNS] + ["o.category"]
    values += [
        f"(SELECT {folded(f't.{column}')} FROM offer_translations t"
        f" WHERE t.offer_id = o.id AND t.lang = '{lang}')"
        for lang in TRANSLATED_LANGUAGES
        for column in TRANSLATED_COLUMNS
    ]
    return values


def _indexed_row(offer_ids: str) -> str:
    """SQL: the index row of each offer ``offer_ids`` (an SQL list) names, from the tables."""
    return (
        f"INSERT INTO offers_fts(rowid, {', '.join(_multilingual_columns())})"
        f" SELECT o.id, {', '.join(_indexed_values())} FROM offers o WHERE o.id IN ({offer_ids})"
    )


ROWS_VIEW = "offers_fts_rows"  # the index row of every offer (m011)


def _row_from_view(offer_ids: str) -> str:
    """SQL: what :func:`_indexed_row` does, through :data:`ROWS_VIEW`."""
    return (
        f"INSERT INTO offers_fts(rowid, {', '.join(_multilingual_columns())})"
        f" SELECT * FROM {ROWS_VIEW} WHERE id IN ({offer_ids})"
    )


def create_multilingual(db: Database) -> None:
    """The full-text index rebuilt with the translations and the category (m010): the
    triggers of :func:`create` replaced, the translations' own added, every offer indexed."""
    for name in ("offers_ai", "offers_ad", "offers_au"):
        db.execute(f"DROP TRIGGER {name}")
    db.execute("DROP TABLE offers_fts")
    db.execute(
        f"CREATE VIRTUAL TABLE offers_fts USING fts5({', '.join(_multilingual_columns())}, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    _create_triggers(db, _indexed_row)
    db.execute(_indexed_row("SELECT id FROM offers"))


def index_through_view(db: Database) -> None:
    """The triggers of :func:`create_multilingual` written once as a view (m011): each
    spelled out the index row (23 KB of SQL), and SQLite parses every trigger whenever a
    connection opens - 6 ms of CPU for each request. The index itself stays as it is."""
    for name, _, _, _ in _triggers(_indexed_row):
        db.execute(f"DROP TRIGGER {name}")
    db.execute(
        f"CREATE VIEW {ROWS_VIEW} AS SELECT o.id, {', '.join(_indexed_values())} FROM offers o"
    )
    _create_triggers(db, _row_from_view)


def _triggers(indexed_row) -> tuple:
    """(name, event, table, body) of the full-text and R*Tree triggers; ``indexed_row``
    writes the index rows of the offers an SQL list names."""
    placed = """
        INSERT INTO offers_rtree
            SELECT new.id, new.lng, new.lng, new.lat, new.lat
            WHERE new.lat IS NOT NULL AND new.lng IS NOT NULL;
    """
    removed = """
        DELETE FROM offers_fts WHERE rowid = old.id;
        DELETE FROM offers_rtree WHERE id = old.id;
    """
    add = f"{indexed_row('new.id')}; {placed}"

    def translated(ids: str) -> str:
        return f"DELETE FROM offers_fts WHERE rowid IN ({ids}); {indexed_row(ids)};"

    return (
        ("offers_ai", "INSERT", "offers", add),
        ("offers_ad", "DELETE", "offers", removed),
        ("offers_au", "UPDATE", "offers", removed + add),
        ("offer_translations_ai", "INSERT", "offer_translations", translated("new.offer_id")),
        ("offer_translations_ad", "DELETE", "offer_translations", translated("old.offer_id")),
        ("offer_translations_au", "UPDATE", "offer_translations",
         translated("old.offer_id, new.offer_id")),
    )  # fmt: skip


def _create_triggers(db: Database, indexed_row) -> None:
    # One statement per execute(): executescript() would commit mid-migration.
    for name, event, table, body in _triggers(indexed_row):
        db.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {body} END")

"""The offers' search (FTS5) and bounding-box (R*Tree) indexes, kept in step with ``offers``
by triggers, and how offer text goes into the full-text index: the searched columns, each
with its umlaut-free spelling."""

import re

from sqlite_utils import Database

MAX_SEARCH_WORDS = 20

SEARCHED_COLUMNS = ("title", "description", "organization", "street")
_SPELLINGS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"))
_SPELLINGS += (("ß", "ss"), ("ẞ", "SS"))


def folded(expression: str) -> str:
    """SQL for the text plus its umlaut-free spelling, so "moebel" finds "Möbel".

    The FTS tokenizer already drops diacritics ("Mobel" finds "Möbel"); this adds the
    German transcription and ß -> ss.
    """
    value = f"coalesce({expression}, '')"
    spelled = value
    for letter, spelling in _SPELLINGS:
        spelled = f"replace({spelled}, '{letter}', '{spelling}')"
    return f"{value} || ' ' || {spelled}"


def create(db: Database) -> None:
    """Both indexes with their triggers, filled from the offers already stored."""
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


def expression(text: str) -> str:
    """An FTS5 query that finds every word of ``text`` as a word start, safely quoted."""
    words = re.findall(r"\w+", text)[:MAX_SEARCH_WORDS]
    return " ".join(f'"{word}"*' for word in words)

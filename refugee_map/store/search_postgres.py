"""The offers' full-text index on PostgreSQL: what FTS5 is on SQLite (:mod:`search_index`),
as a table of ``tsvector`` documents kept in step by triggers.

One row per offer in ``offers_search``: ``doc_de`` holds the German text, each ``doc_<lang>``
(:data:`search_index.TRANSLATED_LANGUAGES`) the German text and the translation into that
language, so a search in a language reads one column through its GIN index. Each word
carries a weight saying where it stands (:mod:`search_syntax`): A the German title, B the
German description, C the organisation, the street and the translation, D the category (one
lexeme, the slug).

Words are made exactly as FTS5's ``unicode61 remove_diacritics 2`` and
:func:`folding.words` make them, by SQL generated here from Python's Unicode tables, not by
PostgreSQL's text-search parser (which keeps e-mail addresses, URLs, hyphenated words and
decimals whole) nor by the ``unaccent`` dictionary (which also turns ß into ss and œ into
oe): the text in lower case (ICU, whatever the database's locale), the diacritics of Latin
letters dropped, split at every character that is not a letter, a digit or private use.
Each text is indexed as written plus its folded spellings (:func:`search_index.folded`).
"""

import sys
import unicodedata
from functools import cache

from refugee_map.store import search_index, search_syntax

SEARCH_TABLE = "offers_search"
ROWS_VIEW = "offers_search_rows"  # the index row of every offer, from the tables
LANGUAGES = search_index.TRANSLATED_LANGUAGES
# German title, description, organisation + street, translation, category (search_syntax)
TITLE, DESCRIPTION, OTHER, TRANSLATION, CATEGORY = "A", "B", "C", "C", "D"


def create(db) -> None:
    """The functions, the table, its indexes and triggers, every offer indexed (m010)."""
    for statement in (*functions(), *_table(), *_triggers()):
        db.execute(statement)
    db.execute(f"INSERT INTO {SEARCH_TABLE} SELECT * FROM {ROWS_VIEW}")


def functions() -> list[str]:
    """``refugee_words(text)``: the words of a text as the index sees them (see the module
    doc); ``refugee_document(text, weight)``: its words as a tsvector of that weight, the
    text indexed as written and in its folded spellings."""
    latin, marks, word = (_character_class(test) for test in (_is_latin, _is_mark, _is_word))
    return [
        "CREATE FUNCTION refugee_words(t text) RETURNS text[] LANGUAGE sql IMMUTABLE"
        " PARALLEL SAFE STRICT AS $$ SELECT array_remove(regexp_split_to_array(normalize("
        ' regexp_replace(normalize(lower(normalize(t, NFC) COLLATE "und-x-icu")'
        f" COLLATE \"C\", NFD), '([{latin}])[{marks}]+', '\\1', 'g'), NFC), '[^{word}]+'), '')"
        " $$",
        # a lexeme as tsvector's input writes it: quoted (chr 39), backslashes (chr 92) and
        # quotes escaped, with its position and weight
        "CREATE FUNCTION refugee_lexeme(word text, place bigint, weight text) RETURNS text"
        " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT chr(39) || replace(replace(word,"
        " chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39) || ':'"
        " || least(place, 16383) || weight $$",
        # PL/pgSQL, not SQL: planned once per connection, never inlined into the view's plan
        "CREATE FUNCTION refugee_document(t text, weight text) RETURNS tsvector"
        " LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$ BEGIN"
        " IF coalesce(t, '') = '' THEN RETURN ''; END IF; RETURN (SELECT"
        " CAST(coalesce(string_agg(refugee_lexeme(word, place, weight), ' '), '') AS tsvector)"
        f" FROM unnest(refugee_words({search_index.folded('t')}))"
        " WITH ORDINALITY AS words(word, place)"
        f" WHERE octet_length(word) <= {search_syntax.LONGEST_WORD}); END $$",
    ]


def _table() -> list[str]:
    documents = ", ".join(f"{search_syntax.document(lang)} tsvector NOT NULL" for lang in LANGUAGES)
    statements = [
        f"CREATE TABLE {SEARCH_TABLE} (offer_id bigint PRIMARY KEY REFERENCES offers(id)"
        f" ON DELETE CASCADE, {search_syntax.document(None)} tsvector NOT NULL, {documents})",
        f"CREATE VIEW {ROWS_VIEW} AS {_rows_sql()}",
    ]
    for lang in (None, *LANGUAGES):
        column = search_syntax.document(lang)
        statements.append(
            f"CREATE INDEX {SEARCH_TABLE}_{column} ON {SEARCH_TABLE} USING gin ({column})"
        )
    return statements


def _rows_sql() -> str:
    """SQL: the index row of every offer (``offer_id`` and the documents)."""
    german = (
        f"refugee_document(o.title, '{TITLE}') || refugee_document(o.description, '{DESCRIPTION}')"
        f" || refugee_document(o.organization || ' ' || o.street, '{OTHER}')"
        f" || CAST(refugee_lexeme(o.category, 1, '{CATEGORY}') AS tsvector)"
    )
    translated = ", ".join(
        f"g.doc || refugee_document(t_{lang}.title || ' ' || t_{lang}.description,"
        f" '{TRANSLATION}') AS {search_syntax.document(lang)}"
        for lang in LANGUAGES
    )
    joins = " ".join(
        f"LEFT JOIN offer_translations t_{lang} ON t_{lang}.offer_id = o.id"
        f" AND t_{lang}.lang = '{lang}'"
        for lang in LANGUAGES
    )
    return (
        f"SELECT o.id AS offer_id, g.doc AS {search_syntax.document(None)}, {translated}"
        # OFFSET 0: made once per offer, not once per column the view names it in
        f" FROM offers o CROSS JOIN LATERAL (SELECT {german} AS doc OFFSET 0) AS g {joins}"
    )


def _triggers() -> list[str]:
    """A changed offer or translation writes the offer's row again; a deleted offer's row
    goes with it (``ON DELETE CASCADE``)."""
    searched = (*search_index.SEARCHED_COLUMNS, "category")
    changed = " OR ".join(f"old.{column} IS DISTINCT FROM new.{column}" for column in searched)
    columns = [search_syntax.document(lang) for lang in (None, *LANGUAGES)]
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
    reindex = (
        f"INSERT INTO {SEARCH_TABLE} SELECT * FROM {ROWS_VIEW} WHERE offer_id = ANY(ids)"
        f" ON CONFLICT (offer_id) DO UPDATE SET {updates}"
    )
    found = {
        "offers": "ids := ARRAY[new.id];",
        "offer_translations": "IF TG_OP <> 'INSERT' THEN ids := ids || old.offer_id; END IF;"
        " IF TG_OP <> 'DELETE' THEN ids := ids || new.offer_id; END IF;",
    }
    statements = [
        f"CREATE FUNCTION {table}_search_row() RETURNS trigger LANGUAGE plpgsql AS $$"
        f" DECLARE ids bigint[] := '{{}}'; BEGIN {offer_ids} {reindex}; RETURN NULL; END $$"
        for table, offer_ids in found.items()
    ]
    statements += [
        "CREATE TRIGGER offers_search_added AFTER INSERT ON offers FOR EACH ROW"
        " EXECUTE FUNCTION offers_search_row()",
        f"CREATE TRIGGER offers_search_changed AFTER UPDATE ON offers FOR EACH ROW"
        f" WHEN ({changed}) EXECUTE FUNCTION offers_search_row()",
        "CREATE TRIGGER offer_translations_search AFTER INSERT OR UPDATE OR DELETE"
        " ON offer_translations FOR EACH ROW EXECUTE FUNCTION offer_translations_search_row()",
    ]
    return statements


@cache
def _character_class(test) -> str:
    """The characters passing ``test``, as the inside of a regular expression's ``[...]``:
    ranges of ``\\uXXXX``/``\\UXXXXXXXX`` escapes, independent of the database's locale."""
    ranges, start = [], None
    for code in range(sys.maxunicode + 2):
        inside = code <= sys.maxunicode and test(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            first, last = _escaped(start), _escaped(code - 1)
            ranges.append(first if start == code - 1 else f"{first}-{last}")
            start = None
    return "".join(ranges)


def _escaped(code: int) -> str:
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def _is_mark(char: str) -> bool:
    return unicodedata.combining(char) > 0


def _is_word(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LN" or category == "Co"

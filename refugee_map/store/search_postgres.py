"""The offers' full-text index on PostgreSQL: what FTS5 is on SQLite (:mod:`search_index`),
as a table of ``tsvector`` documents kept in step by triggers.

One row per offer in ``offers_search``: ``doc`` holds the German text, the category and
the translations (:data:`search_index.TRANSLATED_LANGUAGES`), behind one GIN index; a mark
before each word says where it stands, its weight how it ranks (:mod:`search_syntax`).

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
TITLE, DESCRIPTION = search_syntax.TITLE, search_syntax.DESCRIPTION


def create(db) -> None:
    """The functions, the table, its indexes and triggers, every offer indexed (m010)."""
    for statement in (*functions(), *_table(), *_triggers()):
        db.execute(statement)
    db.execute(f"INSERT INTO {SEARCH_TABLE} SELECT * FROM {ROWS_VIEW}")


def functions() -> list[str]:
    """``refugee_words(text)``: the words of a text as the index sees them (see the module
    doc); ``refugee_document(text, weight, mark)``: its words (after ``mark``) as a tsvector of
    that weight, the text indexed as written and in its folded spellings."""
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
        "CREATE FUNCTION refugee_document(t text, weight text, mark text = '')"
        " RETURNS tsvector"
        " LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$ BEGIN"
        " IF coalesce(t, '') = '' THEN RETURN ''; END IF; RETURN (SELECT CAST(coalesce("
        " string_agg(refugee_lexeme(mark || word, place, weight), ' '), '') AS tsvector)"
        f" FROM unnest(refugee_words({search_index.folded('t')}))"
        " WITH ORDINALITY AS words(word, place)"
        f" WHERE octet_length(word) <= {search_syntax.LONGEST_WORD}); END $$",
        # the documents of many translations as one
        "CREATE AGGREGATE refugee_documents(tsvector)"
        " (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')",
    ]


def _table() -> list[str]:
    return [
        f"CREATE TABLE {SEARCH_TABLE} (offer_id bigint PRIMARY KEY REFERENCES offers(id)"
        " ON DELETE CASCADE, doc tsvector NOT NULL)",
        f"CREATE INDEX {SEARCH_TABLE}_doc ON {SEARCH_TABLE} USING gin (doc)",
        f"CREATE VIEW {ROWS_VIEW} AS {_rows_sql()}",
    ]


def _rows_sql() -> str:
    """SQL: the index row of every offer (``offer_id``, ``doc``)."""
    mark = "'" + search_syntax.translated("' || t.lang || '") + "'"  # ':' || t.lang || ':'
    languages = ", ".join(f"'{lang}'" for lang in LANGUAGES)
    translations = (
        f"SELECT refugee_documents(refugee_document(t.title, '{TITLE}', {mark})"
        f" || refugee_document(t.description, '{DESCRIPTION}', {mark}))"
        f" FROM offer_translations t WHERE t.offer_id = o.id AND t.lang IN ({languages})"
    )
    return (
        f"SELECT o.id AS offer_id, refugee_document(o.title, '{TITLE}')"
        f" || refugee_document(o.description, '{DESCRIPTION}')"
        f" || refugee_document(o.organization || ' ' || o.street,"
        f" '{search_syntax.OTHER_WEIGHT}', '{search_syntax.OTHER}')"
        f" || CAST(refugee_lexeme('{search_syntax.CATEGORY}' || o.category, 1,"
        f" '{search_syntax.CATEGORY_WEIGHT}') AS tsvector)"
        f" || coalesce(({translations}), '') AS doc FROM offers o"
    )


def _triggers() -> list[str]:
    """A changed offer or translation writes the offer's row again; a deleted offer's row
    goes with it (``ON DELETE CASCADE``)."""
    searched = (*search_index.SEARCHED_COLUMNS, "category")
    changed = " OR ".join(f"old.{column} IS DISTINCT FROM new.{column}" for column in searched)
    reindex = (
        f"INSERT INTO {SEARCH_TABLE} SELECT * FROM {ROWS_VIEW} WHERE offer_id = ANY(ids)"
        " ON CONFLICT (offer_id) DO UPDATE SET doc = excluded.doc"
    )
    changed_offers = {
        "offers": "ids := ARRAY[new.id];",
        "offer_translations": "IF TG_OP <> 'INSERT' THEN ids := ids || old.offer_id; END IF;"
        " IF TG_OP <> 'DELETE' THEN ids := ids || new.offer_id; END IF;",
    }
    statements = [
        f"CREATE FUNCTION {table}_search_row() RETURNS trigger LANGUAGE plpgsql AS $$"
        f" DECLARE ids bigint[] := '{{}}'; BEGIN {offer_ids} {reindex}; RETURN NULL; END $$"
        for table, offer_ids in changed_offers.items()
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

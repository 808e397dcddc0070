"""The offers' search (FTS5) and bounding-box (R*Tree) indexes, kept in step with ``offers``
and ``offer_translations`` by triggers, and how offer text goes into the full-text index:
each searched text as written plus its folded spelling (:mod:`folding`).

One row per offer (rowid = offer id) holds the German columns, the category (for search
topics) and the title and description of each translation (``title_en``, ...), so a search
in a language looks at the German text and that language's translation in one MATCH.
"""

from dataclasses import replace

from sqlite_utils import Database

from refugee_map.store import dialect, folding
from refugee_map.store.dialect import Dialect

SEARCHED_COLUMNS = ("title", "description", "organization", "street")
# The UI languages offers are translated into (web.i18n.LANGUAGES without German).
TRANSLATED_LANGUAGES = ("en", "ar", "fa", "fr", "ku", "ru", "ti", "tr", "uk")
TRANSLATED_COLUMNS = ("title", "description")


def folded(expression: str) -> str:
    """SQL for the text as written plus its folded spelling in each script where that
    differs, so "moebel" finds "Möbel" (the tokenizer drops the diacritics of the text as
    written: "mobel" finds it too). One ``replace()`` per letter: SQLite's parser allows
    about 30 nested calls, so each script is folded on its own."""
    value = f"coalesce({expression}, '')"
    spellings = []
    for letters in folding.SCRIPTS.values():
        spelled = value
        for letter, spelling in letters.items():
            spelled = f"replace({spelled}, '{letter}', '{spelling}')"
        spellings.append(f"coalesce(' ' || nullif({spelled}, {value}), '')")
    return " || ".join([value, *spellings])


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


def translated_column(column: str, lang: str) -> str:
    return f"{column}_{lang}"


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


MAX_SEARCH_WORDS = 20
RANKED_MATCHES = 1_000  # see best_match_order


def text_expression(text: str, lang: str | None, spelled: Dialect) -> str:
    """A search (in the engine's syntax, :mod:`search_syntax`) that finds every word of
    ``text`` (folded) as a word start in the German text or its translation into ``lang``;
    empty when ``text`` has no words."""
    syntax = spelled.search
    return syntax.all_of([_word_match(word, lang, syntax) for word in _words(text)])


def _words(text: str) -> list[str]:
    return folding.words(text)[:MAX_SEARCH_WORDS]


def _word_match(word: str, lang: str | None, syntax) -> str:
    columns, translation = list(SEARCHED_COLUMNS), None
    if lang in TRANSLATED_LANGUAGES:
        columns += [translated_column(column, lang) for column in TRANSLATED_COLUMNS]
        translation = lang
    return syntax.word(word, columns, translation)


def query_match(query, spelled: Dialect) -> str:
    """The search of an ``offers.OfferQuery``'s text, as the engine ``spelled`` writes it:
    every word of ``q`` starts a word of the text (:func:`text_expression`) - or, for a word
    that names search topics, the offer is of one of their categories (``q_categories``, per
    word) or has a German word starting with one of their terms (``q_terms``) in its title
    or description. With ``q_topics_only``: those offers but not the text's. Empty when not
    searching."""
    syntax, q = spelled.search, query.q or ""
    words, text = _words(q), text_expression(q, query.q_lang, spelled)
    if not text or not (query.q_categories or query.q_terms):
        return text
    each = []
    for word, categories, terms in zip(words, query.q_categories, query.q_terms, strict=True):
        alternatives = [_word_match(word, query.q_lang, syntax)]
        if terms:
            alternatives.append(syntax.terms([folding.words(term)[0] for term in terms]))
        if categories:
            alternatives.append(syntax.categories(categories))
        each.append(syntax.any_of(alternatives))
    every = syntax.all_of(each)
    return syntax.without(every, text) if query.q_topics_only else every


def match_join(query, spelled: Dialect) -> tuple[str, list]:
    """The join keeping the offers the text search of ``query`` finds and its parameter;
    nothing when not searching."""
    match = query_match(query, spelled)
    if not match:
        return "", []
    return spelled.search.join, [match]


def best_match_order(query, spelled: Dialect, matches: int = 0) -> str:
    """The public order: when searching, best match first if the index finds at most
    :data:`RANKED_MATCHES` (``matches``: :func:`search_matches`), else newest first (FTS5
    ranks every match before a page can be cut, ~3 µs each; its own order stops at the
    page); else by title. Each order is unique, so pages never overlap. Text matches come
    before topic matches by listing the :func:`search_phases` one after the other."""
    if not query_match(query, spelled):
        return f"{spelled.nocase.format('offers.title')}, offers.id"
    if matches > RANKED_MATCHES:
        return spelled.search.newest
    return spelled.search.ranked


def search_matches(db: Database, query) -> int:
    """How many offers (any status) the text search of ``query`` finds, from the index alone
    (0.4 ms for 7,000), to choose :func:`best_match_order`."""
    spelled = dialect.of(db)
    match = query_match(query, spelled)
    return db.execute(spelled.search.count, [match]).fetchone()[0] if match else 0


def search_phases(query) -> tuple:
    """``query`` as the parts a list shows one after the other: the text matches, then the
    offers only its search topics find; just ``query`` when it names no topic."""
    if query.q_topics_only or not (query.q_categories or query.q_terms):
        return (query,)
    return replace(query, q_categories=(), q_terms=()), replace(query, q_topics_only=True)

"""The offers' text search on either engine: what is searched (the German columns, the
category, the translations), how a text goes into a full-text index (as written plus its
folded spelling, :func:`folded`, :mod:`folding`), and a query's search, order and count
(:func:`query_match`, :func:`best_match_order`, :func:`search_matches`), each written once
and spelled by the connection's dialect (``Dialect.search``, :mod:`search_syntax`).

The indexes themselves are each engine's own: FTS5 on SQLite (:mod:`search_fts5`), a table
of ``tsvector`` documents on PostgreSQL (:mod:`search_postgres`).
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
    differs, so "moebel" finds "Möbel" (the index's words drop the diacritics of the text
    as written: "mobel" finds it too), for either engine's index. One ``replace()`` per
    letter: SQLite's parser allows about 30 nested calls, so each script is folded on its
    own."""
    value = f"coalesce({expression}, '')"
    spellings = []
    for letters in folding.SCRIPTS.values():
        spelled = value
        for letter, spelling in letters.items():
            spelled = f"replace({spelled}, '{letter}', '{spelling}')"
        spellings.append(f"coalesce(' ' || nullif({spelled}, {value}), '')")
    return " || ".join([value, *spellings])


def translated_column(column: str, lang: str) -> str:
    """A translation's column in SQLite's index (``title_en``); PostgreSQL's document marks
    the translation's words instead (:func:`search_syntax.translated`)."""
    return f"{column}_{lang}"


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
    :data:`RANKED_MATCHES` (``matches``: :func:`search_matches`), else newest first (the
    index ranks every match before a page can be cut, FTS5 ~3 µs each; newest first stops
    at the page); else by title. Each order is unique, so pages never overlap. Text matches
    come before topic matches by listing the :func:`search_phases` one after the other."""
    if not query_match(query, spelled):
        return f"{spelled.nocase.format('offers.title')}, offers.id"
    if matches > RANKED_MATCHES:
        return spelled.search.newest
    return spelled.search.ranked


def search_matches(db: Database, query) -> int:
    """How many offers (any status) the text search of ``query`` finds, from the index alone
    (FTS5: 0.4 ms for 7,000), to choose :func:`best_match_order`."""
    spelled = dialect.of(db)
    match = query_match(query, spelled)
    return db.execute(spelled.search.count, [match]).fetchone()[0] if match else 0


def search_phases(query) -> tuple:
    """``query`` as the parts a list shows one after the other: the text matches, then the
    offers only its search topics find; just ``query`` when it names no topic."""
    if query.q_topics_only or not (query.q_categories or query.q_terms):
        return (query,)
    return replace(query, q_categories=(), q_terms=()), replace(query, q_topics_only=True)

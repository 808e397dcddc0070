"""How a text search is spelled for each engine's full-text index: FTS5's MATCH language on
SQLite (the index of :mod:`search_index`), a ``tsquery`` on PostgreSQL (the index of
:mod:`search_postgres`). :func:`search_index.query_match` builds a search once from these
pieces; each engine's :class:`dialect.Dialect` names its spelling (``Dialect.search``).

On PostgreSQL one document per offer holds every searched text (see :mod:`search_postgres`);
a word's weight says where it stands: A a title, B a description, C the organisation and
the street, D the category (one lexeme, the slug). The words of the translation into a
language start with :func:`translated` (``:en:``), which no typed word starts with, so a
search finds them only in that language.
"""

TEXT_WEIGHTS = "ABC"  # every searched text
TOPIC_WEIGHTS = "AB"  # the title and description: where topic terms are looked for
TRANSLATION_WEIGHTS = "AB"
CATEGORY_WEIGHT = "D"
# ts_rank_cd's weights of D, C, B, A: title hits first
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# PostgreSQL refuses lexemes of 2 KB and more; no index word is that long (search_postgres)
LONGEST_WORD = 2_000


class Fts5:
    """SQLite's FTS5 query language over the table ``offers_fts`` (one column per text)."""

    newest = "offers_fts.rowid DESC"

    def word(self, word: str, columns: list[str], lang: str | None) -> str:
        return f"({{{' '.join(columns)}}} : {_fts5_quoted(word)}*)"

    def terms(self, terms: list[str]) -> str:
        starts = " OR ".join(f"{_fts5_quoted(term)}*" for term in terms)
        return f"({{title description}} : ({starts}))"

    def categories(self, categories: tuple[str, ...]) -> str:
        return f"(category : ({' OR '.join(map(_fts5_quoted, categories))}))"

    def all_of(self, parts: list[str]) -> str:
        return " AND ".join(parts)

    def any_of(self, parts: list[str]) -> str:
        return f"({' OR '.join(parts)})"

    def without(self, kept: str, dropped: str) -> str:
        return f"({kept}) NOT ({dropped})"

    # "+" keeps the rowid from the full-text index's plan: SQLite then runs the search once
    # and looks offers up by id, never one search per offer (14 s for a count of 20,000
    # matches when the status index led).
    join = "JOIN offers_fts ON +offers_fts.rowid = offers.id AND offers_fts MATCH ?"
    ranked = "offers_fts.rank, offers.id"
    count = "SELECT count(*) FROM offers_fts WHERE offers_fts MATCH ?"


def _fts5_quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class TsQuery:
    """PostgreSQL's ``tsquery`` over the documents of ``offers_search``, cast from its text
    as written (never parsed again): each word a quoted lexeme, a prefix of weights."""

    newest = "offers.id DESC"

    def word(self, word: str, columns: list[str], lang: str | None) -> str:
        german = f"{_lexeme(word)}:*{TEXT_WEIGHTS}"
        if not lang:
            return german
        return f"({german} | {_lexeme(translated(lang) + word)}:*{TRANSLATION_WEIGHTS})"

    def terms(self, terms: list[str]) -> str:
        return f"({' | '.join(f'{_lexeme(term)}:*{TOPIC_WEIGHTS}' for term in terms)})"

    def categories(self, categories: tuple[str, ...]) -> str:
        return f"({' | '.join(f'{_lexeme(slug)}:{CATEGORY_WEIGHT}' for slug in categories)})"

    def all_of(self, parts: list[str]) -> str:
        return " & ".join(parts)

    def any_of(self, parts: list[str]) -> str:
        return f"({' | '.join(parts)})"

    def without(self, kept: str, dropped: str) -> str:
        return f"({kept}) & !({dropped})"

    join = (
        "CROSS JOIN CAST(? AS tsquery) AS search_q JOIN offers_search"
        " ON offers_search.offer_id = offers.id AND offers_search.doc @@ search_q"
    )
    ranked = f"ts_rank_cd('{RANK_WEIGHTS}', offers_search.doc, search_q) DESC, offers.id"
    count = "SELECT count(*) FROM offers_search WHERE doc @@ CAST(? AS tsquery)"


def translated(lang: str) -> str:
    """What starts each word of the translation into ``lang`` in the document."""
    return f":{lang}:"


def _lexeme(word: str) -> str:
    """``word`` as one quoted lexeme of a tsquery: quotes doubled, backslashes escaped, cut
    to :data:`LONGEST_WORD` bytes (a prefix: it still finds what the whole word finds)."""
    cut = word.encode()[:LONGEST_WORD].decode(errors="ignore")
    return "'" + cut.replace("\\", "\\\\").replace("'", "''") + "'"


FTS5 = Fts5()
TSQUERY = TsQuery()

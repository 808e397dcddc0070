"""How a text search is spelled for each engine's full-text index: FTS5's MATCH language on
SQLite (the index of :mod:`search_index`), a ``tsquery`` on PostgreSQL (the index of
:mod:`search_postgres`). :func:`search_index.query_match` builds a search once from these
pieces; each engine's :class:`dialect.Dialect` names its spelling (``Dialect.search``).

On PostgreSQL the words of an offer carry a weight saying where they stand (see
:mod:`search_postgres`): A the German title, B the German description, C the organisation,
the street and the translation's title and description, D the category.
"""

TEXT_WEIGHTS = "ABC"  # every searched text column
TOPIC_WEIGHTS = "AB"  # the German title and description: where topic terms are looked for
CATEGORY_WEIGHT = "D"
# ts_rank_cd's weights of D, C, B, A: title hits first, then description and translation
RANK_WEIGHTS = "{0.1, 0.4, 0.4, 1.0}"
# PostgreSQL refuses lexemes of 2 KB and more; no index word is that long (search_postgres)
LONGEST_WORD = 2_000


class Fts5:
    """SQLite's FTS5 query language over the table ``offers_fts`` (one column per text)."""

    newest = "offers_fts.rowid DESC"

    def word(self, word: str, columns: list[str]) -> str:
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

    def join(self, lang: str | None) -> str:
        # "+" keeps the rowid from the full-text index's plan: SQLite then runs the search
        # once and looks offers up by id, never one search per offer (14 s for a count of
        # 20,000 matches when the status index led).
        return "JOIN offers_fts ON +offers_fts.rowid = offers.id AND offers_fts MATCH ?"

    def ranked(self, lang: str | None) -> str:
        return "offers_fts.rank, offers.id"

    def count(self, lang: str | None) -> str:
        return "SELECT count(*) FROM offers_fts WHERE offers_fts MATCH ?"


def _fts5_quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class TsQuery:
    """PostgreSQL's ``tsquery`` over ``offers_search``: one document column per language
    (:func:`document`), the query cast from its text as written, never parsed again."""

    newest = "offers.id DESC"

    def word(self, word: str, columns: list[str]) -> str:
        return f"{_lexeme(word)}:*{TEXT_WEIGHTS}"

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

    def join(self, lang: str | None) -> str:
        return (
            "CROSS JOIN CAST(? AS tsquery) AS search_q JOIN offers_search"
            f" ON offers_search.offer_id = offers.id AND offers_search.{document(lang)} @@ search_q"
        )

    def ranked(self, lang: str | None) -> str:
        rank = f"ts_rank_cd('{RANK_WEIGHTS}', offers_search.{document(lang)}, search_q)"
        return f"{rank} DESC, offers.id"

    def count(self, lang: str | None) -> str:
        return f"SELECT count(*) FROM offers_search WHERE {document(lang)} @@ CAST(? AS tsquery)"


def document(lang: str | None) -> str:
    """The column of ``offers_search`` holding the German text and its translation into
    ``lang`` (``None``: German only)."""
    return f"doc_{lang or 'de'}"


def _lexeme(word: str) -> str:
    """``word`` as one quoted lexeme of a tsquery: quotes doubled, backslashes escaped, cut
    to :data:`LONGEST_WORD` bytes (a prefix: it still finds what the whole word finds)."""
    cut = word.encode()[:LONGEST_WORD].decode(errors="ignore")
    return "'" + cut.replace("\\", "\\\\").replace("'", "''") + "'"


FTS5 = Fts5()
TSQUERY = TsQuery()

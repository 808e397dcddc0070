"""How a text search is spelled for each engine's full-text index: FTS5's MATCH language on
SQLite (the index of :mod:`search_index`), a ``tsquery`` on PostgreSQL (the index of
:mod:`search_postgres`). :func:`search_index.query_match` builds a search once from these
pieces; each engine's :class:`dialect.Dialect` names its spelling (``Dialect.search``).

On PostgreSQL one document per offer holds every searched text (see :mod:`search_postgres`).
Where a word stands is told by a mark it starts with, never a character of a typed word: no
mark for the German title and description, :data:`OTHER` for the organisation and the
street, :func:`translated` (``:en:``) for the translation into a language, :data:`CATEGORY`
for the category (one lexeme, the slug). A search asks for marks, not for weights: GIN then
answers without reading each document again (weights are not in the index). The weights
rank: A a title, B a description, C the organisation and the street, D the category.
"""

OTHER = "~"
CATEGORY = "#"
TITLE, DESCRIPTION, OTHER_WEIGHT, CATEGORY_WEIGHT = "A", "B", "C", "D"
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
    as written (never parsed again): each word a quoted lexeme after its mark."""

    newest = "offers.id DESC"

    def word(self, word: str, columns: list[str], lang: str | None) -> str:
        marks = ["", OTHER, *([translated(lang)] if lang else [])]
        return self.any_of([f"{_lexeme(mark + word)}:*" for mark in marks])

    def terms(self, terms: list[str]) -> str:
        return self.any_of([f"{_lexeme(term)}:*" for term in terms])

    def categories(self, categories: tuple[str, ...]) -> str:
        return self.any_of([_lexeme(CATEGORY + slug) for slug in categories])

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

"""What the store's SQL spells differently on SQLite and on PostgreSQL, in one place.

Every query is written once; where the engines differ it takes its piece from the
:class:`Dialect` of its connection (:func:`of`) instead of a second copy of the query.
"""

from dataclasses import dataclass
from string import ascii_lowercase, ascii_uppercase

from refugee_map.store import search_syntax


@dataclass(frozen=True)
class Dialect:
    name: str
    greater: str  # the larger of two values (a scalar, not the aggregate)
    lesser: str
    differs: str  # "a differs from b", NULL counting as a value
    true: str
    ids_of: str  # a subquery: the integers of one JSON-list parameter
    no_index: str  # a prefix keeping a column's index out of the plan
    bbox_candidates: str  # the offer lies near the box of 4 parameters: west, south, east, north
    nocase: str  # ``{}``: a column ordered and compared without ASCII case
    bytewise: str  # ``{}``: a column ordered by its bytes (SQLite's BINARY), whatever the locale
    real: str  # a 64-bit float column
    integer: str  # a 64-bit integer column
    without_rowid: str  # after a CREATE TABLE whose primary key is its only index
    blob: str  # a column of bytes
    table_info: str  # rows like SQLite's PRAGMA table_info of the table named by a parameter
    search: search_syntax.Fts5 | search_syntax.TsQuery  # the full-text index's query language
    random_hex: str  # 16 random hexadecimal digits, new for each row (a data version)
    # after rows were inserted with ids of their own into ``{table}``: new rows' ids follow
    # the largest, as SQLite's rowids do (PostgreSQL's identity would count on by itself)
    ids_follow_the_largest: str

    def indexed_by(self, index: str) -> str:
        """SQLite's hint to walk ``index``; PostgreSQL's planner chooses for itself."""
        return f"INDEXED BY {index}" if self is SQLITE else ""

    def json_items(self, doc: str, key: str = "") -> str:
        """A table (column ``value``) of the items of the JSON list ``doc``, or of the list
        under ``key`` (an SQL expression) of the JSON object ``doc``: strings as text,
        lists as JSON text; no rows where there is no list."""
        if self is SQLITE:
            return f"json_each({doc}, '$.' || {key})" if key else f"json_each({doc})"
        member = f" -> {key}" if key else ""
        return f"json_array_elements_text(CAST({doc} AS json){member})"

    def json_text(self, doc: str, step: str | int) -> str:
        """The string under ``step`` (a key, or an index of a list) of the JSON ``doc``;
        NULL where there is none."""
        if self is SQLITE:
            path = f"$[{step}]" if isinstance(step, int) else f"$.{step}"
            return f"json_extract({doc}, '{path}')"
        return f"(CAST({doc} AS json) ->> {step if isinstance(step, int) else repr(step)})"

    @property
    def texts_of(self) -> str:
        """A subquery: the strings of one JSON-list parameter (``ids_of`` for text)."""
        return f"SELECT value FROM {self.json_items('?')}"


SQLITE = Dialect(
    name="sqlite",
    greater="max",
    lesser="min",
    differs="IS NOT",
    true="1",
    ids_of="SELECT value FROM json_each(?)",
    no_index="+",
    # the R*Tree's 32-bit floats make it a superset; callers compare the stored values too
    bbox_candidates=(
        "offers.id IN (SELECT id FROM offers_rtree WHERE max_lng >= ? AND max_lat >= ?"
        " AND min_lng <= ? AND min_lat <= ?)"
    ),
    nocase="{} COLLATE NOCASE",
    bytewise="{}",
    real="REAL",
    integer="INTEGER",
    without_rowid="WITHOUT ROWID",
    blob="BLOB",
    table_info='SELECT cid, name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)',
    search=search_syntax.FTS5,
    random_hex="lower(hex(randomblob(8)))",
    ids_follow_the_largest="",
)
POSTGRES = Dialect(
    name="postgresql",
    greater="greatest",
    lesser="least",
    differs="IS DISTINCT FROM",
    true="true",
    ids_of="SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(? AS json))",
    no_index="",
    # the GiST index of schema_postgres
    bbox_candidates=(
        "ST_SetSRID(ST_MakePoint(offers.lng, offers.lat), 4326)"
        " && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
    ),
    # SQLite's NOCASE exactly: ASCII letters folded, then byte order
    nocase=f"translate({{}}, '{ascii_uppercase}', '{ascii_lowercase}') COLLATE \"C\"",
    bytewise='{} COLLATE "C"',
    real="double precision",
    integer="bigint",
    without_rowid="",
    blob="bytea",
    # types and defaults spelled as SQLite spells them: INTEGER, REAL, TEXT; '{}', 0
    table_info=(
        "SELECT a.attnum - 1 AS cid, a.attname AS name, CASE format_type(a.atttypid, NULL)"
        " WHEN 'bigint' THEN 'INTEGER' WHEN 'integer' THEN 'INTEGER' WHEN 'text' THEN 'TEXT'"
        " WHEN 'double precision' THEN 'REAL' ELSE upper(format_type(a.atttypid, NULL)) END"
        ' AS type, CAST(a.attnotnull AS integer) AS "notnull",'
        " split_part(pg_get_expr(d.adbin, d.adrelid), '::', 1) AS dflt_value,"
        # indkey's subscripts start at 0, SQLite's pk at 1
        " coalesce(array_position(CAST(i.indkey AS int2[]), a.attnum) + 1, 0) AS pk"
        " FROM pg_attribute a"
        " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        " LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary"
        " WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped"
        " ORDER BY a.attnum"
    ),
    search=search_syntax.TSQUERY,
    random_hex="substr(md5(random()::text || clock_timestamp()::text), 1, 16)",
    ids_follow_the_largest=(
        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
    ),
)


URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(name: object) -> bool:
    """Does the setting ``DB`` name a PostgreSQL database (else an SQLite file)?"""
    return str(name).startswith(URL_SCHEMES)


def of(db) -> Dialect:
    """The dialect of a store connection: a PostgreSQL one says so (``postgres.Database``),
    sqlite-utils' does not."""
    return getattr(db, "dialect", SQLITE)


def trigger(spelled: Dialect, name: str, event: str, table: str, body: str, when: str = "") -> list:
    """The statements creating a row trigger that runs ``body`` (statements ending in ";",
    ``new``/``old`` the row) after ``event`` on ``table``, if ``when`` holds: SQLite's
    trigger, or PostgreSQL's trigger function and trigger of that name."""
    if spelled is SQLITE:
        condition = f"WHEN {when}" if when else ""
        return [f"CREATE TRIGGER {name} AFTER {event} ON {table} {condition} BEGIN {body} END"]
    condition = f"WHEN ({when})" if when else ""
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
        f" AS $$ BEGIN {body} RETURN NULL; END $$",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {condition}"
        f" EXECUTE FUNCTION {name}()",
    ]


def statement_trigger(name: str, event: str, table: str, body: str, referencing: str) -> list:
    """PostgreSQL's trigger function and trigger running ``body`` once per statement, after
    ``event`` on ``table``, with the rows it changed as the transition tables that
    ``referencing`` names (``NEW TABLE AS added``)."""
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
        f" AS $$ BEGIN {body} RETURN NULL; END $$",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {referencing}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def drop_trigger(spelled: Dialect, name: str, table: str) -> list:
    """The statements dropping the trigger ``name`` on ``table`` (on PostgreSQL with its
    function of the same name, as :func:`trigger` and :func:`statement_trigger` make them)."""
    if spelled is SQLITE:
        return [f"DROP TRIGGER {name}"]
    return [f"DROP TRIGGER {name} ON {table}", f"DROP FUNCTION {name}()"]

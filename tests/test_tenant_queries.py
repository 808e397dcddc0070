"""Every query of the store on a region's rows names the region: each function in
refugee_map/store/ whose SQL reads or writes a tenant table (the offers and what hangs on
them, the submissions) either names ``region_id`` in its SQL, builds its WHERE with
``offer_filters.filter_sql`` (which names ``offers.region_id`` for ``OfferQuery.region``),
or is listed below with its reason. So a new list query that forgets the region fails
here before any region's back office shows another's rows.

Read from the source with ``ast``, nothing is imported (like tests/test_layers.py).
"""

import ast
import re
from pathlib import Path

from refugee_map.config import PROJECT_DIR

STORE = PROJECT_DIR / "refugee_map" / "store"
TENANT_TABLES = ("offers", "offer_translations", "offer_history", "offer_views",
                 "submissions", "confirmation_requests", "spent_confirmation_links")  # fmt: skip
_TABLES = "|".join(TENANT_TABLES)
TOUCHES_TENANT = re.compile(rf"\b(FROM|JOIN|INTO|UPDATE)\s+({_TABLES})\b")
DDL = re.compile(r"\b(CREATE|DROP|ALTER)\s")
SCOPED_BY_FILTERS = "filter_sql"
# store functions that run SQL on offers for their caller: calling one touches the offers
OFFER_READERS = ("select_sql", "count_matching")

# Modules whose SQL is about every row by design, each with its reason.
WHOLE_MODULES = {
    "schema": "migrations: the tables themselves, and rows moved once by an upgrade",
    "schema_postgres": "migrations: the tables themselves, and rows moved once by an upgrade",
    "shared_tables": "migrations' DDL written once for both engines",
    "copying": "copy-db moves a whole database, every region's rows",
    "search_index": "keeps the full-text and spatial indexes of every offer; its searches "
    "are joined to filter_sql's WHERE",
    "search_fts5": "SQLite's full-text and spatial indexes of every offer",
    "search_postgres": "keeps PostgreSQL's full-text index of every offer",
    "search_syntax": "the full-text join that filter_sql adds to its WHERE",
    "map_grid": "keeps the map's stored counts of every offer in step",
}
BY_ID = (
    "by the id of an offer the caller holds: gate.visible_offer or web.in_region checked"
    " its region (or the caller just created it)"
)
# Functions (module.function) that touch a tenant table without naming the region.
ALLOWED = {
    "offers.select_sql": "a SELECT without WHERE; its callers add one",
    "offers.create_offers": "the new offers carry their region; history rows by their ids",
    "offers.update_offer": BY_ID,
    "offers._record": BY_ID,
    "offers.count_offers": "the demo set loads into a database without any offer",
    "bulk.insert_offers": "inserts the rows create_offers built, region_id among them",
    "offer_filters.count_matching": "runs the WHERE that filter_sql built",
    "offer_lists._in_order": "offers by the ids of a list read through filter_sql",
    "offer_history.history": BY_ID,
    "translations.translations": BY_ID,
    "translations.set_translation": BY_ID,
    "translations.confirm_translation": BY_ID,
    "translations.delete_translation": BY_ID,
    "translations._record_translation": BY_ID,
    "translations.untranslated": "a condition inside offer_page's WHERE from filter_sql",
    "translations.translation_status": "by the ids of a list read through filter_sql",
    "submissions.decide": "by the id of a submission the caller read from its region",
    "views.count_view": "the public offer page's view, of an offer web.in_region let through",
    "confirmations.record_requests": "requests for offers of the freshness page's region",
    "confirmations.mark_delivered": "by the ids record_requests returned",
    "confirmations.link_spent": "by the digest of a provider's link (a secret token)",
    "confirmations.spend_link": "by the digest of a provider's link (a secret token)",
    "map_view._slim": "runs the WHERE its callers built (filter_sql, or a view's ids)",
}


def sql_texts(node: ast.AST) -> list[str]:
    """The strings in ``node`` that are not docstrings, an f-string's parts as ``{}``."""
    docstrings = {
        id(body[0].value)
        for body in (getattr(n, "body", None) for n in ast.walk(node))
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr)
    }
    texts = []
    for part in ast.walk(node):
        if isinstance(part, ast.JoinedStr):
            texts.append("".join(v.value if isinstance(v, ast.Constant) else "{}"
                                 for v in part.values))  # fmt: skip
        elif isinstance(part, ast.Constant) and isinstance(part.value, str):
            texts += [] if id(part) in docstrings else [part.value]
    return texts


def called(function: ast.AST) -> set[str]:
    """The names the function calls (``offer_filters.filter_sql(...)``: ``filter_sql``)."""
    return {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
    }


def touches_tenant(function: ast.AST) -> bool:
    """Does the function's SQL read or write a tenant table (DDL aside), open one as a
    sqlite-utils table (``db["offers"]``) or run one of :data:`OFFER_READERS`?"""
    if any(TOUCHES_TENANT.search(text) and not DDL.search(text) for text in sql_texts(function)):
        return True
    if called(function) & set(OFFER_READERS):
        return True
    return any(
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and node.slice.value in TENANT_TABLES
        for node in ast.walk(function)
    )


def names_region(function: ast.AST) -> bool:
    if any("region_id" in text for text in sql_texts(function)):
        return True
    return SCOPED_BY_FILTERS in called(function)


def functions(tree: ast.Module) -> dict[str, ast.AST]:
    """The module's functions and methods by name (a method as ``Class.method``)."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            found |= {f"{node.name}.{item.name}": item for item in node.body
                      if isinstance(item, ast.FunctionDef)}  # fmt: skip
    return found


def unscoped(module: str, source: str) -> list[str]:
    """The functions of ``module`` (its source) that touch a tenant table without naming
    the region and without a reason in :data:`ALLOWED`."""
    return [
        f"{module}.{name}"
        for name, function in functions(ast.parse(source)).items()
        if touches_tenant(function)
        and not names_region(function)
        and f"{module}.{name}" not in ALLOWED
    ]


def store_modules() -> dict[str, Path]:
    return {path.stem: path for path in sorted(STORE.glob("*.py"))}


def test_every_tenant_query_in_the_store_names_the_region():
    found = [
        name
        for module, path in store_modules().items()
        if module not in WHOLE_MODULES
        for name in unscoped(module, path.read_text(encoding="utf-8"))
    ]
    assert found == [], "name region_id (or use filter_sql), or give ALLOWED a reason"


def test_every_allowed_function_exists_and_touches_a_tenant_table():
    """An entry outlives its function, or its reason, no longer: the list stays short."""
    modules = store_modules()
    for entry in ALLOWED:
        module, name = entry.split(".", 1)
        function = functions(ast.parse(modules[module].read_text(encoding="utf-8"))).get(name)
        assert function is not None, entry
        assert touches_tenant(function), entry
    assert set(WHOLE_MODULES) <= set(modules)


UNSCOPED_LIST = '''
def open_reports(db):
    """Every open report."""
    return list(db.query("SELECT * FROM submissions WHERE kind = 'report'"))


def open_reports_of(db, region):
    return list(db.query(
        "SELECT * FROM submissions WHERE region_id = ? AND kind = 'report'", [region]
    ))


def archive(db, offer_id):
    db["offers"].update(offer_id, {"status": "archived"})


def by_title(db):
    return db.query(select_sql(None) + " ORDER BY title", [None])


def regions(db):
    return list(db.query("SELECT * FROM regions"))
'''


def test_an_unscoped_list_query_or_write_is_found():
    assert unscoped("reports", UNSCOPED_LIST) == [
        "reports.open_reports",
        "reports.archive",
        "reports.by_title",
    ]

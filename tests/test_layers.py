"""The layers hold: imports run downward only (web -> exchange/geo -> domain -> store), no
circle of imports, no Flask below web/, and SQL on our database only in store/.

Read from the source with ``ast``, nothing is imported; every allowed exception is named
below with its reason.
"""

import ast
from pathlib import Path

import pytest

from refugee_map.config import PROJECT_DIR

PACKAGE = PROJECT_DIR / "refugee_map"
# Lower numbers are lower layers; a module may import its own layer and those below.
# ``vendored`` names the third-party files under static/vendor and imports nothing.
LAYERS = {"vendored": 0, "store": 0, "domain": 1, "geo": 2, "exchange": 2, "web": 3}
TOP = 4  # the package itself (the app factory), cli and config wire everything together
FLASK_PACKAGES = ("flask", "flask_babel", "flask_login", "flask_wtf")
FLASK_MODULES = ("werkzeug.local",)
FLASK_NAMES = ("url_for",)
SQL_METHODS = ("execute", "executemany", "executescript", "query")
# Modules that may run SQL outside store/, each with its reason.
SQL_ALLOWED = {
    "refugee_map.exchange.geopackage": "reads the uploaded GeoPackage file, not our database",
}
# Modules below web/ that still need Flask, each with its reason: the next work to do.
FLASK_NOT_YET_REMOVED: dict[str, str] = {}

# Circles of imports still to be cut, each with its reason: the next work to do.
CIRCLES_NOT_YET_CUT: dict[tuple[str, ...], str] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], TOP) if len(parts) > 1 else TOP


def imported(tree: ast.AST) -> set[str]:
    """Every module an ``import`` anywhere in ``tree`` names (in functions too): for
    ``from package import name`` the submodule when ``name`` is one, else the package."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return found


def own_imports(tree: ast.AST) -> set[str]:
    return {name for name in imported(tree) if name in MODULES}


def upward_imports(module: str, tree: ast.AST) -> list[str]:
    return sorted(name for name in own_imports(tree) if layer(name) > layer(module))


def flask_uses(tree: ast.AST) -> list[str]:
    """Flask packages imported and Flask names (``url_for``) used in ``tree``."""
    uses = [
        name
        for name in imported(tree)
        if name.split(".")[0] in FLASK_PACKAGES or name.startswith(FLASK_MODULES)
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Name | ast.alias) and _name_of(node) in FLASK_NAMES:
            uses.append(_name_of(node))
        if isinstance(node, ast.Attribute) and node.attr in FLASK_NAMES:
            uses.append(node.attr)
    return sorted(set(uses))


def _name_of(node: ast.Name | ast.alias) -> str:
    return node.id if isinstance(node, ast.Name) else node.name


def sql_uses(tree: ast.AST) -> list[int]:
    """Lines that run SQL on a database: ``x.execute/query(...)`` calls and ``db[...]``."""
    lines = []
    for node in ast.walk(tree):
        is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if is_call and node.func.attr in SQL_METHODS:
            lines.append(node.lineno)
        if isinstance(node, ast.Subscript) and _names_a_database(node.value):
            lines.append(node.lineno)
    return sorted(set(lines))


def _names_a_database(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return _names_a_database(node.func)
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    return name in ("db", "get_db") or name.endswith("_db")


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a circle (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1 or module in graph.get(module, ()):
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def below_web(module: str) -> bool:
    return layer(module) < LAYERS["web"] or module == "refugee_map.config"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_its_own_layer_and_those_below(module):
    assert upward_imports(module, TREES[module]) == []


def test_no_modules_import_each_other_round_a_circle():
    graph = {name: own_imports(tree) for name, tree in TREES.items()}
    # A circle cut: take it out of CIRCLES_NOT_YET_CUT.
    assert [tuple(circle) for circle in cycles(graph)] == list(CIRCLES_NOT_YET_CUT)


@pytest.mark.parametrize("module", sorted(filter(below_web, MODULES)))
def test_nothing_below_web_uses_flask(module):
    uses = flask_uses(TREES[module])
    if module in FLASK_NOT_YET_REMOVED:
        assert uses, f"{module} is free of Flask now: take it out of FLASK_NOT_YET_REMOVED"
    else:
        assert uses == []


@pytest.mark.parametrize("module", sorted(name for name in MODULES if layer(name) > 0))
def test_sql_on_our_database_is_only_in_the_store(module):
    lines = sql_uses(TREES[module])
    if module in SQL_ALLOWED:
        assert lines, f"{module} has no SQL now: take it out of SQL_ALLOWED"
    else:
        assert lines == [], f"SQL in {module}: move it into a store module"


def test_the_store_has_the_sql():
    assert sql_uses(TREES["refugee_map.store.offers"]) != []


# The checks themselves, on small pieces of code: each one finds what it is for.


def test_an_upward_import_is_found():
    tree = ast.parse("from refugee_map.web import forms\nfrom refugee_map import store")
    assert upward_imports("refugee_map.domain.submissions", tree) == ["refugee_map.web.forms"]


def test_an_import_inside_a_function_counts():
    tree = ast.parse("def f():\n    from refugee_map.domain import offers")
    assert upward_imports("refugee_map.store.offers", tree) == ["refugee_map.domain.offers"]


def test_a_circle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize(
    "source",
    [
        "from flask_babel import lazy_gettext as _l",
        "import flask",
        "from werkzeug.local import LocalProxy",
        "link = url_for('public.offer', offer_id=1)",
        "link = flask.url_for('public.offer')",
    ],
)
def test_flask_below_web_is_found(source):
    assert flask_uses(ast.parse(source)) != []


@pytest.mark.parametrize(
    "source",
    [
        "db.execute('DELETE FROM offers')",
        "rows = self.db.query('SELECT 1')",
        "db['users'].update(1, {})",
        "web.get_db()['offers'].count",
        "db.conn.executescript('')",
    ],
)
def test_sql_outside_the_store_is_found(source):
    assert sql_uses(ast.parse(source)) == [1]

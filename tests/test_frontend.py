"""The front end's files: the vendored Leaflet named once, every ES module kept offline."""

import re
from pathlib import Path

from refugee_map import vendored
from refugee_map.config import PROJECT_DIR
from refugee_map.domain import categories

STATIC = PROJECT_DIR / "refugee_map" / "static"
# `import ... from "./x.js";` at the start of a line of an ES module.
IMPORT = re.compile(r"""^import\b[^"']*["'](\.{1,2}/[^"']+)["']""", re.MULTILINE)


def test_the_vendored_leaflet_files_are_named_in_one_place():
    sources = [
        *(PROJECT_DIR / "templates").rglob("*.html"),
        *(PROJECT_DIR / "refugee_map").rglob("*.py"),
    ]
    naming = [p for p in sources if "vendor/leaflet" in p.read_text(encoding="utf-8")]
    assert [p.relative_to(PROJECT_DIR).as_posix() for p in naming] == ["refugee_map/vendored.py"]


def test_every_page_with_a_map_loads_leaflet_through_the_include():
    pages = [
        p for p in (PROJECT_DIR / "templates").rglob("*.html") if "leaflet_js(" in p.read_text()
    ]
    names = {p.relative_to(PROJECT_DIR / "templates").as_posix() for p in pages}
    assert {"map.html", "offer.html", "suggest.html", "admin/offer_form.html"} <= names


def imported_modules(script: Path) -> set[Path]:
    """Every module ``script`` imports, directly or through another module."""
    found: set[Path] = set()
    for name in IMPORT.findall(script.read_text(encoding="utf-8")):
        module = (script.parent / name).resolve()
        found |= {module} | imported_modules(module)
    return found


def test_the_service_worker_keeps_every_module_the_public_pages_import(client):
    worker = client.get("/sw.js").get_data(as_text=True)
    modules = imported_modules(STATIC / "js" / "map.js") | imported_modules(
        STATIC / "js" / "offer.js"
    )
    assert len(modules) > 5
    prefix = f"/static/{client.application.config['STATIC_FINGERPRINT']}"
    for module in modules:
        assert f'"{prefix}/{module.relative_to(STATIC).as_posix()}"' in worker


def map_page(client) -> tuple[str, str]:
    """The map page's HTML and the prefix of its static URLs."""
    page = client.get("/").get_data(as_text=True)
    return page, f"/static/{client.application.config['STATIC_FINGERPRINT']}"


def map_page_head(client) -> tuple[str, str]:
    """The map page's <head> and the prefix of its static URLs."""
    page, prefix = map_page(client)
    return page[: page.index("</head>")], prefix


def test_the_map_page_asks_for_its_files_before_any_script_runs(client):
    """Every file the first view needs is named in the HTML (no import waits for another):
    the stylesheets, Leaflet, one script of map.js with all its modules, the category icons
    of the filter chips. An ES module of its own would be one more request."""
    page, prefix = map_page(client)
    files = re.findall(rf'(?:src|href)="{prefix}/([^"]+)"', page)
    assert sorted(set(files)) == sorted(
        {
            "css/app.css",
            *vendored.stylesheets(cluster=True),
            *vendored.scripts(cluster=True),
            "js/site.js",
            "js/map.bundle.js",
            "icons/app.svg",
            "icons/apple-touch-icon.png",
            *(f"icons/{c.icon}.svg" for c in categories.CATEGORIES),
        }
    )
    assert 'type="module"' in page and "modulepreload" not in page


def test_the_map_bundle_holds_map_js_and_every_module_it_imports(client):
    _page, prefix = map_page(client)
    response = client.get(f"{prefix}/js/map.bundle.js")
    assert response.mimetype == "text/javascript"
    bundled = re.findall(
        r"^const \$module\d+ = \(\(\) => \{ // (\S+)$", response.get_data(as_text=True), re.M
    )
    modules = {STATIC / "js" / "map.js", *imported_modules(STATIC / "js" / "map.js")}
    assert sorted(bundled) == sorted(module.name for module in modules)
    assert bundled[-1] == "map.js"  # it imports the others: it runs last


def test_the_map_page_asks_for_leaflet_before_its_own_script(client):
    """Leaflet's scripts are the largest files: they must not wait behind the small files
    for one of the browser's six connections to the server."""
    page, prefix = map_page(client)
    own = page.index(f'<script src="{prefix}/js/map.bundle.js"')
    for script in vendored.scripts(cluster=True):
        assert page.index(f'<link rel="preload" as="script" href="{prefix}/{script}">') < own


def test_the_map_page_loads_only_the_cluster_styles_it_uses(client):
    """The map page draws its groups itself (count-marker.js): MarkerCluster's look of a
    group would be one more request on a slow link for nothing."""
    head, prefix = map_page_head(client)
    stylesheets = re.findall(rf'<link rel="stylesheet" href="{prefix}/(vendor/[^"]+)">', head)
    assert stylesheets == list(vendored.stylesheets(cluster=True))
    assert "MarkerCluster.Default.css" not in head
    ours = [*(STATIC / "js").rglob("*.js"), STATIC / "css" / "app.css"]
    assert not [path.name for path in ours if "marker-cluster" in path.read_text(encoding="utf-8")]

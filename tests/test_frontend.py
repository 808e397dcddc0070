"""The front end's files: the vendored Leaflet named once, every ES module kept offline."""

import re
from pathlib import Path

from refugee_map.config import PROJECT_DIR

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

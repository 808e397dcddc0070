"""The import page in a real browser: upload the example file, check the preview, confirm;
an old export's conflicts, one ticked and applied. Screenshots go to $REFUGEE_MAP_SHOTS when
set, else to the test's temporary folder."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect
from samples import region_today

from refugee_map.config import PROJECT_DIR
from refugee_map.domain import freshness, offers
from refugee_map.exchange import formats
from refugee_map.store import offers as offer_store

from .conftest import sign_in

pytestmark = pytest.mark.browser

EXAMPLE = PROJECT_DIR / "data" / "example_import.csv"


@pytest.fixture
def editor_email():
    """An account of its own: the offers counted here are this test's only."""
    return "import@example.org"


def test_an_editor_uploads_the_example_file_previews_and_confirms(
    page, editor_db, editor_email, problems
):
    page.goto("/admin/import")
    sign_in(page, editor_email)
    expect(page.get_by_role("heading", name="Angebote importieren")).to_be_visible()

    page.get_by_label("Datei").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.locator("#import-summary")).to_contain_text(
        "3 neue Angebote, 0 geänderte Angebote, 0 unverändert"
    )
    expect(page.locator("table.import-changes tbody tr")).to_have_count(3)
    created = "SELECT count(*) FROM offers WHERE created_by = ?"
    assert editor_db.execute(created, [editor_email]).fetchone()[0] == 0

    page.get_by_role("button", name="Import bestätigen").click()
    expect(page.locator("#import-done")).to_contain_text("example_import.csv")
    expect(page.locator("#geocode-status")).to_contain_text("Fertig: 2 von 2")
    assert editor_db.execute(created, [editor_email]).fetchone()[0] == 3


@pytest.fixture
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("REFUGEE_MAP_SHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def old_export(editor_db, editor_email, tmp_path) -> tuple[Path, list[dict]]:
    """Two offers exported, then one archived and the other confirmed: (the file, offers)."""
    made = [
        offer_store.create_offer(editor_db, offers.clean({
            "category": "counselling", "title": title, "postcode": "44137", "city": "Dortmund",
            "street": f"Kampstraße {n}", "organization": "Konfliktverein", "lat": "51.5142",
            "lng": "7.4652", "district": "Innenstadt-West", "status": "published",
            "verified_at": "2026-01-15", "description": "Beratung in einfacher Sprache, "
            "montags mit Dolmetscherin für Arabisch und Farsi.",
        }), by=editor_email)
        for n, title in enumerate(("Sozialberatung am Wall", "Sprachcafé Nordstadt"), 1)
    ]  # fmt: skip
    path = tmp_path / "angebote-alt.csv"
    path.write_text(formats.write_csv(made), encoding="utf-8")
    freshness.archive(editor_db, made[0]["id"], by=editor_email)
    freshness.confirm(editor_db, made[1]["id"], region_today(), by="provider")
    return path, made


@pytest.mark.parametrize("width", [360, 1366])
def test_an_old_export_shows_its_conflicts_and_only_the_ticked_one_is_applied(
    page, editor_db, editor_email, old_export, shots, problems, width
):
    path, (archived, confirmed) = old_export
    page.set_viewport_size({"width": width, "height": 740 if width == 360 else 850})
    page.goto("/admin/import")
    sign_in(page, editor_email)
    page.get_by_label("Datei").set_input_files(str(path))
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.locator("#import-summary")).to_contain_text("2 Konflikte werden übersprungen")
    conflicts = page.locator("fieldset.import-conflict")
    expect(conflicts).to_have_count(2)
    first = page.locator(f"fieldset.import-conflict[data-offer='{archived['id']}']")
    expect(first.locator("tr[data-field=status] td")).to_have_text(["Veröffentlicht", "Archiviert"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    page.screenshot(path=shots / f"import-conflicts-{width}.png", full_page=True)

    first.get_by_role("checkbox").check()
    page.get_by_role("button", name="Import bestätigen").click()
    expect(page.locator("#import-done")).to_contain_text("1 Konflikt übersprungen")
    stored = [offer_store.get_offer(editor_db, o["id"], public=False) for o in old_export[1]]
    assert stored[0]["status"] == "published"  # ticked: applied as in the file
    assert stored[1]["verified_at"] == region_today().isoformat()  # not ticked: kept

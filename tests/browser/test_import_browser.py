"""The import page in a real browser: upload the example file, check the preview, confirm."""

import pytest
from playwright.sync_api import expect

from refugee_map import auth, store
from refugee_map.config import PROJECT_DIR

pytestmark = pytest.mark.browser

EMAIL, PASSWORD = "import@example.org", "ein langes Testpasswort"
EXAMPLE = PROJECT_DIR / "data" / "example_import.csv"


@pytest.fixture
def importer_db(live_server, tmp_path_factory):
    """The live server's database with an editor; imported offers are removed afterwards,
    so the map tests sharing the server still see only their own offers."""
    path = sorted(tmp_path_factory.getbasetemp().glob("browser[0-9]*/browser.db"))[0]
    db = store.connect(path)
    if auth.find_user(db, EMAIL) is None:
        auth.create_user(db, EMAIL, PASSWORD, "editor", ph=auth.hasher({}))
    yield db
    with db.atomic():
        db.execute(
            "UPDATE offers SET deleted_at = ?, status = 'archived' WHERE created_by = ?",
            [store.now(), EMAIL],
        )
    db.close()


def test_an_editor_uploads_the_example_file_previews_and_confirms(page, importer_db, problems):
    page.goto("/admin/import")
    page.get_by_label("E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Angebote importieren")).to_be_visible()

    page.get_by_label("Datei").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.locator("#import-summary")).to_contain_text("3 neu, 0 geändert, 0 unverändert")
    expect(page.locator("table.import-changes tbody tr")).to_have_count(3)
    created = "SELECT count(*) FROM offers WHERE created_by = ?"
    assert importer_db.execute(created, [EMAIL]).fetchone()[0] == 0

    page.get_by_role("button", name="Import bestätigen").click()
    expect(page.locator("#import-done")).to_contain_text("example_import.csv")
    expect(page.locator("#geocode-status")).to_contain_text("Fertig: 2 von 2")
    assert importer_db.execute(created, [EMAIL]).fetchone()[0] == 3

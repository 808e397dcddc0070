"""The import page in a real browser: upload the example file, check the preview, confirm."""

import pytest
from playwright.sync_api import expect

from refugee_map.config import PROJECT_DIR

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
    expect(page.locator("#import-summary")).to_contain_text("3 neu, 0 geändert, 0 unverändert")
    expect(page.locator("table.import-changes tbody tr")).to_have_count(3)
    created = "SELECT count(*) FROM offers WHERE created_by = ?"
    assert editor_db.execute(created, [editor_email]).fetchone()[0] == 0

    page.get_by_role("button", name="Import bestätigen").click()
    expect(page.locator("#import-done")).to_contain_text("example_import.csv")
    expect(page.locator("#geocode-status")).to_contain_text("Fertig: 2 von 2")
    assert editor_db.execute(created, [editor_email]).fetchone()[0] == 3

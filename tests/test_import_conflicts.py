"""Imports never undo newer work: an export carries each offer's version, an update of an
offer saved since (or one moving its status or last check back) is a conflict, shown with
a field diff and skipped unless ticked; the command line reports and skips conflicts."""

import csv
import io
import json
import re

import pytest
import store_support
from click.testing import CliRunner
from samples import CENTRE_OFFER, region_today

from refugee_map.cli import main
from refugee_map.domain import mail, offers
from refugee_map.exchange import formats, import_geocoding, importer
from refugee_map.geo.districts import load_districts
from refugee_map.store import offers as offer_store

OLD_CHECK = "2026-01-15"


def upload(client, data: bytes, name: str = "offers.csv", query: str = ""):
    form = {"csrf_token": client.token, "file": (io.BytesIO(data), name)}
    return client.post(f"/admin/import{query}", data=form, content_type="multipart/form-data")


def confirm(client, page: str, *ticked: str):
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    form = {"csrf_token": client.token, "token": token, "conflict": list(ticked)}
    return client.post("/admin/import/confirm", data=form)


def conflict_keys(page: str) -> dict[int, str]:
    """Offer id -> the value of its conflict's check box."""
    found = re.findall(r'data-offer="(\d+)">\s*<legend><label><input type="checkbox" '
                       r'name="conflict" value="([^"]+)"', page)  # fmt: skip
    return {int(offer_id): key for offer_id, key in found}


def provider_confirms(client, app, offer: dict) -> None:
    """The provider uses the link of a confirmation mail: "still valid as it is"."""
    token = mail.make_token(app.config["SECRET_KEY"], offer["id"], offer["version"])
    assert client.post(f"/confirm/{token}").status_code == 303


@pytest.fixture
def three(make_offer):
    """Three published offers, last checked in January; exported by title: Kleiderkammer
    (row 2), Sozialberatung (row 3), Sprachcafé (row 4)."""
    return [
        make_offer(title=title, verified_at=OLD_CHECK, email=f"{n}@verein.example",
                   street=f"Kampstraße {n}", district="Innenstadt-West")
        for n, title in enumerate(("Sozialberatung", "Sprachcafé", "Kleiderkammer"), 1)
    ]  # fmt: skip


@pytest.fixture
def exported(client, three) -> str:
    """The published offers as /export.csv gave them, before anything below changed."""
    return client.get("/export.csv").get_data(as_text=True)


def edited(exported: str, offer_id: int, **changes) -> bytes:
    """The exported file with ``changes`` in the row of ``offer_id``."""
    rows = list(csv.DictReader(io.StringIO(exported)))
    for row in rows:
        if row["id"] == str(offer_id):
            row.update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_an_export_carries_each_offers_version_and_last_change(client, three, db):
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv").get_data(as_text=True))))
    stored = {offer["id"]: offer_store.get_offer(db, offer["id"]) for offer in three}
    assert [(int(row["version"]), row["updated_at"]) for row in rows] == [
        (stored[int(row["id"])]["version"], stored[int(row["id"])]["updated_at"]) for row in rows
    ]
    features = client.get("/export.geojson").get_json()["features"]
    assert {f["id"]: f["properties"]["version"] for f in features} == {
        offer_id: offer["version"] for offer_id, offer in stored.items()
    }


def test_importing_an_old_export_reverts_nothing_and_lists_the_two_conflicts(
    app, client, db, editor, three, exported
):
    """The issue's case: archived after a report, confirmed by the provider, then the file
    exported before both is imported again."""
    archived, confirmed, untouched = three
    editor.post(f"/admin/offers/{archived['id']}/status",
                data={"csrf_token": editor.token, "status": "archived"})  # fmt: skip
    provider_confirms(client, app, confirmed)
    before = {offer["id"]: offer_store.get_offer(db, offer["id"], public=False) for offer in three}
    assert before[archived["id"]]["status"] == "archived"
    assert before[confirmed["id"]]["verified_at"] == region_today().isoformat()

    response = upload(editor, exported.encode())
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    keys = conflict_keys(page)
    assert sorted(keys) == [archived["id"], confirmed["id"]]
    assert "2 Konflikte werden übersprungen" in page  # not yet: the person has not confirmed
    section = page.split('id="import-conflicts"', 1)[1]
    assert '<tr data-field="status"><th scope="row">Status</th>' in section
    assert re.search(r"<td dir=\"auto\">Veröffentlicht</td>\s*<td dir=\"auto\">Archiviert</td>",
                     section)  # fmt: skip
    assert f'<td dir="auto">{OLD_CHECK}</td>\n    <td dir="auto">{region_today()}' in section

    assert confirm(editor, page).status_code == 302  # nothing ticked
    after = {offer["id"]: offer_store.get_offer(db, offer["id"], public=False) for offer in three}
    assert after == before  # nothing reverted, nothing written
    assert untouched["version"] == after[untouched["id"]]["version"]


def test_ticking_one_conflict_applies_exactly_that_one(app, client, db, editor, three, exported):
    archived, confirmed, _ = three
    editor.post(f"/admin/offers/{archived['id']}/status",
                data={"csrf_token": editor.token, "status": "archived"})  # fmt: skip
    provider_confirms(client, app, confirmed)
    page = upload(editor, exported.encode()).get_data(as_text=True)
    assert confirm(editor, page, conflict_keys(page)[archived["id"]]).status_code == 302
    assert offer_store.get_offer(db, archived["id"], public=False)["status"] == "published"
    kept = offer_store.get_offer(db, confirmed["id"], public=False)
    assert kept["verified_at"] == region_today().isoformat()


def test_an_update_outside_any_conflict_is_applied_and_shown_field_by_field(
    app, client, db, editor, three, exported
):
    archived, _, changed = three
    editor.post(f"/admin/offers/{archived['id']}/status",
                data={"csrf_token": editor.token, "status": "archived"})  # fmt: skip
    data = edited(exported, changed["id"], description="Jetzt auch samstags.")
    page = upload(editor, data).get_data(as_text=True)
    updates = page.split('id="import-updates"', 1)[1]
    assert f'data-offer="{changed["id"]}"' in updates and "1 Feld" in updates
    assert re.search(r'data-field="description"><th scope="row">Beschreibung</th>\s*'
                     r"<td dir=\"auto\">Jetzt auch samstags.</td>", updates)  # fmt: skip
    confirm(editor, page)
    assert offer_store.get_offer(db, changed["id"])["description"] == "Jetzt auch samstags."
    assert offer_store.get_offer(db, archived["id"], public=False)["status"] == "archived"


def test_a_tick_for_an_offer_saved_again_after_the_preview_applies_nothing(
    app, client, db, editor, three, exported
):
    archived = three[0]
    editor.post(f"/admin/offers/{archived['id']}/status",
                data={"csrf_token": editor.token, "status": "archived"})  # fmt: skip
    page = upload(editor, exported.encode()).get_data(as_text=True)
    offer_store.update_offer(db, archived["id"], {"phone": "0231 111"}, by="colleague")
    response = confirm(editor, page, conflict_keys(page)[archived["id"]])
    assert response.status_code == 409
    again = response.get_data(as_text=True)
    assert "seit der Vorschau geändert" in again
    stored = offer_store.get_offer(db, archived["id"], public=False)
    assert (stored["status"], stored["phone"]) == ("archived", "0231 111")
    assert confirm(editor, again, conflict_keys(again)[archived["id"]]).status_code == 302
    assert offer_store.get_offer(db, archived["id"], public=False)["status"] == "published"


@pytest.mark.parametrize("forged", ["0-1-1", "x", "99-99-99"])
def test_a_forged_tick_is_not_trusted(app, client, db, editor, three, exported, forged):
    archived = three[0]
    editor.post(f"/admin/offers/{archived['id']}/status",
                data={"csrf_token": editor.token, "status": "archived"})  # fmt: skip
    page = upload(editor, exported.encode()).get_data(as_text=True)
    assert confirm(editor, page, forged).status_code == 409
    assert offer_store.get_offer(db, archived["id"], public=False)["status"] == "archived"


def test_a_geojson_export_round_trips_with_its_version(app, client, db, editor, three):
    exported = client.get("/export.geojson").get_data()
    page = upload(editor, exported, "offers.geojson").get_data(as_text=True)
    assert "3 unverändert" in page and 'id="import-conflicts"' not in page
    offer_store.update_offer(db, three[1]["id"], {"phone": "0231 222"}, by="colleague")
    page = upload(editor, exported, "offers.geojson").get_data(as_text=True)
    assert list(conflict_keys(page)) == [three[1]["id"]]
    assert "Version in der Datei 1, jetzt 2" in page
    confirm(editor, page)
    assert offer_store.get_offer(db, three[1]["id"])["phone"] == "0231 222"


def test_an_old_file_without_version_imports_as_before_but_moves_nothing_back(
    app, client, db, editor, three, exported
):
    without = "\n".join(
        line.rsplit(",", 2)[0] for line in exported.splitlines()
    )  # the file as exports were before: no version, no updated_at
    assert without.splitlines()[0].endswith(",location_approximate")
    data = edited(without, three[2]["id"], title="Kleiderkammer (neu)")
    editor.post(f"/admin/offers/{three[0]['id']}/status",
                data={"csrf_token": editor.token, "status": "archived"})  # fmt: skip
    page = upload(editor, data).get_data(as_text=True)
    assert list(conflict_keys(page)) == [three[0]["id"]]  # re-publishing needs a tick
    assert "Die Datei würde den Status zurücksetzen." in page
    assert "1 geändertes Angebot" in page
    confirm(editor, page)
    assert offer_store.get_offer(db, three[2]["id"])["title"] == "Kleiderkammer (neu)"
    assert offer_store.get_offer(db, three[0]["id"], public=False)["status"] == "archived"


def test_an_older_last_check_in_a_file_is_a_conflict(app, client, db, editor, three, exported):
    data = edited(exported, three[1]["id"], verified_at="2025-12-01")
    page = upload(editor, data).get_data(as_text=True)
    assert list(conflict_keys(page)) == [three[1]["id"]]
    assert "„Zuletzt geprüft“ auf ein älteres Datum" in page
    newer = edited(exported, three[1]["id"], verified_at="2026-02-01")
    page = upload(editor, newer).get_data(as_text=True)
    assert conflict_keys(page) == {} and "1 geändertes Angebot" in page


def test_a_row_with_a_bad_version_is_an_error(app, editor, three, exported):
    response = upload(editor, edited(exported, three[0]["id"], version="zwei"))
    assert response.status_code == 422
    assert "Die Version ist eine ganze Zahl ab 1 (zwei)." in response.get_data(as_text=True)


# --- the command line ------------------------------------------------------------------------


def run(app, *args):
    return CliRunner().invoke(main, ["import", *map(str, args)],
                              env={"REFUGEE_MAP_DB": app.config["DB"]})  # fmt: skip


def stored_rows(app) -> list:
    return store_support.rows(app.config["DB"], "SELECT * FROM offers ORDER BY id")


def test_the_command_line_reports_and_skips_conflicts_and_applies_the_rest(
    app, client, db, editor, three, exported, tmp_path
):
    archived, _, changed = three
    editor.post(f"/admin/offers/{archived['id']}/status",
                data={"csrf_token": editor.token, "status": "archived"})  # fmt: skip
    path = tmp_path / "old.csv"
    path.write_bytes(edited(exported, changed["id"], phone="0231 333"))

    dry = run(app, path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    before = stored_rows(app)
    assert f"Zeile 3: Konflikt mit Angebot {archived['id']}, wird übersprungen:" in dry.output
    assert "  status: Datei „published“, jetzt „archived“" in dry.output
    assert f"Zeile 2: Angebot {changed['id']} ändern\n  phone: Datei „0231 333“" in dry.output
    assert "1 geändertes Angebot, 1 unverändert, 1 Konflikt wird übersprungen" in dry.output
    assert "Probelauf: nichts wurde geschrieben." in dry.output

    result = run(app, path)
    assert result.exit_code == 0, result.output
    assert "1 Konflikt übersprungen" in result.output and "old.csv importiert." in result.output
    assert f"Zeile 3: Konflikt mit Angebot {archived['id']}, übersprungen:" in result.output
    assert stored_rows(app) != before
    assert offer_store.get_offer(db, archived["id"], public=False)["status"] == "archived"
    assert offer_store.get_offer(db, changed["id"])["phone"] == "0231 333"


# --- messages --------------------------------------------------------------------------------


def test_the_summary_has_german_and_english_plurals(app, editor):
    one = "category,title,postcode,lat,lng\neducation,Kurs,44137,51.5142,7.4652\n"
    two = one + "leisure,Lauftreff,44137,51.5102,7.4602\n"
    assert "1 Zeile: 1 neues Angebot, 0 geänderte Angebote" in upload(
        editor, one.encode()).get_data(as_text=True)  # fmt: skip
    assert "2 Zeilen: 2 neue Angebote" in upload(editor, two.encode()).get_data(as_text=True)
    english = upload(editor, one.encode(), query="?lang=en").get_data(as_text=True)
    assert "offers.csv: 1 row: 1 new offer, 0 changed offers, 0 unchanged" in english
    english = upload(editor, two.encode(), query="?lang=en").get_data(as_text=True)
    assert "offers.csv: 2 rows: 2 new offers" in english


def test_file_and_row_errors_follow_the_back_offices_language(app, editor):
    bad = "category,title,postcode,lat,lng\nknitting,Stricken,44137,51.5142,7.4652\n"
    german = upload(editor, bad.encode()).get_data(as_text=True)
    assert "<td>Zeile 2</td>" in german and "„knitting“ ist keine von" in german
    english = upload(editor, bad.encode(), query="?lang=en").get_data(as_text=True)
    assert "<td>Row 2</td>" in english and "&#39;knitting&#39; is not one of" in english
    latin = "category,title\neducation,Kurs für Mütter\n".encode("cp1252")
    english = upload(editor, latin, query="?lang=en").get_data(as_text=True)
    assert "offers.csv is not UTF-8 encoded (line 2)" in english
    english = upload(editor, b"a,b\n1,2\n", query="?lang=en").get_data(as_text=True)
    assert "offers.csv lacks the columns category, title" in english
    german = upload(editor, b"title,b\n1,2\n").get_data(as_text=True)
    assert "offers.csv fehlt die Spalte category;" in german


def test_duplicates_are_grouped_one_line_each_after_the_errors(app, editor, make_offer):
    make_offer(title="Sozialberatung", organization="Verein", street="Kampstraße 1")
    header = "category,title,organization,street,postcode,lat,lng\n"
    rows = [f"counselling,Beratung {n},Verein,Kampstraße 1,44137,51.5142,7.4652\n"
            for n in range(4)]  # fmt: skip
    page = upload(editor, (header + "".join(rows) + "knitting,x,,,44137,51.5,7.4\n").encode())
    text = page.get_data(as_text=True)
    assert text.index('class="admin-table import-errors"') < text.index('id="import-duplicates"')
    section = text.split('id="import-duplicates"', 1)[1].split("</section>", 1)[0]
    assert section.count("<li>") == 1
    assert re.search(r"<li>Zeile 2, Zeile 3, Zeile 4, Zeile 5, Angebot \d+: gleiche "
                     r"Organisation und Adresse</li>", section)  # fmt: skip


def test_a_geocoding_failure_is_told_in_the_language_it_is_shown_in(app, db):
    """The reason is kept untranslated by the import job and shown in the page's language."""
    with app.app_context():
        unplaced = offers.clean(CENTRE_OFFER | {"lat": "", "lng": "", "street": "Nirgends 1"},
                                require_location=False)  # fmt: skip
    offer = offer_store.create_offer(db, unplaced, by="test")

    class NotFound:
        def geocode(self, query):
            return None

    reasons = []
    with app.app_context():
        districts = load_districts(app.config["REGION_DIR"])
    import_geocoding.geocode_missing(
        db, [offer["id"]], NotFound(), districts, source="x.csv",
        progress=lambda number, total, offer, outcome: reasons.append(outcome),
    )  # fmt: skip
    with app.test_request_context("/admin/import/progress?lang=en"):
        assert str(reasons[0]) == "address not found: 'Nirgends 1 44137 Dortmund'"
    with app.test_request_context("/admin/import/progress"):
        assert str(reasons[0]) == "Adresse nicht gefunden: „Nirgends 1 44137 Dortmund“"


# --- downloads -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/export.csv", "text/csv; charset=utf-8"),
        ("/export.csv?category=education", "text/csv; charset=utf-8"),
        ("/export.geojson", "application/geo+json"),
        ("/export.geojson?category=education", "application/geo+json"),
    ],
)
def test_every_download_names_its_charset_once(client, three, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    if "geojson" in path:
        json.loads(response.get_data())  # UTF-8 JSON, as the media type says


# --- exports elsewhere and the demo data ---------------------------------------------------


def test_the_command_line_export_carries_the_version_too(app, three, tmp_path):
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(out)],
                                env={"REFUGEE_MAP_DB": app.config["DB"]})  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [row["version"] for row in rows] == ["1", "1", "1"]


@pytest.mark.parametrize("stamped", [True, False], ids=["with-version", "without-version"])
def test_the_demo_data_loads_with_or_without_a_version_column(
    app, client, three, fresh_db, tmp_path, stamped
):
    exported = client.get("/export.csv").get_data(as_text=True)
    if not stamped:
        exported = "\n".join(line.rsplit(",", 2)[0] for line in exported.splitlines())
    (tmp_path / "demo_offers.csv").write_text(exported, encoding="utf-8")
    with app.app_context():
        districts = load_districts(app.config["REGION_DIR"])
    assert formats.load_demo(fresh_db, tmp_path, districts) == 3
    assert [offer["version"] for offer in offer_store.find_offers(
        fresh_db, offer_store.OfferQuery())] == [1, 1, 1]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "skipped", "done", "said"),
    [
        ("de", 1, False, "1 Konflikt wird übersprungen"),
        ("de", 2, False, "2 Konflikte werden übersprungen"),
        ("de", 1, True, "1 Konflikt übersprungen"),
        ("de", 2, True, "2 Konflikte übersprungen"),
        ("en", 1, False, "1 conflict will be skipped"),
        ("en", 2, False, "2 conflicts will be skipped"),
        ("en", 2, True, "2 conflicts skipped"),
    ],
)
def test_the_summary_says_conflicts_will_be_skipped_until_the_import_is_written(
    app, lang, skipped, done, said
):
    with app.test_request_context(f"/admin/import?lang={lang}"):
        line = importer.summary("f.csv", rows=3, created=0, updated=1, skipped=skipped,
                                unchanged=0, done=done)  # fmt: skip
    assert line.endswith(said)

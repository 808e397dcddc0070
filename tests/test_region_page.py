"""The back office's page of regions, for network admins: the list of regions with their
figures and links, and a region added from a folder of the server's regions folder with the
checks of ``refugee-map region add`` (every refusal at its field, nothing added), then
served at ``/<slug>/`` with the way to its first admin. Region accounts get 403."""

import html
import re

import pytest
from admin_support import signed_in, text
from regions_support import ESSEN, ESSEN_TOML, write_region_folder

from refugee_map.domain import regions
from refugee_map.web.admin import regions as region_page

pytest_plugins = ["regions_fixtures"]


@pytest.fixture
def root(two_regions, tmp_path, monkeypatch):
    """The regions folder: Bochum's folder (a region already), Essen's (new), a hidden
    folder, a file and a link to a region folder outside it."""
    write_region_folder(tmp_path / "essen", ESSEN_TOML, ESSEN)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    outside = write_region_folder(tmp_path.parent / f"{tmp_path.name}-outside", ESSEN_TOML, ESSEN)
    (tmp_path / "outside").symlink_to(outside, target_is_directory=True)
    monkeypatch.setattr(region_page, "folders_root", lambda: tmp_path)
    return tmp_path


@pytest.fixture
def network_admin(two_regions):
    return signed_in(two_regions, "network@example.org", "network-admin")


def offered(response) -> list[str]:
    form = text(response).split('id="folder"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"', form)


def region_slugs(app, db) -> list[str]:
    return [region.slug for region in regions.all_regions(db, app.config)]


def add(client, **form):
    return client.post("/admin/regions", data={"csrf_token": client.token} | form)


def test_the_list_shows_each_region_with_its_published_offers_and_links(
    root, network_admin, offers_in_both, make_offer
):
    make_offer(title="Noch eins", status="draft")
    page = text(network_admin.get("/admin/regions"))
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows][1:]  # after the head
    assert [row[:2] + row[3:5] for row in cells] == [
        ["Dortmund", "dortmund", "de", "1"],
        ["Bochum", "bochum", "en", "1"],
    ]
    assert cells[1][2] == "Hilfe-Karte Bochum"
    assert 'href="/bochum/"' in page and 'href="/bochum/admin/"' in page
    assert 'href="/dortmund/admin/"' in page


def test_only_folders_inside_the_regions_folder_that_are_no_region_are_offered(root, network_admin):
    response = network_admin.get("/admin/regions")
    assert response.status_code == 200
    assert offered(response) == ["essen"]
    assert 'name="slug"' in text(response) and 'value="essen"' in text(response)


def test_a_region_is_added_from_a_folder_and_served_at_its_prefix(root, network_admin, db):
    response = add(network_admin, folder="essen", slug="")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/regions?added=essen")
    page = text(network_admin.get(response.headers["Location"]))
    assert "Region Essen angelegt." in page
    assert 'href="/essen/admin/users/new"' in page
    assert "ist kein Ordner, der noch keine Region ist" in text(network_admin.get("/admin/regions"))
    assert region_slugs(network_admin.application, db) == ["dortmund", "bochum", "essen"]
    assert "Essen" in text(network_admin.get("/essen/"))
    accounts_form = text(network_admin.get("/essen/admin/users/new"))
    assert re.search(r'<option value="3" selected>Essen</option>', accounts_form)


def test_the_slug_may_differ_from_the_folders_name(root, network_admin, db):
    assert add(network_admin, folder="essen", slug="ruhr-mitte").status_code == 302
    assert network_admin.get("/ruhr-mitte/").status_code == 200


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"folder": "essen", "slug": "Essen Stadt"}, "slug", "Kleinbuchstaben"),
        ({"folder": "essen", "slug": "e"}, "slug", "Kleinbuchstaben"),
        ({"folder": "essen", "slug": "bochum"}, "slug", "Diese Region gibt es schon."),
        ({"folder": "essen", "slug": "network"}, "slug", "Adresse der Anwendung"),
        ({"folder": "essen", "slug": "admin"}, "slug", "Adresse der Anwendung"),
        ({"folder": "essen", "slug": "api"}, "slug", "Adresse der Anwendung"),
        ({"folder": "../essen", "slug": "essen"}, "folder", "angebotenen Ordner"),
        ({"folder": "outside", "slug": "essen"}, "folder", "angebotenen Ordner"),
        ({"folder": "bochum", "slug": "essen"}, "folder", "angebotenen Ordner"),
        ({"folder": ".hidden", "slug": "essen"}, "folder", "angebotenen Ordner"),
        ({"folder": "notes.txt", "slug": "essen"}, "folder", "angebotenen Ordner"),
        ({"folder": "/etc", "slug": "essen"}, "folder", "angebotenen Ordner"),
        ({"slug": "essen"}, "folder", "angebotenen Ordner"),
    ],
)
def test_each_bad_input_is_named_at_its_field_and_adds_nothing(
    root, network_admin, db, form, field, message
):
    before = region_slugs(network_admin.application, db)
    response = add(network_admin, **form)
    assert response.status_code == 422
    assert message in field_message(response, field)
    assert region_slugs(network_admin.application, db) == before


def field_message(response, field: str) -> str:
    """The error message shown at the form's field ``field``."""
    page = text(response)
    match = re.search(rf'<p[^>]*id="{field}-error"[^>]*>(.*?)</p>', page, re.S)
    assert match, page
    return html.unescape(match.group(1))


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ("districts.geojson", "districts.geojson is missing"),
        ("region.toml", "default_language must be one of"),
        ("postcodes.csv", "postcodes.csv"),
    ],
)
def test_a_folder_whose_files_do_not_serve_a_region_is_refused_with_the_reason(
    root, network_admin, db, broken, reason
):
    path = root / "essen" / broken
    if broken == "districts.geojson":
        path.unlink()
    elif broken == "region.toml":
        path.write_text('default_language = "xx"\n', encoding="utf-8")
    else:
        path.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    response = add(network_admin, folder="essen", slug="essen")
    assert response.status_code == 422
    shown = field_message(response, "folder")
    assert "taugt nicht" in shown and reason in shown
    assert str(root) not in shown  # the folder's name, not the server's path
    assert region_slugs(network_admin.application, db) == ["dortmund", "bochum"]


def test_a_post_without_the_csrf_token_adds_nothing(root, network_admin, db):
    response = network_admin.post("/admin/regions", data={"folder": "essen", "slug": "essen"})
    assert response.status_code == 400
    assert region_slugs(network_admin.application, db) == ["dortmund", "bochum"]


@pytest.mark.parametrize("role", ["admin", "editor"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_regions_accounts_are_refused(root, two_regions, db, role, method):
    client = signed_in(two_regions, f"{role}@example.org", role)
    if method == "GET":
        response = client.get("/admin/regions")
    else:
        response = add(client, folder="essen", slug="essen")
    assert response.status_code == 403
    assert region_slugs(two_regions, db) == ["dortmund", "bochum"]
    assert (
        "Regionen"
        not in re.findall(r'class="admin-nav".*?</nav>', text(client.get("/admin/")), re.S)[0]
    )


def test_an_anonymous_visitor_is_sent_to_sign_in(root, two_regions):
    response = two_regions.test_client().get("/admin/regions")
    assert response.status_code == 302
    assert "/admin/login" in response.headers["Location"]


def test_the_page_speaks_english_too(root, network_admin):
    response = add(network_admin, folder="essen", slug="network")
    assert "Dieser Name ist eine Adresse der Anwendung selbst." in text(response)
    page = text(network_admin.get("/admin/regions?lang=en"))
    assert "<h1>Regions</h1>" in page and "Add a region" in page and "Published offers" in page


def test_a_slug_taken_between_the_check_and_the_insert_is_named_at_its_field(
    root, network_admin, db, monkeypatch
):
    """Another network admin (or ``region add``) took the slug after the page read the
    regions: the database's unique key refuses it, the page says so, no 500."""
    monkeypatch.setattr(region_page.regions, "slug_problem", lambda *args: None)
    response = add(network_admin, folder="essen", slug="bochum")
    assert response.status_code == 422
    assert field_message(response, "slug") == "Diese Region gibt es schon."
    assert region_slugs(network_admin.application, db) == ["dortmund", "bochum"]

"""Each region's back office shows and changes its own rows only: with two regions, the
offer list, its search and counts, the dashboard, the freshness page, the deleted offers,
the review queue, history, translations and imports of one region never show another's
rows, and every path by id answers 404 for another region's offer or submission,
changing nothing. The admin here is a network admin: it enters both regions' back offices."""

import io
import re

import pytest
from admin_support import ADMIN_EMAIL, signed_in
from samples import CENTRE_OFFER, region_today

from refugee_map import store
from refugee_map.domain import freshness, mail, offers, submissions
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store

pytest_plugins = ["regions_fixtures"]

DORTMUND, BOCHUM = 1, 2
PREFIX = {DORTMUND: "", BOCHUM: "/bochum"}
OTHER = {DORTMUND: BOCHUM, BOCHUM: DORTMUND}
# what each region's rows are called: words no page shows otherwise (not the city's name)
NAMES = {DORTMUND: "Phoenixsee", BOCHUM: "Bermudadreieck"}
IN_BOCHUM = {"city": "Bochum", "postcode": "44787", "lat": 51.48, "lng": 7.22,
             "district": "Bochum-Mitte"}  # fmt: skip


@pytest.fixture
def admin(app):
    """A network admin's client: an admin's rights in every region."""
    return signed_in(app, ADMIN_EMAIL, "network-admin")


def make_offer_in(app, db, region: int, title: str, **fields) -> dict:
    """A published offer of ``region``, last checked long ago, with an e-mail address."""
    with app.app_context():
        cleaned = offers.clean(CENTRE_OFFER | {"title": title, "email": "info@verein.example"})
    place = IN_BOCHUM if region == BOCHUM else {}
    row = cleaned | place | {"verified_at": "2020-01-01"} | fields
    return offer_store.create_offer(db, row, by="test", region=region)


@pytest.fixture
def rows(two_regions, db):
    """Per region: its published offers (Dortmund two, Bochum one), a deleted offer, a new
    offer suggested and (Dortmund) a report; the first offer viewed this month."""
    made = {}
    for region, published in ((DORTMUND, 2), (BOCHUM, 1)):
        name = NAMES[region]
        shown = [make_offer_in(two_regions, db, region, f"{name} Angebot {n}")
                 for n in range(1, published + 1)]  # fmt: skip
        gone = make_offer_in(two_regions, db, region, f"{name} gelöscht")
        offer_store.update_offer(db, gone["id"], {"deleted_at": store.now()}, by="test")
        suggested = submissions.add(
            db, "new", {"offer": {"title": f"{name} Vorschlag"}, "comment": ""}, region=region
        )
        made[region] = {"offer": shown[0], "deleted": gone, "submission": suggested,
                        "titles": [offer["title"] for offer in shown]}  # fmt: skip
    report = {"reason": "closed", "comment": "", "version": 1}
    made[DORTMUND]["report"] = submissions.add(
        db, "report", report, made[DORTMUND]["offer"]["id"], region=DORTMUND
    )
    for region in made:
        freshness.count_view(db, made[region]["offer"]["id"], region_today().strftime("%Y-%m"))
    return made


def page(client, path: str) -> str:
    """The page in German (Bochum's pages are else in its default language, English)."""
    response = client.get(path, headers={"Accept-Language": "de"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def figure(text: str, pattern: str) -> int:
    return int(re.search(pattern, text, re.S).group(1))


LISTS = ["/admin/offers", "/admin/offers?q=Angebot", "/admin/offers?status=published&sort=title",
         "/admin/offers?untranslated=1", "/admin/offers?stale=1&sort=verified",
         "/admin/freshness", "/admin/deleted", "/admin/review", "/admin/dashboard"]  # fmt: skip


@pytest.mark.parametrize("region", [DORTMUND, BOCHUM])
@pytest.mark.parametrize("path", LISTS)
def test_a_regions_lists_hold_its_own_rows_only(two_regions, admin, rows, region, path):
    text = page(admin, PREFIX[region] + path)
    assert NAMES[region] in text
    assert NAMES[OTHER[region]] not in text


@pytest.mark.parametrize("region", [DORTMUND, BOCHUM])
def test_a_regions_counts_are_its_own(two_regions, admin, rows, region):
    published = len(rows[region]["titles"])
    opened = 2 if region == DORTMUND else 1
    prefix = PREFIX[region]
    listed = page(admin, f"{prefix}/admin/offers")
    assert figure(listed, r'class="count">(\d+) Angebot') == published
    assert figure(listed, r'id="open-review-count">(\d+) offen') == opened
    dashboard = page(admin, f"{prefix}/admin/dashboard")
    assert figure(dashboard, r'id="figure-published"><strong>(\d+)') == published
    assert figure(dashboard, r'id="figure-stale"><strong>(\d+)') == published
    assert figure(dashboard, r'id="figure-open"><strong>(\d+)') == opened
    stale = page(admin, f"{prefix}/admin/freshness")
    assert figure(stale, r'id="stale-total">(\d+) veraltete') == published


def by_id_requests(made: dict, db) -> list[tuple[str, str, dict]]:
    """(method, path under /admin, form) of every back-office path by id, aimed at the
    rows of ``made`` (one region's)."""
    offer, deleted = made["offer"]["id"], made["deleted"]["id"]
    entry = offer_history.history(db, offer)[0]["id"]
    item = made["submission"]
    return [
        ("GET", f"/offers/{offer}", {}), ("GET", f"/offers/{offer}/history", {}),
        ("GET", f"/offers/{offer}/translations", {}), ("GET", f"/review/{item}", {}),
        ("GET", f"/review/{item}/edit", {}),
        ("POST", f"/offers/{offer}", {"title": "Übernommen"}),
        ("POST", f"/offers/{offer}/status", {"status": "archived"}),
        ("POST", f"/offers/{offer}/verify", {}), ("POST", f"/offers/{offer}/delete", {}),
        ("POST", f"/offers/{deleted}/undelete", {}),
        ("POST", f"/offers/{offer}/restore/{entry}", {}),
        ("POST", f"/offers/{offer}/translations", {"title-en": "Taken", "description-en": "x"}),
        ("POST", f"/freshness/{offer}/valid", {}), ("POST", f"/freshness/{offer}/archive", {}),
        ("POST", f"/freshness/{offer}/ask", {}),
        ("POST", f"/review/{item}/accept", {"status": "published"}),
        ("POST", f"/review/{item}/reject", {"reason": "nein"}),
        ("POST", f"/review/{item}/edit", {"title": "Übernommen"}),
    ]  # fmt: skip


def state(db) -> list:
    """Everything a back-office path could change: offers, history, translations,
    submissions and confirmation requests."""
    tables = ("offers", "offer_history", "offer_translations", "submissions",
              "confirmation_requests")  # fmt: skip
    return [list(db.query(f"SELECT * FROM {table} ORDER BY 1")) for table in tables]  # noqa: S608


@pytest.mark.parametrize("region", [DORTMUND, BOCHUM])
def test_another_regions_rows_by_id_are_not_found_and_stay(two_regions, admin, db, rows, region):
    before = state(db)
    for method, path, form in by_id_requests(rows[OTHER[region]], db):
        url = f"{PREFIX[region]}/admin{path}"
        if method == "GET":
            response = admin.get(url)
        else:
            response = admin.post(url, data=form | {"csrf_token": admin.token})
        assert response.status_code == 404, (method, url)
    assert state(db) == before


@pytest.mark.parametrize("region", [DORTMUND, BOCHUM])
def test_a_regions_own_rows_by_id_are_found(two_regions, admin, db, rows, region):
    """The other half of the test above: the same paths reach the region's own rows."""
    for method, path, _form in by_id_requests(rows[region], db):
        if method == "GET":
            assert admin.get(f"{PREFIX[region]}/admin{path}").status_code == 200, path


def test_asking_providers_to_confirm_asks_the_regions_own_only(two_regions, admin, db, rows):
    dortmund = rows[DORTMUND]["offer"]["id"]
    chosen = admin.post("/bochum/admin/freshness/ask",
                        data={"csrf_token": admin.token, "offer": dortmund})  # fmt: skip
    assert chosen.status_code == 302  # none of Bochum's stale offers was chosen
    assert list(db.query("SELECT * FROM confirmation_requests")) == []
    everyone = admin.post("/bochum/admin/freshness/ask", data={"csrf_token": admin.token})
    assert everyone.status_code == 200
    asked = [row["offer_id"] for row in db.query("SELECT offer_id FROM confirmation_requests")]
    assert asked == [rows[BOCHUM]["offer"]["id"]]


def upload(client, prefix: str, csv: str):
    form = {"csrf_token": client.token, "file": (io.BytesIO(csv.encode()), "angebote.csv")}
    return client.post(f"{prefix}/admin/import", data=form, content_type="multipart/form-data",
                       headers={"Accept-Language": "de"})  # fmt: skip


PLACES = {DORTMUND: "44137,Dortmund,51.5142,7.4652", BOCHUM: "44787,Bochum,51.48,7.22"}


@pytest.mark.parametrize("region", [DORTMUND, BOCHUM])
def test_an_import_may_not_update_another_regions_offer(two_regions, admin, db, rows, region):
    other = rows[OTHER[region]]["offer"]
    csv = (
        "id,category,title,street,postcode,city,lat,lng,status\n"
        f"{other['id']},counselling,Übernommen,Hauptstr. 1,{PLACES[region]},published\n"
    )
    preview = upload(admin, PREFIX[region], csv)
    assert preview.status_code == 422
    problem = f"Die Id {other['id']} gehört zu keinem Angebot dieser Region."
    assert problem in preview.get_data(as_text=True)
    assert offer_store.get_offer(db, other["id"])["title"] == other["title"]


@pytest.mark.parametrize("region", [DORTMUND, BOCHUM])
def test_the_public_forms_file_into_their_regions_queue(two_regions, db, rows, region):
    client, prefix = two_regions.test_client(), PREFIX[region]
    offer = rows[region]["offer"]
    others = submissions.open_items(db, region=OTHER[region])
    place = {"postcode": "44787", "lat": "51.48", "lng": "7.22"} if region == BOCHUM else {}
    fields = {key: str(value) for key, value in CENTRE_OFFER.items()} | place
    fields |= {"title": offer["title"], "languages": ["de"]}
    sent = [
        client.post(f"{prefix}/suggest", data=fields | {"title": "Neu"}),
        client.post(f"{prefix}/suggest", data=fields | {"offer": offer["id"], "comment": "Zu"}),
        client.post(f"{prefix}/offers/{offer['id']}/report", data={"reason": "closed"}),
    ]
    assert [response.status_code for response in sent] == [303, 303, 303]
    kinds = [item["kind"] for item in submissions.open_items(db, region=region)]
    assert kinds[-3:] == ["new", "change", "report"]
    assert submissions.open_items(db, region=OTHER[region]) == others


@pytest.mark.parametrize("region", [DORTMUND, BOCHUM])
def test_a_providers_link_works_in_its_offers_region_only(two_regions, db, rows, region):
    offer = rows[OTHER[region]]["offer"]
    token = mail.make_token(two_regions.config["SECRET_KEY"], offer["id"], offer["version"])
    client, prefix = two_regions.test_client(), PREFIX[region]
    before = state(db)
    assert client.get(f"{prefix}/confirm/{token}").status_code == 404
    assert client.post(f"{prefix}/confirm/{token}").status_code == 404
    change = {"offer": offer["id"], "confirm": token, "title": "Übernommen"}
    assert client.post(f"{prefix}/suggest", data=change).status_code == 404
    assert state(db) == before
    assert client.get(f"{PREFIX[OTHER[region]]}/confirm/{token}").status_code == 200


def test_an_import_matches_its_regions_offers_only(two_regions, admin, db, rows):
    """A Dortmund offer at the very address of Bochum's rows is neither updated by one
    (same title) nor named as another's possible duplicate (another title)."""
    twin = make_offer_in(two_regions, db, DORTMUND, "Zwilling", organization="Zwei", **IN_BOCHUM)
    row = f"counselling,{{}},{twin['organization']},{twin['street']},{PLACES[BOCHUM]},draft\n"
    header = "category,title,organization,street,postcode,city,lat,lng,status\n"
    same = upload(admin, "/bochum", header + row.format("Zwilling")).get_data(as_text=True)
    assert "1 neues Angebot, 0 geänderte Angebote" in same
    other = upload(admin, "/bochum", header + row.format("Anderer Kurs")).get_data(as_text=True)
    assert "1 neues Angebot" in other and 'id="import-duplicates"' not in other

"""The back office's offer pages: list, form, validation, workflow, history and undo."""

import re
from datetime import timedelta

import pytest
from admin_support import field_error, signed_in, text
from samples import region_today
from servers import free_port

from refugee_map import store
from refugee_map.geo.districts import load_districts
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store

GOOD = {
    "category": "counselling",
    "title": "Sprechstunde am Nordmarkt",
    "description": "Beratung zu Aufenthalt und Wohnung.",
    "organization": "Nordstadt hilft e.V.",
    "street": "Nordmarkt 1",
    "postcode": "44145",
    "city": "Dortmund",
    "lat": "51.5232",
    "lng": "7.4571",
    "phone": "+49 231 123456",
    "email": "info@example.org",
    "website": "https://example.org/sprechstunde",
    "hours-Mo-start": ["09:00", "14:00"],
    "hours-Mo-end": ["12:00", "16:00"],
    "hours-We-start": "10:00",
    "hours-We-end": "12:00",
    "hours_note": "In den Ferien geschlossen.",
    "languages": ["de", "ar", "uk"],
    "target_groups": ["families", "women"],
    "free_of_charge": "1",
    "wheelchair_access": "true",
    "status": "draft",
    "verified_at": "2025-01-15",
    "source_url": "https://example.org",
}


def post(client, url, data=None):
    return client.post(url, data={"csrf_token": client.token} | (data or {}))


# --- the list -----------------------------------------------------------------------------


def test_list_shows_every_status_but_not_deleted_offers(editor, make_offer, db):
    make_offer(title="Entwurf A", status="draft")
    make_offer(title="Öffentlich B", status="published")
    make_offer(title="Archiv C", status="archived")
    gone = make_offer(title="Gelöscht D")
    offer_store.update_offer(db, gone["id"], {"deleted_at": store.now()}, by="t", action="delete")
    page = text(editor.get("/admin/offers"))
    assert "Entwurf A" in page and "Öffentlich B" in page and "Archiv C" in page
    assert "Gelöscht D" not in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("q=Möbel", {"Möbelbörse"}, {"Deutschkurs", "Sprechstunde"}),
        ("category=education", {"Deutschkurs"}, {"Möbelbörse", "Sprechstunde"}),
        ("district=Hörde", {"Möbelbörse"}, {"Deutschkurs", "Sprechstunde"}),
        ("status=draft", {"Sprechstunde"}, {"Deutschkurs", "Möbelbörse"}),
        ("stale=1", {"Möbelbörse", "Sprechstunde"}, {"Deutschkurs"}),
    ],
)
def test_list_filters(editor, make_offer, query, shown, hidden):
    fresh = region_today().isoformat()
    make_offer(title="Möbelbörse", category="donations", lat=51.4883, lng=7.5057, district="Hörde")
    make_offer(title="Deutschkurs", category="education", verified_at=fresh)
    make_offer(title="Sprechstunde", status="draft", verified_at="2020-01-01")
    page = text(editor.get(f"/admin/offers?{query}"))
    for title in shown:
        assert title in page
    for title in hidden:
        assert title not in page


def test_stale_days_is_configurable(app, editor, make_offer):
    app.config["STALE_DAYS"] = 10
    make_offer(title="Vor zwanzig Tagen", verified_at=(region_today() - timedelta(20)).isoformat())
    make_offer(title="Vor fünf Tagen", verified_at=(region_today() - timedelta(5)).isoformat())
    page = text(editor.get("/admin/offers?stale=1"))
    assert "Vor zwanzig Tagen" in page and "Vor fünf Tagen" not in page


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Alpha", "Beta", "Gamma"]),
        ("district", ["Beta", "Alpha", "Gamma"]),  # Hörde, Innenstadt-West, Mengede
        ("verified", ["Gamma", "Alpha", "Beta"]),  # never, 2020, 2024
        ("updated", ["Gamma", "Beta", "Alpha"]),  # last change first
    ],
)
def test_list_sorts(editor, make_offer, sort, expected):
    make_offer(title="Alpha", verified_at="2020-01-01", district="Innenstadt-West")
    make_offer(title="Beta", verified_at="2024-01-01", district="Hörde")
    make_offer(title="Gamma", district="Mengede")
    page = text(editor.get(f"/admin/offers?sort={sort}"))
    positions = [page.index(f">{title}</a>") for title in expected]
    assert positions == sorted(positions)


def test_list_asks_the_store_for_one_page_not_every_offer(editor, make_offer, monkeypatch):
    for title in ("Gamma", "Alpha", "Beta"):
        make_offer(title=title, verified_at=None)

    def every_offer(*_args, **_kwargs):
        raise AssertionError("the list loaded every offer")

    monkeypatch.setattr(offer_store, "find_offers", every_offer)
    page = text(editor.get("/admin/offers?sort=title&stale=1&untranslated=1&page=1"))
    positions = [page.index(f">{title}</a>") for title in ("Alpha", "Beta", "Gamma")]
    assert positions == sorted(positions)


def test_list_escapes_offer_text(editor, make_offer):
    make_offer(title="<script>alert(1)</script>", organization="<b>fett</b>")
    page = text(editor.get("/admin/offers"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<b>fett</b>" not in page


# --- creating -----------------------------------------------------------------------------


def test_create_with_every_field(app, editor, db):
    response = post(editor, "/admin/offers/new", GOOD)
    assert response.status_code == 302, text(response)
    offer_id = int(response.headers["Location"].rsplit("/", 1)[1])
    offer = offer_store.get_offer(db, offer_id, public=False)
    assert offer["title"] == GOOD["title"]
    assert offer["district"] == load_districts(app.config["REGION_DIR"]).locate(51.5232, 7.4571)
    assert offer["opening_hours"] == {
        "Mo": [["09:00", "12:00"], ["14:00", "16:00"]],
        "We": [["10:00", "12:00"]],
    }
    assert offer["languages"] == ["de", "ar", "uk"]
    assert offer["target_groups"] == ["families", "women"]
    assert offer["wheelchair_access"] is True and offer["free_of_charge"] is True
    assert offer["by_appointment"] is False and offer["volunteers_wanted"] is False
    assert offer["status"] == "draft" and offer["verified_at"] == "2025-01-15"
    [entry] = offer_history.history(db, offer_id)
    assert entry["action"] == "create" and entry["user"] == editor.email


def test_the_form_shows_a_stored_offer_with_every_value(editor):
    response = post(editor, "/admin/offers/new", GOOD)
    page = text(editor.get(response.headers["Location"]))
    for value in ("Sprechstunde am Nordmarkt", "Nordmarkt 1", "44145", "info@example.org",
                  "https://example.org/sprechstunde", "In den Ferien geschlossen."):  # fmt: skip
        assert value in page
    assert re.search(r'name="hours-Mo-start" value="14:00"', page)
    assert re.search(r'value="ar" checked', page)
    assert re.search(r'value="families" checked', page)
    assert re.search(r'<option value="true" selected>', page)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Titel"),
        ({"category": ""}, "category", "Kategorie"),
        ({"category": "weapons"}, "category", "Kategorie"),
        ({"email": "info(at)example.org"}, "email", "E-Mail"),
        ({"phone": "call us"}, "phone", "Telefon"),
        ({"website": "javascript:alert(1)"}, "website", "https://"),
        ({"website": "www.example.org"}, "website", "https://"),
        ({"postcode": "4414"}, "postcode", "fünf Ziffern"),
        ({"postcode": "10115"}, "postcode", "nicht zur Region"),
        ({"lat": "52.52", "lng": "13.40"}, "lat", "außerhalb der Region"),
        ({"lat": "", "lng": ""}, "lat", "Karte"),
        ({"lat": "north"}, "lat", "Zahl"),
        ({"hours-Mo-start": "12:00", "hours-Mo-end": "09:00"}, "opening_hours", "Öffnungszeiten"),
        ({"hours-Mo-start": ["09:00", "11:00"], "hours-Mo-end": ["12:00", "13:00"]},
         "opening_hours", "Zeiten überschneiden sich: 09:00–12:00 und 11:00–13:00"),
        ({"hours-Mo-start": "09:00", "hours-Mo-end": ""}, "opening_hours", "Beginn und Ende"),
        ({"hours-Mo-start": "9 Uhr", "hours-Mo-end": "12:60"}, "opening_hours",
         "Uhrzeit &#39;12:60&#39; gibt es nicht"),
        ({"languages": ["de", "xx"]}, "languages", "xx"),
        ({"target_groups": ["pets"]}, "target_groups", "pets"),
        ({"status": "secret"}, "status", "Status"),
        ({"verified_at": "15.01.2025"}, "verified_at", "JJJJ-MM-TT"),
        ({"description": "x" * 5001}, "description", "5000"),
        ({"title": "a\x00b"}, "title", "Zeichen"),
    ],
)  # fmt: skip
def test_each_kind_of_bad_input_is_shown_at_its_field_and_nothing_is_lost(
    editor, db, changes, field, message
):
    response = post(editor, "/admin/offers/new", GOOD | changes)
    assert response.status_code == 422
    page = text(response)
    assert message in field_error(page, field)
    assert f'href="#{field}"' in page  # the error summary links to the field
    assert f'id="{field}"' in page
    assert 'aria-describedby="' in page and f"{field}-error" in page
    # What the editor typed is still there.
    assert "Nordmarkt 1" in page and "In den Ferien geschlossen." in page
    assert re.search(r'value="de" checked', page)
    assert db["offers"].count == 0


def test_every_error_is_shown_at_once(editor):
    bad = {"title": "", "email": "nope", "hours-Mo-start": "09:00", "hours-Mo-end": ""}
    page = text(post(editor, "/admin/offers/new", GOOD | bad))
    assert field_error(page, "title") and field_error(page, "email")
    assert field_error(page, "opening_hours")


def test_a_form_without_csrf_token_is_refused_and_nothing_saved(editor, db):
    response = editor.post("/admin/offers/new", data=GOOD)
    assert response.status_code == 400
    assert "abgelaufen" in text(response)
    assert db["offers"].count == 0


def test_the_district_can_be_chosen_against_the_point(editor, db):
    response = post(editor, "/admin/offers/new", GOOD | {"district": "Eving"})
    offer_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert offer_store.get_offer(db, offer_id, public=False)["district"] == "Eving"


# --- editing and conflicts ----------------------------------------------------------------


def _create(client) -> int:
    response = post(client, "/admin/offers/new", GOOD)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_edit_saves_and_records_who_changed_what(editor, db):
    offer_id = _create(editor)
    response = post(editor, f"/admin/offers/{offer_id}", GOOD | {"title": "Neu", "version": "1"})
    assert response.status_code == 302
    offer = offer_store.get_offer(db, offer_id, public=False)
    assert offer["title"] == "Neu" and offer["version"] == 2
    entry = offer_history.history(db, offer_id)[0]
    assert entry["action"] == "edit" and entry["user"] == editor.email
    assert entry["before"]["title"] == GOOD["title"] and entry["after"]["title"] == "Neu"


def test_invalid_edit_keeps_the_values_and_changes_nothing(editor, db):
    offer_id = _create(editor)
    response = post(
        editor, f"/admin/offers/{offer_id}", GOOD | {"title": "Neu", "email": "x", "version": "1"}
    )
    assert response.status_code == 422
    assert 'value="Neu"' in text(response)
    assert 'name="version" value="1"' in text(response)
    assert offer_store.get_offer(db, offer_id, public=False)["version"] == 1


def test_concurrent_edit_is_refused_with_what_changed_and_nothing_lost(app, editor, db):
    offer_id = _create(editor)
    other = signed_in(app, "other@example.org", "editor")
    # Both opened version 1; the other editor saves first.
    post(other, f"/admin/offers/{offer_id}", GOOD | {"phone": "0231 999", "version": "1"})
    response = post(
        editor, f"/admin/offers/{offer_id}", GOOD | {"title": "Meine Fassung", "version": "1"}
    )
    assert response.status_code == 409
    page = text(response)
    assert "Jemand anderes hat dieses Angebot inzwischen gespeichert" in page
    assert "other@example.org" in page
    conflict = page[page.index('id="conflict"') : page.index("</table>")]
    assert "Telefon" in conflict and "+49 231 123456" in conflict and "0231 999" in conflict
    assert 'value="Meine Fassung"' in page  # the editor's input is kept
    assert 'name="version" value="2"' in page  # saving again means "mine wins"
    stored = offer_store.get_offer(db, offer_id, public=False)
    assert stored["title"] == GOOD["title"] and stored["phone"] == "0231 999"
    # Saving again after seeing the changes works.
    again = post(
        editor, f"/admin/offers/{offer_id}", GOOD | {"title": "Meine Fassung", "version": "2"}
    )
    assert again.status_code == 302
    assert offer_store.get_offer(db, offer_id, public=False)["title"] == "Meine Fassung"


def test_unknown_offer_is_404(editor):
    assert editor.get("/admin/offers/999").status_code == 404
    assert post(editor, "/admin/offers/999/verify").status_code == 404


# --- status workflow ------------------------------------------------------------------------


def test_status_workflow_controls_what_the_public_sees(app, editor, db):
    offer_id = _create(editor)
    public = app.test_client()
    assert public.get(f"/api/offers/{offer_id}").status_code == 404
    post(editor, f"/admin/offers/{offer_id}/status", {"status": "published"})
    assert public.get(f"/api/offers/{offer_id}").status_code == 200
    post(editor, f"/admin/offers/{offer_id}/status", {"status": "archived"})
    assert public.get(f"/api/offers/{offer_id}").status_code == 404
    post(editor, f"/admin/offers/{offer_id}/status", {"status": "published"})
    assert public.get(f"/api/offers/{offer_id}").status_code == 200
    post(editor, f"/admin/offers/{offer_id}/status", {"status": "draft"})
    assert public.get(f"/api/offers/{offer_id}").status_code == 404
    actions = [entry["action"] for entry in offer_history.history(db, offer_id)]
    assert actions == ["status", "status", "status", "status", "create"]


def test_an_unknown_status_is_refused(editor, db):
    offer_id = _create(editor)
    assert post(editor, f"/admin/offers/{offer_id}/status", {"status": "gone"}).status_code == 400


def test_confirm_still_valid_sets_verified_at_to_today_in_one_click(editor, db):
    offer_id = _create(editor)
    response = post(editor, f"/admin/offers/{offer_id}/verify")
    assert response.status_code == 302
    offer = offer_store.get_offer(db, offer_id, public=False)
    assert offer["verified_at"] == region_today().isoformat()
    assert offer_history.history(db, offer_id)[0]["action"] == "verify"


def test_confirm_from_the_list_returns_to_the_list(editor):
    offer_id = _create(editor)
    response = post(editor, f"/admin/offers/{offer_id}/verify", {"next": "/admin/offers?stale=1"})
    assert response.headers["Location"] == "/admin/offers?stale=1"


# --- history, restore, delete ---------------------------------------------------------------


def test_history_page_shows_a_readable_diff(editor):
    offer_id = _create(editor)
    post(editor, f"/admin/offers/{offer_id}", GOOD | {"title": "Neuer Titel", "version": "1",
         "hours-We-start": "", "hours-We-end": ""})  # fmt: skip
    page = text(editor.get(f"/admin/offers/{offer_id}/history"))
    assert editor.email in page and "bearbeitet" in page and "angelegt" in page
    assert "<del>Sprechstunde am Nordmarkt</del>" in page
    assert "<ins>Neuer Titel</ins>" in page
    assert "<del>Mo 09:00-12:00,14:00-16:00; We 10:00-12:00</del>" in page


def test_restore_an_earlier_version_is_itself_a_new_history_entry(editor, db):
    offer_id = _create(editor)
    post(
        editor, f"/admin/offers/{offer_id}", GOOD | {"title": "Falsch", "email": "", "version": "1"}
    )
    created = offer_history.history(db, offer_id)[-1]
    response = post(editor, f"/admin/offers/{offer_id}/restore/{created['id']}")
    assert response.status_code == 302
    offer = offer_store.get_offer(db, offer_id, public=False)
    assert offer["title"] == GOOD["title"] and offer["email"] == GOOD["email"]
    assert offer["version"] == 3
    entries = offer_history.history(db, offer_id)
    assert [entry["action"] for entry in entries] == ["restore", "edit", "create"]
    assert entries[0]["user"] == editor.email


def test_restoring_an_entry_of_another_offer_is_404(editor, db):
    first, second = _create(editor), _create(editor)
    entry = offer_history.history(db, second)[0]
    assert post(editor, f"/admin/offers/{first}/restore/{entry['id']}").status_code == 404


def test_soft_delete_hides_the_offer_and_an_admin_can_undo_it(app, editor, admin, db):
    offer_id = _create(editor)
    post(editor, f"/admin/offers/{offer_id}/status", {"status": "published"})
    response = post(editor, f"/admin/offers/{offer_id}/delete")
    assert response.status_code == 302
    assert db["offers"].count == 1  # still there, only marked
    assert GOOD["title"] not in text(editor.get("/admin/offers"))
    assert app.test_client().get(f"/api/offers/{offer_id}").status_code == 404
    assert post(editor, f"/admin/offers/{offer_id}/undelete").status_code == 403
    assert GOOD["title"] in text(admin.get("/admin/deleted"))
    assert post(admin, f"/admin/offers/{offer_id}/undelete").status_code == 302
    assert app.test_client().get(f"/api/offers/{offer_id}").status_code == 200
    actions = [entry["action"] for entry in offer_history.history(db, offer_id)]
    assert actions[:2] == ["undelete", "delete"]


# --- location --------------------------------------------------------------------------------


def test_geocode_finds_a_postcode_approximately_with_its_district(editor):
    response = editor.get("/admin/geocode?q=Nordmarkt 1, 44145 Dortmund")
    assert response.status_code == 200
    body = response.get_json()
    assert body["approximate"] is True and body["source"] == "offline"
    assert body["district"] and 51.4 < body["lat"] < 51.6
    assert "ungefähr" in body["message"]


def test_geocode_not_found_says_to_place_the_pin(editor):
    response = editor.get("/admin/geocode?q=Irgendwo im Nirgendwo")
    assert response.status_code == 404
    assert "Pin" in response.get_json()["error"]


def test_geocode_without_an_address_is_400(editor):
    assert editor.get("/admin/geocode?q=").status_code == 400


def test_geocoder_down_tells_the_editor_why_and_saving_with_a_placed_pin_works(app, editor, db):
    app.config |= {"GEOCODER": "nominatim", "NOMINATIM_URL": f"http://127.0.0.1:{free_port()}",
                   "NOMINATIM_TIMEOUT": 1, "NOMINATIM_MIN_DELAY": 0}  # fmt: skip
    response = editor.get("/admin/geocode?q=Nordmarkt 1, 44145 Dortmund")
    assert response.status_code == 503
    assert "nicht erreichbar" in response.get_json()["error"]
    # Without JavaScript the "find" button posts the form: same message, values kept.
    page = post(editor, "/admin/offers/new", GOOD | {"action": "geocode"})
    assert page.status_code == 200 and "nicht erreichbar" in text(page)
    assert 'value="Nordmarkt 1"' in text(page)
    assert db["offers"].count == 0
    # The pin placed by hand (lat/lng) is enough to save.
    assert post(editor, "/admin/offers/new", GOOD).status_code == 302


def test_find_without_javascript_fills_the_point_and_marks_it_approximate(editor, db):
    response = post(editor, "/admin/offers/new", GOOD | {"lat": "", "lng": "", "action": "geocode"})
    page = text(response)
    assert response.status_code == 200
    assert re.search(r'id="lat" name="lat" type="text" value="51\.\d+"', page)
    assert re.search(r'id="location_approximate" [^>]*checked', page)
    assert db["offers"].count == 0


def test_locate_names_the_district_of_a_point(editor):
    assert editor.get("/admin/locate?lat=51.5142&lng=7.4652").get_json() == {
        "district": "Innenstadt-West"
    }
    assert editor.get("/admin/locate?lat=52.52&lng=13.40").status_code == 422
    assert editor.get("/admin/locate?lat=x&lng=7").status_code == 400
    assert editor.get("/admin/locate?lat=nan&lng=7").status_code == 400


def test_an_approximate_location_is_kept_until_confirmed(editor, db):
    offer_id = int(
        post(editor, "/admin/offers/new", GOOD | {"location_approximate": "1"})
        .headers["Location"].rsplit("/", 1)[1]
    )  # fmt: skip
    assert offer_store.get_offer(db, offer_id, public=False)["location_approximate"] is True
    post(editor, f"/admin/offers/{offer_id}", GOOD | {"version": "1"})
    assert offer_store.get_offer(db, offer_id, public=False)["location_approximate"] is False


def test_the_form_has_no_inline_script(editor):
    page = text(editor.get("/admin/offers/new"))
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\son[a-z]+=", page)  # no inline event handlers either

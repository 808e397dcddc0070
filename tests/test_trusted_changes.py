"""Nothing is changed that nobody meant to change (issue 14): a suggestion changes only
what its sender changed, publishing is a check, and restoring, undeleting and status
changes keep "last checked" and the pin's flags."""

import json
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from admin_support import text
from samples import region_today
from test_bad_input import read_forms

from refugee_map import store
from refugee_map.domain import edits, submissions
from refugee_map.domain.offers import EDITABLE_FIELDS
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store

TODAY = region_today().isoformat()
OLD = (region_today() - timedelta(days=400)).isoformat()
LESS_OLD = (region_today() - timedelta(days=100)).isoformat()
# A district other than the point's own: set by hand, so only a person may change it.
HAND_SET_DISTRICT = "Hörde"


def post(client, url: str, data: dict | None = None):
    return client.post(url, data={"csrf_token": client.token} | (data or {}))


def public_form(client, offer_id: int):
    """The change suggestion form of an offer: ``values`` is what a browser sends."""
    url = f"/suggest?offer={offer_id}"
    [form] = [f for f in read_forms(text(client.get(url)), url) if f.method == "post"]
    return form


def suggest_change(client, db, offer_id: int, **changed) -> dict:
    """Send the public form with ``changed`` fields typed over what it showed."""
    values = [
        (name, value) for name, value in public_form(client, offer_id).values if name not in changed
    ]
    body = urlencode([*values, *changed.items()])
    response = client.post("/suggest", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 303, text(response)
    return submissions.open_items(db, region=1)[-1]


@pytest.fixture
def flagged_offer(make_offer):
    """A published offer whose pin is approximate and whose district was set by hand."""
    return make_offer(location_approximate="1", district=HAND_SET_DISTRICT, verified_at=OLD)


def accept(editor, item: dict, how: str, db) -> dict:
    """Accept a change suggestion in one click or through the prefilled offer form."""
    if how == "one click":
        response = post(editor, f"/admin/review/{item['id']}/accept")
    else:
        url = f"/admin/review/{item['id']}/edit"
        page = text(editor.get(url))
        [form] = [f for f in read_forms(page, url) if f.action == url]
        body = urlencode([(n, v) for n, v in form.values if n not in ("csrf_token", "district")])
        body += "&" + urlencode({"csrf_token": editor.token, "district": shown_district(page)})
        response = editor.post(url, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302, text(response)
    return offer_store.get_offer(db, item["offer_id"], public=False)


def shown_district(page: str) -> str:
    """The district the offer form selects (its options have no value attribute)."""
    select = page[page.index('<select id="district"') :]
    return re.search(r"<option selected>([^<]+)</option>", select[: select.index("</select>")])[1]


# --- a suggestion changes only what its sender changed -------------------------------------


def test_the_public_form_asks_for_every_field_but_those_a_suggestion_cannot_change(
    client, make_offer
):
    offer = make_offer()
    names = {name.split("-")[0] for name in public_form(client, offer["id"]).names}
    asked = {"opening_hours" if name == "hours" else name for name in names}
    # not asked (their value there is a default, not a choice): a suggestion changes these
    # only with the pin, or never
    not_asked = (*submissions.NOT_SUGGESTED, *edits.PIN_FLAGS)
    assert set(EDITABLE_FIELDS) - asked == set(not_asked)


@pytest.mark.parametrize("how", ["one click", "edit form"])
def test_accepting_a_suggestion_keeps_the_flags_of_a_pin_that_did_not_move(
    client, editor, db, flagged_offer, how
):
    item = suggest_change(client, db, flagged_offer["id"], title="Beratung am Wall")
    assert set(submissions.suggested_changes(db, item, flagged_offer)) == {"title"}
    page = text(editor.get(f"/admin/review/{item['id']}"))
    assert 'data-field="location_approximate"' not in page
    assert 'data-field="district"' not in page
    accepted = accept(editor, item, how, db)
    assert accepted["title"] == "Beratung am Wall"
    assert accepted["location_approximate"] is True
    assert accepted["district"] == HAND_SET_DISTRICT
    assert accepted["verified_at"] == OLD and accepted["status"] == "published"


def test_a_suggestion_that_moves_the_pin_brings_the_new_points_district_and_precision(
    client, editor, db, flagged_offer
):
    item = suggest_change(client, db, flagged_offer["id"], lat="51.5263", lng="7.4566")
    accepted = accept(editor, item, "one click", db)
    assert (accepted["lat"], accepted["lng"]) == (51.5263, 7.4566)
    assert accepted["location_approximate"] is False
    assert accepted["district"] == "Innenstadt-Nord"


def test_an_unchanged_form_for_an_approximate_pin_is_not_a_change(client, db, flagged_offer):
    body = urlencode(public_form(client, flagged_offer["id"]).values)
    response = client.post("/suggest", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 422
    assert submissions.open_items(db, region=1) == []


@pytest.mark.parametrize("how", ["one click", "edit form"])
def test_edits_made_after_the_suggestion_are_kept_and_shown_to_the_reviewer(
    client, editor, db, flagged_offer, how
):
    item = suggest_change(client, db, flagged_offer["id"], title="Beratung am Wall")
    since = {"description": "Neu seit dem Vorschlag", "title": "Zwischendurch"}
    offer_store.update_offer(db, flagged_offer["id"], since, by="someone")
    page = text(editor.get(f"/admin/review/{item['id']}"))
    since = page[page.index('id="changed-since"') :]
    assert "Beschreibung" in since[: since.index("</p>")]
    title_row = page[page.index('data-field="title"') :]
    assert "inzwischen geändert" in title_row[: title_row.index("</tr>")]
    assert 'data-field="description"' not in page
    accepted = accept(editor, item, how, db)
    assert accepted["title"] == "Beratung am Wall"
    assert accepted["description"] == "Neu seit dem Vorschlag"
    assert accepted["location_approximate"] is True


def test_the_review_page_reads_the_version_the_suggester_saw_once(
    client, editor, db, flagged_offer, monkeypatch
):
    item = suggest_change(client, db, flagged_offer["id"], title="Beratung am Wall")
    offer_store.update_offer(db, flagged_offer["id"], {"title": "Zwischendurch"}, by="someone")
    reads = []
    snapshot = offer_history.version_snapshot
    monkeypatch.setattr(
        offer_history, "version_snapshot", lambda *args: reads.append(args) or snapshot(*args)
    )
    page = text(editor.get(f"/admin/review/{item['id']}"))
    assert 'id="changed-since"' in page and "Beratung am Wall" in page
    assert len(reads) == 1


def test_a_suggestion_without_changes_since_shows_no_warning(client, editor, db, flagged_offer):
    item = suggest_change(client, db, flagged_offer["id"], title="Beratung am Wall")
    assert 'id="changed-since"' not in text(editor.get(f"/admin/review/{item['id']}"))


# --- publishing is a check -----------------------------------------------------------------

NEW_OFFER = {
    "category": "counselling", "title": "Neu in der Nordstadt", "street": "Nordmarkt 1",
    "postcode": "44145", "city": "Dortmund", "lat": "51.5232", "lng": "7.4571",
    "languages": "de",
}  # fmt: skip


@pytest.mark.parametrize(
    ("status", "typed", "expected"),
    [("published", "", TODAY), ("published", LESS_OLD, LESS_OLD), ("draft", "", None)],
)
def test_an_offer_published_in_the_back_office_is_checked_today(
    editor, db, status, typed, expected
):
    response = post(
        editor, "/admin/offers/new", NEW_OFFER | {"status": status, "verified_at": typed}
    )
    assert response.status_code == 302, text(response)
    offer_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert offer_store.get_offer(db, offer_id, public=False)["verified_at"] == expected


@pytest.mark.parametrize(("status", "expected"), [("published", TODAY), ("draft", None)])
def test_a_new_suggestion_accepted_and_published_is_checked_today(
    client, editor, db, status, expected
):
    assert client.post("/suggest", data=NEW_OFFER).status_code == 303
    [item] = submissions.open_items(db, region=1)
    response = post(editor, f"/admin/review/{item['id']}/accept", {"status": status})
    offer_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert offer_store.get_offer(db, offer_id, public=False)["verified_at"] == expected


def test_a_new_suggestion_published_through_the_form_is_checked_today(client, editor, db):
    assert client.post("/suggest", data=NEW_OFFER).status_code == 303
    [item] = submissions.open_items(db, region=1)
    response = post(editor, f"/admin/review/{item['id']}/edit", NEW_OFFER | {"status": "published"})
    offer_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert offer_store.get_offer(db, offer_id)["verified_at"] == TODAY
    assert NEW_OFFER["title"] not in text(editor.get("/admin/freshness"))


@pytest.mark.parametrize(
    ("start", "chosen", "expected"),
    [
        ("draft", "published", TODAY),
        ("archived", "published", TODAY),
        ("published", "archived", OLD),
        ("published", "draft", OLD),
        ("published", "published", OLD),
        ("archived", "draft", OLD),
    ],
)
def test_only_publishing_by_a_person_is_a_check(editor, db, make_offer, start, chosen, expected):
    offer = make_offer(status=start, verified_at=OLD)
    post(editor, f"/admin/offers/{offer['id']}/status", {"status": chosen})
    changed = offer_store.get_offer(db, offer["id"], public=False)
    assert (changed["status"], changed["verified_at"]) == (chosen, expected)


def test_publishing_a_draft_in_the_offer_form_is_a_check(editor, db, make_offer):
    offer = make_offer(status="draft", verified_at=OLD)
    url = f"/admin/offers/{offer['id']}"
    [form] = [f for f in read_forms(text(editor.get(url)), url) if f.action == url]
    values = [(n, v) for n, v in form.values if n not in ("status", "csrf_token")]
    body = urlencode([*values, ("status", "published"), ("csrf_token", editor.token)])
    response = editor.post(url, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302, text(response)
    assert offer_store.get_offer(db, offer["id"])["verified_at"] == TODAY


@pytest.mark.parametrize("path", ["freshness", "report"])
def test_archiving_from_the_queues_keeps_the_last_check(client, editor, db, make_offer, path):
    offer = make_offer(verified_at=OLD)
    if path == "freshness":
        post(editor, f"/admin/freshness/{offer['id']}/archive")
    else:
        client.post(f"/offers/{offer['id']}/report", data={"reason": "closed"})
        [item] = submissions.open_items(db, region=1)
        post(editor, f"/admin/review/{item['id']}/accept", {"action": "archive"})
    archived = offer_store.get_offer(db, offer["id"], public=False)
    assert (archived["status"], archived["verified_at"]) == ("archived", OLD)


# --- restoring and undeleting ----------------------------------------------------------------


def first_version(db, offer_id: int) -> dict:
    return offer_history.history(db, offer_id)[-1]


def test_restoring_a_version_never_moves_the_last_check_backwards(editor, db, make_offer):
    offer = make_offer(verified_at=OLD)
    offer_store.update_offer(db, offer["id"], {"title": "Falsch", "verified_at": LESS_OLD}, by="x")
    post(editor, f"/admin/offers/{offer['id']}/restore/{first_version(db, offer['id'])['id']}")
    restored = offer_store.get_offer(db, offer["id"])
    assert (restored["title"], restored["verified_at"]) == (offer["title"], LESS_OLD)


def test_restoring_keeps_the_flags_of_a_pin_that_did_not_move(editor, db, flagged_offer):
    offer_id = flagged_offer["id"]
    offer_store.update_offer(
        db, offer_id, {"location_approximate": False, "district": "Innenstadt-West"}, by="x"
    )
    offer_store.update_offer(
        db, offer_id, {"title": "Falsch", "location_approximate": True}, by="x"
    )
    second = offer_history.history(db, offer_id)[1]
    post(editor, f"/admin/offers/{offer_id}/restore/{second['id']}")
    restored = offer_store.get_offer(db, offer_id)
    assert restored["title"] == flagged_offer["title"]
    assert restored["location_approximate"] is True


def test_restoring_a_moved_pin_brings_its_flags(editor, db, flagged_offer):
    offer_id = flagged_offer["id"]
    offer_store.update_offer(
        db, offer_id, {"lat": 51.5263, "lng": 7.4566, "location_approximate": False,
                       "district": "Innenstadt-Nord"}, by="x",
    )  # fmt: skip
    post(editor, f"/admin/offers/{offer_id}/restore/{first_version(db, offer_id)['id']}")
    restored = offer_store.get_offer(db, offer_id)
    assert (restored["lat"], restored["location_approximate"]) == (51.5142, True)
    assert restored["district"] == HAND_SET_DISTRICT


def test_restoring_a_version_recorded_before_a_field_existed_keeps_that_field(
    editor, db, flagged_offer
):
    offer_id = flagged_offer["id"]
    offer_store.update_offer(db, offer_id, {"title": "Falsch"}, by="x")
    entry = first_version(db, offer_id)
    older = {k: v for k, v in entry["after"].items() if k not in ("location_approximate", "phone")}
    with store.writing(db):  # the snapshot as an older release recorded it
        db["offer_history"].update(entry["id"], {"after": json.dumps(older)})
    offer_store.update_offer(db, offer_id, {"phone": "0231 777"}, by="x")
    assert post(editor, f"/admin/offers/{offer_id}/restore/{entry['id']}").status_code == 302
    restored = offer_store.get_offer(db, offer_id)
    assert restored["title"] == flagged_offer["title"]
    assert (restored["location_approximate"], restored["phone"]) == (True, "0231 777")


def test_restoring_a_published_version_of_an_archived_offer_is_a_check(editor, db, make_offer):
    offer = make_offer(verified_at=OLD)
    post(editor, f"/admin/offers/{offer['id']}/status", {"status": "archived"})
    post(editor, f"/admin/offers/{offer['id']}/restore/{first_version(db, offer['id'])['id']}")
    restored = offer_store.get_offer(db, offer["id"])
    assert (restored["status"], restored["verified_at"]) == ("published", TODAY)


def test_undeleting_keeps_status_last_check_and_flags(editor, admin, db, flagged_offer):
    offer_id = flagged_offer["id"]
    post(editor, f"/admin/offers/{offer_id}/delete")
    assert post(admin, f"/admin/offers/{offer_id}/undelete").status_code == 302
    back = offer_store.get_offer(db, offer_id)
    fields = ("status", "verified_at", "location_approximate", "district")
    assert {f: back[f] for f in fields} == {f: flagged_offer[f] for f in fields}


def test_the_rules_hold_below_the_web_layer(db, make_offer):
    """``edits`` is what every path calls; an import or a script may call it too."""
    offer = make_offer(status="draft", verified_at=OLD)
    assert edits.publishing_is_a_check(offer, {"status": "published"}, region_today()) == {
        "status": "published",
        "verified_at": TODAY,
    }
    assert edits.keep_pin_flags(offer, {"district": "Hörde", "title": "x"}) == {"title": "x"}

"""The back office's side of issue 4: review queue, freshness dashboard, re-confirmation
requests without SMTP (shown for copying) and the figures page."""

import re
from datetime import date, timedelta

import pytest
from admin_support import text
from samples import region_today

from refugee_map.domain import freshness, submissions
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store

TODAY = region_today().isoformat()
OLD = (region_today() - timedelta(days=400)).isoformat()


def suggest(client, **fields) -> None:
    data = {"category": "education", "title": "Deutschkurs Nordstadt", "lat": "51.525",
            "lng": "7.456", "languages": ["de"]} | fields  # fmt: skip
    assert client.post("/suggest", data=data).status_code == 303


def latest(db) -> dict:
    return submissions.get(
        db, db.execute("SELECT max(id) FROM submissions").fetchone()[0], region=1
    )


# --- the queue ------------------------------------------------------------------------------


def test_open_items_are_counted_on_every_admin_page(app, client, editor, make_offer):
    offer = make_offer()
    suggest(client)
    client.post(f"/offers/{offer['id']}/report", data={"reason": "closed"})
    for url in ("/admin/offers", "/admin/review", "/admin/freshness", "/admin/dashboard"):
        page = text(editor.get(url))
        assert re.search(r'id="open-review-count">\s*2 offen', page), url


def test_the_queue_lists_suggestions_and_reports_oldest_first(client, editor, make_offer):
    offer = make_offer()
    suggest(client, title="Erstes")
    client.post(f"/offers/{offer['id']}/report", data={"reason": "moved"})
    page = text(editor.get("/admin/review"))
    assert page.index("Erstes") < page.index("Beratung im Zentrum")
    assert "1 neue Angebote, 0 Änderungsvorschläge, 1 Meldungen" in page
    assert "umgezogen" in page


def test_suggested_text_is_escaped_in_the_back_office(client, editor, db):
    evil = "<script>alert(1)</script>"
    suggest(client, title=evil, comment=evil)
    item = latest(db)
    for url in ("/admin/review", f"/admin/review/{item['id']}"):
        page = text(editor.get(url))
        assert evil not in page and "&lt;script&gt;" in page


def test_accepting_a_new_suggestion_publishes_it_with_the_suggestion_as_source(client, editor, db):
    suggest(client)
    item = latest(db)
    response = editor.post(
        f"/admin/review/{item['id']}/accept",
        data={"csrf_token": editor.token, "status": "published"},
    )
    assert response.status_code == 302
    offer_id = int(response.headers["Location"].rsplit("/", 1)[1])
    offer = offer_store.get_offer(db, offer_id)
    assert offer["title"] == "Deutschkurs Nordstadt" and offer["status"] == "published"
    assert offer["verified_at"] == TODAY  # publishing after review is a check
    [entry] = offer_history.history(db, offer_id)
    assert entry["source"] == f"suggestion #{item['id']}"
    assert entry["user"] == editor.email
    assert submissions.get(db, item["id"], region=1)["status"] == "accepted"
    assert submissions.get(db, item["id"], region=1)["offer_id"] == offer_id
    features = client.get("/api/offers").get_json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Deutschkurs Nordstadt"]


def test_accepting_as_draft_keeps_it_off_the_map(client, editor, db):
    suggest(client)
    item = latest(db)
    editor.post(
        f"/admin/review/{item['id']}/accept", data={"csrf_token": editor.token, "status": "draft"}
    )
    assert client.get("/api/offers").get_json()["features"] == []
    assert db.execute("SELECT status FROM offers").fetchone()[0] == "draft"


def test_a_suggestion_is_accepted_only_once(client, editor, db):
    suggest(client)
    item = latest(db)
    url = f"/admin/review/{item['id']}/accept"
    editor.post(url, data={"csrf_token": editor.token})
    response = editor.post(url, data={"csrf_token": editor.token}, follow_redirects=True)
    assert "jemand anderes entschieden" in text(response)
    assert db["offers"].count == 1


def test_edit_then_accept_uses_the_offer_form_prefilled(client, editor, db):
    suggest(client, description="Vom Besucher")
    item = latest(db)
    page = text(editor.get(f"/admin/review/{item['id']}/edit"))
    assert f'action="/admin/review/{item["id"]}/edit"' in page
    assert 'value="Deutschkurs Nordstadt"' in page and "Vom Besucher" in page
    assert "Speichern übernimmt den Vorschlag" in page
    form = {"csrf_token": editor.token, "category": "education", "title": "Deutschkurs (geprüft)",
            "lat": "51.525", "lng": "7.456", "status": "published", "languages": "de"}  # fmt: skip
    bad = editor.post(f"/admin/review/{item['id']}/edit", data=form | {"title": ""})
    assert bad.status_code == 422 and f'action="/admin/review/{item["id"]}/edit"' in text(bad)
    assert latest(db)["status"] == "open"
    response = editor.post(f"/admin/review/{item['id']}/edit", data=form)
    assert response.status_code == 302
    offer = offer_store.get_offer(db, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert offer["title"] == "Deutschkurs (geprüft)" and offer["status"] == "published"
    assert offer_history.history(db, offer["id"])[0]["source"] == f"suggestion #{item['id']}"


def test_a_change_suggestion_shows_a_diff_and_accepting_updates_the_offer(
    client, editor, db, make_offer
):
    offer = make_offer(district="Innenstadt-West")
    form = {"offer": offer["id"], "category": "counselling", "title": "Beratung am Wall",
            "organization": "Beispielverein", "street": "Kampstraße 1", "postcode": "44137",
            "city": "Dortmund", "lat": "51.5142", "lng": "7.4652", "languages": ["de", "en"],
            "hours-Mo-start": "09:00", "hours-Mo-end": "12:00"}  # fmt: skip
    assert client.post("/suggest", data=form).status_code == 303
    item = latest(db)
    page = text(editor.get(f"/admin/review/{item['id']}"))
    diff = page[page.index('id="diff"') :]
    assert (
        'data-field="title"' in diff
        and "Beratung im Zentrum" in diff
        and "Beratung am Wall" in diff
    )
    assert 'data-field="opening_hours"' in diff
    assert 'data-field="organization"' not in diff  # unchanged fields are not shown
    response = editor.post(f"/admin/review/{item['id']}/accept", data={"csrf_token": editor.token})
    assert response.headers["Location"] == f"/admin/offers/{offer['id']}"
    changed = offer_store.get_offer(db, offer["id"])
    assert changed["title"] == "Beratung am Wall"
    assert changed["opening_hours"] == {"Mo": [["09:00", "12:00"]]}
    assert changed["status"] == "published" and changed["verified_at"] == offer["verified_at"]
    assert offer_history.history(db, offer["id"])[0]["source"] == f"suggestion #{item['id']}"


def test_accepting_an_old_suggestion_keeps_edits_made_since(client, editor, db, make_offer):
    offer = make_offer(phone="0231 1111")
    form = {"offer": offer["id"], "category": "counselling", "title": "Beratung am Wall",
            "organization": "Beispielverein", "street": "Kampstraße 1", "postcode": "44137",
            "city": "Dortmund", "lat": "51.5142", "lng": "7.4652", "languages": ["de", "en"],
            "phone": "0231 1111", "hours-Mo-start": "09:00", "hours-Mo-end": "12:00",
            "hours-Tu-start": "09:00", "hours-Tu-end": "12:00", "hours-We-start": "09:00",
            "hours-We-end": "12:00", "hours-Th-start": "09:00", "hours-Th-end": "12:00",
            "hours-Fr-start": "09:00", "hours-Fr-end": "12:00"}  # fmt: skip
    assert client.post("/suggest", data=form).status_code == 303
    offer_store.update_offer(db, offer["id"], {"phone": "0231 2222"}, by="editor")
    item = latest(db)
    diff = text(editor.get(f"/admin/review/{item['id']}"))
    assert 'data-field="title"' in diff and 'data-field="phone"' not in diff
    editor.post(f"/admin/review/{item['id']}/accept", data={"csrf_token": editor.token})
    changed = offer_store.get_offer(db, offer["id"])
    assert (changed["title"], changed["phone"]) == ("Beratung am Wall", "0231 2222")


def test_accepting_the_providers_own_changes_also_confirms_the_offer(editor, db, make_offer):
    offer = make_offer(verified_at=OLD)
    proposal = submissions.public_offer(offer) | {"phone": "0231 999"}
    item = submissions.add(db, "change", {"offer": proposal, "from_provider": True}, offer["id"])
    editor.post(f"/admin/review/{item}/accept", data={"csrf_token": editor.token})
    changed = offer_store.get_offer(db, offer["id"])
    assert changed["phone"] == "0231 999" and changed["verified_at"] == TODAY


def test_rejecting_keeps_the_offer_and_records_the_reason(client, editor, db, make_offer):
    offer = make_offer()
    client.post(f"/offers/{offer['id']}/report", data={"reason": "closed"})
    item = latest(db)
    response = editor.post(
        f"/admin/review/{item['id']}/reject",
        data={"csrf_token": editor.token, "reason": "Angerufen: offen"},
    )
    assert response.headers["Location"] == "/admin/review"
    decided = submissions.get(db, item["id"], region=1)
    assert decided["status"] == "rejected" and decided["reason"] == "Angerufen: offen"
    assert decided["decided_by"] == editor.email
    assert offer_store.get_offer(db, offer["id"]) == offer
    assert "Angerufen: offen" in text(editor.get("/admin/review"))
    for lang, kind, state in [("de", "Meldung „veraltet“", "abgelehnt"),
                              ("en", "“Outdated” report", "rejected")]:  # fmt: skip
        queue = text(editor.get(f"/admin/review?lang={lang}"))
        item_page = text(editor.get(f"/admin/review/{item['id']}?lang={lang}"))
        assert f"<td>{kind}</td>\n    <td>{state}</td>" in queue, lang
        assert f"<h1>{kind} #{item['id']}</h1>" in item_page
        assert f"<strong>{state}</strong>" in item_page


@pytest.mark.parametrize(("action", "status"), [("archive", "archived"), ("edit", "published")])
def test_accepting_a_report_archives_or_opens_the_offer(
    client, editor, db, make_offer, action, status
):
    offer = make_offer()
    client.post(f"/offers/{offer['id']}/report", data={"reason": "closed"})
    item = latest(db)
    response = editor.post(
        f"/admin/review/{item['id']}/accept", data={"csrf_token": editor.token, "action": action}
    )
    assert response.status_code == 302
    if action == "edit":
        assert response.headers["Location"] == f"/admin/offers/{offer['id']}"
    assert offer_store.get_offer(db, offer["id"], public=False)["status"] == status
    assert submissions.get(db, item["id"], region=1)["status"] == "accepted"


def test_review_actions_need_the_csrf_token(client, editor, db):
    suggest(client)
    item = latest(db)
    response = editor.post(f"/admin/review/{item['id']}/accept", data={})
    assert response.status_code == 400
    assert latest(db)["status"] == "open"


def test_unknown_items_are_not_found(editor):
    assert editor.get("/admin/review/99").status_code == 404
    assert (
        editor.post("/admin/review/99/reject", data={"csrf_token": editor.token}).status_code == 404
    )


# --- freshness ------------------------------------------------------------------------------


def test_the_freshness_page_lists_stale_offers_by_district_and_category(editor, make_offer):
    make_offer(title="Alt Mitte", verified_at=OLD, district="Innenstadt-West")
    make_offer(title="Nie geprüft", district="Hörde", category="donations")
    make_offer(title="Frisch", verified_at=TODAY)
    make_offer(title="Entwurf alt", verified_at=OLD, status="draft")
    page = text(editor.get("/admin/freshness"))
    assert "Alt Mitte" in page and "Nie geprüft" in page
    assert "Frisch" not in page and "Entwurf alt" not in page
    assert page.index("<h2>Hörde</h2>") < page.index("<h2>Innenstadt-West</h2>")
    assert "Möbelspenden (1)" in page and "Beratungsangebote (1)" in page
    assert "2 veraltete Angebote" in page


def test_stale_days_comes_from_the_config(app, editor, make_offer):
    make_offer(title="Vor 40 Tagen", verified_at=(region_today() - timedelta(days=40)).isoformat())
    assert "Vor 40 Tagen" not in text(editor.get("/admin/freshness"))
    app.config["STALE_DAYS"] = 30
    assert "Vor 40 Tagen" in text(editor.get("/admin/freshness"))


def test_still_valid_and_archive_in_one_click(editor, db, make_offer):
    first = make_offer(verified_at=OLD)
    second = make_offer(verified_at=OLD, title="Zweites")
    editor.post(f"/admin/freshness/{first['id']}/valid", data={"csrf_token": editor.token})
    editor.post(f"/admin/freshness/{second['id']}/archive", data={"csrf_token": editor.token})
    assert offer_store.get_offer(db, first["id"])["verified_at"] == TODAY
    assert offer_store.get_offer(db, second["id"], public=False)["status"] == "archived"
    assert offer_history.history(db, first["id"])[0]["action"] == "verify"
    assert "Alle veröffentlichten Angebote sind aktuell" in text(editor.get("/admin/freshness"))


def test_freshness_actions_need_the_csrf_token(editor, db, make_offer):
    offer = make_offer(verified_at=OLD)
    assert editor.post(f"/admin/freshness/{offer['id']}/valid").status_code == 400
    assert offer_store.get_offer(db, offer["id"])["verified_at"] == OLD


def test_without_smtp_the_messages_are_shown_for_copying_and_their_link_works(
    app, client, editor, db, make_offer
):
    asked = make_offer(verified_at=OLD, email="info@verein.example")
    make_offer(verified_at=OLD, title="Ohne E-Mail")
    response = editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
    assert response.status_code == 200
    page = text(response)
    assert "kein E-Mail-Server eingerichtet" in page
    assert page.count('class="mail-body"') == 1 and "info@verein.example" in page
    link = re.search(r"http://localhost(/confirm/[\w.\-]+)", page).group(1)
    assert client.post(link).status_code == 303
    assert offer_store.get_offer(db, asked["id"])["verified_at"] == TODAY
    [row] = list(db.query("SELECT * FROM confirmation_requests"))
    assert row["offer_id"] == asked["id"] and row["delivered"] == 0
    assert "angefragt am" not in text(editor.get("/admin/freshness"))  # no longer stale


def test_asking_one_offer_without_email_says_so(editor, make_offer):
    offer = make_offer(verified_at=OLD)
    response = editor.post(
        f"/admin/freshness/{offer['id']}/ask",
        data={"csrf_token": editor.token},
        follow_redirects=True,
    )
    assert "keine E-Mail-Adresse" in text(response)


def test_public_url_setting_makes_the_links(app, editor, make_offer):
    app.config["PUBLIC_URL"] = "https://hilfe.example.org/"
    offer = make_offer(verified_at=OLD, email="info@verein.example")
    page = text(
        editor.post(f"/admin/freshness/{offer['id']}/ask", data={"csrf_token": editor.token})
    )
    assert "https://hilfe.example.org/confirm/" in page


# --- figures ----------------------------------------------------------------------------------


def test_the_dashboard_shows_counts_share_confirmed_and_views(client, editor, db, make_offer):
    first = make_offer(verified_at=TODAY, district="Innenstadt-West")
    make_offer(verified_at=OLD, district="Hörde", category="donations")
    make_offer(status="draft")
    freshness.count_view(db, first["id"], region_today().strftime("%Y-%m"))
    freshness.count_view(db, first["id"], region_today().strftime("%Y-%m"))
    suggest(client)
    page = text(editor.get("/admin/dashboard"))
    assert re.search(r'id="figure-published"><strong>2</strong>', page)
    assert re.search(r'id="figure-confirmed"><strong>50 %</strong>', page)
    assert re.search(r'id="figure-open"><strong>1</strong>', page)
    assert page.count('<figure class="chart"') == 3
    assert re.search(
        r'bar-label">Beratungsangebote</th>\s*<td class="bar-value">.*?<span>1</span>', page, re.S
    )
    assert re.search(r'bar-label">Hörde</th>\s*<td class="bar-value">.*?<span>1</span>', page, re.S)
    table = page[page.index("views-table") :]
    assert "Beratung im Zentrum" in table and "<td>2</td>" in table


def test_figures_from_the_domain_module(db, make_offer):
    make_offer(verified_at=TODAY)
    make_offer(verified_at=OLD)
    figures = freshness.figures(db, region_today(), 365, region=1)
    assert figures["published"] == 2 and figures["confirmed_last_year"] == 1
    assert figures["confirmed_share"] == 0.5 and figures["stale"] == 1


def test_last_months_cross_the_year():
    assert freshness.last_months(date(2026, 2, 10), 4) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]


@pytest.mark.parametrize(
    ("agent", "bot"),
    [("Mozilla/5.0 (Windows NT 10.0) Chrome/130", False), ("Googlebot/2.1", True),
     ("curl/8.0", True), ("", True), (None, True), ("WhatsApp/2.23", True)],
)  # fmt: skip
def test_bots_are_recognised_by_user_agent(agent, bot):
    assert freshness.is_bot(agent) is bot


def test_edit_then_accept_a_change_starts_from_the_offer_with_the_changes(editor, db, make_offer):
    offer = make_offer(verified_at=OLD)
    proposal = submissions.public_offer(offer) | {"phone": "0231 777"}
    item = submissions.add(db, "change", {"offer": proposal}, offer["id"])
    page = text(editor.get(f"/admin/review/{item}/edit"))
    assert 'value="0231 777"' in page and f'name="version" value="{offer["version"]}"' in page
    form = {"csrf_token": editor.token, "category": "counselling", "title": offer["title"],
            "lat": "51.5142", "lng": "7.4652", "status": "published", "phone": "0231 778",
            "verified_at": TODAY, "version": offer["version"]}  # fmt: skip
    response = editor.post(f"/admin/review/{item}/edit", data=form)
    assert response.headers["Location"] == f"/admin/offers/{offer['id']}"
    changed = offer_store.get_offer(db, offer["id"])
    assert changed["phone"] == "0231 778" and changed["verified_at"] == TODAY
    assert offer_history.history(db, offer["id"])[0]["source"] == f"suggestion #{item}"
    assert submissions.get(db, item, region=1)["status"] == "accepted"


def _edit_after_a_change(editor, db, offer: dict, change: dict, by: str) -> tuple[int, object]:
    """Post "edit, then accept" for a suggestion made on ``offer`` after someone else
    saved ``change`` to it: the form still names the version the suggestion started from."""
    item = submissions.add(db, "change", {"offer": submissions.public_offer(offer)}, offer["id"])
    offer_store.update_offer(db, offer["id"], change, by=by)
    form = {"csrf_token": editor.token, "category": "counselling", "title": "Mein Titel",
            "lat": "51.5142", "lng": "7.4652", "status": "published",
            "version": offer["version"]}  # fmt: skip
    return item, editor.post(f"/admin/review/{item}/edit", data=form)


def test_edit_then_accept_refuses_a_stale_version(editor, db, make_offer):
    offer = make_offer()
    item, response = _edit_after_a_change(
        editor, db, offer, {"title": "Inzwischen anders"}, by="someone"
    )
    assert response.status_code == 409
    assert offer_store.get_offer(db, offer["id"])["title"] == "Inzwischen anders"
    assert submissions.get(db, item, region=1)["status"] == "open"


def test_edit_then_accept_on_a_moved_offer_shows_what_changed_like_the_offer_form(
    editor, db, make_offer
):
    offer = make_offer()
    item, response = _edit_after_a_change(
        editor, db, offer, {"phone": "0231 999"}, by="other@example.org"
    )
    page = text(response)
    conflict = page[page.index('id="conflict"') : page.index("</table>")]
    assert "other@example.org" in page and "0231 999" in conflict
    assert 'value="Mein Titel"' in page  # the editor's input is kept
    assert f'name="version" value="{offer["version"] + 1}"' in page
    assert f'action="/admin/review/{item}/edit"' in page  # saving again still accepts

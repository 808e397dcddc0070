"""The public side of issue 4: suggest an offer or a change, report an outdated one,
confirm by the e-mailed link, and page views - every form and every bad input."""

import time
from datetime import timedelta

import pytest
import store_support
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from samples import SUGGESTION, region_today

from refugee_map import store
from refugee_map.domain import freshness, mail, submissions
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store

NEW = SUGGESTION | {
    "description": "Montags für Anfänger",
    "hours-Mo-start": "09:00",
    "hours-Mo-end": "11:00",
    "languages": ["de", "ar"],
}


def rows(db, kind=None) -> list[dict]:
    found = [
        submissions.get(db, row["id"], region=1) for row in db.query("SELECT id FROM submissions")
    ]
    return [row for row in found if kind is None or row["kind"] == kind]


def page(response) -> str:
    return response.get_data(as_text=True)


# --- no cookies ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/list", "/suggest", "/suggest?offer={id}", "/offers/{id}",
                                 "/offers/{id}/report", "/thanks/new"])  # fmt: skip
def test_public_pages_and_forms_set_no_cookie(client, make_offer, url):
    offer = make_offer()
    response = client.get(url.format(id=offer["id"]))
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_sending_a_form_sets_no_cookie_either(client, make_offer):
    offer = make_offer()
    for response in (
        client.post("/suggest", data=NEW),
        client.post(f"/offers/{offer['id']}/report", data={"reason": "closed"}),
    ):
        assert response.status_code == 303
        assert "Set-Cookie" not in response.headers


def test_public_forms_carry_no_csrf_token_and_work_with_csrf_protection_on(app, client):
    assert app.config.get("WTF_CSRF_ENABLED", True)
    assert "csrf_token" not in page(client.get("/suggest"))
    assert client.post("/suggest", data=NEW).status_code == 303


# --- suggesting a new offer -------------------------------------------------------------------


def test_a_suggested_offer_waits_in_the_queue_and_is_not_published(client, db):
    response = client.post("/suggest", data=NEW)
    assert response.status_code == 303
    assert response.headers["Location"] == "/thanks/new"
    [item] = rows(db)
    assert item["kind"] == "new" and item["status"] == "open" and item["offer_id"] is None
    offer = item["payload"]["offer"]
    assert offer["title"] == NEW["title"]
    assert offer["languages"] == ["de", "ar"]
    assert offer["opening_hours"] == {"Mo": [["09:00", "11:00"]]}
    assert offer["district"]  # derived from the pin
    assert "status" not in offer and "verified_at" not in offer
    assert db["offers"].count == 0


def test_the_thank_you_page_says_what_happens_next(client):
    text = page(client.get("/thanks/new"))
    assert "Wie geht es weiter?" in text and "Redaktion" in text


def test_the_senders_address_is_never_stored(client, db):
    client.post("/suggest", data=NEW, environ_base={"REMOTE_ADDR": "203.0.113.77"})
    assert db["submissions"].count == 1 and db["attempts"].count == 1  # the send is counted
    dump = store_support.every_row_text(db)  # every table, the rate limit's count too
    assert "203.0.113.77" not in dump
    columns = set(store_support.column_names(db, "submissions"))
    assert not columns & {"ip", "address", "remote_addr", "user_agent"}


def test_without_a_pin_the_address_is_looked_up(client, db):
    data = {key: value for key, value in NEW.items() if key not in ("lat", "lng")}
    assert client.post("/suggest", data=data).status_code == 303
    offer = rows(db)[0]["payload"]["offer"]
    assert offer["lat"] and offer["location_approximate"] is True


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Titel"),
        ({"category": ""}, "category", "Kategorie"),
        ({"title": "x" * 201}, "title", "Höchstens 200 Zeichen"),
        ({"description": "x" * 5001}, "description", "Höchstens 5000 Zeichen"),
        ({"email": "not-an-address"}, "email", "gültige E-Mail-Adresse"),
        ({"email": "a@b"}, "email", "gültige E-Mail-Adresse"),
        ({"website": "javascript:alert(1)"}, "website", "https://"),
        ({"postcode": "4414"}, "postcode", "fünf Ziffern"),
        ({"lat": "48.1", "lng": "11.5"}, "lat", "außerhalb der Region"),
        ({"lat": "abc"}, "lat", "Zahl"),
        ({"languages": ["xx"]}, "languages", "Sprachcode"),
        ({"hours-Mo-end": ""}, "opening_hours", "Beginn und Ende"),
        ({"title": "Kurs\x00"}, "title", "unzulässiges Zeichen"),
    ],
)
def test_bad_suggestions_are_shown_again_with_the_message_and_nothing_is_stored(
    client, db, changes, field, message
):
    response = client.post("/suggest", data=NEW | changes)
    assert response.status_code == 422
    text = page(response)
    assert message in text
    assert f'href="#{field}"' in text  # the error summary links to the field
    assert rows(db) == []


def test_an_empty_form_is_refused(client, db):
    response = client.post("/suggest", data={})
    assert response.status_code == 422
    assert rows(db) == []


def test_a_too_long_comment_is_refused(client, db):
    response = client.post("/suggest", data=NEW | {"comment": "x" * 1001})
    assert response.status_code == 422
    assert "Höchstens 1000 Zeichen" in page(response)
    assert rows(db) == []


def test_script_tags_are_kept_as_text_and_never_rendered(client, db, app):
    evil = "<script>alert(1)</script>"
    response = client.post("/suggest", data=NEW | {"title": evil, "comment": evil})
    assert response.status_code == 303
    assert rows(db)[0]["payload"]["offer"]["title"] == evil
    again = client.post("/suggest", data=NEW | {"title": evil, "email": "bad"})
    assert evil not in page(again) and "&lt;script&gt;" in page(again)


def test_the_honeypot_drops_the_suggestion_but_thanks_as_usual(client, db):
    response = client.post("/suggest", data=NEW | {"homepage": "http://spam.example"})
    assert response.status_code == 303 and response.headers["Location"] == "/thanks/new"
    assert rows(db) == []


# --- suggesting a change ----------------------------------------------------------------------


def test_the_detail_page_offers_report_and_suggest_a_change(client, make_offer):
    offer = make_offer()
    text = page(client.get(f"/offers/{offer['id']}"))
    assert f'action="/offers/{offer["id"]}/report"' in text
    assert f'href="/suggest?offer={offer["id"]}"' in text
    assert 'name="homepage"' in text
    assert "Zuletzt geprüft" in text


def test_a_change_suggestion_is_prefilled_from_the_offer(client, make_offer):
    offer = make_offer(phone="0231 12345")
    text = page(client.get(f"/suggest?offer={offer['id']}"))
    assert 'value="Beratung im Zentrum"' in text
    assert 'value="0231 12345"' in text
    assert f'name="offer" value="{offer["id"]}"' in text


def test_a_change_suggestion_keeps_the_offer_as_it_is_until_reviewed(client, db, make_offer):
    offer = make_offer(district="Innenstadt-West")
    form = {
        "offer": offer["id"], "category": "counselling", "title": "Beratung im Zentrum",
        "street": "Kampstraße 1", "postcode": "44137", "city": "Dortmund",
        "lat": "51.5142", "lng": "7.4652", "hours-Mo-start": "10:00", "hours-Mo-end": "12:00",
        "languages": ["de", "en"], "organization": "Beispielverein",
    }  # fmt: skip
    response = client.post("/suggest", data=form)
    assert response.status_code == 303 and response.headers["Location"] == "/thanks/change"
    [item] = rows(db, "change")
    assert item["offer_id"] == offer["id"]
    assert item["payload"]["base_version"] == offer["version"]
    assert item["payload"]["from_provider"] is False
    changes = submissions.proposed_changes(offer, item["payload"]["offer"])
    assert set(changes) == {"opening_hours"}
    assert offer_store.get_offer(db, offer["id"])["opening_hours"] == offer["opening_hours"]


def test_a_change_suggestion_that_changes_nothing_is_refused(client, db, make_offer):
    offer = make_offer(district="Innenstadt-West")
    response = client.get(f"/suggest?offer={offer['id']}")
    form = {
        "offer": offer["id"], "category": "counselling", "title": offer["title"],
        "organization": offer["organization"], "street": offer["street"],
        "postcode": offer["postcode"], "city": offer["city"], "lat": "51.5142",
        "lng": "7.4652", "hours-Mo-start": "09:00", "hours-Mo-end": "12:00",
        "hours-Tu-start": "09:00", "hours-Tu-end": "12:00", "hours-We-start": "09:00",
        "hours-We-end": "12:00", "hours-Th-start": "09:00", "hours-Th-end": "12:00",
        "hours-Fr-start": "09:00", "hours-Fr-end": "12:00", "languages": ["de", "en"],
    }  # fmt: skip
    assert response.status_code == 200
    response = client.post("/suggest", data=form)
    assert response.status_code == 422
    assert "nichts geändert" in page(response)
    assert rows(db) == []


@pytest.mark.parametrize("offer_param", ["999", "abc", "1" * 20])
def test_a_change_for_an_unknown_offer_is_not_found(client, offer_param):
    assert client.get(f"/suggest?offer={offer_param}").status_code == 404


def test_a_change_for_a_draft_is_not_found_without_the_providers_link(client, make_offer):
    offer = make_offer(status="draft")
    assert client.get(f"/suggest?offer={offer['id']}").status_code == 404


# --- reporting ----------------------------------------------------------------------------------


def test_a_report_reaches_the_queue(client, db, make_offer):
    offer = make_offer()
    data = {"reason": "wrong_times", "comment": "Dienstags geschlossen"}
    response = client.post(f"/offers/{offer['id']}/report", data=data)
    assert response.status_code == 303 and response.headers["Location"] == "/thanks/report"
    [item] = rows(db, "report")
    assert item["offer_id"] == offer["id"]
    assert item["payload"]["reason"] == "wrong_times"
    assert item["payload"]["comment"] == "Dienstags geschlossen"
    assert offer_store.get_offer(db, offer["id"])["version"] == offer["version"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Bitte wählen Sie"),
        ({"reason": "boring"}, "Bitte wählen Sie"),
        ({"reason": "other"}, "Bitte beschreiben Sie"),
        ({"reason": "closed", "comment": "x" * 1001}, "Höchstens 1000 Zeichen"),
        ({"reason": "closed", "comment": "a\x00b"}, "unzulässiges Zeichen"),
    ],
)
def test_bad_reports_are_refused_with_a_message(client, db, make_offer, data, message):
    offer = make_offer()
    response = client.post(f"/offers/{offer['id']}/report", data=data)
    assert response.status_code == 422
    assert message in page(response)
    assert rows(db) == []


def test_reports_for_unknown_or_unpublished_offers_are_not_found(client, make_offer):
    draft = make_offer(status="draft")
    assert client.post("/offers/999/report", data={"reason": "closed"}).status_code == 404
    assert (
        client.post(f"/offers/{draft['id']}/report", data={"reason": "closed"}).status_code == 404
    )


def test_the_report_honeypot_drops_silently(client, db, make_offer):
    offer = make_offer()
    data = {"reason": "closed", "homepage": "x"}
    response = client.post(f"/offers/{offer['id']}/report", data=data)
    assert response.status_code == 303 and response.headers["Location"] == "/thanks/report"
    assert rows(db) == []


# --- cross-site posts and floods -------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost.evil.example"},
    ],
)
def test_cross_site_posts_are_refused(client, db, make_offer, headers):
    offer = make_offer()
    for url, data in (("/suggest", NEW), (f"/offers/{offer['id']}/report", {"reason": "closed"})):
        response = client.post(url, data=data, headers=headers)
        assert response.status_code == 403
        assert "nicht angenommen" in page(response)
    assert rows(db) == []


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
        {"Sec-Fetch-Site": "none"},
    ],
)
def test_same_site_posts_are_accepted(client, db, headers):
    assert client.post("/suggest", data=NEW, headers=headers).status_code == 303
    assert len(rows(db)) == 1


def test_a_flood_of_posts_gets_a_friendly_429(app, client, db, make_offer):
    app.config["PUBLIC_FORM_LIMIT"] = "5 per minute"
    offer = make_offer()
    for _ in range(5):
        assert (
            client.post(f"/offers/{offer['id']}/report", data={"reason": "closed"}).status_code
            == 303
        )
    response = client.post("/suggest", data=NEW)  # the limit covers all public forms
    assert response.status_code == 429
    assert "Einen Moment bitte" in page(response)
    assert len(rows(db)) == 5
    other = client.post("/suggest", data=NEW, environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert other.status_code == 303  # per address
    assert client.get("/suggest").status_code == 200  # reading is never limited


# --- the provider's confirmation link -----------------------------------------------------


def token_for(app, offer, age_days: int = 0, secret: str | None = None) -> str:
    class Aged(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - age_days * 86400

    serializer = URLSafeTimedSerializer(
        secret or app.config["SECRET_KEY"], salt=mail.SALT, signer=Aged
    )
    return serializer.dumps({"o": offer["id"], "v": offer["version"]})


def test_the_provider_sees_the_offer_and_confirms_it_in_one_click(app, client, db, make_offer):
    offer = make_offer(verified_at="2020-05-01", email="info@verein.example")
    token = mail.make_token(app.config["SECRET_KEY"], offer["id"], offer["version"])
    response = client.get(f"/confirm/{token}")
    assert response.status_code == 200
    text = page(response)
    assert "Beratung im Zentrum" in text and "Mai 2020" in text
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    response = client.post(f"/confirm/{token}")
    assert response.status_code == 303 and response.headers["Location"] == "/thanks/confirmed"
    confirmed = offer_store.get_offer(db, offer["id"])
    assert confirmed["verified_at"] == region_today().isoformat()
    latest = offer_history.history(db, offer["id"])[0]
    assert latest["source"] == "provider confirmation" and latest["action"] == "verify"
    assert latest["user"] == "info@verein.example"
    # The link works once.
    again = client.post(f"/confirm/{token}")
    assert again.status_code == 409 and "schon benutzt" in page(again)
    assert offer_store.get_offer(db, offer["id"])["version"] == confirmed["version"]


@pytest.mark.parametrize(
    ("make_link", "status", "message"),
    [
        (lambda app, offer: token_for(app, offer, age_days=31), 410, "abgelaufen"),
        (lambda app, offer: token_for(app, offer)[:-2] + "xx", 400, "ungültig"),
        (lambda app, offer: token_for(app, offer, secret="another key"), 400, "ungültig"),
        (lambda app, offer: "garbage", 400, "ungültig"),
        (lambda app, offer: URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=mail.SALT)
         .dumps({"o": str(offer["id"]), "v": 1}), 400, "ungültig"),
    ],
)  # fmt: skip
def test_expired_or_tampered_links_show_a_clear_page_and_change_nothing(
    app, client, db, make_offer, make_link, status, message
):
    offer = make_offer(verified_at="2020-05-01")
    link = f"/confirm/{make_link(app, offer)}"
    for response in (client.get(link), client.post(link)):
        assert response.status_code == status
        assert message in page(response) and "Es wurde nichts geändert" in page(response)
    assert offer_store.get_offer(db, offer["id"]) == offer


def test_a_link_for_a_deleted_offer_says_so(app, client, db, make_offer):
    offer = make_offer()
    token = token_for(app, offer)
    offer_store.update_offer(db, offer["id"], {"deleted_at": store.now()}, by="t", action="delete")
    assert client.get(f"/confirm/{token}").status_code == 404


def test_a_link_still_valid_after_29_days(app, client, make_offer):
    offer = make_offer()
    assert client.get(f"/confirm/{token_for(app, offer, age_days=29)}").status_code == 200


def test_the_provider_can_propose_changes_instead(app, client, db, make_offer):
    offer = make_offer(email="info@verein.example")
    token = mail.make_token(app.config["SECRET_KEY"], offer["id"], offer["version"])
    confirm_page = page(client.get(f"/confirm/{token}"))
    assert f"/suggest?offer={offer['id']}&amp;confirm={token}" in confirm_page
    form = page(client.get(f"/suggest?offer={offer['id']}&confirm={token}"))
    assert f'name="confirm" value="{token}"' in form
    data = {
        "offer": offer["id"], "confirm": token, "category": "counselling",
        "title": "Beratung im Zentrum (neu: auch samstags)", "lat": "51.5142", "lng": "7.4652",
    }  # fmt: skip
    assert client.post("/suggest", data=data).status_code == 303
    [item] = rows(db, "change")
    assert item["payload"]["from_provider"] is True
    assert offer_store.get_offer(db, offer["id"], public=False)["version"] == offer["version"]


def provider_change(offer: dict, token: str) -> dict:
    return {
        "offer": offer["id"], "confirm": token, "category": "counselling",
        "title": "Beratung im Zentrum (neu)", "lat": "51.5142", "lng": "7.4652",
    }  # fmt: skip


def refused(response, status: int, message: str) -> bool:
    text = page(response)
    return response.status_code == status and message in text and "Es wurde nichts geändert" in text


def test_a_link_is_spent_once_the_provider_sent_a_change(app, client, db, make_offer):
    offer = make_offer()
    token = token_for(app, offer)
    assert client.post("/suggest", data=provider_change(offer, token)).status_code == 303
    again = provider_change(offer, token) | {"title": "Noch einmal"}
    for response in (
        client.post("/suggest", data=again),
        client.get(f"/suggest?offer={offer['id']}&confirm={token}"),
        client.get(f"/confirm/{token}"),
        client.post(f"/confirm/{token}"),
    ):
        assert refused(response, 409, "schon benutzt")
    assert len(rows(db, "change")) == 1
    assert offer_store.get_offer(db, offer["id"])["verified_at"] == offer["verified_at"]


def test_a_link_is_spent_once_the_provider_confirmed(app, client, db, make_offer):
    offer = make_offer()
    token = token_for(app, offer)
    assert client.post(f"/confirm/{token}").status_code == 303
    for response in (
        client.get(f"/suggest?offer={offer['id']}&confirm={token}"),
        client.post("/suggest", data=provider_change(offer, token)),
    ):
        assert refused(response, 409, "schon benutzt")
    assert rows(db) == []


@pytest.mark.parametrize(
    "change",
    [
        {"status": "archived"},
        {"status": "draft"},
        {"deleted_at": "2025-01-01T00:00:00+00:00"},
    ],
)
def test_a_link_for_an_offer_no_longer_on_the_map_is_refused(app, client, db, make_offer, change):
    offer = make_offer()
    token = token_for(app, offer)
    offer_store.update_offer(db, offer["id"], change, by="test")
    for response in (
        client.get(f"/confirm/{token}"),
        client.post(f"/confirm/{token}"),
        client.get(f"/suggest?offer={offer['id']}&confirm={token}"),
        client.post("/suggest", data=provider_change(offer, token)),
    ):
        assert refused(response, 404, "gibt es auf der Karte nicht mehr")
    assert rows(db) == []
    assert offer_history.history(db, offer["id"])[0]["user"] == "test"


def test_an_expired_link_opens_no_change_form_and_marks_nothing(app, client, db, make_offer):
    offer = make_offer()
    token = token_for(app, offer, age_days=31)
    assert refused(client.get(f"/suggest?offer={offer['id']}&confirm={token}"), 410, "abgelaufen")
    response = client.post("/suggest", data=provider_change(offer, token))
    assert refused(response, 410, "abgelaufen")
    assert rows(db) == []


@pytest.mark.parametrize(
    "make_link",
    [
        lambda app, offer, other: token_for(app, other),  # another offer's link
        lambda app, offer, other: token_for(app, offer)[:-2] + "xx",
        lambda app, offer, other: "garbage",
    ],
)
def test_the_provider_marker_needs_a_valid_link_for_that_offer(
    app, client, db, make_offer, make_link
):
    offer, other = make_offer(), make_offer(title="Anderes Angebot")
    response = client.post("/suggest", data=provider_change(offer, make_link(app, offer, other)))
    assert refused(response, 400, "ungültig")
    assert rows(db) == []
    # Without a link, the same change is an ordinary visitor's suggestion.
    data = provider_change(offer, "") | {"confirm": ""}
    assert client.post("/suggest", data=data).status_code == 303
    assert rows(db, "change")[0]["payload"]["from_provider"] is False


# --- page views ---------------------------------------------------------------------------------


def test_offer_page_views_are_counted_per_month_without_bots(client, db, make_offer):
    offer = make_offer()
    browser = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
    for _ in range(3):
        client.get(f"/offers/{offer['id']}", headers=browser)
    client.get(f"/offers/{offer['id']}", headers={"User-Agent": "Googlebot/2.1"})
    client.get(f"/offers/{offer['id']}", headers={"User-Agent": ""})
    client.get(f"/offers/{offer['id']}", headers=browser | {"Sec-Purpose": "prefetch"})
    client.get("/offers/999", headers=browser)
    [row] = list(db.query("SELECT * FROM offer_views"))
    assert row == {"offer_id": offer["id"], "month": region_today().strftime("%Y-%m"), "views": 3}


def test_a_stale_offer_is_shown_with_a_gentle_notice(client, make_offer):
    old = (region_today() - timedelta(days=400)).isoformat()
    offer = make_offer(verified_at=old)
    response = client.get(f"/offers/{offer['id']}")
    assert response.status_code == 200
    assert "länger nicht geprüft" in page(response)


def test_a_link_can_be_spent_only_once_even_when_two_uses_race(db, make_offer):
    offer = make_offer()
    freshness.spend_link(db, "the-link", offer["id"])
    with pytest.raises(freshness.LinkSpent):
        freshness.spend_link(db, "the-link", offer["id"])
    assert freshness.link_spent(db, "the-link") and not freshness.link_spent(db, "another")


@pytest.mark.parametrize("variant", ["padded", "junk", "last_bits"])
def test_a_spent_link_stays_spent_when_written_differently(app, client, db, make_offer, variant):
    """Base64 lets one signature be spelled several ways: none of them opens the link again."""
    offer = make_offer()
    token = token_for(app, offer)
    assert client.post("/suggest", data=provider_change(offer, token)).status_code == 303
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    spelled = {
        "padded": token + "=",
        "junk": token + "!",
        "last_bits": token[:-1] + alphabet[alphabet.index(token[-1]) ^ 1],
    }[variant]
    again = provider_change(offer, spelled) | {"title": "Noch einmal"}
    assert client.post("/suggest", data=again).status_code in (400, 409)
    assert len(rows(db, "change")) == 1

"""Re-confirmation e-mails through a real SMTP server (aiosmtpd on 127.0.0.1), and the
signed links they carry."""

import re
from datetime import timedelta

import pytest
import store_support
from aiosmtpd.smtp import AuthResult
from samples import region_today
from servers import free_port, smtp_inbox

from refugee_map.domain import mail, regions
from refugee_map.store import offers as offer_store

OLD = (region_today() - timedelta(days=400)).isoformat()


@pytest.fixture
def smtp():
    """A local SMTP server that keeps what it receives; accepts one test account."""

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"agentur" and auth_data.password == b"geheim"
        return AuthResult(success=ok)

    with smtp_inbox(authenticator=authenticator, auth_require_tls=False) as inbox:
        yield inbox


@pytest.fixture
def app(app, smtp):
    app.config.update(
        SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port, SMTP_FROM="hilfe-karte@example.org",
        SMTP_STARTTLS=False,
    )  # fmt: skip
    return app


def test_bulk_request_mails_each_stale_offer_with_an_email_a_working_link(
    client, db, smtp, make_offer, editor
):
    first = make_offer(verified_at=OLD, email="eins@verein.example", title="Erstes Angebot")
    make_offer(verified_at=OLD, email="zwei@verein.example", title="Zweites Angebot")
    make_offer(verified_at=OLD, title="Ohne Adresse")
    make_offer(verified_at=region_today().isoformat(), email="frisch@verein.example")
    response = editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
    assert response.status_code == 200
    assert "2 von 2 E-Mails verschickt" in response.get_data(as_text=True)
    assert sorted(rcpt[0] for rcpt, _ in smtp.messages) == [
        "eins@verein.example", "zwei@verein.example",
    ]  # fmt: skip
    rcpt, message = next(m for m in smtp.messages if m[0] == ["eins@verein.example"])
    assert message["From"] == "hilfe-karte@example.org"
    assert "Erstes Angebot" in message["Subject"]
    body = message.get_content()
    assert "30 Tage" in body and "kein Konto" in body
    link = re.search(r"http://localhost(/confirm/\S+)", body).group(1)
    assert "Erstes Angebot" in client.get(link).get_data(as_text=True)
    assert client.post(link).status_code == 303
    assert offer_store.get_offer(db, first["id"])["verified_at"] == region_today().isoformat()
    rows = list(db.query("SELECT offer_id, delivered FROM confirmation_requests ORDER BY id"))
    assert all(row["delivered"] == 1 for row in rows) and len(rows) == 2


def test_asking_while_the_database_is_busy_sends_nothing_until_sent_again(
    app, smtp, make_offer, editor
):
    """The 503 page offers to send the form again: no provider may get the mail twice."""
    make_offer(verified_at=OLD, email="eins@verein.example")
    make_offer(verified_at=OLD, email="zwei@verein.example")
    app.config["DB_BUSY_TIMEOUT"] = 0.05
    with store_support.write_lock_held(app.config["DB"]):  # another writer holds the lock
        busy = editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
    assert busy.status_code == 503 and smtp.messages == []
    again = editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
    assert again.status_code == 200
    assert sorted(rcpt[0] for rcpt, _ in smtp.messages) == [
        "eins@verein.example", "zwei@verein.example",
    ]  # fmt: skip


def test_asking_all_again_skips_providers_whose_link_still_works(smtp, make_offer, editor):
    make_offer(verified_at=OLD, email="eins@verein.example")
    editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
    again = editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
    assert again.status_code == 302
    assert len(smtp.messages) == 1


def test_a_single_request_only_goes_to_that_offer(smtp, make_offer, editor):
    offer = make_offer(verified_at=OLD, email="eins@verein.example")
    make_offer(verified_at=OLD, email="zwei@verein.example")
    editor.post(f"/admin/freshness/{offer['id']}/ask", data={"csrf_token": editor.token})
    assert [rcpt for rcpt, _ in smtp.messages] == [["eins@verein.example"]]


def test_choosing_some_offers_sends_only_those(smtp, make_offer, editor):
    offer = make_offer(verified_at=OLD, email="eins@verein.example")
    make_offer(verified_at=OLD, email="zwei@verein.example")
    data = {"csrf_token": editor.token, "offer": [str(offer["id"])]}
    editor.post("/admin/freshness/ask", data=data)
    assert [rcpt for rcpt, _ in smtp.messages] == [["eins@verein.example"]]


def test_smtp_login_is_used_when_a_user_is_set(smtp):
    settings = mail.SmtpSettings(
        "127.0.0.1", smtp.port, "agentur", "geheim", "a@example.org", False
    )
    message = mail.Message(1, "x@example.org", "Betreff", "Text")
    assert mail.send(settings, [message]) == {1: None}
    # aiosmtpd leaves a failed login unanswered: the time-out ends it, reported per offer.
    wrong = mail.SmtpSettings(
        "127.0.0.1", smtp.port, "agentur", "falsch", "a@example.org", False, timeout=1
    )
    assert mail.send(wrong, [message])[1]  # the error, not an exception
    assert len(smtp.messages) == 1


def test_an_unreachable_server_is_reported_not_raised(app, db, make_offer, editor):
    app.config["SMTP_PORT"] = free_port()  # nobody listens
    make_offer(verified_at=OLD, email="eins@verein.example")
    response = editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
    assert response.status_code == 200
    assert "0 von 1 E-Mails verschickt" in response.get_data(as_text=True)
    assert db.execute("SELECT delivered FROM confirmation_requests").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({}, None),
        ({"SMTP_HOST": ""}, None),
        ({"SMTP_HOST": "mx.example"}, ("mx.example", 25, False, "hilfe-karte@mx.example")),
        ({"SMTP_HOST": "m", "SMTP_USER": "u@example.org"}, ("m", 587, True, "u@example.org")),
        ({"SMTP_HOST": "m", "SMTP_PORT": "2525", "SMTP_STARTTLS": "false", "SMTP_FROM": "f@x.org"},
         ("m", 2525, False, "f@x.org")),
        ({"SMTP_HOST": "m", "SMTP_STARTTLS": True}, ("m", 587, True, "hilfe-karte@m")),
    ],
)  # fmt: skip
def test_smtp_settings_from_the_environment(config, expected):
    settings = mail.SmtpSettings.from_config(config)
    if expected is None:
        assert settings is None
    else:
        assert (settings.host, settings.port, settings.starttls, settings.sender) == expected


def test_tokens_round_trip_and_refuse_another_salt():
    token = mail.make_token("key", 7, 3)
    assert mail.read_token("key", token, 30) == (7, 3)
    with pytest.raises(mail.LinkInvalid):
        mail.read_token("other key", token, 30)
    from itsdangerous import URLSafeTimedSerializer

    other = URLSafeTimedSerializer("key", salt="something else").dumps({"o": 7, "v": 3})
    with pytest.raises(mail.LinkInvalid):
        mail.read_token("key", other, 30)


def test_one_bad_message_does_not_stop_the_others(smtp):
    settings = mail.SmtpSettings("127.0.0.1", smtp.port, "", "", "a@example.org", False)
    messages = [
        mail.Message(1, "eins@example.org", "Betreff", "Text"),
        mail.Message(2, "zwei@example.org", "Betreff\nBcc: x@example.org", "Text"),
        mail.Message(3, "drei@example.org", "Betreff", "Text"),
    ]
    results = mail.send(settings, messages)
    assert results[1] is None and results[3] is None
    assert results[2]  # the error, reported per offer
    assert [rcpt for rcpt, _ in smtp.messages] == [["eins@example.org"], ["drei@example.org"]]


def test_a_title_with_a_line_break_makes_a_one_line_subject():
    offer = {"id": 1, "title": "Kleider\nkammer", "organization": "", "email": "a@b.de"}
    message = mail.confirmation_message(
        offer, "https://x.example/confirm/t", 30, "Agentur", "Hilfe-Karte Dortmund"
    )
    assert "\n" not in message.subject and "Kleider kammer" in message.subject


def test_the_request_is_written_in_the_regions_language(app):
    from flask_babel import force_locale

    offer = {"id": 1, "title": "Sprachcafé", "organization": "Verein", "email": "a@b.de"}
    with app.test_request_context(), force_locale("en"):
        site = regions.settings_region(app.config).site_name
        message = mail.confirmation_message(offer, "https://x.example/c/t", 30, "Agency", site)
    assert message.subject == "Please check: “Sprachcafé” on the Dortmund Help Map"
    assert "The link is valid for 30 days." in message.body
    assert message.body.rstrip().endswith("Agency")


@pytest.mark.parametrize(
    "address",
    ["a@b.org,c@d.org", "a@b.org, c@d.org", '"x" <a@b.org>', "a@b.org\r\nBcc: c@d.org",
     "a@b.org;c@d.org", "info@example.org,postmaster"],
)  # fmt: skip
def test_send_refuses_a_recipient_that_is_not_one_mailbox(smtp, address):
    settings = mail.SmtpSettings("127.0.0.1", smtp.port, "", "", "a@example.org", False)
    messages = [
        mail.Message(1, address, "Betreff", "Text"),
        mail.Message(2, "zwei@example.org", "Betreff", "Text"),
    ]
    results = mail.send(settings, messages)
    assert results == {1: mail.NOT_ONE_MAILBOX, 2: None}
    assert [rcpt for rcpt, _ in smtp.messages] == [["zwei@example.org"]]


def test_an_old_offer_with_two_addresses_is_reported_not_mailed(app, db, smtp, make_offer, editor):
    offer = make_offer(verified_at=OLD)
    db["offers"].update(offer["id"], {"email": "info@example.org,postmaster"})  # from before
    response = editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
    assert "0 von 1 E-Mails verschickt" in response.get_data(as_text=True)
    assert smtp.messages == []

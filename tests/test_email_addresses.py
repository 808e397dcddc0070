"""An e-mail address is one mailbox, at every way in: the offer forms, the public suggestion,
the import, accounts in the back office and on the command line (``mail.send`` refuses the
rest: see tests/test_mail.py)."""

import csv
import io
import re

import pytest
from admin_support import PASSWORD, field_error, text
from click.testing import CliRunner
from samples import CENTRE_OFFER

from refugee_map.cli import main
from refugee_map.domain import users as user_accounts
from refugee_map.domain.mailbox import is_mailbox
from refugee_map.store import offers as offer_store

# Each would reach the SMTP server as two recipients, or as added headers.
SEVERAL = [
    "a@b.org,c@d.org",
    "a@b.org, c@d.org",
    '"x" <a@b.org>',
    "a@b.org\r\nBcc: c@d.org",
    "a@b.org;c@d.org",
    "info@example.org,postmaster",
]
MESSAGE = "gültige E-Mail-Adresse"
OFFER_FORM = CENTRE_OFFER | {"hours-Mo-start": "09:00", "hours-Mo-end": "12:00"}


@pytest.mark.parametrize("address", SEVERAL)
def test_more_than_one_mailbox_is_not_an_address(address):
    assert not is_mailbox(address)


@pytest.mark.parametrize(
    "address", ["info@example.org", "max.müller@bürgerverein.de", "a+b@mail.example.co.uk"]
)
def test_one_mailbox_is_an_address(address):
    assert is_mailbox(address)


@pytest.mark.parametrize("address", SEVERAL)
def test_the_public_suggestion_form_refuses_it_at_the_field(client, db, address):
    response = client.post("/suggest", data=OFFER_FORM | {"email": address})
    assert response.status_code == 422
    assert MESSAGE in field_error(text(response), "email")
    assert db["submissions"].count == 0


@pytest.mark.parametrize("address", SEVERAL)
def test_the_editors_offer_forms_refuse_it_at_the_field(editor, db, make_offer, address):
    offer = make_offer()
    form = OFFER_FORM | {"email": address, "csrf_token": editor.token}
    new = editor.post("/admin/offers/new", data=form)
    edited = editor.post(f"/admin/offers/{offer['id']}", data=form | {"version": 1})
    for response in (new, edited):
        assert response.status_code == 422
        assert MESSAGE in field_error(text(response), "email")
    assert db["offers"].count == 1
    assert offer_store.get_offer(db, offer["id"])["email"] == offer["email"]


def csv_file(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("address", SEVERAL)
def test_the_import_refuses_the_row_and_names_the_field(app, tmp_path, address):
    path = tmp_path / "offers.csv"
    path.write_text(csv_file([CENTRE_OFFER | {"email": address}]), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", str(path)], env={"REFUGEE_MAP_DB": app.config["DB"]}
    )
    assert result.exit_code != 0
    assert re.search(r"Zeile \d+: email: .*gültige E-Mail-Adresse", result.output)
    assert "nichts wurde importiert" in result.output


def test_the_import_page_refuses_the_row_too(app, db, editor):
    data = csv_file([CENTRE_OFFER | {"email": "info@example.org,postmaster"}]).encode()
    form = {"csrf_token": editor.token, "file": (io.BytesIO(data), "offers.csv")}
    response = editor.post("/admin/import", data=form, content_type="multipart/form-data")
    assert response.status_code in (200, 422)
    assert MESSAGE in text(response) and 'name="token"' not in text(response)
    assert db["offers"].count == 0


@pytest.mark.parametrize("address", SEVERAL)
def test_a_new_account_needs_one_mailbox(app, admin, db, address):
    form = {"email": address, "role": "editor", "password": PASSWORD, "confirm_password": PASSWORD}
    response = admin.post("/admin/users/new", data=form | {"csrf_token": admin.token})
    assert response.status_code == 422
    assert MESSAGE in field_error(text(response), "email")
    assert [user.email for user in user_accounts.list_users(db)] == [admin.email]


@pytest.mark.parametrize("address", SEVERAL)
def test_create_user_on_the_command_line_needs_one_mailbox(app, db, address):
    result = CliRunner().invoke(
        main,
        ["create-user", address, "--role", "editor", "--password-stdin"],
        input=PASSWORD + "\n",
        env={"REFUGEE_MAP_DB": app.config["DB"]},
    )
    assert result.exit_code != 0 and MESSAGE in result.output
    assert db["users"].count == 0

"""Passwords must be hard to guess wherever one is set: the command line, an admin creating
an account or setting its password, and one's own password change."""

import pytest
from admin_support import PASSWORD, field_error, make_user, signed_in, text
from click.testing import CliRunner

from refugee_map import store
from refugee_map.cli import main
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import users as user_accounts

EMAIL = "anna.schmidt@example.org"
# Each long enough, each guessed at once: blanks, repeats, a common password, the account.
WEAK = ["            ", "aaaaaaaaaaaa", "password1234", EMAIL, "anna.schmidt2024"]
REASON = "zu leicht zu erraten"


@pytest.mark.parametrize("password", WEAK)
def test_a_weak_password_is_refused_with_the_reason(app, db, password):
    with app.test_request_context(), pytest.raises(account_rules.UserError) as error:
        user_accounts.create_user(
            db, EMAIL, password, "editor", ph=account_rules.hasher(app.config)
        )
    assert error.value.field == "password"
    assert REASON in error.value.message
    assert user_accounts.find_user(db, EMAIL) is None


@pytest.mark.parametrize(
    "password", ["hilfekarte2026", "Hilfe-Karte Dortmund", "refugee_map12", "refugee-map-2026"]
)
def test_the_sites_own_name_is_refused_like_the_accounts(app, password):
    with app.test_request_context(), pytest.raises(account_rules.UserError) as error:
        account_rules.check_password_rules(password, EMAIL)
    assert REASON in error.value.message


def test_the_reason_names_what_makes_it_guessable(app, db):
    with app.test_request_context():
        reasons = {}
        for password in ("aaaaaaaaaaaa", "password1234", EMAIL, "abcdefghijklmn"):
            with pytest.raises(account_rules.UserError) as error:
                account_rules.check_password_rules(password, EMAIL)
            reasons[password] = error.value.message
    assert "Wiederholungen" in reasons["aaaaaaaaaaaa"]
    assert "häufiges Passwort" in reasons["password1234"]
    assert "E-Mail-Adresse oder den Namen" in reasons[EMAIL]
    assert "Folgen wie" in reasons["abcdefghijklmn"]


def test_the_reason_is_in_english_for_an_english_back_office(app):
    english = app.test_request_context(headers={"Accept-Language": "en"})
    with english, pytest.raises(account_rules.UserError) as error:
        account_rules.check_password_rules("password1234", EMAIL)
    assert "too easy to guess" in error.value.message
    assert "common password" in error.value.message


def test_a_long_passphrase_is_accepted_and_very_long_ones_are_estimated(app):
    with app.test_request_context():
        account_rules.check_password_rules(PASSWORD, EMAIL)
        account_rules.check_password_rules("Tram 403 fährt nie pünktlich zum Hafen " * 20, EMAIL)


@pytest.mark.parametrize("password", WEAK)
def test_cli_create_user_refuses_a_weak_password(tmp_path, password):
    env = {"REFUGEE_MAP_DB": str(tmp_path / "cli.db"), "REFUGEE_MAP_ARGON2_MEMORY_COST": "1024"}
    result = CliRunner().invoke(
        main, ["create-user", EMAIL, "--role", "admin", "--password-stdin"],
        input=password + "\n", env=env,
    )  # fmt: skip
    assert result.exit_code != 0
    assert "password:" in result.output and REASON in result.output
    assert user_accounts.find_user(store.connect(tmp_path / "cli.db"), EMAIL) is None


@pytest.mark.parametrize("password", WEAK)
def test_an_admin_cannot_create_an_account_with_a_weak_password(admin, db, password):
    form = {"email": EMAIL, "role": "editor", "password": password, "confirm_password": password}
    response = admin.post("/admin/users/new", data=form | {"csrf_token": admin.token})
    assert response.status_code == 422
    assert REASON in field_error(text(response), "password")
    assert user_accounts.find_user(db, EMAIL) is None


@pytest.mark.parametrize("password", WEAK)
def test_an_admin_cannot_set_a_weak_password(app, admin, db, password):
    user = make_user(app, EMAIL)
    form = {"role": "editor", "active": "1", "password": password}
    response = admin.post(f"/admin/users/{user.id}", data=form | {"csrf_token": admin.token})
    assert response.status_code == 422
    assert REASON in field_error(text(response), "password")
    ph = account_rules.hasher(app.config)
    assert user_accounts.authenticate(db, EMAIL, PASSWORD, ph=ph) is not None


@pytest.mark.parametrize("password", WEAK)
def test_nobody_can_change_their_own_password_to_a_weak_one(app, db, password):
    client = signed_in(app, EMAIL)
    form = {"password": PASSWORD, "new_password": password, "confirm_password": password}
    response = client.post("/admin/account", data=form | {"csrf_token": client.token})
    assert response.status_code == 422
    assert REASON in field_error(text(response), "new_password")
    assert (
        user_accounts.authenticate(db, EMAIL, PASSWORD, ph=account_rules.hasher(app.config))
        is not None
    )

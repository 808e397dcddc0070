"""Accounts, sessions and the one permission gate of the back office."""

from datetime import UTC, datetime, timedelta

import pytest
from admin_support import ADMIN_EMAIL, PASSWORD, login, make_user, signed_in
from click.testing import CliRunner

from refugee_map import store
from refugee_map.cli import main
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import users as user_accounts
from refugee_map.web import auth

# --- users and passwords -----------------------------------------------------------------


def test_passwords_are_stored_as_argon2id_hashes(app, db):
    make_user(app, "anna@example.org")
    stored = db.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize(
    ("email", "password", "role", "field"),
    [
        ("not-an-address", PASSWORD, "editor", "email"),
        ("anna@example.org", "short", "editor", "password"),
        ("anna@example.org", PASSWORD, "superuser", "role"),
    ],
)
def test_create_user_refuses_bad_input(app, db, email, password, role, field):
    with app.test_request_context(), pytest.raises(account_rules.UserError) as error:
        user_accounts.create_user(db, email, password, role, ph=account_rules.hasher(app.config))
    assert error.value.field == field


def test_create_user_refuses_the_same_email_twice_in_any_case(app, db):
    make_user(app, "anna@example.org")
    with (
        app.test_request_context(),
        pytest.raises(account_rules.UserError, match="schon ein Konto"),
    ):
        user_accounts.create_user(
            db, "ANNA@example.org", PASSWORD, "admin", ph=account_rules.hasher(app.config)
        )


def test_authenticate_accepts_only_the_right_password_of_an_active_account(app, db):
    user = make_user(app, "anna@example.org")
    ph = account_rules.hasher(app.config)
    assert user_accounts.authenticate(db, "anna@example.org", PASSWORD, ph=ph).id == user.id
    assert user_accounts.authenticate(db, "anna@example.org", "wrong password!", ph=ph) is None
    assert user_accounts.authenticate(db, "nobody@example.org", PASSWORD, ph=ph) is None
    user_accounts.set_active(db, user.id, False)
    assert user_accounts.authenticate(db, "anna@example.org", PASSWORD, ph=ph) is None


@pytest.mark.parametrize("role", [*account_rules.ROLES, None])
@pytest.mark.parametrize("permission", list(account_rules.PERMISSIONS))
def test_can_follows_the_permission_table(role, permission):
    region = account_rules.region_of(role, 1)
    user = account_rules.User(1, "x@example.org", role, True, region) if role else None
    assert account_rules.can(user, permission, 1) is (
        role is not None and role in account_rules.PERMISSIONS[permission]
    )


def test_a_disabled_user_can_do_nothing():
    user = account_rules.User(1, "x@example.org", "admin", active=False, region_id=1)
    permissions = account_rules.PERMISSIONS
    assert not any(account_rules.can(user, permission, 1) for permission in permissions)


def test_requiring_an_unknown_permission_fails_at_import_time():
    with pytest.raises(KeyError):
        auth.requires("everything")


def test_there_is_no_self_registration(app):
    rules = [rule.rule for rule in app.url_map.iter_rules()]
    assert not [rule for rule in rules if "regist" in rule or "signup" in rule]


# --- signing in and coming back (every route x visitor: tests/test_access_matrix.py) -------


def test_anonymous_is_sent_to_login_and_then_back(app, make_offer):
    offer = make_offer()
    make_user(app, "anna@example.org")
    client = app.test_client()
    target = f"/admin/offers/{offer['id']}/history"
    response = client.get(target)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/login?next={target}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'name="next" value="{target}"' in page
    response = login(client, "anna@example.org", next_url=target)
    assert response.headers["Location"] == target
    assert client.get(target).status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/admin/",
        "//evil.example/admin/",
        "/\\evil.example",
        "javascript:alert(1)",
        "/offers/1",
        "http:/admin/",
        "/admin/\r\nSet-Cookie: x=1",
    ],
)
def test_login_never_redirects_outside_the_back_office(app, target):
    make_user(app, "anna@example.org")
    response = login(app.test_client(), "anna@example.org", next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


# --- signing in and out ------------------------------------------------------------------------


def test_login_with_a_wrong_password_says_so_and_keeps_the_email(app):
    make_user(app, "anna@example.org")
    response = login(app.test_client(), "anna@example.org", "not the password")
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Passwort stimmt nicht" in page
    assert 'value="anna@example.org"' in page


def test_login_without_csrf_token_is_refused(app):
    make_user(app, "anna@example.org")
    client = app.test_client()
    response = client.post("/admin/login", data={"email": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/admin/offers").status_code == 302


def test_session_lasts_a_working_day(app):
    assert app.permanent_session_lifetime == timedelta(hours=10)
    make_user(app, "anna@example.org")
    response = login(app.test_client(), "anna@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_an_expired_session_is_refused_even_with_a_valid_cookie(app, db):
    client = signed_in(app, "anna@example.org")
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")
    with store.writing(db):
        db.execute("UPDATE user_sessions SET expires_at = ?", [past])
    assert client.get("/admin/offers").status_code == 302


def _copy(client, app):
    """A second browser holding a copy of ``client``'s cookies."""
    thief = app.test_client()
    for cookie in client._cookies.values():
        thief.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    return thief


def test_logout_revokes_the_session_so_a_copied_cookie_stops_working(app):
    client = signed_in(app, "anna@example.org")
    thief = _copy(client, app)
    assert thief.get("/admin/offers").status_code == 200
    response = client.post("/admin/logout", data={"csrf_token": client.token})
    assert response.headers["Location"] == "/admin/login"
    assert client.get("/admin/offers").status_code == 302
    assert thief.get("/admin/offers").status_code == 302


def test_logout_needs_a_post_with_csrf_token(app):
    client = signed_in(app, "anna@example.org")
    assert client.get("/admin/logout").status_code == 405
    assert client.post("/admin/logout").status_code == 400
    assert client.get("/admin/offers").status_code == 200


def change_password(client, current: str, new: str, confirm: str):
    """Send the account page's form: the current password, the new one and its repetition."""
    data = {"password": current, "new_password": new, "confirm_password": confirm}
    return client.post("/admin/account", data={"csrf_token": client.token} | data)


def test_password_change_ends_every_other_session(app):
    laptop = signed_in(app, "anna@example.org")
    phone = app.test_client()
    login(phone, "anna@example.org")
    assert phone.get("/admin/offers").status_code == 200
    new = "another long password"
    assert change_password(laptop, PASSWORD, new, new).status_code == 302
    assert laptop.get("/admin/offers").status_code == 200  # this browser signed in again
    assert phone.get("/admin/offers").status_code == 302
    assert login(app.test_client(), "anna@example.org", new).status_code == 302
    assert login(app.test_client(), "anna@example.org").status_code == 401


@pytest.mark.parametrize(
    ("current", "new", "confirm", "field"),
    [
        ("wrong password!", "another long password", "another long password", "password"),
        (PASSWORD, "another long password", "a different one!!", "confirm_password"),
        (PASSWORD, "short", "short", "new_password"),
    ],
)
def test_password_change_refuses_bad_input(app, current, new, confirm, field):
    client = signed_in(app, "anna@example.org")
    response = change_password(client, current, new, confirm)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert login(app.test_client(), "anna@example.org").status_code == 302


# --- rate limits ----------------------------------------------------------------------------


def test_login_is_rate_limited_per_account_with_a_clear_message(app):
    app.config["LOGIN_LIMIT_ACCOUNT"] = "3 per 15 minutes"
    make_user(app, "anna@example.org")
    make_user(app, "ben@example.org")
    for _ in range(3):
        assert login(app.test_client(), "anna@example.org", "guess guess guess").status_code == 401
    blocked = login(app.test_client(), "anna@example.org")  # even the right password
    assert blocked.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldungen für dieses Konto" in blocked.get_data(as_text=True)
    assert login(app.test_client(), "ben@example.org").status_code == 302


def test_login_is_rate_limited_per_address(app):
    app.config["LOGIN_LIMIT_ADDRESS"] = "3 per 15 minutes"
    make_user(app, "anna@example.org")
    for name in ("a", "b", "c"):
        login(app.test_client(), f"{name}@example.org", "guess guess guess")
    blocked = login(app.test_client(), "anna@example.org")
    assert blocked.status_code == 429
    assert "von diesem Netzwerk" in blocked.get_data(as_text=True)
    other = app.test_client()
    assert login(other, "anna@example.org").status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    assert login(elsewhere, "anna@example.org").status_code == 302


def test_successful_logins_do_not_count_against_the_limit(app):
    app.config["LOGIN_LIMIT_ACCOUNT"] = "2 per 15 minutes"
    make_user(app, "anna@example.org")
    for _ in range(5):
        assert login(app.test_client(), "anna@example.org").status_code == 302


# --- accounts in the UI ---------------------------------------------------------------------


def test_admin_creates_an_editor_who_can_then_sign_in(app, admin):
    response = admin.post(
        "/admin/users/new",
        data={"csrf_token": admin.token, "email": "new@example.org", "role": "editor",
              "password": PASSWORD, "confirm_password": PASSWORD},
    )  # fmt: skip
    assert response.headers["Location"] == "/admin/users"
    assert "new@example.org" in admin.get("/admin/users").get_data(as_text=True)
    client = app.test_client()
    assert login(client, "new@example.org").status_code == 302
    assert client.get("/admin/users").status_code == 403


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "nope", "role": "editor"}, "email"),
        ({"email": ADMIN_EMAIL, "role": "editor"}, "email"),  # taken
        ({"email": "x@example.org", "role": "root"}, "role"),
        ({"email": "x@example.org", "role": "editor", "password": "short"}, "password"),
        ({"email": "x@example.org", "role": "editor", "confirm_password": "other"},
         "confirm_password"),
    ],
)  # fmt: skip
def test_creating_a_user_with_bad_input_shows_the_message_at_the_field(admin, data, field):
    form = {"password": PASSWORD, "confirm_password": data.get("password", PASSWORD)} | data
    response = admin.post("/admin/users/new", data=form | {"csrf_token": admin.token})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert 'class="error-summary"' in page


def test_admin_disables_a_user_who_is_signed_out_at_once(app, db, admin, editor):
    user = user_accounts.find_user(db, editor.email)
    response = admin.post(
        f"/admin/users/{user.id}", data={"csrf_token": admin.token, "role": "editor"}
    )
    assert response.status_code == 302
    assert editor.get("/admin/offers").status_code == 302
    assert login(app.test_client(), editor.email).status_code == 401
    admin.post(
        f"/admin/users/{user.id}", data={"csrf_token": admin.token, "role": "editor", "active": "1"}
    )
    assert login(app.test_client(), editor.email).status_code == 302


def test_admin_changes_a_role_which_applies_at_once(db, admin, editor):
    assert editor.get("/admin/users").status_code == 403
    user = user_accounts.find_user(db, editor.email)
    admin.post(
        f"/admin/users/{user.id}", data={"csrf_token": admin.token, "role": "admin", "active": "1"}
    )
    assert editor.get("/admin/users").status_code == 200


def test_admin_sets_a_new_password_which_signs_the_user_out(app, db, admin, editor):
    user = user_accounts.find_user(db, editor.email)
    admin.post(
        f"/admin/users/{user.id}",
        data={"csrf_token": admin.token, "role": "editor", "active": "1",
              "password": "a brand new password"},
    )  # fmt: skip
    assert editor.get("/admin/offers").status_code == 302
    assert login(app.test_client(), editor.email, "a brand new password").status_code == 302


def test_an_admin_cannot_lock_themselves_out(db, admin):
    me = user_accounts.find_user(db, admin.email)
    response = admin.post(
        f"/admin/users/{me.id}", data={"csrf_token": admin.token, "role": "editor"}
    )
    assert response.status_code == 422
    assert (
        user_accounts.get_user(db, me.id).role == "admin"
        and user_accounts.get_user(db, me.id).active
    )


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def cli_db(new_database) -> str:
    return new_database("cli.db")


def _cli(location: str, *args, stdin=None):
    env = {"REFUGEE_MAP_DB": location, "REFUGEE_MAP_ARGON2_MEMORY_COST": "1024"}
    return CliRunner().invoke(main, list(args), input=stdin, env=env)


def test_cli_create_user_reads_the_password_from_stdin(cli_db):
    result = _cli(cli_db, "create-user", "anna@example.org", "--role", "admin",
                  "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Created admin account anna@example.org" in result.output
    db = store.connect(cli_db)
    user = user_accounts.find_user(db, "anna@example.org")
    assert user.role == "admin" and user.active
    ph = account_rules.hasher({"ARGON2_MEMORY_COST": 1024})
    assert user_accounts.authenticate(db, "anna@example.org", PASSWORD, ph=ph) is not None


def test_cli_create_user_prompts_for_the_password_twice(cli_db):
    stdin = f"{PASSWORD}\n{PASSWORD}\n"
    result = _cli(cli_db, "create-user", "ed@example.org", "--role", "editor", stdin=stdin)
    assert result.exit_code == 0, result.output
    assert "Created editor account" in result.output


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["nope", "--role", "editor", "--password-stdin"], PASSWORD, "email"),
        (["a@example.org", "--role", "editor", "--password-stdin"], "short", "password"),
        (["a@example.org", "--role", "root", "--password-stdin"], PASSWORD, "root"),
    ],
)
def test_cli_create_user_refuses_bad_input(cli_db, args, stdin, message):
    result = _cli(cli_db, "create-user", *args, stdin=stdin + "\n")
    assert result.exit_code != 0
    assert message in result.output


def test_back_office_pages_are_not_cached_and_refer_only_to_this_site(app):
    response = app.test_client().get("/admin/login")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_login_over_https_works_with_the_referer_a_browser_sends(app):
    make_user(app, "anna@example.org")
    client = app.test_client()
    base = "https://map.example.org"
    page = client.get("/admin/login", base_url=base).get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/admin/login",
        base_url=base,
        headers={"Referer": f"{base}/admin/login"},
        data={"email": "anna@example.org", "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302

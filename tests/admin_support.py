"""Helpers for back-office tests: accounts, signing in, CSRF tokens, reading pages."""

import re

from refugee_map import store
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import users as user_accounts

# argon2id still, but cheap: tests sign in hundreds of times.
FAST_HASHING = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1}
PASSWORD = "a long test password"
# The accounts of conftest's ``editor`` and ``admin`` fixtures.
EDITOR_EMAIL = "editor@example.org"
ADMIN_EMAIL = "admin@example.org"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_user(
    app, email: str, role: str = "editor", password: str = PASSWORD, *, region: int = 1
) -> account_rules.User:
    """A new account of ``role`` in region ``region`` (ignored for a network admin)."""
    db = store.connect(app.config["DB"])
    try:
        return user_accounts.create_user(
            db, email, password, role, ph=account_rules.hasher(app.config), region_id=region
        )
    finally:
        db.close()


def csrf_token(client, url: str = "/admin/login") -> str:
    """The CSRF token of ``client``'s session, read from a page's form."""
    response = client.get(url)
    match = _TOKEN.search(response.get_data(as_text=True))
    assert match, f"no csrf_token on {url} ({response.status_code})"
    return match.group(1)


def login(client, email: str, password: str = PASSWORD, next_url: str | None = None,
          prefix: str = ""):  # fmt: skip
    data = {"email": email, "password": password,
            "csrf_token": csrf_token(client, f"{prefix}/admin/login")}  # fmt: skip
    if next_url is not None:
        data["next"] = next_url
    return client.post(f"{prefix}/admin/login", data=data)


def signed_in(app, email: str, role: str = "editor", *, region: int = 1, prefix: str = ""):
    """A test client signed in as a new ``role`` account of region ``region`` (at the
    back office under ``prefix``, e.g. ``/bochum``); ``client.token`` posts forms."""
    make_user(app, email, role, region=region)
    client = app.test_client()
    response = login(client, email, prefix=prefix)
    assert response.status_code == 302, response.get_data(as_text=True)
    client.token = csrf_token(client, f"{prefix}/admin/account")
    client.email = email
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def field_error(page: str, field: str) -> str:
    """The message shown at ``field`` of a form page ("" for none)."""
    match = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', page)
    return match.group(1) if match else ""

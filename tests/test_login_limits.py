"""Login limits: counted before the password is checked, per account and source and per
address, with a growing delay that never keeps the owner out (refugee_map/login_limits.py)."""

import http.client
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import pytest
from admin_support import PASSWORD, csrf_token, login, make_user, text
from argon2 import PasswordHasher
from servers import waitress_serving

from refugee_map.domain import login_limits

LIMITS = login_limits.Limits(per_account=5, account_window=900, per_address=20, address_window=900)
HOME, OFFICE, ELSEWHERE = (
    login_limits.address_source(a) for a in ("10.0.0.1", "10.0.0.2", "10.9.9.9")
)


def tries(db, account, source, times, now=1000.0):
    for _ in range(times):
        login_limits.reserve(db, account, source, LIMITS, now)


# --- the rule ---------------------------------------------------------------------------------


def test_an_attempt_counts_before_its_password_is_checked(fresh_db):
    tries(fresh_db, "anna", HOME, 5)
    with pytest.raises(login_limits.TooManyAttempts) as refused:
        login_limits.reserve(fresh_db, "anna", HOME, LIMITS, 1060.0)
    assert refused.value.reason == "account"
    assert refused.value.wait == 840  # until the first attempt leaves the 15 minutes


def test_a_successful_attempt_is_forgotten(fresh_db):
    for _ in range(10):
        attempt = login_limits.reserve(fresh_db, "anna", HOME, LIMITS, 1000.0)
        login_limits.forget(fresh_db, attempt)
    assert fresh_db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 0


def test_attempts_leave_the_window(fresh_db):
    tries(fresh_db, "anna", HOME, 5)
    with pytest.raises(login_limits.TooManyAttempts):
        login_limits.reserve(fresh_db, "anna", HOME, LIMITS, 1000.0 + 899)
    assert login_limits.reserve(fresh_db, "anna", HOME, LIMITS, 1000.0 + 901) > 0


def test_a_locked_account_and_address_pair_does_not_keep_the_owner_out(fresh_db):
    tries(fresh_db, "anna", HOME, 5)
    with pytest.raises(login_limits.TooManyAttempts):
        login_limits.reserve(fresh_db, "anna", HOME, LIMITS, 1001.0)
    laptop = login_limits.device_source("laptop")
    assert login_limits.reserve(fresh_db, "anna", OFFICE, LIMITS, 1001.0) > 0  # owner elsewhere
    assert login_limits.reserve(fresh_db, "anna", laptop, LIMITS, 1001.0) > 0


def test_an_address_is_limited_over_all_accounts_but_not_a_trusted_browser(fresh_db):
    for number in range(20):
        tries(fresh_db, f"user{number}", HOME, 1)
    with pytest.raises(login_limits.TooManyAttempts) as refused:
        login_limits.reserve(fresh_db, "anna", HOME, LIMITS, 1001.0)
    assert refused.value.reason == "address"
    assert (
        login_limits.reserve(fresh_db, "anna", login_limits.device_source("laptop"), LIMITS, 1001.0)
        > 0
    )


def test_many_failures_make_each_failing_source_wait_longer_but_not_a_new_one(fresh_db):
    sources = [login_limits.address_source(f"10.1.0.{n}") for n in range(9)]
    for source in sources[:8]:
        tries(fresh_db, "anna", source, 1)  # a botnet: one guess per address
    with pytest.raises(login_limits.TooManyAttempts) as refused:
        login_limits.reserve(fresh_db, "anna", sources[0], LIMITS, 1003.0)
    assert (refused.value.reason, refused.value.wait) == ("delay", 5)  # 2 ** (8 - 5) = 8 s
    login_limits.reserve(fresh_db, "anna", sources[0], LIMITS, 1008.0)
    login_limits.reserve(fresh_db, "anna", sources[8], LIMITS, 1008.0)  # never failed: no wait


def test_the_delay_is_at_most_the_window_divided_by_the_limit(fresh_db):
    for number in range(40):
        tries(fresh_db, "anna", login_limits.address_source(f"10.2.0.{number}"), 1)
    with pytest.raises(login_limits.TooManyAttempts) as refused:
        login_limits.reserve(
            fresh_db, "anna", login_limits.address_source("10.2.0.0"), LIMITS, 1000.0
        )
    assert refused.value.wait == 180


# --- the login form -----------------------------------------------------------------------------


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_a_refused_login_says_how_long_to_wait_and_checks_no_password(app, monkeypatch):
    # The clock stands still: on a busy machine a second passes between the tries.
    monkeypatch.setattr(login_limits, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    make_user(app, "anna@example.org")
    for _ in range(5):
        assert login(app.test_client(), "anna@example.org", "guess guess guess").status_code == 401
    checked = count_verifications(monkeypatch)
    refused = login(app.test_client(), "anna@example.org")  # even the right password
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "900"
    assert "Bitte versuchen Sie es in 15 Minuten erneut." in text(refused)
    assert checked == []


def test_the_owner_signs_in_from_another_address_while_one_is_locked(app):
    make_user(app, "anna@example.org")
    for _ in range(5):
        login(from_address(app, "10.0.0.1"), "anna@example.org", "guess guess guess")
    assert login(from_address(app, "10.0.0.1"), "anna@example.org").status_code == 429
    assert login(from_address(app, "10.0.0.2"), "anna@example.org").status_code == 302


def test_a_browser_that_signed_in_before_is_not_locked_out_by_its_network(app):
    make_user(app, "anna@example.org")
    laptop = from_address(app, "10.0.0.1")
    assert login(laptop, "anna@example.org").status_code == 302
    laptop.post("/admin/logout", data={"csrf_token": csrf_token(laptop, "/admin/account")})
    for number in range(20):  # someone on the same network guesses
        login(from_address(app, "10.0.0.1"), f"user{number}@example.org", "guess guess guess")
    assert login(from_address(app, "10.0.0.1"), "anna@example.org").status_code == 429
    assert login(laptop, "anna@example.org").status_code == 302


def test_the_trusted_browser_cookie_is_for_one_account_and_cannot_be_forged(app):
    make_user(app, "anna@example.org")
    make_user(app, "ben@example.org")
    laptop = from_address(app, "10.0.0.1")
    login(laptop, "anna@example.org")
    laptop.post("/admin/logout", data={"csrf_token": csrf_token(laptop, "/admin/account")})
    for _ in range(5):
        login(laptop, "ben@example.org", "guess guess guess")
    assert login(laptop, "ben@example.org").status_code == 429
    forged = from_address(app, "10.0.0.1")
    forged.set_cookie("refugee_map_device", "eyJhY2NvdW50IjoieCJ9.forged", path="/admin/")
    for _ in range(5):
        login(forged, "anna@example.org", "guess guess guess")
    assert login(forged, "anna@example.org").status_code == 429


def test_the_current_password_on_the_account_page_is_limited_too(app):
    from admin_support import signed_in

    client = signed_in(app, "anna@example.org")
    form = {"csrf_token": client.token, "new_password": "x", "confirm_password": "x"}
    for _ in range(5):
        response = client.post("/admin/account", data=form | {"password": "guess guess guess"})
        assert response.status_code == 422
    response = client.post("/admin/account", data=form | {"password": PASSWORD})
    assert response.status_code == 429
    assert "Bitte versuchen Sie es in" in text(response)


# --- real parallel requests -------------------------------------------------------------------


def count_verifications(monkeypatch) -> list:
    """Every password verification from now on, in any thread."""
    checked: list = []
    verify = PasswordHasher.verify

    def counted(self, stored, password):
        checked.append(password)  # list.append is atomic
        return verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    return checked


def request(port, method, path, *, source="127.0.0.1", cookie="", form=None):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read().decode()
    finally:
        connection.close()


def login_form(port, source):
    """A browser's first visit: its session cookie and the form's CSRF token."""
    _status, cookie, page = request(port, "GET", "/admin/login", source=source)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return cookie.split(";")[0], token


def test_thirty_parallel_guesses_check_at_most_the_limit_and_the_owner_still_signs_in(
    app, monkeypatch
):
    # A slower hash than the suite's, so that the requests really overlap.
    app.config |= {"ARGON2_TIME_COST": 2, "ARGON2_MEMORY_COST": 8192}
    make_user(app, "anna@example.org")
    checked = count_verifications(monkeypatch)
    with waitress_serving(app, threads=32) as url:
        port = urlsplit(url).port
        cookie, token = login_form(port, "127.0.0.1")
        start = threading.Barrier(30)

        def guess(number):
            form = {"csrf_token": token, "email": "anna@example.org", "password": f"guess {number}"}
            start.wait()
            return request(port, "POST", "/admin/login", cookie=cookie, form=form)[0]

        with ThreadPoolExecutor(30) as pool:
            statuses = list(pool.map(guess, range(30)))
        assert sorted(set(statuses)) == [401, 429]
        assert statuses.count(401) == len(checked) == 5  # the limit, not one more

        cookie, token = login_form(port, "127.0.0.2")  # the owner, from another address
        form = {"csrf_token": token, "email": "anna@example.org", "password": PASSWORD}
        status, _cookie, _page = request(
            port, "POST", "/admin/login", source="127.0.0.2", cookie=cookie, form=form
        )
        assert status == 302

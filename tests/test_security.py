import pytest
from admin_support import FAST_HASHING, PASSWORD, login, make_user

from refugee_map import create_app, store
from refugee_map.web.security import content_security_policy


def test_pages_forbid_scripts_and_requests_to_other_servers(client):
    policy = client.get("/list").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy


def test_no_referrer_leaves_the_site(client):
    headers = client.get("/").headers
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_tile_subdomain_placeholders_become_a_wildcard():
    policy = content_security_policy("https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tiles.example.org" in policy


def test_relative_tile_urls_need_no_extra_origin():
    assert "img-src 'self' data:;" in content_security_policy("/tiles/{z}/{x}/{y}.png")


@pytest.mark.parametrize("path", ["/", "/list", "/suggest"])
def test_map_pages_open_the_connection_to_the_tile_server_early(client, path):
    page = client.get(path).get_data(as_text=True)
    has_map = path != "/list"
    assert ('<link rel="preconnect" href="https://tile.openstreetmap.org">' in page) is has_map


@pytest.mark.parametrize(
    "tile_url", ["/tiles/{z}/{x}/{y}.png", "https://{s}.tiles.example.org/{z}/{x}/{y}.png"]
)
def test_no_preconnect_for_own_or_subdomain_tiles(tmp_path, tile_url):
    app = create_app({"DB": str(tmp_path / "t.db"), "SECRET_KEY": "t", "TILE_URL": tile_url})
    store.init(store.connect(app.config["DB"]))
    assert 'rel="preconnect"' not in app.test_client().get("/").get_data(as_text=True)


# --- cookies over HTTPS and the trusted proxy ---------------------------------------------------


def make_app(tmp_path, **settings):
    app = create_app(
        {"TESTING": True, "DB": str(tmp_path / "t.db"), "SECRET_KEY": "t"} | FAST_HASHING | settings
    )
    store.init(store.connect(app.config["DB"]))
    make_user(app, "anna@example.org")
    return app


def signed_in_cookies(client, **request) -> list[str]:
    """The Set-Cookie headers of a successful sign-in."""
    page = client.get("/admin/login", **request).get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"email": "anna@example.org", "password": PASSWORD, "csrf_token": token}
    response = client.post("/admin/login", data=form, **request)
    assert response.status_code == 302
    return response.headers.getlist("Set-Cookie")


def secure(cookies: list[str]) -> list[bool]:
    return ["; Secure" in cookie for cookie in cookies]


def test_cookies_are_secure_when_the_public_address_is_https(tmp_path):
    app = make_app(tmp_path, PUBLIC_URL="https://karte.example.org")
    assert secure(signed_in_cookies(app.test_client())) == [True, True]  # session, device


def test_cookies_are_secure_on_a_request_over_https(tmp_path):
    app = make_app(tmp_path)
    https = {
        "base_url": "https://karte.example.org",
        "headers": {"Referer": "https://karte.example.org/admin/login"},
    }
    assert secure(signed_in_cookies(app.test_client(), **https)) == [True, True]
    assert secure(signed_in_cookies(app.test_client())) == [False, False]


def test_forwarded_headers_count_only_behind_a_trusted_proxy(tmp_path):
    forwarded = {"headers": {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.1"}}
    app = make_app(tmp_path)
    assert secure(signed_in_cookies(app.test_client(), **forwarded)) == [False, False]
    behind_proxy = make_app(tmp_path / "proxy", TRUSTED_PROXIES=1)
    referer = {"Referer": "https://localhost/admin/login"}
    forwarded["headers"] |= referer
    assert secure(signed_in_cookies(behind_proxy.test_client(), **forwarded)) == [True, True]


@pytest.mark.parametrize(("proxies", "locked"), [(0, True), (1, False)])
def test_the_login_limit_believes_x_forwarded_for_only_from_a_trusted_proxy(
    tmp_path, proxies, locked
):
    app = make_app(tmp_path, TRUSTED_PROXIES=proxies)
    for number in range(5):  # five guesses, each claiming another address
        client = app.test_client()
        client.environ_base["HTTP_X_FORWARDED_FOR"] = f"10.0.0.{number}"
        assert login(client, "anna@example.org", "guess guess guess").status_code == 401
    owner = app.test_client()
    owner.environ_base["HTTP_X_FORWARDED_FOR"] = "10.0.0.9"  # the owner, elsewhere
    assert login(owner, "anna@example.org").status_code == (429 if locked else 302)
